#include "qinglian/compare/near_match.h"

#include <fmt/format.h>

#include <algorithm>
#include <span>
#include <string>
#include <utility>

#include "qinglian/base/text.h"

namespace qinglian {
namespace {

constexpr size_t kRegionDigits = 6;
constexpr uint64_t kPow10[] = {1,
                               10,
                               100,
                               1000,
                               10000,
                               100000,
                               1000000,
                               10000000,
                               100000000,
                               1000000000,
                               10000000000,
                               100000000000,
                               1000000000000,
                               10000000000000,
                               100000000000000,
                               1000000000000000,
                               10000000000000000,
                               100000000000000000};

bool IsDigitChar(char c) { return c >= '0' && c <= '9'; }

int NamePoints(NameAgreement a) {
  switch (a) {
    case NameAgreement::kExact:
      return 40;
    case NameAgreement::kVariant:
      return 38;
    case NameAgreement::kHomophone:
      return 30;
    case NameAgreement::kOneChar:
      return 15;
    case NameAgreement::kNone:
      break;
  }
  return 0;
}

// The scientific notation a spreadsheet writes: 4.31222E+17, 4,31222E+17,
// 4.31222e17. Returns the significant digits, or "" for anything else.
std::string ScientificDigits(std::string_view raw) {
  std::string s;
  for (char c : FoldWidth(raw))
    if (c != ' ' && c != '\t' && c != '\'' && c != '"' && c != '=') s.push_back(c);
  std::string digits;
  size_t i = 0;
  if (i < s.size() && IsDigitChar(s[i])) digits.push_back(s[i++]);
  if (i < s.size() && (s[i] == '.' || s[i] == ',')) ++i;
  while (i < s.size() && IsDigitChar(s[i])) digits.push_back(s[i++]);
  if (digits.empty() || digits[0] == '0' || i >= s.size() || (s[i] != 'E' && s[i] != 'e'))
    return "";
  ++i;
  if (i < s.size() && s[i] == '+') ++i;
  if (s.substr(i) != "17") return "";
  return digits;
}

}  // namespace

const char* NearRuleCode(NearRule r) {
  return r == NearRule::kDamaged ? "damaged_id" : "one_digit";
}

DamagedId ReadDamagedId(std::string_view raw, IdProblem problem) {
  DamagedId out;
  if (problem == IdProblem::kSpreadsheetDamage) {
    std::string digits = ScientificDigits(raw);
    if (digits.empty()) return out;
    // A spreadsheet drops trailing zeros: 4.3122E+17 was 431220 at six digits.
    if (digits.size() < kRegionDigits) digits.resize(kRegionDigits, '0');
    if (digits.size() > 17) digits.resize(17);
    out.usable = true;
    out.rule = NearRule::kDamaged;
    out.digits = std::move(digits);
    return out;
  }
  if (problem != IdProblem::kBadCheck && problem != IdProblem::kImpossibleDate &&
      problem != IdProblem::kFutureDate && problem != IdProblem::kBadProvince)
    return out;
  char chars[18];
  size_t n = 0, i = 0;
  while (i < raw.size()) {
    const char32_t cp = NextCodePoint(raw, &i);
    const char c = IdCharacter(cp);
    if (c == ' ' || cp == U'\'' || cp == U'=' || cp == U'"') continue;
    if (c == 0 || n == sizeof(chars)) return out;
    chars[n++] = c;
  }
  if (n != sizeof(chars)) return out;
  out.usable = true;
  out.rule = NearRule::kMistyped;
  out.digits.assign(chars, n);
  return out;
}

bool RoundsTo(IdKey key, std::string_view shown) {
  if (shown.empty() || shown.size() > 17) return false;
  const uint64_t scale = kPow10[17 - shown.size()];
  uint64_t q = key / scale;
  // A tie rounds up: the check character after the 17 digits makes it more than half.
  if (scale > 1 && (key % scale) * 2 >= scale) ++q;
  return fmt::format("{}", q) == shown;
}

std::vector<NearKey> OneEditKeys(std::string_view id, Date today) {
  std::vector<NearKey> out;
  if (id.size() != 18) return out;
  std::string s(id);
  const auto try_key = [&](int position, bool swap) {
    const IdParse p = ParseIdNumber(s, today);
    if (!p.ok()) return;
    for (const NearKey& k : out)
      if (k.key == p.id.key) return;
    out.push_back({p.id.key, position, swap});
  };
  for (int i = 0; i < 18; ++i) {
    const char was = s[static_cast<size_t>(i)];
    for (char c : std::string_view(i == 17 ? "0123456789X" : "0123456789")) {
      if (c == was) continue;
      s[static_cast<size_t>(i)] = c;
      try_key(i, false);
    }
    s[static_cast<size_t>(i)] = was;
  }
  for (size_t i = 0; i + 1 < 18; ++i) {
    if (s[i] == s[i + 1]) continue;
    std::swap(s[i], s[i + 1]);
    try_key(static_cast<int>(i), true);
    std::swap(s[i], s[i + 1]);
  }
  return out;
}

namespace {

// The keys a damaged number rounds from, [lo, hi): RoundsTo(key, shown) for
// exactly these (a tie rounds up).
std::pair<IdKey, IdKey> RoundingRange(const std::string& shown) {
  uint64_t n = 0;
  for (char c : shown) n = n * 10 + static_cast<uint64_t>(c - '0');
  const uint64_t scale = kPow10[17 - shown.size()];
  if (scale == 1) return {n, n + 1};
  return {n * scale - scale / 2, n * scale + scale / 2};
}

}  // namespace

void NearKeyFilter::Add(const DamagedId& id, Date today) {
  if (!id.usable) return;
  if (id.rule == NearRule::kMistyped) {
    for (const NearKey& k : OneEditKeys(id.digits, today)) keys_.insert(k.key);
    return;
  }
  // Kept disjoint, so that the range before a key is the only one that can hold it.
  auto [lo, hi] = RoundingRange(id.digits);
  auto it = ranges_.upper_bound(lo);
  if (it != ranges_.begin() && std::prev(it)->second >= lo) --it;
  while (it != ranges_.end() && it->first <= hi) {
    lo = std::min(lo, it->first);
    hi = std::max(hi, it->second);
    it = ranges_.erase(it);
  }
  ranges_.emplace(lo, hi);
}

bool NearKeyFilter::Wants(IdKey key) const {
  if (keys_.contains(key)) return true;
  auto it = ranges_.upper_bound(key);
  return it != ranges_.begin() && key < std::prev(it)->second;
}

std::vector<NearPair> FindNearPairs(const std::vector<UnkeyedPerson>& rows,
                                    const std::vector<OtherPerson>& others,
                                    const NameVariants& names, Date today) {
  // The other records by key: a mistyped number's candidates are keys, a
  // damaged number's a range of keys.
  std::vector<std::pair<IdKey, uint32_t>> sorted;
  bool units = false;
  for (uint32_t o = 0; o < others.size(); ++o) {
    if (others[o].explained) continue;
    sorted.emplace_back(others[o].key, o);
    units = units || !others[o].unit.empty();
  }
  std::sort(sorted.begin(), sorted.end());
  const auto in_range = [&sorted](IdKey lo, IdKey hi) {
    const auto first = std::lower_bound(sorted.begin(), sorted.end(), std::pair{lo, uint32_t{0}});
    const auto last = std::lower_bound(first, sorted.end(), std::pair{hi, uint32_t{0}});
    return std::span<const std::pair<IdKey, uint32_t>>(first, last);
  };
  std::vector<NearPair> out;
  // A pair is kept when it reaches the threshold, should the model's relation
  // in time hold: the score depends on nothing else.
  const auto consider = [&](uint32_t row, uint32_t o, NearRule rule, NearKey edit) {
    const NameAgreement a = names.Compare(rows[row].name, others[o].name);
    if (a == NameAgreement::kNone) return;
    const NearPair pair{row, o, rule, edit, a};
    if (ScoreNearPair(rows[row], others[o], pair).total >= kReviewThreshold) out.push_back(pair);
  };
  // Damaged numbers whose pairs reach the threshold only with the same name
  // (written one way or another), by that name: one pass over the records
  // finds them all.
  std::unordered_map<std::u32string, std::vector<uint32_t>> by_name;
  for (uint32_t r = 0; r < rows.size(); ++r) {
    const DamagedId& id = rows[r].id;
    if (!id.usable) continue;
    if (id.rule == NearRule::kMistyped) {
      for (const NearKey& k : OneEditKeys(id.digits, today))
        for (const auto& [key, o] : in_range(k.key, k.key + 1))
          consider(r, o, NearRule::kMistyped, k);
      continue;
    }
    const auto [lo, hi] = RoundingRange(id.digits);
    // The most the pair can score without its name: the digits shown, the
    // time and, where the other records name units, the same unit.
    OtherPerson best;
    best.key = lo;
    best.name = rows[r].name;
    if (units) best.unit = rows[r].unit;
    const int rest =
        ScoreNearPair(rows[r], best, {r, 0, NearRule::kDamaged, {}, NameAgreement::kNone}).total;
    if (rest + NamePoints(NameAgreement::kHomophone) >= kReviewThreshold) {
      for (const auto& [key, o] : in_range(lo, hi)) consider(r, o, NearRule::kDamaged, {});
    } else if (std::u32string name = names.Canonical(rows[r].name); !name.empty()) {
      by_name[std::move(name)].push_back(r);
    }
  }
  if (by_name.empty()) return out;
  for (const auto& [key, o] : sorted) {
    const auto it = by_name.find(names.Canonical(others[o].name));
    if (it == by_name.end()) continue;
    for (uint32_t r : it->second) {
      const auto [lo, hi] = RoundingRange(rows[r].id.digits);
      if (key >= lo && key < hi) consider(r, o, NearRule::kDamaged, {});
    }
  }
  return out;
}

namespace {

// Why the names count, in English and in Chinese.
std::pair<std::string, std::string> NameWhy(NameAgreement a, const std::string& row,
                                            std::string_view other) {
  switch (a) {
    case NameAgreement::kExact:
      return {fmt::format("the names agree ({})", row), fmt::format("姓名相同（{}）", row)};
    case NameAgreement::kVariant:
      return {fmt::format("the same name written another way ({} / {})", row, other),
              fmt::format("同一姓名的不同写法（{} / {}）", row, other)};
    case NameAgreement::kHomophone:
      return {fmt::format("the names sound alike ({} / {})", row, other),
              fmt::format("姓名读音相同（{} / {}）", row, other)};
    case NameAgreement::kOneChar:
      return {fmt::format("the names differ in one character ({} / {})", row, other),
              fmt::format("姓名有一字不同（{} / {}）", row, other)};
    case NameAgreement::kNone:
      break;
  }
  return {fmt::format("the names differ ({} / {})", row, other),
          fmt::format("姓名不同（{} / {}）", row, other)};
}

std::string BirthText(std::string_view d) {
  return fmt::format("{}-{}-{}", d.substr(6, 4), d.substr(10, 2), d.substr(12, 2));
}

}  // namespace

NearScore ScoreNearPair(const UnkeyedPerson& row, const OtherPerson& other, const NearPair& pair) {
  NearScore s;
  const auto add = [&s](const char* code, int points, std::string why, std::string why_zh) {
    s.parts.push_back({code, points, std::move(why), std::move(why_zh)});
  };
  const std::string theirs = IdKeyToString(other.key);
  const std::string& mine = row.id.digits;
  auto [name_en, name_zh] = NameWhy(pair.name, row.name, other.name);
  add("name", NamePoints(pair.name), std::move(name_en), std::move(name_zh));
  if (pair.rule == NearRule::kMistyped) {
    const std::string region_code = theirs.substr(0, 6);
    const bool region = mine.compare(0, 6, theirs, 0, 6) == 0;
    add("region", region ? 15 : 0,
        region ? fmt::format("region {} agrees", region_code)
               : std::string("the regions differ where the numbers differ"),
        region ? fmt::format("地区码 {} 相同", region_code)
               : std::string("号码的不同之处在地区码"));
    const bool birth = mine.compare(6, 8, theirs, 6, 8) == 0;
    add("birth_date", birth ? 20 : 0,
        birth ? fmt::format("birth date {} agrees", BirthText(theirs))
              : std::string("the birth dates differ where the numbers differ"),
        birth ? fmt::format("出生日期 {} 相同", BirthText(theirs))
              : std::string("号码的不同之处在出生日期"));
    const bool sex = (mine[16] - '0') % 2 == (theirs[16] - '0') % 2;
    add("sex", sex ? 5 : 0, sex ? "the sex the numbers give agrees" : "the sex differs",
        sex ? "号码所示性别相同" : "号码所示性别不同");
    const int at = pair.edit.position + 1;
    if (pair.edit.swap)
      add("id_number", 10,
          fmt::format("two adjacent characters swapped (positions {} and {})", at, at + 1),
          fmt::format("相邻两位颠倒（第 {} 和第 {} 位）", at, at + 1));
    else
      add("id_number", 10, fmt::format("the numbers differ in one character (position {})", at),
          fmt::format("号码有一位不同（第 {} 位）", at));
  } else {
    const size_t shown = mine.size();
    add("region", 15, fmt::format("region {} as the damaged number shows", theirs.substr(0, 6)),
        fmt::format("地区码 {} 与损坏的号码所示相同", theirs.substr(0, 6)));
    const int known = static_cast<int>(std::clamp<size_t>(shown, 6, 14) - 6);
    if (known == 0)
      add("birth_date", 0, "the damaged number shows no birth date", "损坏的号码未显示出生日期");
    else if (known == 8)
      add("birth_date", 20, fmt::format("birth date {} agrees", BirthText(theirs)),
          fmt::format("出生日期 {} 相同", BirthText(theirs)));
    else
      add("birth_date", 20 * known / 8,
          fmt::format("the birth date agrees in the {} digits the damaged number shows", known),
          fmt::format("出生日期与损坏的号码所示的 {} 位相符", known));
    add("sex", shown >= 17 ? 5 : 0,
        shown >= 17 ? "the sex the numbers give agrees"
                    : "the damaged number does not show the sex",
        shown >= 17 ? "号码所示性别相同" : "损坏的号码未显示性别");
    add("id_number", 0, fmt::format("a spreadsheet kept only the first {} digits, rounded", shown),
        fmt::format("表格软件只保留了前 {} 位（四舍五入）", shown));
  }
  add("time", 10, "the other record falls in this employment as the model asks",
      "对方记录在此任职期间内，符合模型的要求");
  if (other.unit.empty())
    add("unit", 0, "the other record names no unit", "对方记录未写单位");
  else if (NormaliseName(other.unit) == NormaliseName(row.unit))
    add("unit", 10, fmt::format("the same unit ({})", row.unit),
        fmt::format("单位相同（{}）", row.unit));
  else
    add("unit", -10, fmt::format("the other record names another unit ({})", other.unit),
        fmt::format("对方记录写的是另一单位（{}）", other.unit));
  for (const ScorePart& p : s.parts) s.total += p.points;
  s.total = std::clamp(s.total, 0, 100);
  return s;
}

}  // namespace qinglian
