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
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "qinglian/base/date.h"
#include "qinglian/base/status.h"
#include "qinglian/core/audit.h"
#include "qinglian/core/figures.h"
#include "qinglian/core/lead.h"
#include "qinglian/core/person.h"
#include "qinglian/core/review.h"
#include "qinglian/core/run_record.h"
#include "qinglian/core/units.h"
#include "qinglian/core/vocab.h"
#include "qinglian/core/workflow.h"

namespace qinglian {

namespace sql {
class Db;
class Stmt;
}  // namespace sql

constexpr int kSchemaVersion = 14;

// What one successful run writes.
struct RunWrite {
  RunRecord run;
  std::vector<CoverageRecord> coverage;
  std::vector<LeadEvidence> leads;
  // With run.snapshot: the keys of every record of tonight's inputs that
  // could make a lead of the models run (found or not); a lead of those
  // models whose key is not here is marked missing.
  std::vector<std::string> present_keys;
  AuditEntry audit;  // appended in the same transaction
  // When set, called before the inputs (run.sources) are written, last in
  // the transaction, to fill in their sizes and SHA-256: a run hashes its
  // inputs while its leads are written. An error rolls the run back.
  std::function<Status(std::vector<SourceRecord>*)> fingerprint;
  // Each expected headcount with the persons this run found (schema 10).
  std::vector<UnitExpectation> expectations;
  // How much memory the store's page cache may take while it writes the run,
  // when that is more than it keeps otherwise: what the run's records took
  // before they were freed. Pages then stay cached in the transaction
  // instead of being written out and read back.
  size_t cache_bytes = 0;
};

// The coverage of the latest successful runs, unit by unit (`units`).
struct UnitHistory {
  static constexpr uint64_t kNotSeen = UINT64_MAX;
  std::vector<int64_t> runs;  // latest first
  struct Row {
    std::string unit;
    // Parallel to runs; records and persons kNotSeen where the run did not see the unit.
    std::vector<CoverageRecord> coverage;
    std::optional<uint64_t> expected;  // `units expect`
  };
  std::vector<Row> units;  // by name; expected units never seen included
};

// What a run did to the leads: found new ones, saw known ones again (changed
// or not), changed the evidence of some, marked some missing.
struct RunChangeCounts {
  uint64_t new_leads = 0, seen = 0, changed = 0, missing = 0;
};

struct LeadQuery {
  std::string unit;                        // exact unit name; empty: any
  std::vector<std::string> unit_variants;  // other names of `unit` (its aliases) that match too
  std::vector<std::string> types;          // lead type codes; empty: any
  std::optional<LeadStatus> status;        // none: any
  int64_t run = 0;                         // seen in this run; 0: any
  bool created_in_latest_run = false;
  // Whose evidence changed in run `run` (0: the latest successful run).
  bool changed = false;
  bool missing = false;   // marked missing by a snapshot run, not found since
  Date since, until;      // offence date bounds, inclusive; invalid: open
  int64_t limit = 0;      // 0: no limit
  std::string id_number;  // one person's leads (canonical); empty: anyone's
  // Transferred leads whose deadline is before this day; invalid: any.
  Date overdue_on;
};

// Which persons Store::Persons() lists. The types and the status choose the
// leads that count; the unit and the ID number choose persons, who are then
// shown with every lead that counts, in whichever unit.
struct PersonQuery {
  std::string unit;                  // persons with a counted lead in this unit; empty: any
  std::vector<std::string> types;    // lead type codes; empty: any
  std::optional<LeadStatus> status;  // none: any
  std::string id_number;             // this person (canonical); empty: any
  int64_t min_leads = 0;             // at least this many counted leads
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
  // leads with a "created" event, and the run against leads seen again. A
  // lead seen again whose evidence differs (EvidenceChanges) is updated, with
  // an event holding each changed field's old and new value; a missing lead
  // found again is no longer missing (the same event says so). With
  // w->run.snapshot, a lead of a model run whose key is not in
  // w->present_keys is marked missing, with an event. Sets w->run.id,
  // leads_new, leads_seen, leads_changed and leads_missing. `before_commit` runs inside the
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

  // The default deadline of a transfer, in days: the setting due_days, else
  // kDefaultDueDays. SetDueDays changes it (1 to 3650), audited.
  static constexpr int64_t kDefaultDueDays = 30;
  Result<int64_t> DueDays();
  Status SetDueDays(int64_t days, AuditEntry* audit);

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
  // What run `run_id` did to the leads; an error when there is no such run.
  Result<RunChangeCounts> RunChanges(int64_t run_id);
  // The evidence changes run `run_id` made (0: the latest successful run), by
  // lead id.
  Result<std::map<int64_t, std::vector<FieldChange>>> ChangesInRun(int64_t run_id);
  // The report's figures: what run `run` saw, its coverage and the leads it
  // found or saw again; or (0) the latest successful run's coverage, all the
  // leads in the store, and the latest run if it failed after that one.
  // Fails when there is no such run.
  Result<ReportFigures> Figures(int64_t run);
  // Every unit the store knows, from coverage and leads, sorted.
  Result<std::vector<std::string>> Units();
  Result<std::vector<StoredLead>> Leads(const LeadQuery& q);
  // Persons with the leads that count, each with their aggregates: most
  // leads first, then the latest event first (store_persons.cc).
  Result<std::vector<PersonSummary>> Persons(const PersonQuery& q);
  // Every (ID number, name) pair of the leads, for finding a person by name.
  Result<std::vector<PersonName>> PersonNames();

  // Units as the commission names them (store_units.cc). Each change is
  // audited in its own transaction. An alias maps a spelling found in
  // rosters to the official name (CheckUnitAlias); setting a variant again
  // replaces its official name.
  Result<std::vector<UnitAlias>> UnitAliases();
  Status SetUnitAlias(const std::string& variant, const std::string& unit, AuditEntry* audit);
  // Expected headcounts (persons), found 0; `expect` 0 removes one.
  Result<std::vector<UnitExpectation>> UnitExpectations();
  Status SetUnitExpectation(const std::string& unit, uint64_t expected, AuditEntry* audit);
  // Run `run`'s check of the expected headcounts (0: the latest successful
  // run); empty when none was set then. Coverage is complete when every one
  // is covered().
  Result<std::vector<UnitExpectation>> RunExpectations(int64_t run);
  // Every unit of the latest `runs` successful runs by its official name (a
  // variant's coverage counts for it), and every expected one.
  Result<UnitHistory> UnitCoverage(size_t runs);

  // The review queue of near matches (store_review.cc). Candidates as run
  // `run` left them (0: the latest successful run), each with its latest
  // judgement; `open_only` keeps those not settled().
  Result<std::vector<ReviewCandidate>> ReviewCandidates(int64_t run, bool open_only);
  // The latest judgement of each pair, by pair key (before a run: which
  // pairs make leads, which are asked no more).
  Result<std::map<std::string, ReviewJudgement>> ReviewJudgements();
  // Writes what run `run_id` found: the candidates (the same pair keeps its
  // id) and the figures.
  Status WriteReview(int64_t run_id, const std::vector<ReviewCandidate>& candidates,
                     const ReviewFigures& figures);
  // Records a judgement of candidate `j.candidate` as its records are now,
  // audited in the same transaction. --same makes the candidate's lead at
  // once (j->lead), marked by its first event: the reviewer as actor, the
  // note as note, no run.
  Status Judge(ReviewJudgement* j, AuditEntry* audit);
  // The judgement that matched lead `lead_key` by review, if one did.
  Result<std::optional<ReviewJudgement>> ReviewOfLead(const std::string& lead_key);
  // Run `run`'s figures (0: the latest successful run) and the leads matched by review.
  Result<ReviewFigures> ReviewFiguresOf(int64_t run);

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
  // (Re)creates the triggers that keep leads and events as the program wrote
  // them (schema 5, and 9 for the evidence trigger).
  Status InstallTriggers();
  // WriteRun, in its transaction, with the page cache as large as it is.
  Status WriteRunCached(RunWrite* w, const std::function<void()>& before_commit);
  // WriteRun's steps for leads seen again and for leads not seen.
  struct SeenAgain {
    StoredLead lead;  // as stored
    LeadEvidence now;
    std::vector<FieldChange> changes;
  };
  Status UpdateSeenLeads(const RunRecord& run, const std::vector<SeenAgain>& seen, EventHead* head);
  Status MarkMissing(const RunWrite& w, EventHead* head);
  // Judge's --same: the candidate's lead, made unless there is one; its id.
  Result<int64_t> InsertReviewedLead(const ReviewCandidate& c, const ReviewJudgement& j);
  // The run's row (r->id is set), and then its inputs' rows.
  Status InsertRun(RunRecord* r);
  Status InsertSources(const RunRecord& r);
  Status InsertAudit(AuditEntry* e);  // inside the caller's transaction
  Status InsertRunExpectations(int64_t run, const std::vector<UnitExpectation>& expectations);
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

// The hash of an audit entry, given its fields and prev_hash: SHA-256, or
// HMAC-SHA256 with `key` for a keyed entry.
std::string AuditHash(const AuditEntry& e, std::string_view key = {});

// The hash of a lead's state (everything but last_run, which moves with every
// run), as its last event records it.
std::string LeadStateHash(const StoredLead& lead);

}  // namespace qinglian

#endif  // QINGLIAN_STORE_STORE_H_
