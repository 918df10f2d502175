#include "qinglian/core/lead.h"

#include <algorithm>
#include <string_view>

#include "qinglian/base/money.h"

namespace qinglian {
namespace {

std::string DateText(const Date& d) { return d.valid() ? d.Iso() : ""; }

std::string Source(const std::string& file, uint32_t line) {
  return file.empty() ? "" : file + ":" + std::to_string(line);
}

std::string Amount(int64_t fen) { return fen >= 0 ? FenToYuan(fen) : ""; }

// The value of the other record's field `name`, "" when it has none.
std::string RecordValue(const LeadEvidence& e, const std::string& name) {
  for (const auto& [n, v] : e.record)
    if (n == name) return v;
  return "";
}

}  // namespace

bool ChangesEvidence(const std::vector<FieldChange>& changes) {
  return std::any_of(changes.begin(), changes.end(),
                     [](const FieldChange& c) { return c.field != kNotSeenSinceField; });
}

std::vector<FieldChange> EvidenceChanges(const LeadEvidence& a, const LeadEvidence& b) {
  std::vector<FieldChange> out;
  const auto add = [&out](std::string_view field, std::string before, std::string after) {
    if (before != after) out.push_back({std::string(field), std::move(before), std::move(after)});
  };
  // A corrected BAC first: the type follows from it.
  add("bac", FormatBac(a.bac), FormatBac(b.bac));
  add("type", a.type, b.type);
  add("name", a.name, b.name);
  add("offence_name", a.offence_name, b.offence_name);
  add("unit", a.unit, b.unit);
  add("department", a.department, b.department);
  add("position", a.position, b.position);
  add("category", a.category, b.category);
  add("hire_date", DateText(a.hire_date), DateText(b.hire_date));
  add("leave_date", DateText(a.leave_date), DateText(b.leave_date));
  add("label", a.label, b.label);
  add("offence_date", DateText(a.offence_date), DateText(b.offence_date));
  add("event_end", DateText(a.event_end), DateText(b.event_end));
  add("place", a.place, b.place);
  add("penalty", a.penalty, b.penalty);
  add("case_no", a.case_no, b.case_no);
  add("authority", a.authority, b.authority);
  // The other record's fields, by name: those of the old record first, then
  // any the new one adds.
  for (const auto& [name, value] : a.record) add("record." + name, value, RecordValue(b, name));
  for (const auto& [name, value] : b.record) {
    // A lambda may capture a structured binding from C++20 on, but not in clang 14.
    const std::string& field = name;
    if (std::none_of(a.record.begin(), a.record.end(),
                     [&field](const auto& p) { return p.first == field; }))
      add("record." + name, "", value);
  }
  // What follows from the record and the as-of date (the overlap of a period
  // still running grows every night), and where the evidence was read, is
  // listed with a change of content only.
  if (out.empty()) return out;
  add("overlap_first", DateText(a.overlap_first), DateText(b.overlap_first));
  add("overlap_last", DateText(a.overlap_last), DateText(b.overlap_last));
  add("overlap_days", std::to_string(a.overlap_days), std::to_string(b.overlap_days));
  add("amount_yuan", Amount(a.amount_fen), Amount(b.amount_fen));
  add("name_matches", a.name_matches ? "yes" : "no", b.name_matches ? "yes" : "no");
  add("employee_source", Source(a.employee_file, a.employee_line),
      Source(b.employee_file, b.employee_line));
  add("offence_source", Source(a.offence_file, a.offence_line),
      Source(b.offence_file, b.offence_line));
  return out;
}

}  // namespace qinglian
