// Excel workbooks (.xlsx) as input: the first worksheet is turned into CSV
// text, one line per sheet row, so that the loaders read it like any export
// and their line numbers are the row numbers Excel shows.
#ifndef QINGLIAN_INPUT_XLSX_H_
#define QINGLIAN_INPUT_XLSX_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "qinglian/base/status.h"

namespace qinglian {

// True when the bytes start like a ZIP archive, as every .xlsx does.
bool LooksLikeXlsx(std::string_view head);

// Bounds on what a workbook may make the reader hold, past Excel's own
// (16,384 columns, 1,048,576 rows, 32,767 characters in a cell): a small
// archive can inflate to gigabytes, and a long shared string named by many
// cells makes far more text than the file holds.
struct XlsxLimits {
  // The most one part of the archive may inflate to, and the most CSV text
  // the sheet may make.
  uint64_t max_bytes = uint64_t{1} << 30;
};

// Reads the workbook at `path` and returns its first worksheet as CSV
// (UTF-8, comma-separated, quoted where needed). Cells keep what the sheet
// stores: shared and inline strings as text, numbers as Excel wrote them
// (so a date is its serial number and an ID number Excel converted shows as
// 4.30102199001011E+17, which the loaders reject as damaged). Only a line
// break inside a cell (Alt+Enter) becomes a space, as the loaders make it in
// any field, so that each sheet row stays one line.
Result<std::string> XlsxToCsv(const std::string& path, const XlsxLimits& limits = {});

// The same for a workbook held in memory; `name` is used in messages.
Result<std::string> XlsxToCsv(std::string_view bytes, const std::string& name,
                              const XlsxLimits& limits = {});

}  // namespace qinglian

#endif  // QINGLIAN_INPUT_XLSX_H_
