#include "qinglian/base/clock.h"

#include <cstdlib>
#include <ctime>

namespace qinglian {

std::string NowUtc() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buf;
}

Date Today() {
  if (const char* fixed = std::getenv("QINGLIAN_TODAY"); fixed && *fixed) {
    const Result<Date> d = ParseDate(fixed);
    if (d.ok()) return *d;
  }
  return Date::Today();
}

}  // namespace qinglian
