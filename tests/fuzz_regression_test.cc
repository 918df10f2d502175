// Inputs the fuzzers found, replayed through the same entry points
// (fuzz/targets.h): every file under tests/data/fuzz/<target>/. Each input
// runs in a child process, so that a crash, a sanitizer report or a hang
// fails its check instead of the whole test program.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <csignal>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <vector>

#include "targets.h"
#include "test_util.h"

// LeakSanitizer's check, present in sanitizer builds only.
extern "C" int __lsan_do_recoverable_leak_check() __attribute__((weak));

namespace qinglian::fuzz {
namespace {

constexpr unsigned kSecondsPerInput = 20;  // generous: the sanitizer build is slow
constexpr int kExitBroken = 97, kExitLeak = 98, kExitThrew = 99;

// Runs `target` over `data` in a child process; returns what went wrong, or
// an empty string.
std::string Replay(const Target& target, const std::string& data) {
  std::fflush(nullptr);  // the child must not flush the parent's buffers again
  const pid_t pid = ::fork();
  if (pid < 0) return "cannot fork";
  if (pid == 0) {
    // An abort (an uncaught exception, a broken assert) ends the child
    // quietly instead of going through the test framework's handler.
    std::signal(SIGABRT, SIG_DFL);
    ::alarm(kSecondsPerInput);
    try {
      const Status s = target.run(data);
      if (!s.ok()) {
        std::fprintf(stderr, "%s\n", s.message().c_str());
        ::_exit(kExitBroken);
      }
    } catch (const std::exception& e) {
      // Under libFuzzer this ends the program; here it must not reach the test framework.
      std::fprintf(stderr, "exception: %s\n", e.what());
      ::_exit(kExitThrew);
    } catch (...) {
      ::_exit(kExitThrew);
    }
    if (__lsan_do_recoverable_leak_check && __lsan_do_recoverable_leak_check()) ::_exit(kExitLeak);
    ::_exit(0);
  }
  int status = 0;
  if (::waitpid(pid, &status, 0) != pid) return "cannot wait for the child";
  if (WIFSIGNALED(status))
    return WTERMSIG(status) == SIGALRM
               ? "no result after " + std::to_string(kSecondsPerInput) + " s"
               : "killed by signal " + std::to_string(WTERMSIG(status));
  switch (WEXITSTATUS(status)) {
    case 0:
      return "";
    case kExitBroken:
      return "an invariant is broken (see stderr)";
    case kExitLeak:
      return "memory leaks (see stderr)";
    case kExitThrew:
      return "an exception escaped (see stderr)";
    default:
      return "crashed: exit code " + std::to_string(WEXITSTATUS(status)) + " (see stderr)";
  }
}

std::vector<std::filesystem::path> Inputs(const std::string& target) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;  // no directory: no inputs
  for (const auto& e : std::filesystem::directory_iterator(testing::TestData("fuzz/" + target), ec))
    if (e.is_regular_file()) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

TEST_CASE("Every directory of fuzz inputs names a fuzz target", "[fuzz]") {
  std::error_code ec;  // no directory: nothing to replay
  for (const auto& e : std::filesystem::directory_iterator(testing::TestData("fuzz"), ec)) {
    INFO(e.path().string());
    CHECK(FindTarget(e.path().filename().string()) != nullptr);
  }
}

// The defects these inputs found are fixed: every one must pass.
TEST_CASE("Every saved fuzz input replays cleanly", "[fuzz]") {
  size_t replayed = 0;
  for (const Target& target : Targets()) {
    for (const auto& file : Inputs(target.name)) {
      INFO(file.string());
      CHECK(Replay(target, testing::ReadFile(file)) == "");
      ++replayed;
    }
  }
  CHECK(replayed > 0);
}

}  // namespace
}  // namespace qinglian::fuzz
