// A comparison run, end to end: load the rosters (employees), stream the
// other offices' records through the rosters' index, compare under the
// chosen models and write the leads to the store in one transaction.
#ifndef QINGLIAN_APP_RUN_H_
#define QINGLIAN_APP_RUN_H_

#include <functional>
#include <string>
#include <vector>

#include "qinglian/app/catalog.h"
#include "qinglian/compare/comparator.h"
#include "qinglian/compare/data_quality.h"
#include "qinglian/compare/model.h"
#include "qinglian/core/review.h"
#include "qinglian/input/loader.h"
#include "qinglian/store/store.h"

namespace qinglian {

// One input file and the kind of records it holds.
struct RunInput {
  std::string kind;  // employees, offences, subsidies, ...
  std::string path;
};

struct RunRequest {
  std::vector<RunInput> inputs;
  const Catalog* catalog = nullptr;  // the kinds and the vocabulary
  std::vector<Model> models;         // the models to run, from the catalog
  Date as_of = Date::Today();
  int lookback_years = -1;  // >= 0 overrides the models' look-back
  double max_reject_rate = 0.05;
  // The inputs are complete extracts: a lead of a model run whose record is
  // not among them is marked missing (never deleted).
  bool snapshot = false;
  LoadOptions load;
  // The unit of every roster row that names none: a single unit's roster
  // may then have no unit column at all.
  std::string unit;
  std::string actor;  // who ran it (the OS user)
  AuditEntry audit;   // written with the run; empty command: none
  // Told about each file as its loading starts and ends (progress, logs).
  std::function<void(const std::string& path)> on_file_start;
  std::function<void(const FileSummary& summary)> on_file_done;
  // Called once every input is read and every reject handed on, before
  // anything is written to the store: an error here ends the run with nothing
  // written (the CLI makes sure its rejects file is on disk).
  std::function<Status()> on_loaded;
};

struct RunReport {
  RunRecord run;  // as stored; run.status kFailed when refused
  std::vector<FileSummary> files;
  CompareStats stats;
  uint64_t employee_records = 0, persons = 0;
  std::vector<CoverageRecord> coverage;
  // Units no earlier successful run saw (none on a store's first run).
  std::vector<std::string> new_units;
  // Each expected headcount (`units expect`) against the persons found.
  std::vector<UnitExpectation> expectations;
  DataQuality quality;  // warnings: no row is rejected for them
  // The near matches of the roster rows that could not be keyed: the run's
  // figures (matched: leads of pairs judged the same person this run) and
  // its candidates, best first.
  ReviewFigures review;
  std::vector<ReviewCandidate> candidates;
  // Models that could not run, and why ("no input of kind deaths").
  std::vector<std::pair<std::string, std::string>> skipped;
  // The newest day of the other offices' records read (of persons on a
  // roster); invalid when there is none.
  Date newest_event;
  double seconds = 0;  // the whole run
  // The audit trail's head once the run is stored (its entry's hash): a
  // nightly log line that `audit verify --expect` checks the trail against.
  std::string audit_head;
  // Wall time of each phase, in seconds; near_match is the part of compare
  // that finds and scores the review candidates.
  struct Phases {
    double load_employees = 0, index = 0, load_offences = 0, compare = 0, store = 0;
    double near_match = 0;
  };
  Phases phases;
  // CPU time (user and system, all threads) of the same phases, and of the
  // whole run: cpu / wall is how many of the machine's cores were busy.
  Phases cpu;
  double cpu_seconds = 0;

  bool failed() const { return run.status == RunStatus::kFailed; }
  // Every expected unit has its headcount (true when none is expected).
  bool coverage_complete() const {
    for (const UnitExpectation& e : expectations)
      if (!e.covered()) return false;
    return true;
  }
};

// Runs the comparison. An input that cannot be used at all (a missing file or
// column) is an error and writes nothing. A file whose reject rate passes
// max_reject_rate, or that has no data rows, fails the run: only a failed-run
// record is written, and the report says why (run.message). `before_commit`
// is handed to the store.
Result<RunReport> ExecuteRun(const RunRequest& request, Store& store, const RejectSink& rejects,
                             const std::function<void()>& before_commit = nullptr);

// The models of `request` that can run on its inputs; the others, with the
// reason, in *skipped.
std::vector<const Model*> RunnableModels(const RunRequest& request,
                                         std::vector<std::pair<std::string, std::string>>* skipped);

}  // namespace qinglian

#endif  // QINGLIAN_APP_RUN_H_
