// Leads as spreadsheets for the units and the commission: CSV for Excel and
// XLSX workbooks, from one table of columns (the heading in each language
// and how each cell is written: text, ID number, number, money or date).
#ifndef QINGLIAN_OUTPUT_LEAD_SHEET_H_
#define QINGLIAN_OUTPUT_LEAD_SHEET_H_

#include <ostream>
#include <string>
#include <vector>

#include "qinglian/base/status.h"
#include "qinglian/core/lead.h"
#include "qinglian/output/lead_format.h"

namespace qinglian {

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

// The feedback template for the units (`export --template feedback`): one
// row per lead with its number, unit, name, ID number (masked unless
// unmasked), type, event date and a summary of the evidence, then empty
// columns for status, outcomes, case filed, amount recovered, handler, date
// and note, headed as `dispose --file` reads them back. CSV and XLSX as above.
void WriteFeedbackCsv(std::ostream& out, const std::vector<StoredLead>& leads,
                      const ExportOptions& o);
Status WriteFeedbackXlsx(const std::string& path, const std::vector<StoredLead>& leads,
                         const ExportOptions& o);

}  // namespace qinglian

#endif  // QINGLIAN_OUTPUT_LEAD_SHEET_H_
