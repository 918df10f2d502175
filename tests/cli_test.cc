// End-to-end tests of the command line: the real binary, its exit codes and
// its one-line errors.
#include <catch2/catch.hpp>

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
