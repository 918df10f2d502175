#include "qinglian/base/date.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <optional>
#include <random>
#include <string>

#include "qinglian/base/clock.h"

namespace qinglian {
namespace {

std::string Parsed(std::string_view raw) {
  const Result<Date> d = ParseDate(raw);
  return d.ok() ? d->Iso() : "error: " + d.error();
}

TEST_CASE("ParseDate reads every format exports use", "[date]") {
  struct {
    const char* in;
    const char* want;
  } cases[] = {
      {"2021-03-05", "2021-03-05"},
      {"2021-3-5", "2021-03-05"},
      {"2021/3/5", "2021-03-05"},
      {"2021/03/05", "2021-03-05"},
      {"2021.3.5", "2021-03-05"},
      {"20210305", "2021-03-05"},
      {"2021年3月5日", "2021-03-05"},
      {"2021年03月05日", "2021-03-05"},
      {"２０２１年３月５日", "2021-03-05"},
      {"2021-03-05 10:05", "2021-03-05"},
      {"2021-03-05 10:05:33", "2021-03-05"},
      {"2021-03-05T10:05:33", "2021-03-05"},
      {"2021-03-05 10:05:33.000", "2021-03-05"},
      {"2021/3/5 8:00", "2021-03-05"},
      {"2021年3月5日10:05", "2021-03-05"},
      {"2021年3月5日 10时05分", "2021-03-05"},
      {"20210305 10:05:33", "2021-03-05"},
      {" 2021-03-05 ", "2021-03-05"},
      {"44260", "2021-03-05"},
      {"44260.75", "2021-03-05"},
      {"45383", "2024-04-01"},
      {"61", "1900-03-01"},
      {"59", "1900-02-28"},
      {"1", "1900-01-01"},
      {"2024-02-29", "2024-02-29"},
  };
  for (const auto& c : cases) {
    INFO(c.in);
    CHECK(Parsed(c.in) == c.want);
  }
}

TEST_CASE("ParseDate rejects impossible and unreadable dates", "[date]") {
  struct {
    const char* in;
    const char* want;
  } cases[] = {
      {"2021-02-30", "error: impossible date 2021-02-30"},
      {"19990230", "error: impossible date 1999-02-30"},
      {"2023-02-29", "error: impossible date 2023-02-29"},
      {"2021年13月1日", "error: impossible date 2021-13-01"},
      {"2021-03", "error: unreadable date '2021-03'"},
      {"2021-03/05", "error: unreadable date '2021-03/05'"},
      {"March 5", "error: unreadable date 'March 5'"},
      {"2021-03-05 25:00", "error: unreadable date '2021-03-05 25:00'"},
      {"2021-03-05 junk", "error: unreadable date '2021-03-05 junk'"},
      {"60", "error: Excel serial 60 is the fictitious 1900-02-29 in '60'"},
      {"0", "error: unreadable date '0'"},
      {"", "error: empty date"},
  };
  for (const auto& c : cases) {
    INFO(c.in);
    CHECK(Parsed(c.in) == c.want);
  }
}

TEST_CASE("ParseDate reads a plain ten-character date as the full parse does", "[date]") {
  // A leading space takes the full parse (fold, trim, then read); the same
  // date without it takes the short way for YYYY-MM-DD and its kin.
  std::mt19937 random(20261201);
  const char digits[] = "0123456789";
  const char seps[] = "-/.:";
  int valid = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string s(10, '0');
    for (char& c : s) c = digits[random() % 10];
    // Mostly real-looking dates, so that many are valid.
    s[0] = random() % 4 ? '2' : s[0];
    s[1] = random() % 4 ? '0' : s[1];
    s[5] = random() % 3 ? '0' : '1';
    s[8] = "0123"[random() % 4];
    s[4] = seps[random() % 4];
    s[7] = random() % 8 ? s[4] : seps[random() % 4];
    if (random() % 16 == 0) s[random() % 10] = "x 9"[random() % 3];
    INFO(s);
    const Result<Date> fast = ParseDate(s), full = ParseDate(" " + s);
    REQUIRE(fast.ok() == full.ok());
    if (fast.ok()) {
      CHECK(*fast == *full);
      ++valid;
    }
  }
  CHECK(valid > 5000);
}

TEST_CASE("Date arithmetic and formats", "[date]") {
  const Date d = Date::FromYmd(2021, 3, 5);
  CHECK(d.year() == 2021);
  CHECK(d.month() == 3);
  CHECK(d.day() == 5);
  CHECK(d.Compact() == "20210305");
  CHECK(Date::FromYmd(1970, 1, 1).days() == 0);
  CHECK(Date::FromYmd(2024, 2, 29).AddYears(-1) == Date::FromYmd(2023, 2, 28));
  CHECK(Date::FromYmd(2024, 2, 29).AddYears(-4) == Date::FromYmd(2020, 2, 29));
  CHECK_FALSE(Date::FromYmd(2021, 2, 29).valid());
  CHECK_FALSE(Date().valid());
  CHECK(Date().Iso().empty());
  CHECK(Date::FromYmd(2021, 3, 4) < d);
}

TEST_CASE("ParseYearMonth reads a month without its day", "[date]") {
  struct {
    const char* in;
    const char* first;
    const char* last;
  } cases[] = {
      {"2008.08", "2008-08-01", "2008-08-31"},     {"2008.8", "2008-08-01", "2008-08-31"},
      {"2008年8月", "2008-08-01", "2008-08-31"},   {"2008-08", "2008-08-01", "2008-08-31"},
      {"200802", "2008-02-01", "2008-02-29"},      {"２００９/１２", "2009-12-01", "2009-12-31"},
      {" 2019年2月 ", "2019-02-01", "2019-02-28"},
  };
  for (const auto& c : cases) {
    INFO(c.in);
    const Result<YearMonth> ym = ParseYearMonth(c.in);
    REQUIRE(ym.ok());
    CHECK(ym->First().Iso() == c.first);
    CHECK(ym->Last().Iso() == c.last);
  }
  for (const char* bad : {"2008", "2008.13", "2008-08-01", "20080801", "2008年8月1日", "08.2008",
                          "", "2008.", "2008.0"}) {
    INFO(bad);
    CHECK(!ParseYearMonth(bad).ok());
  }
  CHECK(ParseYearMonth("2008.13").error() == "not a year and month: '2008.13'");
}

// Sets $TZ for one scope and puts the old value back.
class ScopedTz {
 public:
  explicit ScopedTz(const char* tz) {
    if (const char* old = std::getenv("TZ")) old_ = old;
    if (tz)
      setenv("TZ", tz, 1);
    else
      unsetenv("TZ");
  }
  ~ScopedTz() {
    if (old_)
      setenv("TZ", old_->c_str(), 1);
    else
      unsetenv("TZ");
  }

 private:
  std::optional<std::string> old_;
};

TEST_CASE("LocalTime shows a stored UTC time in the zone $TZ names, China's without one",
          "[clock]") {
  {
    ScopedTz tz(nullptr);
    CHECK(LocalTime("2026-11-26T20:05:15Z") == "2026-11-27 04:05:15");
  }
  {
    ScopedTz tz("UTC");
    CHECK(LocalTime("2026-11-26T20:05:15Z") == "2026-11-26 20:05:15");
  }
  {
    ScopedTz tz("Asia/Shanghai");
    CHECK(LocalTime("2026-11-26T20:05:15Z") == "2026-11-27 04:05:15");
  }
  // Not a stored time: shown as it is.
  CHECK(LocalTime("yesterday") == "yesterday");
  CHECK(LocalTime("") == "");
}

}  // namespace
}  // namespace qinglian
