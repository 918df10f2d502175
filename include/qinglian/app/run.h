// A comparison run, end to end: load the employee files, stream the offence
// files through the employees' index, compare under the chosen models and
// write the leads to the store in one transaction.
#ifndef QINGLIAN_APP_RUN_H_
#define QINGLIAN_APP_RUN_H_

#include <functional>
#include <string>
#include <vector>

#include "qinglian/compare/compare.h"
#include "qinglian/compare/model.h"
#include "qinglian/input/loader.h"
#include "qinglian/store/store.h"

namespace qinglian {

struct RunRequest {
  std::vector<std::string> employees, offences;  // paths
  std::vector<Model> models;
  Date as_of = Date::Today();
  int lookback_years = -1;  // >= 0 overrides the models' look-back
  double max_reject_rate = 0.05;
  LoadOptions load;
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
  double seconds = 0;  // the whole run
  // The audit trail's head once the run is stored (its entry's hash): a
  // nightly log line that `audit verify --expect` checks the trail against.
  std::string audit_head;
  // Wall time of each phase, in seconds.
  struct {
    double load_employees = 0, index = 0, load_offences = 0, compare = 0, store = 0;
  } phases;

  bool failed() const { return run.status == RunStatus::kFailed; }
};

// Runs the comparison. An input that cannot be used at all (a missing file or
// column) is an error and writes nothing. A file whose reject rate passes
// max_reject_rate, or that has no data rows, fails the run: only a failed-run
// record is written, and the report says why (run.message). `before_commit`
// is handed to the store.
Result<RunReport> ExecuteRun(const RunRequest& request, Store& store, const RejectSink& rejects,
                             const std::function<void()>& before_commit = nullptr);

// The report as `run` prints it, and as `run --json` does (stable field names).
std::string FormatRunText(const RunReport& r);
std::string FormatRunJson(const RunReport& r);

}  // namespace qinglian

#endif  // QINGLIAN_APP_RUN_H_
