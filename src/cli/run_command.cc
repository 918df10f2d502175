// qinglian run --employees PATH... --offences PATH... [--input KIND=PATH...] [--unit NAME]
//              [--model NAME...] [--as-of DATE] [--lookback-years N] [--snapshot]
//              [--rejects FILE]
//              [--encoding E] [--max-reject-rate R] [--map 'HEADER=field'...] [--json]
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <thread>

#include "cli/command.h"
#include "cli/context.h"
#include "cli/exit.h"
#include "qinglian/app/run.h"
#include "qinglian/app/run_summary.h"
#include "qinglian/base/text.h"

namespace qinglian::cli {
namespace {

// Fault injection for the atomicity tests: QINGLIAN_FAULT=pause-before-commit
// stops inside the run's transaction until the process is killed.
void BeforeCommit() {
  const char* fault = std::getenv("QINGLIAN_FAULT");
  if (!fault || std::string(fault) != "pause-before-commit") return;
  std::cerr << "qinglian: paused before commit\n" << std::flush;
  std::this_thread::sleep_for(std::chrono::minutes(5));
}

class RunCommand final : public Command {
 public:
  void Define(CLI::App& app) override {
    app.add_option("--employees", opt_.employees, "employee base data files (CSV or XLSX)");
    app.add_option("--offences", opt_.offences, "offence record files of the police");
    app.add_option("--input", opt_.inputs,
                   "a file of any record kind: KIND=PATH (subsidies=低保.xlsx, deaths=..., "
                   "businesses=...)");
    app.add_option("--unit", opt_.unit,
                   "the unit of every roster row that names none (a single unit's roster "
                   "without a unit column)");
    app.add_option("--model", opt_.models, "run only these models (default: all)");
    app.add_option("--models-dir", opt_.models_dir, "directory of model files (*.json)");
    app.add_option("--as-of", opt_.as_of,
                   "the date the look-back counts back from (default today)");
    app.add_option("--lookback-years", opt_.lookback_years,
                   "look back this many years instead of the models' own")
        ->check(CLI::Range(0, 100));
    app.add_option("--rejects", opt_.rejects, "write rejected rows to this CSV file");
    app.add_option("--max-reject-rate", opt_.max_reject_rate,
                   "fail when a file rejects more than this share of rows")
        ->check(CLI::Range(0.0, 1.0));
    DefineInputFlags(app, &opt_.input);
    app.add_flag("--snapshot", opt_.snapshot,
                 "the inputs are complete extracts: mark the leads whose record is absent as "
                 "missing");
    app.add_flag("--json", opt_.json, "print the summary as JSON");
  }

  int Run(const Globals& g) override {
    RunRequest request;
    for (const std::string& p : opt_.employees) request.inputs.push_back({"employees", p});
    for (const std::string& p : opt_.offences) request.inputs.push_back({"offences", p});
    for (const std::string& in : opt_.inputs) {
      const size_t eq = in.find('=');
      if (eq == std::string::npos || eq == 0 || eq + 1 == in.size())
        return Usage("--input '" + in + "': expected KIND=PATH");
      request.inputs.push_back({in.substr(0, eq), in.substr(eq + 1)});
    }
    if (request.inputs.empty())
      return Usage(
          "run: give the inputs: --employees PATH and --offences PATH, or --input "
          "KIND=PATH");
    request.lookback_years = opt_.lookback_years;
    request.unit = opt_.unit;
    request.max_reject_rate = opt_.max_reject_rate;
    request.snapshot = opt_.snapshot;
    request.actor = OsUser();
    request.audit = MakeAudit(g);
    Result<LoadOptions> load = MakeLoadOptions(opt_.input);
    if (!load.ok()) return Fail(load.status());
    request.load = *load;
    if (!opt_.as_of.empty()) {
      const Result<Date> d = ParseDate(opt_.as_of);
      if (!d.ok()) return Fail("--as-of: " + d.error());
      request.as_of = *d;
    }
    const Result<Catalog> catalog = LoadCatalogFor(g, opt_.models_dir);
    if (!catalog.ok()) return Fail(catalog.status());
    request.catalog = &*catalog;
    for (const RunInput& in : request.inputs)
      if (Result<const RecordKind*> k = catalog->Kind(in.kind); !k.ok())
        return Usage("--input " + in.kind + "=" + in.path + ": " + k.error());
    const Result<std::vector<Model>> chosen = SelectModels(catalog->models, opt_.models);
    if (!chosen.ok()) return Fail(chosen.status());
    request.models = *chosen;
    std::vector<std::string> paths;
    for (const RunInput& in : request.inputs) paths.push_back(in.path);
    if (Status s = CheckOutput(g, "--rejects", opt_.rejects, paths); !s.ok())
      return Usage(s.message());

    Result<std::unique_ptr<Store>> store = OpenStore(g, StoreAccess::kCreate);
    if (!store.ok()) return Fail(store.status());

    RejectsFile rejects;
    if (Status s = rejects.Open(opt_.rejects); !s.ok()) return Fail(s);
    // Progress on a terminal for large inputs; a nightly log gets the same lines.
    const bool terminal = ::isatty(STDERR_FILENO);
    request.on_file_start = [terminal](const std::string& path) {
      std::error_code ec;
      const auto size = std::filesystem::file_size(path, ec);
      if (!ec && terminal && size > (64u << 20))
        spdlog::info("reading {} ({} MB) ...", TerminalText(path), size >> 20);
    };
    request.on_file_done = [](const FileSummary& f) {
      spdlog::debug("{}: {} rows in {:.2f} s ({:.0f} MB/s)", TerminalText(f.file), f.rows,
                    f.seconds,
                    f.seconds > 0 ? static_cast<double>(f.bytes) / 1e6 / f.seconds : 0.0);
      if (f.suspect_ids)
        spdlog::warn("{}: {} ID numbers end in 000 in a file with spreadsheet damage; check them",
                     TerminalText(f.file), f.suspect_ids);
    };
    // The rejects are on disk before the run is committed, and show only after.
    request.on_loaded = [&rejects] { return rejects.Finish(); };
    const Result<RunReport> report = ExecuteRun(request, **store, rejects.sink(), BeforeCommit);
    if (!report.ok()) return Fail(report.status());
    if (Status s = rejects.Commit(); !s.ok()) return Fail(s);
    // File names in the text may hold control characters: shown, not sent.
    std::cout << (opt_.json ? FormatRunJson(*report, g.language())
                            : TerminalText(FormatRunText(*report, g.language()),
                                           /*keep_newlines=*/true));
    if (report->failed()) {
      Complain("run " + std::to_string(report->run.id) + " failed: " + report->run.message);
      return kExitRejected;
    }
    return kExitOk;
  }

 private:
  struct {
    std::vector<std::string> employees, offences, inputs, models;
    std::string models_dir, as_of, rejects, unit;
    int lookback_years = -1;
    double max_reject_rate = 0.05;
    InputFlags input;
    bool snapshot = false;
    bool json = false;
  } opt_;
};

}  // namespace

std::unique_ptr<Command> MakeRunCommand() { return std::make_unique<RunCommand>(); }

}  // namespace qinglian::cli
