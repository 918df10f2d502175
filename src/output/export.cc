#include "qinglian/output/export.h"

#include <fmt/format.h>
#include <xlsxwriter.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <nlohmann/json.hpp>
#include <string_view>

#include "qinglian/base/output_file.h"
#include "qinglian/base/text.h"
#include "qinglian/core/idcard.h"
#include "qinglian/input/csv.h"

namespace qinglian {
namespace {

std::string ShownId(const StoredLead& l, const ExportOptions& o) {
  return o.unmask ? l.evidence.id_number : MaskIdNumber(l.evidence.id_number);
}

std::string Source(const std::string& file, uint32_t line) {
  return file + ":" + std::to_string(line);
}

std::string PadRight(const std::string& s, size_t width) {
  const size_t w = DisplayWidth(s);
  return w >= width ? s : s + std::string(width - w, ' ');
}

}  // namespace

std::string FenToYuan(int64_t fen) {
  const char* sign = fen < 0 ? "-" : "";
  const int64_t a = fen < 0 ? -fen : fen;
  return fmt::format("{}{}.{:02d}", sign, a / 100, a % 100);
}

std::string NeutraliseFormula(const std::string& cell) {
  if (cell.empty()) return cell;
  const char c = cell[0];
  if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r') return "'" + cell;
  return cell;
}

std::string LeadsJson(const std::vector<StoredLead>& leads, const ExportOptions& o) {
  using nlohmann::json;
  json arr = json::array();
  for (const StoredLead& l : leads) {
    const LeadEvidence& e = l.evidence;
    json j = {{"id", l.id},
              {"model", ToValidUtf8(e.model)},
              {"type", ToValidUtf8(e.type)},
              {"status", ToValidUtf8(l.status)},
              {"outcome", ToValidUtf8(l.outcome)},
              {"unit", ToValidUtf8(e.unit)},
              {"department", ToValidUtf8(e.department)},
              {"position", ToValidUtf8(e.position)},
              {"category", ToValidUtf8(e.category)},
              {"name", ToValidUtf8(e.name)},
              {"offence_name", ToValidUtf8(e.offence_name)},
              {"name_matches", e.name_matches},
              {"id_number", ToValidUtf8(ShownId(l, o))},
              {"hire_date", ToValidUtf8(e.hire_date)},
              {"leave_date", ToValidUtf8(e.leave_date)},
              {"offence_date", ToValidUtf8(e.offence_date)},
              {"label", ToValidUtf8(e.label)},
              {"bac", e.bac >= 0 ? json(e.bac / 10.0) : json(nullptr)},
              {"place", ToValidUtf8(e.place)},
              {"penalty", ToValidUtf8(e.penalty)},
              {"case_no", ToValidUtf8(e.case_no)},
              {"authority", ToValidUtf8(e.authority)},
              {"case_filed", l.case_filed},
              {"recovered_yuan", l.recovered_fen / 100.0},
              {"source",
               {{"employee", {{"file", ToValidUtf8(e.employee_file)}, {"line", e.employee_line}}},
                {"offence", {{"file", ToValidUtf8(e.offence_file)}, {"line", e.offence_line}}}}},
              {"first_run", l.first_run},
              {"last_run", l.last_run}};
    arr.push_back(std::move(j));
  }
  return arr.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

std::string LeadsTable(const std::vector<StoredLead>& leads, const ExportOptions& o) {
  const std::vector<std::string> head = {"id",        "type",         "status", "unit",   "name",
                                         "id number", "offence date", "BAC",    "case no"};
  std::vector<std::vector<std::string>> rows;
  for (const StoredLead& l : leads) {
    const LeadEvidence& e = l.evidence;
    std::string name = e.name;
    if (!e.name_matches) name += " (" + e.offence_name + "?)";
    rows.push_back({std::to_string(l.id), e.type,
                    l.status + (l.outcome.empty() ? "" : ":" + l.outcome), e.unit, name,
                    ShownId(l, o), e.offence_date, FormatBac(e.bac), e.case_no});
    // The cells come from input files: none may send a control sequence.
    for (std::string& cell : rows.back()) cell = TerminalText(cell);
  }
  std::vector<size_t> width(head.size());
  for (size_t c = 0; c < head.size(); ++c) {
    width[c] = DisplayWidth(head[c]);
    for (const auto& r : rows) width[c] = std::max(width[c], DisplayWidth(r[c]));
  }
  std::string out;
  const auto line = [&](const std::vector<std::string>& cells) {
    std::string s;
    for (size_t c = 0; c < cells.size(); ++c)
      s += (c ? "  " : "") + (c + 1 < cells.size() ? PadRight(cells[c], width[c]) : cells[c]);
    out += s + "\n";
  };
  line(head);
  for (const auto& r : rows) line(r);
  out += fmt::format("({} lead{})\n", leads.size(), leads.size() == 1 ? "" : "s");
  return out;
}

namespace {

// Column headings of exports, in ExportCells' order.
std::vector<std::string> ExportHeader(bool zh) {
  if (zh)
    return {"线索编号",       "模型",         "类型",         "状态",         "处置结果",
            "单位",           "部门",         "职务",         "人员类别",     "姓名",
            "违法记录姓名",   "身份证号",     "违法日期",     "违法行为",     "血液酒精含量",
            "违法地点",       "处罚结果",     "案件编号",     "处罚机关",     "是否立案",
            "追缴金额（元）", "员工数据来源", "违法数据来源", "首次发现批次", "最近发现批次"};
  return {"id",
          "model",
          "type",
          "status",
          "outcome",
          "unit",
          "department",
          "position",
          "category",
          "name",
          "offence_name",
          "id_number",
          "offence_date",
          "label",
          "bac",
          "place",
          "penalty",
          "case_no",
          "authority",
          "case_filed",
          "recovered_yuan",
          "employee_source",
          "offence_source",
          "first_run",
          "last_run"};
}

constexpr size_t kIdColumn = 11;
constexpr size_t kDateColumn = 12;
constexpr size_t kBacColumn = 14;
constexpr size_t kRecoveredColumn = 20;

// One lead's cells as text.
std::vector<std::string> ExportCells(const StoredLead& l, const ExportOptions& o) {
  const bool zh = o.lang == "zh";
  const LeadEvidence& e = l.evidence;
  return {std::to_string(l.id),
          e.model,
          e.type,
          l.status,
          l.outcome,
          e.unit,
          e.department,
          e.position,
          e.category,
          e.name,
          e.offence_name,
          ShownId(l, o),
          e.offence_date,
          e.label,
          FormatBac(e.bac),
          e.place,
          e.penalty,
          e.case_no,
          e.authority,
          l.case_filed ? (zh ? "是" : "yes") : (zh ? "否" : "no"),
          FenToYuan(l.recovered_fen),
          Source(e.employee_file, e.employee_line),
          Source(e.offence_file, e.offence_line),
          std::to_string(l.first_run),
          std::to_string(l.last_run)};
}

}  // namespace

void WriteLeadsCsv(std::ostream& out, const std::vector<StoredLead>& leads,
                   const ExportOptions& o) {
  out << "\xEF\xBB\xBF";
  WriteCsvRow(out, ExportHeader(o.lang == "zh"));
  for (const StoredLead& l : leads) {
    std::vector<std::string> cells = ExportCells(l, o);
    for (std::string& c : cells) c = NeutraliseFormula(c);
    // A trailing tab keeps Excel from turning a full ID number into 4.30102E+17;
    // qinglian's own loader strips it again.
    if (o.unmask) cells[kIdColumn] += "\t";
    WriteCsvRow(out, cells);
  }
}

namespace {

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

}  // namespace

Status WriteLeadsXlsx(const std::string& path, const std::vector<StoredLead>& leads,
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
  lxw_worksheet* sheet = workbook_add_worksheet(book.get(), o.lang == "zh" ? "问题线索" : "leads");
  lxw_format* bold = workbook_add_format(book.get());
  lxw_format* date = workbook_add_format(book.get());
  if (!sheet || !bold || !date) return Status::Error(path + ": cannot create the workbook");
  format_set_bold(bold);
  format_set_num_format(date, "yyyy-mm-dd");
  const std::vector<std::string> header = ExportHeader(o.lang == "zh");
  for (size_t c = 0; c < header.size(); ++c) {
    const auto col = static_cast<lxw_col_t>(c);
    check(worksheet_write_string(sheet, 0, col, header[c].c_str(), bold));
    check(worksheet_set_column(sheet, col, col, c == 5 ? 30 : 14, nullptr));
  }
  lxw_row_t r = 1;
  for (const StoredLead& l : leads) {
    const std::vector<std::string> cells = ExportCells(l, o);
    for (size_t c = 0; c < cells.size(); ++c) {
      const auto col = static_cast<lxw_col_t>(c);
      const Result<Date> d =
          c == kDateColumn ? ParseDate(cells[c]) : Result<Date>(Status::Error(""));
      if (d.ok()) {
        lxw_datetime dt = {d->year(), d->month(), d->day(), 0, 0, 0};
        check(worksheet_write_datetime(sheet, r, col, &dt, date));
      } else if (c == kBacColumn && l.evidence.bac >= 0) {
        check(worksheet_write_number(sheet, r, col, l.evidence.bac / 10.0, nullptr));
      } else if (c == kRecoveredColumn) {
        check(worksheet_write_number(sheet, r, col, static_cast<double>(l.recovered_fen) / 100.0,
                                     nullptr));
      } else if (c == 0) {
        check(worksheet_write_number(sheet, r, col, static_cast<double>(l.id), nullptr));
      } else {
        // Strings stay strings: an ID number is never a number here, and a
        // string cell is never run as a formula.
        check(worksheet_write_string(sheet, r, col, FitCell(cells[c]).c_str(), nullptr));
      }
    }
    if (error != LXW_NO_ERROR) break;
    ++r;
  }
  worksheet_freeze_panes(sheet, 1, 0);
  check(worksheet_autofilter(sheet, 0, 0, r - 1, static_cast<lxw_col_t>(header.size() - 1)));
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

}  // namespace qinglian
