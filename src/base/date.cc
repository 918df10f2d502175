#include "qinglian/base/date.h"

#include <charconv>
#include <chrono>
#include <ctime>

#include "qinglian/base/text.h"

namespace qinglian {
namespace {

namespace chr = std::chrono;

chr::year_month_day Ymd(int32_t days) {
  return chr::year_month_day(chr::sys_days(chr::days(days)));
}

// A cursor over an ASCII string (full-width digits are folded before parsing).
struct Cursor {
  std::string_view s;
  size_t pos = 0;

  bool done() const { return pos >= s.size(); }
  bool Eat(std::string_view token) {
    if (s.substr(pos, token.size()) != token) return false;
    pos += token.size();
    return true;
  }
  // Reads 1..max_digits decimal digits; returns -1 when there is none.
  int Number(size_t max_digits, size_t* count = nullptr) {
    size_t n = 0;
    int v = 0;
    while (pos < s.size() && n < max_digits && s[pos] >= '0' && s[pos] <= '9') {
      v = v * 10 + (s[pos++] - '0');
      ++n;
    }
    if (count) *count = n;
    return n ? v : -1;
  }
};

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// A time of day after the date: " 10:05", "T10:05:00", "10:05:00.000", "10时5分".
bool ParseTimeSuffix(Cursor c) {
  while (!c.done() && (c.s[c.pos] == ' ' || c.s[c.pos] == 'T')) ++c.pos;
  if (c.done()) return true;
  const int h = c.Number(2);
  if (h < 0 || h > 24) return false;
  if (!c.Eat(":") && !c.Eat("时")) return false;
  const int m = c.Number(2);
  if (m < 0 || m > 59) return false;
  c.Eat("分");
  if (c.Eat(":")) {
    const int sec = c.Number(2);
    if (sec < 0 || sec > 60) return false;
    if (c.Eat(".")) c.Number(9);
  }
  c.Eat("秒");
  return c.done();
}

Result<Date> FromExcelSerial(std::string_view text, std::string_view raw) {
  size_t dot = text.find('.');
  std::string_view whole = text.substr(0, dot);
  if (dot != std::string_view::npos && !AllDigits(text.substr(dot + 1)))
    return Status::Error("unreadable date '" + std::string(raw) + "'");
  // At most five digits (ParseDate's test): from_chars cannot overflow, and
  // unlike std::stoi it has no exception to throw.
  int serial = 0;
  std::from_chars(whole.data(), whole.data() + whole.size(), serial);
  if (serial == 60)
    return Status::Error("Excel serial 60 is the fictitious 1900-02-29 in '" + std::string(raw) +
                         "'");
  if (serial < 1) return Status::Error("unreadable date '" + std::string(raw) + "'");
  // Excel counts 1900 as a leap year: from serial 61 on, day 0 is 1899-12-30.
  const Date base = serial < 60 ? Date::FromYmd(1899, 12, 31) : Date::FromYmd(1899, 12, 30);
  return Date::FromDays(base.days() + serial);
}

}  // namespace

Date Date::FromYmd(int y, int m, int d) {
  const chr::year_month_day ymd{chr::year(y), chr::month(static_cast<unsigned>(m)),
                                chr::day(static_cast<unsigned>(d))};
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31 || !ymd.ok()) return Date();
  return Date(static_cast<int32_t>(chr::sys_days(ymd).time_since_epoch().count()));
}

Date Date::Today() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return FromYmd(local.tm_year + 1900, local.tm_mon + 1, local.tm_mday);
}

int Date::year() const { return static_cast<int>(Ymd(days_).year()); }
int Date::month() const { return static_cast<int>(static_cast<unsigned>(Ymd(days_).month())); }
int Date::day() const { return static_cast<int>(static_cast<unsigned>(Ymd(days_).day())); }

std::string Date::Iso() const {
  if (!valid()) return "";
  // Leads and events write several dates each: digits by hand, one
  // calendar conversion.
  const chr::year_month_day ymd = Ymd(days_);
  const int y = static_cast<int>(ymd.year());
  const unsigned m = static_cast<unsigned>(ymd.month()), d = static_cast<unsigned>(ymd.day());
  std::string out = "0000-00-00";
  out[0] = static_cast<char>('0' + y / 1000 % 10);
  out[1] = static_cast<char>('0' + y / 100 % 10);
  out[2] = static_cast<char>('0' + y / 10 % 10);
  out[3] = static_cast<char>('0' + y % 10);
  out[5] = static_cast<char>('0' + m / 10);
  out[6] = static_cast<char>('0' + m % 10);
  out[8] = static_cast<char>('0' + d / 10);
  out[9] = static_cast<char>('0' + d % 10);
  return out;
}

std::string Date::Compact() const {
  if (!valid()) return "";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d", year(), month(), day());
  return buf;
}

Date Date::AddYears(int years) const {
  if (!valid()) return *this;
  const int y = year() + years, m = month(), d = day();
  const Date exact = FromYmd(y, m, d);
  return exact.valid() ? exact : FromYmd(y, m, d - 1);
}

namespace {

// YYYY-MM-DD, YYYY/MM/DD or YYYY.MM.DD and nothing else, as most exports
// write every date: read without folding or trimming, which would change
// nothing in it. An invalid date here is left to the full parse, which says
// what is wrong with it.
Date PlainIsoDate(std::string_view s) {
  if (s.size() != 10) return Date();
  const char sep = s[4];
  if ((sep != '-' && sep != '/' && sep != '.') || s[7] != sep) return Date();
  int v[8];
  for (size_t i = 0, k = 0; i < 10; ++i) {
    if (i == 4 || i == 7) continue;
    const unsigned d = static_cast<unsigned char>(s[i]) - unsigned{'0'};
    if (d > 9) return Date();
    v[k++] = static_cast<int>(d);
  }
  return Date::FromYmd(v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3], v[4] * 10 + v[5],
                       v[6] * 10 + v[7]);
}

}  // namespace

Result<Date> ParseDate(std::string_view raw) {
  if (const Date plain = PlainIsoDate(raw); plain.valid()) return plain;
  const std::string folded = FoldWidth(raw);
  const std::string_view text = Trim(folded);
  const auto unreadable = [&] {
    return Status::Error("unreadable date '" + std::string(raw) + "'");
  };
  if (text.empty()) return Status::Error("empty date");

  // Bare numbers: eight digits are YYYYMMDD, up to five (with a fraction) an Excel serial.
  const std::string_view whole = text.substr(0, text.find('.'));
  if (AllDigits(whole) && whole.size() <= 5 && text.find('.') != 4)
    return FromExcelSerial(text, raw);

  Cursor c{text};
  int y = -1, m = -1, d = -1;
  size_t year_digits = 0;
  y = c.Number(4, &year_digits);
  if (year_digits != 4) return unreadable();
  if (c.done()) return unreadable();
  if (c.pos == 4 && text.size() >= 8 && AllDigits(text.substr(0, 8))) {
    // YYYYMMDD, perhaps followed by a time.
    c.pos = 4;
    size_t n = 0;
    m = c.Number(2, &n);
    d = c.Number(2, &n);
  } else if (c.Eat("年")) {
    m = c.Number(2);
    if (m < 0 || !c.Eat("月")) return unreadable();
    d = c.Number(2);
    if (d < 0 || !c.Eat("日")) return unreadable();
  } else {
    const char sep = c.s[c.pos];
    if (sep != '-' && sep != '/' && sep != '.') return unreadable();
    ++c.pos;
    m = c.Number(2);
    if (m < 0 || c.done() || c.s[c.pos] != sep) return unreadable();
    ++c.pos;
    d = c.Number(2);
    if (d < 0) return unreadable();
  }
  if (!ParseTimeSuffix(c)) return unreadable();
  const Date date = Date::FromYmd(y, m, d);
  if (!date.valid()) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return Status::Error(std::string("impossible date ") + buf);
  }
  return date;
}

Date YearMonth::Last() const {
  const Date next = month == 12 ? Date::FromYmd(year + 1, 1, 1) : Date::FromYmd(year, month + 1, 1);
  return next.valid() ? Date::FromDays(next.days() - 1) : Date();
}

Result<YearMonth> ParseYearMonth(std::string_view raw) {
  const std::string folded = FoldWidth(raw);
  const std::string_view text = Trim(folded);
  Cursor c{text};
  size_t year_digits = 0, month_digits = 0;
  const int y = c.Number(4, &year_digits);
  int m = -1;
  if (year_digits == 4 && c.done())
    return Status::Error("not a year and month: '" + std::string(raw) + "'");
  if (year_digits == 4 && text.size() == 6 && AllDigits(text)) {
    m = c.Number(2, &month_digits);  // 200808
  } else if (year_digits == 4 && c.Eat("年")) {
    m = c.Number(2, &month_digits);
    if (!c.Eat("月")) m = -1;
    c.Eat("份");
  } else if (year_digits == 4 && (c.Eat(".") || c.Eat("-") || c.Eat("/"))) {
    m = c.Number(2, &month_digits);
  }
  if (m < 1 || m > 12 || !c.done() || y < 1)
    return Status::Error("not a year and month: '" + std::string(raw) + "'");
  return YearMonth{y, m};
}

}  // namespace qinglian
