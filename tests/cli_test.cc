// End-to-end tests of the command line: the real binary, its exit codes and
// its one-line errors.
#include <sys/stat.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <vector>

#include "qinglian/base/text.h"
#include "qinglian/input/csv.h"
#include "qinglian/input/xlsx.h"
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
  // Where the time went, in wall and CPU seconds, phase by phase.
  for (const char* phase : {"load_employees", "index", "load_offences", "compare", "store"}) {
    INFO(phase);
    CHECK(summary["phases_seconds"][phase].get<double>() >= 0);
    CHECK(summary["phases_cpu_seconds"][phase].get<double>() >= 0);
  }
  CHECK(summary["cpu_seconds"].get<double>() > 0);

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
                     ": 28.6% of rows rejected (limit 5.0%); see the rejects file\n");
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
        "qinglian: unknown model 'speeding' (models: business_while_employed, "
        "payroll_after_death, soe_drink_driving, soe_vice, subsidy_while_employed)\n");
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
  CHECK(
      f.Q("leads --type 超速")
          .err.starts_with(
              "qinglian: --type: unknown type '超速' (types: drink_driving 饮酒驾驶, drunk_driving "
              "醉酒驾驶, prostitution 卖淫嫖娼, gambling 赌博, drugs 吸毒, 酒驾醉驾, 黄赌毒, "
              "business_while_employed 违规经商办企业,"));
  CHECK(f.Q("leads --status open").exit_code == 2);

  const auto table = f.Q("leads --unit 城建");
  CHECK(table.out ==
        "id  type           status  unit            name  id number           date        detail\n"
        "1   drunk driving  new     市城建投资集团  张三  430102********9016  2021-03-05  BAC 85, "
        "HA-2021-001\n"
        "(1 lead)\n");
  CHECK(f.Q("--lang zh leads --unit 城建").out ==
        "编号  类型      状态    单位            姓名  身份证号            日期        详情\n"
        "1     醉酒驾驶  新线索  市城建投资集团  张三  430102********9016  2021-03-05  酒精含量 "
        "85，HA-2021-001\n"
        "（1条线索）\n");
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
  const auto q = [&f](const std::string& args) {
    return RunCli("--db '" + f.db + "' " + args, "QINGLIAN_TODAY=2025-03-01");
  };
  const auto early = q("dispose 1 --status closed --outcome 政务警告");
  CHECK(early.exit_code == 1);
  CHECK(early.err == "qinglian: lead 1 is new: transfer it for verification before closing it\n");
  CHECK(q("dispose 1 --status transferred --note 移交核查").out ==
        "lead 1: transferred, due 2025-03-31\n");
  CHECK(q("dispose 1 --status closed --outcome 记大过 --case-filed --recovered-yuan 3560.5").out ==
        "lead 1: closed (gov_major_demerit)\n");
  CHECK(q("dispose 1 --status transferred").err ==
        "qinglian: lead 1 is already closed (gov_major_demerit): reopen it to change it\n");
  CHECK(q("dispose 9 --status transferred").err == "qinglian: no lead 9\n");
  CHECK(q("dispose 2 --status closed --outcome fined").exit_code == 1);
  CHECK(q("dispose 2").exit_code == 2);

  const auto show = nlohmann::json::parse(q("show 1 --format json").out);
  CHECK(show["status"] == "closed");
  CHECK(show["outcome"] == "gov_major_demerit");
  CHECK(show["case_filed"] == true);
  CHECK(show["recovered_yuan"] == 3560.5);
  REQUIRE(show["history"].size() == 3);
  CHECK(show["history"][1]["to"] == "transferred");
  CHECK(show["history"][1]["note"] == "移交核查");
  CHECK(show["history"][1]["due"] == "2025-03-31");
  CHECK(show["history"][2]["outcome"] == "gov_major_demerit");
  CHECK(q("show 99").err == "qinglian: no lead 99\n");
}

TEST_CASE("qinglian dispose --file applies all rows or none, listing every bad line",
          "[cli][dispose]") {
  Fixture f;
  const std::string bad = f.dir / "bad.csv";
  testing::WriteFile(bad,
                     "线索编号,状态,处置结果,是否立案,追缴金额,备注\n"
                     "1,移交核查,,,,\n"
                     "1,办结,政务警告,是,500,\n"
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
                     "1,transferred,,,,\n1,closed,gov_warning,yes,500,\n2,transferred,,,,\n");
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
    const auto intact = f.Q("audit verify");
    REQUIRE(intact.out.starts_with("audit trail intact: 4 entries, 3 leads, 3 lead events; head "));
    // The triggers refuse the change as long as they are there.
    const std::string refused =
        "sqlite3 '" + f.db + "' \"DELETE FROM audit_log WHERE id = 2\" 2>/dev/null";
    REQUIRE(std::system(refused.c_str()) != 0);
    const std::string drop = "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; ";
    REQUIRE(std::system(("sqlite3 '" + f.db + "' \"" + drop + sql + "\"").c_str()) == 0);
    return f.Q("audit verify");
  };
  // The two dropped triggers are problems too.
  const auto edited = tampered("UPDATE audit_log SET actor = 'someone' WHERE id = 2");
  CHECK(edited.exit_code == 1);
  CHECK(edited.err.ends_with(
      ": audit trail broken: entry 2 was altered: its hash does not match (and 2 more "
      "problems)\n"));
  const auto deleted = tampered("DELETE FROM audit_log WHERE id = 3");
  CHECK(deleted.err.ends_with(
      ": audit trail broken: entry 3 is missing: it was deleted (and 2 more problems)\n"));
  const auto reordered = tampered(
      "UPDATE audit_log SET id = 99 WHERE id = 2; UPDATE audit_log SET id = 2 WHERE id = 3; "
      "UPDATE audit_log SET id = 3 WHERE id = 99");
  CHECK(reordered.err.find(": audit trail broken: entry 2 does not follow entry 1: entries were "
                           "removed or reordered (and ") != std::string::npos);
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
    bool party = false, gov = false, party_expulsion = false, gov_dismissal = false;
    for (const std::string o : l["outcomes"]) {
      party = party || o.starts_with("party_");
      gov = gov || o.starts_with("gov_");
      party_expulsion = party_expulsion || o == "party_expulsion";
      gov_dismissal = gov_dismissal || o == "gov_dismissal";
    }
    sanctioned += party || gov;
    double_expulsion += party_expulsion && gov_dismissal;
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

TEST_CASE("qinglian keeps going on arguments that are not UTF-8", "[cli][utf8]") {
  Fixture f;
  // A note typed in a GBK terminal: dispose, show --format json and audit all work.
  const auto dispose = f.Q("dispose 1 --status transferred --note \"$(printf '\\325\\305')\"");
  CHECK(dispose.exit_code == 0);
  CHECK(dispose.err == "");
  const auto show = f.Q("show 1 --format json");
  REQUIRE(show.exit_code == 0);
  CHECK(nlohmann::json::parse(show.out)["history"][1]["note"] == "\uFFFD\uFFFD");
  CHECK(f.Q("audit").exit_code == 0);

  // A file name in GBK bytes (张三.csv).
  const std::string gbk = f.dir / "\xD5\xC5\xC8\xFD.csv";
  testing::WriteFile(gbk, testing::ReadFile(TestData("loader/employees_utf8.csv")));
  const auto run = RunCli("--db '" + (f.dir / "gbk.db") + "' run --employees '" + gbk +
                          "' --offences '" + TestData("loader/offences_a.csv") +
                          "' --as-of 2024-12-31 --max-reject-rate 0.5 --json");
  CHECK(run.exit_code == 0);
  CHECK(run.err == "");
  const auto j = nlohmann::json::parse(run.out);
  CHECK(j["files"][0]["path"] == (f.dir / "\uFFFD\uFFFD\uFFFD\uFFFD.csv"));
}

TEST_CASE("qinglian dispose --file takes a lead number too large for 64 bits as a bad line",
          "[cli][dispose]") {
  Fixture f;
  const std::string big = f.dir / "big.csv";
  testing::WriteFile(big,
                     "lead_id,status\n"
                     "1,transferred\n"
                     "99999999999999999999,transferred\n"
                     "9223372036854775808,transferred\n");
  const auto r = f.Q("dispose --file '" + big + "'");
  CHECK(r.exit_code == 1);
  CHECK(r.err == "qinglian: " + big + ":3: lead_id: 99999999999999999999 is not a lead number\n" +
                     "qinglian: " + big +
                     ":4: lead_id: 9223372036854775808 is not a lead number\n" +
                     "qinglian: " + big + ": 2 bad lines; nothing was changed\n");
  CHECK(f.Ids("--status new") == "1 2 3");
}

TEST_CASE("qinglian run and report refuse a model file with a number out of range",
          "[cli][model]") {
  Fixture f;
  const std::string models = f.dir / "models";
  std::filesystem::create_directories(models);
  testing::WriteFile(models + "/m.json",
                     R"({"name": "m", "title_zh": "x", "title_en": "x", )"
                     R"("offence_types": ["drunk_driving"], "lookback_years": 1e400})");
  const auto run = f.Q("run --employees '" + TestData("loader/employees_utf8.csv") +
                       "' --offences '" + TestData("loader/offences_a.csv") +
                       "' --as-of 2024-12-31 --max-reject-rate 0.5 --models-dir '" + models + "'");
  CHECK(run.exit_code == 1);
  CHECK(run.err ==
        "qinglian: " + models + "/m.json: lookback_years: the number 1e400 is out of range\n");
  // The report only takes the models' titles: it goes on without them.
  const auto report = f.Q("report --lang en --models-dir '" + models + "'");
  CHECK(report.exit_code == 0);
  CHECK(report.err == "");

  testing::WriteFile(models + "/m.json",
                     R"({"name": "m", "title_zh": "x", "title_en": "x", )"
                     R"("offence_types": ["drunk_driving"], "lookback_years": 4294967297})");
  CHECK(f.Q("run --employees '" + TestData("loader/employees_utf8.csv") + "' --offences '" +
            TestData("loader/offences_a.csv") + "' --models-dir '" + models + "'")
            .err ==
        "qinglian: " + models +
            "/m.json: lookback_years: expected a whole number of years from 0 to 100\n");
}

TEST_CASE("qinglian turns an unforeseen exception into one line and exit 1", "[cli][main]") {
  testing::TempDir dir;
  const std::string args = "--db '" + (dir / "q.db") + "' runs";
  const auto thrown = RunCli(args, "QINGLIAN_FAULT=throw");
  CHECK(thrown.exit_code == 1);
  CHECK(thrown.err == "qinglian: internal error: injected fault\n");
  const auto no_memory = RunCli(args, "QINGLIAN_FAULT=bad-alloc");
  CHECK(no_memory.exit_code == 1);
  CHECK(no_memory.err == "qinglian: internal error: out of memory\n");
}

TEST_CASE("qinglian refuses an empty --db instead of using a temporary database", "[cli][main]") {
  testing::TempDir dir;
  const auto run = RunCli("--db '' run --employees '" + TestData("loader/employees_utf8.csv") +
                          "' --offences '" + TestData("loader/offences_a.csv") +
                          "' --as-of 2024-12-31 --max-reject-rate 0.5");
  CHECK(run.exit_code == 2);
  CHECK(run.err == "qinglian: --db: the database file name is empty\n");
  CHECK(run.out == "");
  CHECK(RunCli("--db '' leads").exit_code == 2);
  // An empty $QINGLIAN_DB is as good as none: ./qinglian.db.
  const auto env = RunCli("runs", "cd '" + dir.path().string() + "' && QINGLIAN_DB=");
  CHECK(env.exit_code == 1);
  CHECK(env.err ==
        "qinglian: qinglian.db: no such database (run 'qinglian run' first, or give --db)\n");
}

TEST_CASE("qinglian run and check refuse a --map header that no input has", "[cli][map]") {
  testing::TempDir dir;
  const std::string rejects = dir / "rejects.csv";
  const auto check = RunCli("check '" + TestData("loader/employees_utf8.csv") +
                            "' --kind employees --map 证号=id_number --rejects '" + rejects + "'");
  CHECK(check.exit_code == 1);
  CHECK(check.err.starts_with(
      "qinglian: --map '证号=id_number': no input has a column '证号'; columns found: "));
  CHECK(check.err.find('\n') == check.err.size() - 1);
  CHECK(check.out == "");
  CHECK_FALSE(std::filesystem::exists(rejects));

  // A mapping meant for the offence files is fine in a run that has one.
  const std::string args = "--db '" + (dir / "q.db") + "' run --employees '" +
                           TestData("loader/employees_utf8.csv") + "' --offences '" +
                           TestData("loader/offences_a.csv") +
                           "' --as-of 2024-12-31 --max-reject-rate 0.5 --rejects '" + rejects + "'";
  const auto run = RunCli(args + " --map 当事人=name");
  CHECK(run.exit_code == 1);
  CHECK(run.err.starts_with(
      "qinglian: --map '当事人=name': no input has a column '当事人'; columns found: "));
  CHECK_FALSE(std::filesystem::exists(rejects));
  CHECK(RunCli("--db '" + (dir / "q.db") + "' runs").out.find("\n   1 ") == std::string::npos);
  const auto ok = RunCli(args + " --map 决定书编号=case_no");
  CHECK(ok.exit_code == 0);
  CHECK(ok.err == "");
}

TEST_CASE("qinglian run and check reject dates that cannot be true", "[cli][dates]") {
  testing::TempDir dir;
  testing::WriteFile(dir / "hr.csv",
                     "姓名,身份证号,单位,入职日期\n"
                     "张三,430102198001019016,市城建投资集团,1\n"
                     "李四,430102198505059126,市城建投资集团,99999\n"
                     "王五,431202199009099234,市城建投资集团,2012-01-05\n");
  testing::WriteFile(dir / "po.csv",
                     "姓名,身份证号码,违法行为,违法时间,决定书编号\n"
                     "王五,431202199009099234,赌博,2099-03-01,C1\n"
                     "王五,431202199009099234,赌博,2024-03-01,C2\n");
  // A date after today cannot be true.
  const std::string rejects = dir / "rejects.csv";
  const auto check =
      RunCli("check '" + (dir / "hr.csv") + "' --kind employees --rejects '" + rejects + "'");
  CHECK(check.exit_code == 0);
  const std::string csv = testing::ReadFile(rejects);
  CHECK(csv.find(",2,入职日期,date_before_birth,hire date 1900-01-01 is before the person was "
                 "born,1\r\n") != std::string::npos);
  CHECK(csv.find(",3,入职日期,future_date,hire date 2173-10-13 is in the future,99999\r\n") !=
        std::string::npos);
  CHECK(csv.find("19800101") == std::string::npos);

  // run too, whatever its --as-of date.
  const auto run =
      RunCli("--db '" + (dir / "q.db") + "' run --employees '" + (dir / "hr.csv") +
             "' --offences '" + (dir / "po.csv") +
             "' --as-of 2024-12-31 --max-reject-rate 1 --json --rejects '" + rejects + "'");
  CHECK(run.exit_code == 0);
  const auto j = nlohmann::json::parse(run.out);
  CHECK(j["files"][0]["rejected"] == 2);
  CHECK(j["files"][1]["rejects_by_reason"]["future_date"] == 1);
  CHECK(j["leads"]["new"] == 1);
  CHECK(testing::ReadFile(rejects).find(",2,违法时间,future_date,offence date 2099-03-01 is in "
                                        "the future,2099-03-01\r\n") != std::string::npos);
}

// The names in a folder, sorted, separated by spaces.
std::string Listing(const std::filesystem::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return Join(names, " ");
}

int Mode(const std::string& path) {
  return static_cast<int>(std::filesystem::status(path).permissions() &
                          std::filesystem::perms::all);
}

TEST_CASE("qinglian says why a write failed", "[cli][output]") {
  Fixture f;
  std::filesystem::create_symlink("/dev/full", f.dir.path() / "full");
  const std::string full = f.dir / "full";
  for (const std::string& args :
       {"export --format csv --out '" + full + "'", "report --format html --out '" + full + "'"}) {
    INFO(args);
    const auto r = f.Q(args);
    CHECK(r.exit_code == 1);
    CHECK(r.err == "qinglian: " + full + ": No space left on device\n");
  }
}

TEST_CASE("files holding personal data are owner-only whatever the umask", "[cli][output]") {
  Fixture f;
  const std::string umask = "umask 022;";
  const std::string csv = f.dir / "leads.csv", xlsx = f.dir / "leads.xlsx",
                    full = f.dir / "full.csv", html = f.dir / "report.html",
                    json = f.dir / "report.json", checked = f.dir / "check-rejects.csv",
                    rejects = f.dir / "run-rejects.csv";
  const std::string db = "--db '" + f.db + "' ";
  REQUIRE(RunCli(db + "export --out '" + csv + "'", umask).exit_code == 0);
  REQUIRE(RunCli(db + "export --out '" + xlsx + "'", umask).exit_code == 0);
  REQUIRE(RunCli(db + "export --unmask --reason audit --out '" + full + "'", umask).exit_code == 0);
  REQUIRE(RunCli(db + "report --format html --out '" + html + "'", umask).exit_code == 0);
  REQUIRE(RunCli(db + "report --format json --out '" + json + "'", umask).exit_code == 0);
  REQUIRE(RunCli("check '" + TestData("loader/offences_a.csv") + "' --kind offences --rejects '" +
                     checked + "'",
                 umask)
              .exit_code == 0);
  REQUIRE(RunCli(RunArgs(f.dir) + " --rejects '" + rejects + "'", umask).exit_code == 0);
  for (const std::string& path : {csv, xlsx, full, html, json, checked, rejects}) {
    INFO(path);
    CHECK(Mode(path) == 0600);
  }
}

// Kills a paused run: its rejects file must not be left behind, whole or in part.
TEST_CASE("qinglian run killed with SIGKILL leaves no rejects file", "[cli][run]") {
  testing::TempDir dir;
  const std::string out = dir / "out";
  std::filesystem::create_directory(out);
  const std::string err = dir / "err";
  const std::string script =
      "QINGLIAN_FAULT=pause-before-commit '" + std::string(QINGLIAN_BIN) + "' " + RunArgs(dir) +
      " --rejects '" + out + "/rejects.csv' 2>'" + err + "' >/dev/null & pid=$!; " +
      "for i in $(seq 1 200); do grep -q paused '" + err + "' && break; sleep 0.05; done; " +
      "kill -9 $pid; wait $pid 2>/dev/null; grep -c paused '" + err + "'";
  testing::WriteFile(dir / "kill.sh", script + "\n");
  const int status = std::system(("bash '" + (dir / "kill.sh") + "' >/dev/null").c_str());
  CHECK(WEXITSTATUS(status) == 0);  // grep found the pause: the kill hit the open transaction
  CHECK(Listing(out) == "");
}

// /dev/full behind a link: every write fails with ENOSPC.
TEST_CASE("qinglian run commits nothing when its rejects file cannot be written", "[cli][run]") {
  testing::TempDir dir;
  std::filesystem::create_symlink("/dev/full", dir.path() / "rejects.csv");
  const std::string rejects = dir / "rejects.csv";
  const auto r = RunCli(RunArgs(dir) + " --rejects '" + rejects + "'");
  CHECK(r.exit_code == 1);
  CHECK(r.err == "qinglian: " + rejects + ": No space left on device\n");
  CHECK(RunCli("--db '" + (dir / "q.db") + "' runs").out.find("\n   1 ") == std::string::npos);
  CHECK(std::filesystem::is_symlink(rejects));

  // The demo's rejects file likewise, in an earlier demo's folder.
  const std::string demo = dir / "demo";
  REQUIRE(RunCli("demo --dir '" + demo + "'").exit_code == 0);
  std::filesystem::remove(demo + "/rejects.csv");
  std::filesystem::create_symlink("/dev/full", demo + "/rejects.csv");
  const auto d = RunCli("demo --dir '" + demo + "'");
  CHECK(d.exit_code == 1);
  CHECK(d.err == "qinglian: " + demo + "/rejects.csv: No space left on device\n");
  CHECK(RunCli("--db '" + demo + "/qinglian.db' runs").out.find("\n   1 ") == std::string::npos);
}

TEST_CASE("qinglian refuses an output that would replace the store or an input", "[cli][output]") {
  Fixture f;
  const std::string before = f.Q("leads --format json").out;
  const std::string input = f.dir / "employees.csv";
  std::filesystem::copy_file(TestData("loader/employees_utf8.csv"), input);
  const std::string employees = testing::ReadFile(input);
  std::filesystem::create_symlink(f.db, f.dir.path() / "link.csv");
  const std::string link = f.dir / "link.csv";
  const std::string wal = f.dir.path().string() + "/./q.db-wal";
  struct {
    std::string args, err;
  } cases[] = {
      {"export --out '" + f.db + "'",
       "qinglian: --out " + f.db + ": refusing to overwrite the store " + f.db + "\n"},
      {"export --out '" + wal + "' --format csv",
       "qinglian: --out " + wal + ": refusing to overwrite the store's file " + f.db + "-wal\n"},
      {"export --out '" + link + "'",
       "qinglian: --out " + link + ": refusing to overwrite the store " + f.db + "\n"},
      {"report --format json --out '" + f.db + "'",
       "qinglian: --out " + f.db + ": refusing to overwrite the store " + f.db + "\n"},
      {"run --employees '" + input + "' --offences '" + TestData("loader/offences_a.csv") +
           "' --rejects '" + input + "'",
       "qinglian: --rejects " + input + ": refusing to overwrite the input " + input + "\n"},
      {"run --employees '" + input + "' --offences '" + TestData("loader/offences_a.csv") +
           "' --rejects '" + f.db + "'",
       "qinglian: --rejects " + f.db + ": refusing to overwrite the store " + f.db + "\n"},
      {"check '" + input + "' --kind employees --rejects '" + input + "'",
       "qinglian: --rejects " + input + ": refusing to overwrite the input " + input + "\n"},
  };
  for (const auto& c : cases) {
    INFO(c.args);
    const auto r = f.Q(c.args);
    CHECK(r.exit_code == 2);
    CHECK(r.err == c.err);
  }
  CHECK(f.Q("leads --format json").out == before);
  CHECK(testing::ReadFile(input) == employees);
}

TEST_CASE("qinglian demo refuses a folder that is not an earlier demo's", "[cli][demo]") {
  testing::TempDir dir;
  const std::string db = dir / "qinglian.db";
  REQUIRE(RunCli("--db '" + db + "' run --employees '" + TestData("loader/employees_utf8.csv") +
                 "' --offences '" + TestData("loader/offences_a.csv") +
                 "' --as-of 2024-12-31 --max-reject-rate 0.5")
              .exit_code == 0);
  const std::string before = RunCli("--db '" + db + "' leads --format json").out;
  const auto here = RunCli("demo --dir .", "cd '" + dir.path().string() + "' &&");
  CHECK(here.exit_code == 2);
  CHECK(here.err ==
        "qinglian: --dir .: the folder holds files that are not an earlier demo's (qinglian.db); "
        "give an empty or new folder\n");
  CHECK(Listing(dir.path()) == "qinglian.db");
  CHECK(RunCli("--db '" + db + "' leads --format json").out == before);

  // An earlier demo's folder is taken only as the demo left it.
  const std::string demo = dir / "demo";
  REQUIRE(RunCli("demo --dir '" + demo + "'").exit_code == 0);
  testing::WriteFile(demo + "/notes.txt", "mine\n");
  const auto extra = RunCli("demo --dir '" + demo + "'");
  CHECK(extra.exit_code == 2);
  CHECK(extra.err == "qinglian: --dir " + demo +
                         ": the folder holds files that are not an earlier demo's (notes.txt); "
                         "give an empty or new folder\n");
  CHECK(testing::ReadFile(demo + "/notes.txt") == "mine\n");
}

TEST_CASE("qinglian check neutralises formulas in the rejects file", "[cli][check]") {
  testing::TempDir dir;
  const std::string input = dir / "employees.csv", rejects = dir / "rejects.csv";
  testing::WriteFile(input,
                     "单位,姓名,公民身份号码,入职日期\n"
                     "市城建投资集团,张三,430102198001019016,=HYPERLINK(\"http://x\")\n"
                     "市城建投资集团,李四,430102198505059126,@SUM(A1)\n");
  const auto r = RunCli("check '" + input + "' --kind employees --rejects '" + rejects + "'");
  CHECK(r.exit_code == 0);
  const std::string text = testing::ReadFile(rejects);
  CsvReader reader(std::string_view(text).substr(3), ',');  // after the byte-order mark
  CsvRow row;
  REQUIRE(reader.Next(&row));
  REQUIRE(reader.Next(&row));
  CHECK(std::string(row.fields[4]) == "unreadable date '=HYPERLINK(\"http://x\")'");
  CHECK(std::string(row.fields[5]) == "'=HYPERLINK(\"http://x\")");
  REQUIRE(reader.Next(&row));
  CHECK(std::string(row.fields[5]) == "'@SUM(A1)");
}

TEST_CASE("qinglian shows control characters in text output instead of sending them",
          "[cli][output]") {
  Fixture f;
  // A unit as an older version stored it, with an escape sequence in it.
  REQUIRE(std::system(("sqlite3 '" + f.db +
                       "' \"DROP TRIGGER leads_evidence_fixed; "
                       "UPDATE leads SET unit = '城建' || char(27) || '[2J' || char(155) "
                       "WHERE id = 1\"")
                          .c_str()) == 0);
  for (const char* args : {"leads", "show 1", "report --lang en"}) {
    INFO(args);
    const auto r = f.Q(args);
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("城建\\x1b[2J\\u009b") != std::string::npos);
    CHECK(r.out.find('\x1b') == std::string::npos);
    CHECK(r.out.find("\xC2\x9B") == std::string::npos);
  }
  CHECK(f.Q("leads --format json").out.find("\\u001b[2J") != std::string::npos);

  const std::string odd = f.dir / "e\x1b[31m.csv";
  std::filesystem::copy_file(TestData("loader/employees_utf8.csv"), odd);
  const auto check = RunCli("check '" + odd + "' --kind employees");
  CHECK(check.out.find("e\\x1b[31m.csv (employees)") != std::string::npos);
  CHECK(check.out.find('\x1b') == std::string::npos);
  const auto run = f.Q("run --employees '" + odd + "' --offences '" +
                       TestData("loader/offences_a.csv") + "' --max-reject-rate 0.5");
  CHECK(run.out.find("e\\x1b[31m.csv: ") != std::string::npos);
  CHECK(run.out.find('\x1b') == std::string::npos);
}

// The reading commands, as run against a file that is not a store.
const char* const kReadingCommands[] = {
    "leads", "show 1", "report", "runs", "audit", "audit verify", "export --out x.csv"};

bool Exists(const std::string& path) { return std::filesystem::exists(path); }

TEST_CASE("qinglian run creates a new store safely when two runs start at once", "[cli][run]") {
  testing::TempDir dir;
  const std::string db = dir / "q.db";
  const std::string run = "'" + std::string(QINGLIAN_BIN) + "' --db '" + db +
                          "' run --employees '" + TestData("loader/employees_utf8.csv") +
                          "' --offences '" + TestData("loader/offences_a.csv") +
                          "' --as-of 2024-12-31 --max-reject-rate 0.5 >/dev/null";
  const std::string script = "for i in 1 2 3 4 5 6 7 8; do rm -f '" + db + "' '" + db + "-wal' '" +
                             db + "-shm'; " + run + " 2>'" + (dir / "e1") + "' & a=$!; " + run +
                             " 2>'" + (dir / "e2") + "' & b=$!; wait $a || { cat '" + (dir / "e1") +
                             "'; exit 1; }; wait $b || { cat '" + (dir / "e2") +
                             "'; exit 1; }; done; exit 0";
  testing::WriteFile(dir / "race.sh", script + "\n");
  const int status =
      std::system(("bash '" + (dir / "race.sh") + "' >'" + (dir / "why") + "' 2>&1").c_str());
  INFO(testing::ReadFile(dir / "why"));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(RunCli("--db '" + db + "' audit verify").exit_code == 0);
}

TEST_CASE("Reading commands refuse an empty file and change nothing", "[cli]") {
  testing::TempDir dir;
  const std::string db = dir / "empty.db";
  testing::WriteFile(db, "");
  for (const char* command : kReadingCommands) {
    INFO(command);
    const auto r = RunCli("--db '" + db + "' " + command);
    CHECK(r.exit_code == 1);
    CHECK(r.err == "qinglian: " + db +
                       ": not a qinglian database: the file is empty (only 'qinglian run' creates "
                       "a store)\n");
    CHECK(std::filesystem::file_size(db) == 0);
    CHECK_FALSE(Exists(db + "-wal"));
    CHECK_FALSE(Exists(db + "-shm"));
  }
  CHECK(RunCli("--db '" + db + "' dispose 1 --status transferred").exit_code == 1);
  CHECK(std::filesystem::file_size(db) == 0);
  // Only run makes it a store.
  CHECK(RunCli(RunArgs(dir).replace(RunArgs(dir).find("q.db"), 4, "empty.db")).exit_code == 0);
  CHECK(RunCli("--db '" + db + "' leads").exit_code == 0);
}

TEST_CASE("Reading commands refuse another program's database without switching it to WAL",
          "[cli]") {
  testing::TempDir dir;
  const std::string db = dir / "other.db";
  REQUIRE(std::system(("sqlite3 '" + db + "' 'CREATE TABLE customers (id INTEGER)'").c_str()) == 0);
  const std::string before = testing::ReadFile(db);
  for (const char* command : kReadingCommands) {
    INFO(command);
    const auto r = RunCli("--db '" + db + "' " + command);
    CHECK(r.exit_code == 1);
    CHECK(r.err == "qinglian: " + db + ": not a qinglian database (it has other tables)\n");
    CHECK(testing::ReadFile(db) == before);
    CHECK_FALSE(Exists(db + "-wal"));
    CHECK_FALSE(Exists(db + "-shm"));
  }
  CHECK(RunCli(RunArgs(dir).replace(RunArgs(dir).find("q.db"), 4, "other.db")).err ==
        "qinglian: " + db + ": not a qinglian database (it has other tables)\n");
  CHECK(testing::ReadFile(db) == before);
}

TEST_CASE("Errors name a file once and say why a write failed", "[cli]") {
  testing::TempDir dir;
  std::filesystem::create_directory(dir / "adir.csv");
  CHECK(RunCli("check '" + (dir / "adir.csv") + "' --kind employees").err ==
        "qinglian: " + (dir / "adir.csv") + ": Is a directory\n");
  // A file size limit makes every write past it fail with EFBIG.
  const auto gen = RunCli("gen --out '" + (dir / "g") + "' --employees 500 --offences 100",
                          "ulimit -f 16; trap '' XFSZ;");
  CHECK(gen.exit_code == 1);
  CHECK(gen.err == "qinglian: " + (dir / "g") + "/employees.csv: File too large\n");
}

TEST_CASE("Store errors name the database once and say why a write failed", "[cli]") {
  testing::TempDir dir;
  std::filesystem::create_directory(dir / "adir.db");
  CHECK(RunCli("--db '" + (dir / "adir.db") + "' leads").err ==
        "qinglian: " + (dir / "adir.db") + ": is a folder, not a database\n");
  const auto run = RunCli(RunArgs(dir), "ulimit -f 16; trap '' XFSZ;");
  CHECK(run.exit_code == 1);
  CHECK(run.err == "qinglian: " + (dir / "q.db") + ": disk I/O error (File too large)\n");
}

TEST_CASE("qinglian --unmask needs a reason with visible text", "[cli][leads]") {
  Fixture f;
  for (const char* blank : {"\u3000", "\n", " \t ", "\u200b"}) {
    INFO(blank);
    const auto r = f.Q("leads --unmask --reason '" + std::string(blank) + "'");
    CHECK(r.exit_code == 2);
    CHECK(r.err ==
          "qinglian: --unmask needs --reason TEXT: full ID numbers are shown only for a stated "
          "reason\n");
    CHECK(r.out.empty());
  }
  CHECK(f.Q("show 1 --unmask --reason '\u3000'").exit_code == 2);
  CHECK(f.Q("leads --unmask --reason '\u3000核查'").exit_code == 0);
}

TEST_CASE("The audit trail masks ID numbers written full-width, dashed or spaced", "[cli][audit]") {
  Fixture f;
  REQUIRE(f.Q("leads --unmask --reason '核查４３０１０２１９８００１０１９０１６'").exit_code == 0);
  REQUIRE(f.Q("dispose 1 --status transferred --note '430102-19800101-9016 移交'").exit_code == 0);
  REQUIRE(f.Q("show 2 --unmask --reason '4301 0219 8001 0190 16'").exit_code == 0);
  const auto audit = f.Q("audit");
  CHECK(audit.out.find("--reason 核查４３０１０２********９０１６]") != std::string::npos);
  CHECK(audit.out.find("--note 430102********9016 移交]") != std::string::npos);
  CHECK(audit.out.find("--reason 430102********9016]") != std::string::npos);
  CHECK(audit.out.find("１９８００１０１") == std::string::npos);
  CHECK(audit.out.find("19800101") == std::string::npos);
  CHECK(audit.out.find("8001 0190") == std::string::npos);
}

TEST_CASE("qinglian audit head anchors the trail and verify --expect checks it", "[cli][audit]") {
  testing::TempDir dir;
  const auto run = RunCli(RunArgs(dir) + " --json");
  REQUIRE(run.exit_code == 0);
  const std::string anchored = nlohmann::json::parse(run.out)["audit_head"];
  const std::string db = dir / "q.db";
  const auto head = RunCli("--db '" + db + "' audit head");
  CHECK(head.exit_code == 0);
  CHECK(head.out == anchored + "  1 entries\n");
  REQUIRE(RunCli("--db '" + db + "' leads").exit_code == 0);
  const auto later = RunCli("--db '" + db + "' audit verify --expect " + anchored);
  CHECK(later.exit_code == 0);
  CHECK(later.out.starts_with("audit trail intact: 2 entries, 3 leads, 3 lead events; head "));
  // Remove the run's entry and every trace of it, then re-chain what is left.
  const std::string sql =
      "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log; DELETE FROM sqlite_sequence;"
      "DROP TRIGGER lead_events_no_delete; DELETE FROM lead_events; DELETE FROM lead_runs;"
      "DROP TRIGGER leads_no_delete; DELETE FROM leads";
  REQUIRE(std::system(("sqlite3 '" + db + "' '" + sql + "'").c_str()) == 0);
  const auto truncated = RunCli("--db '" + db + "' audit verify --expect " + anchored);
  CHECK(truncated.exit_code == 1);
  CHECK(truncated.err.starts_with(
      "qinglian: " + db + ": audit trail broken: the trail does not reach the expected head " +
      anchored + ": entries were deleted or the trail was re-chained"));
  CHECK(RunCli("--db '" + db + "' audit verify --expect x").exit_code == 1);
  CHECK(RunCli("--db '" + db + "' audit --expect x").exit_code == 2);
}

TEST_CASE("A keyed trail is verified with its key and said to be keyed without it",
          "[cli][audit]") {
  testing::TempDir dir;
  const std::string key = "QINGLIAN_AUDIT_KEY=nightly-secret";
  REQUIRE(RunCli(RunArgs(dir), key).exit_code == 0);
  const std::string db = dir / "q.db";
  const auto with = RunCli("--db '" + db + "' audit verify", key);
  CHECK(with.exit_code == 0);
  CHECK(with.out.starts_with("audit trail intact: 1 entries"));
  const auto without = RunCli("--db '" + db + "' audit verify");
  CHECK(without.exit_code == 1);
  CHECK(without.err == "qinglian: " + db +
                           ": cannot verify: the audit trail is keyed from entry 1: set "
                           "QINGLIAN_AUDIT_KEY to verify it\n");
  const auto wrong = RunCli("--db '" + db + "' audit verify", "QINGLIAN_AUDIT_KEY=guess");
  CHECK(wrong.exit_code == 1);
  CHECK(wrong.err.find("entry 1 was altered: its hash does not match (or QINGLIAN_AUDIT_KEY is "
                       "not the key it was written with)") != std::string::npos);
  // A run without the key cannot extend the chain.
  const auto run = RunCli(RunArgs(dir));
  CHECK(run.exit_code == 1);
  CHECK(run.err ==
        "qinglian: " + db + ": the audit trail is keyed: set QINGLIAN_AUDIT_KEY to write to it\n");
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
                       "  accepted                       5\n"
                       "  rejected                       2\n") != std::string::npos);
  CHECK(check.out.find("  blank lines skipped            5\n") != std::string::npos);
  const auto run = RunWithOffences(dir, offences);
  CHECK(run.exit_code == 0);
  CHECK(run.out.find(offences +
                     ": 7 rows, 5 accepted (1 not employees), 2 rejected, 0 duplicates\n") !=
        std::string::npos);
}

}  // namespace
}  // namespace qinglian

namespace qinglian {
namespace {

// Runs that a regression would let read forever get a time limit and, where
// no sanitizer needs the address space, a memory limit.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
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
  CHECK(RunCli("check '" + gb + "' --kind employees --encoding gb18030")
            .out.find("warning: the text looks like") == std::string::npos);

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

TEST_CASE(
    "qinglian run compares another office's register and skips the models it has no input for",
    "[cli][models]") {
  testing::TempDir dir;
  const std::string subsidies = dir / "低保名单.csv";
  // 张三's number in its old 15-digit form; 李四's allowance ends the day before
  // his hire; the offence models have no input tonight.
  testing::WriteFile(subsidies,
                     "序号,姓名,身份证号码,救助类别,享受起始日期,享受终止日期,月保障金额（元）,"
                     "所属乡镇（街道）\n"
                     "1,张三,430102800101901,城市低保,2019-11-15,2020-02-10,500.00,城中街道\n"
                     "2,李四,430102198505059126,农村低保,2015-01-01,2015-05-31,300,盈口乡\n");
  const std::string db = "--db '" + (dir / "q.db") + "' ";
  const auto run =
      RunCli(db + "run --employees '" + TestData("loader/employees_utf8.csv") +
             "' --input subsidies='" + subsidies + "' --as-of 2024-12-31 --lookback-years 10");
  REQUIRE(run.exit_code == 0);
  CHECK(run.out.find("  model payroll_after_death skipped: no input of kind deaths\n") !=
        std::string::npos);
  CHECK(run.out.find("  model soe_drink_driving skipped: no input of kind offences\n") !=
        std::string::npos);

  const auto leads = nlohmann::json::parse(RunCli(db + "leads --format json").out);
  REQUIRE(leads.size() == 1);
  CHECK(leads[0]["type"] == "subsidy_while_employed");
  CHECK(leads[0]["name"] == "张三");
  CHECK(leads[0]["overlap"]["days"] == 88);
  CHECK(leads[0]["amount_yuan"] == 2000.0);  // four months touched, 500 yuan each
  CHECK(leads[0]["record"]["category"] == "城市低保");

  const auto shown = RunCli(db + "--lang en show 1");
  CHECK(shown.out.find("lead 1  Public staff drawing subsistence allowances  model "
                       "subsidy_while_employed  status new\n") != std::string::npos);
  CHECK(shown.out.find(
            "allowance kind: 城市低保; monthly amount (yuan): 500.00; township: 城中街道\n") !=
        std::string::npos);
  CHECK(shown.out.find("  holds       2019-11-15 to 2020-02-10 (88 days), amount involved 2000.00 "
                       "yuan\n") != std::string::npos);
  CHECK(RunCli(db + "--lang zh leads").out.find("公职人员违规享受低保  新线索") !=
        std::string::npos);

  const std::string out = dir / "leads.csv";
  REQUIRE(RunCli(db + "export --out '" + out + "'").exit_code == 0);
  const std::string csv = testing::ReadFile(out);
  CHECK(csv.find("涉及金额（元）") != std::string::npos);
  CHECK(csv.find(",公职人员违规享受低保,新线索,") != std::string::npos);
  CHECK(csv.find(",低保救助名单,2020-02-10,2019-11-15,2020-02-10,88,2000.00,") !=
        std::string::npos);
}

// A store where 李四 drove drunk at 城建, moved to 交通 and drove after
// drinking and gambled there; 张三 and 张三丰 have one lead each.
// Leads: 1 张三 醉驾 (城建), 2 李四 醉驾 (城建), 3 李四 饮酒驾驶 (交通),
// 4 李四 赌博 (交通), 5 张三丰 吸毒 (交通).
struct PersonsFixture {
  testing::TempDir dir;
  std::string db = dir / "q.db";
  PersonsFixture() {
    testing::WriteFile(
        dir / "employees.csv",
        "单位,部门,姓名,公民身份号码,职务,人员类别,入职日期,离职日期\n"
        "市城建投资集团,财务部,张三,430102198001019016,会计,普通员工,2010-03-01,\n"
        "市城建投资集团,工程部,李四,430102198505059126,工程师,普通员工,2015/6/"
        "1,2020/6/30\n"
        "市交通建设集团,工程部,李四,430102198505059126,项目经理,普通员工,2020/7/1,\n"
        "市交通建设集团,办公室,张三丰,430102199001011238,主任,普通员工,2012-01-05,\n");
    testing::WriteFile(
        dir / "offences.csv",
        "姓名,身份证号码,违法行为,违法时间,血液酒精含量（mg/100ml）,违法地点,处罚结果,"
        "决定书编号,处罚机关\n"
        "张三,430102198001019016,醉驾,2021-03-05,85,迎丰路,拘役一个月,HA-2021-001,交警支队\n"
        "李四,430102198505059126,醉驾,2019-05-01,90,人民路,拘役,HA-2019-002,交警支队\n"
        "李四,430102198505059126,饮酒后驾驶机动车,2022/1/3,20,人民路,罚款,HA-2022-003,交警支队\n"
        "李四,430102198505059126,赌博,2023-06-01,,某茶楼,拘留10日,HA-2023-004,鹤城分局\n"
        "张三丰,430102199001011238,吸毒,2023-04-01,,某小区,强制隔离戒毒,HA-2023-005,鹤城分局\n");
    const auto r = Q("run --employees '" + (dir / "employees.csv") + "' --offences '" +
                     (dir / "offences.csv") + "' --as-of 2024-12-31 --lookback-years 10");
    REQUIRE(r.exit_code == 0);
  }
  testing::CliResult Q(const std::string& args) const {
    return RunCli("--db '" + db + "' " + args);
  }
  std::string Ids(const std::string& args) const {
    const auto r = Q("leads --format json " + args);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    std::vector<std::string> ids;
    for (const auto& l : nlohmann::json::parse(r.out))
      ids.push_back(std::to_string(l["id"].get<int>()));
    return Join(ids, " ");
  }
};

TEST_CASE("qinglian persons lists each person once with their units, types and statuses",
          "[cli][persons]") {
  PersonsFixture f;
  REQUIRE(f.Q("dispose 1 --status transferred").exit_code == 0);
  const auto en = f.Q("persons --lang en");
  CHECK(en.exit_code == 0);
  CHECK(en.out ==
        "name    id number           units                           leads  types            "
        "                       first date  last date   status\n"
        "李四    430102********9126  市城建投资集团, 市交通建设集团      3  drunk driving, drink "
        "driving, gambling  2019-05-01  2023-06-01  3 new\n"
        "张三丰  430102********1238  市交通建设集团                      1  drugs              "
        "                     2023-04-01  2023-04-01  1 new\n"
        "张三    430102********9016  市城建投资集团                      1  drunk driving      "
        "                     2021-03-05  2021-03-05  1 transferred\n"
        "(3 persons, 5 leads)\n");
  CHECK(f.Q("persons --lang zh")
            .out.starts_with("姓名    身份证号            单位                            线索数  "
                             "类型                 "
                             "     最早日期    最近日期    状态\n"
                             "李四    430102********9126  市城建投资集团、市交通建设集团       3  "
                             "醉酒驾驶、饮酒驾驶、赌博  2019-05-01  2023-06-01  3 新线索\n"));

  // Repeat drink drivers: the group counts only the drink-driving leads.
  const auto repeat = f.Q("persons --type 酒驾醉驾 --min-leads 2 --format json");
  CHECK(repeat.exit_code == 0);
  const auto j = nlohmann::json::parse(repeat.out);
  REQUIRE(j.size() == 1);
  CHECK(j[0]["id_number"] == "430102********9126");
  CHECK(j[0]["name"] == "李四");
  CHECK(j[0]["units"] == nlohmann::json({"市城建投资集团", "市交通建设集团"}));
  CHECK(j[0]["leads"] == 2);
  CHECK(j[0]["types"] == nlohmann::json({"drunk_driving", "drink_driving"}));
  CHECK(j[0]["first_date"] == "2019-05-01");
  CHECK(j[0]["last_date"] == "2022-01-03");
  CHECK(j[0]["statuses"] == nlohmann::json({{"new", 2}, {"transferred", 0}, {"closed", 0}}));

  // A unit lists its persons with their leads elsewhere too.
  const auto unit = nlohmann::json::parse(f.Q("persons --unit 城建 --format json").out);
  REQUIRE(unit.size() == 2);
  CHECK(unit[0]["name"] == "李四");
  CHECK(unit[0]["leads"] == 3);
  CHECK(unit[1]["name"] == "张三");
  CHECK(nlohmann::json::parse(f.Q("persons --status transferred --format json").out).size() == 1);

  // CSV: Chinese headings unless --lang says otherwise, as export writes them.
  const auto csv = f.Q("persons --format csv --person 张三丰");
  CHECK(csv.out ==
        "\xEF\xBB\xBF"
        "姓名,身份证号,单位,线索数,类型,最早日期,最近日期,状态\r\n"
        "张三丰,430102********1238,市交通建设集团,1,吸毒,2023-04-01,2023-04-01,1 新线索\r\n");
  CHECK(f.Q("--lang en persons --format csv")
            .out.starts_with("\xEF\xBB\xBF"
                             "name,id number,units,"));

  CHECK(f.Q("persons --type 超速").err.starts_with("qinglian: --type: unknown type '超速' ("));
  CHECK(f.Q("persons --unit 集团").err ==
        "qinglian: --unit: several units match '集团' (市交通建设集团, 市城建投资集团)\n");
  CHECK(f.Q("persons --min-leads 0").exit_code == 2);
  CHECK(f.Q("persons --format xml").exit_code == 2);
}

TEST_CASE("qinglian persons and leads find a person by name or ID number", "[cli][persons]") {
  PersonsFixture f;
  CHECK(f.Ids("--person 李四") == "2 3 4");
  CHECK(f.Ids("--person 张三") == "1");  // exact, though 张三丰 contains it
  CHECK(f.Ids("--person 三丰") == "5");
  CHECK(f.Ids("--person '李　四'") == "2 3 4");
  CHECK(f.Ids("--person 430102800101901") == "1");  // 15 digits
  CHECK(f.Ids("--person '４３０１０２１９８５０５０５９１２６'") == "2 3 4");
  CHECK(f.Ids("--person '430102 19900101 1238'") == "5");
  CHECK(f.Ids("--person 李四 --type 赌博") == "4");

  const auto ambiguous = f.Q("leads --person 张");
  CHECK(ambiguous.exit_code == 1);
  CHECK(ambiguous.err ==
        "qinglian: --person: 2 persons match '张': 张三 430102********9016, 张三丰 "
        "430102********1238; give more of the name or the ID number\n");
  CHECK(ambiguous.out.empty());
  const auto none = f.Q("persons --person 王五");
  CHECK(none.exit_code == 1);
  CHECK(none.err == "qinglian: --person: no person matches '王五'\n");
  const auto stranger = f.Q("leads --person 11010519491231002x");
  CHECK(stranger.exit_code == 1);
  CHECK(stranger.err == "qinglian: --person: no person matches 110105********002X\n");
  CHECK(f.Q("persons --person 430102198505059127").err ==
        "qinglian: --person: not a valid ID number: check character should be 6, found 7\n");

  const auto one = nlohmann::json::parse(f.Q("persons --person 李四 --format json").out);
  REQUIRE(one.size() == 1);
  CHECK(one[0]["lead_ids"] == nlohmann::json({2, 3, 4}));
}

TEST_CASE("A search for a person is in the audit trail without the full ID number",
          "[cli][persons][audit]") {
  PersonsFixture f;
  REQUIRE(f.Q("leads --person 430102198505059126").exit_code == 0);
  REQUIRE(f.Q("persons --person 李四").exit_code == 0);
  REQUIRE(f.Q("persons --person 4301021985050591２６ --unmask --reason 核查").exit_code == 0);
  REQUIRE(f.Q("leads --person 王").exit_code == 1);
  REQUIRE(f.Q("persons --person 430102800101901").exit_code == 0);
  const auto audit = f.Q("audit");
  CHECK(audit.out.find("leads     3 leads, person 430102********9126  [--db") != std::string::npos);
  CHECK(audit.out.find("persons   1 person, 3 leads, person 430102********9126  [--db") !=
        std::string::npos);
  CHECK(audit.out.find(
            "persons   1 person, 3 leads, ID numbers unmasked, person 430102********9126  [--db") !=
        std::string::npos);
  CHECK(audit.out.find("leads     search for a person, nothing shown: --person: no person "
                       "matches '王'  [--db") != std::string::npos);
  CHECK(audit.out.find("persons   1 person, 1 lead, person 430102********9016  [--db") !=
        std::string::npos);
  for (const char* full : {"430102198505059126", "05059126", "0505912６", "430102198001019016"}) {
    INFO(full);
    CHECK(audit.out.find(full) == std::string::npos);
  }
}

TEST_CASE("qinglian persons --unmask and --out follow the rules for ID numbers and files",
          "[cli][persons]") {
  PersonsFixture f;
  CHECK(f.Q("persons --unmask").exit_code == 2);
  const auto shown = f.Q("persons --person 李四 --unmask --reason 核查 --format json");
  CHECK(nlohmann::json::parse(shown.out)[0]["id_number"] == "430102198505059126");
  const auto csv = f.Q("persons --person 李四 --unmask --reason 核查 --format csv");
  CHECK(csv.out.find(",430102198505059126\t,") != std::string::npos);

  const std::string out = f.dir / "persons.csv";
  const auto written = f.Q("persons --format csv --out '" + out + "'");
  CHECK(written.exit_code == 0);
  CHECK(written.out == out + ": 3 persons\n");
  CHECK(testing::ReadFile(out).starts_with("\xEF\xBB\xBF姓名,身份证号,"));
  namespace fs = std::filesystem;
  const fs::perms perms = fs::status(out).permissions() & fs::perms::all;
  CHECK(perms == (fs::perms::owner_read | fs::perms::owner_write));
  const auto refused = f.Q("persons --out '" + f.db + "'");
  CHECK(refused.exit_code == 2);
  CHECK(refused.err ==
        "qinglian: --out " + f.db + ": refusing to overwrite the store " + f.db + "\n");
}

TEST_CASE("qinglian show lists the person's other leads under the lead", "[cli][persons][show]") {
  PersonsFixture f;
  REQUIRE(f.Q("dispose 4 --status transferred").exit_code == 0);
  const auto en = f.Q("--lang en show 3");
  CHECK(en.exit_code == 0);
  CHECK(
      en.out.ends_with("  other leads of this person (2)\n"
                       "    2  drunk driving  2019-05-01  new\n"
                       "    4  gambling       2023-06-01  transferred\n"));
  CHECK(f.Q("--lang zh show 4")
            .out.ends_with("  此人的其他线索（2 条）\n"
                           "    2  醉酒驾驶  2019-05-01  新线索\n"
                           "    3  饮酒驾驶  2022-01-03  新线索\n"));
  CHECK(f.Q("--lang en show 1").out.ends_with("  other leads of this person: none\n"));
  const auto j = nlohmann::json::parse(f.Q("show 2 --format json").out);
  CHECK(j["id"] == 2);
  CHECK(j["other_leads"] == nlohmann::json::parse(R"([
      {"id": 3, "type": "drink_driving", "date": "2022-01-03", "status": "new"},
      {"id": 4, "type": "gambling", "date": "2023-06-01", "status": "transferred"}])"));
  CHECK(f.Q("audit").out.find("show      lead 2 and the person's other 2 leads  [--db") !=
        std::string::npos);
}

// A roster where 张三 holds posts in two units when he is caught drunk
// driving, 李四 has two names, overlapping records and a hire at 14, and two
// dates are months only.
struct UnitsFixture {
  testing::TempDir dir;
  std::string db = dir / "q.db";
  std::string roster = dir / "hr.csv";
  std::string offences = dir / "off.csv";
  UnitsFixture() {
    testing::WriteFile(roster,
                       "单位,姓名,身份证号,入职日期,离职日期\n"
                       "怀化水务集团有限公司,张三,430102198001019016,2008.08,\n"
                       "市交通建设集团,张三,430102198001019016,2019年3月,\n"
                       "市城建投资集团,李四,430102198505059126,2000-01-01,2010-12-31\n"
                       "市城建投资集团,李肆,430102198505059126,2010-06-01,\n");
    testing::WriteFile(offences,
                       "姓名,身份证号码,违法行为,违法时间,血液酒精含量（mg/100ml）,决定书编号\n"
                       "张三,430102198001019016,醉驾,2021-03-05 22:10,85,HA-2021-001\n");
  }
  testing::CliResult Cli(const std::string& args) { return RunCli("--db '" + db + "' " + args); }
  testing::CliResult Run(const std::string& extra = "") {
    return Cli("run --employees '" + roster + "' --offences '" + offences +
               "' --as-of 2024-01-01 " + extra);
  }
};

TEST_CASE("qinglian units alias, aliases and expect store what the commission calls its units",
          "[cli][units]") {
  UnitsFixture f;
  const auto alias = f.Cli("units alias 怀化水务集团有限公司 --to 怀化市水务集团有限公司");
  CHECK(alias.exit_code == 0);
  CHECK(alias.out == "怀化水务集团有限公司 -> 怀化市水务集团有限公司\n");
  const auto chain = f.Cli("units alias 怀化市水务集团有限公司 --to 别的");
  CHECK(chain.exit_code == 1);
  CHECK(chain.err ==
        "qinglian: '怀化市水务集团有限公司' is the official name of 1 variant(s): it cannot be a "
        "variant too\n");
  const auto list = f.Cli("--lang en units aliases");
  CHECK(list.out.find("怀化水务集团有限公司  怀化市水务集团有限公司") != std::string::npos);
  CHECK(list.out.ends_with("(1 alias)\n"));
  // A headcount set under a variant belongs to the official name.
  const auto expect = f.Cli("units expect 怀化水务集团有限公司 2");
  CHECK(expect.out == "怀化市水务集团有限公司: 2 persons expected\n");
  CHECK(f.Cli("units expect 市城建投资集团 1").exit_code == 0);
  CHECK(f.Cli("units expect 市城建投资集团 -3").exit_code == 2);
  const auto audit = f.Cli("audit");
  CHECK(audit.out.find("unit alias 怀化水务集团有限公司 -> 怀化市水务集团有限公司") !=
        std::string::npos);
  CHECK(audit.out.find("unit 怀化市水务集团有限公司 expects 2 persons") != std::string::npos);

  // The run maps the variant, and says which unit is short.
  const auto run = f.Run();
  CHECK(run.exit_code == 0);
  CHECK(
      run.out.find("  coverage: 3 units, 4 employee records, 2 persons\n"
                   "  coverage not complete (未全覆盖): 怀化市水务集团有限公司 1 of 2 persons\n") !=
      std::string::npos);
  CHECK(run.out.find("新单位") == std::string::npos);  // a first run has no earlier units

  const auto table = f.Cli("--lang en units");
  CHECK(table.exit_code == 0);
  CHECK(table.out ==
        "unit                    expected  run 1 persons (records)  covered\n"
        "市交通建设集团                 -                    1 (1)  -\n"
        "市城建投资集团                 1                    1 (2)  yes\n"
        "怀化市水务集团有限公司         2                    1 (1)  no\n"
        "(3 units)\n");
  const auto json = nlohmann::json::parse(f.Cli("units --format json").out);
  CHECK(json["runs"] == nlohmann::json::array({1}));
  CHECK(json["units"][2]["unit"] == "怀化市水务集团有限公司");
  CHECK(json["units"][2]["covered"] == false);
  CHECK(json["units"][2]["runs"][0]["persons"] == 1);
}

TEST_CASE("qinglian run names new units and says when coverage is complete", "[cli][units]") {
  UnitsFixture f;
  REQUIRE(f.Run().exit_code == 0);
  REQUIRE(f.Cli("units expect 市城建投资集团 1").exit_code == 0);
  testing::WriteFile(
      f.roster, testing::ReadFile(f.roster) + "市公交集团,王五,431202199009099234,2012-01-05,\n");
  const auto run = f.Run("--json");
  REQUIRE(run.exit_code == 0);
  const auto j = nlohmann::json::parse(run.out);
  CHECK(j["new_units"] == nlohmann::json::array({"市公交集团"}));
  CHECK(j["coverage_complete"] == true);
  CHECK(j["expected_units"][0]["found"] == 1);
  const auto text = f.Run();
  CHECK(text.out.find("  coverage complete (全覆盖): 1 expected units have their headcount\n") !=
        std::string::npos);
  CHECK(text.out.find("新单位") == std::string::npos);  // seen by the run before
}

TEST_CASE(
    "qinglian leads --unit matches a variant, and the official name matches leads stored "
    "under a variant",
    "[cli][units][leads]") {
  UnitsFixture f;
  testing::WriteFile(f.roster,
                     "姓名,身份证号,入职日期\n"
                     "张三,430102198001019016,2010-01-01\n");
  REQUIRE(f.Run("--unit 怀化水务集团有限公司").exit_code == 0);
  REQUIRE(f.Cli("units alias 怀化水务集团有限公司 --to 怀化市水务集团有限公司").exit_code == 0);
  for (const char* typed : {"怀化市水务集团有限公司", "怀化水务集团有限公司", "市水务"}) {
    INFO(typed);
    const auto r = f.Cli(std::string("leads --unit ") + typed);
    CHECK(r.exit_code == 0);
    CHECK(r.out.ends_with("(1 lead)\n"));
  }
}

TEST_CASE("qinglian run --unit fills the unit of a roster without a unit column", "[cli][units]") {
  UnitsFixture f;
  testing::WriteFile(f.roster,
                     "姓名,身份证号,入职日期\n"
                     "张三,430102198001019016,2010-01-01\n");
  const auto refused = f.Run();
  CHECK(refused.exit_code == 1);
  CHECK(refused.err == "qinglian: " + f.roster +
                           ": no column for unit (单位); columns found: 姓名, 身份证号, 入职日期; "
                           "name it with --map 'HEADER=unit', or give the unit of every row with "
                           "--unit NAME\n");
  const auto run = f.Run("--unit 市水务集团");
  CHECK(run.exit_code == 0);
  CHECK(run.out.find("  coverage: 1 units, 1 employee records, 1 persons\n") != std::string::npos);
  const auto lead = nlohmann::json::parse(f.Cli("show 1 --format json").out);
  CHECK(lead["unit"] == "市水务集团");
  CHECK(RunCli("check '" + f.roster + "' --kind employees --unit 市水务集团").exit_code == 0);
}

TEST_CASE("qinglian check and run warn of data quality and reject nothing for it",
          "[cli][units][check][run]") {
  UnitsFixture f;
  const std::string warnings =
      "  data quality warnings (no row rejected for them):\n"
      "    ID numbers with different names: 1 (hr.csv:4, 5 430102********9126: 李四 / 李肆)\n"
      "    overlapping records of one person in one unit: 1 (hr.csv:4, 5 430102********9126: "
      "市城建投资集团: 2000-01-01 to 2010-12-31 and 2010-06-01 to now)\n"
      "    hire dates before the age of 16: 1 (hr.csv:4 430102********9126: hired 2000-01-01 at "
      "age 14)\n"
      "    dates given as a month only (first day for a start, last for an end): 2 (hr.csv:2; "
      "hr.csv:3)\n";
  const auto check =
      RunCli("check hr.csv --kind employees", "cd '" + f.dir.path().string() + "' &&");
  CHECK(check.exit_code == 0);
  CHECK(check.out.find("  accepted                       4\n") != std::string::npos);
  CHECK(check.out.ends_with(warnings));
  const auto run = RunCli("--db q.db run --employees hr.csv --offences off.csv --as-of 2024-01-01",
                          "cd '" + f.dir.path().string() + "' &&");
  CHECK(run.exit_code == 0);
  CHECK(run.out.find(warnings) != std::string::npos);
  // Full ID numbers never appear in the warnings.
  CHECK(run.out.find("430102198505059126") == std::string::npos);
  const auto json = nlohmann::json::parse(
      RunCli("--db q.db run --employees hr.csv --offences off.csv --as-of 2024-01-01 --json",
             "cd '" + f.dir.path().string() + "' &&")
          .out);
  CHECK(json["data_quality"][0]["code"] == "name_conflict");
  CHECK(json["data_quality"][3]["count"] == 2);
}

TEST_CASE("A lead in two units' posts keeps both records and is flagged concurrent",
          "[cli][units][show]") {
  UnitsFixture f;
  REQUIRE(f.Run().exit_code == 0);
  const auto lead = nlohmann::json::parse(f.Cli("show 1 --format json").out);
  CHECK(lead["concurrent"] == true);
  REQUIRE(lead["postings"].size() == 2);
  CHECK(lead["postings"][0]["unit"] == "市交通建设集团");
  CHECK(lead["postings"][1]["unit"] == "怀化水务集团有限公司");
  CHECK(lead["postings"][1]["hire_date"] == "2008-08-01");
  CHECK(lead["record"]["employee_hire_date_precision"] == "month");
  const auto text = f.Cli("show 1");
  CHECK(text.out.find("  concurrent  posts in two or more units at the time\n"
                      "    市交通建设集团 /  / , 2019-03-01 to now   [") != std::string::npos);
  const auto run = nlohmann::json::parse(f.Run("--json").out);
  CHECK(run["concurrent"] == 1);
  CHECK(f.Cli("audit verify").exit_code == 0);
}

TEST_CASE("qinglian export --per-unit writes one owner-only file per unit, all or none",
          "[cli][units][export]") {
  UnitsFixture f;
  testing::WriteFile(f.offences,
                     "姓名,身份证号码,违法行为,违法时间,血液酒精含量（mg/100ml）,决定书编号\n"
                     "张三,430102198001019016,醉驾,2021-03-05 22:10,85,HA-2021-001\n"
                     "李四,430102198505059126,醉驾,2022-03-05 22:10,95,HA-2022-001\n");
  REQUIRE(f.Run().exit_code == 0);
  const std::string out = f.dir / "units";
  const auto r = f.Cli("export --per-unit --out '" + out + "'");
  CHECK(r.exit_code == 0);
  CHECK(r.out == out + "/市交通建设集团.csv: 1 leads\n" + out + "/市城建投资集团.csv: 1 leads\n" +
                     out + ": 2 units, 2 leads\n");
  struct stat st {};
  REQUIRE(::stat((out + "/市城建投资集团.csv").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  const auto again = f.Cli("export --per-unit --out '" + out + "' --format xlsx");
  CHECK(again.exit_code == 1);
  CHECK(again.err == "qinglian: " + out + ": exists and is not an empty folder\n");
  const auto xlsx = f.Cli("export --per-unit --out '" + (f.dir / "x") + "' --format xlsx");
  CHECK(xlsx.exit_code == 0);
  CHECK(std::filesystem::exists(f.dir / "x/市城建投资集团.xlsx"));
}

}  // namespace
}  // namespace qinglian

namespace qinglian {
namespace {

// Run 1 compares offences and subsidies, run 2 offences only (it sees one
// lead of run 1 again), run 3 is refused for its reject rate.
TEST_CASE("qinglian report --run N reports what run N saw, per model, and names a failed run",
          "[cli][report]") {
  testing::TempDir dir;
  const std::string db = "--db '" + (dir / "q.db") + "' ";
  const std::string employees = TestData("loader/employees_utf8.csv");
  const std::string subsidies = dir / "subsidies.csv";
  testing::WriteFile(subsidies,
                     "姓名,身份证号码,救助类别,享受起始日期,享受终止日期,月保障金额\n"
                     "张三,430102198001019016,城市低保,2024-01-01,2024-06-30,600\n");
  const auto first = RunCli(db + "run --employees '" + employees + "' --offences '" +
                            TestData("loader/offences_a.csv") + "' --input subsidies='" +
                            subsidies + "' --as-of 2024-12-31 --max-reject-rate 0.5");
  REQUIRE(first.exit_code == 0);
  CHECK(first.out.find("  model subsidy_while_employed (公职人员违规享受低保 / Public staff "
                       "drawing subsistence allowances): compared 1 records of subsidies, 1 "
                       "candidates, leads 1 new, 0 seen again\n") != std::string::npos);
  const auto second = RunCli(db + "run --employees '" + employees + "' --offences '" +
                             TestData("loader/offences_b_gb18030.csv") + "' --as-of 2024-12-31");
  REQUIRE(second.exit_code == 0);
  CHECK(second.out.find("  model subsidy_while_employed skipped: no input of kind subsidies\n") !=
        std::string::npos);
  const auto refused = RunCli(db + "run --employees '" + employees + "' --offences '" +
                              TestData("loader/offences_a.csv") + "' --as-of 2024-12-31");
  REQUIRE(refused.exit_code == 3);

  const auto one = nlohmann::json::parse(RunCli(db + "report --run 1 --format json").out);
  CHECK(one["leads_scope"] == "run");
  CHECK(one["leads"]["found"] == 4);
  CHECK(one["leads"]["persons"] == 3);
  CHECK(one["leads"]["repeat_persons"] == 1);  // 张三: drunk driving and the allowance
  CHECK(one["latest_failed_run"].is_null());
  CHECK(one["data_sets_compared"] == nlohmann::json::parse(R"([
    {"kind": "offences", "records": 5}, {"kind": "subsidies", "records": 1}])"));
  std::map<std::string, nlohmann::json> models;
  for (const auto& m : one["by_model"]) models[m["model"]] = m;
  CHECK(models["subsidy_while_employed"]["amount_involved_yuan"] == 3600.0);
  CHECK(models["subsidy_while_employed"]["records"] == 1);
  CHECK(models["soe_drink_driving"]["amount_involved_yuan"].is_null());
  CHECK(models["soe_drink_driving"]["leads"] == 2);
  CHECK(models["payroll_after_death"]["skipped"] == "no input of kind deaths");

  const auto two = RunCli(db + "report --run 2 --lang en");
  CHECK(two.exit_code == 0);
  CHECK(two.out.find("It raised 2 hits and 1 problem leads concerning 1 persons;") !=
        std::string::npos);
  // The second file spells the offence 醉酒驾驶 where the first said 醉驾:
  // the lead seen again has changed evidence.
  CHECK(two.out.find(
            "This run\n"
            "  model                                            new  seen again  changed\n"
            "  SOE employees: drink and drunk driving             0           1         \n"
            "  SOE employees: prostitution, gambling and drugs    0           0         \n"
            "  total                                              0           1        1\n") !=
        std::string::npos);
  CHECK(two.out.find("Note:") == std::string::npos);

  const auto latest = RunCli(db + "report --lang en");
  CHECK(latest.exit_code == 0);
  const std::string notice_start = "Note: the latest run (run 3, ";
  const std::string notice_end =
      ": 28.6% of rows rejected (limit 5.0%); see the rejects file. "
      "Shown instead: run 2.\n";
  CHECK(latest.out.starts_with("qinglian comparison report (run 2, as of 2024-12-31)\n\n" +
                               notice_start));
  CHECK(latest.out.find(notice_end + "\nAs of 2024-12-31") != std::string::npos);
  CHECK(latest.out.find("and 4 problem leads concerning 3 persons (1 of them with more than one "
                        "lead);") != std::string::npos);

  const auto fresh = RunCli(db + "leads --new --lang en");
  CHECK(fresh.exit_code == 0);
  CHECK(fresh.err.starts_with("qinglian: " + notice_start));
  CHECK(fresh.err.ends_with(notice_end));
  CHECK(std::count(fresh.err.begin(), fresh.err.end(), '\n') == 1);
  CHECK(RunCli(db + "leads --lang en").err == "");
}

}  // namespace
}  // namespace qinglian

namespace qinglian {
namespace {

// Three nights of the same offence extract: the second corrects a BAC and a
// name and drops a record, the third brings the record back.
struct Nights {
  testing::TempDir dir;
  std::string db = dir / "q.db";

  testing::CliResult Night(const std::string& name, const std::string& rows,
                           const std::string& flags) {
    const std::string offences = dir / name;
    testing::WriteFile(offences, kOffenceHeader + rows);
    return RunCli("--db '" + db + "' --lang en run --employees '" +
                  TestData("loader/employees_utf8.csv") + "' --offences '" + offences +
                  "' --as-of 2024-12-31 " + flags);
  }
  testing::CliResult Cli(const std::string& args) const {
    return RunCli("--db '" + db + "' --lang en " + args);
  }
};

constexpr char kZhang75[] =
    "张三,430102198001019016,酒后驾驶,2024-03-05,75,迎丰路,罚款,HA-2024-001,交警支队\n";
constexpr char kZhang92[] =
    "张三,430102198001019016,酒后驾驶,2024-03-05,92,迎丰路,罚款,HA-2024-001,交警支队\n";
constexpr char kLi[] =
    "李四,430102198505059126,饮酒后驾驶机动车,2024-05-01,30,人民路,罚款,HA-2024-002,交警支队\n";
constexpr char kLiCorrected[] =
    "李肆,430102198505059126,饮酒后驾驶机动车,2024-05-01,30,人民路,罚款,HA-2024-002,交警支队\n";
constexpr char kWang[] =
    "王五,431202199009099234,赌博,2024-06-01,,某茶楼,拘留,HA-2024-003,鹤城分局\n";

TEST_CASE("qinglian run --snapshot on a second night: changed and missing leads",
          "[cli][run][changes]") {
  Nights n;
  const auto first = n.Night("o1.csv", std::string(kZhang75) + kLi + kWang, "");
  REQUIRE(first.exit_code == 0);
  CHECK(first.out.find("  leads: 3 new, 0 seen again\n  0 leads changed\n") != std::string::npos);
  CHECK(first.out.find("warning") == std::string::npos);

  const auto second = n.Night("o2.csv", std::string(kZhang92) + kLiCorrected, "--snapshot");
  REQUIRE(second.exit_code == 0);
  CHECK(second.out.find("run 2: as of 2024-12-31, models soe_drink_driving,soe_vice, snapshot\n") !=
        std::string::npos);
  CHECK(second.out.find("  leads: 0 new, 2 seen again (1 with a different name on the offence "
                        "record)\n  2 leads changed, 1 missing (snapshot)\n") != std::string::npos);

  const auto changed = n.Cli("leads --changed");
  CHECK(changed.exit_code == 0);
  CHECK(changed.out.find("BAC 75→92, type drink driving→drunk driving") != std::string::npos);
  CHECK(changed.out.find("name on the record 李四→李肆") != std::string::npos);
  CHECK(changed.out.find("(2 leads)") != std::string::npos);
  CHECK(n.Cli("leads --changed --run 1").out.find("(0 leads)") != std::string::npos);
  const auto json = nlohmann::json::parse(n.Cli("leads --changed --format json").out);
  REQUIRE(json.size() == 2);
  CHECK(json[0]["changes"]["bac"] == nlohmann::json({"75", "92"}));
  CHECK(json[0]["changes"]["type"] == nlohmann::json({"drink_driving", "drunk_driving"}));
  CHECK(json[0]["bac"] == 92.0);

  const auto missing = n.Cli("leads --missing --format json");
  const auto gone = nlohmann::json::parse(missing.out);
  REQUIRE(gone.size() == 1);
  CHECK(gone[0]["name"] == "王五");
  CHECK(gone[0]["not_seen_since_run"] == 1);
  CHECK(n.Cli("leads --missing").out.find("not seen since") != std::string::npos);
  // The report's "this run" says what the second night changed and missed.
  const auto report = nlohmann::json::parse(n.Cli("report --format json").out);
  CHECK(report["this_run"]["leads_changed"] == 2);
  CHECK(report["this_run"]["leads_missing"] == 1);
  CHECK(report["this_run"]["snapshot"] == true);
  CHECK(n.Cli("report").out.find("new  seen again  changed  missing\n") != std::string::npos);

  const auto show = n.Cli("show 1");
  CHECK(show.out.find("evidence changed by run 2\n"
                      "      bac: 75 -> 92\n"
                      "      type: drink_driving -> drunk_driving\n"
                      "      offence_source: ") != std::string::npos);
  CHECK(n.Cli("show 3").out.find("not seen since run 1 (snapshot run 2)") != std::string::npos);
  CHECK(nlohmann::json::parse(n.Cli("show 1 --format json").out)["history"][1]["changes"]["bac"] ==
        nlohmann::json({"75", "92"}));

  // The record is back: the lead is no longer missing, and its history says so.
  const auto third = n.Night("o3.csv", std::string(kZhang92) + kLiCorrected + kWang, "");
  REQUIRE(third.exit_code == 0);
  CHECK(third.out.find("  0 leads changed\n") != std::string::npos);
  CHECK(n.Cli("leads --missing").out.find("(0 leads)") != std::string::npos);
  CHECK(n.Cli("show 3").out.find("seen again by run 3 (not seen since run 1)") !=
        std::string::npos);
  const auto verify = n.Cli("audit verify");
  CHECK(verify.exit_code == 0);
}

TEST_CASE("qinglian run warns when --as-of does not fit the data", "[cli][run][changes]") {
  Nights n;
  const auto agree = n.Night("o.csv", std::string(kZhang75) + kLi + kWang, "");
  CHECK(agree.out.find("warning") == std::string::npos);
  const auto en = RunCli("--db '" + (n.dir / "en.db") + "' --lang en run --employees '" +
                         TestData("loader/employees_utf8.csv") + "' --offences '" +
                         (n.dir / "o.csv") + "' --as-of 2031-06-30");
  CHECK(en.exit_code == 0);
  CHECK(en.out.find("  warning: the as-of date 2031-06-30 does not fit the data: ") !=
        std::string::npos);
  CHECK(en.out.find("the newest record is of 2024-06-01, 2585 days before it; was --as-of "
                    "forgotten on last year's data?\n") != std::string::npos);
  const auto zh = RunCli("--db '" + (n.dir / "zh.db") + "' --lang zh run --employees '" +
                         TestData("loader/employees_utf8.csv") + "' --offences '" +
                         (n.dir / "o.csv") + "' --as-of 2031-06-30 --json");
  CHECK(zh.exit_code == 0);
  const auto j = nlohmann::json::parse(zh.out);
  CHECK(
      j["as_of_warning"].get<std::string>().starts_with("警告：截至日期 2031-06-30 与数据不符："));
}

TEST_CASE("Every screen follows --lang: headers and row titles in Chinese or English",
          "[cli][lang]") {
  Fixture f;
  REQUIRE(f.Q("dispose 1 --status transferred").exit_code == 0);
  struct {
    const char* args;
    const char* zh;
    const char* en;
  } screens[] = {
      {"leads", "编号  类型", "id  type"},
      {"show 1", "线索编号  1\n类型      醉酒驾驶\n", "lead 1  drunk driving  model "},
      {"show 1", "任职期间  2010-03-01 至 今   [", "  employment  "},
      {"show 1", "历史\n", "  history\n"},
      {"persons", "姓名  身份证号", "name  id number"},
      {"runs", "批次  完成时间", " run  finished"},
      {"audit", " 序号  时间", "   no  time"},
      {"models", "  比对：职工基础数据 × ", "  compares: employee base data × "},
      {"units", "单位            应有人数", "unit            expected"},
      {"audit verify", "审计记录完好：", "audit trail intact: "},
  };
  for (const auto& s : screens) {
    INFO(s.args);
    CHECK(f.Q(std::string("--lang zh ") + s.args).out.find(s.zh) != std::string::npos);
    CHECK(f.Q(std::string("--lang en ") + s.args).out.find(s.en) != std::string::npos);
  }
  // show's status row and history in Chinese.
  const std::string zh = f.Q("--lang zh show 1").out;
  CHECK(zh.find("状态      移交核查\n") != std::string::npos);
  CHECK(zh.find("新线索 → 移交核查") != std::string::npos);
}

TEST_CASE("check and the run summary follow --lang", "[cli][lang]") {
  const std::string file = TestData("loader/employees_messy.csv");
  const auto zh = RunCli("--lang zh check '" + file + "' --kind employees");
  CHECK(zh.out.find("  读取行数                          20\n") != std::string::npos);
  CHECK(zh.out.find("    身份证号校验位错误               1\n") != std::string::npos);
  CHECK(RunCli("--lang en check '" + file + "' --kind employees")
            .out.find("  rows read                     20\n") != std::string::npos);
  // The kind by its name in either language.
  CHECK(RunCli("check '" + file + "' --kind 职工基础数据").exit_code == 0);

  testing::TempDir dir;
  const std::string run = " run --employees '" + TestData("loader/employees_utf8.csv") +
                          "' --offences '" + TestData("loader/offences_a.csv") +
                          "' --as-of 2024-12-31 --max-reject-rate 0.5";
  const auto zh_run = RunCli("--db '" + (dir / "zh.db") + "' --lang zh" + run);
  CHECK(zh_run.out.starts_with("第 1 批次：截至 2024-12-31，模型 soe_drink_driving、soe_vice\n"));
  CHECK(zh_run.out.find("  线索：新线索 3 条，再次发现 0 条\n") != std::string::npos);
  const auto en_run = RunCli("--db '" + (dir / "en.db") + "' --lang en" + run);
  CHECK(en_run.out.starts_with("run 1: as of 2024-12-31, models soe_drink_driving,soe_vice\n"));
}

TEST_CASE("The locale decides the language when --lang is not given", "[cli][lang]") {
  Fixture f;
  const std::string q = "--db '" + f.db + "' leads";
  CHECK(RunCli(q, "LC_ALL= LC_MESSAGES= LANG=zh_CN.UTF-8").out.starts_with("编号  类型"));
  CHECK(RunCli(q, "LC_ALL=C LANG=zh_CN.UTF-8").out.starts_with("id  type"));
  CHECK(RunCli(q, "LC_ALL= LC_MESSAGES=zh_CN.UTF-8 LANG=en_US.UTF-8").out.starts_with("编号"));
  CHECK(RunCli(q + " --lang en", "LC_ALL=zh_CN.UTF-8").out.starts_with("id  type"));
  CHECK(RunCli("--db '" + f.db + "' show 99", "LC_ALL=zh_CN.UTF-8").err ==
        "qinglian: 没有编号为 99 的线索\n");
}

TEST_CASE("The commonest failures are one line in the language asked for", "[cli][lang]") {
  Fixture f;
  struct {
    std::string args, zh, en;
  } cases[] = {
      {"show 99", "qinglian: 没有编号为 99 的线索\n", "qinglian: no lead 99\n"},
      {"check /nonexistent/hr.csv --kind employees", "qinglian: /nonexistent/hr.csv：文件不存在\n",
       "qinglian: /nonexistent/hr.csv: No such file or directory\n"},
      {"check x.csv --kind pensions",
       "qinglian: --kind：未知的记录类别“pensions”（可选：businesses, deaths, employees, "
       "feedback, offences, subsidies）\n",
       "qinglian: --kind: unknown record kind 'pensions' (kinds: businesses, deaths, employees, "
       "feedback, offences, subsidies)\n"},
      {"leads --format pdf", "qinglian: --format：“pdf”不是可选的值 {table,csv,json}\n",
       "qinglian: --format: pdf not in {table,csv,json}\n"},
      {"leads --status open",
       "qinglian: --status: 未知的状态“open”（可选：new 新线索、transferred 移交核查、closed "
       "办结）\n",
       "qinglian: --status: unknown status 'open' (new 新线索, transferred 移交核查, closed "
       "办结)\n"},
      {"leads --unmask",
       "qinglian: --unmask 需要 --reason 说明理由：完整的身份证号只为说明的理由显示\n",
       "qinglian: --unmask needs --reason TEXT: full ID numbers are shown only for a stated "
       "reason\n"},
  };
  for (const auto& c : cases) {
    INFO(c.args);
    CHECK(f.Q("--lang zh " + c.args).err == c.zh);
    CHECK(f.Q("--lang en " + c.args).err == c.en);
  }
  const std::string none = f.dir / "none.db";
  CHECK(RunCli("--lang zh --db '" + none + "' leads").err ==
        "qinglian: " + none + "：数据库不存在（请先运行 qinglian run，或用 --db 指定数据库）\n");
  CHECK(RunCli("--lang zh --db '" + (f.dir / "q2.db") + "' run --employees '" +
               TestData("loader/employees_utf8.csv") + "' --offences x.csv --model speeding")
            .err.starts_with("qinglian: 未知的模型“speeding”（可选：business_while_employed, "));
  const auto rejected = RunCli("--lang zh --db '" + (f.dir / "q3.db") + "' run --employees '" +
                               TestData("loader/employees_utf8.csv") + "' --offences '" +
                               TestData("loader/offences_a.csv") + "' --as-of 2024-12-31");
  CHECK(rejected.exit_code == 3);
  CHECK(rejected.err == "qinglian: 第 1 批次失败：" + TestData("loader/offences_a.csv") +
                            " 有 28.6% 的行被拒收（上限 5.0%），详见拒收文件\n");
}

TEST_CASE("leads, export and persons take Chinese labels for --status and --type", "[cli][lang]") {
  Fixture f;
  REQUIRE(f.Q("dispose 2 --status 移交核查").exit_code == 0);
  REQUIRE(f.Q("dispose 2 --status 办结 --outcome 批评教育").exit_code == 0);
  REQUIRE(f.Q("dispose 3 --status transferred").exit_code == 0);
  CHECK(f.Ids("--status 办结") == "2");
  CHECK(f.Ids("--status 已办结") == "2");
  CHECK(f.Ids("--status 移交核查") == "3");
  CHECK(f.Ids("--status 新线索") == "1");
  CHECK(f.Ids("--type 醉驾 --status 新线索") == "1");
  const std::string out = f.dir / "new.csv";
  const auto exported = f.Q("export --status 新线索 --type 醉酒驾驶 --out '" + out + "'");
  CHECK(exported.out == out + ": 1 leads\n");
  CHECK(f.Q("--lang zh export --status 办结 --out '" + out + "'").out == out + "：1 条线索\n");
  const auto persons = nlohmann::json::parse(f.Q("persons --type 醉驾 --format json").out);
  REQUIRE(persons.size() == 1);
  CHECK(persons[0]["name"] == "张三");
  CHECK(nlohmann::json::parse(f.Q("persons --status 移交核查 --format json").out).size() == 1);
  CHECK(f.Q("--lang zh persons --type 超速")
            .err.starts_with("qinglian: --type：未知的类型“超速”（可选："));
}

// The hour of the first run's finish as `runs` shows it under `tz`.
int RunHour(const std::string& db, const std::string& tz) {
  const auto r = RunCli("--db '" + db + "' --lang en runs", "TZ=" + tz);
  const size_t line = r.out.find("\n   1  ");
  REQUIRE(line != std::string::npos);
  // "   1  2026-11-27 04:05:15  ok ..."
  return std::stoi(r.out.substr(line + 7 + 11, 2));
}

TEST_CASE("Times are shown in local time: Asia/Shanghai unless TZ names another zone",
          "[cli][lang]") {
  Fixture f;
  const int shanghai = RunHour(f.db, "Asia/Shanghai");
  const int utc = RunHour(f.db, "UTC");
  CHECK((utc + 8) % 24 == shanghai);
  CHECK(RunHour(f.db, "") == shanghai);  // no zone: China's
  // The stored time stays UTC.
  const auto j = nlohmann::json::parse(f.Q("show 1 --format json").out);
  CHECK(j["history"][0]["at"].get<std::string>().ends_with("Z"));
  const auto audit = RunCli("--db '" + f.db + "' audit", "TZ=UTC");
  const std::string at = j["history"][0]["at"].get<std::string>();
  CHECK(audit.out.find(at.substr(0, 10) + " " + at.substr(11, 8)) != std::string::npos);
}

TEST_CASE("export in Chinese: labels, the employment period, numbers with formats",
          "[cli][lang][export]") {
  Fixture f;
  REQUIRE(f.Q("dispose 1 --status transferred").exit_code == 0);
  REQUIRE(f.Q("dispose 1 --status closed --outcome 记大过 --case-filed --recovered-yuan 13560.5")
              .exit_code == 0);
  const std::string csv = f.dir / "leads.csv";
  REQUIRE(f.Q("export --out '" + csv + "'").exit_code == 0);
  const std::string text = testing::ReadFile(csv);
  CHECK(text.find("身份证号,入职日期,离职日期,违法日期,") != std::string::npos);
  CHECK(text.find("1,国有企业职工酒驾醉驾,醉酒驾驶,办结,记大过,市城建投资集团,") !=
        std::string::npos);
  CHECK(text.find(",430102********9016,2010-03-01,,2021-03-05,") != std::string::npos);
  CHECK(text.find(",是,13560.50,") != std::string::npos);  // a plain number in CSV

  const std::string xlsx = f.dir / "leads.xlsx";
  REQUIRE(f.Q("export --out '" + xlsx + "'").exit_code == 0);
  const auto unzip = [&](const char* member) {
    const std::string out = f.dir / "member";
    std::system(("unzip -p '" + xlsx + "' " + member + " > '" + out + "'").c_str());
    return testing::ReadFile(out);
  };
  const std::string styles = unzip("xl/styles.xml");
  CHECK(styles.find("formatCode=\"#,##0.00\"") != std::string::npos);
  CHECK(styles.find("formatCode=\"yyyy-mm-dd\"") != std::string::npos);
  const std::string sheet = unzip("xl/worksheets/sheet1.xml");
  CHECK(sheet.find("<c r=\"M2\" s=\"2\"><v>40238</v></c>") != std::string::npos);    // hired
  CHECK(sheet.find("<c r=\"O2\" s=\"2\"><v>44260</v></c>") != std::string::npos);    // offence
  CHECK(sheet.find("<c r=\"W2\" s=\"3\"><v>13560.5</v></c>") != std::string::npos);  // money
  const std::string strings = unzip("xl/sharedStrings.xml");
  for (const char* s : {"入职日期", "离职日期", "国有企业职工酒驾醉驾", "办结", "记大过"}) {
    INFO(s);
    CHECK(strings.find(s) != std::string::npos);
  }
  // In English: the labels in English, under English headings.
  REQUIRE(f.Q("--lang en export --out '" + csv + "'").exit_code == 0);
  CHECK(testing::ReadFile(csv).find(
            "1,SOE employees: drink and drunk driving,drunk driving,closed,") != std::string::npos);
}

TEST_CASE("An unmasked ID number exported to CSV reads back through qinglian's own loader",
          "[cli][lang][export]") {
  Fixture f;
  const std::string csv = f.dir / "full.csv";
  REQUIRE(f.Q("export --unmask --reason 核对 --out '" + csv + "'").exit_code == 0);
  // The tab after the number keeps Excel from turning it into 4.30102E+17.
  CHECK(testing::ReadFile(csv).find(",430102198001019016\t,") != std::string::npos);
  // The export is a roster the loader reads: name, ID number, unit and hire date.
  const auto check = RunCli("check '" + csv + "' --kind employees");
  CHECK(check.exit_code == 0);
  CHECK(check.out.find("  accepted                       3\n") != std::string::npos);
  const std::string again = f.dir / "again.db";
  REQUIRE(RunCli("--db '" + again + "' run --employees '" + csv + "' --offences '" +
                 TestData("loader/offences_a.csv") + "' --as-of 2024-12-31 --max-reject-rate 0.5")
              .exit_code == 0);
  const auto leads = nlohmann::json::parse(
      RunCli("--db '" + again + "' leads --format json --unmask --reason 核对").out);
  REQUIRE(leads.size() == 3);
  CHECK(leads[0]["id_number"] == "430102198001019016");
}

}  // namespace
}  // namespace qinglian

namespace qinglian {
namespace {

// The day the dispositions below are recorded on, and their stores' commands.
constexpr char kDay[] = "QINGLIAN_TODAY=2025-03-01";

TEST_CASE("qinglian dispose records several outcomes on three tracks, with who, when and where",
          "[cli][dispose]") {
  Fixture f;
  const auto q = [&f](const std::string& args) {
    return RunCli("--db '" + f.db + "' " + args, kDay);
  };
  CHECK(q("dispose 1 --status transferred --to 市水务集团纪委 --by 张三 --date 2025-02-01 "
          "--due-days 10 --note 移交核查")
            .out == "lead 1: transferred, due 2025-02-11\n");
  CHECK(q("dispose 2 --status transferred").out == "lead 2: transferred, due 2025-03-31\n");
  CHECK(q("dispose 3 --status transferred --date 2025-03-02").err ==
        "qinglian: --date: 2025-03-02 is after today (2025-03-01)\n");
  CHECK(q("dispose 3 --status transferred --due-days 0").err ==
        "qinglian: --due-days: expected 1 to 3650 days, found 0\n");
  // A sanction needs a case; a shared label is ambiguous; unfounded goes alone.
  CHECK(q("dispose 1 --status closed --outcome 留党察看 --outcome 撤职").err ==
        "qinglian: lead 1: gov_removal is a sanction (处分) and needs a filed case (立案); none is "
        "recorded on the lead\n");
  CHECK(q("dispose 1 --status closed --outcome 警告 --case-filed").err ==
        "qinglian: --outcome: 警告 is ambiguous: 党内警告 (party_warning) or 政务警告 "
        "(gov_warning)\n");
  CHECK(q("dispose 1 --status closed --outcome 不属实 --outcome 政务记过 --case-filed").err ==
        "qinglian: lead 1: unfounded cannot be combined with a sanction (gov_demerit)\n");
  CHECK(
      q("dispose 1 --status closed --outcome 记过 --outcome 撤职 --case-filed").err ==
      "qinglian: lead 1: gov_demerit and gov_removal are both 政务处分: one decision gives one\n");
  CHECK(
      q("dispose 1 --status closed --outcome 留党察看 --outcome 撤职 --case-filed --by 王五").out ==
      "lead 1: closed (party_probation,gov_removal)\n");
  CHECK(q("dispose 2 --status closed --outcome 批评教育、调离岗位").out ==
        "lead 2: closed (criticism,transfer_post)\n");

  // Overdue: lead 1's deadline passed but it is closed; lead 3 is transferred today.
  CHECK(q("dispose 3 --status transferred --date 2025-01-02 --due-days 30").out ==
        "lead 3: transferred, due 2025-02-01\n");
  CHECK(q("leads --overdue --format json").out.find("\"id\": 3,") != std::string::npos);
  CHECK(nlohmann::json::parse(q("leads --overdue --format json").out).size() == 1);
  CHECK(nlohmann::json::parse(
            RunCli("--db '" + f.db + "' leads --overdue --format json", "QINGLIAN_TODAY=2025-02-01")
                .out)
            .empty());

  // Reopening takes a note, and the old decision stays in the history.
  CHECK(q("dispose 1 --reopen").err ==
        "qinglian: lead 1: reopening needs a note saying why (申诉 or 复查)\n");
  CHECK(q("dispose 1 --reopen --note 本人申诉 --by 李四").out ==
        "lead 1: reopened, transferred, due 2025-03-31\n");
  CHECK(q("dispose 1 --status closed --outcome 双开 --by 李四").out ==
        "lead 1: closed (party_expulsion,gov_dismissal)\n");
  const auto show = q("show 1 --lang en");
  REQUIRE(show.exit_code == 0);
  CHECK(show.out.find("  transfer    to 市水务集团纪委, due 2025-03-31\n"
                      "  dispositions\n"
                      "    2025-02-01  transferred  by 张三, to 市水务集团纪委, due 2025-02-11, "
                      "移交核查\n"
                      "    2025-03-01  closed       Party probation, removal from post, by 王五, "
                      "case filed\n"
                      "    2025-03-01  reopened     by 李四, to 市水务集团纪委, due 2025-03-31, "
                      "本人申诉\n"
                      "    2025-03-01  closed       expulsion from the Party, dismissal, by 李四, "
                      "case filed\n") != std::string::npos);
  const auto j = nlohmann::json::parse(q("show 1 --format json").out);
  CHECK(j["outcomes"] == nlohmann::json{"party_expulsion", "gov_dismissal"});
  CHECK(j["history"][2]["outcomes"] == nlohmann::json{"party_probation", "gov_removal"});
  CHECK(j["history"][1]["by"] == "张三");
  CHECK(j["history"][1]["date"] == "2025-02-01");
  CHECK(j["history"][1]["transferred_to"] == "市水务集团纪委");
  CHECK(q("audit verify").exit_code == 0);
  CHECK(q("audit").out.find("lead 1") != std::string::npos);

  const auto report = nlohmann::json::parse(q("report --format json").out);
  CHECK(report["funnel"]["sanctioned"] == 1);
  CHECK(report["funnel"]["handled"] == 1);
  CHECK(report["outcomes"]["double_expulsion"] == 1);
  const std::string zh = q("report --lang zh").out;
  CHECK(zh.find("处理处分2人次，其中双开1人") != std::string::npos);
  CHECK(zh.find("开除党籍1人") == std::string::npos);  // a 双开 is counted once

  // The normal export carries the handling columns.
  const std::string csv = f.dir / "leads.csv";
  REQUIRE(q("export --out '" + csv + "'").exit_code == 0);
  const std::string text = testing::ReadFile(csv);
  CHECK(text.find(",办结,开除党籍、开除,") != std::string::npos);
  CHECK(text.find(",是否立案,追缴金额（元）,经办人,处置日期,") != std::string::npos);
  CHECK(text.find(",是,0.00,李四,2025-03-01,") != std::string::npos);
}

// Cells of one CSV line (quotes as the writer puts them).
std::vector<std::string> CsvCells(const std::string& line) {
  std::vector<std::string> cells(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (c == '"' && quoted && i + 1 < line.size() && line[i + 1] == '"') {
      cells.back() += '"';
      ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      cells.emplace_back();
    } else if (c != '\r') {
      cells.back() += c;
    }
  }
  return cells;
}

// The feedback form as a unit fills it in: lead 1 transferred, then closed
// with two outcomes and a case; lead 2 closed after its transfer; lead 3
// left blank. `rows` holds the exported rows (the header first).
std::vector<std::vector<std::string>> FillIn(std::vector<std::vector<std::string>> rows, bool zh) {
  REQUIRE(rows.size() == 4);
  const std::vector<std::string>& head = rows[0];
  const auto col = [&head](const char* zh_name, const char* en_name) {
    for (size_t c = 0; c < head.size(); ++c)
      if (head[c] == zh_name || head[c] == en_name) return c;
    FAIL("no column " << zh_name);
    return size_t{0};
  };
  const size_t status = col("状态", "status"), outcomes = col("处置结果", "outcomes"),
               filed = col("是否立案", "case filed"),
               money = col("追缴金额（元）", "recovered (yuan)"), by = col("经办人", "handler"),
               date = col("处置日期", "date"), note = col("备注", "note");
  std::vector<std::string> again = rows[1];  // lead 1 twice: transferred, then closed
  rows[1][status] = zh ? "移交核查" : "transferred";
  rows[1][date] = "2025-02-01";
  again[status] = zh ? "办结" : "closed";
  again[outcomes] = zh ? "留党察看；撤职" : "party_probation; gov_removal";
  again[filed] = zh ? "是" : "yes";
  again[money] = "1,200";
  again[by] = "王五";
  again[date] = "2025-02-20";
  again[note] = zh ? "责令退赔" : "ordered to repay";
  rows[2][status] = zh ? "移交核查" : "transferred";
  rows.insert(rows.begin() + 2, again);
  std::vector<std::string> close2 = rows[3];
  close2[status] = zh ? "办结" : "closed";
  close2[outcomes] = zh ? "批评教育、谈话提醒" : "criticism, reminder talk";
  rows.insert(rows.begin() + 4, close2);
  return rows;
}

std::string CsvText(const std::vector<std::vector<std::string>>& rows) {
  std::string out = "\xEF\xBB\xBF";
  for (const auto& r : rows) {
    std::vector<std::string> quoted;
    for (const std::string& c : r)
      quoted.push_back(c.find_first_of(",\"") == std::string::npos ? c : "\"" + c + "\"");
    out += Join(quoted, ",") + "\r\n";
  }
  return out;
}

// The filled-in rows saved by Excel: numbers as numbers, the day as a date.
void SaveWorkbook(const std::string& path, const std::vector<std::vector<std::string>>& rows) {
  lxw_workbook* book = workbook_new(path.c_str());
  lxw_worksheet* sheet = workbook_add_worksheet(book, "feedback");
  lxw_format* day = workbook_add_format(book);
  format_set_num_format(day, "yyyy-mm-dd");
  for (size_t r = 0; r < rows.size(); ++r)
    for (size_t c = 0; c < rows[r].size(); ++c) {
      const std::string& v = rows[r][c];
      const auto row = static_cast<lxw_row_t>(r);
      const auto column = static_cast<lxw_col_t>(c);
      if (v.empty()) continue;
      if (r > 0 && c == 0) {
        worksheet_write_number(sheet, row, column, std::stod(v), nullptr);
      } else if (r > 0 && v.size() == 10 && v[4] == '-' && v[7] == '-' && v.starts_with("2025")) {
        lxw_datetime dt = {std::stoi(v.substr(0, 4)),
                           std::stoi(v.substr(5, 2)),
                           std::stoi(v.substr(8, 2)),
                           0,
                           0,
                           0};
        worksheet_write_datetime(sheet, row, column, &dt, day);
      } else {
        worksheet_write_string(sheet, row, column, v.c_str(), nullptr);
      }
    }
  REQUIRE(workbook_close(book) == LXW_NO_ERROR);
}

TEST_CASE(
    "The feedback form goes out with export --template feedback and comes back through "
    "dispose --file",
    "[cli][dispose][export]") {
  for (const char* format : {"csv", "xlsx"})
    for (const char* lang : {"zh", "en"}) {
      const bool zh = std::string(lang) == "zh";
      DYNAMIC_SECTION(format << " " << lang) {
        Fixture f;
        const auto q = [&f](const std::string& args) {
          return RunCli("--db '" + f.db + "' " + args, kDay);
        };
        const std::string form = f.dir / (std::string("form.") + format);
        const auto out = q("export --template feedback --format " + std::string(format) +
                           " --lang " + lang + " --out '" + form + "'");
        REQUIRE(out.exit_code == 0);
        CHECK(out.out == form + (zh ? "：3 条线索\n" : ": 3 leads\n"));
        // As exported, nothing filled in: read back, every row blank.
        const auto untouched = q("dispose --file '" + form + "'");
        CHECK(untouched.err == "");
        CHECK(untouched.out == form + ": 0 dispositions recorded, 3 blank rows skipped\n");

        const Result<std::string> csv = std::string(format) == "xlsx"
                                            ? XlsxToCsv(form)
                                            : Result<std::string>(testing::ReadFile(form));
        REQUIRE(csv.ok());
        std::vector<std::vector<std::string>> rows;
        for (std::string line : Split(*csv, '\n')) {
          if (line.starts_with("\xEF\xBB\xBF")) line = line.substr(3);
          if (!line.empty() && line != "\r") rows.push_back(CsvCells(line));
        }
        REQUIRE(!rows.empty());
        CHECK(Join(rows[0], ",") ==
              (zh ? "线索编号,单位,姓名,身份证号,类型,违法日期,线索摘要,状态,处置结果,是否立案,"
                    "追缴金额（元）,经办人,处置日期,备注"
                  : "lead id,unit,name,id number,type,event date,evidence,status,outcomes,case "
                    "filed,recovered (yuan),handler,date,note"));
        CHECK(rows[1][3] == "430102********9016");
        const auto filled = FillIn(rows, zh);
        const std::string back = f.dir / (std::string("back.") + format);
        if (std::string(format) == "xlsx")
          SaveWorkbook(back, filled);
        else
          testing::WriteFile(back, CsvText(filled));
        const auto applied = q("dispose --file '" + back + "'");
        CHECK(applied.err == "");
        CHECK(applied.out == back + ": 4 dispositions recorded, 1 blank rows skipped\n");
        const auto lead = nlohmann::json::parse(q("show 1 --format json").out);
        CHECK(lead["status"] == "closed");
        CHECK(lead["outcomes"] == nlohmann::json{"party_probation", "gov_removal"});
        CHECK(lead["case_filed"] == true);
        CHECK(lead["recovered_yuan"] == 1200.0);
        CHECK(lead["handler"] == "王五");
        CHECK(lead["handled_on"] == "2025-02-20");
        CHECK(lead["history"][1]["date"] == "2025-02-01");
        CHECK(lead["history"][1]["due"] == "2025-03-03");
        CHECK(f.Ids("--status closed") == "1 2");
        CHECK(f.Ids("--status new") == "3");
        CHECK(q("audit verify").exit_code == 0);
      }
    }
}

TEST_CASE("dispose --file lists every bad row of a feedback form and records none",
          "[cli][dispose]") {
  Fixture f;
  const std::string bad = f.dir / "bad.csv";
  testing::WriteFile(bad,
                     "线索编号,状态,处置结果,是否立案,处置日期,办理期限（天）\n"
                     "1,移交核查,,,2025-01-02,\n"
                     "1,办结,撤职,,,\n"
                     "2,移交核查,,,2031-01-01,\n"
                     "3,移交核查,,,,0\n"
                     "2,,,,,\n"
                     "3,办结,警告,是,,\n"
                     "3,复查,,,,\n");
  const auto r = RunCli("--db '" + f.db + "' dispose --file '" + bad + "'", kDay);
  CHECK(r.exit_code == 1);
  CHECK(r.err ==
        "qinglian: " + bad + ":4: date: date 2031-01-01 is in the future\n" + "qinglian: " + bad +
            ":5: due_days: expected 1 to 3650 days, found 0\n" + "qinglian: " + bad +
            ":7: outcome: 警告 is ambiguous: 党内警告 (party_warning) or 政务警告 "
            "(gov_warning)\n" +
            "qinglian: " + bad +
            ":3: lead 1: gov_removal is a sanction (处分) and needs a filed case (立案); "
            "none is recorded on the lead\n" +
            "qinglian: " + bad + ":8: lead 3 is not closed: only a closed lead is reopened\n" +
            "qinglian: " + bad + ": 5 bad lines; nothing was changed\n");
  CHECK(f.Ids("--status new") == "1 2 3");
}

TEST_CASE("dispose speaks the auditor's language: its lines and the workflow's refusals in Chinese",
          "[cli][dispose][lang]") {
  Fixture f;
  const auto zh = [&f](const std::string& args) {
    return RunCli("--db '" + f.db + "' --lang zh " + args, "QINGLIAN_TODAY=2025-03-20");
  };
  auto out = zh("dispose 1 --status closed --outcome 记过 --case-filed");
  CHECK(out.exit_code == 1);
  CHECK(out.err == "qinglian: 线索 1 尚未移交：请先移交核查，再办结\n");
  out = zh("dispose 1 --status transferred --to 市水务集团纪委 --date 2025-03-01 --due-days 10");
  CHECK(out.out == "线索 1：移交核查，期限 2025-03-11\n");
  out = zh("dispose 1 --status closed --outcome 警告 --case-filed");
  CHECK(out.err ==
        "qinglian: --outcome：“警告”有歧义：请写明 党内警告 (party_warning) 或 政务警告 "
        "(gov_warning)\n");
  out = zh("dispose 1 --status closed --outcome 留党察看 --outcome 撤职");
  CHECK(out.err ==
        "qinglian: 线索 1：gov_removal 属于处分，须已立案（--case-filed）；该线索尚无立案记录\n");
  out = zh("dispose 1 --status closed --outcome 留党察看 --outcome 撤职 --case-filed");
  CHECK(out.out == "线索 1：办结（留党察看、撤职）\n");
  out = zh("dispose 1 --reopen");
  CHECK(out.err == "qinglian: 线索 1：复查须用 --note 说明理由（申诉或复查）\n");
  out = zh("dispose 1 --reopen --note 本人申诉");
  CHECK(out.out.rfind("线索 1：复查，移交核查，期限 ", 0) == 0);
}

TEST_CASE("qinglian demo speaks Chinese under --lang zh: the run summary and the feedback line",
          "[cli][demo][lang]") {
  testing::TempDir dir;
  const std::string demo_dir = dir / "demo";
  const auto r = RunCli("--lang zh demo --dir '" + demo_dir + "'");
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("\n第 1 批次：截至 2024-12-31，模型 ") != std::string::npos);
  CHECK(r.out.find("/feedback.csv：记录处置 ") != std::string::npos);
  CHECK(r.out.find("dispositions recorded") == std::string::npos);
  CHECK(r.out.find("追缴清退资金") != std::string::npos);
}

}  // namespace
}  // namespace qinglian
