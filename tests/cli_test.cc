// End-to-end tests of the command line: the real binary, its exit codes and
// its one-line errors.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "test_util.h"

namespace qinglian {
namespace {

using testing::RunCli;

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

}  // namespace
}  // namespace qinglian

namespace qinglian {
namespace {

using testing::RunCli;
using testing::TestData;

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

}  // namespace
}  // namespace qinglian

namespace qinglian {
namespace {

using testing::RunCli;
using testing::TestData;

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

}  // namespace
}  // namespace qinglian
