// Both writers go through one table of columns: a column has its heading in
// each language and makes a typed cell from a lead, and each writer writes a
// cell of each kind its own way (CSV as text, XLSX as a number, date or text).
#include "qinglian/output/lead_sheet.h"

#include <fmt/format.h>
#include <xlsxwriter.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <span>
#include <string_view>

#include "qinglian/base/csv_writer.h"
#include "qinglian/base/date.h"
#include "qinglian/base/money.h"
#include "qinglian/base/output_file.h"
#include "qinglian/base/text.h"

namespace qinglian {
namespace {

struct Cell {
  enum Kind { kText, kIdNumber, kNumber, kDays, kMoney, kDate, kBac } kind = kText;
  std::string text;    // kText, kIdNumber
  int64_t number = 0;  // kNumber, kDays; fen for kMoney; tenths for kBac (negative: none)
  Date date;           // kDate (invalid: empty)
};

Cell MakeCell(Cell::Kind kind, std::string text, int64_t number = 0) {
  Cell c;
  c.kind = kind;
  c.text = std::move(text);
  c.number = number;
  return c;
}
Cell TextCell(std::string s) { return MakeCell(Cell::kText, std::move(s)); }
Cell NumberCell(int64_t n) { return MakeCell(Cell::kNumber, "", n); }
Cell DateCell(Date d) {
  Cell c = MakeCell(Cell::kDate, d.Iso());
  c.date = d;
  return c;
}
std::string Source(const std::string& file, uint32_t line) {
  return file + ":" + std::to_string(line);
}

struct Column {
  const char* zh;
  const char* en;
  Cell (*cell)(const StoredLead& l, const ExportOptions& o);
  double width = 14;
};

const Column kColumns[] = {
    {"线索编号", "id", [](const StoredLead& l, const ExportOptions&) { return NumberCell(l.id); }},
    {"模型", "model",
     [](const StoredLead& l, const ExportOptions& o) {
       return TextCell(o.labels.Model(l.evidence.model, o.lang));
     }},
    {"类型", "type",
     [](const StoredLead& l, const ExportOptions& o) { return TextCell(TypeName(l, o)); }},
    {"状态", "status",
     [](const StoredLead& l, const ExportOptions& o) { return TextCell(Label(l.status, o.lang)); }},
    {"处置结果", "outcome",
     [](const StoredLead& l, const ExportOptions& o) {
       return TextCell(OutcomeLabels(l.outcomes, o.lang));
     }},
    {"单位", "unit",
     [](const StoredLead& l, const ExportOptions&) { return TextCell(l.evidence.unit); }, 30},
    {"部门", "department",
     [](const StoredLead& l, const ExportOptions&) { return TextCell(l.evidence.department); }},
    {"职务", "position",
     [](const StoredLead& l, const ExportOptions&) { return TextCell(l.evidence.position); }},
    {"人员类别", "category",
     [](const StoredLead& l, const ExportOptions&) { return TextCell(l.evidence.category); }},
    {"姓名", "name",
     [](const StoredLead& l, const ExportOptions&) { return TextCell(l.evidence.name); }},
    {"违法记录姓名", "offence_name",
     [](const StoredLead& l, const ExportOptions&) { return TextCell(l.evidence.offence_name); }},
    {"身份证号", "id_number",
     [](const StoredLead& l, const ExportOptions& o) {
       return MakeCell(Cell::kIdNumber, ShownIdNumber(l, o));
     }},
    // The employment the offence falls in: the other half of the evidence.
    {"入职日期", "hire_date",
     [](const StoredLead& l, const ExportOptions&) { return DateCell(l.evidence.hire_date); }},
    {"离职日期", "leave_date",
     [](const StoredLead& l, const ExportOptions&) { return DateCell(l.evidence.leave_date); }},
    {"违法日期", "offence_date",
     [](const StoredLead& l, const ExportOptions&) { return DateCell(l.evidence.offence_date); }},
    {"违法行为", "label",
     [](const StoredLead& l, const ExportOptions&) { return TextCell(l.evidence.label); }},
    {"血液酒精含量", "bac",
     [](const StoredLead& l, const ExportOptions&) {
       return MakeCell(Cell::kBac, "", l.evidence.bac);
     }},
    {"违法地点", "place",
     [](const StoredLead& l, const ExportOptions&) { return TextCell(l.evidence.place); }},
    {"处罚结果", "penalty",
     [](const StoredLead& l, const ExportOptions&) { return TextCell(l.evidence.penalty); }},
    {"案件编号", "case_no",
     [](const StoredLead& l, const ExportOptions&) { return TextCell(l.evidence.case_no); }},
    {"处罚机关", "authority",
     [](const StoredLead& l, const ExportOptions&) { return TextCell(l.evidence.authority); }},
    {"是否立案", "case_filed",
     [](const StoredLead& l, const ExportOptions& o) {
       const bool zh = o.lang == Lang::kZh;
       return TextCell(l.case_filed ? (zh ? "是" : "yes") : (zh ? "否" : "no"));
     }},
    {"追缴金额（元）", "recovered_yuan",
     [](const StoredLead& l, const ExportOptions&) {
       return MakeCell(Cell::kMoney, "", l.recovered_fen);
     }},
    {"经办人", "handler",
     [](const StoredLead& l, const ExportOptions&) { return TextCell(l.handler); }},
    {"处置日期", "handled_on",
     [](const StoredLead& l, const ExportOptions&) { return DateCell(l.handled_on); }},
    {"员工数据来源", "employee_source",
     [](const StoredLead& l, const ExportOptions&) {
       return TextCell(Source(l.evidence.employee_file, l.evidence.employee_line));
     }},
    {"违法数据来源", "offence_source",
     [](const StoredLead& l, const ExportOptions&) {
       return TextCell(Source(l.evidence.offence_file, l.evidence.offence_line));
     }},
    {"首次发现批次", "first_run",
     [](const StoredLead& l, const ExportOptions&) { return NumberCell(l.first_run); }},
    {"最近发现批次", "last_run",
     [](const StoredLead& l, const ExportOptions&) { return NumberCell(l.last_run); }},
    // The other office's record when it is not an offence, and when the
    // model's relation holds.
    {"记录类别", "kind",
     [](const StoredLead& l, const ExportOptions& o) {
       return TextCell(o.labels.Kind(l.evidence.event_kind, o.lang));
     }},
    {"记录结束日期", "event_end",
     [](const StoredLead& l, const ExportOptions&) { return DateCell(l.evidence.event_end); }},
    {"期间起", "holds_from",
     [](const StoredLead& l, const ExportOptions&) { return DateCell(l.evidence.overlap_first); }},
    {"期间止", "holds_until",
     [](const StoredLead& l, const ExportOptions&) { return DateCell(l.evidence.overlap_last); }},
    {"天数", "days",
     [](const StoredLead& l, const ExportOptions&) {
       return l.evidence.overlap_first.valid() ? MakeCell(Cell::kDays, "", l.evidence.overlap_days)
                                               : TextCell("");
     }},
    {"涉及金额（元）", "amount_yuan",
     [](const StoredLead& l, const ExportOptions&) {
       return l.evidence.amount_fen >= 0 ? MakeCell(Cell::kMoney, "", l.evidence.amount_fen)
                                         : TextCell("");
     }},
    {"记录详情", "record",
     [](const StoredLead& l, const ExportOptions& o) { return TextCell(RecordFields(l, o)); }, 40},
};

// The feedback template: what the units need to find the lead, then empty
// handling cells under the headings `dispose --file` reads back (the
// feedback kind's names in each language).
Cell Empty(const StoredLead&, const ExportOptions&) { return TextCell(""); }
const Column kFeedbackColumns[] = {
    {"线索编号", "lead id",
     [](const StoredLead& l, const ExportOptions&) { return NumberCell(l.id); }, 10},
    {"单位", "unit",
     [](const StoredLead& l, const ExportOptions&) { return TextCell(l.evidence.unit); }, 30},
    {"姓名", "name",
     [](const StoredLead& l, const ExportOptions&) { return TextCell(l.evidence.name); }},
    {"身份证号", "id number",
     [](const StoredLead& l, const ExportOptions& o) {
       return MakeCell(Cell::kIdNumber, ShownIdNumber(l, o));
     },
     22},
    {"类型", "type",
     [](const StoredLead& l, const ExportOptions& o) { return TextCell(TypeName(l, o)); }},
    {"违法日期", "event date",
     [](const StoredLead& l, const ExportOptions&) { return DateCell(l.evidence.offence_date); }},
    {"线索摘要", "evidence",
     [](const StoredLead& l, const ExportOptions& o) {
       const std::string what = l.evidence.label.empty() ? TypeName(l, o) : l.evidence.label;
       const std::string detail = LeadDetail(l, o);
       return TextCell(detail.empty() ? what : what + (o.lang == Lang::kZh ? "，" : ", ") + detail);
     },
     40},
    {"状态", "status", Empty},
    {"处置结果", "outcomes", Empty, 20},
    {"是否立案", "case filed", Empty, 10},
    {"追缴金额（元）", "recovered (yuan)", Empty},
    {"经办人", "handler", Empty},
    {"处置日期", "date", Empty},
    {"备注", "note", Empty, 30},
};

const char* Heading(const Column& c, Lang l) { return l == Lang::kZh ? c.zh : c.en; }

std::string CsvText(const Cell& c, const ExportOptions& o) {
  switch (c.kind) {
    case Cell::kNumber:
    case Cell::kDays:
      return std::to_string(c.number);
    case Cell::kMoney:
      return FenToYuan(c.number);
    case Cell::kBac:
      return FormatBac(static_cast<BacTenths>(c.number));
    case Cell::kDate:
      return c.text;
    case Cell::kIdNumber:
      // A trailing tab keeps Excel from turning a full ID number into
      // 4.30102E+17; qinglian's own loader strips it again.
      return NeutraliseFormula(c.text) + (o.unmask && !c.text.empty() ? "\t" : "");
    case Cell::kText:
      break;
  }
  return NeutraliseFormula(c.text);
}

static_assert(kXlsxMaxRows == LXW_ROW_MAX);

// Excel's limit for a cell, in UTF-16 code units; the marker takes 12 of them.
constexpr size_t kXlsxCellUnits = 32767;
constexpr std::string_view kTruncated = "…[truncated]";
constexpr size_t kTruncatedUnits = 12;

// A cell's text as Excel can hold it: cut, with a marker, past its limit.
// XML has no NUL: one would end the cell where it stands.
std::string FitCell(const std::string& text) {
  std::string s = text;
  std::erase(s, '\0');
  if (s.size() <= kXlsxCellUnits) return s;  // a UTF-16 unit takes at least a byte
  size_t units = 0, cut = 0, i = 0;
  while (i < s.size() && units <= kXlsxCellUnits) {
    units += NextCodePoint(s, &i) > 0xFFFF ? 2 : 1;
    if (units <= kXlsxCellUnits - kTruncatedUnits) cut = i;
  }
  if (units <= kXlsxCellUnits) return s;
  return s.substr(0, cut) + std::string(kTruncated);
}

struct WorkbookFree {
  void operator()(lxw_workbook* book) const { lxw_workbook_free(book); }
};

struct XlsxFormats {
  lxw_format* bold = nullptr;
  lxw_format* date = nullptr;
  lxw_format* money = nullptr;
  lxw_format* integer = nullptr;
};

lxw_error WriteXlsxCell(lxw_worksheet* sheet, lxw_row_t r, lxw_col_t col, const Cell& c,
                        const XlsxFormats& f) {
  switch (c.kind) {
    case Cell::kNumber:
      return worksheet_write_number(sheet, r, col, static_cast<double>(c.number), nullptr);
    case Cell::kDays:
      return worksheet_write_number(sheet, r, col, static_cast<double>(c.number), f.integer);
    case Cell::kMoney:
      return worksheet_write_number(sheet, r, col, static_cast<double>(c.number) / 100.0, f.money);
    case Cell::kBac:
      if (c.number < 0) return LXW_NO_ERROR;
      return worksheet_write_number(sheet, r, col, static_cast<double>(c.number) / 10.0, nullptr);
    case Cell::kDate:
      if (c.date.valid()) {
        lxw_datetime dt = {c.date.year(), c.date.month(), c.date.day(), 0, 0, 0};
        return worksheet_write_datetime(sheet, r, col, &dt, f.date);
      }
      break;
    case Cell::kText:
    case Cell::kIdNumber:
      break;
  }
  // Strings stay strings: an ID number is never a number here, and a string
  // cell is never run as a formula.
  return worksheet_write_string(sheet, r, col, FitCell(c.text).c_str(), nullptr);
}

}  // namespace

namespace {

void WriteCsv(std::ostream& out, std::span<const Column> columns,
              const std::vector<StoredLead>& leads, const ExportOptions& o) {
  out << "\xEF\xBB\xBF";
  std::vector<std::string> cells;
  for (const Column& c : columns) cells.push_back(Heading(c, o.lang));
  WriteCsvRow(out, cells);
  for (const StoredLead& l : leads) {
    cells.clear();
    for (const Column& c : columns) cells.push_back(CsvText(c.cell(l, o), o));
    WriteCsvRow(out, cells);
  }
}

Status WriteXlsx(const std::string& path, std::span<const Column> columns, const char* sheet_zh,
                 const char* sheet_en, const std::vector<StoredLead>& leads,
                 const ExportOptions& o) {
  if (leads.size() >= o.xlsx_max_rows)
    return Status::Error(fmt::format(
        "{}: {} leads do not fit in one sheet (at most {} below the header); narrow them down "
        "with the filters, or export CSV",
        path, leads.size(), o.xlsx_max_rows - 1));
  // libxlsxwriter opens its output by name: it writes the pending file.
  Result<OutputFile> file = OutputFile::Create(path);
  if (!file.ok()) return file.status();
  std::unique_ptr<lxw_workbook, WorkbookFree> book(workbook_new(file->temp_name().c_str()));
  if (!book) return Status::Error(path + ": cannot create the workbook");
  // Every call's result counts: a cell or row the library refuses must not
  // vanish from the file without a word.
  lxw_error error = LXW_NO_ERROR;
  const auto check = [&error](lxw_error e) {
    if (error == LXW_NO_ERROR) error = e;
  };
  lxw_worksheet* sheet =
      workbook_add_worksheet(book.get(), o.lang == Lang::kZh ? sheet_zh : sheet_en);
  XlsxFormats formats{workbook_add_format(book.get()), workbook_add_format(book.get()),
                      workbook_add_format(book.get()), workbook_add_format(book.get())};
  if (!sheet || !formats.bold || !formats.date || !formats.money || !formats.integer)
    return Status::Error(path + ": cannot create the workbook");
  format_set_bold(formats.bold);
  format_set_num_format(formats.date, "yyyy-mm-dd");
  // Amounts with thousands separators, days as whole numbers.
  format_set_num_format(formats.money, "#,##0.00");
  format_set_num_format(formats.integer, "0");
  lxw_col_t col = 0;
  for (const Column& c : columns) {
    check(worksheet_write_string(sheet, 0, col, Heading(c, o.lang), formats.bold));
    check(worksheet_set_column(sheet, col, col, c.width, nullptr));
    ++col;
  }
  lxw_row_t r = 1;
  for (const StoredLead& l : leads) {
    col = 0;
    for (const Column& c : columns) check(WriteXlsxCell(sheet, r, col++, c.cell(l, o), formats));
    if (error != LXW_NO_ERROR) break;
    ++r;
  }
  worksheet_freeze_panes(sheet, 1, 0);
  check(worksheet_autofilter(sheet, 0, 0, r - 1, static_cast<lxw_col_t>(columns.size() - 1)));
  if (error != LXW_NO_ERROR)
    return Status::Error(fmt::format("{}: row {}: {}", path, r + 1, lxw_strerror(error)));
  // workbook_close writes the file and frees the workbook, whatever it returns.
  errno = 0;
  const lxw_error closed = workbook_close(book.release());
  if (closed != LXW_NO_ERROR) {
    const int reason = errno;
    return Status::Error(path + ": " + lxw_strerror(closed) +
                         (reason ? std::string(" (") + std::strerror(reason) + ")" : ""));
  }
  return file->Commit();
}

}  // namespace

void WriteLeadsCsv(std::ostream& out, const std::vector<StoredLead>& leads,
                   const ExportOptions& o) {
  WriteCsv(out, kColumns, leads, o);
}

Status WriteLeadsXlsx(const std::string& path, const std::vector<StoredLead>& leads,
                      const ExportOptions& o) {
  return WriteXlsx(path, kColumns, "问题线索", "leads", leads, o);
}

void WriteFeedbackCsv(std::ostream& out, const std::vector<StoredLead>& leads,
                      const ExportOptions& o) {
  WriteCsv(out, kFeedbackColumns, leads, o);
}

Status WriteFeedbackXlsx(const std::string& path, const std::vector<StoredLead>& leads,
                         const ExportOptions& o) {
  return WriteXlsx(path, kFeedbackColumns, "处置反馈", "feedback", leads, o);
}

}  // namespace qinglian
