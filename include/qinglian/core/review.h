// The review queue's value types: a candidate pair of a near match (a roster
// row that could not be keyed and another office's record), a person's
// judgement of it, and the figures a run and the report give of them.
#ifndef QINGLIAN_CORE_REVIEW_H_
#define QINGLIAN_CORE_REVIEW_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "qinglian/core/lead.h"

namespace qinglian {

enum class Verdict : uint8_t { kSame, kDifferent, kUnsure };
const char* VerdictCode(Verdict v);  // "same", "different", "unsure"
std::optional<Verdict> ParseVerdict(std::string_view code);

struct ReviewJudgement {
  int64_t candidate = 0;
  Verdict verdict = Verdict::kUnsure;
  std::string roster_hash, other_hash;  // the records as judged
  std::string reviewer, note, at;
  int64_t lead = 0;  // --same: the lead it made (or found made already)
};

struct ReviewCandidate {
  int64_t id = 0;        // as stored: the N of `review N`
  std::string pair_key;  // the same pair in every run
  std::string model, rule;
  int score = 0;
  std::string reasons;  // JSON: [{"code", "points", "why"}]
  std::string roster;   // JSON: the roster row as read (its ID number as written)
  std::string other;    // JSON: the other record
  // The content of each side: a changed record re-opens a judged pair.
  std::string roster_hash, other_hash;
  std::string lead_key;  // of the lead a --same judgement makes
  int64_t first_run = 0, last_run = 0;
  // The latest judgement, when there is one.
  std::optional<ReviewJudgement> judgement;
  // The lead is made from the records it judged, and the candidate is
  // settled, while neither record changes.
  bool settled() const {
    return judgement && judgement->verdict != Verdict::kUnsure &&
           judgement->roster_hash == roster_hash && judgement->other_hash == other_hash;
  }
  // The lead a --same judgement makes (kept with the candidate; each run
  // builds it again from its records).
  LeadEvidence evidence;
};

// What a run, or the store, counts of the near matches.
struct ReviewFigures {
  uint64_t not_keyed = 0;   // roster rows whose ID number could not be keyed
  uint64_t candidates = 0;  // pairs above the threshold the run found
  uint64_t open = 0;        // of them, not judged (or judged unsure, or changed since)
  uint64_t matched = 0;     // leads matched by review
  bool homophones = true;   // the homophone and variant rules had their tables
};

}  // namespace qinglian

#endif  // QINGLIAN_CORE_REVIEW_H_
