// Store::Persons(): persons with their leads counted across units and types.
#include <catch2/catch.hpp>

#include "qinglian/base/text.h"
#include "qinglian/store/store.h"
#include "test_util.h"

namespace qinglian {
namespace {

LeadEvidence PersonLead(const std::string& key, const std::string& id, const std::string& name,
                        const std::string& unit, const std::string& type, const std::string& date) {
  LeadEvidence e;
  e.key = key;
  e.model = type == "gambling" || type == "drugs" ? "soe_vice" : "soe_drink_driving";
  e.type = type;
  e.id_number = id;
  e.name = e.offence_name = name;
  e.unit = unit;
  e.offence_date = *ParseDate(date);
  e.employee_file = "employees.csv";
  e.offence_file = "offences.csv";
  return e;
}

// 张三 drove drunk at 城投, was transferred to 水务 and gambled and drove
// after drinking there (the first record spells the name in traditional
// characters); 李四 and 王五 have one lead each. Leads 1..5 in this order.
std::unique_ptr<Store> PersonsStore(const testing::TempDir& dir) {
  auto store = Store::Open(dir / "q.db", true);
  REQUIRE(store.ok());
  RunWrite w;
  w.run.started_at = w.run.finished_at = "2025-01-01T00:00:00Z";
  w.run.as_of = "2024-12-31";
  w.run.models = {"soe_drink_driving", "soe_vice"};
  w.run.actor = "tester";
  const std::string zhang = "430102198001019016";
  w.leads = {PersonLead("k1", zhang, "张三", "水务", "drink_driving", "2024-02-02"),
             PersonLead("k2", "430102198505059126", "李四", "城投", "drink_driving", "2023-03-03"),
             PersonLead("k3", zhang, "張三", "城投", "drunk_driving", "2019-01-05"),
             PersonLead("k4", "431202199009099234", "王五", "水务", "drugs", "2024-05-05"),
             PersonLead("k5", zhang, "张三", "水务", "gambling", "2021-07-01")};
  REQUIRE((*store)->WriteRun(&w).ok());
  AuditEntry audit;
  std::vector<Disposition> changes(3);
  changes[0].lead_id = changes[1].lead_id = 2;
  changes[1].status = LeadStatus::kClosed;
  changes[1].outcomes = {Outcome::kGovWarning};
  changes[1].case_filed = true;
  changes[2].lead_id = 3;
  REQUIRE((*store)->Dispose(changes, "tester", &audit).ok());
  return std::move(*store);
}

// One line per person: name, ID, units, types, lead ids, dates, statuses.
std::string Render(const Result<std::vector<PersonSummary>>& persons) {
  REQUIRE(persons.ok());
  std::string out;
  for (const PersonSummary& p : *persons) {
    std::vector<std::string> ids;
    for (int64_t id : p.lead_ids) ids.push_back(std::to_string(id));
    out += p.name + " " + p.id_number + " [" + Join(p.units, ">") + "] [" + Join(p.types, ",") +
           "] leads " + Join(ids, ",") + " " + p.first_date.Iso() + ".." + p.last_date.Iso() + " " +
           StatusSummary(p.statuses, Lang::kEn) + "\n";
  }
  return out;
}

TEST_CASE("Store::Persons counts a person's leads across transfers and types", "[store][person]") {
  testing::TempDir dir;
  std::unique_ptr<Store> store = PersonsStore(dir);
  CHECK(Render(store->Persons({})) ==
        "张三 430102198001019016 [城投>水务] [drunk_driving,gambling,drink_driving] leads 3,5,1 "
        "2019-01-05..2024-02-02 2 new, 1 transferred\n"
        "王五 431202199009099234 [水务] [drugs] leads 4 2024-05-05..2024-05-05 1 new\n"
        "李四 430102198505059126 [城投] [drink_driving] leads 2 2023-03-03..2023-03-03 1 closed\n");
}

TEST_CASE("Store::Persons filters: types and status count leads, unit and ID choose persons",
          "[store][person]") {
  testing::TempDir dir;
  std::unique_ptr<Store> store = PersonsStore(dir);
  PersonQuery drink;
  drink.types = {"drink_driving", "drunk_driving"};
  CHECK(Render(store->Persons(drink)) ==
        "张三 430102198001019016 [城投>水务] [drunk_driving,drink_driving] leads 3,1 "
        "2019-01-05..2024-02-02 1 new, 1 transferred\n"
        "李四 430102198505059126 [城投] [drink_driving] leads 2 2023-03-03..2023-03-03 1 closed\n");

  // A unit shows its persons with every lead of theirs, in other units too.
  PersonQuery unit;
  unit.unit = "城投";
  unit.min_leads = 2;
  CHECK(Render(store->Persons(unit)) ==
        "张三 430102198001019016 [城投>水务] [drunk_driving,gambling,drink_driving] leads 3,5,1 "
        "2019-01-05..2024-02-02 2 new, 1 transferred\n");
  // ... but only for the leads that count: 张三's gambling was at 水务.
  PersonQuery vice;
  vice.unit = "城投";
  vice.types = {"gambling"};
  CHECK(Render(store->Persons(vice)).empty());

  PersonQuery closed;
  closed.status = LeadStatus::kClosed;
  CHECK(Render(store->Persons(closed)) ==
        "李四 430102198505059126 [城投] [drink_driving] leads 2 2023-03-03..2023-03-03 1 closed\n");

  PersonQuery one;
  one.id_number = "431202199009099234";
  CHECK(Render(store->Persons(one)) ==
        "王五 431202199009099234 [水务] [drugs] leads 4 2024-05-05..2024-05-05 1 new\n");
  // The unit and the person are bound values, never SQL.
  PersonQuery odd;
  odd.unit = "' OR 1=1 --";
  odd.id_number = "x' OR '1'='1";
  CHECK(Render(store->Persons(odd)).empty());
}

TEST_CASE("Store::Leads and PersonNames find a person's leads and every name", "[store][person]") {
  testing::TempDir dir;
  std::unique_ptr<Store> store = PersonsStore(dir);
  LeadQuery q;
  q.id_number = "430102198001019016";
  auto leads = store->Leads(q);
  REQUIRE(leads.ok());
  std::vector<std::string> keys;
  for (const StoredLead& l : *leads) keys.push_back(l.evidence.key);
  CHECK(Join(keys, " ") == "k1 k3 k5");

  auto names = store->PersonNames();
  REQUIRE(names.ok());
  std::vector<std::string> pairs;
  for (const PersonName& n : *names) pairs.push_back(n.id_number + " " + n.name);
  CHECK(Join(pairs, ", ") ==
        "430102198001019016 张三, 430102198001019016 張三, 430102198505059126 李四, "
        "431202199009099234 王五");
  CHECK(*MatchPerson("張三", *names) == "430102198001019016");
}

}  // namespace
}  // namespace qinglian
