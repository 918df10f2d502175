// Units (the employers of a roster) as users name them.
#ifndef QINGLIAN_CORE_UNITS_H_
#define QINGLIAN_CORE_UNITS_H_

#include <string>
#include <vector>

#include "qinglian/base/status.h"

namespace qinglian {

// Picks the unit a user means: an exact name, else the one name that contains
// `typed`. None or several is an error that lists the choices.
Result<std::string> MatchUnit(const std::string& typed, const std::vector<std::string>& units);

}  // namespace qinglian

#endif  // QINGLIAN_CORE_UNITS_H_
