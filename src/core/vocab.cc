#include "qinglian/core/vocab.h"

#include <cstdlib>

#include "qinglian/base/text.h"

namespace qinglian {

std::string_view LangCode(Lang l) { return l == Lang::kZh ? "zh" : "en"; }

std::optional<Lang> ParseLang(std::string_view text) {
  const std::string s = NormaliseKeyword(text);
  if (s.starts_with("zh") || s == "chinese" || s == "中文" || s == "汉语") return Lang::kZh;
  if (s.starts_with("en") || s == "english" || s == "英文" || s == "英语") return Lang::kEn;
  return std::nullopt;
}

Lang LangFromEnvironment() {
  for (const char* var : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* v = std::getenv(var);
    if (v && *v) return std::string_view(v).starts_with("zh") ? Lang::kZh : Lang::kEn;
  }
  return Lang::kEn;
}

bool TermMatches(const Term& t, std::string_view typed) {
  const std::string s = NormaliseKeyword(typed);
  if (s.empty()) return false;
  if (s == NormaliseKeyword(t.code) || s == NormaliseKeyword(t.zh) || s == NormaliseKeyword(t.en))
    return true;
  for (const std::string& a : Split(t.aliases, '|'))
    if (s == NormaliseKeyword(a)) return true;
  return false;
}

}  // namespace qinglian
