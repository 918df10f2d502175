// A comparison run as the store keeps it: when and by whom, what it read
// (each input file with its fingerprint and what became of its rows), what
// it covered and what it found.
#ifndef QINGLIAN_CORE_RUN_RECORD_H_
#define QINGLIAN_CORE_RUN_RECORD_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "qinglian/core/vocab.h"

namespace qinglian {

// One input file of a run.
struct SourceRecord {
  std::string kind;  // the record kind: employees, offences, ...
  std::string path;
  uint64_t size = 0;
  std::string sha256;
  std::string format = "csv";  // csv, or xlsx: a workbook read through its first sheet
  std::string encoding;        // of a CSV file: utf-8, gb18030, utf-16le, utf-16be
  uint64_t rows = 0, accepted = 0, rejected = 0, duplicates = 0;
  std::map<RejectReason, uint64_t> rejects_by_reason;

  // The rows that went into the comparison: every row but the rejected and
  // the duplicates. Of another office's file that is more than `accepted`,
  // which counts only the rows of persons on a roster.
  uint64_t compared() const {
    const uint64_t out = rejected + duplicates;
    return rows > out ? rows - out : 0;
  }
};

// What one model did in a run: the records it compared with the roster and
// what it found, or why it did not run.
struct ModelRun {
  std::string model;
  std::string title_zh, title_en;  // as the model file had them
  std::string events_kind;         // the kind of records it compared: offences, subsidies, ...
  uint64_t records = 0;            // of that kind, compared (SourceRecord::compared())
  uint64_t candidates = 0;         // on a roster person, of a type it covers
  uint64_t leads_new = 0, leads_seen = 0;
  bool amounts = false;  // its leads carry the money involved
  std::string skipped;   // why it did not run ("no input of kind deaths"); empty: it ran

  bool ran() const { return skipped.empty(); }
};

struct CoverageRecord {
  std::string unit;
  uint64_t records = 0, persons = 0;
};

// A unit's expected headcount (persons, `units expect`) and the persons a
// run found on its roster.
struct UnitExpectation {
  std::string unit;
  uint64_t expected = 0, found = 0;
  bool covered() const { return found >= expected; }
};

struct RunRecord {
  int64_t id = 0;
  std::string started_at, finished_at;  // ISO 8601, UTC
  RunStatus status = RunStatus::kOk;
  std::string message;  // why it failed
  std::string as_of;
  std::vector<std::string> models;  // the names of the models it ran
  std::string actor;                // the OS user
  uint64_t employee_rows = 0, employee_rejected = 0, offence_rows = 0, offence_rejected = 0;
  uint64_t hits = 0, leads_new = 0, leads_seen = 0;
  uint64_t persons = 0;  // distinct persons among the accepted employee records
  // Records of the other kinds (offences, ...) accepted: valid and not a
  // duplicate; what the comparison compared the roster with.
  uint64_t offence_accepted = 0;
  // A snapshot run (`run --snapshot`): its inputs are complete extracts, so
  // a lead whose record is absent is marked missing.
  bool snapshot = false;
  uint64_t leads_changed = 0;  // leads seen again whose evidence changed
  uint64_t leads_missing = 0;  // leads a snapshot run marked missing
  int64_t duration_ms = 0;
  std::vector<SourceRecord> sources;
  // Every model asked for, in order: those that ran, and those skipped.
  std::vector<ModelRun> model_runs;
};

}  // namespace qinglian

#endif  // QINGLIAN_CORE_RUN_RECORD_H_
