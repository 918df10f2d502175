// End-to-end tests of the command line: the real binary, its exit codes and
// its one-line errors.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "qinglian/text.h"
#include "test_util.h"

namespace qinglian {
namespace {

using testing::RunCli;
using testing::TestData;

TEST_CASE("qinglian --version prints the version", "[cli]") {
  const auto r = RunCli("--version");
  CHECK(r.exit_code == 0);
  CHECK(r.out == std::string("qinglian ") + QINGLIAN_VERSION + "\n");
}

TEST_CASE("qinglian --help lists the commands", "[cli]") {
  const auto r = RunCli("--help");
  CHECK(r.exit_code == 0);
  for (const char* c : {"run", "check", "leads", "show", "dispose", "export", "report", "runs",
                        "audit", "gen", "demo"}) {
    INFO(c);
    CHECK(r.out.find(std::string("  ") + c) != std::string::npos);
  }
}

TEST_CASE("qinglian without a command or with an unknown one is a usage error", "[cli]") {
  CHECK(RunCli("").exit_code == 2);
  CHECK(RunCli("frobnicate").exit_code == 2);
  CHECK(RunCli("--log-level loud check").exit_code == 2);
}

TEST_CASE("qinglian check prints what happened to every row", "[cli][check]") {
  testing::TempDir dir;
  const std::string rejects = dir / "rejects.csv";
  const auto r = RunCli("check '" + TestData("loader/employees_messy.csv") +
                        "' --kind employees --rejects '" + rejects + "'");
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("(employees): utf-8, ',' separated, 1518 bytes\n"
                   "  rows read                     20\n"
                   "  accepted                       2\n"
                   "  rejected                      17\n") != std::string::npos);
  CHECK(r.out.find("  suspect ID numbers: 2 end in 000 in a file with spreadsheet damage (lines "
                   "17, 18)\n") != std::string::npos);
  const std::string csv = testing::ReadFile(rejects);
  CHECK(
      csv.starts_with("\xEF\xBB\xBF"
                      "file,line,field,reason,detail,value\r\n"));
  CHECK(csv.find(",2,公民身份号码,bad_check,\"check character should be 6, found "
                 "1\",430102********9011\r\n") != std::string::npos);
  // Full ID numbers never reach the rejects file.
  CHECK(csv.find("430102198001019011") == std::string::npos);
}

TEST_CASE("qinglian check reads every encoding and offence files", "[cli][check]") {
  const auto r = RunCli("check '" + TestData("loader/offences_a.csv") + "' '" +
                        TestData("loader/offences_b_gb18030.csv") + "' --kind offences");
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("offences_b_gb18030.csv (offences): gb18030, ',' separated") !=
        std::string::npos);
  CHECK(r.out.find("  duplicates                     1\n") != std::string::npos);
  const auto u = RunCli("check '" + TestData("loader/employees_utf16.txt") + "' --kind employees");
  CHECK(u.out.find("(employees): utf-16le, tab separated") != std::string::npos);
}

TEST_CASE("qinglian check fails in one line on unusable input", "[cli][check]") {
  const auto missing = RunCli("check /nonexistent/hr.csv --kind employees");
  CHECK(missing.exit_code == 1);
  CHECK(missing.err == "qinglian: /nonexistent/hr.csv: No such file or directory\n");

  const std::string no_id = TestData("loader/employees_no_id.csv");
  const auto column = RunCli("check '" + no_id + "' --kind employees");
  CHECK(column.exit_code == 1);
  CHECK(
      column.err ==
      "qinglian: " + no_id +
          ": no column for id_number (身份证号); columns found: 单位, 姓名, 入职日期; name it with "
          "--map 'HEADER=id_number'\n");

  testing::TempDir dir;
  testing::WriteFile(dir / "odd.csv",
                     "当事人,证号,单位,入职日期\n张三,11010519491231002X,市水务集团,2010-01-01\n");
  const auto mapped = RunCli("check '" + (dir / "odd.csv") +
                             "' --kind employees --map 当事人=name --map 证号=id_number");
  CHECK(mapped.exit_code == 0);
  CHECK(mapped.out.find("  accepted                       1\n") != std::string::npos);

  const auto encoding = RunCli("check '" + no_id + "' --kind employees --encoding latin1");
  CHECK(encoding.exit_code == 1);
  CHECK(encoding.err ==
        "qinglian: unknown encoding 'latin1' (use auto, utf-8, gb18030 or utf-16)\n");

  CHECK(RunCli("check '" + no_id + "'").exit_code == 2);  // --kind is required
}

std::string RunArgs(const testing::TempDir& dir) {
  return "--db '" + (dir / "q.db") + "' run --employees '" + TestData("loader/employees_utf8.csv") +
         "' --offences '" + TestData("loader/offences_a.csv") + "' '" +
         TestData("loader/offences_b_gb18030.csv") + "' --as-of 2024-12-31 --max-reject-rate 0.5";
}

TEST_CASE("qinglian run records leads that leads --format json returns", "[cli][run]") {
  testing::TempDir dir;
  const auto run = RunCli(RunArgs(dir) + " --json");
  REQUIRE(run.exit_code == 0);
  const auto summary = nlohmann::json::parse(run.out);
  CHECK(summary["leads"]["new"] == 3);

  const auto again = RunCli(RunArgs(dir));
  CHECK(again.exit_code == 0);
  CHECK(again.out.find("  leads: 0 new, 3 seen again\n") != std::string::npos);

  const auto leads = RunCli("--db '" + (dir / "q.db") + "' leads --format json");
  REQUIRE(leads.exit_code == 0);
  const auto j = nlohmann::json::parse(leads.out);
  REQUIRE(j.size() == 3);
  for (const char* field :
       {"id", "model", "type", "status", "outcome", "unit", "department", "position", "name",
        "id_number", "offence_date", "case_no", "bac", "source", "first_run", "last_run"}) {
    INFO(field);
    CHECK(j[0].contains(field));
  }
  CHECK(j[0]["id_number"] == "430102********9016");
  CHECK(j[0]["bac"] == 85.0);
  CHECK(j[0]["first_run"] == 1);
  CHECK(j[0]["last_run"] == 2);
  CHECK(j[1]["source"]["offence"]["line"] == 4);

  const auto runs = RunCli("--db '" + (dir / "q.db") + "' runs");
  CHECK(runs.exit_code == 0);
  CHECK(runs.out.find("      employees ") != std::string::npos);
}

TEST_CASE("qinglian run fails with exit 3 when a file rejects too many rows", "[cli][run]") {
  testing::TempDir dir;
  const auto r = RunCli("--db '" + (dir / "q.db") + "' run --employees '" +
                        TestData("loader/employees_utf8.csv") + "' --offences '" +
                        TestData("loader/offences_a.csv") + "' --as-of 2024-12-31");
  CHECK(r.exit_code == 3);
  CHECK(r.err == "qinglian: run 1 failed: " + TestData("loader/offences_a.csv") +
                     ": 42.9% of rows rejected (limit 5.0%); see the rejects file\n");
  const auto leads = RunCli("--db '" + (dir / "q.db") + "' leads --format json");
  CHECK(leads.out == "[]\n");
  const auto report = RunCli("--db '" + (dir / "q.db") + "' report");
  CHECK(report.exit_code == 1);
  CHECK(report.err == "qinglian: no successful run yet: run 'qinglian run' first\n");
}

TEST_CASE("qinglian run names a missing file, an unknown model and a bad date", "[cli][run]") {
  testing::TempDir dir;
  const std::string base = "--db '" + (dir / "q.db") + "' run --employees '" +
                           TestData("loader/employees_utf8.csv") + "'";
  CHECK(RunCli(base + " --offences /nonexistent.csv").err ==
        "qinglian: /nonexistent.csv: No such file or directory\n");
  CHECK(RunCli(base + " --offences x.csv --model speeding").err ==
        "qinglian: unknown model 'speeding' (models: soe_drink_driving, soe_vice)\n");
  CHECK(RunCli(base + " --offences x.csv --as-of 2024-02-30").err ==
        "qinglian: --as-of: impossible date 2024-02-30\n");
  testing::WriteFile(dir / "bad.json",
                     "{\"name\": \"x\", \"title_zh\": \"x\", \"title_en\": \"x\", "
                     "\"offence_types\": [\"speeding\"]}");
  CHECK(RunCli(base + " --offences x.csv --models-dir '" + dir.path().string() + "'").err ==
        "qinglian: " + (dir / "bad.json") +
            ": offence_types: unknown type 'speeding' (types: drink_driving, drunk_driving, "
            "prostitution, gambling, "
            "drugs)\n");
  CHECK(RunCli("--db '" + (dir / "none.db") + "' leads").err ==
        "qinglian: " + (dir / "none.db") +
            ": no such database (run 'qinglian run' first, or give --db)\n");
}

// Kills a real run inside its transaction: the store must be exactly as before.
TEST_CASE("qinglian run killed with SIGKILL leaves the store as it was", "[cli][run]") {
  testing::TempDir dir;
  REQUIRE(RunCli(RunArgs(dir)).exit_code == 0);
  const std::string before = RunCli("--db '" + (dir / "q.db") + "' leads --format json").out;
  const std::string err = dir / "err";
  const std::string script =
      "QINGLIAN_FAULT=pause-before-commit '" + std::string(QINGLIAN_BIN) + "' " + RunArgs(dir) +
      " --lookback-years 10 2>'" + err + "' >/dev/null & pid=$!; " +
      "for i in $(seq 1 200); do grep -q paused '" + err + "' && break; sleep 0.05; done; " +
      "kill -9 $pid; wait $pid 2>/dev/null; grep -c paused '" + err + "'";
  testing::WriteFile(dir / "kill.sh", script + "\n");
  const int status = std::system(("bash '" + (dir / "kill.sh") + "' >/dev/null").c_str());
  CHECK(WEXITSTATUS(status) == 0);  // grep found the pause: the kill hit the open transaction
  const auto after = RunCli("--db '" + (dir / "q.db") + "' leads --format json");
  CHECK(after.out == before);
  const auto runs = RunCli("--db '" + (dir / "q.db") + "' runs");
  CHECK(runs.out.find("\n   2 ") == std::string::npos);
  // The next run goes ahead normally and finds the lead the killed one had.
  const auto next = RunCli(RunArgs(dir) + " --lookback-years 10");
  CHECK(next.out.find("  leads: 1 new, 3 seen again") != std::string::npos);
}

// A store with the three leads of the fixtures: 1 drunk driving (城建),
// 2 drink driving (交通), 3 drugs (交通).
struct Fixture {
  testing::TempDir dir;
  std::string db = dir / "q.db";
  Fixture() {
    const auto r =
        RunCli("--db '" + db + "' run --employees '" + TestData("loader/employees_utf8.csv") +
               "' --offences '" + TestData("loader/offences_a.csv") +
               "' --as-of 2024-12-31 --max-reject-rate 0.5");
    REQUIRE(r.exit_code == 0);
  }
  testing::CliResult Q(const std::string& args) const {
    return RunCli("--db '" + db + "' " + args);
  }
  std::string Ids(const std::string& filters) const {
    const auto r = Q("leads --format json " + filters);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    std::vector<std::string> ids;
    for (const auto& l : nlohmann::json::parse(r.out))
      ids.push_back(std::to_string(l["id"].get<int>()));
    return Join(ids, " ");
  }
};

TEST_CASE("qinglian leads filters as users type them", "[cli][leads]") {
  Fixture f;
  CHECK(f.Ids("") == "1 2 3");
  CHECK(f.Ids("--unit 交通") == "2 3");
  CHECK(f.Ids("--unit 市城建投资集团") == "1");
  CHECK(f.Ids("--type 醉驾") == "1");
  CHECK(f.Ids("--type drink_driving") == "2");
  CHECK(f.Ids("--type 吸毒") == "3");
  CHECK(f.Ids("--status new") == "1 2 3");
  CHECK(f.Ids("--status closed").empty());
  CHECK(f.Ids("--run 1") == "1 2 3");
  CHECK(f.Ids("--new") == "1 2 3");
  CHECK(f.Ids("--since 2022-01-01") == "2 3");
  CHECK(f.Ids("--until 2022/1/3") == "1 2");
  CHECK(f.Ids("--limit 2") == "1 2");

  const auto ambiguous = f.Q("leads --unit 集团");
  CHECK(ambiguous.exit_code == 1);
  CHECK(ambiguous.err ==
        "qinglian: --unit: several units match '集团' (市交通建设集团, 市城建投资集团, "
        "市水务集团)\n");
  CHECK(f.Q("leads --unit 水利").err ==
        "qinglian: --unit: no unit matches '水利' (units: 市交通建设集团, 市城建投资集团, "
        "市水务集团)\n");
  CHECK(f.Q("leads --type 超速").err ==
        "qinglian: --type: unknown type '超速' (types: drink_driving 酒驾, drunk_driving 醉驾, "
        "prostitution 嫖娼, "
        "gambling 赌博, drugs 吸毒)\n");
  CHECK(f.Q("leads --status open").exit_code == 2);

  const auto table = f.Q("leads --unit 城建");
  CHECK(table.out ==
        "id  type           status  unit            name  id number           offence date  BAC  "
        "case no\n"
        "1   drunk_driving  new     市城建投资集团  张三  430102********9016  2021-03-05    85   "
        "HA-2021-001\n"
        "(1 lead)\n");
}

TEST_CASE("qinglian leads shows full ID numbers only for a stated reason", "[cli][leads]") {
  Fixture f;
  const auto refused = f.Q("leads --unmask");
  CHECK(refused.exit_code == 2);
  CHECK(refused.err ==
        "qinglian: --unmask needs --reason TEXT: full ID numbers are shown only for a stated "
        "reason\n");
  const auto shown = f.Q("leads --unmask --reason '核查张三身份' --format csv");
  CHECK(shown.exit_code == 0);
  CHECK(shown.out.find("430102198001019016") != std::string::npos);
  const auto audit = f.Q("audit");
  CHECK(audit.out.find("leads     3 leads, ID numbers unmasked  [--db") != std::string::npos);
  CHECK(audit.out.find("--reason 核查张三身份") != std::string::npos);
}

TEST_CASE("qinglian dispose moves a lead through the workflow and refuses illegal steps",
          "[cli][dispose]") {
  Fixture f;
  const auto early = f.Q("dispose 1 --status closed --outcome warning");
  CHECK(early.exit_code == 1);
  CHECK(early.err == "qinglian: lead 1 is new: transfer it for verification before closing it\n");
  CHECK(f.Q("dispose 1 --status transferred --note 移交核查").out == "lead 1: transferred\n");
  CHECK(
      f.Q("dispose 1 --status closed --outcome 记大过 --case-filed --recovered-yuan 3560.5").out ==
      "lead 1: closed (major_demerit)\n");
  CHECK(f.Q("dispose 1 --status transferred").err ==
        "qinglian: lead 1 is already closed (major_demerit); a closed lead is final\n");
  CHECK(f.Q("dispose 9 --status transferred").err == "qinglian: no lead 9\n");
  CHECK(f.Q("dispose 2 --status closed --outcome fined").exit_code == 1);
  CHECK(f.Q("dispose 2").exit_code == 2);

  const auto show = nlohmann::json::parse(f.Q("show 1 --format json").out);
  CHECK(show["status"] == "closed");
  CHECK(show["outcome"] == "major_demerit");
  CHECK(show["case_filed"] == true);
  CHECK(show["recovered_yuan"] == 3560.5);
  REQUIRE(show["history"].size() == 3);
  CHECK(show["history"][1]["to"] == "transferred");
  CHECK(show["history"][1]["note"] == "移交核查");
  CHECK(show["history"][2]["outcome"] == "major_demerit");
  CHECK(f.Q("show 99").err == "qinglian: no lead 99\n");
}

TEST_CASE("qinglian dispose --file applies all rows or none, listing every bad line",
          "[cli][dispose]") {
  Fixture f;
  const std::string bad = f.dir / "bad.csv";
  testing::WriteFile(bad,
                     "线索编号,状态,处置结果,是否立案,追缴金额,备注\n"
                     "1,移交核查,,,,\n"
                     "1,办结,警告,是,500,\n"
                     "2,办结,诫勉,,,\n"
                     "3,移交核查,,也许,,\n"
                     "x,移交核查,,,,\n");
  const auto r = f.Q("dispose --file '" + bad + "'");
  CHECK(r.exit_code == 1);
  CHECK(r.err == "qinglian: " + bad + ":5: case_filed: expected yes or no, found '也许'\n" +
                     "qinglian: " + bad + ":6: lead_id: expected a lead number, found 'x'\n" +
                     "qinglian: " + bad +
                     ":4: lead 2 is new: transfer it for verification before closing it\n" +
                     "qinglian: " + bad + ": 3 bad lines; nothing was changed\n");
  CHECK(f.Ids("--status new") == "1 2 3");

  const std::string good = f.dir / "good.csv";
  testing::WriteFile(good,
                     "lead_id,status,outcome,case_filed,recovered_yuan,note\n"
                     "1,transferred,,,,\n1,closed,warning,yes,500,\n2,transferred,,,,\n");
  const auto ok = f.Q("dispose --file '" + good + "'");
  CHECK(ok.exit_code == 0);
  CHECK(ok.out == good + ": 3 dispositions recorded\n");
  CHECK(f.Ids("--status closed") == "1");
  CHECK(f.Ids("--status transferred") == "2");
}

TEST_CASE("qinglian export writes CSV that our reader reads back, and XLSX", "[cli][export]") {
  Fixture f;
  const std::string csv = f.dir / "leads.csv";
  const auto r = f.Q("export --out '" + csv + "' --type 醉驾");
  CHECK(r.exit_code == 0);
  CHECK(r.out == csv + ": 1 leads\n");
  const std::string text = testing::ReadFile(csv);
  CHECK(text.starts_with("\xEF\xBB\xBF线索编号,模型,类型,状态"));
  CHECK(text.find(",430102********9016,") != std::string::npos);
  const std::string xlsx = f.dir / "leads.xlsx";
  CHECK(f.Q("export --out '" + xlsx + "' --lang en").exit_code == 0);
  CHECK(testing::ReadFile(xlsx).starts_with("PK"));
  CHECK(f.Q("export --out /nonexistent/x.csv")
            .err.starts_with("qinglian: /nonexistent/x.csv: cannot create"));
}

// Tampering with the sqlite3 shell behind the tool's back.
TEST_CASE("qinglian audit verify catches an edited, a deleted and a reordered entry",
          "[cli][audit]") {
  const auto tampered = [](const std::string& sql) {
    Fixture f;
    f.Q("leads");
    f.Q("show 1");
    f.Q("leads --type 醉驾");
    REQUIRE(f.Q("audit verify").out == "audit trail intact: 4 entries\n");
    // The triggers refuse the change as long as they are there.
    const std::string refused =
        "sqlite3 '" + f.db + "' \"DELETE FROM audit_log WHERE id = 2\" 2>/dev/null";
    REQUIRE(std::system(refused.c_str()) != 0);
    const std::string drop = "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; ";
    REQUIRE(std::system(("sqlite3 '" + f.db + "' \"" + drop + sql + "\"").c_str()) == 0);
    return f.Q("audit verify");
  };
  const auto edited = tampered("UPDATE audit_log SET actor = 'someone' WHERE id = 2");
  CHECK(edited.exit_code == 1);
  CHECK(edited.err.ends_with(
      ": audit trail broken at entry 2: entry 2 was altered: its hash does not match\n"));
  const auto deleted = tampered("DELETE FROM audit_log WHERE id = 3");
  CHECK(deleted.err.ends_with(
      ": audit trail broken at entry 3: entry 3 is missing: it was deleted\n"));
  const auto reordered = tampered(
      "UPDATE audit_log SET id = 99 WHERE id = 2; UPDATE audit_log SET id = 2 WHERE id = 3; "
      "UPDATE audit_log SET id = 3 WHERE id = 99");
  CHECK(
      reordered.err.ends_with(": audit trail broken at entry 2: entry 2 does not follow entry 1: "
                              "entries were removed or reordered\n"));
}

// The demo's figures must come out of the data: the report agrees with the
// leads and the feedback file, and a second demo gives the same report.
TEST_CASE("qinglian demo runs the whole job and its report matches the store", "[cli][demo]") {
  testing::TempDir dir;
  const std::string demo_dir = dir / "demo";
  const auto first = RunCli("demo --dir '" + demo_dir + "' --lang en");
  REQUIRE(first.exit_code == 0);
  for (const char* step : {"== 1. generate", "== 2. compare",
                           "== 3. the inspection team's feedback", "== 4. report"}) {
    INFO(step);
    CHECK(first.out.find(step) != std::string::npos);
  }
  const std::string db = demo_dir + "/qinglian.db";
  const auto leads = nlohmann::json::parse(RunCli("--db '" + db + "' leads --format json").out);
  const auto report = nlohmann::json::parse(RunCli("--db '" + db + "' report --format json").out);
  CHECK(report["leads"]["found"] == leads.size());
  CHECK(report["coverage"]["units"] == 7);
  CHECK(report["coverage"]["employee_records"].get<int>() > 11900);
  size_t closed = 0, sanctioned = 0, double_expulsion = 0;
  for (const auto& l : leads) {
    closed += l["status"] == "closed";
    const std::string o = l["outcome"];
    sanctioned += o == "warning" || o == "demerit" || o == "major_demerit" || o == "demotion" ||
                  o == "removal" || o == "dismissal" || o == "double_expulsion";
    double_expulsion += o == "double_expulsion";
  }
  CHECK(report["leads"]["closed"] == closed);
  CHECK(report["leads"]["sanctioned"] == sanctioned);
  CHECK(report["outcomes"].value("double_expulsion", size_t{0}) == double_expulsion);
  CHECK(closed > 0);
  CHECK(testing::ReadFile(demo_dir + "/report.html").starts_with("<!DOCTYPE html>"));

  const auto second = RunCli("demo --dir '" + demo_dir + "' --lang en");
  REQUIRE(second.exit_code == 0);
  const auto headline = [](const std::string& out) { return out.substr(out.find("As of ")); };
  CHECK(headline(second.out).substr(0, 400) == headline(first.out).substr(0, 400));
}

}  // namespace
}  // namespace qinglian

// Bad input files given to check and run.
namespace qinglian {
namespace {

const char kEmployeeHeader[] = "单位,部门,姓名,公民身份号码,职务,人员类别,入职日期,离职日期\n";
const char kOffenceHeader[] =
    "姓名,身份证号码,违法行为,违法时间,血液酒精含量（mg/100ml）,违法地点,处罚结果,决定书编号,"
    "处罚机关\n";

// `run` of the test employees and one offence file, into a fresh store in `dir`.
testing::CliResult RunWithOffences(const testing::TempDir& dir, const std::string& offences) {
  return RunCli("--db '" + (dir / "q.db") + "' run --employees '" +
                TestData("loader/employees_utf8.csv") + "' --offences '" + offences +
                "' --as-of 2024-12-31 --max-reject-rate 0.5");
}

TEST_CASE("qinglian check and run refuse a file with no data rows", "[cli][check][run]") {
  testing::TempDir dir;
  const std::string empty = dir / "offences.csv";
  for (const char* after_header : {"", "\r\n", ",,,\n\n", ",,,,,,,,,,,\n\"\",\" \",,,,,\n"}) {
    INFO(after_header);
    testing::WriteFile(empty, kOffenceHeader + std::string(after_header));
    const auto check = RunCli("check '" + empty + "' --kind offences");
    CHECK(check.exit_code == 1);
    CHECK(check.out.find("  rows read                      0\n") != std::string::npos);
    CHECK(check.err == "qinglian: " + empty + ": no data rows after the header\n");
    testing::TempDir store;
    const auto run = RunWithOffences(store, empty);
    CHECK(run.exit_code == 3);
    CHECK(run.err == "qinglian: run 1 failed: " + empty + ": no data rows after the header\n");
    CHECK(RunCli("--db '" + (store / "q.db") + "' runs").out.find("failed") != std::string::npos);
  }
  testing::WriteFile(dir / "hr.csv", kEmployeeHeader);
  const auto employees =
      RunCli("--db '" + (dir / "q.db") + "' run --employees '" + (dir / "hr.csv") +
             "' --offences '" + TestData("loader/offences_a.csv") + "'");
  CHECK(employees.exit_code == 3);
  CHECK(employees.err ==
        "qinglian: run 1 failed: " + (dir / "hr.csv") + ": no data rows after the header\n");
}

}  // namespace
}  // namespace qinglian

namespace qinglian {
namespace {

TEST_CASE("qinglian check and run skip rows of only separators as blank lines",
          "[cli][check][run]") {
  testing::TempDir dir;
  const std::string offences = dir / "offences.csv";
  testing::WriteFile(offences,
                     testing::ReadFile(TestData("loader/offences_a.csv")) +
                         ",,,,,,,,\n,,,,,,,,\n\"\",\"\",\" \",,\t,,,\r\n,,,,,,,,\n,,,,,,,,");
  const auto check = RunCli("check '" + offences + "' --kind offences");
  CHECK(check.exit_code == 0);
  CHECK(check.out.find("  rows read                      7\n"
                       "  accepted                       4\n"
                       "  rejected                       3\n") != std::string::npos);
  CHECK(check.out.find("  blank lines skipped            5\n") != std::string::npos);
  const auto run = RunWithOffences(dir, offences);
  CHECK(run.exit_code == 0);
  CHECK(run.out.find(offences +
                     ": 7 rows, 3 accepted, 3 rejected, 0 duplicates, 1 not employees\n") !=
        std::string::npos);
}

}  // namespace
}  // namespace qinglian

namespace qinglian {
namespace {

// Runs that a regression would let read forever get a time limit and, where
// no sanitizer needs the address space, a memory limit.
#if defined(__SANITIZE_ADDRESS__)
constexpr char kEndlessInputGuard[] = "timeout 20";
#else
constexpr char kEndlessInputGuard[] = "ulimit -v 4000000; timeout 20";
#endif

TEST_CASE("qinglian refuses a pipe or a device as input", "[cli][check][run]") {
  testing::TempDir dir;
  const std::string fifo = dir / "offences.csv";
  REQUIRE(std::system(("mkfifo '" + fifo + "'").c_str()) == 0);
  const std::string refused =
      ": not a regular file (a pipe or device cannot be read twice); save it to a file first\n";
  const auto zero = RunCli("check /dev/zero --kind offences", kEndlessInputGuard);
  CHECK(zero.exit_code == 1);
  CHECK(zero.err == "qinglian: /dev/zero" + refused);
  const auto pipe = RunCli("check '" + fifo + "' --kind offences", kEndlessInputGuard);
  CHECK(pipe.exit_code == 1);
  CHECK(pipe.err == "qinglian: " + fifo + refused);
  const auto run = RunCli("--db '" + (dir / "q.db") + "' run --employees '" +
                              TestData("loader/employees_utf8.csv") + "' --offences '" + fifo + "'",
                          kEndlessInputGuard);
  CHECK(run.exit_code == 1);
  CHECK(run.err == "qinglian: " + fifo + refused);
  const auto stdin_run = RunCli("--db '" + (dir / "q.db") + "' run --employees /dev/stdin '" +
                                    TestData("loader/employees_utf8.csv") + "' --offences '" +
                                    TestData("loader/offences_a.csv") + "'",
                                kEndlessInputGuard);
  CHECK(stdin_run.exit_code == 1);
  CHECK(stdin_run.err == "qinglian: /dev/stdin" + refused);
  CHECK(RunCli("check '" + dir.path().string() + "' --kind offences").err ==
        "qinglian: " + dir.path().string() + ": Is a directory\n");
}

}  // namespace
}  // namespace qinglian

namespace qinglian {
namespace {

TEST_CASE("qinglian names the encoding it tried when a header does not decode", "[cli][check]") {
  const std::string gb = TestData("loader/employees_gb18030.csv");
  const std::string utf16 = TestData("loader/employees_utf16.txt");
  struct {
    std::string file, encoding, want;
  } cases[] = {
      {gb, "utf-16",
       "line 1: the header is not valid UTF-16LE (it looks like GB18030: try "
       "--encoding gb18030)"},
      {gb, "utf-16be",
       "line 1: the header is not valid UTF-16BE (it looks like GB18030: try "
       "--encoding gb18030)"},
      {gb, "utf-8",
       "line 1: the header is not valid UTF-8 (it looks like GB18030: try "
       "--encoding gb18030)"},
      {utf16, "utf-8",
       "line 1: the header is not valid UTF-8 (it looks like UTF-16LE: try "
       "--encoding utf-16le)"},
      {utf16, "gb18030",
       "line 1: the header is not valid GB18030 (it looks like UTF-16LE: try "
       "--encoding utf-16le)"},
  };
  for (const auto& c : cases) {
    INFO(c.file << " as " << c.encoding);
    const auto r = RunCli("check '" + c.file + "' --kind employees --encoding " + c.encoding);
    CHECK(r.exit_code == 1);
    CHECK(r.err == "qinglian: " + c.file + ": " + c.want + "\n");
  }
}

}  // namespace
}  // namespace qinglian

namespace qinglian {
namespace {

TEST_CASE("qinglian check and run warn of text read in the wrong encoding", "[cli][check][run]") {
  // GB 2312 characters whose GB18030 bytes happen to be valid UTF-8: 陆平, 毛萍,
  // 牛玫 in the unit 水泰.
  testing::TempDir dir;
  const std::string gb = dir / "hr.csv";
  testing::WriteFile(gb,
                     "name,id,unit,hire_date\n"
                     "\xC2\xBD\xC6\xBD,11010519491231002X,\xCB\xAE\xCC\xA9,2010-01-01\n"
                     "\xC3\xAB\xC6\xBC,440308199901101512,\xCB\xAE\xCC\xA9,2010-01-01\n"
                     "\xC5\xA3\xC3\xB5,430102198001019016,\xCB\xAE\xCC\xA9,2010-01-01\n");
  const auto check = RunCli("check '" + gb + "' --kind employees");
  CHECK(check.exit_code == 0);
  CHECK(check.out.find("(employees): utf-8, ',' separated, ") != std::string::npos);
  CHECK(check.out.find("\n  warning: the text looks like GB18030 read as UTF-8; check it, or "
                       "read it with --encoding gb18030\n") != std::string::npos);
  CHECK(RunCli("check '" + gb + "' --kind employees --encoding gb18030").out.find("warning") ==
        std::string::npos);

  const std::string english = dir / "english.csv";
  testing::WriteFile(english,
                     "unit,name,id,hire_date\n"
                     "市城建投资集团,张三,11010519491231002X,2010-01-01\n"
                     "市交通建设集团,李四,440308199901101512,2010-01-01\n");
  const auto forced = RunCli("check '" + english + "' --kind employees --encoding gbk");
  CHECK(forced.exit_code == 0);
  CHECK(forced.out.find("\n  warning: the text looks like UTF-8 read as GB18030; check it, or "
                        "read it with --encoding utf-8\n") != std::string::npos);
  const std::string utf8 = TestData("loader/employees_utf8.csv");
  const auto missing = RunCli("check '" + utf8 + "' --kind employees --encoding gbk");
  CHECK(missing.exit_code == 1);
  CHECK(
      missing.err.ends_with("name it with --map 'HEADER=name' (the text looks like UTF-8 read "
                            "as GB18030: try --encoding utf-8)\n"));

  const auto run =
      RunCli("--db '" + (dir / "q.db") + "' run --employees '" + gb + "' --offences '" +
             TestData("loader/offences_a.csv") + "' --as-of 2024-12-31 --max-reject-rate 0.5");
  CHECK(run.exit_code == 0);
  CHECK(run.out.find(gb + ": 3 rows, 3 accepted, 0 rejected, 0 duplicates\n"
                          "    warning: the text looks like GB18030 read as UTF-8; check it, or "
                          "read it with --encoding gb18030\n") != std::string::npos);
}

}  // namespace
}  // namespace qinglian
