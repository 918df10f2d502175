#include "qinglian/base/clock.h"

#include <sys/resource.h>

#include <cstdio>
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

std::string LocalTime(std::string_view utc) {
  if (utc.size() != 20 || utc[10] != 'T' || utc[19] != 'Z') return std::string(utc);
  std::tm t{};
  char tail = 0;
  const std::string text(utc);
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c", &t.tm_year, &t.tm_mon, &t.tm_mday,
                  &t.tm_hour, &t.tm_min, &t.tm_sec, &tail) != 7 ||
      tail != 'Z')
    return text;
  t.tm_year -= 1900;
  t.tm_mon -= 1;
  std::time_t when = timegm(&t);
  std::tm local{};
  const char* tz = std::getenv("TZ");
  if (tz && *tz) {
    tzset();  // $TZ may have changed since the last conversion
    localtime_r(&when, &local);
  } else {
    // China Standard Time, without relying on the zone files being installed.
    when += 8 * 3600;
    gmtime_r(&when, &local);
  }
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &local);
  return buf;
}

Date Today() {
  if (const char* fixed = std::getenv("QINGLIAN_TODAY"); fixed && *fixed) {
    const Result<Date> d = ParseDate(fixed);
    if (d.ok()) return *d;
  }
  // The local day as LocalTime reads it: $TZ's, else China Standard Time.
  const std::string now = LocalTime(NowUtc());
  if (const Result<Date> d = ParseDate(now.substr(0, 10)); d.ok()) return *d;
  return Date::Today();
}

double ProcessCpuSeconds() {
  rusage u{};
  if (getrusage(RUSAGE_SELF, &u) != 0) return 0;
  const auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return seconds(u.ru_utime) + seconds(u.ru_stime);
}

}  // namespace qinglian
