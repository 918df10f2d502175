// Writing CSV for spreadsheets: RFC 4180 quoting, CRLF line ends, and cells
// that a spreadsheet would run as a formula neutralised.
#ifndef QINGLIAN_BASE_CSV_WRITER_H_
#define QINGLIAN_BASE_CSV_WRITER_H_

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace qinglian {

// Writes one field, quoted when it holds the separator, a quote, CR or LF.
void WriteCsvField(std::ostream& out, std::string_view field, char delimiter = ',');
// Writes a whole row terminated by CRLF (RFC 4180).
void WriteCsvRow(std::ostream& out, const std::vector<std::string>& fields, char delimiter = ',');

// Makes a cell safe to open in a spreadsheet: a leading = + - @ tab or CR
// gets an apostrophe in front, so it is shown, not run.
std::string NeutraliseFormula(const std::string& cell);

}  // namespace qinglian

#endif  // QINGLIAN_BASE_CSV_WRITER_H_
