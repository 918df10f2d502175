// Dispositions as a commission records them: one lead at a time, or a whole
// feedback file from the units, all rows or none.
#ifndef QINGLIAN_APP_DISPOSE_H_
#define QINGLIAN_APP_DISPOSE_H_

#include <optional>
#include <string>
#include <vector>

#include "qinglian/base/date.h"
#include "qinglian/base/status.h"
#include "qinglian/core/audit.h"
#include "qinglian/core/record_kind.h"
#include "qinglian/store/store.h"

namespace qinglian {

// Fills what a step leaves to defaults: who took it (`actor`, the OS user),
// its day (`today`), and for a transfer or a reopening its deadline: the
// day plus `due_days`, else plus the store's default (Store::DueDays).
Status CompleteDisposition(Store& store, const std::string& actor, Date today,
                           std::optional<int64_t> due_days, Disposition* d);

struct FeedbackOutcome {
  size_t applied = 0;               // dispositions recorded
  size_t blank = 0;                 // rows not filled in, skipped
  std::vector<std::string> errors;  // "FILE:LINE: why", one per bad row; then nothing is recorded
};

// Reads the feedback file at `path` (kind `kind`), checks every row against
// the leads as the rows before it leave them, and records them all, or none
// when any row is bad. Rows left blank are skipped and counted. Fails only
// when the file cannot be read at all.
Result<FeedbackOutcome> ApplyFeedbackFile(Store& store, const std::string& path,
                                          const RecordKind& kind, const std::string& actor,
                                          Date today, AuditEntry* audit);

}  // namespace qinglian

#endif  // QINGLIAN_APP_DISPOSE_H_
