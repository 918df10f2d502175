#include "qinglian/app/gen.h"

#include <sys/stat.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <set>
#include <sstream>

#include "qinglian/app/run.h"
#include "qinglian/input/loader.h"
#include "qinglian/store/store.h"
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

namespace qinglian {
namespace {

// Runs every built-in model on a generated folder; the leads by model and ID.
std::set<std::pair<std::string, std::string>> LeadsOnGenerated(const GenOptions& o,
                                                               const testing::TempDir& dir) {
  auto files = GenerateInto(dir.path().string(), o);
  REQUIRE(files.ok());
  RunRequest r;
  for (const GeneratedFile& f : *files) r.inputs.push_back({f.kind, f.path});
  r.catalog = &testing::BuiltIn();
  r.models = r.catalog->models;
  r.as_of = o.as_of;
  r.load.today = o.as_of;
  r.actor = "tester";
  auto store = Store::Open(dir / "q.db", true);
  REQUIRE(store.ok());
  auto report = ExecuteRun(r, **store, nullptr);
  REQUIRE(report.ok());
  REQUIRE_FALSE(report->failed());
  CHECK(report->skipped.empty());
  auto leads = (*store)->Leads({});
  REQUIRE(leads.ok());
  std::set<std::pair<std::string, std::string>> out;
  for (const StoredLead& l : *leads) out.insert({l.evidence.model, l.evidence.id_number});
  return out;
}

TEST_CASE("The other offices' registers hold hits and near misses at every edge", "[gen]") {
  GenOptions o;  // the huaihua profile
  auto gen = Generator::Create(o);
  REQUIRE(gen.ok());
  const std::vector<PlantedCase> planted = (*gen)->Planted();
  testing::TempDir dir;
  const auto leads = LeadsOnGenerated(o, dir);

  std::map<std::string, std::set<std::string>> edges;
  size_t hits = 0, found = 0;
  for (const PlantedCase& c : planted) {
    edges[c.model].insert(c.edge);
    const bool lead = leads.contains({c.model, c.id_number});
    INFO(c.model << ": " << c.edge);
    // A near miss never becomes a lead.
    if (!c.lead) CHECK_FALSE(lead);
    if (c.lead) {
      ++hits;
      found += lead ? 1 : 0;
    }
  }
  // Each edge is planted; a hit is lost only where the roster row itself was
  // damaged and rejected (a few in a thousand).
  CHECK(edges["subsidy_while_employed"].size() == 6);
  CHECK(edges["payroll_after_death"].size() == 5);
  CHECK(edges["business_while_employed"].size() == 4);
  CHECK(hits > 60);
  CHECK(found >= hits * 97 / 100);
  // Every lead of the three models is a planted hit: strangers never share an
  // employee's number.
  std::set<std::pair<std::string, std::string>> expected;
  for (const PlantedCase& c : planted)
    if (c.lead) expected.insert({c.model, c.id_number});
  for (const auto& lead : leads)
    if (lead.first != "soe_drink_driving" && lead.first != "soe_vice")
      CHECK(expected.contains(lead));
}

TEST_CASE("Generator writes the other offices' registers the same way for the same seed", "[gen]") {
  GenOptions o;
  o.employees = 3000;
  const auto write = [&](void (Generator::*f)(std::ostream&) const) {
    auto gen = Generator::Create(o);
    REQUIRE(gen.ok());
    std::ostringstream out;
    ((**gen).*f)(out);
    return out.str();
  };
  for (auto f : {&Generator::WriteSubsidies, &Generator::WriteDeaths, &Generator::WriteBusinesses})
    CHECK(write(f) == write(f));
  o.subsidies = 10;
  const std::string few = write(&Generator::WriteSubsidies);
  CHECK(std::count(few.begin(), few.end(), '\n') == 11);  // the header and ten rows
}

}  // namespace
}  // namespace qinglian

namespace qinglian {
namespace {

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    out.push_back(line);
  }
  return out;
}

TEST_CASE("gen --near appends the near matches and writes their truth owner-only", "[gen]") {
  GenOptions o;
  o.employees = 2000;
  o.offences = 3000;
  const Files plain = Generate(o);
  o.near = 10;
  const Files near = Generate(o);
  // The rows before them are as without --near.
  CHECK(near.employees.compare(0, plain.employees.size(), plain.employees) == 0);
  CHECK(near.traffic.size() > plain.traffic.size());

  testing::TempDir dir;
  REQUIRE(GenerateInto(dir / "out", o).ok());
  const std::string truth_path = dir / (std::string("out/") + kGenNearTruthFile);
  struct stat st;
  REQUIRE(stat(truth_path.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  const std::vector<std::string> truth = Lines(testing::ReadFile(truth_path));
  const std::vector<std::string> roster = Lines(near.employees);
  REQUIRE(truth.size() >= 13);
  CHECK(truth[0] == "roster_file,roster_line,other_file,other_line,kind,trap,true_id");
  std::map<std::string, int> kinds;
  for (size_t i = 1; i < truth.size(); ++i) {
    std::vector<std::string> f;
    std::istringstream row(truth[i]);
    for (std::string v; std::getline(row, v, ',');) f.push_back(v);
    if (truth[i].back() == ',') f.emplace_back();
    REQUIRE(f.size() == 7);
    ++kinds[f[4]];
    const std::string& line = roster.at(std::stoul(f[1]) - 1);
    INFO(truth[i] << " -> " << line);
    // The roster line names the person by a number that is not the true one.
    CHECK(line.find(f[6]) == std::string::npos);
    if (f[4] == "damaged_id" || f[4] == "variant") CHECK(line.find("E+17,") != std::string::npos);
  }
  CHECK(kinds == std::map<std::string, int>{{"base_noise", kinds["base_noise"]},
                                            {"damaged_id", 2},
                                            {"homophone", 2},
                                            {"one_digit", 2},
                                            {"swapped", 2},
                                            {"trap_county_damaged", 1},
                                            {"trap_county_one_digit", 1},
                                            {"variant", 2}});
}

}  // namespace
}  // namespace qinglian
