#include "qinglian/core/bac.h"

#include <cstdio>

#include "qinglian/base/text.h"

namespace qinglian {

Result<BacTenths> ParseBac(std::string_view raw) {
  const std::string v = CleanField(raw);
  if (v.empty()) return kNoBac;
  int64_t whole = 0;
  size_t i = 0;
  while (i < v.size() && v[i] >= '0' && v[i] <= '9' && whole < 100000)
    whole = whole * 10 + (v[i++] - '0');
  if (i == 0) return Status::Error("unreadable BAC '" + std::string(raw) + "'");
  int tenths = 0;
  if (i < v.size() && v[i] == '.') {
    ++i;
    if (i < v.size() && v[i] >= '0' && v[i] <= '9') tenths = v[i++] - '0';
    // Further decimals are below the precision of a breath or blood test.
    while (i < v.size() && v[i] >= '0' && v[i] <= '9') ++i;
  }
  // A unit may follow ("mg/100ml"); anything else is not a BAC.
  const std::string rest = NormaliseName(v.substr(i));
  if (!rest.empty() && rest[0] != 'm' && rest[0] != 'M' && rest != "毫克/100毫升")
    return Status::Error("unreadable BAC '" + std::string(raw) + "'");
  if (whole >= 1000) return Status::Error("implausible BAC '" + std::string(raw) + "'");
  return static_cast<BacTenths>(whole * 10 + tenths);
}

std::string FormatBac(BacTenths bac) {
  if (bac < 0) return "";
  char buf[16];
  if (bac % 10 == 0)
    std::snprintf(buf, sizeof buf, "%d", bac / 10);
  else
    std::snprintf(buf, sizeof buf, "%d.%d", bac / 10, bac % 10);
  return buf;
}

}  // namespace qinglian
