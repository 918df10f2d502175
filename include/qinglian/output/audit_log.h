// The audit trail as `qinglian audit` prints it.
#ifndef QINGLIAN_OUTPUT_AUDIT_LOG_H_
#define QINGLIAN_OUTPUT_AUDIT_LOG_H_

#include <string>
#include <vector>

#include "qinglian/core/audit.h"
#include "qinglian/core/vocab.h"

namespace qinglian {

// A heading, then one entry a line: number, local time, actor, command, what
// it touched, arguments.
std::string FormatAuditLog(const std::vector<AuditEntry>& entries, Lang lang);

}  // namespace qinglian

#endif  // QINGLIAN_OUTPUT_AUDIT_LOG_H_
