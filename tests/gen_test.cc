#include "qinglian/app/gen.h"

#include <catch2/catch.hpp>
#include <set>
#include <sstream>

#include "qinglian/input/loader.h"
#include "test_util.h"

namespace qinglian {
namespace {

struct Files {
  std::string employees, traffic, public_security;
};

Files Generate(const GenOptions& o) {
  auto gen = Generator::Create(o);
  REQUIRE(gen.ok());
  std::ostringstream e, t, p;
  (*gen)->WriteEmployees(e);
  (*gen)->WriteTrafficOffences(t);
  (*gen)->WritePublicSecurityOffences(p);
  return {e.str(), t.str(), p.str()};
}

TEST_CASE("Generator gives the same bytes for the same seed", "[gen]") {
  GenOptions o;
  o.employees = 2000;
  o.offences = 3000;
  const Files a = Generate(o), b = Generate(o);
  CHECK(a.employees == b.employees);
  CHECK(a.traffic == b.traffic);
  CHECK(a.public_security == b.public_security);
  o.seed = 2;
  CHECK(Generate(o).employees != a.employees);
}

TEST_CASE("Generator writes files the loaders read, with a few bad rows", "[gen]") {
  GenOptions o;  // the huaihua profile: 12,000 records
  const Files f = Generate(o);
  LoadOptions load;
  load.today = Date::FromYmd(2025, 1, 1);
  load.vocabulary = &testing::BuiltIn().vocabulary;
  RecordLoader employees(testing::Kind("employees"), load);
  auto es = MakeStringSource("employees.csv", f.employees);
  const auto e = employees.Load(*es, nullptr);
  REQUIRE(e.ok());
  CHECK(e->rows == 12000);
  CHECK(e->rejected > 0);
  CHECK(e->rejected < 60);  // a few of each kind, not a broken file
  CHECK(e->cleaned_ids > 100);
  // Records outnumber persons: transfers and re-hires.
  std::set<IdKey> persons;
  std::set<std::string_view> units;
  const RecordSet& records = employees.records();
  for (size_t r = 0; r < records.size(); ++r) {
    persons.insert(records.key(r));
    units.insert(records.text(r, records.kind().unit));
  }
  CHECK(persons.size() > 6800);
  CHECK(persons.size() < 7100);
  CHECK(units.size() == 7);

  RecordLoader offences(testing::Kind("offences"), load);
  auto ts = MakeStringSource("traffic.csv", f.traffic);
  auto ps = MakeStringSource("ps.csv", f.public_security);
  const auto t = offences.Load(*ts, nullptr);
  const auto p = offences.Load(*ps, nullptr);
  REQUIRE(t.ok());
  REQUIRE(p.ok());
  CHECK(t->encoding == Encoding::kGb18030);
  CHECK(p->encoding == Encoding::kUtf8);
  CHECK(t->rows + p->rows >= 20000);
  CHECK(p->duplicates > 0);
  std::vector<int> by_type(testing::BuiltIn().vocabulary.types().size());
  for (size_t r = 0; r < offences.records().size(); ++r)
    if (offences.records().type(r) < by_type.size()) ++by_type[offences.records().type(r)];
  for (int n : by_type) CHECK(n > 100);
}

TEST_CASE("Generator refuses an unknown profile", "[gen]") {
  GenOptions o;
  o.profile = "beijing";
  CHECK(Generator::Create(o).error() == "unknown profile 'beijing' (profiles: huaihua)");
}

}  // namespace
}  // namespace qinglian
