#include "qinglian/core/units.h"

#include <algorithm>

#include "qinglian/base/text.h"

namespace qinglian {

Result<std::string> MatchUnit(const std::string& typed, const std::vector<std::string>& units) {
  std::vector<std::string> hits;
  for (const std::string& u : units) {
    if (u == typed) return u;
    if (u.find(typed) != std::string::npos) hits.push_back(u);
  }
  if (hits.size() == 1) return hits[0];
  const std::vector<std::string>& choices = hits.empty() ? units : hits;
  const std::string list = choices.empty() ? "none yet" : Join(choices, ", ");
  return Status::Error(std::string(hits.empty() ? "no unit matches '" : "several units match '") +
                       typed + "' (" + (hits.empty() ? "units: " : "") + list + ")");
}

std::map<std::string, std::string> AliasMap(const std::vector<UnitAlias>& aliases) {
  std::map<std::string, std::string> out;
  for (const UnitAlias& a : aliases) out[a.variant] = a.unit;
  return out;
}

std::string OfficialUnit(const std::string& name, const std::vector<UnitAlias>& aliases) {
  for (const UnitAlias& a : aliases)
    if (a.variant == name) return a.unit;
  return name;
}

std::vector<std::string> UnitVariants(const std::string& official,
                                      const std::vector<UnitAlias>& aliases) {
  std::vector<std::string> out;
  for (const UnitAlias& a : aliases)
    if (a.unit == official) out.push_back(a.variant);
  return out;
}

Result<std::string> ResolveUnit(const std::string& typed, const std::vector<std::string>& units,
                                const std::vector<UnitAlias>& aliases) {
  const std::string name = CleanField(typed);
  for (const UnitAlias& a : aliases)
    if (a.variant == name) return a.unit;
  std::vector<std::string> official;
  const auto add = [&](const std::string& u) {
    if (std::find(official.begin(), official.end(), u) == official.end()) official.push_back(u);
  };
  for (const std::string& u : units) add(OfficialUnit(u, aliases));
  for (const UnitAlias& a : aliases) add(a.unit);
  std::sort(official.begin(), official.end());
  return MatchUnit(name, official);
}

Result<std::string> UnitForExpectation(const std::string& typed,
                                       const std::vector<std::string>& units,
                                       const std::vector<UnitAlias>& aliases, bool* seen) {
  *seen = true;
  Result<std::string> unit = ResolveUnit(typed, units, aliases);
  if (unit.ok()) return unit;
  const std::string name = CleanField(typed);
  for (const std::string& u : units)
    if (OfficialUnit(u, aliases).find(name) != std::string::npos) return unit;  // several
  *seen = false;
  return name;
}

Status CheckUnitAlias(const std::string& variant, const std::string& unit,
                      const std::vector<UnitAlias>& aliases) {
  if (variant.empty() || unit.empty()) return Status::Error("a unit name is empty");
  if (variant == unit) return Status::Error("'" + variant + "' is the name itself, not a variant");
  for (const UnitAlias& a : aliases) {
    if (a.variant == unit)
      return Status::Error("'" + unit + "' is itself a variant of '" + a.unit +
                           "': give the official name");
    if (a.unit == variant)
      return Status::Error("'" + variant + "' is the official name of " +
                           std::to_string(UnitVariants(variant, aliases).size()) +
                           " variant(s): it cannot be a variant too");
  }
  return Status::Ok();
}

}  // namespace qinglian
