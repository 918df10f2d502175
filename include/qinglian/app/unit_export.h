// Leads as one file per unit (`export --per-unit`): a folder the commission
// hands out unit by unit. The folder appears whole or not at all.
#ifndef QINGLIAN_APP_UNIT_EXPORT_H_
#define QINGLIAN_APP_UNIT_EXPORT_H_

#include <string>
#include <utility>
#include <vector>

#include "qinglian/base/status.h"
#include "qinglian/core/lead.h"
#include "qinglian/core/units.h"
#include "qinglian/output/lead_format.h"

namespace qinglian {

// A file name for a unit's leads: the name with every character a file
// system or a shell could take for something else (/ \ : * ? " < > | and
// control characters) made "_", no leading dot or blank, at most 120 bytes
// (cut at a character), and "无单位" for an empty name. `ext` is "csv" or
// "xlsx".
std::string UnitFileName(const std::string& unit, const std::string& ext);

// Writes the leads into `dir`, one file per unit (by its official name, so
// variants share a file), as CSV or XLSX (`format`). The files are written
// into a fresh owner-only folder beside `dir` and renamed to `dir` at the
// end, so that `dir` appears with every file or not at all; `dir` may be
// missing or an empty folder. Returns each file's name and its leads' count.
Result<std::vector<std::pair<std::string, size_t>>> ExportPerUnit(
    const std::string& dir, const std::vector<StoredLead>& leads,
    const std::vector<UnitAlias>& aliases, const std::string& format, const ExportOptions& o);

}  // namespace qinglian

#endif  // QINGLIAN_APP_UNIT_EXPORT_H_
