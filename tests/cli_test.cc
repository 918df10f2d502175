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
