#include "qinglian/compare/comparator.h"

#include <catch2/catch.hpp>

#include "record_builder.h"

namespace qinglian {
namespace {

using testing::Records;

const Date kAsOf = Date::FromYmd(2024, 12, 31);
const char* kZhang = "430102198001019016";

IdKey Key(const char* id) { return ParseIdNumber(id, kAsOf).id.key; }

void AddEmployee(Records* t, const char* id, const char* unit, const char* hire, const char* leave,
                 const char* name = "张三") {
  t->Add(id, {{"name", name}, {"unit", unit}, {"hire_date", hire}, {"leave_date", leave}});
}

void AddOffence(Records* o, const char* id, const char* type, const char* date,
                const char* case_no = "", const char* name = "张三") {
  o->Add(id, {{"name", name}, {"offence_date", date}, {"case_no", case_no}}, type);
}

const Model& BuiltInModel(const char* name) { return *testing::BuiltIn().FindModel(name); }

Model DrinkModel(int lookback = 5) {
  Model m = BuiltInModel("soe_drink_driving");
  m.lookback_years = lookback;
  return m;
}

Model ViceModel() { return BuiltInModel("soe_vice"); }

// Renders leads as "record index -> unit (model)" lines.
std::string Run(Records& people, Records& events, const std::vector<Model>& models,
                CompareStats* stats, int lookback = -1) {
  const Roster roster(people.set());
  std::vector<ModelInput> inputs;
  for (const Model& m : models) inputs.push_back({&m, &roster, &events.set()});
  const auto leads = Compare(inputs, {kAsOf, lookback}, stats);
  const RecordSet& p = people.set();
  std::string out;
  for (const Match& l : leads)
    out += std::to_string(l.event) + " -> " + std::string(p.text(l.record, p.kind().unit)) + " (" +
           models[l.model].name + (l.name_matches ? "" : ", name differs") + ")\n";
  return out;
}

TEST_CASE("Compare keeps offences inside the employment period, edges included", "[compare]") {
  Records t("employees"), o("offences");
  AddEmployee(&t, kZhang, "城投", "2020-03-01", "2022-06-30");
  AddOffence(&o, kZhang, "drunk_driving", "2020-02-29");  // the day before hire
  AddOffence(&o, kZhang, "drunk_driving", "2020-03-01");  // hire day
  AddOffence(&o, kZhang, "drunk_driving", "2022-06-30");  // leave day
  AddOffence(&o, kZhang, "drunk_driving", "2022-07-01");  // the day after
  CompareStats stats;
  CHECK(Run(t, o, {DrinkModel()}, &stats) ==
        "1 -> 城投 (soe_drink_driving)\n2 -> 城投 (soe_drink_driving)\n");
  CHECK(stats.hits == 4);
  CHECK(stats.outside_employment == 2);
}

TEST_CASE("Compare gives a lead to the unit of the offence date after a transfer", "[compare]") {
  Records t("employees"), o("offences");
  AddEmployee(&t, kZhang, "交投", "2021-01-01", "");  // listed first, hired later
  AddEmployee(&t, kZhang, "城投", "2015-01-01", "2020-12-31");
  AddOffence(&o, kZhang, "gambling", "2020-12-31");
  AddOffence(&o, kZhang, "gambling", "2021-01-01");
  AddOffence(&o, kZhang, "gambling", "2024-12-31");
  CompareStats stats;
  CHECK(Run(t, o, {ViceModel()}, &stats) ==
        "0 -> 城投 (soe_vice)\n1 -> 交投 (soe_vice)\n2 -> 交投 (soe_vice)\n");
  CHECK(stats.concurrent == 0);
}

TEST_CASE("Compare keeps every unit of a concurrent post and charges the one the name fits",
          "[compare]") {
  Records t("employees"), o("offences");
  AddEmployee(&t, kZhang, "城投", "2010-01-01", "", "张三");
  AddEmployee(&t, kZhang, "交投", "2018-01-01", "", "张叁");  // a second post, later
  AddOffence(&o, kZhang, "gambling", "2020-05-05", "", "张三");
  AddOffence(&o, kZhang, "gambling", "2020-06-06", "", "");
  const Roster roster(t.set());
  const Model vice = ViceModel();
  CompareStats stats;
  const auto leads = Compare({{&vice, &roster, &o.set()}}, {kAsOf, -1}, &stats);
  REQUIRE(leads.size() == 2);
  CHECK(leads[0].covering.size() == 2);
  CHECK(t.set().text(leads[0].record, t.set().kind().unit) == "城投");  // the name agrees
  CHECK(t.set().text(leads[1].record, t.set().kind().unit) == "交投");  // else the latest hired
  CHECK(stats.concurrent == 2);
}

TEST_CASE("Compare matches a 15-digit employee number with an 18-digit offence one", "[compare]") {
  Records t("employees"), o("offences");
  AddEmployee(&t, "431202681120945", "水务", "2005-01-01", "");
  AddOffence(&o, "43120219681120945X", "prostitution", "2022-08-08");
  CompareStats stats;
  CHECK(Run(t, o, {ViceModel()}, &stats) == "0 -> 水务 (soe_vice)\n");
}

TEST_CASE("Compare applies each model's look-back and the override", "[compare]") {
  Records t("employees"), o("offences");
  AddEmployee(&t, kZhang, "城投", "2000-01-01", "");
  AddOffence(&o, kZhang, "drink_driving", "2019-12-30");  // a day before five years back
  AddOffence(&o, kZhang, "drink_driving", "2019-12-31");  // exactly five years back
  AddOffence(&o, kZhang, "drink_driving", "2025-01-01");  // after the as-of date
  CompareStats stats;
  CHECK(Run(t, o, {DrinkModel(5)}, &stats) == "1 -> 城投 (soe_drink_driving)\n");
  CHECK(stats.outside_lookback == 2);
  CompareStats wider;
  CHECK(Run(t, o, {DrinkModel(5)}, &wider, 10) ==
        "0 -> 城投 (soe_drink_driving)\n1 -> 城投 (soe_drink_driving)\n");
}

TEST_CASE("Compare keeps only the models' types and shows a different name", "[compare]") {
  Records t("employees"), o("offences");
  AddEmployee(&t, kZhang, "城投", "2010-01-01", "", "张三");
  AddOffence(&o, kZhang, "drugs", "2023-01-01");
  AddOffence(&o, kZhang, "drunk_driving", "2023-02-01", "", "张 三");
  AddOffence(&o, kZhang, "drink_driving", "2023-03-01", "", "李四");
  CompareStats stats;
  CHECK(Run(t, o, {DrinkModel()}, &stats) ==
        "1 -> 城投 (soe_drink_driving)\n2 -> 城投 (soe_drink_driving, name differs)\n");
  CHECK(stats.not_in_models == 1);
  CHECK(stats.name_mismatches == 1);
  CompareStats both;
  CHECK(Run(t, o, {DrinkModel(), ViceModel()}, &both).starts_with("0 -> 城投 (soe_vice)\n"));
}

TEST_CASE("Compare ignores records of people who are not employees", "[compare]") {
  Records t("employees"), o("offences");
  AddEmployee(&t, kZhang, "城投", "2010-01-01", "");
  AddOffence(&o, "11010519491231002X", "drugs", "2023-01-01");
  CompareStats stats;
  CHECK(Run(t, o, {ViceModel()}, &stats).empty());
  CHECK(stats.hits == 0);
}

// Allowance periods against an employment of 2020-03-01 .. 2022-06-30.
TEST_CASE("The overlap relation needs one shared day: touching periods do not overlap",
          "[compare]") {
  Records t("employees"), s("subsidies");
  AddEmployee(&t, kZhang, "城投", "2020-03-01", "2022-06-30");
  const auto allowance = [&](const char* from, const char* until) {
    s.Add(kZhang, {{"name", "张三"},
                   {"category", "城市低保"},
                   {"start_date", from},
                   {"end_date", until},
                   {"monthly_amount", "650"}});
  };
  allowance("2019-01-01", "2020-02-29");  // ends the day before hire: touches, no overlap
  allowance("2019-01-01", "2020-03-01");  // ends on the hire day: one day
  allowance("2022-06-30", "");            // starts on the leave day, still paid: one day
  allowance("2022-07-01", "");            // starts the day after leaving
  allowance("2021-01-15", "2021-03-10");  // inside: three calendar months
  const Roster roster(t.set());
  const Model& m = BuiltInModel("subsidy_while_employed");
  CompareStats stats;
  const auto leads = Compare({{&m, &roster, &s.set()}}, {kAsOf, -1}, &stats);
  REQUIRE(leads.size() == 3);
  CHECK(leads[0].event == 1);
  CHECK(leads[0].first == Date::FromYmd(2020, 3, 1));
  CHECK(leads[0].days() == 1);
  CHECK(leads[1].event == 2);
  CHECK(leads[1].last == Date::FromYmd(2022, 6, 30));
  CHECK(leads[1].days() == 1);
  CHECK(leads[2].event == 4);
  CHECK(leads[2].days() == 55);
  CHECK(leads[2].amount_fen == 3 * 65000);
  CHECK(stats.outside_employment == 2);
}

TEST_CASE("The after relation: on the payroll more than 30 days after death", "[compare]") {
  Records t("employees"), d("deaths");
  AddEmployee(&t, kZhang, "城投", "2010-01-01", "2023-05-31");
  AddEmployee(&t, "11010519491231002X", "水务", "2000-01-01", "");  // never left
  d.Add(kZhang, {{"name", "张三"}, {"death_date", "2023-05-01"}});  // left 30 days after
  d.Add(kZhang, {{"name", "张三"}, {"death_date", "2023-04-30"}});  // left 31 days after
  d.Add("11010519491231002X", {{"name", "李四"}, {"death_date", "2024-06-01"}});
  const Roster roster(t.set());
  const Model& m = BuiltInModel("payroll_after_death");
  CompareStats stats;
  const auto leads = Compare({{&m, &roster, &d.set()}}, {kAsOf, -1}, &stats);
  REQUIRE(leads.size() == 2);
  CHECK(leads[0].event == 1);
  CHECK(leads[0].first == Date::FromYmd(2023, 5, 1));
  CHECK(leads[0].last == Date::FromYmd(2023, 5, 31));
  CHECK(leads[1].event == 2);
  CHECK(leads[1].last == kAsOf);  // still on the roster on the as-of date
}

TEST_CASE("A model's filter keeps only the roles it names", "[compare]") {
  Records t("employees"), b("businesses");
  AddEmployee(&t, kZhang, "城投", "2010-01-01", "");
  const auto role = [&](const char* r) {
    b.Add(kZhang, {{"name", "张三"},
                   {"enterprise", "某某商贸有限公司"},
                   {"role", r},
                   {"start_date", "2021-01-01"}});
  };
  role("执行董事兼总经理");
  role("财务负责人");
  role("股东");
  const Roster roster(t.set());
  const Model& m = BuiltInModel("business_while_employed");
  CompareStats stats;
  const auto leads = Compare({{&m, &roster, &b.set()}}, {kAsOf, -1}, &stats);
  REQUIRE(leads.size() == 2);
  CHECK(leads[0].event == 0);
  CHECK(leads[1].event == 2);
  CHECK(stats.not_in_models == 1);
}

TEST_CASE("LeadKey is stable and tells records apart", "[compare]") {
  const Model m = DrinkModel();
  Records o("offences");
  AddOffence(&o, kZhang, "drunk_driving", "2023-01-01", "HA-1");
  o.Add(kZhang, {{"offence_date", "2023-01-01"}, {"case_no", "HA-1"}, {"place", "elsewhere"}},
        "drunk_driving");
  AddOffence(&o, kZhang, "drunk_driving", "2023-01-01");
  AddOffence(&o, kZhang, "drunk_driving", "2023-01-02");
  const OffenceVocabulary* v = &testing::BuiltIn().vocabulary;
  const RecordSet& s = o.set();
  CHECK(LeadKey(m, s, 0, v) == LeadKey(m, s, 1, v));
  CHECK(LeadKey(m, s, 0, v).size() == 64);
  CHECK(LeadKey(m, s, 0, v) != LeadKey(ViceModel(), s, 0, v));
  CHECK(LeadKey(m, s, 2, v) != LeadKey(m, s, 3, v));
  CHECK(LeadKey(m, s, 2, v) != LeadKey(m, s, 0, v));
}

TEST_CASE("Roster finds a person's records in hire order", "[compare]") {
  Records t("employees");
  AddEmployee(&t, kZhang, "交投", "2021-01-01", "");
  AddEmployee(&t, "11010519491231002X", "城投", "2001-01-01", "");
  AddEmployee(&t, kZhang, "城投", "2015-01-01", "2020-12-31");
  const Roster index(t.set());
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
