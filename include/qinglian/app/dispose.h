// Dispositions as a commission records them: one lead at a time, or a whole
// feedback file from the units, all rows or none.
#ifndef QINGLIAN_APP_DISPOSE_H_
#define QINGLIAN_APP_DISPOSE_H_

#include <string>
#include <vector>

#include "qinglian/base/status.h"
#include "qinglian/core/audit.h"
#include "qinglian/core/record_kind.h"
#include "qinglian/store/store.h"

namespace qinglian {

struct FeedbackOutcome {
  size_t applied = 0;               // dispositions recorded
  std::vector<std::string> errors;  // "FILE:LINE: why", one per bad row; then nothing is recorded
};

// Reads the feedback file at `path` (kind `kind`), checks every row against
// the leads as the rows before it leave them, and records them all, or none
// when any row is bad. Fails only when the file cannot be read at all.
Result<FeedbackOutcome> ApplyFeedbackFile(Store& store, const std::string& path,
                                          const RecordKind& kind, const std::string& actor,
                                          AuditEntry* audit);

}  // namespace qinglian

#endif  // QINGLIAN_APP_DISPOSE_H_
