// The report as one page a commission can put on a screen: the summary
// figures as tiles, the funnel, the leads by month of their event, by unit,
// by type and by model, and the coverage, then the tables.
//
// Charts are drawn in HTML and CSS, not as a picture: their labels are text
// in the page's own size that wraps where it must, so no label is cut short
// at any width, from a phone (375 px) to a wall screen. The page needs
// nothing from outside (no scripts, fonts or images).
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <string>
#include <utility>
#include <vector>

#include "output/report_parts.h"
#include "qinglian/base/clock.h"
#include "qinglian/base/date.h"
#include "qinglian/base/money.h"
#include "qinglian/base/text.h"
#include "qinglian/core/workflow.h"
#include "qinglian/output/report.h"

namespace qinglian {
// Named, not anonymous: a unity build compiles this file together with
// report.cc, whose file-local helpers share some of these names.
namespace report_html {

using report_parts::Rows;

const char kStyle[] =
    "*{box-sizing:border-box}"
    "body{font-family:system-ui,-apple-system,'Noto Sans CJK SC','WenQuanYi Micro Hei',"
    "'Microsoft YaHei',sans-serif;margin:0 auto;max-width:1200px;padding:16px;color:#1f2933;"
    "background:#f4f5f7;line-height:1.5}"
    "h1{font-size:1.5em;line-height:1.3;margin:0 0 4px;padding-bottom:6px;"
    "border-bottom:3px solid #b3261e}"
    "h2{font-size:1.15em;margin:1.5em 0 .5em}"
    ".meta{color:#52606d;font-size:.9em;margin:0 0 12px}"
    ".headline{background:#fff;border-left:4px solid #b3261e;padding:10px 14px}"
    ".notice{background:#fff4d6;border-left:4px solid #b7791f;padding:8px 14px}"
    ".tiles{display:flex;flex-wrap:wrap;gap:10px;margin:12px 0}"
    ".tile{flex:1 1 10em;background:#fff;border-top:3px solid #b3261e;border-radius:6px;"
    "padding:8px 12px;box-shadow:0 1px 2px rgba(0,0,0,.08)}"
    ".tile.money{border-top-color:#b7791f}"
    ".tile .k,.tile .s{display:block;font-size:.85em;color:#52606d}"
    ".tile .v{display:block;font-size:1.4em;font-weight:700;line-height:1.3;"
    "font-variant-numeric:tabular-nums}"
    ".tile .v small{font-size:.6em;font-weight:400;margin-left:2px}"
    ".grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,24em),1fr));"
    "gap:12px;margin:12px 0}"
    ".card{background:#fff;border-radius:6px;padding:12px 14px;min-width:0;"
    "box-shadow:0 1px 2px rgba(0,0,0,.08)}"
    "figure{margin:0}figcaption{font-weight:600;margin-bottom:8px}"
    ".bars{display:grid;grid-template-columns:fit-content(45%) minmax(0,1fr) max-content;"
    "gap:6px 10px;align-items:center;font-size:.9em}"
    ".bars .l{overflow-wrap:anywhere}"
    ".bars .t{display:flex;height:1.1em}.funnel .t{justify-content:center}"
    ".bars .b{border-radius:2px;min-width:2px}"
    ".bars .v{text-align:right;font-variant-numeric:tabular-nums}"
    ".bars .v small{color:#52606d;margin-left:4px}"
    ".trend{display:grid;grid-template-rows:8em auto auto;font-size:.8em;color:#52606d}"
    ".trend .c{display:flex;align-items:flex-end;justify-content:center;"
    "border-bottom:1px solid #9aa5b1}"
    ".trend .c span{width:70%;min-height:1px;background:#7b5ea7}"
    ".trend .m{grid-row:2;text-align:center}"
    ".trend .y{grid-row:3;border-left:1px solid #9aa5b1;padding-left:3px;white-space:nowrap}"
    ".note{font-size:.85em;color:#52606d;margin:6px 0 0}"
    "details{margin-top:6px;font-size:.9em}"
    ".scroll{overflow-x:auto;background:#fff;border-radius:6px}"
    "table{border-collapse:collapse;width:100%;font-size:.9em}"
    "th,td{border-bottom:1px solid #d9dee3;padding:4px 8px;text-align:left;white-space:nowrap}"
    "th:first-child,td:first-child{white-space:normal;overflow-wrap:anywhere;min-width:7em}"
    ".n{text-align:right;font-variant-numeric:tabular-nums}"
    "tr.total td{font-weight:600}.short{color:#b3261e;font-weight:600}.ok{color:#2f7d3a}"
    "footer{color:#52606d;font-size:.85em;margin-top:2em}"
    "@media (max-width:480px){body{padding:10px}.card{padding:10px}}";

std::string Escape(const std::string& s) {
  std::string out;
  for (char c : ToValidUtf8(s)) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// Yuan with thousands separators: 1234500 fen -> "12,345.00".
std::string Yuan(int64_t fen) {
  const uint64_t abs = fen < 0 ? static_cast<uint64_t>(-fen) : static_cast<uint64_t>(fen);
  return fmt::format("{}{}.{:02d}", fen < 0 ? "-" : "", WithThousands(abs / 100), abs % 100);
}

bool AllDigits(const std::string& s) {
  return !s.empty() && s.size() <= 18 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A plain number: "12345", "13145.00".
bool IsNumber(const std::string& cell) {
  const size_t dot = cell.find('.');
  return AllDigits(cell.substr(0, dot)) &&
         (dot == std::string::npos || AllDigits(cell.substr(dot + 1)));
}

// A number with its thousands grouped: "13145.00" -> "13,145.00"; any
// other text as it is.
std::string Grouped(const std::string& cell) {
  if (!IsNumber(cell)) return cell;
  const size_t dot = cell.find('.');
  uint64_t whole = 0;
  std::from_chars(cell.data(), cell.data() + std::min(dot, cell.size()), whole);
  return WithThousands(whole) + (dot == std::string::npos ? "" : cell.substr(dot));
}

// A table with a header row. Columns after the first whose cells are all
// numbers (or empty) are right-aligned, their thousands grouped.
// `total_last` marks the last row as a total.
std::string Table(const Rows& rows, bool total_last = false) {
  std::vector<bool> numeric;
  for (size_t r = 1; r < rows.size(); ++r)
    for (size_t c = 0; c < rows[r].size(); ++c) {
      if (numeric.size() <= c) numeric.push_back(c > 0);
      const std::string& cell = rows[r][c];
      if (!cell.empty() && !IsNumber(cell)) numeric[c] = false;
    }
  std::string out = "<div class=\"scroll\"><table>";
  for (size_t r = 0; r < rows.size(); ++r) {
    const bool head = r == 0;
    out += total_last && r + 1 == rows.size() && r > 0 ? "<tr class=\"total\">" : "<tr>";
    for (size_t c = 0; c < rows[r].size(); ++c) {
      const bool n = c < numeric.size() && numeric[c];
      const char* tag = head ? "th" : "td";
      out += fmt::format("<{}{}>{}</{}>", tag, n ? " class=\"n\"" : "",
                         Escape(head || !n ? rows[r][c] : Grouped(rows[r][c])), tag);
    }
    out += "</tr>";
  }
  return out + "</table></div>\n";
}

struct Bar {
  std::string label;
  uint64_t count = 0;
  std::string note;  // beside the count, smaller
};

// Horizontal bars, one a row: the label column as wide as its longest
// label up to 45% of the chart (longer labels wrap), the bar scaled to the
// largest count, the count in a column of its own.
std::string BarChart(const std::string& title, const std::vector<Bar>& bars, const char* color,
                     bool funnel = false) {
  uint64_t max = 1;
  for (const Bar& b : bars) max = std::max(max, b.count);
  std::string out = fmt::format("<figure><figcaption>{}</figcaption><div class=\"bars{}\">",
                                Escape(title), funnel ? " funnel" : "");
  for (const Bar& b : bars) {
    const double share = 100.0 * static_cast<double>(b.count) / static_cast<double>(max);
    out += fmt::format(
        "<div class=\"l\">{}</div><div class=\"t\"><span class=\"b\" "
        "style=\"width:{:.1f}%;background:{}\"></span></div><div class=\"v\">{}{}</div>",
        Escape(b.label), share, color, WithThousands(b.count),
        b.note.empty() ? "" : "<small>" + Escape(b.note) + "</small>");
  }
  return out + "</div></figure>\n";
}

// The funnel as the report counts it (report_parts::Funnel): each stage
// with its share of the stage before.
std::string FunnelChart(const ReportFigures& f, const ReportOptions& o) {
  std::vector<Bar> bars;
  uint64_t before = 0;
  for (const report_parts::FunnelStage& s : report_parts::Funnel(f, o.lang)) {
    Bar b{s.label, s.count, ""};
    if (!bars.empty() && before > 0)
      b.note = fmt::format("{:.0f}%",
                           100.0 * static_cast<double>(s.count) / static_cast<double>(before));
    before = s.count;
    bars.push_back(std::move(b));
  }
  return BarChart(o.lang == Lang::kZh ? "工作漏斗" : "Funnel", bars, "#b3261e", true);
}

struct Month {
  int year = 0, month = 0;
  uint64_t leads = 0;
  std::string Name() const { return fmt::format("{:04d}-{:02d}", year, month); }
};

// Every month from the first with leads to the last, none left out.
std::vector<Month> Months(const std::vector<std::pair<std::string, uint64_t>>& by_month) {
  std::vector<Month> out;
  int last = 0;  // months since year 0 of the last month out
  for (const auto& [name, n] : by_month) {
    Result<Date> d = ParseDate(name + "-01");
    if (!d.ok()) continue;  // the store counts only dates it wrote; nothing to show else
    const int at = d->year() * 12 + d->month() - 1;
    for (int k = last + 1; !out.empty() && k < at; ++k) out.push_back({k / 12, k % 12 + 1, 0});
    out.push_back({d->year(), d->month(), n});
    last = at;
  }
  return out;
}

// A column a month. Years are named under their months where there is room
// for the name on a phone (a span of at least a ninth of the chart); months
// are numbered when there are no more than twelve.
std::string TrendChart(const ReportFigures& f, const ReportOptions& o) {
  const bool zh = o.lang == Lang::kZh;
  const std::string title =
      zh ? "问题线索月度趋势（按事件发生月份）" : "Leads by month of the event";
  const std::vector<Month> months = Months(f.leads_by_month);
  if (months.empty())
    return fmt::format("<figure><figcaption>{}</figcaption><p class=\"note\">{}</p></figure>\n",
                       Escape(title), zh ? "暂无问题线索。" : "No leads yet.");
  uint64_t max = 1;
  const Month* peak = &months[0];
  for (const Month& m : months) {
    max = std::max(max, m.leads);
    if (m.leads > peak->leads) peak = &m;
  }
  const size_t n = months.size();
  std::string out = fmt::format(
      "<figure><figcaption>{}</figcaption><div class=\"trend\" role=\"img\" aria-label=\"{}\" "
      "style=\"grid-template-columns:repeat({},minmax(0,1fr))\">",
      Escape(title), Escape(title), n);
  for (const Month& m : months)
    out += fmt::format(
        "<div class=\"c\" title=\"{}: {}\"><span style=\"height:{:.1f}%\"></span></div>", m.Name(),
        WithThousands(m.leads), 100.0 * static_cast<double>(m.leads) / static_cast<double>(max));
  if (n <= 12)
    for (const Month& m : months) out += fmt::format("<div class=\"m\">{}</div>", m.month);
  for (size_t i = 0; i < n;) {
    size_t span = 1;
    while (i + span < n && months[i + span].year == months[i].year) ++span;
    out += fmt::format("<div class=\"y\" style=\"grid-column:{}/span {}\">{}</div>", i + 1, span,
                       span * 9 >= n ? std::to_string(months[i].year) : "");
    i += span;
  }
  out += "</div>";
  out +=
      fmt::format("<p class=\"note\">{}</p>",
                  zh ? fmt::format("{}至{}，最多的月份{}：{}条", months.front().Name(),
                                   months.back().Name(), peak->Name(), WithThousands(peak->leads))
                     : fmt::format("{} to {}; the most in {}: {}", months.front().Name(),
                                   months.back().Name(), peak->Name(), WithThousands(peak->leads)));
  Rows rows = {{zh ? "月份" : "month", zh ? "问题线索" : "leads"}};
  for (const Month& m : months) rows.push_back({m.Name(), std::to_string(m.leads)});
  out += fmt::format("<details><summary>{}</summary>", zh ? "逐月数字" : "Figures by month") +
         Table(rows) + "</details>";
  return out + "</figure>\n";
}

std::string Tile(const std::string& label, const std::string& value, const std::string& unit,
                 const std::string& sub, bool money = false) {
  return fmt::format(
      "<div class=\"tile{}\"><span class=\"k\">{}</span><span class=\"v\">{}{}</span>{}</div>",
      money ? " money" : "", Escape(label), Escape(value),
      unit.empty() ? "" : "<small>" + Escape(unit) + "</small>",
      sub.empty() ? "" : "<span class=\"s\">" + Escape(sub) + "</span>");
}

std::string Tiles(const ReportFigures& f, const ReportOptions& o) {
  const bool zh = o.lang == Lang::kZh;
  const ReportFigures::Row& t = f.total;
  uint64_t records = 0;
  for (const CoverageRecord& c : f.coverage) records += c.records;
  int64_t involved = -1;  // no model's leads carry money
  for (const ReportFigures::ModelRow& m : f.by_model)
    if (m.amount_fen >= 0) involved = std::max<int64_t>(involved, 0) + m.amount_fen;
  const auto n = [](uint64_t v) { return WithThousands(v); };
  std::string out = "<section class=\"tiles\">";
  out += Tile(zh ? "覆盖人员" : "persons covered", n(f.run.persons), zh ? "人" : "",
              zh ? fmt::format("{}家单位，记录{}条", f.coverage.size(), n(records))
                 : fmt::format("{} records of {} units", n(records), f.coverage.size()));
  out += Tile(zh ? "预警信息" : "hits", n(f.run.hits), zh ? "条" : "", "");
  out += Tile(zh ? "问题线索" : "leads", n(t.found), zh ? "条" : "",
              zh ? fmt::format("本批次新发现{}条", n(f.run.leads_new))
                 : fmt::format("{} new in this run", n(f.run.leads_new)));
  out += Tile(zh ? "涉及人员" : "persons with leads", n(f.lead_persons), zh ? "人" : "",
              f.repeat_persons == 0 ? ""
              : zh                  ? fmt::format("其中多次违法{}人", n(f.repeat_persons))
                                    : fmt::format("{} with more than one", n(f.repeat_persons)));
  out += Tile(zh ? "移交核查" : "transferred", n(t.transferred), zh ? "条" : "", "");
  out += Tile(zh ? "立案" : "cases filed", n(t.cases), zh ? "件" : "", "");
  out += Tile(zh ? "处理处分" : "handled or sanctioned", n(t.handled), zh ? "人次" : "",
              zh ? fmt::format("其中处分{}人次", n(t.sanctioned))
                 : fmt::format("{} sanctioned", n(t.sanctioned)));
  if (involved >= 0)
    out +=
        Tile(zh ? "涉及金额" : "money involved (yuan)", Yuan(involved), zh ? "元" : "", "", true);
  out += Tile(zh ? "追缴清退资金" : "money recovered (yuan)", Yuan(t.recovered_fen), zh ? "元" : "",
              "", true);
  return out + "</section>\n";
}

// Every unit the run covered or was expected to, with its persons against
// the expected headcount.
std::string CoverageTable(const ReportFigures& f, const ReportOptions& o) {
  const bool zh = o.lang == Lang::kZh;
  const bool expected = !f.expectations.empty();
  Rows rows = {zh ? std::vector<std::string>{"单位", "记录", "人数"}
                  : std::vector<std::string>{"unit", "records", "persons"}};
  if (expected) {
    rows[0].push_back(zh ? "应覆盖人数" : "expected");
    rows[0].push_back(zh ? "覆盖情况" : "coverage");
  }
  const auto status = [zh](const UnitExpectation& e) {
    return e.covered() ? std::string(zh ? "全覆盖" : "complete")
           : zh        ? fmt::format("缺{}人", WithThousands(e.expected - e.found))
                       : fmt::format("{} short", WithThousands(e.expected - e.found));
  };
  const auto expectation = [&f](const std::string& unit) -> const UnitExpectation* {
    for (const UnitExpectation& e : f.expectations)
      if (e.unit == unit) return &e;
    return nullptr;
  };
  uint64_t records = 0, persons = 0;
  for (const CoverageRecord& c : f.coverage) {
    rows.push_back({c.unit, std::to_string(c.records), std::to_string(c.persons)});
    records += c.records;
    persons += c.persons;
    if (!expected) continue;
    const UnitExpectation* e = expectation(c.unit);
    rows.back().push_back(e ? std::to_string(e->expected) : "");
    rows.back().push_back(e ? status(*e) : "");
  }
  size_t short_units = 0;
  for (const UnitExpectation& e : f.expectations) {
    short_units += e.covered() ? 0 : 1;
    const bool listed = std::any_of(f.coverage.begin(), f.coverage.end(),
                                    [&e](const CoverageRecord& c) { return c.unit == e.unit; });
    if (!listed)
      rows.push_back({e.unit, "0", std::to_string(e.found), std::to_string(e.expected), status(e)});
  }
  rows.push_back({zh ? "合计" : "total", std::to_string(records), std::to_string(persons)});
  if (expected) rows.back().resize(5);
  std::string out;
  if (expected)
    out += fmt::format(
        "<p class=\"{}\">{}</p>\n", short_units ? "short" : "ok",
        short_units == 0
            ? (zh ? fmt::format("应覆盖单位{}家：全覆盖", f.expectations.size())
                  : fmt::format("all {} units with an expected headcount covered",
                                f.expectations.size()))
            : (zh ? fmt::format("未全覆盖：{}家单位少于应覆盖人数", short_units)
                  : fmt::format("coverage not complete: {} units short of their expected "
                                "headcount",
                                short_units)));
  return out + Table(rows, true);
}

// Every model in one table.
Rows ModelTable(const ReportFigures& f, const ReportOptions& o) {
  const bool zh = o.lang == Lang::kZh;
  Rows t = {zh ? std::vector<std::string>{"模型", "比对数据", "记录", "候选", "线索", "移交",
                                          "办结", "处理处分", "处分", "立案", "追缴(元)",
                                          "涉及金额(元)"}
               : std::vector<std::string>{"model", "compared", "records", "candidates", "leads",
                                          "transferred", "closed", "handled", "sanctioned", "cases",
                                          "recovered (yuan)", "amount involved (yuan)"}};
  for (const ReportFigures::ModelRow& m : f.by_model) {
    const ReportFigures::Row& r = m.leads;
    const bool ran = m.in_run && m.run.ran();
    std::string compared = ran ? o.labels.Kind(m.run.events_kind, o.lang) : "";
    if (m.in_run && !ran) compared = (zh ? "未运行：" : "not run: ") + m.run.skipped;
    if (!m.in_run && !f.run.model_runs.empty()) compared = zh ? "本批次未运行" : "not in this run";
    t.push_back({report_parts::ModelTitle(m.run, o), compared,
                 ran ? std::to_string(m.run.records) : "",
                 ran ? std::to_string(m.run.candidates) : "", std::to_string(r.found),
                 std::to_string(r.transferred), std::to_string(r.closed), std::to_string(r.handled),
                 std::to_string(r.sanctioned), std::to_string(r.cases), FenToYuan(r.recovered_fen),
                 m.amount_fen >= 0 ? FenToYuan(m.amount_fen) : ""});
  }
  return t;
}

std::string Charts(const ReportFigures& f, const ReportOptions& o) {
  const bool zh = o.lang == Lang::kZh;
  std::vector<Bar> units, types, models;
  for (const auto& r : f.by_unit) units.push_back({r.key, r.found, ""});
  for (const auto& r : f.by_type) types.push_back({o.labels.Type(r.key, o.lang), r.found, ""});
  for (const ReportFigures::ModelRow& m : f.by_model)
    models.push_back({report_parts::ModelTitle(m.run, o), m.leads.found, ""});
  const auto card = [](const std::string& inner) {
    return "<div class=\"card\">" + inner + "</div>";
  };
  std::string out = "<div class=\"grid\">";
  out += card(FunnelChart(f, o)) + card(TrendChart(f, o));
  out += "</div>\n<div class=\"grid\">";
  out += card(BarChart(zh ? "各单位问题线索" : "Leads by unit", units, "#1d6fa5"));
  out += card(BarChart(zh ? "各类型问题线索" : "Leads by type", types, "#3f8f4f"));
  out += card(BarChart(zh ? "各模型问题线索" : "Leads by model", models, "#b7791f"));
  return out + "</div>\n";
}

std::string Page(const ReportFigures& f, const ReportOptions& o) {
  const bool zh = o.lang == Lang::kZh;
  const std::string title = zh ? "清廉数据比对报告" : "qinglian comparison report";
  std::string html = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<title>{}</title><style>{}</style></head><body>\n",
      zh ? "zh-CN" : "en", Escape(fmt::format("{}（{}）", title, f.run.as_of)), kStyle);
  html += fmt::format("<h1>{}</h1>\n<p class=\"meta\">{}</p>\n", Escape(title),
                      Escape(zh ? fmt::format("截至 {} · 批次 {} · 完成于 {}", f.run.as_of,
                                              f.run.id, LocalTime(f.run.finished_at))
                                : fmt::format("as of {} · run {} · finished {}", f.run.as_of,
                                              f.run.id, LocalTime(f.run.finished_at))));
  if (f.latest_failed)
    html += fmt::format("<p class=\"notice\">{}</p>\n",
                        Escape(LatestRunNotice(*f.latest_failed, f.run.id, o.lang)));
  html += Tiles(f, o);
  html += fmt::format("<p class=\"headline\">{}</p>\n", Escape(ReportHeadline(f, o)));
  html += Charts(f, o);
  html += fmt::format("<h2>{}</h2>\n", zh ? "覆盖范围" : "Coverage") + CoverageTable(f, o);
  html += fmt::format("<h2>{}</h2>\n", zh ? "本次运行" : "This run") +
          Table(report_parts::ThisRun(f, o), true);
  html += fmt::format("<h2>{}</h2>\n", zh ? "按单位" : "By unit") +
          Table(report_parts::ByUnitOrType(f, o, false), true);
  html += fmt::format("<h2>{}</h2>\n", zh ? "按类型" : "By type") +
          Table(report_parts::ByUnitOrType(f, o, true), true);
  html += fmt::format("<h2>{}</h2>\n", zh ? "按模型" : "By model") + Table(ModelTable(f, o));
  if (!f.outcomes.empty()) {
    Rows rows = {zh ? std::vector<std::string>{"处置结果", "人次"}
                    : std::vector<std::string>{"outcome", "person-times"}};
    for (const auto& [oc, n] : f.outcomes) rows.push_back({Label(oc, o.lang), std::to_string(n)});
    html += fmt::format("<h2>{}</h2>\n", zh ? "处置结果" : "Outcomes") + Table(rows);
  }
  uint64_t er = 0, orj = 0;
  for (const auto& [r, n] : f.employee_rejects) er += n;
  for (const auto& [r, n] : f.offence_rejects) orj += n;
  const auto reasons = [&o](const auto& v, const char* open, const char* close) {
    return v.empty() ? std::string() : open + report_parts::Reasons(v, o.lang) + close;
  };
  html += fmt::format("<h2>{}</h2>\n<p>", zh ? "未纳入比对" : "Not compared");
  html += Escape(zh ? fmt::format("员工记录 {} 条{}；违法记录 {} 条{}。", WithThousands(er),
                                  reasons(f.employee_rejects, "（", "）"), WithThousands(orj),
                                  reasons(f.offence_rejects, "（", "）"))
                    : fmt::format("{} employee records{}; {} offence records{}.", WithThousands(er),
                                  reasons(f.employee_rejects, " (", ")"), WithThousands(orj),
                                  reasons(f.offence_rejects, " (", ")")));
  if (const std::string r = report_parts::ReviewLine(f.review, o.lang); !r.empty())
    html += "</p>\n<p>" + Escape(r);
  html += "</p>\n<footer>" +
          Escape(zh ? fmt::format("批次 {} · {}", f.run.id, LocalTime(f.run.finished_at))
                    : fmt::format("run {} · {}", f.run.id, LocalTime(f.run.finished_at))) +
          "</footer>\n</body></html>\n";
  return html;
}

}  // namespace report_html

std::string FormatReportHtml(const ReportFigures& f, const ReportOptions& o) {
  return report_html::Page(f, o);
}

}  // namespace qinglian
