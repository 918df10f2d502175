// Measures each hot path of a nightly run on its own and prints, per path:
// bytes, wall seconds, CPU seconds (user + system, every thread), MB/s of
// wall time and per CPU-second and the peak memory so far, against the machine's memory
// bandwidth measured here (one core copying a buffer far larger than the
// caches). bench/hot_paths.sh prints `cat`'s figure beside them.
//
//   hot_paths EMPLOYEES.csv OFFENCES.csv [LEADS]
//
// The paths: SHA-256 of both files as a run takes it (read again once they
// are loaded, on a thread of its own beside the comparison), the roster
// parse (every employee row in full, on every core), the offence scan (only
// the rows of persons on the roster parsed past the ID number), and the store
// writing LEADS leads (default 33,000) with their events in one run, into a
// new store in the temp directory, then the same leads in a second run, as
// every night after the first finds them again.
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "qinglian/app/catalog.h"
#include "qinglian/base/sha256.h"
#include "qinglian/compare/roster.h"
#include "qinglian/input/loader.h"
#include "qinglian/input/source.h"
#include "qinglian/store/store.h"

using namespace qinglian;  // a benchmark driver, not library code

namespace {

struct Clock {
  std::chrono::steady_clock::time_point wall = std::chrono::steady_clock::now();
  double cpu = Cpu();
  static double Cpu() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
  }
  double Wall() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - wall).count();
  }
};

long PeakRssMb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss / 1024;
}

void Print(const char* what, double bytes, const Clock& c, const char* note = "") {
  const double wall = c.Wall(), cpu = Clock::Cpu() - c.cpu;
  std::printf(
      "%-24s %7.1f MB %6.2f s wall %6.2f s CPU %6.0f MB/s %6.0f MB/CPU-s  peak %4ld MB  %s\n", what,
      bytes / 1e6, wall, cpu, bytes / 1e6 / wall, bytes / 1e6 / cpu, PeakRssMb(), note);
}

// One core copying 512 MB, 256 MB at a time: the memory's bandwidth as one
// core sees it (read + write: the bytes copied count once).
void MemoryBandwidth() {
  constexpr size_t kBytes = 256u << 20;
  std::vector<char> a(kBytes, 1), b(kBytes, 2);
  const Clock c;
  for (int i = 0; i < 2; ++i) std::memcpy((i ? a : b).data(), (i ? b : a).data(), kBytes);
  Print("memory (memcpy, 1 core)", 2.0 * kBytes, c);
}

int Fail(const std::string& why) {
  std::fprintf(stderr, "hot_paths: %s\n", why.c_str());
  return 1;
}

// `n` leads as a run makes them, each of its own person and offence.
std::vector<LeadEvidence> SyntheticLeads(size_t n) {
  std::vector<LeadEvidence> out(n);
  for (size_t i = 0; i < n; ++i) {
    LeadEvidence& e = out[i];
    e.key = "soe_vice|" + std::to_string(100000000 + i);
    e.model = "soe_vice";
    e.type = "soe_vice";
    e.id_number = "11010119800101" + std::to_string(1000 + i % 9000);
    e.name = e.offence_name = "张三";
    e.unit = "瑞丰化工有限公司";
    e.department = "安全生产部";
    e.position = "工程师";
    e.hire_date = Date::FromYmd(2010, 2, 5);
    e.employee_file = "employees.csv";
    e.employee_line = static_cast<uint32_t>(i + 2);
    e.label = "gambling";
    e.offence_date = Date::FromYmd(2016, 8, 27);
    e.place = "杭州市朝阳区长江路113号星光棋牌室";
    e.penalty = "行政拘留14日，并处罚款3000元";
    e.case_no = "杭公(治)行罚决字[2016]" + std::to_string(i) + "号";
    e.offence_file = "offences.csv";
    e.offence_line = static_cast<uint32_t>(i * 7 + 2);
    e.record = {{"record_id", "R" + std::to_string(i)}};
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: hot_paths EMPLOYEES.csv OFFENCES.csv [LEADS]\n");
    return 2;
  }
  const std::string employees_path = argv[1], offences_path = argv[2];
  const size_t lead_count = argc > 3 ? std::strtoul(argv[3], nullptr, 10) : 33000;
  const Result<Catalog> catalog = LoadCatalog({});
  if (!catalog.ok()) return Fail(catalog.error());
  std::printf("%u cores\n", std::thread::hardware_concurrency());

  {
    double bytes = 0;
    const Clock c;
    for (const std::string& path : {employees_path, offences_path}) {
      const Result<FileDigest> d = Sha256File(path);
      if (!d.ok()) return Fail(d.error());
      bytes += static_cast<double>(d->size);
    }
    Print("SHA-256 (1 core)", bytes, c, "read and hashed");
  }

  LoadOptions options;
  options.vocabulary = &catalog->vocabulary;
  options.today = options.as_of = Date::FromYmd(2026, 1, 1);
  RecordLoader employees(**catalog->Kind("employees"), options);
  {
    Result<std::unique_ptr<ByteSource>> source = OpenFileSource(employees_path);
    if (!source.ok()) return Fail(source.error());
    const Clock c;
    const Result<FileSummary> s = employees.Load(**source, nullptr);
    if (!s.ok()) return Fail(s.error());
    Print("roster parse", static_cast<double>(s->bytes), c,
          (std::to_string(s->accepted) + " records").c_str());
  }
  const Clock index_clock;
  const Roster roster(employees.records());
  Print("roster index", 0, index_clock, (std::to_string(roster.persons()) + " persons").c_str());

  {
    LoadOptions scan = options;
    scan.will_ask = [&roster](IdKey k) { roster.Prefetch(k); };
    RecordLoader offences(**catalog->Kind("offences"), scan,
                          [&roster](IdKey k) { return roster.Contains(k); });
    Result<std::unique_ptr<ByteSource>> source = OpenFileSource(offences_path);
    if (!source.ok()) return Fail(source.error());
    const Clock c;
    const Result<FileSummary> s = offences.Load(**source, nullptr);
    if (!s.ok()) return Fail(s.error());
    Print("offence scan", static_cast<double>(s->bytes), c,
          (std::to_string(s->accepted - s->not_employees) + " rows of employees").c_str());
  }

  {
    const std::string db = (std::filesystem::temp_directory_path() /
                            ("hot_paths_" + std::to_string(::getpid()) + ".db"))
                               .string();
    Result<std::unique_ptr<Store>> store = Store::Open(db, /*create=*/true);
    if (!store.ok()) return Fail(store.error());
    const std::vector<LeadEvidence> leads = SyntheticLeads(lead_count);
    // The first night finds every lead; the next finds them all again, the
    // nightly run's usual case: each is looked up, compared and moved on.
    for (const char* night : {"store", "store (seen again)"}) {
      RunWrite w;
      w.run.started_at = w.run.finished_at = "2026-01-01T00:00:00Z";
      w.run.as_of = "2026-01-01";
      w.run.models = {"soe_vice"};
      w.run.actor = "bench";
      w.leads = leads;
      const Clock c;
      const Status s = (*store)->WriteRun(&w, nullptr);
      if (!s.ok()) return Fail(s.message());
      const double per_lead = c.Wall() / static_cast<double>(lead_count) * 1e6;
      Print(night, 0, c,
            (std::to_string(lead_count) + " leads, " + std::to_string(per_lead).substr(0, 5) +
             " us per lead")
                .c_str());
    }
    store->reset();
    for (const char* suffix : {"", "-wal", "-shm"}) std::remove((db + suffix).c_str());
  }
  MemoryBandwidth();  // last: its buffers would count in the peaks above
  return 0;
}
