#include "base/flat_key_set.h"

#include <catch2/catch.hpp>
#include <random>
#include <set>

namespace qinglian {
namespace {

TEST_CASE("FlatKeySet keeps every key once, reserved for or grown into", "[records]") {
  std::mt19937_64 random(20261201);
  for (const size_t reserve : {size_t{0}, size_t{10}, size_t{5000}, size_t{70000}}) {
    INFO(reserve);
    FlatKeySet keys;
    keys.Reserve(reserve);
    std::set<uint64_t> want;
    // Keys from a small range, so that many come twice (0 and 1 are one key:
    // 0 is stored as 1, and neither is used here).
    for (int i = 0; i < 60000; ++i) {
      const uint64_t k = 2 + random() % 40000;
      CHECK(keys.Insert(k) == want.insert(k).second);
      if (i == 30000) keys.Reserve(100000);  // more room, halfway through
    }
    CHECK(keys.size() == want.size());
    for (uint64_t k = 2; k < 40002; ++k) REQUIRE(keys.Contains(k) == (want.count(k) == 1));
  }
}

}  // namespace
}  // namespace qinglian
