// The Unihan tables are sorted by code point, so a character's readings and
// its simplified form are found by binary search; nothing is loaded at run
// time.
#include "qinglian/core/name_variants.h"

#include <algorithm>
#include <cstring>
#include <span>

#include "core/unihan_table.h"
#include "qinglian/base/text.h"

namespace qinglian {
namespace {

std::span<const UnihanReading> ReadingsOf(char32_t cp) {
  const UnihanReading* begin = kUnihanReadings;
  const UnihanReading* end = kUnihanReadings + kUnihanReadingCount;
  const auto lo =
      std::lower_bound(begin, end, cp, [](const UnihanReading& r, char32_t c) { return r.cp < c; });
  auto hi = lo;
  while (hi != end && hi->cp == cp) ++hi;
  return {lo, hi};
}

char32_t Simplified(char32_t cp) {
  const UnihanVariant* begin = kUnihanSimplified;
  const UnihanVariant* end = kUnihanSimplified + kUnihanSimplifiedCount;
  const auto it = std::lower_bound(begin, end, cp,
                                   [](const UnihanVariant& v, char32_t c) { return v.from < c; });
  return it != end && it->from == cp ? it->to : cp;
}

bool IsDot(char32_t cp) {
  // NormaliseName turns every middle dot into U+00B7; the full stop and the
  // hyphen also join the parts of a transliterated name (阿卜杜拉.买买提).
  return cp == 0x00B7 || cp == U'.' || cp == U'-' || cp == U'_';
}

std::u32string Decode(std::string_view s) {
  std::u32string out;
  size_t i = 0;
  while (i < s.size()) out.push_back(NextCodePoint(s, &i));
  return out;
}

}  // namespace

const char* NameAgreementCode(NameAgreement a) {
  switch (a) {
    case NameAgreement::kExact:
      return "exact";
    case NameAgreement::kVariant:
      return "variant";
    case NameAgreement::kHomophone:
      return "homophone";
    case NameAgreement::kOneChar:
      return "one_char";
    case NameAgreement::kNone:
      break;
  }
  return "none";
}

const NameVariants& NameVariants::Builtin() {
  static const NameVariants kBuiltin;
  return kBuiltin;
}

bool NameVariants::available() const { return kUnihanReadingCount > 0; }

size_t NameVariants::readings() const {
  size_t n = 0;
  for (size_t i = 0; i < kUnihanReadingCount; ++i)
    if (i == 0 || kUnihanReadings[i].cp != kUnihanReadings[i - 1].cp) ++n;
  return n;
}

std::u32string NameVariants::Canonical(std::string_view name) const {
  std::u32string out;
  for (char32_t cp : Decode(NormaliseName(name))) {
    if (IsDot(cp)) continue;
    if (cp >= U'A' && cp <= U'Z') cp = cp - U'A' + U'a';
    out.push_back(Simplified(cp));
  }
  return out;
}

bool NameVariants::Homophones(char32_t a, char32_t b) const {
  if (a == b) return true;
  for (const UnihanReading& ra : ReadingsOf(a))
    for (const UnihanReading& rb : ReadingsOf(b))
      if (std::strcmp(ra.syllable, rb.syllable) == 0) return true;
  return false;
}

NameAgreement NameVariants::Compare(std::string_view a, std::string_view b) const {
  const std::string na = NormaliseName(a), nb = NormaliseName(b);
  if (na.empty() || nb.empty()) return NameAgreement::kNone;
  if (na == nb) return NameAgreement::kExact;
  const std::u32string ca = Canonical(a), cb = Canonical(b);
  if (ca == cb) return NameAgreement::kVariant;
  if (ca.size() != cb.size() || ca.size() < 2) return NameAgreement::kNone;
  size_t different = 0;
  bool homophones = true;
  for (size_t i = 0; i < ca.size(); ++i) {
    if (ca[i] == cb[i]) continue;
    ++different;
    homophones = homophones && Homophones(ca[i], cb[i]);
  }
  if (homophones) return NameAgreement::kHomophone;
  return different == 1 ? NameAgreement::kOneChar : NameAgreement::kNone;
}

}  // namespace qinglian
