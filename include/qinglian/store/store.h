// The SQLite store: runs, their input files, coverage per unit, problem leads
// with their evidence, and the events of each lead. One file, schema
// versioned by PRAGMA user_version and migrated forward on open, WAL mode so
// that auditors read while a run writes. The only module that talks to SQLite.
// The audit trail (store_audit.cc) chains the audit log, the leads and their
// events, so that a change made behind the program's back is found.
#ifndef QINGLIAN_STORE_STORE_H_
#define QINGLIAN_STORE_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "qinglian/base/date.h"
#include "qinglian/base/status.h"
#include "qinglian/core/records.h"
#include "qinglian/core/workflow.h"

namespace qinglian {

namespace sql {
class Db;
class Stmt;
}  // namespace sql

constexpr int kSchemaVersion = 5;

// A lead's evidence, snapshotted when the lead is first found.
struct LeadEvidence {
  std::string key;           // LeadKey(): stable across runs
  std::string model;         // the model's name
  std::string type;          // OffenceTypeCode
  std::string id_number;     // canonical; masked only on output
  std::string name;          // as the employee record has it
  std::string offence_name;  // as the offence record has it
  bool name_matches = true;
  // The employment record covering the offence date.
  std::string unit, department, position, category, hire_date, leave_date, employee_file;
  uint32_t employee_line = 0;
  // The offence record.
  std::string label, offence_date;
  BacTenths bac = kNoBac;
  std::string place, penalty, case_no, authority, offence_file;
  uint32_t offence_line = 0;
};

struct StoredLead {
  int64_t id = 0;
  LeadEvidence evidence;
  std::string status;   // new, transferred, closed
  std::string outcome;  // empty until closed
  bool case_filed = false;
  int64_t recovered_fen = 0;
  int64_t first_run = 0, last_run = 0;
  std::string created_at;
};

// One input file of a run.
struct SourceRecord {
  std::string kind;  // employees, offences
  std::string path;
  uint64_t size = 0;
  std::string sha256;
  std::string encoding;
  uint64_t rows = 0, accepted = 0, rejected = 0, duplicates = 0;
  std::string rejects_by_reason;  // JSON object: {"bad_check": 3, ...}
};

struct CoverageRecord {
  std::string unit;
  uint64_t records = 0, persons = 0;
};

struct RunRecord {
  int64_t id = 0;
  std::string started_at, finished_at;  // ISO 8601, UTC
  std::string status;                   // ok, failed
  std::string message;                  // why it failed
  std::string as_of, models;            // models: names joined by ','
  std::string actor;                    // the OS user
  uint64_t employee_rows = 0, employee_rejected = 0, offence_rows = 0, offence_rejected = 0;
  uint64_t hits = 0, leads_new = 0, leads_seen = 0;
  uint64_t persons = 0;  // distinct persons among the accepted employee records
  int64_t duration_ms = 0;
  std::vector<SourceRecord> sources;
};

// The figures a report is made of, all counted in the store.
struct ReportFigures {
  RunRecord run;  // the run whose coverage is reported
  std::vector<CoverageRecord> coverage;
  // Leads, and what became of them, per unit, per type and in all.
  struct Row {
    std::string key;  // unit name or type code; empty for the total
    uint64_t found = 0, transferred = 0, closed = 0, unfounded = 0, handled = 0, sanctioned = 0,
             cases = 0;
    int64_t recovered_fen = 0;
  };
  std::vector<Row> by_unit, by_type;
  Row total;
  std::vector<std::pair<std::string, uint64_t>>
      outcomes;  // outcome code -> closed leads, heaviest first
  std::vector<std::pair<std::string, uint64_t>> employee_rejects,
      offence_rejects;       // reason -> rows
  int64_t leads_in_run = 0;  // leads the reported run found
};

// One entry of the audit trail: who did what to which leads. Entries are
// hash-chained: hash = SHA-256 (HMAC-SHA256 when keyed) over the entry, the
// lead events' head when it was written and the previous entry's hash.
struct AuditEntry {
  int64_t id = 0;
  std::string at;       // ISO 8601, UTC
  std::string actor;    // the OS user
  std::string command;  // leads, show, export, report, run, dispose
  std::string args;     // the command line as a JSON array, ID numbers masked
  std::string touched;  // what it read or changed: "12 leads", "lead 5", "run 3"
  std::string prev_hash, hash;
  int format = 2;          // 1: written before schema 5, covers the entry only
  bool keyed = false;      // hash is HMAC-SHA256 with the audit key
  int64_t event_id = 0;    // the last lead event when the entry was written
  std::string event_hash;  // that event's hash: the entry vouches for every event up to it
};

// The result of checking the trail.
struct AuditCheck {
  int64_t entries = 0, leads = 0, events = 0;
  std::string head;     // the last entry's hash; empty when there is none
  std::string problem;  // the first problem found; empty when the trail is intact
  // The trail is keyed and no key was given: nothing else was found wrong,
  // but the entries' hashes could not be checked.
  bool needs_key = false;
  bool intact() const { return problem.empty(); }
};

// The head of the trail, for an outside anchor (a nightly log line).
struct AuditHead {
  int64_t entries = 0;
  std::string hash;  // empty when there is no entry yet
};

// One row of a lead's history.
struct LeadEvent {
  std::string at, actor;
  int64_t run = 0;  // the run that found the lead, for its first event
  std::string from_status, to_status, outcome;
  bool case_filed = false;
  int64_t recovered_fen = 0;
  std::string note;
};

// What one successful run writes.
struct RunWrite {
  RunRecord run;
  std::vector<CoverageRecord> coverage;
  std::vector<LeadEvidence> leads;
  AuditEntry audit;  // appended in the same transaction
};

struct LeadQuery {
  std::string unit;    // exact unit name; empty: any
  std::string type;    // type code; empty: any
  std::string status;  // empty: any
  int64_t run = 0;     // seen in this run; 0: any
  bool created_in_latest_run = false;
  Date since, until;  // offence date bounds, inclusive; invalid: open
  int64_t limit = 0;  // 0: no limit
};

// What a command needs of the store.
enum class StoreAccess {
  // Reading (leads, show, report, export, runs, audit): the file must already
  // be a store, and is not changed except for audit entries. A store that
  // cannot be written (read-only file or folder) is opened read-only and
  // nothing is created beside it.
  kRead,
  kWrite,   // dispose: an existing store that must be writable
  kCreate,  // run, demo: creates the store when the file is missing or empty
};

struct StoreOptions {
  StoreAccess access = StoreAccess::kWrite;
  // A secret kept outside the database (QINGLIAN_AUDIT_KEY): entries written
  // with it are HMAC-SHA256, so that only its holder can re-chain the trail.
  std::string audit_key;
  int version = kSchemaVersion;  // tests give an older one to build old databases
};

class Store {
 public:
  // Opens the database. The schema is created, or migrated forward, in one
  // BEGIN IMMEDIATE transaction that checks the version again once it holds
  // the lock, so two processes opening a new file do not race. Refuses a
  // file that is not a store (empty, another program's database, a schema
  // version this program does not know) without changing it.
  static Result<std::unique_ptr<Store>> Open(const std::string& path, const StoreOptions& options);
  // kCreate when `create`, else kWrite.
  static Result<std::unique_ptr<Store>> Open(const std::string& path, bool create,
                                             int version = kSchemaVersion);
  ~Store();

  int schema_version() const { return version_; }
  const std::string& path() const;
  // Opened read-only: everything can be read, nothing (not even an audit
  // entry) can be written.
  bool read_only() const;

  // Writes a run in one transaction: the run, its sources and coverage, new
  // leads with a "created" event, and the run against leads seen again. Sets
  // w->run.id, leads_new and leads_seen. `before_commit` runs inside the
  // transaction (fault injection in tests); an error anywhere leaves the
  // store as it was.
  Status WriteRun(RunWrite* w, const std::function<void()>& before_commit = nullptr);
  // Records a run that failed before writing anything else.
  Status WriteFailedRun(RunRecord* r, AuditEntry* audit = nullptr);

  // One lead, or an error naming the id when there is none.
  Result<StoredLead> Lead(int64_t id);
  Result<std::vector<LeadEvent>> Events(int64_t lead_id);

  // Applies dispositions in order, all or nothing: each is checked against the
  // lead's state as the ones before it left it (ApplyDisposition). Fails on
  // the first that is not allowed, naming it by its position (0-based) in
  // *failed_at when given.
  Status Dispose(const std::vector<Disposition>& changes, const std::string& actor,
                 AuditEntry* audit, size_t* failed_at = nullptr);

  // Appends to the audit trail in its own transaction; fills id, at, hashes.
  // Waits at most `wait_ms` for another process's write lock (a run's store
  // phase); a negative wait keeps the store's busy timeout.
  Status AppendAudit(AuditEntry* e, int wait_ms = -1);
  Result<std::vector<AuditEntry>> AuditLog();
  Result<AuditHead> Head();
  // Checks the whole trail: the append-only triggers, every entry's hash and
  // its link to the one before, every lead event against the chain of events
  // and the entries that vouch for it, and every lead against its last event.
  // Names the first entry, event or lead changed, added or deleted outside
  // the program. With `expect_head` (a hash from an earlier `audit head`), the
  // chain must still contain that entry.
  Result<AuditCheck> VerifyAudit(const std::string& expect_head = "");

  Result<std::vector<RunRecord>> Runs();
  // The report's figures: coverage of run `run` (0: the latest successful
  // run) and all leads in the store. Fails when there is no such run.
  Result<ReportFigures> Figures(int64_t run);
  // Every unit the store knows, from coverage and leads, sorted.
  Result<std::vector<std::string>> Units();
  Result<std::vector<StoredLead>> Leads(const LeadQuery& q);

 private:
  struct EventHead {
    int64_t id = 0;
    std::string hash;
  };
  Store(std::unique_ptr<sql::Db> db, int version, std::string audit_key);
  Status Migrate(int target);
  // Schema 5: hashes the events there are, then makes leads and events
  // append-only (triggers).
  Status ChainExistingEvents();
  Status InsertRun(RunRecord* r);
  Status InsertAudit(AuditEntry* e);  // inside the caller's transaction
  Result<EventHead> LastEvent();
  // Appends a lead event, chained to *head, for `lead` as the event leaves it,
  // through `insert` (PrepareInsertEvent(), prepared once for many events).
  Result<sql::Stmt> PrepareInsertEvent();
  Status InsertEvent(sql::Stmt& insert, const LeadEvent& ev, const StoredLead& lead,
                     EventHead* head);
  // The whole log, or only its last entry.
  Result<std::vector<AuditEntry>> AuditEntries(bool last_only);
  // "no lead 5", unless the table is damaged: then the damage, as an error.
  Status NotFound(const std::string& what, const char* table);
  std::unique_ptr<sql::Db> db_;
  int version_;
  std::string audit_key_;
};

// Picks the unit a user means: an exact name, else the one name that contains
// `typed`. None or several is an error that lists the choices.
Result<std::string> MatchUnit(const std::string& typed, const std::vector<std::string>& units);

// The hash of an audit entry, given its fields and prev_hash: SHA-256, or
// HMAC-SHA256 with `key` for a keyed entry.
std::string AuditHash(const AuditEntry& e, std::string_view key = {});

// The hash of a lead's state (everything but last_run, which moves with every
// run), as its last event records it.
std::string LeadStateHash(const StoredLead& lead);

// The current time as ISO 8601 UTC: "2026-11-26T20:05:15Z".
std::string NowUtc();

}  // namespace qinglian

#endif  // QINGLIAN_STORE_STORE_H_
