#include "qinglian/core/records.h"

#include <cstdio>

#include "qinglian/base/text.h"

namespace qinglian {
namespace {

struct TypeInfo {
  OffenceType type;
  const char* code;
  const char* zh;
  const char* en;
};

const TypeInfo kTypes[] = {
    {OffenceType::kDrinkDriving, "drink_driving", "饮酒驾驶", "drink driving"},
    {OffenceType::kDrunkDriving, "drunk_driving", "醉酒驾驶", "drunk driving"},
    {OffenceType::kProstitution, "prostitution", "卖淫嫖娼", "prostitution"},
    {OffenceType::kGambling, "gambling", "赌博", "gambling"},
    {OffenceType::kDrugs, "drugs", "吸毒", "drugs"},
};

bool Contains(std::string_view s, std::string_view part) {
  return s.find(part) != std::string_view::npos;
}

}  // namespace

const char* OffenceTypeCode(OffenceType t) { return kTypes[static_cast<int>(t)].code; }
const char* OffenceTypeLabelZh(OffenceType t) { return kTypes[static_cast<int>(t)].zh; }
const char* OffenceTypeLabelEn(OffenceType t) { return kTypes[static_cast<int>(t)].en; }

std::optional<OffenceType> ParseOffenceType(std::string_view text) {
  const std::string s = NormaliseKeyword(text);
  for (const TypeInfo& t : kTypes) {
    std::string en = t.en;
    std::erase(en, ' ');
    if (s == t.code || s == en) return t.type;
  }
  if (s == "drinkdriving" || s == "drink") return OffenceType::kDrinkDriving;
  if (s == "drunkdriving" || s == "drunk") return OffenceType::kDrunkDriving;
  if (s == "drug") return OffenceType::kDrugs;
  // Labels: the same rules as for source records, without a BAC.
  if (s.empty()) return std::nullopt;
  const Result<OffenceType> r = ClassifyOffence(s, kNoBac);
  if (r.ok()) return r.value();
  return std::nullopt;
}

Result<BacTenths> ParseBac(std::string_view raw) {
  const std::string v = CleanField(raw);
  if (v.empty()) return kNoBac;
  int64_t whole = 0;
  size_t i = 0;
  while (i < v.size() && v[i] >= '0' && v[i] <= '9' && whole < 100000)
    whole = whole * 10 + (v[i++] - '0');
  if (i == 0) return Status::Error("unreadable BAC '" + std::string(raw) + "'");
  int tenths = 0;
  if (i < v.size() && v[i] == '.') {
    ++i;
    if (i < v.size() && v[i] >= '0' && v[i] <= '9') tenths = v[i++] - '0';
    // Further decimals are below the precision of a breath or blood test.
    while (i < v.size() && v[i] >= '0' && v[i] <= '9') ++i;
  }
  // A unit may follow ("mg/100ml"); anything else is not a BAC.
  const std::string rest = NormaliseName(v.substr(i));
  if (!rest.empty() && rest[0] != 'm' && rest[0] != 'M' && rest != "毫克/100毫升")
    return Status::Error("unreadable BAC '" + std::string(raw) + "'");
  if (whole >= 1000) return Status::Error("implausible BAC '" + std::string(raw) + "'");
  return static_cast<BacTenths>(whole * 10 + tenths);
}

std::string FormatBac(BacTenths bac) {
  if (bac < 0) return "";
  char buf[16];
  if (bac % 10 == 0)
    std::snprintf(buf, sizeof buf, "%d", bac / 10);
  else
    std::snprintf(buf, sizeof buf, "%d.%d", bac / 10, bac % 10);
  return buf;
}

Result<OffenceType> ClassifyOffence(std::string_view label, BacTenths bac) {
  const std::string s = NormaliseName(label);
  const bool driving = Contains(s, "驾") || Contains(s, "酒") || (s.empty() && bac >= 0);
  if (driving && bac >= 0) {
    if (bac < 200)
      return Status::Error("BAC " + FormatBac(bac) +
                           " is below 20 mg/100mL: no drink-driving offence");
    return bac >= 800 ? OffenceType::kDrunkDriving : OffenceType::kDrinkDriving;
  }
  if (Contains(s, "醉") && Contains(s, "驾")) return OffenceType::kDrunkDriving;
  if (Contains(s, "危险驾驶")) return OffenceType::kDrunkDriving;
  if (Contains(s, "酒") && Contains(s, "驾")) return OffenceType::kDrinkDriving;
  if (Contains(s, "卖淫") || Contains(s, "嫖娼") || Contains(s, "嫖宿"))
    return OffenceType::kProstitution;
  if (Contains(s, "赌")) return OffenceType::kGambling;
  if (Contains(s, "毒")) return OffenceType::kDrugs;
  if (s.empty()) return Status::Error("no offence label and no BAC");
  return Status::Error("unknown offence label '" + s + "'");
}

uint32_t StringPool::Intern(std::string_view s) {
  const auto it = ids_.find(s);
  if (it != ids_.end()) return it->second;
  const auto id = static_cast<uint32_t>(strings_.size());
  strings_.emplace_back(s);
  ids_.emplace(strings_.back(), id);
  return id;
}

}  // namespace qinglian
