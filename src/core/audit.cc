#include "qinglian/core/audit.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <utility>
#include <vector>

#include "qinglian/base/text.h"
#include "qinglian/core/idcard.h"

namespace qinglian {

namespace {

// One code point of the text, as an ID number's character (IdCharacter).
struct Piece {
  size_t begin, end;
  char c;
};

bool IsIdDigit(char c) { return c != 0 && c != ' '; }

// Whether pieces [from, to) spell an ID number: 15 digits, or 17 digits and a
// digit or X. Sets *digits to them. One group of digits written together is
// masked whatever it holds; groups split by blanks or dashes only when the
// loaders would accept them, so that dates and counts side by side stay.
bool SpellsId(std::string_view text, const std::vector<Piece>& p, size_t from, size_t to,
              bool one_group, std::string* digits) {
  digits->clear();
  for (size_t k = from; k < to; ++k)
    if (IsIdDigit(p[k].c)) digits->push_back(p[k].c);
  const size_t n = digits->size();
  const size_t x = digits->find('X');
  if (!(n == 18 && (x == std::string::npos || x == 17)) && !(n == 15 && x == std::string::npos))
    return false;
  if (one_group) return true;
  const std::string_view raw = text.substr(p[from].begin, p[to - 1].end - p[from].begin);
  return ParseIdNumber(raw, Date::FromYmd(9999, 12, 31)).ok();
}

// Masks the ID numbers in one run of digit groups, pieces [from, to).
void MaskRun(std::string_view text, const std::vector<Piece>& p, size_t from, size_t to,
             std::string* out) {
  std::vector<std::pair<size_t, size_t>> groups;
  for (size_t k = from; k < to;) {
    size_t e = k;
    while (e < to && IsIdDigit(p[e].c)) ++e;
    groups.emplace_back(k, e);
    k = e;
    while (k < to && !IsIdDigit(p[k].c)) ++k;
  }
  std::string digits;
  size_t g = 0;
  while (g < groups.size()) {
    size_t match = groups.size();
    for (size_t want : {18, 15}) {
      size_t count = 0;
      for (size_t h = g; h < groups.size() && count < want; ++h) {
        count += groups[h].second - groups[h].first;
        if (count == want &&
            SpellsId(text, p, groups[g].first, groups[h].second, h == g, &digits)) {
          match = h;
          break;
        }
      }
      if (match != groups.size()) break;
    }
    const size_t start = p[groups[g].first].begin;
    if (match == g) {
      // Written together: masked as typed, full-width or lower-case x kept.
      const size_t end = p[groups[g].second - 1].end;
      out->append(MaskIdNumber(text.substr(start, end - start)));
      g = match + 1;
    } else if (match != groups.size()) {
      out->append(MaskIdNumber(digits));
      g = match + 1;
    } else {
      ++g;
    }
    // What follows up to the next group is copied as it was.
    const size_t copy_from = match != groups.size() ? p[groups[match].second - 1].end : start;
    const size_t copy_to = g < groups.size() ? p[groups[g].first].begin : p[to - 1].end;
    out->append(text.substr(copy_from, copy_to - copy_from));
  }
}

}  // namespace

std::string MaskIdNumbersIn(std::string_view text) {
  std::vector<Piece> p;
  for (size_t i = 0; i < text.size();) {
    const size_t begin = i;
    const char32_t cp = NextCodePoint(text, &i);
    p.push_back({begin, i, IdCharacter(cp)});
  }
  std::string out;
  size_t k = 0;
  while (k < p.size()) {
    // A run starts at a digit and holds digits, X and what clean-up drops
    // between them; it ends at its last digit or X.
    if (p[k].c < '0' || p[k].c > '9') {
      out.append(text.substr(p[k].begin, p[k].end - p[k].begin));
      ++k;
      continue;
    }
    size_t end = k, e = k;
    while (e < p.size() && p[e].c != 0) {
      if (IsIdDigit(p[e].c)) end = e + 1;
      ++e;
    }
    MaskRun(text, p, k, end, &out);
    k = end;
  }
  return out;
}

AuditEntry MakeAuditEntry(const std::string& actor, const std::string& command,
                          const std::vector<std::string>& args) {
  nlohmann::json words = nlohmann::json::array();
  for (const std::string& a : args) words.push_back(ToValidUtf8(MaskIdNumbersIn(a)));
  AuditEntry e;
  e.actor = actor;
  e.command = command;
  e.args = words.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return e;
}

}  // namespace qinglian
