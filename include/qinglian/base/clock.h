// Time as the store keeps it (UTC) and as people read it (local time).
#ifndef QINGLIAN_BASE_CLOCK_H_
#define QINGLIAN_BASE_CLOCK_H_

#include <string>
#include <string_view>

#include "qinglian/base/date.h"

namespace qinglian {

// The current time as ISO 8601 UTC: "2026-11-26T20:05:15Z".
std::string NowUtc();

// A time the store keeps ("2026-11-26T20:05:15Z") as people read it, in
// local time: "2026-11-27 04:05:15". Local is the zone $TZ names; without
// one, China Standard Time (Asia/Shanghai, UTC+8, no daylight saving since
// 1991), whatever the machine's own zone, since the auditors are in China.
// Text that is not such a time is returned as it is.
std::string LocalTime(std::string_view utc);

// Today's date in local time, for deadlines and the days of dispositions;
// QINGLIAN_TODAY (YYYY-MM-DD) fixes it, so that tests and a replayed day
// see the same date.
Date Today();

// The CPU time this process has used so far, user and system, on every
// thread: against wall time it says how many cores a phase kept busy.
double ProcessCpuSeconds();

}  // namespace qinglian

#endif  // QINGLIAN_BASE_CLOCK_H_
