// The generator first draws the persons and their careers (which SOE, from
// when to when) in memory, then writes each file from its own random stream,
// so that each file's bytes depend only on the options and the seed.
#include "qinglian/app/gen.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <optional>
#include <sstream>
#include <vector>

#include "base/flat_key_set.h"
#include "qinglian/base/money.h"
#include "qinglian/base/output_file.h"
#include "qinglian/core/idcard.h"
#include "qinglian/core/workflow.h"
#include "qinglian/input/encoding.h"
#include "qinglian/output/lead_format.h"
#include "qinglian/output/lead_sheet.h"

namespace qinglian {
namespace {

// splitmix64: small, fast and the same on every platform, unlike the
// standard library's distributions.
class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  uint64_t Below(uint64_t n) { return n ? Next() % n : 0; }
  int Between(int lo, int hi) {
    return lo + static_cast<int>(Below(static_cast<uint64_t>(hi - lo + 1)));
  }
  bool Chance(double p) { return static_cast<double>(Next() >> 11) * 0x1.0p-53 < p; }
  template <typename T, size_t N>
  const T& Pick(const std::array<T, N>& items) {
    return items[Below(N)];
  }

 private:
  uint64_t state_;
};

const std::array<const char*, 7> kUnits = {
    "怀化市城市建设投资集团有限公司",  "怀化市交通建设投资集团有限公司",
    "怀化市水务集团有限公司",          "怀化市国有资本投资运营集团有限公司",
    "怀化市公共交通集团有限公司",      "怀化市旅游发展投资集团有限公司",
    "怀化市粮食和物资储备集团有限公司"};
const std::array<const char*, 10> kDepartments = {
    "综合办公室", "财务部", "工程管理部", "人力资源部", "市场经营部",
    "安全生产部", "审计部", "党群工作部", "资产管理部", "项目一部"};
const std::array<const char*, 8> kPositions = {"职员",     "会计",     "工程师", "驾驶员",
                                               "部门经理", "项目经理", "出纳",   "技术员"};
const std::array<const char*, 4> kLeaderPositions = {"董事长", "总经理", "副总经理", "纪委书记"};
const std::array<const char*, 60> kSurnames = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡",
    "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
    "彭", "曾", "肖", "田", "董", "袁", "潘", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏",
    "吕", "丁", "任", "沈", "姚", "卢", "姜", "谭", "陆", "向", "舒", "滕", "杨", "粟", "蒲"};
const std::array<const char*, 40> kGiven = {
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟",
    "涛", "明", "超", "秀", "霞", "平", "刚", "桂", "英", "华", "建", "国", "红", "文",
    "志", "海", "辉", "鹏", "婷", "雪", "琳", "浩", "宇", "晨", "湘", "沅"};
// Huaihua's counties and districts; every number is synthetic.
const std::array<const char*, 12> kRegions = {"431202", "431221", "431222", "431223",
                                              "431224", "431225", "431226", "431227",
                                              "431228", "431229", "431230", "431281"};
const std::array<const char*, 10> kRoads = {"迎丰路", "人民南路", "锦溪路", "湖天大道", "鹤洲路",
                                            "天星路", "舞水路",   "顺天路", "太平桥路", "怀东路"};
const std::array<const char*, 6> kDrinkLabels = {
    "酒后驾驶机动车", "饮酒后驾驶机动车", "酒驾", "饮酒后驾驶机动车", "酒后驾驶机动车", "饮酒驾驶"};
const std::array<const char*, 4> kDrunkLabels = {"醉酒驾驶机动车", "醉驾", "危险驾驶",
                                                 "醉酒驾驶机动车"};
const std::array<const char*, 3> kProstitutionLabels = {"嫖娼", "卖淫", "卖淫嫖娼"};
const std::array<const char*, 3> kGamblingLabels = {"赌博", "参与赌博", "为赌博提供条件"};
const std::array<const char*, 3> kDrugLabels = {"吸毒", "吸食毒品", "容留他人吸毒"};
const std::array<const char*, 5> kBureaus = {"怀化市公安局鹤城分局", "怀化市公安局经开区分局",
                                             "中方县公安局", "洪江市公安局",
                                             "芷江侗族自治县公安局"};

struct Period {
  uint8_t unit;
  uint8_t department;
  uint8_t position;
  Date hire, leave;  // leave invalid: still there
};

struct Person {
  std::string id;  // canonical 18 characters
  std::string name;
  bool leader = false;
  std::vector<Period> periods;
};

std::string MakeId(Random& rng, const char* region, Date birth) {
  const std::string body = fmt::format("{}{}{:03d}", region, birth.Compact(), rng.Below(1000));
  return body + IdCheckCharacter(body);
}

std::string MakeName(Random& rng) {
  std::string name = rng.Pick(kSurnames);
  name += rng.Pick(kGiven);
  if (rng.Chance(0.7)) name += rng.Pick(kGiven);
  return name;
}

Date RandomDay(Random& rng, Date from, Date to) {
  if (to < from) return from;
  return Date::FromDays(from.days() + static_cast<int32_t>(rng.Below(
                                          static_cast<uint64_t>(to.days() - from.days() + 1))));
}

// What exporters do to an ID number; rarely anything.
std::string Noisy(Random& rng, const std::string& id, Date birth) {
  const uint64_t roll = rng.Below(1000);
  if (roll < 20 && birth.year() < 1980)
    return id.substr(0, 6) + id.substr(8, 9);  // legacy 15 digits
  if (roll < 30) return "'" + id;
  if (roll < 36) return "=\"\"" + id + "\"\"";  // doubled quotes: the whole field is quoted
  if (roll < 40) return id + "\t";
  if (roll < 44) {
    std::string wide;
    for (char c : id)
      wide += c == 'X'
                  ? "Ｘ"
                  : std::string("０１２３４５６７８９").substr(static_cast<size_t>(c - '0') * 3, 3);
    return wide;
  }
  if (roll < 48 && id.back() == 'X') return id.substr(0, 17) + "x";
  if (roll >= 48 && roll < 51 && id.back() == 'X')
    return id.substr(0, 17) + "Ⅹ";                    // the standard's own glyph
  if (roll >= 51 && roll < 54) return "\x1f" + id;    // a unit separator
  if (roll >= 54 && roll < 57) return id + "\u3000";  // an ideographic space
  if (roll >= 57 && roll < 59) return id.substr(0, 6) + "-" + id.substr(6, 8) + "-" + id.substr(14);
  return id;
}

// A broken ID number as real files hold a few: a typo, or Excel's damage.
std::string Broken(Random& rng, const std::string& id) {
  switch (rng.Below(3)) {
    case 0: {
      std::string typo = id;
      typo[17] = typo[17] == '1' ? '2' : '1';
      if (IdCheckCharacter(std::string_view(typo).substr(0, 17)) == typo[17]) typo[17] = '3';
      return typo;
    }
    case 1:
      return fmt::format("{}.{}E+17", id[0], id.substr(1, 5));
    default:
      return id.substr(0, 15) + "000";
  }
}

std::string Quote(const std::string& s) {
  return s.find_first_of(",\"\t\n") == std::string::npos ? s : "\"" + s + "\"";
}

}  // namespace

// A record planted in another office's register on a roster person.
struct PlantedRecord {
  uint32_t person = 0;
  Date start, end;         // the period it records (end invalid: still running); a death: start
  const char* role = "";   // a business role
  bool lead = false;       // what the model must make of it
  bool legacy_id = false;  // written with the old 15-digit number
  const char* edge = "";
};

// A roster person planted for the near matches, and the other record that
// is theirs (or, for a trap, someone else's).
struct NearPlant {
  const char* kind = "";
  bool trap = false;
  Person person;          // on the roster, one period
  std::string roster_id;  // as the roster writes it
  // The offence record: the person's own, or a namesake's; none when empty.
  std::string other_id, other_name;
  Date date;
  // A namesake on the roster too, keyed, in another unit (trap_unit).
  std::optional<Person> namesake;
};

struct Generator::State {
  GenOptions options;
  std::vector<NearPlant> near;
  std::vector<Person> persons;
  FlatKeySet employee_keys;         // strangers never share an employee's number
  std::vector<uint32_t> offenders;  // persons with an offence on record, some of them twice
  std::vector<PlantedRecord> subsidies, deaths, businesses;
};

namespace {

uint64_t SubsidyRows(const GenOptions& o) { return o.subsidies.value_or(o.employees / 2); }
uint64_t DeathRows(const GenOptions& o) { return o.deaths.value_or(o.employees / 6); }
uint64_t BusinessRows(const GenOptions& o) { return o.businesses.value_or(o.employees * 5 / 12); }

Date Plus(Date d, int32_t days) { return Date::FromDays(d.days() + days); }
Date EndOf(const Period& p, Date as_of) { return p.leave.valid() ? p.leave : as_of; }
bool Legacy(const Person& p) { return p.id.compare(6, 2, "19") == 0; }

// One kind of planted case: given a person, the record it plants on them, if
// the person's career allows it.
using PlantRule = std::optional<PlantedRecord> (*)(Random&, const Person&, Date as_of);

// The cases are planted inside every model's five-year look-back.
Date Window(Date as_of) { return as_of.AddYears(-4); }

// A period that reaches into the window, long enough to overlap.
const Period* RecentPeriod(Random& rng, const Person& p, Date as_of) {
  const Period& period = p.periods[rng.Below(p.periods.size())];
  const Date end = EndOf(period, as_of);
  if (end < Plus(Window(as_of), 30) || end.days() - period.hire.days() < 60) return nullptr;
  return &period;
}

// A record that overlaps a recent period by at least one day.
std::optional<PlantedRecord> Overlapping(Random& rng, const Person& p, Date as_of,
                                         bool may_run_on) {
  const Period* period = RecentPeriod(rng, p, as_of);
  if (!period) return std::nullopt;
  const Date from = std::max(period->hire, Window(as_of)), to = EndOf(*period, as_of);
  PlantedRecord r;
  r.start = RandomDay(rng, Plus(from, -300), to);
  if (!(may_run_on && rng.Chance(0.4)))
    r.end = RandomDay(rng, std::max(r.start, from), std::min(as_of, Plus(to, 300)));
  return r;
}

// The first period, recent enough for its edges to be in the window.
const Period* RecentFirst(const Person& p, Date as_of) {
  const Period& first = p.periods.front();
  if (first.hire < Plus(Window(as_of), 60) || EndOf(first, as_of).days() - first.hire.days() < 30)
    return nullptr;
  return &first;
}

// The last period when it has ended inside the window, not on the as-of date.
const Period* RecentLeave(const Person& p, Date as_of) {
  const Period& last = p.periods.back();
  if (!last.leave.valid() || last.leave < Plus(Window(as_of), 60) ||
      last.leave > Plus(as_of, -10) || last.leave.days() - last.hire.days() < 60)
    return nullptr;
  return &last;
}

// The last period when it is still running and began some time ago.
const Period* StillThere(const Person& p, Date as_of) {
  const Period& last = p.periods.back();
  if (last.leave.valid() || last.hire > Plus(as_of, -120)) return nullptr;
  return &last;
}

std::optional<PlantedRecord> Marked(std::optional<PlantedRecord> r, bool lead, const char* edge) {
  if (r) {
    r->lead = lead;
    r->edge = edge;
  }
  return r;
}

// Subsistence allowances: paid while employed.
const std::array<PlantRule, 5> kSubsidyRules = {
    [](Random& rng, const Person& p, Date as_of) {
      std::optional<PlantedRecord> r = Overlapping(rng, p, as_of, false);
      if (r && Legacy(p) && rng.Chance(0.3)) r->legacy_id = true;
      return Marked(
          r, true,
          r && r->legacy_id ? "paid while employed, 15-digit ID number" : "paid while employed");
    },
    [](Random& rng, const Person& p, Date as_of) -> std::optional<PlantedRecord> {
      const Period* last = StillThere(p, as_of);
      if (!last) return std::nullopt;
      PlantedRecord r;
      r.start = RandomDay(rng, std::max(last->hire, Window(as_of)), Plus(as_of, -30));
      return Marked(r, true, "still paid, still employed");
    },
    [](Random& rng, const Person& p, Date as_of) -> std::optional<PlantedRecord> {
      const Period* first = RecentFirst(p, as_of);
      if (!first) return std::nullopt;
      PlantedRecord r;
      r.end = first->hire;
      r.start = Plus(r.end, -rng.Between(60, 700));
      return Marked(r, true, "overlap of one day (ends on the hire date)");
    },
    [](Random& rng, const Person& p, Date as_of) -> std::optional<PlantedRecord> {
      const Period* first = RecentFirst(p, as_of);
      if (!first) return std::nullopt;
      PlantedRecord r;
      r.end = Plus(first->hire, -1);
      r.start = Plus(r.end, -rng.Between(60, 700));
      return Marked(r, false, "ends the day before the hire date");
    },
    [](Random& rng, const Person& p, Date as_of) -> std::optional<PlantedRecord> {
      const Period* last = RecentLeave(p, as_of);
      if (!last) return std::nullopt;
      PlantedRecord r;
      r.start = Plus(last->leave, 1);
      if (rng.Chance(0.5)) r.end = RandomDay(rng, r.start, as_of);
      return Marked(r, false, "starts the day after leaving");
    }};

// Deaths: still on the roster more than 30 days after.
const std::array<PlantRule, 5> kDeathRules = {
    [](Random& rng, const Person& p, Date as_of) -> std::optional<PlantedRecord> {
      const Period* last = StillThere(p, as_of);
      if (!last) return std::nullopt;
      PlantedRecord r;
      r.start = RandomDay(rng, std::max(last->hire, Window(as_of)), Plus(as_of, -31));
      return Marked(r, true, "still employed after death");
    },
    [](Random&, const Person& p, Date as_of) -> std::optional<PlantedRecord> {
      const Period* last = RecentLeave(p, as_of);
      if (!last) return std::nullopt;
      PlantedRecord r;
      r.start = Plus(last->leave, -31);
      return Marked(r, true, "left 31 days after death");
    },
    [](Random&, const Person& p, Date as_of) -> std::optional<PlantedRecord> {
      const Period* last = RecentLeave(p, as_of);
      if (!last) return std::nullopt;
      PlantedRecord r;
      r.start = Plus(last->leave, -30);
      return Marked(r, false, "left 30 days after death");
    },
    [](Random& rng, const Person& p, Date as_of) -> std::optional<PlantedRecord> {
      const Period* last = RecentLeave(p, as_of);
      if (!last) return std::nullopt;
      PlantedRecord r;
      r.start = RandomDay(rng, last->leave, as_of);
      return Marked(r, false, "died after leaving");
    },
    [](Random& rng, const Person& p, Date as_of) -> std::optional<PlantedRecord> {
      if (!StillThere(p, as_of)) return std::nullopt;
      PlantedRecord r;
      r.start = Plus(as_of, -rng.Between(0, 30));
      return Marked(r, false, "died within 30 days of the as-of date");
    }};

const std::array<const char*, 6> kCoveredRoles = {"法定代表人", "股东",   "执行董事",
                                                  "监事",       "总经理", "董事"};
const std::array<const char*, 2> kOtherRoles = {"财务负责人", "联络员"};

// Business roles: a covered role held while employed.
const std::array<PlantRule, 4> kBusinessRules = {
    [](Random& rng, const Person& p, Date as_of) {
      std::optional<PlantedRecord> r = Overlapping(rng, p, as_of, true);
      if (r) r->role = rng.Pick(kCoveredRoles);
      return Marked(r, true, "a covered role while employed");
    },
    [](Random& rng, const Person& p, Date as_of) {
      std::optional<PlantedRecord> r = Overlapping(rng, p, as_of, true);
      if (r) r->role = rng.Pick(kOtherRoles);
      return Marked(r, false, "a role the model does not cover");
    },
    [](Random& rng, const Person& p, Date as_of) -> std::optional<PlantedRecord> {
      const Period* first = RecentFirst(p, as_of);
      if (!first) return std::nullopt;
      PlantedRecord r;
      r.role = "股东";
      r.end = Plus(first->hire, -1);
      r.start = Plus(r.end, -rng.Between(200, 1500));
      return Marked(r, false, "left the enterprise the day before the hire date");
    },
    [](Random& rng, const Person& p, Date as_of) -> std::optional<PlantedRecord> {
      const Period* first = RecentFirst(p, as_of);
      if (!first) return std::nullopt;
      PlantedRecord r;
      r.role = "监事";
      r.end = first->hire;
      r.start = Plus(r.end, -rng.Between(200, 1500));
      return Marked(r, true, "overlap of one day (left on the hire date)");
    }};

// Plants `count` records, the rules taken in turn, each on a person not used
// before (`used`); a rule no person allows is left out.
template <size_t N>
std::vector<PlantedRecord> Plant(Random& rng, const std::vector<Person>& persons,
                                 const std::array<PlantRule, N>& rules, uint64_t count, Date as_of,
                                 std::vector<bool>* used) {
  std::vector<PlantedRecord> out;
  std::array<int, N> failures{};
  for (uint64_t k = 0; out.size() < count && k < count * 4; ++k) {
    const size_t rule = k % N;
    for (int attempt = 0; attempt < 200 && failures[rule] < 2000; ++attempt) {
      const auto person = static_cast<uint32_t>(rng.Below(persons.size()));
      if ((*used)[person]) continue;
      std::optional<PlantedRecord> r = rules[rule](rng, persons[person], as_of);
      if (!r) {
        ++failures[rule];
        continue;
      }
      r->person = person;
      (*used)[person] = true;
      out.push_back(*r);
      break;
    }
  }
  return out;
}

// Characters of the names above and a homophone of each (the same Mandarin
// reading, tones aside): what a pinyin input method makes of a slip.
constexpr std::pair<const char*, const char*> kHomophones[] = {
    {"伟", "玮"}, {"芳", "方"}, {"静", "敬"}, {"丽", "莉"}, {"强", "墙"}, {"军", "君"},
    {"洋", "阳"}, {"勇", "永"}, {"艳", "燕"}, {"杰", "洁"}, {"娟", "鹃"}, {"涛", "韬"},
    {"明", "鸣"}, {"超", "潮"}, {"平", "萍"}, {"华", "桦"}, {"建", "健"}, {"红", "宏"},
    {"文", "雯"}, {"志", "智"}, {"辉", "晖"}, {"鹏", "朋"}, {"宇", "雨"}, {"浩", "昊"}};
// Characters of the names above in their traditional forms.
constexpr std::pair<const char*, const char*> kTraditional[] = {
    {"张", "張"}, {"刘", "劉"}, {"陈", "陳"}, {"杨", "楊"}, {"黄", "黃"}, {"赵", "趙"},
    {"吴", "吳"}, {"孙", "孫"}, {"马", "馬"}, {"罗", "羅"}, {"郑", "鄭"}, {"谢", "謝"},
    {"许", "許"}, {"韩", "韓"}, {"冯", "馮"}, {"邓", "鄧"}, {"蒋", "蔣"}, {"叶", "葉"},
    {"苏", "蘇"}, {"卢", "盧"}, {"谭", "譚"}, {"陆", "陸"}, {"伟", "偉"}, {"丽", "麗"},
    {"强", "強"}, {"军", "軍"}, {"艳", "艷"}, {"涛", "濤"}, {"华", "華"}, {"国", "國"},
    {"红", "紅"}, {"辉", "輝"}, {"鹏", "鵬"}, {"刚", "剛"}, {"静", "靜"}};

// `name` with its first character that `table` maps, mapped; "" when none is.
template <size_t N>
std::string Respell(const std::string& name,
                    const std::pair<const char*, const char*> (&table)[N]) {
  for (size_t at = 0; at < name.size(); at += 3)  // the names are of 3-byte characters
    for (const auto& [from, to] : table)
      if (name.compare(at, 3, from) == 0) return name.substr(0, at) + to + name.substr(at + 3);
  return "";
}

// A number as a spreadsheet in General format shows it: six significant
// digits, rounded, trailing zeros dropped (4.31222E+17).
std::string Scientific(const std::string& id) {
  uint64_t q = std::stoull(id) / 1'000'000'000'000ull;
  if (std::stoull(id) % 1'000'000'000'000ull >= 500'000'000'000ull) ++q;
  std::string digits = std::to_string(q);
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  return digits.size() == 1 ? digits + "E+17"
                            : fmt::format("{}.{}E+17", digits[0], digits.substr(1));
}

// One digit of the first 17 changed: the check character no longer fits.
std::string OneDigit(Random& rng, const std::string& id) {
  std::string typo = id;
  const size_t at = rng.Below(17);
  typo[at] = static_cast<char>('0' + (typo[at] - '0' + 1 + static_cast<int>(rng.Below(9))) % 10);
  return typo;
}

// Two different adjacent digits of the first 17 swapped.
std::string Swapped(Random& rng, const std::string& id) {
  std::string typo = id;
  for (int tries = 0; tries < 100; ++tries) {
    const size_t at = rng.Below(16);
    if (typo[at] == typo[at + 1]) continue;
    std::swap(typo[at], typo[at + 1]);
    return typo;
  }
  return OneDigit(rng, id);
}

// The kinds planted in turn, and the traps.
constexpr const char* kNearKinds[] = {"damaged_id", "one_digit", "swapped", "homophone", "variant"};
constexpr const char* kNearTraps[] = {"trap_county_damaged", "trap_county_one_digit", "trap_unit"};

// A person who is on no roster yet: a number ending in a digit (a
// spreadsheet keeps one ending in X as text), one period still running,
// a name `accept` takes.
template <typename Accept>
Person NearPerson(Random& rng, FlatKeySet* keys, Date as_of, const char* region, Date birth,
                  Accept accept) {
  Person p;
  do p.id = MakeId(rng, region, birth);
  while (p.id.back() == 'X' || !keys->Insert(std::stoull(p.id.substr(0, 17))));
  do p.name = MakeName(rng);
  while (!accept(p.name));
  const Date hire = RandomDay(rng, as_of.AddYears(-12), as_of.AddYears(-3));
  p.periods.push_back({static_cast<uint8_t>(rng.Below(kUnits.size())),
                       static_cast<uint8_t>(rng.Below(kDepartments.size())),
                       static_cast<uint8_t>(rng.Below(kPositions.size())), hire, Date()});
  return p;
}

Date BirthOf(Random& rng) {
  return RandomDay(rng, Date::FromYmd(1965, 1, 1), Date::FromYmd(1998, 12, 31));
}

NearPlant MakeNearPlant(Random& rng, const char* kind, bool trap, FlatKeySet* keys, Date as_of) {
  const std::string k = kind;
  const auto any = [](const std::string&) { return true; };
  const auto mappable = [&k](const std::string& name) {
    return k == "homophone" ? !Respell(name, kHomophones).empty()
           : k == "variant" ? !Respell(name, kTraditional).empty()
                            : true;
  };
  NearPlant n;
  n.kind = kind;
  n.trap = trap;
  const char* region = kRegions[rng.Below(kRegions.size())];
  const Date birth = BirthOf(rng);
  n.person = NearPerson(rng, keys, as_of, region, birth, mappable);
  const std::string& id = n.person.id;
  n.roster_id =
      k == "damaged_id" || k == "variant" || k == "trap_county_damaged" || k == "trap_unit"
          ? Scientific(id)
      : k == "swapped" ? Swapped(rng, id)
                       : OneDigit(rng, id);
  // Inside the employment and the look-back.
  n.date = RandomDay(rng, std::max(n.person.periods[0].hire, as_of.AddYears(-4)), Plus(as_of, -1));
  n.other_id = id;
  n.other_name = k == "homophone" ? Respell(n.person.name, kHomophones)
                 : k == "variant" ? Respell(n.person.name, kTraditional)
                                  : n.person.name;
  if (k == "trap_county_damaged" || k == "trap_county_one_digit") {
    // Another person with the same name, born the same day in the same county.
    Person other = NearPerson(rng, keys, as_of, region, birth, any);
    n.other_id = other.id;
  } else if (k == "trap_unit") {
    // A namesake on the roster, in another unit, whose offence it is.
    Person other = NearPerson(rng, keys, as_of, region, BirthOf(rng), any);
    other.name = n.person.name;
    other.periods[0].unit = static_cast<uint8_t>(
        (n.person.periods[0].unit + 1 + rng.Below(kUnits.size() - 1)) % kUnits.size());
    other.periods[0].hire = std::min(other.periods[0].hire, n.person.periods[0].hire);
    n.other_id = other.id;
    n.namesake = std::move(other);
  }
  return n;
}

std::string EmployeeRow(const Person& p, const Period& period, const std::string& id) {
  return fmt::format("{},{},{},{},{},{},{},{}\r\n", kUnits[period.unit],
                     kDepartments[period.department], p.name, Quote(id),
                     p.leader ? kLeaderPositions[period.position % kLeaderPositions.size()]
                              : kPositions[period.position],
                     p.leader ? "领导班子成员" : "普通职工", period.hire.Iso(), period.leave.Iso());
}

}  // namespace

Generator::Generator(std::unique_ptr<State> state) : state_(std::move(state)) {}
Generator::~Generator() = default;
uint64_t Generator::persons() const { return state_->persons.size(); }

Result<std::unique_ptr<Generator>> Generator::Create(const GenOptions& options) {
  if (options.profile != "huaihua")
    return Status::Error("unknown profile '" + options.profile + "' (profiles: huaihua)");
  if (options.employees < 1 || options.employees > 50'000'000)
    return Status::Error("--employees must be between 1 and 50000000");
  if (options.offences > 500'000'000) return Status::Error("--offences must be at most 500000000");
  auto state = std::make_unique<State>();
  state->options = options;
  Random rng(options.seed);
  const Date as_of = options.as_of;
  const uint64_t records = options.employees;
  const uint64_t person_count = std::max<uint64_t>(1, records * 58 / 100);

  state->persons.resize(person_count);
  std::vector<uint32_t> record_count(person_count, 1);
  for (uint64_t extra = person_count; extra < records; ++extra)
    ++record_count[rng.Below(person_count)];

  for (uint64_t p = 0; p < person_count; ++p) {
    Person& person = state->persons[p];
    const Date birth = RandomDay(rng, Date::FromYmd(1962, 1, 1), Date::FromYmd(2001, 12, 31));
    do person.id = MakeId(rng, rng.Pick(kRegions), birth);
    while (!state->employee_keys.Insert(std::stoull(person.id.substr(0, 17))));
    person.name = MakeName(rng);
    person.leader = rng.Chance(0.05);
    // A career from 18 or later (and not before 1995) to the as-of date, cut
    // into one period per record: transfers between SOEs and re-hires.
    const Date start = std::max(birth.AddYears(18), Date::FromYmd(1995, 1, 1));
    Date hire = RandomDay(rng, start, std::max(start, as_of.AddYears(-1)));
    const int32_t span = as_of.days() - hire.days();
    const uint32_t k = record_count[p];
    uint8_t unit = static_cast<uint8_t>(rng.Below(kUnits.size()));
    for (uint32_t i = 0; i < k; ++i) {
      Period period{unit, static_cast<uint8_t>(rng.Below(kDepartments.size())),
                    static_cast<uint8_t>(
                        rng.Below(person.leader ? kLeaderPositions.size() : kPositions.size())),
                    hire, Date()};
      const bool last = i + 1 == k;
      if (!last || rng.Chance(0.08)) {
        const int32_t length = std::max<int32_t>(30, span / static_cast<int32_t>(k) - 15);
        period.leave = Date::FromDays(std::min(
            as_of.days(),
            hire.days() + static_cast<int32_t>(rng.Below(static_cast<uint64_t>(length))) + 30));
        hire = Date::FromDays(
            std::min(as_of.days(), period.leave.days() + 1 + static_cast<int32_t>(rng.Below(60))));
        // A re-hire stays in the unit; a transfer moves on.
        if (rng.Chance(0.7))
          unit = static_cast<uint8_t>((unit + 1 + rng.Below(kUnits.size() - 1)) % kUnits.size());
      }
      person.periods.push_back(period);
    }
  }
  // About 5.8% of the persons have an offence on record, some of them outside
  // their employment or the look-back, so that the huaihua profile yields
  // about as many leads as the story (224 among 6,990 persons).
  const uint64_t offenders = std::min<uint64_t>(options.offences / 2, person_count * 58 / 1000 + 1);
  for (uint64_t i = 0; i < offenders; ++i)
    state->offenders.push_back(static_cast<uint32_t>(rng.Below(person_count)));

  // The other offices' registers: about one person in a hundred draws an
  // allowance, one in three hundred a death record, one in a hundred and
  // twenty a business role; hits and near misses in turn.
  Random plant(options.seed * 31 + 7);
  std::vector<bool> used(person_count, false);
  const auto share = [&](uint64_t rows, uint64_t per) {
    return std::min<uint64_t>(rows / 2, person_count / per + 5);
  };
  state->subsidies =
      Plant(plant, state->persons, kSubsidyRules, share(SubsidyRows(options), 100), as_of, &used);
  state->deaths =
      Plant(plant, state->persons, kDeathRules, share(DeathRows(options), 300), as_of, &used);
  state->businesses =
      Plant(plant, state->persons, kBusinessRules, share(BusinessRows(options), 120), as_of, &used);
  // The near matches, from their own stream: without them the files are as before.
  Random near(options.seed * 31 + 8);
  for (uint64_t k = 0; k < options.near; ++k)
    state->near.push_back(MakeNearPlant(near, kNearKinds[k % std::size(kNearKinds)],
                                        /*trap=*/false, &state->employee_keys, as_of));
  for (uint64_t k = 0; k < (options.near + 4) / 5; ++k)
    state->near.push_back(MakeNearPlant(near, kNearTraps[k % std::size(kNearTraps)],
                                        /*trap=*/true, &state->employee_keys, as_of));
  return std::unique_ptr<Generator>(new Generator(std::move(state)));
}

void Generator::WriteEmployees(std::ostream& out) const { EmployeeRows(out, nullptr); }

void Generator::EmployeeRows(std::ostream& out,
                             std::vector<std::pair<uint64_t, std::string>>* broken) const {
  Random rng(state_->options.seed * 31 + 1);
  uint64_t line = 1;
  std::string buf =
      "\xEF\xBB\xBF单位名称,部门,姓名,身份证号码,职务,人员类别,参加工作时间,离职时间\r\n";
  for (const Person& p : state_->persons) {
    const Date birth = *ParseDate(p.id.substr(6, 8));
    for (const Period& period : p.periods) {
      std::string id = Noisy(rng, p.id, birth);
      std::string hire = period.hire.Iso();
      const uint64_t roll = rng.Below(10000);
      ++line;
      if (roll < 12) {
        id = Broken(rng, p.id);
        if (broken) broken->emplace_back(line, p.id);
      }
      if (roll >= 12 && roll < 15) hire = fmt::format("{}-02-30", period.hire.year());
      if (roll >= 15 && roll < 17) {
        buf += fmt::format("{},{},{}\r\n", kUnits[period.unit], kDepartments[period.department],
                           p.name);
        continue;
      }
      // Dates as HR systems write them: ISO, slashes, or 年月日.
      if (rng.Chance(0.2))
        hire = fmt::format("{}/{}/{}", period.hire.year(), period.hire.month(), period.hire.day());
      else if (rng.Chance(0.1))
        hire =
            fmt::format("{}年{}月{}日", period.hire.year(), period.hire.month(), period.hire.day());
      buf += fmt::format("{},{},{},{},{},{},{},{}\r\n", kUnits[period.unit],
                         kDepartments[period.department], p.name, Quote(id),
                         p.leader ? kLeaderPositions[period.position % kLeaderPositions.size()]
                                  : kPositions[period.position],
                         p.leader ? "领导班子成员" : "普通职工", hire, period.leave.Iso());
    }
    if (buf.size() > (1u << 20)) {
      out << buf;
      buf.clear();
    }
  }
  // The near matches' persons last, so that the lines before stay as they were.
  for (const NearPlant& n : state_->near) {
    buf += EmployeeRow(n.person, n.person.periods[0], n.roster_id);
    if (n.namesake) buf += EmployeeRow(*n.namesake, n.namesake->periods[0], n.namesake->id);
  }
  out << buf;
}

namespace {

// An offence date for an employee: mostly inside one of the person's
// employment periods (a lead), sometimes before it (not a lead).
Date EmployeeOffenceDate(Random& rng, const Person& p, Date as_of) {
  const Period& period = p.periods[rng.Below(p.periods.size())];
  const Date end = period.leave.valid() ? period.leave : as_of;
  // Recent years are what police exports hold.
  const Date recent = std::max(period.hire, as_of.AddYears(-8));
  if (rng.Chance(0.85)) return RandomDay(rng, recent <= end ? recent : period.hire, end);
  return RandomDay(rng, period.hire.AddYears(-3), Date::FromDays(period.hire.days() - 1));
}

Date StrangerDate(Random& rng, Date as_of) { return RandomDay(rng, as_of.AddYears(-6), as_of); }

std::string StrangerId(Random& rng, const FlatKeySet& employees) {
  while (true) {
    const Date birth = RandomDay(rng, Date::FromYmd(1955, 1, 1), Date::FromYmd(2004, 12, 31));
    std::string id = MakeId(rng, rng.Pick(kRegions), birth);
    if (!employees.Contains(std::stoull(id.substr(0, 17)))) return id;
  }
}

// Writes UTF-8 text out in the file's encoding.
class Sink {
 public:
  Sink(std::ostream& out, bool gb18030)
      : out_(out), gb18030_(gb18030), encoder_("GB18030", "UTF-8") {}
  std::string& buffer() { return buf_; }
  void Flush(bool force) {
    if (!force && buf_.size() < (1u << 20)) return;
    if (gb18030_) {
      std::string encoded;
      // Every character written here exists in GB18030; nothing can fail.
      encoder_.Convert(buf_, &encoded);
      out_ << encoded;
    } else {
      out_ << buf_;
    }
    buf_.clear();
  }

 private:
  std::ostream& out_;
  bool gb18030_;
  Transcoder encoder_;
  std::string buf_;
};

}  // namespace

void Generator::WriteTrafficOffences(std::ostream& out) const {
  const GenOptions& o = state_->options;
  Random rng(o.seed * 31 + 2);
  Sink sink(out, o.gb18030);
  std::string& buf = sink.buffer();
  buf =
      "序号,姓名,证件号码,违法行为,违法时间,血液酒精含量（mg/"
      "100ml）,违法地点,处罚决定,决定书编号,处罚机关\r\n";
  const uint64_t rows = o.offences * 65 / 100;
  const auto& offenders = state_->offenders;
  // The first offenders drive; the rest of them are the public security file's.
  const uint64_t ours = offenders.size() * 6 / 10;
  for (uint64_t i = 0; i < rows; ++i) {
    const bool employee = i < ours;
    const Person* p = employee ? &state_->persons[offenders[i]] : nullptr;
    const Date date = p ? EmployeeOffenceDate(rng, *p, o.as_of) : StrangerDate(rng, o.as_of);
    const bool drunk = rng.Chance(0.3);
    int bac = drunk ? rng.Between(800, 2500) : rng.Between(200, 799);
    if (rng.Chance(0.002))
      bac = rng.Between(100, 199);  // a breath test below the limit, exported anyway
    std::string id = p ? p->id : StrangerId(rng, state_->employee_keys);
    if (rng.Chance(0.001)) id = Broken(rng, id);
    std::string name = p ? p->name : MakeName(rng);
    if (p && rng.Chance(0.03)) name = MakeName(rng);  // a typo, or a borrowed identity
    const std::string bac_text = rng.Chance(0.03) ? "" : fmt::format("{}.{}", bac / 10, bac % 10);
    buf += fmt::format(
        "{},{},{},{},{} "
        "{:02d}:{:02d}:00,{},{}{}号附近,{},怀公交决字〔{}〕第{:07d}号,怀化市公安局交通警察支队{}"
        "\r\n",
        i + 1, name, id, drunk ? rng.Pick(kDrunkLabels) : rng.Pick(kDrinkLabels), date.Iso(),
        rng.Between(0, 23), rng.Between(0, 59), bac_text, rng.Pick(kRoads), rng.Between(1, 300),
        drunk ? "吊销机动车驾驶证，移送起诉" : "罚款1000元，暂扣机动车驾驶证六个月", date.year(),
        i + 1, drunk ? "直属大队" : "鹤城大队");
    sink.Flush(false);
  }
  // The near matches' offences last: drunk driving, an offence of the model's.
  uint64_t i = rows;
  for (const NearPlant& n : state_->near) {
    const Date date = n.date;
    buf += fmt::format(
        "{},{},{},{},{} {:02d}:{:02d}:00,{}.{},{}{}号附近,{},怀公交决字〔{}〕第{:07d}号,"
        "怀化市公安局交通警察支队直属大队\r\n",
        i + 1, n.other_name, n.other_id, kDrunkLabels[rng.Below(2)], date.Iso(), rng.Between(0, 23),
        rng.Between(0, 59), rng.Between(80, 250), rng.Between(0, 9), rng.Pick(kRoads),
        rng.Between(1, 300), "吊销机动车驾驶证，移送起诉", date.year(), i + 1);
    ++i;
  }
  sink.Flush(true);
}

void Generator::WriteNearTruth(std::ostream& out) const {
  std::vector<std::pair<uint64_t, std::string>> broken;
  std::ostringstream ignored;
  EmployeeRows(ignored, &broken);
  // The lines appended after the ordinary rows of both files.
  uint64_t roster_line = 1, other_line = 1 + state_->options.offences * 65 / 100;
  for (const Person& p : state_->persons) roster_line += p.periods.size();
  std::string buf = "roster_file,roster_line,other_file,other_line,kind,trap,true_id\n";
  for (const NearPlant& n : state_->near) {
    buf += fmt::format("{},{},{},{},{},{},{}\n", kGenEmployeesFile, ++roster_line, kGenTrafficFile,
                       ++other_line, n.kind, n.trap ? 1 : 0, n.person.id);
    if (n.namesake) ++roster_line;
  }
  for (const auto& [line, id] : broken)
    buf += fmt::format("{},{},,0,base_noise,0,{}\n", kGenEmployeesFile, line, id);
  out << buf;
}

void Generator::WritePublicSecurityOffences(std::ostream& out) const {
  const GenOptions& o = state_->options;
  Random rng(o.seed * 31 + 3);
  Sink sink(out, false);
  std::string& buf = sink.buffer();
  buf = "\xEF\xBB\xBF案件编号,姓名,身份证号,案由,案发时间,案发地点,处罚结果,办案单位\r\n";
  const uint64_t rows = o.offences - o.offences * 65 / 100;
  const auto& offenders = state_->offenders;
  const uint64_t first = offenders.size() * 6 / 10;
  for (uint64_t i = 0; i < rows; ++i) {
    const uint64_t k = first + i;
    const Person* p = k < offenders.size() ? &state_->persons[offenders[k]] : nullptr;
    const Date date = p ? EmployeeOffenceDate(rng, *p, o.as_of) : StrangerDate(rng, o.as_of);
    const uint64_t kind = rng.Below(100);
    const char* label = kind < 30   ? rng.Pick(kProstitutionLabels)
                        : kind < 75 ? rng.Pick(kGamblingLabels)
                                    : rng.Pick(kDrugLabels);
    if (rng.Chance(0.002)) label = "扰乱公共秩序";  // not a type this tool knows
    std::string id = p ? p->id : StrangerId(rng, state_->employee_keys);
    if (rng.Chance(0.001)) id = Broken(rng, id);
    const std::string case_no =
        fmt::format("怀公（{}）行罚决字〔{}〕{:06d}号", kind % 2 ? "鹤" : "经", date.year(), i + 1);
    const std::string line = fmt::format(
        "{},{},{},{},{}年{}月{}日,{}{}号,{},{}\r\n", case_no, p ? p->name : MakeName(rng), id,
        label, date.year(), date.month(), date.day(), rng.Pick(kRoads), rng.Between(1, 300),
        kind < 75 ? "行政拘留10日，罚款500元" : "行政拘留15日", rng.Pick(kBureaus));
    buf += line;
    // The same case exported twice, as happens when two systems are merged.
    if (rng.Chance(0.002)) buf += line;
    sink.Flush(false);
  }
  sink.Flush(true);
}

namespace {

const std::array<const char*, 3> kAllowanceKinds = {"城市低保", "农村低保", "特困供养"};
const std::array<const char*, 8> kTownships = {"城中街道", "红星街道", "迎丰街道", "坨院街道",
                                               "城北街道", "盈口乡",   "芦坪乡",   "凉亭坳乡"};
const std::array<const char*, 5> kDeathPlaces = {"怀化市第一人民医院", "怀化市第二人民医院", "家中",
                                                 "湖南医药学院第一附属医院", "怀化市中医医院"};
const std::array<const char*, 4> kRegistrars = {"怀化市鹤城区民政局", "中方县民政局",
                                                "洪江市民政局", "怀化市公安局鹤城分局"};
const std::array<const char*, 6> kTrades = {"商贸",     "建材", "餐饮管理",
                                            "农业科技", "物流", "工程咨询"};
const std::array<const char*, 4> kRegistrationStates = {"存续", "在业", "注销", "吊销"};

// Every row of a register: the planted records spread evenly among strangers'.
template <typename WriteRow>
void Rows(uint64_t rows, const std::vector<PlantedRecord>& planted, WriteRow write_row) {
  const uint64_t total = std::max<uint64_t>(rows, planted.size());
  size_t next = 0;
  for (uint64_t i = 0; i < total; ++i) {
    const bool ours = next < planted.size() && i == next * total / planted.size();
    write_row(i, ours ? &planted[next++] : nullptr);
  }
}

std::string Yuan(Random& rng) {
  const int yuan = rng.Between(280, 760);
  return rng.Chance(0.2) ? fmt::format("{}.50", yuan) : fmt::format("{}.00", yuan);
}

std::string Legacy15(const std::string& id) { return id.substr(0, 6) + id.substr(8, 9); }

}  // namespace

void Generator::WriteSubsidies(std::ostream& out) const {
  const GenOptions& o = state_->options;
  Random rng(o.seed * 31 + 4);
  Sink sink(out, o.gb18030);
  std::string& buf = sink.buffer();
  buf =
      "序号,姓名,身份证号码,救助类别,享受起始日期,享受终止日期,月保障金额（元）,"
      "所属乡镇（街道）\r\n";
  Rows(SubsidyRows(o), state_->subsidies, [&](uint64_t i, const PlantedRecord* r) {
    const Person* p = r ? &state_->persons[r->person] : nullptr;
    std::string id =
        p ? (r->legacy_id ? Legacy15(p->id) : p->id) : StrangerId(rng, state_->employee_keys);
    if (!p && rng.Chance(0.001)) id = Broken(rng, id);
    Date start = r ? r->start : RandomDay(rng, o.as_of.AddYears(-8), o.as_of);
    Date end = r ? r->end : (rng.Chance(0.5) ? RandomDay(rng, start, o.as_of) : Date());
    // Civil affairs systems write dates with slashes, and some as 20210301.
    const auto day = [&](Date d) {
      if (!d.valid()) return std::string();
      return i % 3 == 0 ? fmt::format("{}/{}/{}", d.year(), d.month(), d.day()) : d.Iso();
    };
    std::string from = day(start);
    if (!r && rng.Chance(0.0015)) from = fmt::format("{}-13-01", start.year());
    buf += fmt::format("{},{},{},{},{},{},{},{}\r\n", i + 1, p ? p->name : MakeName(rng), id,
                       rng.Pick(kAllowanceKinds), from, day(end), Yuan(rng), rng.Pick(kTownships));
    sink.Flush(false);
  });
  sink.Flush(true);
}

void Generator::WriteDeaths(std::ostream& out) const {
  const GenOptions& o = state_->options;
  Random rng(o.seed * 31 + 5);
  std::string buf = "姓名,公民身份号码,性别,死亡日期,死亡地点,登记机关\n";
  Rows(DeathRows(o), state_->deaths, [&](uint64_t, const PlantedRecord* r) {
    const Person* p = r ? &state_->persons[r->person] : nullptr;
    const std::string id = p ? p->id : StrangerId(rng, state_->employee_keys);
    const Date died = r ? r->start : RandomDay(rng, o.as_of.AddYears(-6), o.as_of);
    const bool male = (id[16] - '0') % 2 == 1;
    buf += fmt::format("{},{},{},{}年{}月{}日,{},{}\n", p ? p->name : MakeName(rng), id,
                       male ? "男" : "女", died.year(), died.month(), died.day(),
                       rng.Pick(kDeathPlaces), rng.Pick(kRegistrars));
    if (buf.size() > (1u << 20)) {
      out << buf;
      buf.clear();
    }
  });
  out << buf;
}

void Generator::WriteBusinesses(std::ostream& out) const {
  const GenOptions& o = state_->options;
  Random rng(o.seed * 31 + 6);
  std::string buf =
      "\xEF\xBB\xBF企业名称,统一社会信用代码,人员姓名,证件号码,职务,任职日期,离任日期,登记状态\r\n";
  Rows(BusinessRows(o), state_->businesses, [&](uint64_t, const PlantedRecord* r) {
    const Person* p = r ? &state_->persons[r->person] : nullptr;
    const std::string id = p ? p->id : StrangerId(rng, state_->employee_keys);
    const Date start = r ? r->start : RandomDay(rng, o.as_of.AddYears(-12), o.as_of);
    const Date end = r ? r->end : (rng.Chance(0.4) ? RandomDay(rng, start, o.as_of) : Date());
    std::string code = "91431200";
    for (int k = 0; k < 10; ++k) code += "0123456789ABCDEFGHJKLMNPQRTUWXY"[rng.Below(31)];
    const std::string enterprise =
        fmt::format("怀化{}{}{}{}有限公司", rng.Chance(0.5) ? "市" : "市鹤城区", rng.Pick(kGiven),
                    rng.Pick(kGiven), rng.Pick(kTrades));
    const char* role =
        r ? r->role : (rng.Chance(0.8) ? rng.Pick(kCoveredRoles) : rng.Pick(kOtherRoles));
    buf += fmt::format("{},{},{},{},{},{},{},{}\r\n", enterprise, code, p ? p->name : MakeName(rng),
                       id, role, start.Compact(), end.valid() ? end.Compact() : "",
                       rng.Pick(kRegistrationStates));
    if (buf.size() > (1u << 20)) {
      out << buf;
      buf.clear();
    }
  });
  out << buf;
}

std::vector<PlantedCase> Generator::Planted() const {
  std::vector<PlantedCase> out;
  for (const auto& [model, records] : {std::pair{"subsidy_while_employed", &state_->subsidies},
                                       std::pair{"payroll_after_death", &state_->deaths},
                                       std::pair{"business_while_employed", &state_->businesses}})
    for (const PlantedRecord& r : *records)
      out.push_back({model, state_->persons[r.person].id, r.lead, r.edge});
  return out;
}

}  // namespace qinglian

namespace qinglian {

void WriteFeedback(const std::vector<StoredLead>& leads, uint64_t seed, std::ostream& out) {
  // Weights of the outcomes of closed leads (DOMAIN.md); 双开 is two.
  const std::array<std::pair<OutcomeSet, int>, 14> kWeights = {{
      {{Outcome::kUnfounded}, 7},
      {{Outcome::kConcluded}, 2},
      {{Outcome::kCriticism}, 20},
      {{Outcome::kReminderTalk}, 6},
      {{Outcome::kAdmonishment}, 18},
      {{Outcome::kPartyWarning}, 5},
      {{Outcome::kGovWarning}, 9},
      {{Outcome::kGovDemerit}, 9},
      {{Outcome::kGovMajorDemerit}, 7},
      {{Outcome::kPartySeriousWarning, Outcome::kGovDemotion}, 3},
      {{Outcome::kPartyProbation, Outcome::kGovRemoval}, 3},
      {{Outcome::kGovDismissal}, 8},
      {{Outcome::kPartyExpulsion, Outcome::kGovDismissal}, 2},
      {{Outcome::kJudicialReferral, Outcome::kGovDismissal}, 1},
  }};
  int total = 0;
  for (const auto& [o, w] : kWeights) total += w;
  std::string buf = "\xEF\xBB\xBF线索编号,状态,处置结果,是否立案,追缴金额,备注\r\n";
  for (const StoredLead& l : leads) {
    if (l.status != LeadStatus::kNew) continue;  // feedback is about leads not yet handed on
    Random rng(seed ^ std::hash<std::string>{}(l.evidence.key));
    if (!rng.Chance(0.9)) continue;
    buf += fmt::format("{},移交核查,,,,移交{}核查\r\n", l.id, l.evidence.unit);
    if (!rng.Chance(0.95)) continue;
    int pick = static_cast<int>(rng.Below(static_cast<uint64_t>(total)));
    OutcomeSet outcomes{Outcome::kCriticism};
    for (const auto& [o, w] : kWeights) {
      if (pick < w) {
        outcomes = o;
        break;
      }
      pick -= w;
    }
    const bool sanction = outcomes.HasSanction();
    const int64_t fen =
        !outcomes.NotBorneOut() && rng.Chance(0.15) ? rng.Between(2000, 60000) * 100 : 0;
    buf += fmt::format("{},办结,{},{},{},{}\r\n", l.id, OutcomeLabels(outcomes, Lang::kZh),
                       sanction ? "是" : "否", fen ? FenToYuan(fen) : "",
                       fen ? "责令退赔违规报销费用" : "");
  }
  out << buf;
}

Result<std::vector<GeneratedFile>> GenerateInto(const std::string& dir, const GenOptions& options) {
  Result<std::unique_ptr<Generator>> gen = Generator::Create(options);
  if (!gen.ok()) return gen.status();
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Status::Error(dir + ": " + ec.message());
  struct {
    const char* kind;
    const char* name;
    void (Generator::*write)(std::ostream&) const;
  } files[] = {{"employees", kGenEmployeesFile, &Generator::WriteEmployees},
               {"offences", kGenTrafficFile, &Generator::WriteTrafficOffences},
               {"offences", kGenPublicSecurityFile, &Generator::WritePublicSecurityOffences},
               {"subsidies", kGenSubsidiesFile, &Generator::WriteSubsidies},
               {"deaths", kGenDeathsFile, &Generator::WriteDeaths},
               {"businesses", kGenBusinessesFile, &Generator::WriteBusinesses},
               {"", kGenNearTruthFile, &Generator::WriteNearTruth}};
  std::vector<GeneratedFile> written;
  for (const auto& f : files) {
    if (f.write == &Generator::WriteNearTruth && options.near == 0) continue;
    const std::string path = (std::filesystem::path(dir) / f.name).string();
    if (Status s = WriteOutputFile(path, [&](std::ostream& out) { ((**gen).*f.write)(out); });
        !s.ok())
      return s;
    if (*f.kind) written.push_back({f.kind, path});
  }
  return written;
}

}  // namespace qinglian
