#include "qinglian/app/run_summary.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "qinglian/base/text.h"

namespace qinglian {
namespace {

// New units, and whether every expected headcount is there (全覆盖).
std::string FormatUnitChecks(const RunReport& r, Lang lang) {
  const bool zh = lang == Lang::kZh;
  std::string out;
  if (!r.new_units.empty())
    out += (zh ? "  新单位：" : "  new units (新单位)：") + Join(r.new_units, "、") + "\n";
  if (r.expectations.empty()) return out;
  if (r.coverage_complete())
    return out + fmt::format(
                     fmt::runtime(zh ? "  全覆盖：{} 个设定应有人数的单位均已覆盖\n"
                                     : "  coverage complete (全覆盖): {} expected units have their "
                                       "headcount\n"),
                     r.expectations.size());
  std::vector<std::string> short_units;
  for (const UnitExpectation& e : r.expectations)
    if (!e.covered())
      short_units.push_back(fmt::format(fmt::runtime(zh ? "{} {}/{} 人" : "{} {} of {} persons"),
                                        e.unit, e.found, e.expected));
  return out + (zh ? "  未全覆盖：" : "  coverage not complete (未全覆盖): ") +
         Join(short_units, zh ? "；" : "; ") + "\n";
}

nlohmann::json QualityJson(const DataQuality& q) {
  nlohmann::json out = nlohmann::json::array();
  for (const QualityWarning& w : q.warnings) {
    nlohmann::json examples = nlohmann::json::array();
    for (const QualityExample& e : w.examples)
      examples.push_back({{"where", ToValidUtf8(e.where)},
                          {"id_number", e.id},
                          {"detail", ToValidUtf8(e.detail)}});
    out.push_back({{"code", w.code}, {"count", w.count}, {"examples", examples}});
  }
  return out;
}

}  // namespace

std::string FormatReviewLine(const ReviewFigures& f, Lang lang) {
  if (f.not_keyed == 0 && f.matched == 0) return "";
  if (lang == Lang::kZh) {
    std::string out = fmt::format(
        "  近似匹配：{} 条花名册记录身份证号无法比对，候选 {} 条，待审核 {} 条（qinglian review）",
        f.not_keyed, f.candidates, f.open);
    if (f.matched) out += fmt::format("，经审核匹配的线索 {} 条", f.matched);
    out += "\n";
    if (!f.homophones) out += "  同音规则未启用：本程序构建时没有 Unihan 读音数据\n";
    return out;
  }
  std::string out = fmt::format(
      "  near matches: {} roster rows not keyed, {} candidates, {} open (qinglian review)",
      f.not_keyed, f.candidates, f.open);
  if (f.matched) out += fmt::format(", {} leads matched by review", f.matched);
  out += "\n";
  if (!f.homophones)
    out += "  the homophone rule is off: this program was built without the Unihan readings\n";
  return out;
}

std::string AsOfWarning(const RunReport& r, Lang lang) {
  const Result<Date> as_of = ParseDate(r.run.as_of);
  if (!as_of.ok()) return "";
  const bool zh = lang == Lang::kZh;
  std::vector<std::string> why;
  const CompareStats& s = r.stats;
  if (s.hits > 0 && s.outside_lookback * 2 > s.hits)
    why.push_back(
        zh ? fmt::format("{}条命中记录中有{}条在回溯期之外", s.hits, s.outside_lookback)
           : fmt::format("{} of {} hits are outside the look-back", s.outside_lookback, s.hits));
  const int64_t age =
      r.newest_event.valid() ? int64_t{as_of->days()} - r.newest_event.days() : int64_t{0};
  if (age > kStaleDataDays)
    why.push_back(
        zh ? fmt::format("最新的记录日期为{}，比截至日期早{}天", r.newest_event.Iso(), age)
           : fmt::format("the newest record is of {}, {} days before it", r.newest_event.Iso(),
                         age));
  if (why.empty()) return "";
  return zh ? fmt::format("警告：截至日期 {} 与数据不符：{}；是否对去年的数据忘了指定 --as-of？",
                          r.run.as_of, Join(why, "，"))
            : fmt::format(
                  "warning: the as-of date {} does not fit the data: {}; was --as-of forgotten "
                  "on last year's data?",
                  r.run.as_of, Join(why, ", and "));
}

namespace {

// The run's summary in Chinese, line for line as FormatRunText's English.
std::string FormatRunTextZh(const RunReport& r) {
  const RunRecord& run = r.run;
  std::string out = fmt::format("第 {} 批次：截至 {}，模型 {}{}\n", run.id, run.as_of,
                                Join(run.models, "、"), run.snapshot ? "，快照" : "");
  for (const FileSummary& f : r.files) {
    out += fmt::format("  {:<9} {}：{} 行，接收 {}", f.kind, f.file, f.rows, f.accepted);
    if (f.filtered) out += fmt::format("（其中非职工 {}）", f.not_employees);
    out += fmt::format("，拒收 {}，重复 {}\n", f.rejected, f.duplicates);
    if (const std::string w = EncodingWarning(f); !w.empty()) out += "    警告：" + w + "\n";
  }
  for (const ModelRun& m : run.model_runs) {
    if (!m.ran()) continue;
    out += fmt::format(
        "  模型 {}（{}）：比对 {} 条 {} 记录，候选 {} 条，新线索 {} 条，再次发现 {} 条\n", m.model,
        m.title_zh, m.records, m.events_kind, m.candidates, m.leads_new, m.leads_seen);
  }
  for (const auto& [model, why] : r.skipped)
    out += fmt::format("  模型 {} 未运行：{}\n", model, why);
  out += fmt::format("  覆盖：{} 个单位，{} 条职工记录，{} 人\n", r.coverage.size(),
                     r.employee_records, r.persons);
  out += FormatUnitChecks(r, Lang::kZh);
  out += FormatDataQuality(r.quality, Lang::kZh);
  out += fmt::format("  与其他部门的 {} 条有效记录比对（读取 {} 行）\n", run.offence_accepted,
                     run.offence_rows);
  const CompareStats& s = r.stats;
  out += fmt::format(
      "  {} 条记录的身份证号属于职工：{} 条不在任职期间，{} 条超出回溯期，{} 条属其他类型\n",
      s.hits, s.outside_employment, s.outside_lookback, s.not_in_models);
  if (!s.other_offences.empty()) {
    std::vector<std::string> labels;
    uint64_t others = 0;
    for (const auto& [label, n] : s.other_offences) {
      labels.push_back(fmt::format("{} {}", label, n));
      others += n;
    }
    out += fmt::format("  职工的其他违法行为：{} 条（{}）\n", others, Join(labels, "、"));
  }
  out += fmt::format("  线索：新线索 {} 条，再次发现 {} 条", run.leads_new, run.leads_seen);
  out +=
      s.name_mismatches ? fmt::format("（{} 条违法记录上的姓名不同）\n", s.name_mismatches) : "\n";
  out += run.snapshot ? fmt::format("  证据变化 {} 条，未再发现 {} 条（快照）\n", run.leads_changed,
                                    run.leads_missing)
                      : fmt::format("  证据变化 {} 条\n", run.leads_changed);
  out += FormatReviewLine(r.review, Lang::kZh);
  if (const std::string w = AsOfWarning(r, Lang::kZh); !w.empty()) out += "  " + w + "\n";
  out += fmt::format(
      "  用时 {:.2f} 秒（读取职工 {:.2f}，建索引 {:.2f}，读取其他记录 {:.2f}，比对 {:.2f}，"
      "入库 {:.2f}）\n",
      r.seconds, r.phases.load_employees, r.phases.index, r.phases.load_offences, r.phases.compare,
      r.phases.store);
  return out;
}

}  // namespace

std::string FormatRunText(const RunReport& r, Lang lang) {
  const RunRecord& run = r.run;
  std::string out;
  if (r.failed())
    return fmt::format(
        fmt::runtime(lang == Lang::kZh ? "第 {} 批次失败：{}\n" : "run {} failed: {}\n"), run.id,
        run.message);
  if (lang == Lang::kZh) return FormatRunTextZh(r);
  out += fmt::format("run {}: as of {}, models {}{}\n", run.id, run.as_of, Join(run.models, ","),
                     run.snapshot ? ", snapshot" : "");
  for (const FileSummary& f : r.files) {
    // Accepted and duplicates as `check` counts them; a run accepts the rows
    // of persons on no roster on their ID number alone.
    out += fmt::format("  {:<9} {}: {} rows, {} accepted", f.kind, f.file, f.rows, f.accepted);
    if (f.filtered) out += fmt::format(" ({} not employees)", f.not_employees);
    out += fmt::format(", {} rejected, {} duplicates\n", f.rejected, f.duplicates);
    if (const std::string w = EncodingWarning(f); !w.empty()) out += "    warning: " + w + "\n";
  }
  for (const ModelRun& m : run.model_runs) {
    if (!m.ran()) continue;
    out += fmt::format(
        "  model {} ({} / {}): compared {} records of {}, {} candidates, leads {} new, {} seen "
        "again\n",
        m.model, m.title_zh, m.title_en, m.records, m.events_kind, m.candidates, m.leads_new,
        m.leads_seen);
  }
  for (const auto& [model, why] : r.skipped)
    out += fmt::format("  model {} skipped: {}\n", model, why);
  out += fmt::format("  coverage: {} units, {} employee records, {} persons\n", r.coverage.size(),
                     r.employee_records, r.persons);
  out += FormatUnitChecks(r, lang);
  out += FormatDataQuality(r.quality);
  out += fmt::format("  compared with {} accepted records of other offices ({} rows read)\n",
                     run.offence_accepted, run.offence_rows);
  const CompareStats& s = r.stats;
  out += fmt::format(
      "  {} records on employees' ID numbers: {} outside employment, {} outside the look-back, "
      "{} of other types\n",
      s.hits, s.outside_employment, s.outside_lookback, s.not_in_models);
  if (!s.other_offences.empty()) {
    std::vector<std::string> labels;
    uint64_t others = 0;
    for (const auto& [label, n] : s.other_offences) {
      labels.push_back(fmt::format("{} {}", n, label));
      others += n;
    }
    out += fmt::format("  other offences on employees: {} ({})\n", others, Join(labels, ", "));
  }
  out += fmt::format("  leads: {} new, {} seen again", run.leads_new, run.leads_seen);
  out += s.name_mismatches
             ? fmt::format(" ({} with a different name on the offence record)\n", s.name_mismatches)
             : "\n";
  out += run.snapshot ? fmt::format("  {} leads changed, {} missing (snapshot)\n",
                                    run.leads_changed, run.leads_missing)
                      : fmt::format("  {} leads changed\n", run.leads_changed);
  out += FormatReviewLine(r.review);
  if (const std::string w = AsOfWarning(r, lang); !w.empty()) out += "  " + w + "\n";
  out += fmt::format(
      "  took {:.2f} s (load employees {:.2f}, index {:.2f}, stream offences {:.2f}, compare "
      "{:.2f}, "
      "store {:.2f})\n",
      r.seconds, r.phases.load_employees, r.phases.index, r.phases.load_offences, r.phases.compare,
      r.phases.store);
  return out;
}

std::string FormatRunJson(const RunReport& r, Lang lang) {
  using nlohmann::json;
  const RunRecord& run = r.run;
  json files = json::array();
  for (size_t i = 0; i < r.files.size(); ++i) {
    const FileSummary& f = r.files[i];
    json reasons = json::object();
    for (const auto& [reason, n] : f.rejects_by_reason) reasons[Code(reason)] = n;
    json file = {{"path", ToValidUtf8(f.file)},
                 {"kind", ToValidUtf8(f.kind)},
                 {"encoding", EncodingName(f.encoding)},
                 {"rows", f.rows},
                 {"accepted", f.accepted},
                 {"rejected", f.rejected},
                 {"duplicates", f.duplicates},
                 {"rejects_by_reason", reasons},
                 {"suspect_ids", f.suspect_ids}};
    if (f.filtered) file["not_employees"] = f.not_employees;
    if (!f.other_labels.empty()) {
      json others = json::object();
      for (const auto& [label, n] : f.other_labels) others[ToValidUtf8(label)] = n;
      file["other_offences"] = others;
    }
    if (const std::string w = EncodingWarning(f); !w.empty()) file["encoding_warning"] = w;
    if (i < run.sources.size()) file["sha256"] = ToValidUtf8(run.sources[i].sha256);
    files.push_back(file);
  }
  json models = json::array();
  for (const std::string& m : run.models) models.push_back(ToValidUtf8(m));
  json j = {{"run", run.id},
            {"status", Code(run.status)},
            {"as_of", ToValidUtf8(run.as_of)},
            {"models", models},
            {"files", files},
            {"duration_ms", run.duration_ms}};
  if (!r.audit_head.empty()) j["audit_head"] = r.audit_head;
  if (r.failed()) {
    j["message"] = ToValidUtf8(run.message);
    return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
  }
  j["coverage"] = {{"units", r.coverage.size()},
                   {"employee_records", r.employee_records},
                   {"persons", r.persons}};
  json new_units = json::array(), expected = json::array();
  for (const std::string& u : r.new_units) new_units.push_back(ToValidUtf8(u));
  for (const UnitExpectation& e : r.expectations)
    expected.push_back({{"unit", ToValidUtf8(e.unit)},
                        {"expected", e.expected},
                        {"found", e.found},
                        {"covered", e.covered()}});
  j["new_units"] = new_units;
  j["expected_units"] = expected;
  j["coverage_complete"] = r.coverage_complete();
  j["data_quality"] = QualityJson(r.quality);
  j["concurrent"] = r.stats.concurrent;
  j["snapshot"] = run.snapshot;
  j["offence_records_accepted"] = run.offence_accepted;
  j["hits"] = r.stats.hits;
  j["outside_employment"] = r.stats.outside_employment;
  j["outside_lookback"] = r.stats.outside_lookback;
  j["not_in_models"] = r.stats.not_in_models;
  j["name_mismatches"] = r.stats.name_mismatches;
  json others = json::object();
  for (const auto& [label, n] : r.stats.other_offences) others[ToValidUtf8(label)] = n;
  j["other_offences"] = others;
  json skipped = json::array();
  for (const auto& [model, why] : r.skipped) skipped.push_back({{"model", model}, {"reason", why}});
  j["skipped_models"] = skipped;
  json by_model = json::array();
  for (const ModelRun& m : run.model_runs)
    by_model.push_back({{"model", ToValidUtf8(m.model)},
                        {"events_kind", ToValidUtf8(m.events_kind)},
                        {"records", m.records},
                        {"candidates", m.candidates},
                        {"leads_new", m.leads_new},
                        {"leads_seen", m.leads_seen},
                        {"skipped", m.ran() ? json(nullptr) : json(ToValidUtf8(m.skipped))}});
  j["by_model"] = by_model;
  j["phases_seconds"] = {{"load_employees", r.phases.load_employees},
                         {"index", r.phases.index},
                         {"load_offences", r.phases.load_offences},
                         {"compare", r.phases.compare},
                         {"store", r.phases.store}};
  // The part of compare that finds and scores the review candidates.
  j["phases_seconds"]["near_match"] = r.phases.near_match;
  // CPU time, all threads: against the wall time, how many cores were busy.
  j["cpu_seconds"] = r.cpu_seconds;
  j["phases_cpu_seconds"] = {{"load_employees", r.cpu.load_employees},
                             {"index", r.cpu.index},
                             {"load_offences", r.cpu.load_offences},
                             {"compare", r.cpu.compare},
                             {"store", r.cpu.store},
                             {"near_match", r.cpu.near_match}};
  j["leads"] = {{"new", run.leads_new},
                {"seen_again", run.leads_seen},
                {"total", run.leads_new + run.leads_seen},
                {"changed", run.leads_changed},
                {"missing", run.leads_missing}};
  j["review"] = {{"not_keyed", r.review.not_keyed},
                 {"candidates", r.review.candidates},
                 {"open", r.review.open},
                 {"matched", r.review.matched},
                 {"homophone_rule", r.review.homophones}};
  if (const std::string w = AsOfWarning(r, lang); !w.empty()) j["as_of_warning"] = w;
  return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace qinglian
