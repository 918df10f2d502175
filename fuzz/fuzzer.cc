// The libFuzzer entry point of one target, named at compile time by
// QINGLIAN_FUZZ_TARGET (fuzz/CMakeLists.txt builds one program per target).
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const qinglian::fuzz::Target* const target =
      qinglian::fuzz::FindTarget(QINGLIAN_FUZZ_TARGET);
  if (!target) {
    std::fprintf(stderr, "no fuzz target named %s\n", QINGLIAN_FUZZ_TARGET);
    std::abort();
  }
  const qinglian::Status s =
      target->run(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!s.ok()) {
    // An invariant is broken: report it as a crash, so that libFuzzer keeps the input.
    std::fprintf(stderr, "%s: invariant broken: %s\n", QINGLIAN_FUZZ_TARGET, s.message().c_str());
    std::abort();
  }
  return 0;
}
