// Prints how many ID numbers a second ParseIdNumber validates on one core:
// clean 18-digit numbers (the fast path) and noisy ones (full-width, 15-digit,
// wrapped), as a nightly file mixes them.
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "qinglian/core/idcard.h"

using qinglian::Date;
using qinglian::IdCheckCharacter;
using qinglian::ParseIdNumber;

namespace {

std::vector<std::string> MakeIds(size_t n, bool noisy) {
  std::mt19937_64 rng(42);
  std::vector<std::string> ids;
  ids.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    char body[18];
    std::snprintf(body, sizeof body, "4301%02d%04d%02d%02d%03d", static_cast<int>(rng() % 30),
                  1950 + static_cast<int>(rng() % 55), 1 + static_cast<int>(rng() % 12),
                  1 + static_cast<int>(rng() % 28), static_cast<int>(rng() % 1000));
    std::string id = std::string(body, 17) + IdCheckCharacter(std::string_view(body, 17));
    if (noisy && i % 4 == 1) id = "'" + id;
    if (noisy && i % 4 == 2) id = id.substr(0, 6) + id.substr(8, 9);  // 15-digit
    if (noisy && i % 4 == 3) id = "=\"" + id + "\"\t";
    ids.push_back(std::move(id));
  }
  return ids;
}

void Measure(const char* label, const std::vector<std::string>& ids) {
  const Date today = Date::FromYmd(2026, 11, 26);
  size_t ok = 0;
  const auto start = std::chrono::steady_clock::now();
  for (const std::string& id : ids) ok += ParseIdNumber(id, today).ok();
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%-8s %zu numbers, %zu valid, %.3f s, %.1f million/s\n", label, ids.size(), ok, secs,
              static_cast<double>(ids.size()) / secs / 1e6);
}

}  // namespace

int main() {
  constexpr size_t kCount = 10'000'000;
  Measure("clean", MakeIds(kCount, false));
  Measure("noisy", MakeIds(kCount / 4, true));
  return 0;
}
