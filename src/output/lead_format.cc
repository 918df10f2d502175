#include "qinglian/output/lead_format.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "qinglian/base/clock.h"
#include "qinglian/base/money.h"
#include "qinglian/base/text.h"
#include "qinglian/core/idcard.h"
#include "qinglian/output/text_table.h"

namespace qinglian {
namespace {

using nlohmann::json;

json Text(std::string_view s) { return ToValidUtf8(s); }

// "outcome": the codes joined by ',' (one code for one outcome, as before
// leads took several); "outcomes": the codes as an array.
json OutcomeJson(const OutcomeSet& s) { return OutcomeCodes(s, ","); }
json OutcomesArray(const OutcomeSet& s) {
  json arr = json::array();
  for (Outcome o : s.list()) arr.push_back(Code(o));
  return arr;
}
json DateJson(Date d) { return d.valid() ? json(d.Iso()) : json(nullptr); }

// The other record's fields, by their names, in their kind's order.
json RecordObject(const LeadEvidence& e) {
  json j = json::object();
  for (const auto& [name, value] : e.record) j[Text(name).get<std::string>()] = Text(value);
  return j;
}

// Every employment record the lead's time falls in (concurrent posts).
json PostingsArray(const LeadEvidence& e) {
  json arr = json::array();
  for (const Posting& p : e.postings)
    arr.push_back({{"unit", Text(p.unit)},
                   {"department", Text(p.department)},
                   {"position", Text(p.position)},
                   {"hire_date", p.hire_date.Iso()},
                   {"leave_date", p.leave_date.Iso()},
                   {"source", {{"file", Text(p.file)}, {"line", p.line}}}});
  return arr;
}

json LeadObject(const StoredLead& l, const ExportOptions& o) {
  const LeadEvidence& e = l.evidence;
  return {{"id", l.id},
          {"model", Text(e.model)},
          {"type", Text(e.type)},
          {"status", Code(l.status)},
          {"outcome", OutcomeJson(l.outcomes)},
          {"outcomes", OutcomesArray(l.outcomes)},
          {"handler", Text(l.handler)},
          {"handled_on", DateJson(l.handled_on)},
          {"transferred_to", Text(l.transferred_to)},
          {"due", DateJson(l.due)},
          {"unit", Text(e.unit)},
          {"department", Text(e.department)},
          {"position", Text(e.position)},
          {"category", Text(e.category)},
          {"name", Text(e.name)},
          {"offence_name", Text(e.offence_name)},
          {"name_matches", e.name_matches},
          {"id_number", Text(ShownIdNumber(l, o))},
          {"hire_date", e.hire_date.Iso()},
          {"leave_date", e.leave_date.Iso()},
          {"offence_date", e.offence_date.Iso()},
          {"label", Text(e.label)},
          {"bac", e.bac >= 0 ? json(e.bac / 10.0) : json(nullptr)},
          {"place", Text(e.place)},
          {"penalty", Text(e.penalty)},
          {"case_no", Text(e.case_no)},
          {"authority", Text(e.authority)},
          {"case_filed", l.case_filed},
          {"recovered_yuan", static_cast<double>(l.recovered_fen) / 100.0},
          {"source",
           {{"employee", {{"file", Text(e.employee_file)}, {"line", e.employee_line}}},
            {"offence", {{"file", Text(e.offence_file)}, {"line", e.offence_line}}}}},
          {"first_run", l.first_run},
          {"last_run", l.last_run},
          {"not_seen_since_run", l.missing_run ? json(l.last_run) : json(nullptr)},
          {"kind", Text(e.event_kind)},
          {"event_end", e.event_end.Iso()},
          {"overlap", e.overlap_first.valid() ? json{{"first", e.overlap_first.Iso()},
                                                     {"last", e.overlap_last.Iso()},
                                                     {"days", e.overlap_days}}
                                              : json(nullptr)},
          {"amount_yuan",
           e.amount_fen >= 0 ? json(static_cast<double>(e.amount_fen) / 100.0) : json(nullptr)},
          {"record", RecordObject(e)},
          {"concurrent", e.concurrent()},
          {"postings", PostingsArray(e)}};
}

bool Zh(const ExportOptions& o) { return o.lang == Lang::kZh; }

std::string Yuan(int64_t fen, bool zh) {
  return zh ? FenToYuan(fen) + "元" : FenToYuan(fen) + " yuan";
}

std::string Dump(const json& j) {
  return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

// {field: [old, new]}, in the order of the changes (null for none).
nlohmann::ordered_json ChangesObject(const std::vector<FieldChange>& changes) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  const auto value = [](const std::string& v) {
    return v.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(ToValidUtf8(v));
  };
  for (const FieldChange& c : changes) j[ToValidUtf8(c.field)] = {value(c.before), value(c.after)};
  return j;
}

struct FieldName {
  const char* code;
  const char* zh;
  const char* en;
};
// The fields a change summary names, as people call them.
constexpr FieldName kFieldNames[] = {
    {"type", "类型", "type"},
    {"name", "姓名", "name"},
    {"offence_name", "记录中的姓名", "name on the record"},
    {"unit", "单位", "unit"},
    {"department", "部门", "department"},
    {"position", "职务", "position"},
    {"category", "人员类别", "category"},
    {"hire_date", "入职日期", "hired"},
    {"leave_date", "离职日期", "left"},
    {"label", "违法行为", "offence"},
    {"offence_date", "日期", "date"},
    {"event_end", "结束日期", "end"},
    {"bac", "BAC", "BAC"},
    {"place", "地点", "place"},
    {"penalty", "处罚", "penalty"},
    {"case_no", "案件编号", "case no"},
    {"authority", "处罚机关", "authority"},
    {"amount_yuan", "金额", "amount"},
};

// What follows from the other fields, or says where they were read.
bool Derived(const std::string& field) {
  return field == "name_matches" || field == "employee_source" || field == "offence_source" ||
         field == "overlap_first" || field == "overlap_last" || field == "overlap_days" ||
         field == kNotSeenSinceField;
}

// A changed field as people call it; a field of the record by its own name.
std::string FieldTitle(const std::string& field, Lang lang) {
  for (const FieldName& f : kFieldNames)
    if (field == f.code) return lang == Lang::kZh ? f.zh : f.en;
  return field.starts_with("record.") ? field.substr(7) : field;
}

std::string ShownValue(const FieldChange& c, const std::string& v, const ExportOptions& o) {
  if (v.empty()) return "—";
  if (c.field == "type") return o.labels.Type(v, o.lang);
  return v;
}

}  // namespace

std::string ShownIdNumber(const StoredLead& l, const ExportOptions& o) {
  return o.unmask ? l.evidence.id_number : MaskIdNumber(l.evidence.id_number);
}

std::string TypeName(const StoredLead& l, const ExportOptions& o) {
  return o.labels.Type(l.evidence.type, o.lang);
}

std::string StatusName(const StoredLead& l, Lang lang) {
  std::string s = Label(l.status, lang);
  if (!l.outcomes.empty())
    s += lang == Lang::kZh ? "（" + OutcomeLabels(l.outcomes, lang) + "）"
                           : " (" + OutcomeLabels(l.outcomes, lang) + ")";
  return s;
}

std::string LeadDetail(const StoredLead& l, const ExportOptions& o) {
  const LeadEvidence& e = l.evidence;
  const bool zh = Zh(o);
  std::vector<std::string> parts;
  if (e.bac >= 0) parts.push_back((zh ? "酒精含量 " : "BAC ") + FormatBac(e.bac));
  if (!e.case_no.empty()) parts.push_back(e.case_no);
  if (e.overlap_first.valid())
    parts.push_back(zh ? fmt::format("{} 至 {}（{}天）", e.overlap_first.Iso(),
                                     e.overlap_last.Iso(), e.overlap_days)
                       : fmt::format("{} to {} ({} days)", e.overlap_first.Iso(),
                                     e.overlap_last.Iso(), e.overlap_days));
  if (e.amount_fen >= 0)
    parts.push_back((zh ? "涉及金额 " : "amount involved ") + Yuan(e.amount_fen, zh));
  return Join(parts, zh ? "，" : ", ");
}

std::string RecordFields(const StoredLead& l, const ExportOptions& o) {
  std::vector<std::string> parts;
  const auto add = [&](const std::string& field, const std::string& value) {
    parts.push_back(o.labels.Field(l.evidence.event_kind, field, o.lang) + (Zh(o) ? "：" : ": ") +
                    value);
  };
  if (!l.evidence.place.empty()) add("place", l.evidence.place);
  for (const auto& [field, value] : l.evidence.record) {
    if (!value.empty()) add(field, value);
  }
  return Join(parts, Zh(o) ? "；" : "; ");
}

std::string ChangeSummary(const std::vector<FieldChange>& changes, const ExportOptions& o) {
  std::vector<std::string> parts;
  for (const FieldChange& c : changes) {
    if (Derived(c.field)) continue;
    const std::string name = FieldTitle(c.field, o.lang);
    parts.push_back(name + " " + ShownValue(c, c.before, o) + "→" + ShownValue(c, c.after, o));
  }
  return Join(parts, o.lang == Lang::kZh ? "，" : ", ");
}

std::string LeadsJson(const std::vector<StoredLead>& leads, const ExportOptions& o,
                      const ChangesByLead* changes) {
  json arr = json::array();
  for (const StoredLead& l : leads) {
    json j = LeadObject(l, o);
    if (changes) {
      const auto it = changes->find(l.id);
      j["changes"] = json::parse(
          ChangesObject(it == changes->end() ? std::vector<FieldChange>() : it->second).dump());
    }
    arr.push_back(std::move(j));
  }
  return Dump(arr);
}

std::string LeadJson(const StoredLead& lead, const std::vector<LeadEvent>& events,
                     const ExportOptions& o) {
  json j = LeadObject(lead, o);
  json history = json::array();
  for (const LeadEvent& ev : events)
    history.push_back({{"at", Text(ev.at)},
                       {"actor", Text(ev.actor)},
                       {"run", ev.run ? json(ev.run) : json()},
                       {"from", ev.from_status ? Code(*ev.from_status) : std::string()},
                       {"to", Code(ev.to_status)},
                       {"outcome", OutcomeJson(ev.outcomes)},
                       {"outcomes", OutcomesArray(ev.outcomes)},
                       {"case_filed", ev.case_filed},
                       {"recovered_yuan", static_cast<double>(ev.recovered_fen) / 100.0},
                       {"note", Text(ev.note)},
                       {"by", Text(ev.handler)},
                       {"date", DateJson(ev.date)},
                       {"transferred_to", Text(ev.to)},
                       {"due", DateJson(ev.due)}});
  for (size_t i = 0; i < events.size(); ++i)
    if (!events[i].changes.empty())
      history[i]["changes"] = json::parse(ChangesObject(events[i].changes).dump());
  j["history"] = history;
  return Dump(j);
}

std::string LeadsTable(const std::vector<StoredLead>& leads, const ExportOptions& o,
                       const ChangesByLead* changes) {
  const bool zh = Zh(o);
  std::vector<std::vector<std::string>> rows = {
      zh ? std::vector<std::string>{"编号", "类型", "状态", "单位", "姓名", "身份证号", "日期",
                                    "详情"}
         : std::vector<std::string>{"id", "type", "status", "unit", "name", "id number", "date",
                                    "detail"}};
  const bool missing = std::any_of(leads.begin(), leads.end(),
                                   [](const StoredLead& l) { return l.missing_run != 0; });
  if (missing) rows[0].push_back(zh ? "最后发现" : "not seen since");
  if (changes) rows[0].push_back(zh ? "变化" : "changes");
  for (const StoredLead& l : leads) {
    const LeadEvidence& e = l.evidence;
    std::string name = e.name;
    if (!e.name_matches) name += " (" + e.offence_name + "?)";
    rows.push_back({std::to_string(l.id), TypeName(l, o), StatusName(l, o.lang), e.unit, name,
                    ShownIdNumber(l, o), e.offence_date.Iso(), LeadDetail(l, o)});
    if (missing)
      rows.back().push_back(l.missing_run ? (zh ? "批次 " : "run ") + std::to_string(l.last_run)
                                          : "");
    if (changes) {
      const auto it = changes->find(l.id);
      rows.back().push_back(it == changes->end() ? "" : ChangeSummary(it->second, o));
    }
  }
  return AlignedTable(std::move(rows)) +
         (zh ? fmt::format("（{}条线索）\n", leads.size())
             : fmt::format("({} lead{})\n", leads.size(), leads.size() == 1 ? "" : "s"));
}

namespace {

bool IsReopening(const LeadEvent& ev) {
  return ev.from_status == LeadStatus::kClosed && ev.to_status == LeadStatus::kTransferred;
}

// What a run's event did: "evidence changed by run 3", "not seen since run
// 2 (snapshot run 3)", "seen again by run 4 (not seen since run 2)".
std::string EventChanges(const LeadEvent& ev, Lang lang) {
  const bool zh = lang == Lang::kZh;
  std::vector<std::string> what;
  if (ChangesEvidence(ev.changes))
    what.push_back(zh ? fmt::format("第 {} 批次更新了证据", ev.run)
                      : fmt::format("evidence changed by run {}", ev.run));
  for (const FieldChange& c : ev.changes) {
    if (c.field != kNotSeenSinceField) continue;
    if (c.before.empty())
      what.push_back(
          zh ? fmt::format("第 {} 批次（快照）未再发现，最后见于第 {} 批次", ev.run, c.after)
             : fmt::format("not seen since run {} (snapshot run {})", c.after, ev.run));
    else
      what.push_back(
          zh ? fmt::format("第 {} 批次再次发现（第 {} 批次后未见）", ev.run, c.before)
             : fmt::format("seen again by run {} (not seen since run {})", ev.run, c.before));
  }
  return Join(what, zh ? "；" : "; ");
}

// What an event did, in a few words: "found by run 1", "new -> transferred",
// "移交核查 → 办结（记大过）".
std::string EventWhat(const LeadEvent& ev, Lang lang) {
  if (!ev.changes.empty()) return EventChanges(ev, lang);
  const bool zh = lang == Lang::kZh;
  std::string what;
  if (zh) {
    what =
        ev.from_status ? Label(*ev.from_status, lang) + " → " + Label(ev.to_status, lang) : "发现";
    if (!ev.outcomes.empty() && ev.to_status == LeadStatus::kClosed)
      what += "（" + OutcomeLabels(ev.outcomes, lang) + "）";
    if (IsReopening(ev)) what += "（复查）";
    if (ev.run) what += fmt::format("（第 {} 批次）", ev.run);
    return what;
  }
  what = ev.from_status ? Code(*ev.from_status) + " -> " + Code(ev.to_status) : "found";
  if (!ev.outcomes.empty() && ev.to_status == LeadStatus::kClosed)
    what += " (" + OutcomeCodes(ev.outcomes) + ")";
  if (IsReopening(ev)) what += " (reopened)";
  if (ev.run) what += " by run " + std::to_string(ev.run);
  return what;
}

// The history, one event a line in local time, with every field a run
// changed (the derived ones and the sources too).
std::string HistoryLines(const std::vector<LeadEvent>& events, Lang lang) {
  std::string out;
  const std::string separator = lang == Lang::kZh ? "：" : ": ";
  for (const LeadEvent& ev : events) {
    out += fmt::format("    {}  {}  {}{}\n", LocalTime(ev.at), PadRight(ev.actor, 10),
                       EventWhat(ev, lang), ev.note.empty() ? "" : separator + ev.note);
    for (const FieldChange& c : ev.changes)
      if (c.field != kNotSeenSinceField)
        out += fmt::format("      {}: {} -> {}\n",
                           lang == Lang::kZh ? FieldTitle(c.field, lang) : c.field,
                           c.before.empty() ? "-" : c.before, c.after.empty() ? "-" : c.after);
  }
  return out;
}

// Each step of the workflow on a line: its day, what it did, the outcomes,
// who, the receiving body, the deadline, the case, the money and the note.
std::string Dispositions(const std::vector<LeadEvent>& events, Lang lang) {
  const bool zh = lang == Lang::kZh;
  std::string out;
  for (const LeadEvent& ev : events) {
    if (!ev.from_status || ev.run || !ev.changes.empty()) continue;
    std::vector<std::string> parts;
    if (!ev.outcomes.empty()) parts.push_back(OutcomeLabels(ev.outcomes, lang));
    if (!ev.handler.empty()) parts.push_back((zh ? "经办人 " : "by ") + ev.handler);
    if (!ev.to.empty()) parts.push_back((zh ? "移交 " : "to ") + ev.to);
    if (ev.due.valid()) parts.push_back((zh ? "期限 " : "due ") + ev.due.Iso());
    if (ev.to_status == LeadStatus::kClosed && ev.case_filed)
      parts.push_back(zh ? "已立案" : "case filed");
    if (ev.recovered_fen)
      parts.push_back(zh ? "追缴 " + FenToYuan(ev.recovered_fen) + " 元"
                         : "recovered " + FenToYuan(ev.recovered_fen) + " yuan");
    if (!ev.note.empty()) parts.push_back(ev.note);
    const std::string day = ev.date.valid() ? ev.date.Iso() : LocalTime(ev.at).substr(0, 10);
    const std::string step = IsReopening(ev)
                                 ? (zh ? "复查" : "reopened")
                                 : (zh ? Label(ev.to_status, lang) : Code(ev.to_status));
    out += fmt::format("    {}  {}  {}\n", day, PadRight(step, zh ? 10 : 11),
                       Join(parts, zh ? "，" : ", "));
  }
  if (out.empty()) return "";
  return (zh ? "处置过程\n" : "  dispositions\n") + out;
}

// A row of the Chinese view: its title padded to one width, then the value.
std::string ZhRow(std::string_view title, const std::string& value) {
  return PadRight(title, 10) + value + "\n";
}

std::string Until(Date leave, Lang lang) {
  if (leave.valid()) return leave.Iso();
  return lang == Lang::kZh ? "今" : "now";
}

// One lead in Chinese, a row for each thing an auditor looks for.
std::string LeadTextZh(const StoredLead& l, const std::vector<LeadEvent>& events,
                       const ExportOptions& o) {
  const LeadEvidence& e = l.evidence;
  const Lang zh = Lang::kZh;
  std::string out = ZhRow("线索编号", std::to_string(l.id));
  out += ZhRow("类型", TypeName(l, o));
  out += ZhRow("模型", o.labels.Model(e.model, zh));
  out += ZhRow("状态", StatusName(l, zh));
  out +=
      ZhRow("姓名", e.name_matches ? e.name : e.name + "（记录中的姓名：" + e.offence_name + "）");
  out += ZhRow("身份证号", ShownIdNumber(l, o));
  out += ZhRow("单位", Join({e.unit, e.department, e.position, e.category}, " / "));
  out += ZhRow("任职期间", fmt::format("{} 至 {}   [{}:{}]", e.hire_date.Iso(),
                                       Until(e.leave_date, zh), e.employee_file, e.employee_line));
  if (!e.postings.empty()) {
    out += ZhRow(e.concurrent() ? "兼职" : "任职记录",
                 e.concurrent() ? "当时在两个及以上单位任职" : "当时有两条及以上任职记录");
    for (const Posting& p : e.postings)
      out += fmt::format("    {} / {} / {}，{} 至 {}   [{}:{}]\n", p.unit, p.department, p.position,
                         p.hire_date.Iso(), Until(p.leave_date, zh), p.file, p.line);
  }
  std::string when = e.offence_date.Iso();
  if (e.event_end.valid() && e.event_end != e.offence_date) when += " 至 " + e.event_end.Iso();
  if (!e.event_end.valid() && e.overlap_first.valid() && e.overlap_first <= e.offence_date &&
      e.event_kind != "offences")
    when += " 至今";
  out += ZhRow("事件日期", when);
  if (e.event_kind == "offences") {
    std::vector<std::string> what = {e.label.empty() ? TypeName(l, o) : e.label};
    if (e.bac >= 0) what.push_back("酒精含量 " + FormatBac(e.bac) + " 毫克/100毫升");
    for (const std::string* s : {&e.place, &e.penalty})
      if (!s->empty()) what.push_back(*s);
    out += ZhRow("证据",
                 fmt::format("{}   [{}:{}]", Join(what, "，"), e.offence_file, e.offence_line));
    out += ZhRow("案件", (e.case_no.empty() ? "（无编号）" : e.case_no) +
                             (e.authority.empty() ? "" : "，" + e.authority));
  } else {
    out += ZhRow("证据", fmt::format("{}   [{}:{}]", o.labels.Kind(e.event_kind, zh),
                                     e.offence_file, e.offence_line));
    if (const std::string fields = RecordFields(l, o); !fields.empty()) out += ZhRow("", fields);
  }
  if (e.overlap_first.valid())
    out += ZhRow("重叠期间",
                 fmt::format("{} 至 {}（{}天）{}", e.overlap_first.Iso(), e.overlap_last.Iso(),
                             e.overlap_days,
                             e.amount_fen >= 0 ? "，涉及金额 " + Yuan(e.amount_fen, true) : ""));
  out += ZhRow(
      "发现批次",
      fmt::format("第 {} 批次发现，最近见于第 {} 批次{}", l.first_run, l.last_run,
                  l.missing_run ? fmt::format("；第 {} 批次（快照）未再发现", l.missing_run) : ""));
  if (l.case_filed || l.recovered_fen)
    out += ZhRow("处置", fmt::format("{}，追缴 {}", l.case_filed ? "已立案" : "未立案",
                                     Yuan(l.recovered_fen, true)));
  if (!l.transferred_to.empty() || l.due.valid())
    out += ZhRow("移交", (l.transferred_to.empty() ? "-" : l.transferred_to) +
                             (l.due.valid() ? "，期限 " + l.due.Iso() : ""));
  out += Dispositions(events, zh);
  out += "历史\n" + HistoryLines(events, zh);
  return TerminalText(out, /*keep_newlines=*/true);
}

}  // namespace

std::string LeadText(const StoredLead& l, const std::vector<LeadEvent>& events,
                     const ExportOptions& o) {
  if (o.lang == Lang::kZh) return LeadTextZh(l, events, o);
  const LeadEvidence& e = l.evidence;
  std::string out = fmt::format("lead {}  {}  model {}  status {}\n", l.id, TypeName(l, o), e.model,
                                StatusName(l, o.lang));
  out += fmt::format("  person      {}  {}", e.name, ShownIdNumber(l, o));
  out += e.name_matches ? "\n" : fmt::format("   the offence record names {}\n", e.offence_name);
  out += fmt::format("  employment  {} / {} / {} / {}, {} to {}   [{}:{}]\n", e.unit, e.department,
                     e.position, e.category, e.hire_date.Iso(),
                     e.leave_date.valid() ? e.leave_date.Iso() : "now", e.employee_file,
                     e.employee_line);
  if (!e.postings.empty()) {
    out +=
        fmt::format("  {}\n", e.concurrent() ? "concurrent  posts in two or more units at the time"
                                             : "postings    two or more records at the time");
    for (const Posting& p : e.postings)
      out += fmt::format("    {} / {} / {}, {} to {}   [{}:{}]\n", p.unit, p.department, p.position,
                         p.hire_date.Iso(), p.leave_date.valid() ? p.leave_date.Iso() : "now",
                         p.file, p.line);
  }
  if (e.event_kind == "offences") {
    out += fmt::format("  offence     {} on {}{}, {}, {}   [{}:{}]\n",
                       e.label.empty() ? e.type : e.label, e.offence_date.Iso(),
                       e.bac >= 0 ? ", BAC " + FormatBac(e.bac) + " mg/100mL" : "", e.place,
                       e.penalty, e.offence_file, e.offence_line);
    out += fmt::format("  case        {} by {}\n", e.case_no.empty() ? "(no number)" : e.case_no,
                       e.authority);
  } else {
    // Another office's record: its kind, its day or period, its own fields.
    std::string when = e.offence_date.Iso();
    if (e.event_end.valid() && e.event_end != e.offence_date) when += " to " + e.event_end.Iso();
    if (!e.event_end.valid() && e.overlap_first.valid() && e.overlap_first <= e.offence_date)
      when += " to now";
    out += fmt::format("  record      {} {}   [{}:{}]\n", o.labels.Kind(e.event_kind, o.lang), when,
                       e.offence_file, e.offence_line);
    if (const std::string fields = RecordFields(l, o); !fields.empty())
      out += "              " + fields + "\n";
  }
  if (e.overlap_first.valid())
    out += fmt::format(
        "  holds       {} to {} ({} days){}\n", e.overlap_first.Iso(), e.overlap_last.Iso(),
        e.overlap_days,
        e.amount_fen >= 0 ? ", amount involved " + FenToYuan(e.amount_fen) + " yuan" : "");
  out += fmt::format(
      "  found       run {}, last seen in run {}{}\n", l.first_run, l.last_run,
      l.missing_run ? fmt::format("; missing: not found by snapshot run {}", l.missing_run) : "");
  if (l.case_filed || l.recovered_fen)
    out += fmt::format("  outcome     case filed: {}, recovered {} yuan\n",
                       l.case_filed ? "yes" : "no", FenToYuan(l.recovered_fen));
  if (!l.transferred_to.empty() || l.due.valid())
    out += fmt::format("  transfer    to {}{}\n", l.transferred_to.empty() ? "-" : l.transferred_to,
                       l.due.valid() ? ", due " + l.due.Iso() : "");
  out += Dispositions(events, o.lang);
  out += "  history\n" + HistoryLines(events, Lang::kEn);
  // The evidence comes from input files: its control characters are shown, not sent.
  return TerminalText(out, /*keep_newlines=*/true);
}

}  // namespace qinglian
