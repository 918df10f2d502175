#include "qinglian/compare/compare.h"

#include <catch2/catch.hpp>

namespace qinglian {
namespace {

const Date kAsOf = Date::FromYmd(2024, 12, 31);
const char* kZhang = "430102198001019016";

IdKey Key(const char* id) { return ParseIdNumber(id, kAsOf).id.key; }

Date D(const char* iso) { return *ParseDate(iso); }

void AddEmployee(EmployeeTable* t, const char* id, const char* unit, const char* hire,
                 const char* leave, const char* name = "张三") {
  Employee e;
  e.key = Key(id);
  e.name = name;
  e.unit = t->strings.Intern(unit);
  e.hire = D(hire);
  e.leave = *leave ? D(leave) : Date();
  e.source = {0, static_cast<uint32_t>(t->records.size() + 2)};
  t->records.push_back(e);
}

Offence MakeOffence(const char* id, OffenceType type, const char* date, const char* case_no = "",
                    const char* name = "张三") {
  Offence o;
  o.key = Key(id);
  o.type = type;
  o.date = D(date);
  o.case_no = case_no;
  o.name = name;
  return o;
}

Model MakeModel(const char* name, std::vector<OffenceType> types, int lookback) {
  Model m;
  m.name = name;
  m.title_zh = m.title_en = m.data_zh = m.data_en = name;
  m.types = std::move(types);
  m.lookback_years = lookback;
  return m;
}

Model DrinkModel(int lookback = 5) {
  return MakeModel("soe_drink_driving", {OffenceType::kDrinkDriving, OffenceType::kDrunkDriving},
                   lookback);
}

Model ViceModel() {
  return MakeModel("soe_vice",
                   {OffenceType::kProstitution, OffenceType::kGambling, OffenceType::kDrugs}, 5);
}

// Renders leads as "offence index -> unit (model)" lines.
std::string Run(const EmployeeTable& t, const std::vector<Offence>& offences,
                const std::vector<Model>& models, CompareStats* stats, int lookback = -1) {
  const EmployeeIndex index(t);
  const auto leads = Compare(t, index, offences, models, {kAsOf, lookback}, stats);
  std::string out;
  for (const Lead& l : leads)
    out += std::to_string(l.offence) + " -> " + t.strings.Get(t.records[l.employee].unit) + " (" +
           models[l.model].name + (l.name_matches ? "" : ", name differs") + ")\n";
  return out;
}

TEST_CASE("Compare keeps offences inside the employment period, edges included", "[compare]") {
  EmployeeTable t;
  AddEmployee(&t, kZhang, "城投", "2020-03-01", "2022-06-30");
  const std::vector<Offence> offences = {
      MakeOffence(kZhang, OffenceType::kDrunkDriving, "2020-02-29"),  // the day before hire
      MakeOffence(kZhang, OffenceType::kDrunkDriving, "2020-03-01"),  // hire day
      MakeOffence(kZhang, OffenceType::kDrunkDriving, "2022-06-30"),  // leave day
      MakeOffence(kZhang, OffenceType::kDrunkDriving, "2022-07-01"),  // the day after
  };
  CompareStats stats;
  CHECK(Run(t, offences, {DrinkModel()}, &stats) ==
        "1 -> 城投 (soe_drink_driving)\n2 -> 城投 (soe_drink_driving)\n");
  CHECK(stats.hits == 4);
  CHECK(stats.outside_employment == 2);
}

TEST_CASE("Compare gives a lead to the unit of the offence date after a transfer", "[compare]") {
  EmployeeTable t;
  AddEmployee(&t, kZhang, "交投", "2021-01-01", "");  // listed first, hired later
  AddEmployee(&t, kZhang, "城投", "2015-01-01", "2020-12-31");
  const std::vector<Offence> offences = {MakeOffence(kZhang, OffenceType::kGambling, "2020-12-31"),
                                         MakeOffence(kZhang, OffenceType::kGambling, "2021-01-01"),
                                         MakeOffence(kZhang, OffenceType::kGambling, "2024-12-31")};
  CompareStats stats;
  CHECK(Run(t, offences, {ViceModel()}, &stats) ==
        "0 -> 城投 (soe_vice)\n1 -> 交投 (soe_vice)\n2 -> 交投 (soe_vice)\n");
}

TEST_CASE("Compare matches a 15-digit employee number with an 18-digit offence one", "[compare]") {
  EmployeeTable t;
  AddEmployee(&t, "431202681120945", "水务", "2005-01-01", "");
  CompareStats stats;
  CHECK(Run(t, {MakeOffence("43120219681120945X", OffenceType::kProstitution, "2022-08-08")},
            {ViceModel()}, &stats) == "0 -> 水务 (soe_vice)\n");
}

TEST_CASE("Compare applies each model's look-back and the override", "[compare]") {
  EmployeeTable t;
  AddEmployee(&t, kZhang, "城投", "2000-01-01", "");
  const std::vector<Offence> offences = {
      MakeOffence(kZhang, OffenceType::kDrinkDriving,
                  "2019-12-30"),  // a day before five years back
      MakeOffence(kZhang, OffenceType::kDrinkDriving, "2019-12-31"),  // exactly five years back
      MakeOffence(kZhang, OffenceType::kDrinkDriving, "2025-01-01"),  // after the as-of date
  };
  CompareStats stats;
  CHECK(Run(t, offences, {DrinkModel(5)}, &stats) == "1 -> 城投 (soe_drink_driving)\n");
  CHECK(stats.outside_lookback == 2);
  CompareStats wider;
  CHECK(Run(t, offences, {DrinkModel(5)}, &wider, 10) ==
        "0 -> 城投 (soe_drink_driving)\n1 -> 城投 (soe_drink_driving)\n");
}

TEST_CASE("Compare keeps only the models' types and shows a different name", "[compare]") {
  EmployeeTable t;
  AddEmployee(&t, kZhang, "城投", "2010-01-01", "", "张三");
  const std::vector<Offence> offences = {
      MakeOffence(kZhang, OffenceType::kDrugs, "2023-01-01"),
      MakeOffence(kZhang, OffenceType::kDrunkDriving, "2023-02-01", "", "张 三"),
      MakeOffence(kZhang, OffenceType::kDrinkDriving, "2023-03-01", "", "李四")};
  CompareStats stats;
  CHECK(Run(t, offences, {DrinkModel()}, &stats) ==
        "1 -> 城投 (soe_drink_driving)\n2 -> 城投 (soe_drink_driving, name differs)\n");
  CHECK(stats.not_in_models == 1);
  CHECK(stats.name_mismatches == 1);
  CompareStats both;
  CHECK(Run(t, offences, {DrinkModel(), ViceModel()}, &both).starts_with("0 -> 城投 (soe_vice)\n"));
}

TEST_CASE("Compare ignores offences of people who are not employees", "[compare]") {
  EmployeeTable t;
  AddEmployee(&t, kZhang, "城投", "2010-01-01", "");
  CompareStats stats;
  CHECK(Run(t, {MakeOffence("11010519491231002X", OffenceType::kDrugs, "2023-01-01")},
            {ViceModel()}, &stats)
            .empty());
  CHECK(stats.hits == 0);
}

TEST_CASE("LeadKey is stable and tells offences apart", "[compare]") {
  const Model m = DrinkModel();
  const Offence a = MakeOffence(kZhang, OffenceType::kDrunkDriving, "2023-01-01", "HA-1");
  Offence same_case = a;
  same_case.place = "elsewhere";
  CHECK(LeadKey(m, a.key, a) == LeadKey(m, a.key, same_case));
  CHECK(LeadKey(m, a.key, a).size() == 64);
  CHECK(LeadKey(m, a.key, a) != LeadKey(ViceModel(), a.key, a));
  const Offence no_case = MakeOffence(kZhang, OffenceType::kDrunkDriving, "2023-01-01");
  Offence next_day = no_case;
  next_day.date = D("2023-01-02");
  CHECK(LeadKey(m, a.key, no_case) != LeadKey(m, a.key, next_day));
  CHECK(LeadKey(m, a.key, no_case) != LeadKey(m, a.key, a));
}

TEST_CASE("EmployeeIndex finds a person's records in hire order", "[compare]") {
  EmployeeTable t;
  AddEmployee(&t, kZhang, "交投", "2021-01-01", "");
  AddEmployee(&t, "11010519491231002X", "城投", "2001-01-01", "");
  AddEmployee(&t, kZhang, "城投", "2015-01-01", "2020-12-31");
  const EmployeeIndex index(t);
  CHECK(index.persons() == 2);
  const auto rows = index.Find(Key(kZhang));
  REQUIRE(rows.size() == 2);
  CHECK(rows[0] == 2);
  CHECK(rows[1] == 0);
  CHECK(index.Find(Key("440308199901101512")).empty());
  CHECK_FALSE(index.Contains(Key("440308199901101512")));
}

}  // namespace
}  // namespace qinglian
