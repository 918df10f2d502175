// Units (the employers of a roster) as users name them.
#ifndef QINGLIAN_CORE_UNITS_H_
#define QINGLIAN_CORE_UNITS_H_

#include <map>
#include <string>
#include <vector>

#include "qinglian/base/status.h"

namespace qinglian {

// Picks the unit a user means: an exact name, else the one name that contains
// `typed`. None or several is an error that lists the choices.
Result<std::string> MatchUnit(const std::string& typed, const std::vector<std::string>& units);

// A spelling of a unit's name (怀化水务集团有限公司) and the official name it
// stands for (怀化市水务集团有限公司), as `units alias` stores it.
struct UnitAlias {
  std::string variant, unit;
  std::string set_at, actor;
};

// variant -> official name, for LoadOptions::unit_aliases.
std::map<std::string, std::string> AliasMap(const std::vector<UnitAlias>& aliases);

// The official name of `name`: the unit a variant stands for, else `name`.
std::string OfficialUnit(const std::string& name, const std::vector<UnitAlias>& aliases);

// The variants of an official name.
std::vector<std::string> UnitVariants(const std::string& official,
                                      const std::vector<UnitAlias>& aliases);

// Picks the unit a user means among `units` (names as stored, variants
// among them) and the official names of `aliases`: a variant gives its
// official name, and so does an official name or a unique part of one.
Result<std::string> ResolveUnit(const std::string& typed, const std::vector<std::string>& units,
                                const std::vector<UnitAlias>& aliases);

// The unit an expected headcount is for: as ResolveUnit, except that a name
// no unit matches is a unit not seen yet and is taken as typed (*seen false).
// A part of several names is an error.
Result<std::string> UnitForExpectation(const std::string& typed,
                                       const std::vector<std::string>& units,
                                       const std::vector<UnitAlias>& aliases, bool* seen);

// Checks a new alias against those stored: a variant differs from its unit,
// and no name is both a variant and an official name (no chains).
Status CheckUnitAlias(const std::string& variant, const std::string& unit,
                      const std::vector<UnitAlias>& aliases);

}  // namespace qinglian

#endif  // QINGLIAN_CORE_UNITS_H_
