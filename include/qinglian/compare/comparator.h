// The comparison: a hash join of another office's records on the roster's ID
// keys, kept where the model's relation in time holds between the record and
// a period of the person, the record is of a kind the model covers, and the
// time lies inside the model's look-back.
#ifndef QINGLIAN_COMPARE_COMPARATOR_H_
#define QINGLIAN_COMPARE_COMPARATOR_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "qinglian/base/date.h"
#include "qinglian/compare/model.h"
#include "qinglian/compare/roster.h"
#include "qinglian/core/offence_vocabulary.h"
#include "qinglian/core/record_set.h"

namespace qinglian {

// One problem lead before it is stored.
struct Match {
  uint16_t model = 0;   // index into the inputs of Compare
  uint32_t event = 0;   // index into the model's event records
  uint32_t record = 0;  // the roster record the lead is charged to: its unit
  // Every roster record the relation holds for, in start order: two or more
  // when the person held posts in two units at once.
  std::vector<uint32_t> covering;
  // When the relation holds: the event's day; the overlap of the two periods;
  // the days employed after the event.
  Date first, last;
  bool name_matches = true;        // the two records name the person alike
  int64_t amount_fen = kNoNumber;  // months of overlap × the monthly amount

  int32_t days() const { return last.days() - first.days() + 1; }
};

struct CompareOptions {
  Date as_of;               // an open period runs to this day; the look-back counts back from it
  int lookback_years = -1;  // >= 0 overrides every model's look-back
};

struct ModelStats {
  uint64_t candidates = 0;  // records on a roster person of a type the model covers
  uint64_t leads = 0;
};

struct CompareStats {
  uint64_t hits = 0;                // records on a roster person's ID number (each once)
  uint64_t outside_employment = 0;  // the relation holds with no period of the person
  uint64_t outside_lookback = 0;    // only before a model's look-back, or after the as-of date
  uint64_t not_in_models = 0;       // of a type or kind no chosen model covers
  uint64_t name_mismatches = 0;     // leads whose two records name the person differently
  uint64_t concurrent = 0;          // leads whose time falls in periods in two units
  // Offences on roster persons whose label the vocabulary does not know: label -> records.
  std::map<std::string, uint64_t> other_offences;
  std::vector<ModelStats> models;  // parallel to the inputs
};

// One model with the records it compares.
struct ModelInput {
  const Model* model = nullptr;
  const Roster* roster = nullptr;
  const RecordSet* events = nullptr;
};

// Returns the matches in the order of the event sets, their records, then
// the models. Models that share an event set (the offence models) count each
// record once in the stats.
std::vector<Match> Compare(const std::vector<ModelInput>& inputs, const CompareOptions& options,
                           CompareStats* stats);

// A lead's stable key: the same model, person and record give the same key
// in every run. The record is named by its case number where its kind has
// one, else by its offence type and the kind's identity fields.
std::string LeadKey(const Model& model, const RecordSet& events, size_t record,
                    const OffenceVocabulary* vocabulary);

}  // namespace qinglian

#endif  // QINGLIAN_COMPARE_COMPARATOR_H_
