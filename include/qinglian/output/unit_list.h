// The units as `units` shows them: coverage over the latest runs, the
// expected headcount and whether it is covered; and the aliases.
#ifndef QINGLIAN_OUTPUT_UNIT_LIST_H_
#define QINGLIAN_OUTPUT_UNIT_LIST_H_

#include <string>
#include <vector>

#include "qinglian/core/units.h"
#include "qinglian/core/vocab.h"
#include "qinglian/store/store.h"

namespace qinglian {

// One row per unit, the latest run's persons (and records) first, then the
// runs before it; "-" where a run did not see the unit. Covered: the latest
// run's persons against the expected headcount; "-" without one.
std::string FormatUnitTable(const UnitHistory& h, Lang lang);
// {"runs": [3, 2], "units": [{"unit", "expected", "covered", "runs": [{"run",
// "records", "persons"}]}]}; expected and covered null without a headcount.
std::string FormatUnitJson(const UnitHistory& h);

std::string FormatAliasTable(const std::vector<UnitAlias>& aliases, Lang lang);

}  // namespace qinglian

#endif  // QINGLIAN_OUTPUT_UNIT_LIST_H_
