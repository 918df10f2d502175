// Time as the store keeps it (UTC) and as people read it (local time).
#ifndef QINGLIAN_BASE_CLOCK_H_
#define QINGLIAN_BASE_CLOCK_H_

#include <string>

#include "qinglian/base/date.h"

namespace qinglian {

// The current time as ISO 8601 UTC: "2026-11-26T20:05:15Z".
std::string NowUtc();

// Today's date in local time, for deadlines and the days of dispositions;
// QINGLIAN_TODAY (YYYY-MM-DD) fixes it, so that tests and a replayed day
// see the same date.
Date Today();

}  // namespace qinglian

#endif  // QINGLIAN_BASE_CLOCK_H_
