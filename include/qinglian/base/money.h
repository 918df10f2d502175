// Money as supervision offices count it: yuan with two decimals, kept as a
// whole number of fen so that sums are exact.
#ifndef QINGLIAN_BASE_MONEY_H_
#define QINGLIAN_BASE_MONEY_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "qinglian/base/status.h"

namespace qinglian {

// Reads an amount of yuan ("1234.5", "1,234.56", "￥800", "800元") into fen, exactly.
Result<int64_t> ParseYuan(std::string_view text);

// Money in fen as yuan: 123456 -> "1234.56".
std::string FenToYuan(int64_t fen);

// "12,345"
std::string WithThousands(uint64_t n);

}  // namespace qinglian

#endif  // QINGLIAN_BASE_MONEY_H_
