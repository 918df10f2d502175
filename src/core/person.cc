#include "qinglian/core/person.h"

#include <algorithm>
#include <map>

#include "qinglian/base/text.h"
#include "qinglian/core/audit.h"
#include "qinglian/core/idcard.h"

namespace qinglian {
namespace {

// How many persons an ambiguous search lists.
constexpr size_t kExamples = 3;

// Whether `typed` is written as an ID number would be: only digits, X and
// what clean-up drops between groups, with a digit among them. No name is.
bool LooksLikeIdNumber(std::string_view typed) {
  bool digit = false;
  for (size_t i = 0; i < typed.size();) {
    const char c = IdCharacter(NextCodePoint(typed, &i));
    if (c == 0) return false;
    digit = digit || (c >= '0' && c <= '9');
  }
  return digit;
}

// "张三 430102********9016, 李四 430102********9126 and 2 more": the first
// persons of `ids` (ID number → their names, sorted), masked.
std::string Examples(const std::map<std::string, std::string>& ids) {
  std::vector<std::pair<std::string, std::string>> people;
  for (const auto& [id, name] : ids) people.emplace_back(name, MaskIdNumber(id));
  std::sort(people.begin(), people.end());
  std::vector<std::string> shown;
  for (size_t i = 0; i < people.size() && i < kExamples; ++i)
    shown.push_back(people[i].first + " " + people[i].second);
  std::string out = Join(shown, ", ");
  if (people.size() > kExamples)
    out += " and " + std::to_string(people.size() - kExamples) + " more";
  return out;
}

}  // namespace

Result<std::string> MatchPerson(std::string_view typed, const std::vector<PersonName>& names) {
  if (LooksLikeIdNumber(typed)) {
    // The day bounds nothing here: the number must be one the store holds.
    const IdParse id = ParseIdNumber(typed, Date::FromYmd(9999, 12, 31));
    if (!id.ok()) return Status::Error("not a valid ID number: " + id.detail);
    const std::string canonical = id.id.str();
    for (const PersonName& p : names)
      if (p.id_number == canonical) return canonical;
    return Status::Error("no person matches " + MaskIdNumber(canonical));
  }
  const std::string want = NormaliseName(typed);
  if (want.empty()) return Status::Error("no name given");
  // ID number → the name it matched by, for each way of matching.
  std::map<std::string, std::string> exact, part;
  for (const PersonName& p : names) {
    const std::string name = NormaliseName(p.name);
    if (name == want) exact.emplace(p.id_number, p.name);
    if (name.find(want) != std::string::npos) part.emplace(p.id_number, p.name);
  }
  // A name typed with an ID number in it is still not shown whole.
  const std::string quoted = "'" + MaskIdNumbersIn(typed) + "'";
  if (exact.size() == 1) return exact.begin()->first;
  if (exact.size() > 1)
    return Status::Error(std::to_string(exact.size()) + " persons are named " + quoted + ": " +
                         Examples(exact) + "; give the ID number");
  if (part.size() == 1) return part.begin()->first;
  if (part.empty()) return Status::Error("no person matches " + quoted);
  return Status::Error(std::to_string(part.size()) + " persons match " + quoted + ": " +
                       Examples(part) + "; give more of the name or the ID number");
}

std::string StatusSummary(const std::array<int64_t, 3>& statuses, Lang l) {
  std::vector<std::string> parts;
  for (size_t i = 0; i < statuses.size(); ++i)
    if (statuses[i] > 0)
      parts.push_back(std::to_string(statuses[i]) + " " + Label(static_cast<LeadStatus>(i), l));
  return Join(parts, l == Lang::kZh ? "、" : ", ");
}

}  // namespace qinglian
