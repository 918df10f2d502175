// Blood alcohol concentration (GB 19522), as police exports write it.
#ifndef QINGLIAN_CORE_BAC_H_
#define QINGLIAN_CORE_BAC_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "qinglian/base/status.h"

namespace qinglian {

// In tenths of mg/100 mL (79.9 -> 799); kNoBac for none.
using BacTenths = int32_t;
constexpr BacTenths kNoBac = -1;

// Reads a BAC cell: "85", "85.3", "８５mg/100ml". Empty gives kNoBac.
Result<BacTenths> ParseBac(std::string_view raw);
// "85.3"; "" for none.
std::string FormatBac(BacTenths bac);

}  // namespace qinglian

#endif  // QINGLIAN_CORE_BAC_H_
