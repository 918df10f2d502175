// qinglian run --employees PATH... --offences PATH... [--model NAME...] ...
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <thread>

#include "cli/command.h"
#include "cli/util.h"
#include "qinglian/app/run.h"
#include "qinglian/base/text.h"

namespace qinglian::cli {
namespace {

struct RunFlags {
  std::vector<std::string> employees, offences, models, map;
  std::string models_dir, as_of, rejects, encoding = "auto";
  int lookback_years = -1;
  double max_reject_rate = 0.05;
  bool json = false;
} opt;

// Fault injection for the atomicity tests: QINGLIAN_FAULT=pause-before-commit
// stops inside the run's transaction until the process is killed.
void BeforeCommit() {
  const char* fault = std::getenv("QINGLIAN_FAULT");
  if (!fault || std::string(fault) != "pause-before-commit") return;
  std::cerr << "qinglian: paused before commit\n" << std::flush;
  std::this_thread::sleep_for(std::chrono::minutes(5));
}

}  // namespace

void DefineRun(CLI::App& app) {
  app.add_option("--employees", opt.employees, "employee base data files (CSV)")->required();
  app.add_option("--offences", opt.offences, "offence record files (CSV)")->required();
  app.add_option("--model", opt.models, "run only these models (default: all)");
  app.add_option("--models-dir", opt.models_dir, "directory of model files (*.json)");
  app.add_option("--as-of", opt.as_of, "the date the look-back counts back from (default today)");
  app.add_option("--lookback-years", opt.lookback_years,
                 "look back this many years instead of the models' own")
      ->check(CLI::Range(0, 100));
  app.add_option("--rejects", opt.rejects, "write rejected rows to this CSV file");
  app.add_option("--encoding", opt.encoding, "auto, utf-8, gb18030 or utf-16");
  app.add_option("--max-reject-rate", opt.max_reject_rate,
                 "fail when a file rejects more than this share of rows")
      ->check(CLI::Range(0.0, 1.0));
  app.add_option("--map", opt.map, "name a column the aliases do not know: 'HEADER=field'");
  app.add_flag("--json", opt.json, "print the summary as JSON");
}

int RunRun(const GlobalOptions& g) {
  RunRequest request;
  request.employees = opt.employees;
  request.offences = opt.offences;
  request.lookback_years = opt.lookback_years;
  request.max_reject_rate = opt.max_reject_rate;
  request.actor = OsUser();
  request.audit = MakeAudit(g);
  request.load.column_map = opt.map;
  const Result<Encoding> encoding = ParseEncodingName(opt.encoding);
  if (!encoding.ok()) return Fail(encoding.error());
  request.load.encoding = *encoding;
  if (!opt.as_of.empty()) {
    const Result<Date> d = ParseDate(opt.as_of);
    if (!d.ok()) return Fail("--as-of: " + d.error());
    request.as_of = *d;
  }
  const Result<std::vector<Model>> all = LoadModels(FindModelsDir(opt.models_dir));
  if (!all.ok()) return Fail(all.error());
  const Result<std::vector<Model>> chosen = SelectModels(*all, opt.models);
  if (!chosen.ok()) return Fail(chosen.error());
  request.models = *chosen;
  std::vector<std::string> inputs = opt.employees;
  inputs.insert(inputs.end(), opt.offences.begin(), opt.offences.end());
  if (Status s = CheckOutput(g, "--rejects", opt.rejects, inputs); !s.ok())
    return Usage(s.message());

  Result<std::unique_ptr<Store>> store = OpenStore(g, /*create=*/true);
  if (!store.ok()) return Fail(store.error());

  RejectsFile rejects;
  if (Status s = rejects.Open(opt.rejects); !s.ok()) return Fail(s.message());
  // Progress on a terminal for large inputs; a nightly log gets the same lines.
  const bool terminal = ::isatty(STDERR_FILENO);
  request.on_file_start = [terminal](const std::string& path) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec && terminal && size > (64u << 20))
      spdlog::info("reading {} ({} MB) ...", path, size >> 20);
  };
  request.on_file_done = [](const FileSummary& f) {
    spdlog::debug("{}: {} rows in {:.2f} s ({:.0f} MB/s)", f.file, f.rows, f.seconds,
                  f.seconds > 0 ? static_cast<double>(f.bytes) / 1e6 / f.seconds : 0.0);
    if (f.suspect_ids)
      spdlog::warn("{}: {} ID numbers end in 000 in a file with spreadsheet damage; check them",
                   f.file, f.suspect_ids);
  };
  // The rejects are on disk before the run is committed, and show only after.
  request.on_loaded = [&rejects] { return rejects.Finish(); };
  const Result<RunReport> report = ExecuteRun(request, **store, rejects.sink(), BeforeCommit);
  if (!report.ok()) return Fail(report.error());
  if (Status s = rejects.Commit(); !s.ok()) return Fail(s.message());
  // File names in the text may hold control characters: shown, not sent.
  std::cout << (opt.json ? FormatRunJson(*report)
                         : TerminalText(FormatRunText(*report), /*keep_newlines=*/true));
  if (report->failed()) {
    std::cerr << "qinglian: run " << report->run.id
              << " failed: " << TerminalText(report->run.message) << "\n";
    return kExitRejected;
  }
  return kExitOk;
}

}  // namespace qinglian::cli
