// Calendar dates, and the parser for every way exports write them.
#ifndef QINGLIAN_BASE_DATE_H_
#define QINGLIAN_BASE_DATE_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "qinglian/base/status.h"

namespace qinglian {

// A calendar date, stored as days since 1970-01-01. Default: no date.
class Date {
 public:
  constexpr Date() = default;
  // Returns the date, or an invalid Date when y-m-d is not on the calendar.
  static Date FromYmd(int y, int m, int d);
  static constexpr Date FromDays(int32_t days) { return Date(days); }
  // Today in local time.
  static Date Today();

  bool valid() const { return days_ != kNone; }
  int32_t days() const { return days_; }
  int year() const;
  int month() const;
  int day() const;
  // ISO 8601 "2021-03-05"; empty when invalid.
  std::string Iso() const;
  // Eight digits "20210305"; empty when invalid.
  std::string Compact() const;
  Date AddYears(int years) const;  // Feb 29 becomes Feb 28 in a common year

  friend constexpr bool operator==(Date a, Date b) { return a.days_ == b.days_; }
  friend constexpr auto operator<=>(Date a, Date b) { return a.days_ <=> b.days_; }

 private:
  static constexpr int32_t kNone = INT32_MIN;
  constexpr explicit Date(int32_t days) : days_(days) {}
  int32_t days_ = kNone;
};

// Parses a date as exports write it: 2021-03-05, 2021/3/5, 2021.3.5, 20210305,
// 2021年3月5日, each optionally followed by a time of day, full-width digits,
// and Excel serial day numbers (44260 = 2021-03-05, 1900 date system; the
// fraction is the time of day). An impossible date such as 2021-02-30 is an
// error, and so is the serial 60, Excel's fictitious 1900-02-29.
Result<Date> ParseDate(std::string_view raw);

// A month without its day, as rosters often give a hire date: 2008.08,
// 2008.8, 2008-08, 2008/08, 2008年8月, 200808 (full-width digits too).
struct YearMonth {
  int year = 0, month = 0;
  Date First() const { return Date::FromYmd(year, month, 1); }
  Date Last() const;  // the month's last day
};
// Fails for anything else, a full date included.
Result<YearMonth> ParseYearMonth(std::string_view raw);

}  // namespace qinglian

#endif  // QINGLIAN_BASE_DATE_H_
