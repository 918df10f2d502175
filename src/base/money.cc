#include "qinglian/base/money.h"

#include <fmt/format.h>

#include <cctype>

#include "qinglian/base/text.h"

namespace qinglian {

Result<int64_t> ParseYuan(std::string_view text) {
  const std::string s = NormaliseName(text);  // folds full-width digits, drops blanks
  const auto bad = [&] {
    return Status::Error("not an amount of yuan: '" + std::string(text) + "'");
  };
  size_t i = 0;
  if (s.compare(0, 3, "￥") == 0 || s.compare(0, 2, "¥") == 0) i = s[0] == '\xEF' ? 3 : 2;
  int64_t yuan = 0;
  int digits = 0;
  for (; i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == ','); ++i) {
    if (s[i] == ',') continue;
    if (++digits > 12) return bad();
    yuan = yuan * 10 + (s[i] - '0');
  }
  int64_t fen = 0;
  if (i < s.size() && s[i] == '.') {
    ++i;
    int places = 0;
    for (; i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])); ++i) {
      if (++places > 2)
        return Status::Error("more than two decimals (fen) in '" + std::string(text) + "'");
      fen = fen * 10 + (s[i] - '0');
    }
    if (places == 1) fen *= 10;
  }
  if (i < s.size() && s.substr(i) == "元") i = s.size();
  if (i != s.size() || digits == 0) return bad();
  return yuan * 100 + fen;
}

std::string FenToYuan(int64_t fen) {
  const char* sign = fen < 0 ? "-" : "";
  const int64_t a = fen < 0 ? -fen : fen;
  return fmt::format("{}{}.{:02d}", sign, a / 100, a % 100);
}

std::string WithThousands(uint64_t n) {
  std::string digits = std::to_string(n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

}  // namespace qinglian
