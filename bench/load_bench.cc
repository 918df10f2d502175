// Loads employee and offence files as a nightly run does and prints, per
// file kind: bytes, rows, seconds, MB/s, rows/s and the process's peak memory.
//
//   load_bench EMPLOYEES.csv [OFFENCES.csv...]
//
// Offences are loaded twice: as `run` does (only rows of employees parsed in
// full) and as `check` does (every row parsed).
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "base/flat_key_set.h"
#include "qinglian/app/catalog.h"
#include "qinglian/input/loader.h"

using namespace qinglian;  // a benchmark driver, not library code

namespace {

long PeakRssMb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss / 1024;
}

void Print(const char* what, uint64_t byte_count, uint64_t rows, double secs) {
  const double bytes = static_cast<double>(byte_count);
  std::printf("%-28s %8.1f MB %10llu rows %7.2f s %8.1f MB/s %10.0f rows/s  peak RSS %ld MB\n",
              what, bytes / 1e6, static_cast<unsigned long long>(rows), secs, bytes / 1e6 / secs,
              static_cast<double>(rows) / secs, PeakRssMb());
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: load_bench EMPLOYEES.csv [OFFENCES.csv...]\n");
    return 2;
  }
  const Result<Catalog> catalog = LoadCatalog({});
  if (!catalog.ok()) return std::fprintf(stderr, "%s\n", catalog.error().c_str()), 1;
  LoadOptions options;
  options.vocabulary = &catalog->vocabulary;
  RecordLoader employees(**catalog->Kind("employees"), options);
  {
    auto source = OpenFileSource(argv[1]);
    if (!source.ok()) return std::fprintf(stderr, "%s\n", source.error().c_str()), 1;
    auto s = employees.Load(**source, nullptr);
    if (!s.ok()) return std::fprintf(stderr, "%s\n", s.error().c_str()), 1;
    Print("employees", s->bytes, s->rows, s->seconds);
    const RecordSet& t = employees.records();
    const size_t held = t.heap_bytes();
    std::printf("  %zu records held in %.1f MB (%.2f x the file's %.1f MB)\n", t.size(),
                static_cast<double>(held) / 1e6,
                static_cast<double>(held) / static_cast<double>(s->bytes),
                static_cast<double>(s->bytes) / 1e6);
  }
  FlatKeySet keys;
  for (size_t r = 0; r < employees.records().size(); ++r) keys.Insert(employees.records().key(r));

  for (bool filtered : {true, false}) {
    RecordLoader offences(
        **catalog->Kind("offences"), options,
        filtered ? std::function<bool(IdKey)>([&](IdKey k) { return keys.Contains(k); }) : nullptr,
        /*keep=*/filtered);
    uint64_t bytes = 0, rows = 0, kept = 0;
    const auto start = std::chrono::steady_clock::now();
    for (int i = 2; i < argc; ++i) {
      auto source = OpenFileSource(argv[i]);
      if (!source.ok()) return std::fprintf(stderr, "%s\n", source.error().c_str()), 1;
      auto s = offences.Load(**source, nullptr);
      if (!s.ok()) return std::fprintf(stderr, "%s\n", s.error().c_str()), 1;
      bytes += s->bytes;
      rows += s->rows;
      kept += s->accepted;
    }
    const double secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (argc > 2) {
      Print(filtered ? "offences (run: employees')" : "offences (check: every row)", bytes, rows,
            secs);
      std::printf("  %llu offences accepted\n", static_cast<unsigned long long>(kept));
    }
  }
  return 0;
}
