// Units as the commission names them, and the data quality warnings:
// aliases, expected headcounts, concurrent posts, dates given as a month.
#include "qinglian/core/units.h"

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "qinglian/app/unit_export.h"
#include "qinglian/base/text.h"
#include "qinglian/compare/data_quality.h"
#include "qinglian/input/loader.h"
#include "qinglian/store/store.h"
#include "test_util.h"

namespace qinglian {
namespace {

const char* kHeader = "单位,姓名,身份证号,入职日期,离职日期\n";

LoadOptions Options() {
  LoadOptions o;
  o.today = Date::FromYmd(2026, 11, 26);
  o.as_of = o.today;
  return o;
}

// Loads `rows` (after kHeader) as employees; rejects are a test failure.
Result<FileSummary> LoadRoster(RecordLoader& loader, const std::string& rows,
                               const std::string& header = kHeader) {
  auto source = MakeStringSource("hr.csv", header + rows);
  return loader.Load(*source, [](const Reject& r) { FAIL(r.Message()); });
}

std::string Render(const RecordSet& t) {
  std::string out;
  const RecordKind& k = t.kind();
  for (size_t r = 0; r < t.size(); ++r)
    out += std::to_string(t.source(r).line) + " " + std::string(t.text(r, k.unit)) + " " +
           t.start(r).Iso() + ".." + t.end(r).Iso() + " " + std::to_string(t.imprecise(r)) + "\n";
  return out;
}

TEST_CASE("The loader reads a month for a date as its first day, or for an end its last",
          "[units][loader]") {
  RecordLoader loader(testing::Kind("employees"), Options());
  const Result<FileSummary> s = LoadRoster(loader,
                                           "甲,张三,430102198001019016,2008.08,2010年2月\n"
                                           "乙,张三,430102198001019016,200803,2008-12\n"
                                           "丙,张三,430102198001019016,2011-01-05,\n");
  REQUIRE(s.ok());
  CHECK(Render(loader.records()) ==
        "2 甲 2008-08-01..2010-02-28 3\n"
        "3 乙 2008-03-01..2008-12-31 3\n"
        "4 丙 2011-01-05.. 0\n");
  CHECK(s->imprecise_dates == 2);
  CHECK(s->imprecise_lines == std::vector<uint32_t>{2, 3});
  CHECK(FormatSummary(*s).find("  imprecise dates: 2 rows give a month for a date, read as its "
                               "first day (its last for an end) (lines 2, 3)\n") !=
        std::string::npos);
}

TEST_CASE("The loader maps unit variants to official names and fills a missing unit",
          "[units][loader]") {
  LoadOptions o = Options();
  o.unit_aliases = {{"怀化水务集团有限公司", "怀化市水务集团有限公司"}};
  RecordLoader loader(testing::Kind("employees"), o);
  REQUIRE(LoadRoster(loader,
                     "怀化水务集团有限公司,张三,430102198001019016,2010-01-01,\n"
                     "怀化水务集团有限公司 ,李四,430102198505059126,2010-01-01,\n"
                     "市城投,王五,431202199009099234,2012-01-05,\n")
              .ok());
  CHECK(Render(loader.records()) ==
        "2 怀化市水务集团有限公司 2010-01-01.. 0\n"
        "3 怀化市水务集团有限公司 2010-01-01.. 0\n"
        "4 市城投 2012-01-05.. 0\n");

  // Without a unit column, the kind's unit must be optional and given.
  RecordKind one_unit = testing::Kind("employees");
  one_unit.fields[static_cast<size_t>(one_unit.unit)].required = false;
  o.default_unit = "怀化水务集团有限公司";
  RecordLoader filled(one_unit, o);
  REQUIRE(
      LoadRoster(filled, "张三,430102198001019016,2010-01-01\n", "姓名,身份证号,入职日期\n").ok());
  CHECK(Render(filled.records()) == "2 怀化市水务集团有限公司 2010-01-01.. 0\n");

  RecordLoader refused(testing::Kind("employees"), Options());
  auto source =
      MakeStringSource("one.csv", "姓名,身份证号,入职日期\n张三,430102198001019016,2010-01-01\n");
  const Result<FileSummary> s = refused.Load(*source, nullptr);
  REQUIRE_FALSE(s.ok());
  CHECK(s.error() ==
        "one.csv: no column for unit (单位); columns found: 姓名, 身份证号, 入职日期; name it with "
        "--map 'HEADER=unit', or give the unit of every row with --unit NAME");
}

TEST_CASE("AssessRoster warns of names, overlaps and young hires, and rejects nothing",
          "[units][quality]") {
  RecordLoader loader(testing::Kind("employees"), Options());
  const Result<FileSummary> s = LoadRoster(loader,
                                           "城投,李四,430102198505059126,2000-01-01,2010-12-31\n"
                                           "城投,李肆,430102198505059126,2010-06-01,\n"
                                           "水务,李四,430102198505059126,2011-06-01,\n"
                                           "城投,张三,430102198001019016,2008.08,\n"
                                           "水务,张三,430102198001019016,2005-01-01,2008-07-31\n");
  REQUIRE(s.ok());
  CHECK(s->accepted == 5);
  const Roster roster(loader.records());
  DataQuality q = AssessRoster(roster);
  AddImpreciseDates({*s}, &q);
  CHECK(FormatDataQuality(q) ==
        "  data quality warnings (no row rejected for them):\n"
        "    ID numbers with different names: 1 (hr.csv:2, 3 430102********9126: 李四 / 李肆)\n"
        "    overlapping records of one person in one unit: 1 (hr.csv:2, 3 "
        "430102********9126: 城投: 2000-01-01 to 2010-12-31 and 2010-06-01 to now)\n"
        "    hire dates before the age of 16: 1 (hr.csv:2 430102********9126: hired 2000-01-01 "
        "at age 14)\n"
        "    dates given as a month only (first day for a start, last for an end): 1 (hr.csv:5)\n");
  CHECK(FormatDataQuality(DataQuality{}).empty());
}

TEST_CASE("ResolveUnit takes a variant, an official name or a unique part of one", "[units]") {
  const std::vector<UnitAlias> aliases = {
      {"怀化水务集团有限公司", "怀化市水务集团有限公司", "", ""}};
  const std::vector<std::string> stored = {"怀化水务集团有限公司", "市城建投资集团"};
  CHECK(*ResolveUnit("怀化水务集团有限公司", stored, aliases) == "怀化市水务集团有限公司");
  CHECK(*ResolveUnit("怀化市水务集团有限公司", stored, aliases) == "怀化市水务集团有限公司");
  CHECK(*ResolveUnit("水务", stored, aliases) == "怀化市水务集团有限公司");
  CHECK(ResolveUnit("交通", stored, aliases).error() ==
        "no unit matches '交通' (units: 市城建投资集团, 怀化市水务集团有限公司)");
  CHECK(UnitVariants("怀化市水务集团有限公司", aliases) ==
        std::vector<std::string>{"怀化水务集团有限公司"});

  CHECK(CheckUnitAlias("甲", "甲", {}).message() == "'甲' is the name itself, not a variant");
  CHECK(CheckUnitAlias("乙", "怀化水务集团有限公司", aliases).message() ==
        "'怀化水务集团有限公司' is itself a variant of '怀化市水务集团有限公司': give the "
        "official name");
  CHECK(
      CheckUnitAlias("怀化市水务集团有限公司", "丙", aliases).message() ==
      "'怀化市水务集团有限公司' is the official name of 1 variant(s): it cannot be a variant too");
  CHECK(CheckUnitAlias("怀化水务集团", "怀化市水务集团有限公司", aliases).ok());
}

TEST_CASE("UnitForExpectation finds the unit a headcount is for, or takes a new one", "[units]") {
  const std::vector<UnitAlias> aliases = {
      {"怀化水务集团有限公司", "怀化市水务集团有限公司", "", ""}};
  const std::vector<std::string> stored = {"怀化水务集团有限公司", "市城建投资集团",
                                           "市城建物业公司"};
  bool seen = false;
  CHECK(*UnitForExpectation("水务", stored, aliases, &seen) == "怀化市水务集团有限公司");
  CHECK(seen);
  CHECK(*UnitForExpectation("怀化市公共交通集团有限公司", stored, aliases, &seen) ==
        "怀化市公共交通集团有限公司");
  CHECK_FALSE(seen);
  CHECK(UnitForExpectation("城建", stored, aliases, &seen).error() ==
        "several units match '城建' (市城建投资集团, 市城建物业公司)");
}

TEST_CASE("UnitFileName makes a safe file name of any unit", "[units][export]") {
  struct {
    const char* unit;
    const char* want;
  } cases[] = {
      {"怀化市水务集团有限公司", "怀化市水务集团有限公司.csv"},
      {"../etc/passwd", "_._etc_passwd.csv"},
      {"A/B:C*D?\"E<F>G|H\\I", "A_B_C_D__E_F_G_H_I.csv"},
      {"", "无单位.csv"},
      {"-rf", "_rf.csv"},
      {"a\tb", "a b.csv"},
  };
  for (const auto& c : cases) {
    INFO(c.unit);
    CHECK(UnitFileName(c.unit, "csv") == c.want);
  }
  const std::string long_name = UnitFileName(std::string(100, 'x') + "水务水务水务水务", "xlsx");
  CHECK(long_name == std::string(100, 'x') + "水务水务水务.xlsx");
}

TEST_CASE("ExportPerUnit writes every unit's file into a new owner-only folder, or nothing",
          "[units][export]") {
  testing::TempDir dir;
  std::vector<StoredLead> leads(3);
  leads[0].evidence.unit = "怀化水务集团有限公司";
  leads[1].evidence.unit = "怀化市水务集团有限公司";
  leads[2].evidence.unit = "城投/一公司";
  for (StoredLead& l : leads) l.evidence.id_number = "430102198001019016";
  const std::vector<UnitAlias> aliases = {
      {"怀化水务集团有限公司", "怀化市水务集团有限公司", "", ""}};
  const std::string out = dir / "units";
  const auto files = ExportPerUnit(out, leads, aliases, "csv", {});
  REQUIRE(files.ok());
  CHECK(*files == std::vector<std::pair<std::string, size_t>>{{"城投_一公司.csv", 1},
                                                              {"怀化市水务集团有限公司.csv", 2}});
  struct stat st {};
  REQUIRE(::stat(out.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0700);
  REQUIRE(::stat((out + "/城投_一公司.csv").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  CHECK(testing::ReadFile(out + "/城投_一公司.csv").find("430102********9016") !=
        std::string::npos);

  // A folder that holds something is never written into.
  const auto again = ExportPerUnit(out, leads, aliases, "csv", {});
  CHECK(again.error() == out + ": exists and is not an empty folder");
  // A file that cannot be written leaves no folder, and no temporary one.
  const std::string too_big = dir / "big";
  ExportOptions tiny;
  tiny.xlsx_max_rows = 2;
  CHECK_FALSE(ExportPerUnit(too_big, leads, aliases, "xlsx", tiny).ok());
  CHECK_FALSE(std::filesystem::exists(too_big));
  size_t entries = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir.path())) entries += e.exists();
  CHECK(entries == 1);
}

TEST_CASE("Store keeps aliases, headcounts, each run's check of them and concurrent posts",
          "[units][store]") {
  testing::TempDir dir;
  auto store = Store::Open(dir / "q.db", true);
  REQUIRE(store.ok());
  Store& st = **store;
  AuditEntry a = MakeAuditEntry("tester", "units", {});
  REQUIRE(st.SetUnitAlias("怀化水务集团有限公司", "怀化市水务集团有限公司", &a).ok());
  CHECK(a.touched == "unit alias 怀化水务集团有限公司 -> 怀化市水务集团有限公司");
  AuditEntry again = MakeAuditEntry("tester", "units", {});
  REQUIRE(st.SetUnitAlias("怀化水务集团有限公司", "怀化市水务集团", &again).ok());
  CHECK(again.touched ==
        "unit alias 怀化水务集团有限公司 -> 怀化市水务集团 (was 怀化市水务集团有限公司)");
  AuditEntry chain = MakeAuditEntry("tester", "units", {});
  CHECK(st.SetUnitAlias("X", "怀化水务集团有限公司", &chain).message() ==
        "'怀化水务集团有限公司' is itself a variant of '怀化市水务集团': give the official name");
  REQUIRE(st.UnitAliases()->size() == 1);

  AuditEntry e1 = MakeAuditEntry("tester", "units", {}), e2 = e1, e3 = e1;
  REQUIRE(st.SetUnitExpectation("怀化市水务集团", 500, &e1).ok());
  REQUIRE(st.SetUnitExpectation("城投", 7, &e2).ok());
  REQUIRE(st.SetUnitExpectation("城投", 0, &e3).ok());
  CHECK(e3.touched == "unit 城投: no expected headcount");
  REQUIRE(st.UnitExpectations()->size() == 1);

  RunWrite w;
  w.run.started_at = w.run.finished_at = "2025-01-01T00:00:00Z";
  w.run.as_of = "2024-12-31";
  w.run.models = {"soe_drink_driving"};
  w.run.actor = "tester";
  w.coverage = {{"怀化水务集团有限公司", 3, 2}, {"城投", 4, 4}};
  w.expectations = {{"怀化市水务集团", 500, 480}};
  LeadEvidence lead;
  lead.key = "k1";
  lead.model = "soe_drink_driving";
  lead.type = "drunk_driving";
  lead.id_number = "430102198001019016";
  lead.unit = "城投";
  lead.offence_date = Date::FromYmd(2023, 1, 5);
  lead.postings = {{"城投", "财务部", "会计", Date::FromYmd(2019, 3, 1), Date(), "hr.csv", 3},
                   {"水务", "", "", Date::FromYmd(2008, 8, 1), Date(), "hr.csv", 2}};
  w.leads = {lead};
  REQUIRE(st.WriteRun(&w).ok());

  const auto checked = st.RunExpectations(0);
  REQUIRE(checked.ok());
  REQUIRE(checked->size() == 1);
  CHECK((*checked)[0].found == 480);
  CHECK_FALSE((*checked)[0].covered());

  const auto h = st.UnitCoverage(3);
  REQUIRE(h.ok());
  CHECK(h->runs == std::vector<int64_t>{w.run.id});
  REQUIRE(h->units.size() == 2);
  CHECK(h->units[0].unit == "城投");
  CHECK(h->units[1].unit == "怀化市水务集团");  // the variant's coverage counts for it
  CHECK(h->units[1].coverage[0].persons == 2);
  CHECK(h->units[1].expected == 500u);

  const auto stored = st.Lead(1);
  REQUIRE(stored.ok());
  CHECK(stored->evidence.concurrent());
  REQUIRE(stored->evidence.postings.size() == 2);
  CHECK(stored->evidence.postings[1].unit == "水务");
  CHECK(stored->evidence.postings[1].hire_date == Date::FromYmd(2008, 8, 1));
  CHECK(stored->evidence.postings[0].line == 3);
  // The postings are part of the lead's hashed state: the trail is intact.
  const auto verified = st.VerifyAudit();
  REQUIRE(verified.ok());
  CHECK(verified->problem.empty());
  CHECK(st.AuditLog()->size() == 6);

  LeadQuery q;
  q.unit = "怀化市水务集团";
  q.unit_variants = {"城投"};
  CHECK(st.Leads(q)->size() == 1);
}

TEST_CASE("AssessRoster: a hire in the year of the sixteenth birthday is checked by the day",
          "[units][quality]") {
  RecordLoader loader(testing::Kind("employees"), Options());
  // Born 1985-05-05: sixteen on 2001-05-05. Born 1980-01-01: a hire in
  // 1997 is after the sixteenth birthday. Names that differ only in blanks
  // are one name.
  const Result<FileSummary> s = LoadRoster(loader,
                                           "城投,李四,430102198505059126,2001-05-04,2001-05-04\n"
                                           "水务,李四,430102198505059126,2001-05-05,\n"
                                           "城投,张三,430102198001019016,1997-01-01,1999-12-31\n"
                                           "水务,张 三,430102198001019016,2000-01-01,\n");
  REQUIRE(s.ok());
  const Roster roster(loader.records());
  CHECK(FormatDataQuality(AssessRoster(roster)) ==
        "  data quality warnings (no row rejected for them):\n"
        "    hire dates before the age of 16: 1 (hr.csv:2 430102********9126: hired 2001-05-04 "
        "at age 15)\n");
}

}  // namespace
}  // namespace qinglian
