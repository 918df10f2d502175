#include "qinglian/core/idcard.h"

#include <array>
#include <bit>
#include <cstring>

#include "qinglian/base/text.h"
#include "qinglian/core/vocab.h"

namespace qinglian {
namespace {

constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr char kCheckChars[] = "10X98765432";

// Province-level codes of GB/T 2260, plus 71 (Taiwan), 81/82 (Hong Kong and
// Macau residence permits), 83 (Taiwan residence permit) and 91.
constexpr std::array<bool, 100> MakeProvinces() {
  std::array<bool, 100> p{};
  for (int c : {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43,
                44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83, 91})
    p[c] = true;
  return p;
}
constexpr std::array<bool, 100> kProvinces = MakeProvinces();

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool KnownProvince(const char* d) {
  const int code = (d[0] - '0') * 10 + (d[1] - '0');
  if (kProvinces[code]) return true;
  // The 2023 permanent-residence card for foreigners: 9, then the province.
  const int after_nine = (d[1] - '0') * 10 + (d[2] - '0');
  return d[0] == '9' && after_nine != 91 && after_nine < 71 && kProvinces[after_nine];
}

int Digits(const char* d, int n) {
  int v = 0;
  for (int i = 0; i < n; ++i) v = v * 10 + (d[i] - '0');
  return v;
}

// Eight ASCII digits as a number, the first the most significant. Every
// offence row's ID number passes here: on a little-endian machine the eight
// are read as one word and combined in three steps (pairs, fours, eights),
// where a loop of eight multiply-adds waits on each step.
uint64_t EightDigits(const char* d) {
  if constexpr (std::endian::native == std::endian::little) {
    uint64_t v;
    std::memcpy(&v, d, 8);
    v -= 0x3030303030303030ULL;  // each byte its digit's value
    v = v * 10 + (v >> 8);       // each even byte: two digits
    constexpr uint64_t kPairs = 0x000000FF000000FFULL;
    return (((v & kPairs) * (100 + (1000000ULL << 32))) +
            (((v >> 16) & kPairs) * (1 + (10000ULL << 32)))) >>
           32;
  } else {
    uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v = v * 10 + static_cast<uint64_t>(d[i] - '0');
    return v;
  }
}

// Whether the eight bytes at `d` are all ASCII digits, 0x30 to 0x39: each
// byte's high half is 3, and stays 3 when 6 is added.
bool EightAreDigits(const char* d) {
  uint64_t v;
  std::memcpy(&v, d, 8);
  constexpr uint64_t kHigh = 0xF0F0F0F0F0F0F0F0ULL, kThrees = 0x3030303030303030ULL;
  return (v & kHigh) == kThrees && ((v + 0x0606060606060606ULL) & kHigh) == kThrees;
}

// The weighted sum of the eight digits at `d` (weights w[0..7]), as the check
// character takes it. On a little-endian machine the digits are read as one
// word and split into two words of four 16-bit lanes (even and odd places);
// one multiplication sums each word's four products in its top lane (each
// lane holds at most 4 x 9 x 10, so nothing carries into the next).
int WeightedEight(const char* d, const int* w) {
  if constexpr (std::endian::native == std::endian::little) {
    uint64_t v;
    std::memcpy(&v, d, 8);
    v -= 0x3030303030303030ULL;
    constexpr uint64_t kLanes = 0x00FF00FF00FF00FFULL;
    const auto spread = [](int a, int b, int c, int e) {
      return static_cast<uint64_t>(a) << 48 | static_cast<uint64_t>(b) << 32 |
             static_cast<uint64_t>(c) << 16 | static_cast<uint64_t>(e);
    };
    const uint64_t even = (v & kLanes) * spread(w[0], w[2], w[4], w[6]);
    const uint64_t odd = ((v >> 8) & kLanes) * spread(w[1], w[3], w[5], w[7]);
    return static_cast<int>((even >> 48) + (odd >> 48));
  } else {
    int sum = 0;
    for (int i = 0; i < 8; ++i) sum += (d[i] - '0') * w[i];
    return sum;
  }
}

// The check character of the 17 digits at `d`, as IdCheckCharacter gives it.
char CheckCharacterOf(const char* d) {
  const int sum = WeightedEight(d, kWeights) + WeightedEight(d + 8, kWeights + 8) +
                  (d[16] - '0') * kWeights[16];
  return kCheckChars[sum % 11];
}

// The birth date in an ID number, or an invalid Date: the calendar check
// Date::FromYmd makes, without its conversions, for years from 1800.
Date BirthDate(int y, int m, int d) {
  static constexpr int kMonthDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1800 || m < 1 || m > 12 || d < 1) return Date();
  const bool leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
  if (d > kMonthDays[m - 1] + (m == 2 && leap)) return Date();
  // Days since 1970-01-01 of a proleptic Gregorian date (the civil-from-days
  // algorithm run backwards: years from March, eras of 400 years).
  const int yy = y - (m <= 2);
  const int era = yy / 400;
  const int yoe = yy - era * 400;
  const int doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return Date::FromDays(era * 146097 + doe - 719468);
}

IdParse Fail(IdProblem p, std::string detail, uint8_t cleanup) {
  IdParse r;
  r.problem = p;
  r.detail = std::move(detail);
  r.cleanup = cleanup;
  return r;
}

// Validates a canonical candidate of 18 characters (digits, last may be 'X').
// Every path returns the one IdParse `r`, which the compiler then builds in
// the caller's place: a copy of it, made from stores just written, stalls
// the scan of millions of numbers.
IdParse Validate18(const char* d, Date today, uint8_t cleanup, bool upgraded) {
  IdParse r;
  r.cleanup = cleanup;
  const auto fail = [&r](IdProblem p, std::string detail) {
    r.problem = p;
    r.detail = std::move(detail);
  };
  if (!KnownProvince(d)) {
    fail(IdProblem::kBadProvince, "unknown province code " + std::string(d, 2));
    return r;
  }
  // The first sixteen digits as two numbers: the region and the century, then
  // the rest of the birth date and the first two digits of the sequence.
  const uint64_t high = EightDigits(d), low = EightDigits(d + 8);
  const Date birth =
      BirthDate(static_cast<int>(high % 100 * 100 + low / 1000000),
                static_cast<int>(low / 10000 % 100), static_cast<int>(low / 100 % 100));
  // The birth date is among the digits a masked ID number hides: a detail
  // that quoted it would give them back beside the masked value.
  if (!birth.valid()) {
    fail(IdProblem::kImpossibleDate, "the birth date in the ID number is not a real date");
    return r;
  }
  if (birth > today) {
    fail(IdProblem::kFutureDate, "the birth date in the ID number is in the future");
    return r;
  }
  const char want = CheckCharacterOf(d);
  if (d[17] != want) {
    fail(IdProblem::kBadCheck,
         std::string("check character should be ") + want + ", found " + d[17]);
    return r;
  }
  std::copy(d, d + 18, r.id.digits);
  r.id.key = high * 1000000000 + low * 10 + static_cast<IdKey>(d[16] - '0');
  r.id.birth = birth;
  r.id.upgraded = upgraded;
  return r;
}

// Scientific notation as Excel shows a long number: 4.30102E+17, 4,30102E+17.
bool LooksScientific(std::string_view s) {
  size_t i = 0;
  if (i >= s.size() || !IsDigit(s[i++])) return false;
  if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
    ++i;
    const size_t start = i;
    while (i < s.size() && IsDigit(s[i])) ++i;
    if (i == start) return false;
  }
  if (i >= s.size() || (s[i] != 'E' && s[i] != 'e')) return false;
  ++i;
  if (i < s.size() && s[i] == '+') ++i;
  const size_t start = i;
  while (i < s.size() && IsDigit(s[i])) ++i;
  return i > start && i == s.size();
}

bool IsDash(char32_t cp) {
  return cp == U'-' || (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212 || cp == 0xFE63;
}

// The half-width form of a full-width digit, X or wrapper character
// (Ｘ ｘ Ⅹ ⅹ are X); any other code point unchanged.
char32_t Narrow(char32_t cp) {
  if (cp >= 0xFF10 && cp <= 0xFF19) return cp - 0xFF10 + U'0';
  if (cp == 0xFF38 || cp == 0xFF58 || cp == 0x2169 || cp == 0x2179) return U'X';
  if (cp == 0xFF07 || cp == 0xFF1D || cp == 0xFF02 || cp == 0xFF0E || cp == 0xFF0C ||
      cp == 0xFF0B)  // full-width ' = " . , +
    return cp - 0xFF01 + 0x21;
  return cp;
}

// Blanks and control characters, which clean-up drops wherever they are.
bool Dropped(char32_t cp) { return IsBlank(cp) || cp < 0x20 || cp == 0x7F; }

// Removes what exporters wrap around or put into an ID value. Returns the
// remaining characters (ASCII where they were recognisable).
std::string CleanUp(std::string_view raw, uint8_t* cleanup) {
  std::string out;
  out.reserve(raw.size());
  size_t i = 0;
  while (i < raw.size()) {
    const char32_t wide = NextCodePoint(raw, &i);
    const char32_t cp = Narrow(wide);
    if (cp != wide) *cleanup |= kCleanWidth;
    if (Dropped(cp)) {
      *cleanup |= kCleanBlanks;
      continue;
    }
    AppendUtf8(cp, &out);
  }
  // The wrappers that keep Excel from converting the number.
  std::string_view v = out;
  if (v.size() >= 3 && v.substr(0, 2) == "=\"" && v.back() == '"') {
    v = v.substr(2, v.size() - 3);
    *cleanup |= kCleanFormula;
  }
  if (!v.empty() && (v.front() == '\'' || v.front() == '`')) {
    v.remove_prefix(1);
    *cleanup |= kCleanApostrophe;
  }
  std::string result;
  result.reserve(v.size());
  size_t j = 0;
  while (j < v.size()) {
    const size_t at = j;
    const char32_t cp = NextCodePoint(v, &j);
    // Dashes between digit groups ("430102-1990-…"); a leading one is not a group break.
    if (IsDash(cp) && at > 0 && !LooksScientific(v)) {
      *cleanup |= kCleanDashes;
      continue;
    }
    if (cp == U'x') {
      result.push_back('X');
      *cleanup |= kCleanLowerX;
      continue;
    }
    AppendUtf8(cp, &result);
  }
  return result;
}

std::string Printable(std::string_view s) {
  size_t i = 0;
  const char32_t cp = NextCodePoint(s, &i);
  std::string out;
  AppendUtf8(cp, &out);
  return out;
}

}  // namespace

RejectReason RejectReasonOf(IdProblem p) {
  switch (p) {
    case IdProblem::kNone:
    case IdProblem::kEmpty:
      return RejectReason::kMissingId;
    case IdProblem::kBadLength:
      return RejectReason::kBadLength;
    case IdProblem::kBadCharacter:
      return RejectReason::kBadCharacter;
    case IdProblem::kBadProvince:
      return RejectReason::kBadProvince;
    case IdProblem::kImpossibleDate:
      return RejectReason::kImpossibleDate;
    case IdProblem::kFutureDate:
      return RejectReason::kFutureDate;
    case IdProblem::kBadCheck:
      return RejectReason::kBadCheck;
    case IdProblem::kSpreadsheetDamage:
      return RejectReason::kSpreadsheetDamage;
  }
  return RejectReason::kMissingId;
}

const char* IdProblemCode(IdProblem p) {
  return p == IdProblem::kNone ? "ok" : TermOf(RejectReasonOf(p)).code.data();
}

int IdNumber::region() const { return Digits(digits, 6); }

char IdCheckCharacter(std::string_view first17) {
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
  return kCheckChars[sum % 11];
}

IdParse ParseIdNumber(std::string_view raw, Date today) {
  // Fast path: a clean 18-character number, as almost every row carries.
  if (raw.size() == 18) {
    const char last = raw[17];
    if (EightAreDigits(raw.data()) && EightAreDigits(raw.data() + 8) && IsDigit(raw[16]) &&
        (IsDigit(last) || last == 'X'))
      return Validate18(raw.data(), today, 0, false);
  }

  uint8_t cleanup = 0;
  const std::string v = CleanUp(raw, &cleanup);
  if (v.empty()) return Fail(IdProblem::kEmpty, "no ID number", cleanup);
  if (LooksScientific(v))
    return Fail(IdProblem::kSpreadsheetDamage,
                "damaged by a spreadsheet: scientific notation, the last digits are lost", cleanup);
  for (size_t i = 0; i < v.size(); ++i) {
    // 'X' stands only last, and a 15-digit number has no check character at all.
    const bool check_x = v[i] == 'X' && i + 1 == v.size() && v.size() != 15;
    if (IsDigit(v[i]) || check_x) continue;
    return Fail(IdProblem::kBadCharacter,
                "bad character '" + Printable(std::string_view(v).substr(i)) + "' at position " +
                    std::to_string(i + 1),
                cleanup);
  }
  if (v.size() == 18) return Validate18(v.data(), today, cleanup, false);
  if (v.size() == 15) {
    // A 15-digit number carries no check character: whatever it upgrades to is valid.
    char d[18];
    std::copy(v.begin(), v.begin() + 6, d);
    d[6] = '1';
    d[7] = '9';
    std::copy(v.begin() + 6, v.end(), d + 8);
    d[17] = IdCheckCharacter(std::string_view(d, 17));
    return Validate18(d, today, cleanup, true);
  }
  return Fail(IdProblem::kBadLength,
              "has " + std::to_string(v.size()) + " characters, expected 18 (or 15)", cleanup);
}

char IdCharacter(char32_t cp) {
  cp = Narrow(cp);
  if (cp >= U'0' && cp <= U'9') return static_cast<char>(cp);
  if (cp == U'X' || cp == U'x') return 'X';
  if (Dropped(cp) || IsDash(cp)) return ' ';
  return 0;
}

std::string MaskIdNumber(std::string_view s) {
  std::u32string cps;
  size_t i = 0;
  while (i < s.size()) cps.push_back(NextCodePoint(s, &i));
  const size_t n = cps.size();
  const size_t head = n >= 14 ? 6 : n >= 8 ? 2 : 0;
  const size_t tail = n >= 14 ? 4 : n >= 8 ? 2 : 0;
  std::string out;
  for (size_t k = 0; k < n; ++k) {
    if (k < head || k >= n - tail)
      AppendUtf8(cps[k], &out);
    else
      out.push_back('*');
  }
  return out;
}

std::string IdKeyToString(IdKey key) {
  char d[18];
  for (int i = 16; i >= 0; --i) {
    d[i] = static_cast<char>('0' + key % 10);
    key /= 10;
  }
  d[17] = IdCheckCharacter(std::string_view(d, 17));
  return std::string(d, 18);
}

}  // namespace qinglian
