#include "qinglian/output/unit_list.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <optional>

#include "qinglian/base/clock.h"
#include "qinglian/base/text.h"
#include "qinglian/output/text_table.h"

namespace qinglian {
namespace {

bool Seen(const CoverageRecord& c) { return c.persons != UnitHistory::kNotSeen; }

// Whether the latest run covered the expected headcount; none without one
// (or without a run).
std::optional<bool> Covered(const UnitHistory::Row& r) {
  if (!r.expected || r.coverage.empty()) return std::nullopt;
  const CoverageRecord& latest = r.coverage.front();
  return Seen(latest) && latest.persons >= *r.expected;
}

}  // namespace

std::string FormatUnitTable(const UnitHistory& h, Lang lang) {
  const bool zh = lang == Lang::kZh;
  std::vector<std::string> header = {zh ? "单位" : "unit", zh ? "应有人数" : "expected"};
  for (int64_t run : h.runs)
    header.push_back(zh ? fmt::format("第{}次 人数(记录)", run)
                        : fmt::format("run {} persons (records)", run));
  header.push_back(zh ? "覆盖" : "covered");
  std::vector<std::vector<std::string>> rows = {header};
  TableStyle style;
  style.align.assign(header.size(), Align::kRight);
  style.align[0] = Align::kLeft;
  style.align.back() = Align::kLeft;
  for (const UnitHistory::Row& r : h.units) {
    std::vector<std::string> row = {r.unit.empty() ? (zh ? "(无单位)" : "(no unit)") : r.unit,
                                    r.expected ? std::to_string(*r.expected) : "-"};
    for (const CoverageRecord& c : r.coverage)
      row.push_back(Seen(c) ? fmt::format("{} ({})", c.persons, c.records) : "-");
    const std::optional<bool> covered = Covered(r);
    row.push_back(!covered ? "-" : *covered ? (zh ? "是" : "yes") : (zh ? "否" : "no"));
    rows.push_back(std::move(row));
  }
  std::string out = AlignedTable(std::move(rows), style);
  out += zh ? fmt::format("（{} 个单位）\n", h.units.size())
            : fmt::format("({} unit{})\n", h.units.size(), h.units.size() == 1 ? "" : "s");
  return out;
}

std::string FormatUnitJson(const UnitHistory& h) {
  using nlohmann::json;
  json units = json::array();
  for (const UnitHistory::Row& r : h.units) {
    json runs = json::array();
    for (size_t i = 0; i < h.runs.size(); ++i) {
      const CoverageRecord& c = r.coverage[i];
      runs.push_back({{"run", h.runs[i]},
                      {"records", Seen(c) ? json(c.records) : json(nullptr)},
                      {"persons", Seen(c) ? json(c.persons) : json(nullptr)}});
    }
    const std::optional<bool> covered = Covered(r);
    units.push_back({{"unit", ToValidUtf8(r.unit)},
                     {"expected", r.expected ? json(*r.expected) : json(nullptr)},
                     {"covered", covered ? json(*covered) : json(nullptr)},
                     {"runs", runs}});
  }
  const json j = {{"runs", h.runs}, {"units", units}};
  return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

std::string FormatAliasTable(const std::vector<UnitAlias>& aliases, Lang lang) {
  const bool zh = lang == Lang::kZh;
  std::vector<std::vector<std::string>> rows = {{zh ? "写法" : "variant", zh ? "单位" : "unit",
                                                 zh ? "设定时间" : "set at", zh ? "设定人" : "by"}};
  for (const UnitAlias& a : aliases)
    rows.push_back({a.variant, a.unit, LocalTime(a.set_at), a.actor});
  return AlignedTable(std::move(rows)) +
         (zh ? fmt::format("（{} 个别名）\n", aliases.size())
             : fmt::format("({} alias{})\n", aliases.size(), aliases.size() == 1 ? "" : "es"));
}

}  // namespace qinglian
