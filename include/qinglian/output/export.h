// Leads as auditors and scripts read them: JSON with stable field names, an
// aligned table for the terminal, and CSV for Excel. ID numbers are masked
// unless the caller unmasks them (and has logged why).
#ifndef QINGLIAN_OUTPUT_EXPORT_H_
#define QINGLIAN_OUTPUT_EXPORT_H_

#include <ostream>
#include <string>
#include <vector>

#include "qinglian/store/store.h"

namespace qinglian {

// Rows in an Excel sheet, the header's included.
constexpr size_t kXlsxMaxRows = 1048576;

struct ExportOptions {
  bool unmask = false;
  std::string lang = "zh";              // column headings of exports: zh or en
  size_t xlsx_max_rows = kXlsxMaxRows;  // fewer only in tests
};

// A JSON array of leads; each an object with id, model, type, status,
// outcome, unit, department, position, category, name, offence_name,
// name_matches, id_number, offence_date, label, bac, place, penalty, case_no,
// authority, case_filed, recovered_yuan, source {employee, offence}
// (file and line), first_run, last_run.
std::string LeadsJson(const std::vector<StoredLead>& leads, const ExportOptions& o);

// An aligned table for a terminal (a Chinese character takes two columns;
// control characters are shown as escapes, see TerminalText).
std::string LeadsTable(const std::vector<StoredLead>& leads, const ExportOptions& o);

// CSV for Excel: UTF-8 with a byte-order mark, CRLF, every cell that Excel
// could run as a formula neutralised, ID numbers kept as text (a masked one is
// text already; an unmasked one gets a trailing tab).
void WriteLeadsCsv(std::ostream& out, const std::vector<StoredLead>& leads, const ExportOptions& o);

// An Excel workbook at `path` (an OutputFile: whole or not at all): one
// sheet of leads with a bold frozen header and an autofilter, ID numbers as
// text, dates as dates, BAC and money as numbers. A cell longer than Excel
// holds (32,767 characters) is cut and ends in "…[truncated]". More leads
// than one sheet holds are an error, not a workbook that lacks some.
Status WriteLeadsXlsx(const std::string& path, const std::vector<StoredLead>& leads,
                      const ExportOptions& o);

// Makes a cell safe to open in a spreadsheet: a leading = + - @ tab or CR
// gets an apostrophe in front, so it is shown, not run.
std::string NeutraliseFormula(const std::string& cell);

// Money in fen as yuan: 123456 -> "1234.56".
std::string FenToYuan(int64_t fen);

}  // namespace qinglian

#endif  // QINGLIAN_OUTPUT_EXPORT_H_
