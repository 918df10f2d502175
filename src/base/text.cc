#include "qinglian/base/text.h"

#include <algorithm>
#include <cstdio>
#include <cstring>

namespace qinglian {
namespace {

constexpr char32_t kReplacement = 0xFFFD;
constexpr char32_t kMiddleDot = 0x00B7;

// Length of the well-formed UTF-8 sequence starting at s[i], or 0 when it is
// ill-formed (RFC 3629, table 3-7 of the Unicode standard).
size_t SequenceLength(std::string_view s, size_t i) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const unsigned char c = b(0);
  if (c < 0x80) return 1;
  const size_t left = s.size() - i;
  const auto cont = [&](size_t k) { return k < left && (b(k) & 0xC0) == 0x80; };
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (left < 3 || !cont(2)) return 0;
    const unsigned char c1 = b(1);
    if (c == 0xE0) return (c1 >= 0xA0 && c1 <= 0xBF) ? 3 : 0;
    if (c == 0xED) return (c1 >= 0x80 && c1 <= 0x9F) ? 3 : 0;  // no surrogates
    return cont(1) ? 3 : 0;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (left < 4 || !cont(2) || !cont(3)) return 0;
    const unsigned char c1 = b(1);
    if (c == 0xF0) return (c1 >= 0x90 && c1 <= 0xBF) ? 4 : 0;
    if (c == 0xF4) return (c1 >= 0x80 && c1 <= 0x8F) ? 4 : 0;
    return cont(1) ? 4 : 0;
  }
  return 0;
}

bool IsControl(char32_t cp) { return cp < 0x20 || cp == 0x7F; }

bool IsMiddleDot(char32_t cp) {
  switch (cp) {
    case 0x00B7:  // ·
    case 0x30FB:  // ・
    case 0x2022:  // •
    case 0x2027:  // ‧
    case 0xFF65:  // ･
    case 0xFF0E:  // ．
    case 0x2219:  // ∙
      return true;
    default:
      return false;
  }
}

char32_t FoldWidthCodePoint(char32_t cp) {
  if (cp >= 0xFF01 && cp <= 0xFF5E) return cp - 0xFF01 + 0x21;
  if (cp == 0x3000) return U' ';
  return cp;
}

}  // namespace

size_t FindInvalidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    // ASCII runs dominate real files; skip them eight bytes at a time.
    while (i + 8 <= s.size()) {
      uint64_t word;
      std::memcpy(&word, s.data() + i, 8);
      if (word & 0x8080808080808080ull) break;
      i += 8;
    }
    if (i >= s.size()) break;
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    // The common case in Chinese text: a CJK character, E4..E9 and two
    // continuation bytes, with no special cases in its lead byte.
    if (c >= 0xE4 && c <= 0xEC && i + 2 < s.size() &&
        (static_cast<unsigned char>(s[i + 1]) & 0xC0) == 0x80 &&
        (static_cast<unsigned char>(s[i + 2]) & 0xC0) == 0x80) {
      i += 3;
      continue;
    }
    const size_t n = SequenceLength(s, i);
    if (n == 0) return i;
    i += n;
  }
  return std::string_view::npos;
}

bool IsValidUtf8(std::string_view s) { return FindInvalidUtf8(s) == std::string_view::npos; }

std::string ToValidUtf8(std::string_view s) {
  size_t bad = FindInvalidUtf8(s);
  if (bad == std::string_view::npos) return std::string(s);
  std::string out(s.substr(0, bad));
  out.reserve(s.size() + 8);
  size_t i = bad;
  while (i < s.size()) AppendUtf8(NextCodePoint(s, &i), &out);
  return out;
}

char32_t NextCodePoint(std::string_view s, size_t* pos) {
  const size_t i = *pos;
  const size_t n = SequenceLength(s, i);
  if (n == 0) {
    *pos = i + 1;
    return kReplacement;
  }
  *pos = i + n;
  const auto c = static_cast<unsigned char>(s[i]);
  if (n == 1) return c;
  char32_t cp = c & (0x7F >> n);
  for (size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  return cp;
}

void AppendUtf8(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

bool IsBlank(char32_t cp) {
  switch (cp) {
    case U' ':
    case U'\t':
    case U'\n':
    case U'\r':
    case U'\v':
    case U'\f':
    case 0x00A0:  // no-break space
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:  // ideographic space
    case 0xFEFF:  // a stray byte-order mark
      return true;
    default:
      return cp >= 0x2000 && cp <= 0x200B;
  }
}

std::string FoldWidth(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      out.push_back(s[i++]);
      continue;
    }
    AppendUtf8(FoldWidthCodePoint(NextCodePoint(s, &i)), &out);
  }
  return out;
}

namespace {
// A byte that starts a character Trim keeps: printable ASCII other than the
// space, or the lead byte of a CJK ideograph (U+4E00..U+9FFF).
bool KeptLead(unsigned char c) { return (c > 0x20 && c < 0x7F) || (c >= 0xE4 && c <= 0xE9); }
}  // namespace

std::string_view Trim(std::string_view s) {
  if (s.empty()) return s;
  // Most cells need nothing: a kept character at each end.
  const auto first = static_cast<unsigned char>(s[0]), last = static_cast<unsigned char>(s.back());
  if (KeptLead(first) &&
      ((last > 0x20 && last < 0x7F) ||
       (s.size() >= 3 && KeptLead(static_cast<unsigned char>(s[s.size() - 3])) &&
        (last & 0xC0) == 0x80 && (static_cast<unsigned char>(s[s.size() - 2]) & 0xC0) == 0x80)))
    return s;
  const auto strip = [](char32_t cp) { return IsBlank(cp) || IsControl(cp); };
  size_t begin = 0;
  while (begin < s.size()) {
    size_t next = begin;
    if (!strip(NextCodePoint(s, &next))) break;
    begin = next;
  }
  size_t end = s.size();
  while (end > begin) {
    // Step back to the start of the last code point.
    size_t start = end - 1;
    while (start > begin && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
    size_t next = start;
    if (!strip(NextCodePoint(s, &next)) || next != end) break;
    end = start;
  }
  return s.substr(begin, end - begin);
}

namespace {
// A tab or line break, or a run of them, as one space; every other C0
// control character and DEL dropped. (Bytes below 0x80 are never part of a
// longer UTF-8 sequence.)
std::string DropControls(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool blank = false;
  for (char c : s) {
    const auto b = static_cast<unsigned char>(c);
    const bool breaks = b == '\t' || b == '\n' || b == '\r';
    if (breaks && !blank) out.push_back(' ');
    blank = breaks;
    if (b >= 0x20 && b != 0x7F) out.push_back(c);
  }
  return out;
}
}  // namespace

std::string_view CleanField(std::string_view s, std::string* storage) {
  // Full-width forms (U+FF01..FF5E) start with 0xEF, the ideographic space
  // with 0xE3; most cells have neither, and no control character, and need
  // no copy.
  bool wide = false, control = false;
  for (char c : s) {
    const auto b = static_cast<unsigned char>(c);
    wide = wide || b == 0xEF || b == 0xE3;
    control = control || b < 0x20 || b == 0x7F;
  }
  if (!wide && !control) return Trim(s);
  *storage = wide ? FoldWidth(s) : std::string(s);
  if (control) *storage = DropControls(*storage);
  return Trim(*storage);
}

std::string CleanField(std::string_view s) {
  std::string storage;
  return std::string(CleanField(s, &storage));
}

std::string_view CleanNote(std::string_view s, std::string* storage) {
  const bool control = std::any_of(
      s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; });
  if (!control) return Trim(s);
  *storage = DropControls(s);
  return Trim(*storage);
}

std::string CleanNote(std::string_view s) {
  std::string storage;
  return std::string(CleanNote(s, &storage));
}

std::string NormaliseName(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    const char32_t raw = NextCodePoint(s, &i);
    // Dots first: the full-width full stop would otherwise fold to '.'.
    const char32_t cp = IsMiddleDot(raw) ? kMiddleDot : FoldWidthCodePoint(raw);
    if (IsBlank(cp) || IsControl(cp)) continue;
    AppendUtf8(cp, &out);
  }
  return out;
}

std::string NormaliseKeyword(std::string_view s) {
  std::string out = NormaliseName(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::vector<std::string> Split(std::string_view s, char sep) {
  std::vector<std::string> parts;
  if (s.empty()) return parts;
  size_t start = 0;
  while (true) {
    const size_t at = s.find(sep, start);
    parts.emplace_back(s.substr(start, at - start));
    if (at == std::string_view::npos) return parts;
    start = at + 1;
  }
}

std::string Join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out.append(sep);
    out.append(items[i]);
  }
  return out;
}

std::string TerminalText(std::string_view s, bool keep_newlines) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    if ((b >= 0x20 && b < 0x7F) || (b == '\n' && keep_newlines)) {
      out.push_back(s[i++]);
      continue;
    }
    const char32_t cp = NextCodePoint(s, &i);
    char escape[8];
    if (IsControl(cp)) {
      std::snprintf(escape, sizeof escape, "\\x%02x", static_cast<unsigned>(cp));
      out += escape;
    } else if (cp >= 0x80 && cp <= 0x9F) {
      std::snprintf(escape, sizeof escape, "\\u%04x", static_cast<unsigned>(cp));
      out += escape;
    } else {
      AppendUtf8(cp, &out);  // an ill-formed byte came back as U+FFFD
    }
  }
  return out;
}

size_t DisplayWidth(std::string_view s) {
  size_t width = 0;
  size_t i = 0;
  while (i < s.size()) {
    const char32_t cp = NextCodePoint(s, &i);
    if (IsControl(cp)) continue;
    // East Asian Wide and Fullwidth ranges that occur in Chinese text.
    const bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
                      (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
                      (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
                      (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                      (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                      (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
    width += wide ? 2 : 1;
  }
  return width;
}

Result<bool> ParseYesNo(std::string_view text) {
  const std::string s = NormaliseKeyword(text);
  if (s == "yes" || s == "y" || s == "true" || s == "1" || s == "是") return true;
  if (s == "no" || s == "n" || s == "false" || s == "0" || s == "否" || s.empty()) return false;
  return Status::Error("expected yes or no, found '" + std::string(text) + "'");
}

std::string NormaliseHeader(std::string_view header) {
  const std::string folded = FoldWidth(header);
  std::string out;
  int depth = 0;
  size_t i = 0;
  while (i < folded.size()) {
    const char32_t cp = NextCodePoint(folded, &i);
    if (cp == U'(' || cp == U'[' || cp == U'【' || cp == U'〔') {
      ++depth;
      continue;
    }
    if (cp == U')' || cp == U']' || cp == U'】' || cp == U'〕') {
      if (depth > 0) --depth;
      continue;
    }
    if (depth > 0 || IsBlank(cp) || cp < 0x20 || cp == U'_' || cp == U'-' || cp == U'*') continue;
    AppendUtf8(cp >= U'A' && cp <= U'Z' ? cp - U'A' + U'a' : cp, &out);
  }
  return out;
}

}  // namespace qinglian
