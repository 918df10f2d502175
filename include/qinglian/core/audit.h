// The audit trail's entries as the commands make them. The trail itself
// (append-only, hash-chained) lives in the store: Store::AppendAudit.
#ifndef QINGLIAN_CORE_AUDIT_H_
#define QINGLIAN_CORE_AUDIT_H_

#include <string>
#include <string_view>
#include <vector>

#include "qinglian/store/store.h"

namespace qinglian {

// Masks every ID number in free text: a run of 15 or 17 digits followed by a
// digit or X becomes "430102********123X"; other text is unchanged.
std::string MaskIdNumbersIn(std::string_view text);

// An entry for `command` run by `actor` with these arguments (the words after
// the program name), ID numbers masked, as a JSON array.
AuditEntry MakeAuditEntry(const std::string& actor, const std::string& command,
                          const std::vector<std::string>& args);

// The trail as `qinglian audit` prints it, one entry a line.
std::string FormatAuditLog(const std::vector<AuditEntry>& entries);

}  // namespace qinglian

#endif  // QINGLIAN_CORE_AUDIT_H_
