#include "qinglian/output/person_format.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "qinglian/base/csv_writer.h"
#include "qinglian/base/text.h"
#include "qinglian/core/idcard.h"
#include "qinglian/output/text_table.h"

namespace qinglian {
namespace {

using nlohmann::json;

std::string ShownId(const PersonSummary& p, const ExportOptions& o) {
  return o.unmask ? p.id_number : MaskIdNumber(p.id_number);
}

std::string ListSeparator(Lang l) { return l == Lang::kZh ? "、" : ", "; }

// The columns of the table and the CSV, headed in each language.
struct PersonColumn {
  const char* zh;
  const char* en;
};
constexpr PersonColumn kPersonColumns[] = {
    {"姓名", "name"},  {"身份证号", "id number"},  {"单位", "units"},         {"线索数", "leads"},
    {"类型", "types"}, {"最早日期", "first date"}, {"最近日期", "last date"}, {"状态", "status"},
};

std::vector<std::string> Headings(Lang l) {
  std::vector<std::string> row;
  for (const PersonColumn& c : kPersonColumns) row.push_back(l == Lang::kZh ? c.zh : c.en);
  return row;
}

// One person's cells, the ID number as shown.
std::vector<std::string> Cells(const PersonSummary& p, const std::string& shown_id,
                               const LabelBook& labels, Lang l) {
  std::vector<std::string> types;
  for (const std::string& t : p.types) types.push_back(labels.Type(t, l));
  return {p.name,
          shown_id,
          Join(p.units, ListSeparator(l)),
          std::to_string(p.leads()),
          Join(types, ListSeparator(l)),
          p.first_date.Iso(),
          p.last_date.Iso(),
          StatusSummary(p.statuses, l)};
}

}  // namespace

std::string PersonsJson(const std::vector<PersonSummary>& persons, const ExportOptions& o) {
  json arr = json::array();
  for (const PersonSummary& p : persons) {
    json statuses = json::object();
    for (size_t i = 0; i < p.statuses.size(); ++i)
      statuses[Code(static_cast<LeadStatus>(i))] = p.statuses[i];
    arr.push_back({{"id_number", ToValidUtf8(ShownId(p, o))},
                   {"name", ToValidUtf8(p.name)},
                   {"units", p.units},
                   {"leads", p.leads()},
                   {"types", p.types},
                   {"first_date", p.first_date.Iso()},
                   {"last_date", p.last_date.Iso()},
                   {"statuses", statuses},
                   {"lead_ids", p.lead_ids}});
  }
  return arr.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

std::string PersonsTable(const std::vector<PersonSummary>& persons, const LabelBook& labels,
                         const ExportOptions& o) {
  std::vector<std::vector<std::string>> rows = {Headings(o.lang)};
  size_t leads = 0;
  for (const PersonSummary& p : persons) {
    rows.push_back(Cells(p, ShownId(p, o), labels, o.lang));
    leads += p.lead_ids.size();
  }
  TableStyle style;
  style.align = {Align::kLeft, Align::kLeft, Align::kLeft, Align::kRight};
  const std::string count =
      o.lang == Lang::kZh
          ? fmt::format("（{} 人，{} 条线索）\n", persons.size(), leads)
          : fmt::format("({} person{}, {} lead{})\n", persons.size(),
                        persons.size() == 1 ? "" : "s", leads, leads == 1 ? "" : "s");
  return AlignedTable(std::move(rows), style) + count;
}

void WritePersonsCsv(std::ostream& out, const std::vector<PersonSummary>& persons,
                     const LabelBook& labels, const ExportOptions& o) {
  out << "\xEF\xBB\xBF";
  WriteCsvRow(out, Headings(o.lang));
  for (const PersonSummary& p : persons) {
    // A trailing tab keeps Excel from turning a full ID number into a number.
    const std::string id = NeutraliseFormula(ShownId(p, o)) + (o.unmask ? "\t" : "");
    std::vector<std::string> cells = Cells(p, id, labels, o.lang);
    for (size_t c = 0; c < cells.size(); ++c)
      if (c != 1) cells[c] = NeutraliseFormula(cells[c]);
    WriteCsvRow(out, cells);
  }
}

std::string OtherLeadsText(const std::vector<StoredLead>& others, const LabelBook& labels,
                           const ExportOptions& o) {
  const bool zh = o.lang == Lang::kZh;
  if (others.empty()) return zh ? "  此人的其他线索：无\n" : "  other leads of this person: none\n";
  std::vector<std::vector<std::string>> rows;
  for (const StoredLead& l : others)
    rows.push_back({std::to_string(l.id), labels.Type(l.evidence.type, o.lang),
                    l.evidence.offence_date.Iso(), Label(l.status, o.lang)});
  TableStyle style;
  style.indent = "    ";
  style.align = {Align::kRight};
  return (zh ? fmt::format("  此人的其他线索（{} 条）\n", others.size())
             : fmt::format("  other leads of this person ({})\n", others.size())) +
         AlignedTable(std::move(rows), style);
}

std::string WithOtherLeadsJson(const std::string& lead_json,
                               const std::vector<StoredLead>& others) {
  // LeadJson wrote it: valid JSON, its strings made valid UTF-8.
  json j = json::parse(lead_json, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return lead_json;
  json arr = json::array();
  for (const StoredLead& l : others)
    arr.push_back({{"id", l.id},
                   {"type", ToValidUtf8(l.evidence.type)},
                   {"date", l.evidence.offence_date.Iso()},
                   {"status", Code(l.status)}});
  j["other_leads"] = arr;
  return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace qinglian
