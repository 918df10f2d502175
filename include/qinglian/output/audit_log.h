// The audit trail as `qinglian audit` prints it.
#ifndef QINGLIAN_OUTPUT_AUDIT_LOG_H_
#define QINGLIAN_OUTPUT_AUDIT_LOG_H_

#include <string>
#include <vector>

#include "qinglian/core/audit.h"

namespace qinglian {

// One entry a line: number, time, actor, command, what it touched, arguments.
std::string FormatAuditLog(const std::vector<AuditEntry>& entries);

}  // namespace qinglian

#endif  // QINGLIAN_OUTPUT_AUDIT_LOG_H_
