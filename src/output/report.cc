#include "qinglian/output/report.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "output/report_parts.h"
#include "qinglian/base/clock.h"
#include "qinglian/base/date.h"
#include "qinglian/base/money.h"
#include "qinglian/base/text.h"
#include "qinglian/core/workflow.h"
#include "qinglian/output/lead_format.h"
#include "qinglian/output/lead_sheet.h"

namespace qinglian {
namespace {

bool Zh(const ReportOptions& o) { return o.lang == Lang::kZh; }

uint64_t Units(const ReportFigures& f) { return f.coverage.size(); }
uint64_t Records(const ReportFigures& f) {
  uint64_t n = 0;
  for (const CoverageRecord& c : f.coverage) n += c.records;
  return n;
}
template <typename K>
uint64_t Sum(const std::vector<std::pair<K, uint64_t>>& v) {
  uint64_t n = 0;
  for (const auto& [k, c] : v) n += c;
  return n;
}

std::string Money(int64_t fen, bool zh) {
  if (!zh)
    return WithThousands(static_cast<uint64_t>(fen / 100)) + fmt::format(".{:02d} yuan", fen % 100);
  if (fen >= 1'000'000) return fmt::format("{:.2f}万元", static_cast<double>(fen) / 1'000'000.0);
  return WithThousands(static_cast<uint64_t>(fen / 100)) + fmt::format(".{:02d}元", fen % 100);
}

std::string Reasons(const std::vector<std::pair<RejectReason, uint64_t>>& reasons, bool zh) {
  std::vector<std::string> parts;
  for (const auto& [reason, n] : reasons)
    // A label may end in a number ("…100毫升"): a space keeps it off the count.
    parts.push_back(zh ? fmt::format("{} {}条", Label(reason, Lang::kZh), WithThousands(n))
                       : fmt::format("{} ({})", Label(reason, Lang::kEn), WithThousands(n)));
  return Join(parts, zh ? "、" : ", ");
}

// The data sets the run compared the rosters with, each with the records
// of it that went into the comparison: the kinds its models compared, or,
// for a run from before the store kept its models, every input but the
// employees.
std::vector<std::pair<std::string, uint64_t>> DataSets(const RunRecord& run) {
  std::vector<std::string> kinds;
  const auto add = [&kinds](const std::string& kind) {
    if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end()) kinds.push_back(kind);
  };
  for (const ModelRun& m : run.model_runs)
    if (m.ran()) add(m.events_kind);
  if (run.model_runs.empty())
    for (const SourceRecord& src : run.sources)
      if (src.kind != "employees") add(src.kind);
  std::vector<std::pair<std::string, uint64_t>> out;
  for (const std::string& kind : kinds) {
    uint64_t n = 0;
    for (const SourceRecord& src : run.sources)
      if (src.kind == kind) n += src.compared();
    out.emplace_back(kind, n);
  }
  return out;
}

// "交通违法记录 20,012条、低保救助名单 1,000条"; "20,012 police offence records and
// 1,000 subsistence allowance recipients".
std::string ComparedData(const ReportFigures& f, const ReportOptions& o) {
  std::vector<std::string> parts;
  for (const auto& [kind, n] : DataSets(f.run))
    parts.push_back(Zh(o) ? fmt::format("{} {}条", o.labels.Kind(kind, o.lang), WithThousands(n))
                          : fmt::format("{} {}", WithThousands(n), o.labels.Kind(kind, o.lang)));
  if (Zh(o)) return Join(parts, "、");
  if (parts.size() < 2) return Join(parts, "");
  const std::string last = parts.back();
  parts.pop_back();
  return Join(parts, ", ") + " and " + last;
}

// A model's title in the report's language: from the model files, else as
// the run recorded it, else its name.
std::string ModelTitle(const ModelRun& m, const ReportOptions& o) {
  if (const auto it = o.labels.models.find(m.model);
      it != o.labels.models.end() && !it->second.in(o.lang).empty())
    return it->second.in(o.lang);
  const std::string& recorded = Zh(o) ? m.title_zh : m.title_en;
  return recorded.empty() ? m.model : recorded;
}

struct Stage {
  const char* zh;
  const char* en;
  const char* key;
  uint64_t count;
  bool persons = false;  // counted in persons (人), else in leads (条)
};

// Each stage within the one before.
std::vector<Stage> Funnel(const ReportFigures& f) {
  const ReportFigures::Funnel& n = f.funnel;
  return {{"预警信息", "hits", "hits", n.hits},
          {"问题线索", "leads", "leads", n.leads},
          {"移交核查", "transferred", "transferred", n.transferred},
          {"立案", "cases filed", "cases_filed", n.cases_filed, true},
          {"处分", "sanctioned", "sanctioned", n.sanctioned, true}};
}

// An outcome as the article names it in its headline (政务撤职).
std::string HeadlineLabel(Outcome o, Lang lang) {
  if (o == Outcome::kGovRemoval && lang == Lang::kZh) return "政务撤职";
  return Label(o, lang);
}

// "双开1人、政务撤职6人、开除18人": the sanctions, persons each, 双开 first.
std::vector<std::string> SanctionCounts(const ReportFigures& f, bool zh) {
  std::vector<std::string> kinds;
  const Lang lang = zh ? Lang::kZh : Lang::kEn;
  if (f.double_expulsion)
    kinds.push_back(zh ? fmt::format("双开{}人", f.double_expulsion)
                       : fmt::format("double expulsion ({})", f.double_expulsion));
  for (const auto& [oc, n] : f.outcomes) {
    if (!IsSanction(oc)) continue;
    kinds.push_back(zh ? fmt::format("{}{}人", HeadlineLabel(oc, lang), n)
                       : fmt::format("{} ({})", HeadlineLabel(oc, lang), n));
  }
  return kinds;
}

// A padded table: the first column left-aligned, the rest right-aligned.
std::string Table(std::vector<std::vector<std::string>> rows) {
  // Units come from input files: none may send a control sequence.
  for (auto& r : rows)
    for (std::string& cell : r) cell = TerminalText(cell);
  std::vector<size_t> width;
  for (const auto& r : rows)
    for (size_t c = 0; c < r.size(); ++c) {
      if (width.size() <= c) width.push_back(0);
      width[c] = std::max(width[c], DisplayWidth(r[c]));
    }
  std::string out;
  for (const auto& r : rows) {
    std::string line = "  ";
    for (size_t c = 0; c < r.size(); ++c) {
      const std::string pad(width[c] - DisplayWidth(r[c]), ' ');
      line += c == 0 ? r[c] + pad : "  " + pad + r[c];
    }
    out += line + "\n";
  }
  return out;
}

std::vector<std::vector<std::string>> RowsTable(const LabelBook& labels,
                                                const std::vector<ReportFigures::Row>& rows,
                                                const ReportFigures::Row& total, bool by_type,
                                                bool zh) {
  std::vector<std::vector<std::string>> t;
  t.push_back(zh ? std::vector<std::string>{by_type ? "类型" : "单位", "线索", "移交", "办结",
                                            "处理处分", "处分", "立案", "追缴(元)"}
                 : std::vector<std::string>{by_type ? "type" : "unit", "leads", "transferred",
                                            "closed", "handled", "sanctioned", "cases",
                                            "recovered (yuan)"});
  const auto add = [&](const ReportFigures::Row& r, const std::string& label) {
    t.push_back({label, std::to_string(r.found), std::to_string(r.transferred),
                 std::to_string(r.closed), std::to_string(r.handled), std::to_string(r.sanctioned),
                 std::to_string(r.cases), FenToYuan(r.recovered_fen)});
  };
  for (const auto& r : rows)
    add(r, by_type ? labels.Type(r.key, zh ? Lang::kZh : Lang::kEn) : r.key);
  add(total, zh ? "合计" : "total");
  return t;
}

// What a model compared and what became of its leads: one or two lines.
std::vector<std::string> ModelLines(const ReportFigures& f, const ReportFigures::ModelRow& m,
                                    const ReportOptions& o) {
  const bool zh = Zh(o);
  const ReportFigures::Row& r = m.leads;
  const std::string amount = m.amount_fen < 0 ? ""
                             : zh             ? "，涉及金额" + Money(m.amount_fen, true)
                                              : ", " + Money(m.amount_fen, false) + " involved";
  const std::string leads = zh ? fmt::format("问题线索{}条{}", WithThousands(r.found), amount)
                               : fmt::format("{} leads{}", WithThousands(r.found), amount);
  std::string first;
  if (m.in_run && m.run.ran()) {
    const std::string kind = o.labels.Kind(m.run.events_kind, o.lang);
    first = zh ? fmt::format("比对{} {}条，候选{}条，", kind, WithThousands(m.run.records),
                             WithThousands(m.run.candidates)) +
                     leads
               : fmt::format("compared {} {}: {} candidates, ", WithThousands(m.run.records), kind,
                             WithThousands(m.run.candidates)) +
                     leads;
  } else if (f.run.model_runs.empty()) {
    first = leads;  // a run from before the store kept its models
  } else {
    first = m.in_run ? (zh ? "未运行：" : "not run: ") + m.run.skipped
                     : (zh ? "本批次未运行" : "not in this run");
    if (r.found) first += (zh ? "；" : "; ") + leads;
  }
  std::vector<std::string> lines = {first};
  if (r.found)
    lines.push_back(
        zh ? fmt::format(
                 "移交{}条，办结{}条，处理处分{}人次，其中处分{}人次，立案{}件，追缴清退资金{}",
                 r.transferred, r.closed, r.handled, r.sanctioned, r.cases,
                 Money(r.recovered_fen, true))
           : fmt::format("{} transferred, {} closed, {} handled, {} sanctioned, {} cases filed, {} "
                         "recovered",
                         r.transferred, r.closed, r.handled, r.sanctioned, r.cases,
                         Money(r.recovered_fen, false)));
  return lines;
}

// Whether the run covered every unit whose headcount is expected, in one
// line: "全覆盖" or the units short of it; nothing when none is expected.
std::string CoverageCheck(const ReportFigures& f, bool zh) {
  if (f.expectations.empty()) return "";
  std::vector<std::string> short_units;
  for (const UnitExpectation& e : f.expectations)
    if (!e.covered())
      short_units.push_back(zh ? fmt::format("{} {}/{}人", e.unit, e.found, e.expected)
                               : fmt::format("{} {} of {} persons", e.unit, e.found, e.expected));
  if (short_units.empty())
    return zh ? fmt::format("  应覆盖单位{}家：全覆盖\n", f.expectations.size())
              : fmt::format("  all {} units with an expected headcount covered\n",
                            f.expectations.size());
  return zh ? "  未全覆盖：" + Join(short_units, "、") + "\n"
            : "  coverage not complete: " + Join(short_units, ", ") + "\n";
}

// The leads the reported run found new and saw again, per model it ran and
// in all.
std::vector<std::vector<std::string>> ThisRunTable(const ReportFigures& f, const ReportOptions& o) {
  const bool zh = Zh(o);
  std::vector<std::vector<std::string>> t = {
      zh ? std::vector<std::string>{"模型", "新发现", "再次发现"}
         : std::vector<std::string>{"model", "new", "seen again"}};
  for (const ModelRun& m : f.run.model_runs)
    if (m.ran())
      t.push_back({ModelTitle(m, o), WithThousands(m.leads_new), WithThousands(m.leads_seen)});
  t.push_back(
      {zh ? "合计" : "total", WithThousands(f.run.leads_new), WithThousands(f.run.leads_seen)});
  // Corrected records and, on a snapshot run, records no longer delivered:
  // counted for the run as a whole.
  if (f.run.leads_changed || f.run.snapshot) {
    for (auto& row : t) row.push_back("");
    t[0].back() = zh ? "证据变化" : "changed";
    t.back().back() = WithThousands(f.run.leads_changed);
  }
  if (f.run.snapshot) {
    for (auto& row : t) row.push_back("");
    t[0].back() = zh ? "未再发现" : "missing";
    t.back().back() = WithThousands(f.run.leads_missing);
  }
  return t;
}

}  // namespace

std::string LatestRunNotice(const RunRecord& failed, int64_t shown, Lang lang) {
  const bool zh = lang == Lang::kZh;
  const std::string instead = shown == 0 ? (zh ? "尚无成功的运行。" : "No run has succeeded yet.")
                              : zh       ? fmt::format("以下为批次 {} 的结果。", shown)
                                         : fmt::format("Shown instead: run {}.", shown);
  return zh ? fmt::format("注意：最近一次运行（批次 {}，{}）失败：{}。{}", failed.id,
                          LocalTime(failed.finished_at), failed.message, instead)
            : fmt::format("Note: the latest run (run {}, {}) failed: {}. {}", failed.id,
                          LocalTime(failed.finished_at), failed.message, instead);
}

std::string ReportHeadline(const ReportFigures& f, const ReportOptions& o) {
  const ReportFigures::Row& t = f.total;
  const bool zh = Zh(o);
  const Date as_of = ParseDate(f.run.as_of).ok() ? *ParseDate(f.run.as_of) : Date();
  const ReportFigures::Funnel& n = f.funnel;
  const std::vector<std::string> kinds = SanctionCounts(f, zh);
  const uint64_t emp_rejected = Sum(f.employee_rejects);
  if (zh) {
    std::string s = fmt::format(
        "截至{}年{}月{}日，比对覆盖{}家单位员工基础数据{}条（{}人），与{}进行比对，发现预警信息{}"
        "条，形成问题线索{}条，涉及{}人{}。已移交核查{}条，立案{}人，处分{}人，处理处分{}人次",
        as_of.year(), as_of.month(), as_of.day(), Units(f), WithThousands(Records(f)),
        WithThousands(f.run.persons), ComparedData(f, o), WithThousands(f.run.hits),
        WithThousands(t.found), WithThousands(f.lead_persons),
        f.repeat_persons ? fmt::format("，其中多次违法{}人", WithThousands(f.repeat_persons)) : "",
        n.transferred, n.cases_filed, n.sanctioned, n.person_times);
    s += kinds.empty() ? "" : "，其中" + Join(kinds, "、");
    s += fmt::format("；追缴清退资金{}。", Money(t.recovered_fen, true));
    if (emp_rejected)
      s += fmt::format("另有员工记录{}条未纳入比对（{}）。", emp_rejected,
                       Reasons(f.employee_rejects, true));
    return s;
  }
  std::string s = fmt::format(
      "As of {}, the comparison covered {} employee records ({} persons) of {} units against {}. "
      "It raised {} hits and {} problem leads concerning {} persons{}; {} were transferred for "
      "verification, cases were filed against {} persons, {} persons were sanctioned and {} "
      "person-times were handled or sanctioned",
      f.run.as_of, WithThousands(Records(f)), WithThousands(f.run.persons), Units(f),
      ComparedData(f, o), WithThousands(f.run.hits), WithThousands(t.found),
      WithThousands(f.lead_persons),
      f.repeat_persons
          ? fmt::format(" ({} of them with more than one lead)", WithThousands(f.repeat_persons))
          : "",
      n.transferred, n.cases_filed, n.sanctioned, n.person_times);
  s += kinds.empty() ? "" : ", among them " + Join(kinds, ", ");
  s += fmt::format("; {} was recovered.", Money(t.recovered_fen, false));
  if (emp_rejected)
    s += fmt::format(" {} employee records were not compared: {}.", emp_rejected,
                     Reasons(f.employee_rejects, false));
  return s;
}

namespace {

// The funnel's stages, then 处理 and 处理处分 beside them, then the money.
std::vector<std::vector<std::string>> FunnelTable(const ReportFigures& f, bool zh) {
  std::vector<std::vector<std::string>> rows;
  for (const Stage& s : Funnel(f))
    rows.push_back({zh ? s.zh : s.en, WithThousands(s.count),
                    s.persons ? (zh ? "人" : "persons") : (zh ? "条" : "leads")});
  rows.push_back({zh ? "处理（未处分）" : "handled without sanction",
                  WithThousands(f.funnel.handled), zh ? "人次" : "person-times"});
  rows.push_back({zh ? "处理处分" : "handled or sanctioned", WithThousands(f.funnel.person_times),
                  zh ? "人次" : "person-times"});
  rows.push_back({zh ? "追缴清退资金" : "recovered",
                  WithThousands(static_cast<uint64_t>(f.total.recovered_fen / 100)) +
                      fmt::format(".{:02d}", f.total.recovered_fen % 100),
                  zh ? "元" : "yuan"});
  return rows;
}

// Every outcome recorded, persons each, track by track; 双开 first.
std::vector<std::vector<std::string>> OutcomesTable(const ReportFigures& f, bool zh) {
  const Lang lang = zh ? Lang::kZh : Lang::kEn;
  std::vector<std::vector<std::string>> rows;
  if (f.double_expulsion)
    rows.push_back({zh ? "双开" : "double expulsion", "", std::to_string(f.double_expulsion)});
  for (const auto& [oc, n] : f.outcomes)
    rows.push_back({Label(oc, lang), Label(TrackOf(oc), lang), std::to_string(n)});
  return rows;
}

}  // namespace

std::string FormatReportText(const ReportFigures& f, const ReportOptions& o) {
  const bool zh = Zh(o);
  std::string out =
      zh ? fmt::format("清廉数据比对报告（批次 {}，截至 {}）\n\n", f.run.id, f.run.as_of)
         : fmt::format("qinglian comparison report (run {}, as of {})\n\n", f.run.id, f.run.as_of);
  if (f.latest_failed) out += LatestRunNotice(*f.latest_failed, f.run.id, o.lang) + "\n\n";
  out += ReportHeadline(f, o) + "\n\n";
  out += zh ? "本次运行\n" : "This run\n";
  out += Table(ThisRunTable(f, o)) + "\n";
  out += zh ? "漏斗\n" : "Funnel\n";
  out += Table(FunnelTable(f, zh)) + "\n";
  if (!f.outcomes.empty()) {
    out += zh ? "处置结果（人）\n" : "Outcomes (persons)\n";
    out += Table(OutcomesTable(f, zh)) + "\n";
  }
  out += zh ? "按单位\n" : "By unit\n";
  out += Table(RowsTable(o.labels, f.by_unit, f.total, false, zh)) + "\n";
  out += zh ? "按类型\n" : "By type\n";
  out += Table(RowsTable(o.labels, f.by_type, f.total, true, zh)) + "\n";
  out += zh ? "按模型\n" : "By model\n";
  for (const ReportFigures::ModelRow& m : f.by_model) {
    out += "  " + ModelTitle(m.run, o) + "\n";
    for (const std::string& line : ModelLines(f, m, o)) out += "    " + line + "\n";
  }
  out += "\n";
  out += zh ? "覆盖范围\n" : "Coverage\n";
  std::vector<std::vector<std::string>> cov = {
      zh ? std::vector<std::string>{"单位", "记录", "人数"}
         : std::vector<std::string>{"unit", "records", "persons"}};
  for (const CoverageRecord& c : f.coverage)
    cov.push_back({c.unit, WithThousands(c.records), WithThousands(c.persons)});
  out += Table(cov);
  out += CoverageCheck(f, zh) + "\n";
  out += zh ? "未纳入比对\n" : "Not compared\n";
  const uint64_t er = Sum(f.employee_rejects), orj = Sum(f.offence_rejects);
  out += zh ? fmt::format("  员工记录 {} 条{}\n", er,
                          er ? "：" + Reasons(f.employee_rejects, true) : "")
            : fmt::format("  {} employee records{}\n", er,
                          er ? ": " + Reasons(f.employee_rejects, false) : "");
  out += zh ? fmt::format("  违法记录 {} 条{}\n", orj,
                          orj ? "：" + Reasons(f.offence_rejects, true) : "")
            : fmt::format("  {} offence records{}\n", orj,
                          orj ? ": " + Reasons(f.offence_rejects, false) : "");
  if (const std::string r = report_parts::ReviewLine(f.review, o.lang); !r.empty())
    out += "  " + r + "\n";
  return TerminalText(out, /*keep_newlines=*/true);
}

std::string FormatReportJson(const ReportFigures& f, const ReportOptions& o) {
  using nlohmann::json;
  const auto row = [](const ReportFigures::Row& r) {
    return json{
        {"found", r.found},       {"transferred", r.transferred},
        {"closed", r.closed},     {"unfounded", r.unfounded},
        {"handled", r.handled},   {"sanctioned", r.sanctioned},
        {"cases_filed", r.cases}, {"recovered_yuan", static_cast<double>(r.recovered_fen) / 100.0}};
  };
  json by_unit = json::array(), by_type = json::array(), units = json::array(),
       funnel = json::object();
  for (const auto& r : f.by_unit) {
    json j = row(r);
    j["unit"] = ToValidUtf8(r.key);
    by_unit.push_back(j);
  }
  for (const auto& r : f.by_type) {
    json j = row(r);
    j["type"] = ToValidUtf8(r.key);
    by_type.push_back(j);
  }
  for (const CoverageRecord& c : f.coverage)
    units.push_back(
        {{"unit", ToValidUtf8(c.unit)}, {"records", c.records}, {"persons", c.persons}});
  for (const Stage& s : Funnel(f)) funnel[s.key] = s.count;
  funnel["handled"] = f.funnel.handled;
  funnel["person_times"] = f.funnel.person_times;
  json outcomes = json::object(), emp = json::object(), off = json::object();
  for (const auto& [k, n] : f.outcomes) outcomes[Code(k)] = n;
  if (f.double_expulsion) outcomes["double_expulsion"] = f.double_expulsion;
  for (const auto& [k, n] : f.employee_rejects) emp[Code(k)] = n;
  for (const auto& [k, n] : f.offence_rejects) off[Code(k)] = n;
  json by_model = json::array();
  for (const ReportFigures::ModelRow& m : f.by_model) {
    const ReportFigures::Row& r = m.leads;
    const bool ran = m.in_run && m.run.ran();
    const auto known = [&m](uint64_t n) { return m.in_run ? json(n) : json(nullptr); };
    by_model.push_back(
        {{"model", ToValidUtf8(m.run.model)},
         {"title", ToValidUtf8(ModelTitle(m.run, o))},
         {"events_kind",
          m.run.events_kind.empty() ? json(nullptr) : json(ToValidUtf8(m.run.events_kind))},
         {"records", known(ran ? m.run.records : 0)},
         {"candidates", known(ran ? m.run.candidates : 0)},
         {"leads", r.found},
         {"transferred", r.transferred},
         {"closed", r.closed},
         {"handled", r.handled},
         {"sanctioned", r.sanctioned},
         {"cases_filed", r.cases},
         {"recovered_yuan", static_cast<double>(r.recovered_fen) / 100.0},
         {"amount_involved_yuan",
          m.amount_fen >= 0 ? json(static_cast<double>(m.amount_fen) / 100.0) : json(nullptr)},
         {"skipped", m.in_run && !ran ? json(ToValidUtf8(m.run.skipped)) : json(nullptr)}});
  }
  json leads = row(f.total);
  leads["persons"] = f.lead_persons;
  leads["repeat_persons"] = f.repeat_persons;
  json data_sets = json::array();
  for (const auto& [kind, n] : DataSets(f.run))
    data_sets.push_back({{"kind", ToValidUtf8(kind)}, {"records", n}});
  json latest_failed = nullptr;
  if (f.latest_failed)
    latest_failed = {{"run", f.latest_failed->id},
                     {"finished_at", ToValidUtf8(f.latest_failed->finished_at)},
                     {"message", ToValidUtf8(f.latest_failed->message)}};
  json expected = json::array();
  bool all_covered = true;
  for (const UnitExpectation& e : f.expectations) {
    expected.push_back({{"unit", ToValidUtf8(e.unit)},
                        {"expected", e.expected},
                        {"found", e.found},
                        {"covered", e.covered()}});
    all_covered = all_covered && e.covered();
  }
  // null when no headcount is expected: nothing to be complete against.
  const json complete = f.expectations.empty() ? json(nullptr) : json(all_covered);
  json j = {{"run", f.run.id},
            {"as_of", ToValidUtf8(f.run.as_of)},
            {"models", ToValidUtf8(Join(f.run.models, ","))},
            {"coverage",
             {{"units", Units(f)},
              {"employee_records", Records(f)},
              {"persons", f.run.persons},
              {"by_unit", units},
              {"expected", expected},
              {"complete", complete}}},
            {"offence_records_compared", f.run.offence_rows},
            {"hits", f.run.hits},
            {"leads", leads},
            {"leads_in_run", f.leads_in_run},
            {"leads_scope", f.run_only ? "run" : "all"},
            {"this_run",
             {{"leads_new", f.run.leads_new},
              {"leads_seen", f.run.leads_seen},
              {"leads_changed", f.run.leads_changed},
              {"leads_missing", f.run.leads_missing},
              {"snapshot", f.run.snapshot}}},
            {"data_sets_compared", data_sets},
            {"by_model", by_model},
            {"latest_failed_run", latest_failed},
            {"outcomes", outcomes},
            {"by_unit", by_unit},
            {"by_type", by_type},
            {"funnel", funnel},
            {"review",
             {{"not_keyed", f.review.not_keyed},
              {"candidates", f.review.candidates},
              {"open", f.review.open},
              {"matched", f.review.matched}}},
            {"not_compared",
             {{"employee_records", Sum(f.employee_rejects)},
              {"employee_reasons", emp},
              {"offence_records", Sum(f.offence_rejects)},
              {"offence_reasons", off}}}};
  return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

namespace report_parts {

// The HTML page (report_html.cc) draws what the text report counts.
std::vector<FunnelStage> Funnel(const ReportFigures& f, Lang lang) {
  std::vector<FunnelStage> out;
  for (const Stage& s : qinglian::Funnel(f))
    out.push_back({lang == Lang::kZh ? s.zh : s.en, s.key, s.count});
  return out;
}

Rows ThisRun(const ReportFigures& f, const ReportOptions& o) { return ThisRunTable(f, o); }

Rows ByUnitOrType(const ReportFigures& f, const ReportOptions& o, bool by_type) {
  return RowsTable(o.labels, by_type ? f.by_type : f.by_unit, f.total, by_type, Zh(o));
}

std::string ModelTitle(const ModelRun& m, const ReportOptions& o) {
  return qinglian::ModelTitle(m, o);
}

std::string Reasons(const std::vector<std::pair<RejectReason, uint64_t>>& reasons, Lang lang) {
  return qinglian::Reasons(reasons, lang == Lang::kZh);
}

std::string ReviewLine(const ReviewFigures& r, Lang lang) {
  if (r.not_keyed == 0 && r.candidates == 0 && r.matched == 0) return "";
  return lang == Lang::kZh
             ? fmt::format(
                   "身份证号码无法识别的员工记录 {} 条：近似匹配候选 {} 对，待复核 {} "
                   "对（qinglian review）；经人工复核认定的线索 {} 条（另计）",
                   WithThousands(r.not_keyed), WithThousands(r.candidates), WithThousands(r.open),
                   WithThousands(r.matched))
             : fmt::format(
                   "{} roster rows not keyed (ID number damaged or mistyped): {} "
                   "near-match candidates, {} open (qinglian review); {} leads matched "
                   "by review (counted apart)",
                   WithThousands(r.not_keyed), WithThousands(r.candidates), WithThousands(r.open),
                   WithThousands(r.matched));
}

}  // namespace report_parts

}  // namespace qinglian
