// A run as `run` prints it, and as `run --json` does (stable field names).
#ifndef QINGLIAN_APP_RUN_SUMMARY_H_
#define QINGLIAN_APP_RUN_SUMMARY_H_

#include <string>

#include "qinglian/app/run.h"
#include "qinglian/core/vocab.h"

namespace qinglian {

// The summary in `lang` (Chinese or English), line for line the same.
std::string FormatRunText(const RunReport& r, Lang lang = Lang::kEn);
std::string FormatRunJson(const RunReport& r, Lang lang = Lang::kEn);

// One line when --as-of and the data disagree, as when a run on last year's
// data forgot --as-of: most hits fall outside the look-back, or the newest
// record read is more than a year older than the as-of date. Empty when
// they agree. A warning, not an error.
std::string AsOfWarning(const RunReport& r, Lang lang);

// "  near matches: 3 roster rows not keyed, 2 candidates, 1 open (qinglian
// review)\n", and whether the homophone rule is off; "" when no row was unkeyed.
// In Chinese under Lang::kZh.
std::string FormatReviewLine(const ReviewFigures& f, Lang lang = Lang::kEn);

// Past this many days between the newest record and the as-of date, the data
// looks older than the as-of date says.
constexpr int kStaleDataDays = 366;

}  // namespace qinglian

#endif  // QINGLIAN_APP_RUN_SUMMARY_H_
