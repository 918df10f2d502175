// The near matches of a run (compare/near_match.h on the records of a run):
// the roster rows that could not be keyed, paired with the other offices'
// records by the near-match rules, kept where the model's relation in time
// holds (the comparator decides it, as for any lead) and the score reaches
// kReviewThreshold.
#ifndef QINGLIAN_APP_REVIEW_H_
#define QINGLIAN_APP_REVIEW_H_

#include <functional>
#include <vector>

#include "qinglian/compare/comparator.h"
#include "qinglian/compare/near_match.h"
#include "qinglian/core/review.h"
#include "qinglian/input/loader.h"

namespace qinglian {

// One model with the unkeyed rows of its roster kind.
struct ReviewInput {
  const Model* model = nullptr;
  const RecordSet* unkeyed = nullptr;  // RecordLoader::unkeyed()
  const std::vector<UnkeyedId>* ids = nullptr;
  const Roster* roster = nullptr;  // the keyed rows: a record they explain is no candidate
  const RecordSet* events = nullptr;
};

// Builds the lead a match makes (the run's own evidence builder).
using EvidenceMaker = std::function<LeadEvidence(const Match&, const ModelInput&)>;

// The candidates of every input, best first, with the lead each would make
// in `evidence`.
std::vector<ReviewCandidate> FindReviewCandidates(const std::vector<ReviewInput>& inputs,
                                                  const CompareOptions& options,
                                                  const EvidenceMaker& make_evidence, Date today);

// Which keys the other offices' files must keep for the near matches of
// these unkeyed rows.
NearKeyFilter NearKeysOf(const std::vector<UnkeyedId>& ids, Date today);

}  // namespace qinglian

#endif  // QINGLIAN_APP_REVIEW_H_
