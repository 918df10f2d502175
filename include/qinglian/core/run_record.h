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
};

struct CoverageRecord {
  std::string unit;
  uint64_t records = 0, persons = 0;
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
};

}  // namespace qinglian

#endif  // QINGLIAN_CORE_RUN_RECORD_H_
