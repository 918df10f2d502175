// Near matches: candidate pairs between roster rows whose ID number could
// not be keyed and the other offices' records, found by blocking and scored,
// never by guessing an ID. Nothing here makes a lead: a person judges each
// candidate (`qinglian review`).
//
// Two rules, each a hash lookup per roster row:
// - a number a spreadsheet put in scientific notation (4.31222E+17) keeps its
//   first significant digits, rounded: the records whose key rounds to them
//   (the region, and as much of the birth date as is shown) are compared by
//   name;
// - a number with a wrong check character, an impossible birth date or an
//   unknown province is one slip from the true one: the valid keys one edit
//   away (one character changed in any of the 18 positions, or two adjacent
//   ones swapped) are looked up, and compared by name.
// A record already explained by an exact match, on a roster row whose name
// agrees with it, is nobody else's: it is never a candidate.
#ifndef QINGLIAN_COMPARE_NEAR_MATCH_H_
#define QINGLIAN_COMPARE_NEAR_MATCH_H_

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "qinglian/base/date.h"
#include "qinglian/core/idcard.h"
#include "qinglian/core/name_variants.h"

namespace qinglian {

// Candidates scoring below this are not shown (out of 100).
constexpr int kReviewThreshold = 60;

enum class NearRule : uint8_t {
  kDamaged,   // scientific notation: a rounded prefix is left
  kMistyped,  // one edit from a valid number
};
const char* NearRuleCode(NearRule r);  // "damaged_id", "one_digit"

// What is left of an ID number that could not be keyed, and which rule reads it.
struct DamagedId {
  bool usable = false;
  NearRule rule = NearRule::kDamaged;
  // kDamaged: the significant digits shown (at least 6), rounded by the
  // spreadsheet; kMistyped: the 18 characters as written (digits, X last).
  std::string digits;
};

// Reads the rejected ID number `raw` (as in the file) that ParseIdNumber
// found `problem` with. Not usable for other problems, or too little left.
DamagedId ReadDamagedId(std::string_view raw, IdProblem problem);

// Whether `key` shows as `shown` when rounded to shown.size() significant digits.
bool RoundsTo(IdKey key, std::string_view shown);

// One valid key one edit from a mistyped number: the position changed (0 to
// 17), or the first of two swapped.
struct NearKey {
  IdKey key = 0;
  int position = 0;
  bool swap = false;
};

// The valid keys one edit from the 18 characters `id` (each once, by their
// first edit). `today` bounds the birth date.
std::vector<NearKey> OneEditKeys(std::string_view id, Date today);

// The keys worth reading from the other offices' files for the near matches
// of a set of damaged numbers: Wants() is a hash lookup, safe to call from
// several threads once built.
class NearKeyFilter {
 public:
  void Add(const DamagedId& id, Date today);
  bool Wants(IdKey key) const;
  bool empty() const { return keys_.empty() && ranges_.empty(); }

 private:
  std::unordered_set<IdKey> keys_;
  // The keys damaged numbers round from: first -> one past the last, disjoint.
  std::map<IdKey, IdKey> ranges_;
};

// One roster row that could not be keyed, as the rules read it.
struct UnkeyedPerson {
  DamagedId id;
  std::string name, unit;
};

// One record of the other side: its key and how it names the person.
struct OtherPerson {
  IdKey key = 0;
  std::string_view name, unit;  // unit empty where the kind has none
  // An exact match on a roster row whose name agrees explains it.
  bool explained = false;
};

// A pair the rules found, before its score.
struct NearPair {
  uint32_t row = 0;    // index into the unkeyed rows
  uint32_t other = 0;  // index into the other records
  NearRule rule = NearRule::kDamaged;
  NearKey edit;  // kMistyped: the edit that leads to the other key
  NameAgreement name = NameAgreement::kNone;
};

// Every pair of an unkeyed row and another record the rules find whose
// names agree (at least one character different) and whose score reaches
// kReviewThreshold, should the model's relation in time hold. A damaged
// number is the range of keys that round to it, looked up in the records
// sorted by key, or by their name where only the same name can reach the
// threshold: so the work grows with the rows and the records they pair
// with, not with every record of a region for every row.
std::vector<NearPair> FindNearPairs(const std::vector<UnkeyedPerson>& rows,
                                    const std::vector<OtherPerson>& others,
                                    const NameVariants& names, Date today);

// One part of a score and why it counts.
struct ScorePart {
  std::string code;  // name, region, birth_date, sex, id_number, time, unit
  int points = 0;
  std::string why;
  std::string why_zh;  // the same in Chinese
};
struct NearScore {
  int total = 0;  // 0..100
  std::vector<ScorePart> parts;
};

// Scores a pair whose model relation in time holds (the time part):
// name agreement, region, birth date and sex as far as the damaged number
// shows them, the edit, and the unit where the other record names one.
NearScore ScoreNearPair(const UnkeyedPerson& row, const OtherPerson& other, const NearPair& pair);

}  // namespace qinglian

#endif  // QINGLIAN_COMPARE_NEAR_MATCH_H_
