// Time as the store keeps it (UTC) and as people read it (local time).
#ifndef QINGLIAN_BASE_CLOCK_H_
#define QINGLIAN_BASE_CLOCK_H_

#include <string>

namespace qinglian {

// The current time as ISO 8601 UTC: "2026-11-26T20:05:15Z".
std::string NowUtc();

}  // namespace qinglian

#endif  // QINGLIAN_BASE_CLOCK_H_
