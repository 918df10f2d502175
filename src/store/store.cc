// Schema history (PRAGMA user_version):
//   1  runs, sources, coverage, leads, lead_events
//   2  lead_runs: every run that found a lead, not just its first and last
//   3  audit_log: the hash-chained audit trail; triggers refuse UPDATE and DELETE
//   4  runs.persons: distinct persons covered, for the report
//   5  the chained trail: lead_events.lead_hash and .hash; audit_log rebuilt
//      with AUTOINCREMENT and the columns that vouch for the events; leads
//      and events append-only (store_audit.cc)
//   6  sources.format: csv or xlsx, which was kept in the encoding column
//   7  leads of any record kind: event_kind, event_end, the overlap, the money
//      involved and the other record's fields
//   8  run_models: what each model of a run compared and found, or why it
//      was skipped (store_models.cc)
//   9  a lead's evidence follows its record: lead_events.changes (the fields a
//      run changed, old and new), leads.missing_run (a snapshot run did not
//      find it), runs.snapshot, leads_changed, leads_missing and
//      offence_accepted; the evidence trigger lets a run's change event
//      through (store_audit.cc)
//   10 units as the commission names them: unit_aliases, unit_expectations,
//      run_expectations (each run's check of them); leads.postings, every
//      employment record a lead's time falls in
//   11 dispositions as a commission records them: several outcomes per lead
//      on three tracks (leads.outcome and lead_events.outcome hold codes
//      joined by ','); the old codes mapped (warning -> gov_warning, demerit
//      -> gov_demerit, major_demerit -> gov_major_demerit, demotion ->
//      gov_demotion, removal -> gov_removal, dismissal -> gov_dismissal,
//      double_expulsion -> party_expulsion,gov_dismissal; unfounded,
//      criticism and admonishment keep theirs); who, on which day, to which
//      body and until when (leads.handler, handled_on, transferred_to,
//      due_date and the same on lead_events); settings (due_days). The
//      hashes spell a mapped set as before (OutcomesHashText), so the trail
//      written before still verifies.
//   12 the review queue of near matches: review_candidates, review_judgements
//      (append-only), run_review (each run's figures) (store_review.cc)
//   13 review_candidates.evidence: the lead a --same judgement makes at once
//   14 the indexes of leads by type and by status dropped: no query uses
//      them (a filter on either scans the table), and every lead a run
//      writes paid for both
// A new store is created, and an old one migrated, in one transaction; a
// database from a newer program is refused rather than guessed at. The audit
// trail's members are in store_audit.cc, the report's figures in
// store_figures.cc.
#include "qinglian/store/store.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>
#include <unordered_set>

#include "qinglian/base/clock.h"
#include "qinglian/base/text.h"
#include "qinglian/core/vocab.h"
#include "store/sqlite.h"
#include "store/store_rows.h"

namespace qinglian {

// Schema 12, in store_review.cc with the code that uses it.
extern const char kReviewSchema[];
extern const char kReviewEvidenceSchema[];

namespace {

// The page cache a store keeps, in KiB: enough for a day's queries.
constexpr size_t kCacheKib = 64 * 1024;
// The most a run's write may take for it (RunWrite::cache_bytes).
constexpr size_t kMaxRunCacheKib = 1024 * 1024;

struct Migration {
  const char* sql;
  // Then Store::ChainExistingEvents(): hashes in C++, the triggers after them.
  bool chain_events = false;
  // Then Store::InstallTriggers(): the triggers as this program writes them.
  bool install_triggers = false;
};

const Migration kMigrations[] = {
    // 1
    {R"sql(
CREATE TABLE runs (
  id INTEGER PRIMARY KEY,
  started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
  message TEXT NOT NULL DEFAULT '',
  as_of TEXT NOT NULL,
  models TEXT NOT NULL,
  actor TEXT NOT NULL,
  employee_rows INTEGER NOT NULL DEFAULT 0,
  employee_rejected INTEGER NOT NULL DEFAULT 0,
  offence_rows INTEGER NOT NULL DEFAULT 0,
  offence_rejected INTEGER NOT NULL DEFAULT 0,
  hits INTEGER NOT NULL DEFAULT 0,
  leads_new INTEGER NOT NULL DEFAULT 0,
  leads_seen INTEGER NOT NULL DEFAULT 0,
  duration_ms INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE sources (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES runs(id),
  kind TEXT NOT NULL,
  path TEXT NOT NULL,
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  encoding TEXT NOT NULL,
  rows INTEGER NOT NULL,
  accepted INTEGER NOT NULL,
  rejected INTEGER NOT NULL,
  duplicates INTEGER NOT NULL,
  rejects_by_reason TEXT NOT NULL
);
CREATE TABLE coverage (
  run_id INTEGER NOT NULL REFERENCES runs(id),
  unit TEXT NOT NULL,
  records INTEGER NOT NULL,
  persons INTEGER NOT NULL,
  PRIMARY KEY (run_id, unit)
);
CREATE TABLE leads (
  id INTEGER PRIMARY KEY,
  lead_key TEXT NOT NULL UNIQUE,
  model TEXT NOT NULL,
  type TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'new',
  outcome TEXT NOT NULL DEFAULT '',
  case_filed INTEGER NOT NULL DEFAULT 0,
  recovered_fen INTEGER NOT NULL DEFAULT 0,
  id_number TEXT NOT NULL,
  name TEXT NOT NULL,
  offence_name TEXT NOT NULL,
  name_matches INTEGER NOT NULL,
  unit TEXT NOT NULL,
  department TEXT NOT NULL,
  position TEXT NOT NULL,
  category TEXT NOT NULL,
  hire_date TEXT NOT NULL,
  leave_date TEXT NOT NULL,
  employee_file TEXT NOT NULL,
  employee_line INTEGER NOT NULL,
  label TEXT NOT NULL,
  offence_date TEXT NOT NULL,
  bac_tenths INTEGER,
  place TEXT NOT NULL,
  penalty TEXT NOT NULL,
  case_no TEXT NOT NULL,
  authority TEXT NOT NULL,
  offence_file TEXT NOT NULL,
  offence_line INTEGER NOT NULL,
  first_run INTEGER NOT NULL REFERENCES runs(id),
  last_run INTEGER NOT NULL REFERENCES runs(id),
  created_at TEXT NOT NULL
);
CREATE INDEX leads_unit ON leads(unit);
CREATE INDEX leads_type ON leads(type);
CREATE INDEX leads_status ON leads(status);
CREATE TABLE lead_events (
  id INTEGER PRIMARY KEY,
  lead_id INTEGER NOT NULL REFERENCES leads(id),
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  run_id INTEGER REFERENCES runs(id),
  from_status TEXT NOT NULL,
  to_status TEXT NOT NULL,
  outcome TEXT NOT NULL DEFAULT '',
  case_filed INTEGER NOT NULL DEFAULT 0,
  recovered_fen INTEGER NOT NULL DEFAULT 0,
  note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX lead_events_lead ON lead_events(lead_id);
)sql"},
    // 2
    {R"sql(
CREATE TABLE lead_runs (
  lead_id INTEGER NOT NULL REFERENCES leads(id),
  run_id INTEGER NOT NULL REFERENCES runs(id),
  PRIMARY KEY (lead_id, run_id)
) WITHOUT ROWID;
INSERT OR IGNORE INTO lead_runs SELECT id, first_run FROM leads;
INSERT OR IGNORE INTO lead_runs SELECT id, last_run FROM leads;
)sql"},
    // 3
    {R"sql(
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  command TEXT NOT NULL,
  args TEXT NOT NULL,
  touched TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
)sql"},
    // 4
    {R"sql(
ALTER TABLE runs ADD COLUMN persons INTEGER NOT NULL DEFAULT 0;
)sql"},
    // 5
    {R"sql(
ALTER TABLE lead_events ADD COLUMN lead_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE lead_events ADD COLUMN hash TEXT NOT NULL DEFAULT '';
CREATE TABLE audit_log_v5 (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  command TEXT NOT NULL,
  args TEXT NOT NULL,
  touched TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  format INTEGER NOT NULL DEFAULT 1,
  keyed INTEGER NOT NULL DEFAULT 0,
  event_id INTEGER NOT NULL DEFAULT 0,
  event_hash TEXT NOT NULL DEFAULT ''
);
INSERT INTO audit_log_v5 (id, at, actor, command, args, touched, prev_hash, hash)
  SELECT id, at, actor, command, args, touched, prev_hash, hash FROM audit_log ORDER BY id;
DROP TABLE audit_log;
ALTER TABLE audit_log_v5 RENAME TO audit_log;
)sql",
     true},
    // 6
    {R"sql(
ALTER TABLE sources ADD COLUMN format TEXT NOT NULL DEFAULT 'csv';
UPDATE sources SET format = 'xlsx', encoding = '' WHERE encoding = 'xlsx';
)sql",
     false},
    // 7
    {R"sql(
ALTER TABLE leads ADD COLUMN event_kind TEXT NOT NULL DEFAULT 'offences';
ALTER TABLE leads ADD COLUMN event_end TEXT NOT NULL DEFAULT '';
ALTER TABLE leads ADD COLUMN overlap_first TEXT NOT NULL DEFAULT '';
ALTER TABLE leads ADD COLUMN overlap_last TEXT NOT NULL DEFAULT '';
ALTER TABLE leads ADD COLUMN overlap_days INTEGER NOT NULL DEFAULT 0;
ALTER TABLE leads ADD COLUMN amount_fen INTEGER NOT NULL DEFAULT -1;
ALTER TABLE leads ADD COLUMN record TEXT NOT NULL DEFAULT '';
CREATE INDEX leads_model ON leads(model);
)sql",
     false},
    // 8
    {R"sql(
CREATE TABLE run_models (
  run_id INTEGER NOT NULL REFERENCES runs(id),
  position INTEGER NOT NULL,
  model TEXT NOT NULL,
  title_zh TEXT NOT NULL,
  title_en TEXT NOT NULL,
  events_kind TEXT NOT NULL,
  records INTEGER NOT NULL,
  candidates INTEGER NOT NULL,
  leads_new INTEGER NOT NULL,
  leads_seen INTEGER NOT NULL,
  amounts INTEGER NOT NULL,
  skipped TEXT NOT NULL,
  PRIMARY KEY (run_id, position)
) WITHOUT ROWID;
)sql",
     false},
    // 9
    {R"sql(
ALTER TABLE leads ADD COLUMN missing_run INTEGER NOT NULL DEFAULT 0;
ALTER TABLE lead_events ADD COLUMN changes TEXT NOT NULL DEFAULT '';
ALTER TABLE runs ADD COLUMN snapshot INTEGER NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN leads_changed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN leads_missing INTEGER NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN offence_accepted INTEGER NOT NULL DEFAULT 0;
UPDATE runs SET offence_accepted = max(0, offence_rows - offence_rejected - coalesce((SELECT
  sum(s.duplicates) FROM sources s WHERE s.run_id = runs.id AND s.kind <> 'employees'), 0));
CREATE INDEX lead_events_run ON lead_events(run_id);
)sql",
     false, true},
    // 10
    {R"sql(
CREATE TABLE unit_aliases (
  variant TEXT PRIMARY KEY,
  unit TEXT NOT NULL,
  set_at TEXT NOT NULL,
  actor TEXT NOT NULL
);
CREATE TABLE unit_expectations (
  unit TEXT PRIMARY KEY,
  expected INTEGER NOT NULL,
  set_at TEXT NOT NULL,
  actor TEXT NOT NULL
);
CREATE TABLE run_expectations (
  run_id INTEGER NOT NULL REFERENCES runs(id),
  unit TEXT NOT NULL,
  expected INTEGER NOT NULL,
  found INTEGER NOT NULL,
  PRIMARY KEY (run_id, unit)
);
ALTER TABLE leads ADD COLUMN postings TEXT NOT NULL DEFAULT '';
)sql",
     false},
    // 11
    {R"sql(
ALTER TABLE leads ADD COLUMN handler TEXT NOT NULL DEFAULT '';
ALTER TABLE leads ADD COLUMN handled_on TEXT NOT NULL DEFAULT '';
ALTER TABLE leads ADD COLUMN transferred_to TEXT NOT NULL DEFAULT '';
ALTER TABLE leads ADD COLUMN due_date TEXT NOT NULL DEFAULT '';
ALTER TABLE lead_events ADD COLUMN handler TEXT NOT NULL DEFAULT '';
ALTER TABLE lead_events ADD COLUMN on_date TEXT NOT NULL DEFAULT '';
ALTER TABLE lead_events ADD COLUMN to_body TEXT NOT NULL DEFAULT '';
ALTER TABLE lead_events ADD COLUMN due_date TEXT NOT NULL DEFAULT '';
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  set_at TEXT NOT NULL,
  actor TEXT NOT NULL
);
DROP TRIGGER IF EXISTS lead_events_no_update;
CREATE TEMP TABLE legacy_outcomes (old TEXT PRIMARY KEY, new TEXT NOT NULL);
INSERT INTO legacy_outcomes VALUES ('warning', 'gov_warning'), ('demerit', 'gov_demerit'),
  ('major_demerit', 'gov_major_demerit'), ('demotion', 'gov_demotion'),
  ('removal', 'gov_removal'), ('dismissal', 'gov_dismissal'),
  ('double_expulsion', 'party_expulsion,gov_dismissal');
UPDATE leads SET outcome = (SELECT new FROM legacy_outcomes WHERE old = outcome)
  WHERE outcome IN (SELECT old FROM legacy_outcomes);
UPDATE lead_events SET outcome = (SELECT new FROM legacy_outcomes WHERE old = outcome)
  WHERE outcome IN (SELECT old FROM legacy_outcomes);
DROP TABLE legacy_outcomes;
)sql",
     false, true},
    // 12
    {kReviewSchema, false},
    // 13
    {kReviewEvidenceSchema, false},
    // 14
    {R"sql(
DROP INDEX IF EXISTS leads_type;
DROP INDEX IF EXISTS leads_status;
)sql",
     false},
};
constexpr int kMigrationCount = sizeof(kMigrations) / sizeof(kMigrations[0]);
static_assert(kMigrationCount == kSchemaVersion);
// From this version on, lead events are chained and audit entries vouch for them.
constexpr int kChainedVersion = 5;

// How to open `path` for `access`: read-only where the command only reads and
// the store cannot be written, an error where it must write and cannot.
Result<sql::OpenMode> ChooseMode(const std::string& path, StoreAccess access) {
  const sql::OpenMode wanted =
      access == StoreAccess::kCreate ? sql::OpenMode::kCreate : sql::OpenMode::kReadWrite;
  if (path == ":memory:") return wanted;
  std::string dir = std::filesystem::path(path).parent_path().string();
  if (dir.empty()) dir = ".";
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    // Missing: sql::Db::Open says so, or creates it.
    if (errno == ENOENT && access == StoreAccess::kCreate && ::access(dir.c_str(), W_OK) != 0) {
      const int why = errno;
      return Status::Error(path + ": cannot create the store: its folder is not writable (" +
                           std::strerror(why) + ")");
    }
    return wanted;
  }
  if (S_ISDIR(st.st_mode)) return wanted;  // sql::Db::Open says what it is
  if (st.st_size == 0 && access != StoreAccess::kCreate)
    return Status::Error(path +
                         ": not a qinglian database: the file is empty (only 'qinglian run' "
                         "creates a store)");
  // Writing needs the file and, for the -wal and -shm files, its folder.
  const bool file_ok = ::access(path.c_str(), W_OK) == 0;
  const bool dir_ok = file_ok && ::access(dir.c_str(), W_OK) == 0;
  const int why = errno;
  if (file_ok && dir_ok) return wanted;
  if (access == StoreAccess::kRead) return sql::OpenMode::kReadOnly;
  return Status::Error(path + ": cannot write the store: " +
                       (file_ok ? "its folder is read-only" : "the file is read-only") + " (" +
                       std::strerror(why) + ")");
}

// The schema version of an open file, once it is known to be a store (or,
// when `may_be_new`, an empty database about to become one).
Result<int> StoreVersion(sql::Db& d, bool may_be_new) {
  // One statement, so one snapshot: another process may be creating the
  // store between two of them.
  Result<sql::Stmt> s = d.Prepare(
      "SELECT (SELECT user_version FROM pragma_user_version), "
      "(SELECT count(*) FROM sqlite_master WHERE type = 'table'), "
      "(SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('runs', 'leads', "
      "'lead_events'))");
  if (!s.ok()) return s.status();
  if (!s->Step()) return s->status().ok() ? Status::Error(d.path() + ": no schema") : s->status();
  const int64_t have = s->Int(0), tables = s->Int(1), ours = s->Int(2);
  const std::string& path = d.path();
  if (have < 0)
    return Status::Error(path + ": schema version " + std::to_string(have) +
                         " is not a qinglian schema version (1 to " +
                         std::to_string(kSchemaVersion) + ")");
  if (have > kSchemaVersion)
    return Status::Error(path + ": schema version " + std::to_string(have) +
                         " is newer than this program's (" + std::to_string(kSchemaVersion) +
                         "); upgrade qinglian");
  if (have == 0) {
    if (tables > 0) return Status::Error(path + ": not a qinglian database (it has other tables)");
    if (!may_be_new)
      return Status::Error(path +
                           ": not a qinglian database: it has no tables (only 'qinglian run' "
                           "creates a store)");
    return 0;
  }
  if (ours != 3)
    return Status::Error(path + ": not a qinglian database (schema version " +
                         std::to_string(have) + " but not its tables)");
  return static_cast<int>(have);
}

}  // namespace

#define QINGLIAN_LEAD_COLUMNS_V5                                                              \
  "id, lead_key, model, type, status, outcome, case_filed, recovered_fen, id_number, name, "  \
  "offence_name, name_matches, unit, department, position, category, hire_date, leave_date, " \
  "employee_file, employee_line, label, offence_date, bac_tenths, place, penalty, case_no, "  \
  "authority, offence_file, offence_line, first_run, last_run, created_at"
#define QINGLIAN_LEAD_COLUMNS_V7 \
  QINGLIAN_LEAD_COLUMNS_V5       \
  ", event_kind, event_end, overlap_first, overlap_last, overlap_days, amount_fen, record"
const char* const kLeadColumnsV5 = QINGLIAN_LEAD_COLUMNS_V5;
const char* const kLeadColumnsV7 = QINGLIAN_LEAD_COLUMNS_V7;
const char* const kLeadColumnsV9 = QINGLIAN_LEAD_COLUMNS_V7 ", missing_run";
const char* const kLeadColumnsV10 = QINGLIAN_LEAD_COLUMNS_V7 ", missing_run, postings";
const char* const kLeadColumns = QINGLIAN_LEAD_COLUMNS_V7
    ", missing_run, postings, handler, handled_on, transferred_to, due_date";
#undef QINGLIAN_LEAD_COLUMNS_V7
#undef QINGLIAN_LEAD_COLUMNS_V5

const char* LeadColumnsOf(int schema) {
  return schema >= 11   ? kLeadColumns
         : schema >= 10 ? kLeadColumnsV10
         : schema >= 9  ? kLeadColumnsV9
         : schema >= 7  ? kLeadColumnsV7
                        : kLeadColumnsV5;
}

StoredLead ReadLead(const sql::Stmt& s, int first, int schema) {
  StoredLead l;
  LeadEvidence& e = l.evidence;
  int c = first;
  l.id = s.Int(c++);
  e.key = s.Text(c++);
  e.model = s.Text(c++);
  e.type = s.Text(c++);
  l.status = StatusOf(s.Text(c++));
  l.outcomes = OutcomesOf(s.Text(c++));
  l.case_filed = s.Int(c++) != 0;
  l.recovered_fen = s.Int(c++);
  e.id_number = s.Text(c++);
  e.name = s.Text(c++);
  e.offence_name = s.Text(c++);
  e.name_matches = s.Int(c++) != 0;
  e.unit = s.Text(c++);
  e.department = s.Text(c++);
  e.position = s.Text(c++);
  e.category = s.Text(c++);
  e.hire_date = DateOf(s.Text(c++));
  e.leave_date = DateOf(s.Text(c++));
  e.employee_file = s.Text(c++);
  e.employee_line = static_cast<uint32_t>(s.Int(c++));
  e.label = s.Text(c++);
  e.offence_date = DateOf(s.Text(c++));
  e.bac = s.IsNull(c) ? kNoBac : static_cast<BacTenths>(s.Int(c));
  ++c;
  e.place = s.Text(c++);
  e.penalty = s.Text(c++);
  e.case_no = s.Text(c++);
  e.authority = s.Text(c++);
  e.offence_file = s.Text(c++);
  e.offence_line = static_cast<uint32_t>(s.Int(c++));
  l.first_run = s.Int(c++);
  l.last_run = s.Int(c++);
  l.created_at = s.Text(c++);
  if (schema < 7) return l;
  e.event_kind = s.Text(c++);
  e.event_end = DateOf(s.Text(c++));
  e.overlap_first = DateOf(s.Text(c++));
  e.overlap_last = DateOf(s.Text(c++));
  e.overlap_days = s.Int(c++);
  e.amount_fen = s.Int(c++);
  e.record = RecordOf(s.Text(c++));
  if (schema < 9) return l;
  l.missing_run = s.Int(c++);
  if (schema < 10) return l;
  e.postings = PostingsOf(s.Text(c++));
  if (schema < 11) return l;
  l.handler = s.Text(c++);
  l.handled_on = DateOf(s.Text(c++));
  l.transferred_to = s.Text(c++);
  l.due = DateOf(s.Text(c++));
  return l;
}

LeadEvidence AsStored(const LeadEvidence& e) {
  // Text and dates read back as they were written (a valid date's year has
  // four digits at most), and so do the JSON columns (RecordColumn,
  // PostingsColumn) but for text that is not UTF-8, which JSON replaces. A
  // BAC below zero reads back as none.
  LeadEvidence out = e;
  if (out.bac < 0) out.bac = kNoBac;
  if (!std::all_of(e.record.begin(), e.record.end(),
                   [](const auto& f) { return IsValidUtf8(f.first) && IsValidUtf8(f.second); }))
    out.record = RecordOf(RecordColumn(e.record));
  if (!std::all_of(e.postings.begin(), e.postings.end(), [](const Posting& p) {
        return IsValidUtf8(p.unit) && IsValidUtf8(p.department) && IsValidUtf8(p.position) &&
               IsValidUtf8(p.file);
      }))
    out.postings = PostingsOf(PostingsColumn(e.postings));
  return out;
}

Date DateOf(const std::string& column) {
  if (column.empty()) return Date();
  const Result<Date> d = ParseDate(column);
  return d.ok() ? *d : Date();
}

std::string RecordColumn(const std::vector<std::pair<std::string, std::string>>& record) {
  if (record.empty()) return "";
  nlohmann::json j = nlohmann::json::array();
  for (const auto& [name, value] : record) j.push_back({name, value});
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::vector<std::pair<std::string, std::string>> RecordOf(const std::string& column) {
  std::vector<std::pair<std::string, std::string>> out;
  if (column.empty()) return out;
  const nlohmann::json j = nlohmann::json::parse(column, nullptr, false);
  if (!j.is_array()) return out;
  for (const nlohmann::json& p : j)
    if (p.is_array() && p.size() == 2 && p[0].is_string() && p[1].is_string())
      out.emplace_back(p[0].get<std::string>(), p[1].get<std::string>());
  return out;
}

std::string ChangesColumn(const std::vector<FieldChange>& changes) {
  if (changes.empty()) return "";
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  const auto value = [](const std::string& v) {
    return v.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(v);
  };
  for (const FieldChange& c : changes) j[c.field] = {value(c.before), value(c.after)};
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::vector<FieldChange> ChangesOf(const std::string& column) {
  std::vector<FieldChange> out;
  if (column.empty()) return out;
  const nlohmann::ordered_json j = nlohmann::ordered_json::parse(column, nullptr, false);
  if (!j.is_object()) return out;
  const auto text = [](const nlohmann::ordered_json& v) {
    return v.is_string() ? v.get<std::string>() : std::string();
  };
  for (const auto& [field, pair] : j.items())
    if (pair.is_array() && pair.size() == 2) out.push_back({field, text(pair[0]), text(pair[1])});
  return out;
}

std::string StatusColumn(std::optional<LeadStatus> s) { return s ? Code(*s) : std::string(); }
// The old vocabulary's warning was the first step of the 政务 ladder
// (warning, demerit, major demerit, demotion, removal, dismissal), so it
// becomes the 政务 warning; 双开 becomes its two outcomes.
const LegacyOutcome kLegacyOutcomes[9] = {
    {"unfounded", {Outcome::kUnfounded}},       {"criticism", {Outcome::kCriticism}},
    {"admonishment", {Outcome::kAdmonishment}}, {"warning", {Outcome::kGovWarning}},
    {"demerit", {Outcome::kGovDemerit}},        {"major_demerit", {Outcome::kGovMajorDemerit}},
    {"demotion", {Outcome::kGovDemotion}},      {"removal", {Outcome::kGovRemoval}},
    {"dismissal", {Outcome::kGovDismissal}},
};
constexpr char kLegacyDoubleExpulsion[] = "double_expulsion";

std::string OutcomesColumn(const OutcomeSet& s) { return OutcomeCodes(s, ","); }
LeadStatus StatusOf(const std::string& column) {
  return FromCode<LeadStatus>(column).value_or(LeadStatus::kNew);
}
std::optional<LeadStatus> OptionalStatusOf(const std::string& column) {
  if (column.empty()) return std::nullopt;
  return StatusOf(column);
}
OutcomeSet OutcomesOf(const std::string& column) {
  OutcomeSet out;
  for (const std::string& code : Split(column, ',')) {
    if (code.empty()) continue;
    if (const std::optional<Outcome> o = FromCode<Outcome>(code)) {
      out.Add(*o);
      continue;
    }
    if (code == kLegacyDoubleExpulsion) {
      out.Add({Outcome::kPartyExpulsion, Outcome::kGovDismissal});
      continue;
    }
    const LegacyOutcome* legacy = nullptr;
    for (const LegacyOutcome& l : kLegacyOutcomes)
      if (code == l.code) legacy = &l;
    // Unknown: written behind the program's back; the hashes catch it.
    out.Add(legacy ? legacy->now : OutcomeSet{Outcome::kUnfounded});
  }
  return out;
}

std::string OutcomesHashText(const OutcomeSet& s) {
  if (s == OutcomeSet{Outcome::kPartyExpulsion, Outcome::kGovDismissal})
    return kLegacyDoubleExpulsion;
  for (const LegacyOutcome& l : kLegacyOutcomes)
    if (s == l.now) return l.code;
  return OutcomesColumn(s);
}

std::string ReasonsColumn(const std::map<RejectReason, uint64_t>& reasons) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [reason, n] : reasons) j[Code(reason)] = n;
  return j.dump();
}

std::map<RejectReason, uint64_t> ReasonsOf(const std::string& column) {
  std::map<RejectReason, uint64_t> out;
  const nlohmann::json j = nlohmann::json::parse(column, nullptr, false);
  if (!j.is_object()) return out;
  for (const auto& [code, n] : j.items()) {
    const std::optional<RejectReason> r = FromCode<RejectReason>(code);
    if (r && n.is_number_unsigned()) out[*r] += n.get<uint64_t>();
  }
  return out;
}

Store::Store(std::unique_ptr<sql::Db> db, int version, std::string audit_key)
    : db_(std::move(db)), version_(version), audit_key_(std::move(audit_key)) {}
Store::~Store() = default;

const std::string& Store::path() const { return db_->path(); }
bool Store::read_only() const { return db_->read_only(); }

Result<std::unique_ptr<Store>> Store::Open(const std::string& path, bool create, int version) {
  StoreOptions o;
  o.access = create ? StoreAccess::kCreate : StoreAccess::kWrite;
  o.version = version;
  return Open(path, o);
}

namespace {

// Switches the store to WAL, trying again while another process holds the
// file for a moment (the busy handler does not cover this switch).
Status SwitchToWal(sql::Db& d) {
  Status s;
  for (int attempt = 0; attempt < 200; ++attempt) {
    s = d.Exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL");
    if (s.ok() || !d.last_error_busy()) return s;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return s;
}

}  // namespace

Result<std::unique_ptr<Store>> Store::Open(const std::string& path, const StoreOptions& o) {
  Result<sql::OpenMode> mode = ChooseMode(path, o.access);
  if (!mode.ok()) return mode.status();
  Result<std::unique_ptr<sql::Db>> db = sql::Db::Open(path, *mode);
  if (!db.ok()) return db.status();
  sql::Db& d = **db;
  // A file that is not SQLite fails here, at the first read. Nothing is
  // written before the file is known to be a store, or about to become one.
  Result<int> have = StoreVersion(d, o.access == StoreAccess::kCreate);
  if (!have.ok()) return have.status();
  // Statement journals and sorts in memory: a run's inserts otherwise write
  // each statement's journal to a temporary file.
  if (Status s = d.Exec("PRAGMA foreign_keys = ON; PRAGMA cache_size = -" +
                        std::to_string(kCacheKib) + "; PRAGMA temp_store = MEMORY");
      !s.ok())
    return s;
  if (!d.read_only()) {
    // WAL lets auditors read while a run writes; a store made before this
    // setting existed gets it from its next writer. It is switched on before
    // the schema is written: two runs creating one new store then meet at
    // BEGIN IMMEDIATE, where SQLite waits for the lock, and not at the switch
    // itself, which needs the file alone and says "busy" at once.
    if (Status s = SwitchToWal(d); !s.ok()) return s;
  }
  std::unique_ptr<Store> store(new Store(std::move(*db), *have, o.audit_key));
  if (*have < o.version) {
    if (d.read_only())
      return Status::Error(path + ": schema version " + std::to_string(*have) +
                           " is older than this program's (" + std::to_string(kSchemaVersion) +
                           ") and the store is read-only: upgrade it where it can be written");
    if (Status s = store->Migrate(o.version); !s.ok()) return s;
  }
  return store;
}

Status Store::Migrate(int target) {
  // The whole way to `target` in one transaction that holds the write lock,
  // with the version read again under it: another process may have created
  // or migrated the store since we looked.
  sql::Transaction t(*db_);
  if (Status s = t.Begin(); !s.ok()) return s;
  Result<int> have = StoreVersion(*db_, /*may_be_new=*/true);
  if (!have.ok()) return have.status();
  version_ = *have;
  const int from = version_;
  while (version_ < target) {
    const Migration& m = kMigrations[version_];
    if (Status s = db_->Exec(m.sql); !s.ok()) return s;
    if (m.chain_events) {
      if (Status s = ChainExistingEvents(); !s.ok()) return s;
    }
    if (m.install_triggers) {
      if (Status s = InstallTriggers(); !s.ok()) return s;
    }
    ++version_;
  }
  // PRAGMA takes no bound parameters; the value is our own constant.
  if (Status s = db_->Exec("PRAGMA user_version = " + std::to_string(version_)); !s.ok()) return s;
  if (from > 0 && from < kChainedVersion && version_ >= kChainedVersion) {
    // The trail vouches for the events chained by the back-fill from here on.
    AuditEntry e;
    e.actor = "qinglian";
    e.command = "migrate";
    e.args = "[]";
    Result<EventHead> head = LastEvent();
    if (!head.ok()) return head.status();
    e.touched = "schema " + std::to_string(from) + " to " + std::to_string(version_) + ": " +
                std::to_string(head->id) + " lead events chained";
    if (Status s = InsertAudit(&e); !s.ok()) return s;
  }
  return t.Commit();
}

Status Store::InsertRun(RunRecord* r) {
  Result<sql::Stmt> run = db_->Prepare(
      "INSERT INTO runs (started_at, finished_at, status, message, as_of, models, actor, "
      "employee_rows, "
      "employee_rejected, offence_rows, offence_rejected, hits, leads_new, leads_seen, "
      "duration_ms, persons, snapshot, offence_accepted) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)");
  if (!run.ok()) return run.status();
  run->Bind(1, r->started_at)
      .Bind(2, r->finished_at)
      .Bind(3, Code(r->status))
      .Bind(4, r->message)
      .Bind(5, r->as_of);
  run->Bind(6, Join(r->models, ","))
      .Bind(7, r->actor)
      .Bind(8, static_cast<int64_t>(r->employee_rows));
  run->Bind(9, static_cast<int64_t>(r->employee_rejected))
      .Bind(10, static_cast<int64_t>(r->offence_rows));
  run->Bind(11, static_cast<int64_t>(r->offence_rejected)).Bind(12, static_cast<int64_t>(r->hits));
  run->Bind(13, static_cast<int64_t>(r->leads_new)).Bind(14, static_cast<int64_t>(r->leads_seen));
  run->Bind(15, r->duration_ms).Bind(16, static_cast<int64_t>(r->persons));
  run->Bind(17, r->snapshot ? 1 : 0).Bind(18, static_cast<int64_t>(r->offence_accepted));
  if (Status s = run->Run(); !s.ok()) return s;
  r->id = db_->LastInsertId();
  return Status::Ok();
}

Status Store::InsertSources(const RunRecord& r) {
  Result<sql::Stmt> src = db_->Prepare(
      "INSERT INTO sources (run_id, kind, path, size, sha256, encoding, rows, accepted, rejected, "
      "duplicates, "
      "rejects_by_reason, format) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
  if (!src.ok()) return src.status();
  for (const SourceRecord& f : r.sources) {
    src->Bind(1, r.id)
        .Bind(2, f.kind)
        .Bind(3, f.path)
        .Bind(4, static_cast<int64_t>(f.size))
        .Bind(5, f.sha256);
    src->Bind(6, f.encoding)
        .Bind(7, static_cast<int64_t>(f.rows))
        .Bind(8, static_cast<int64_t>(f.accepted));
    src->Bind(9, static_cast<int64_t>(f.rejected)).Bind(10, static_cast<int64_t>(f.duplicates));
    src->Bind(11, ReasonsColumn(f.rejects_by_reason)).Bind(12, f.format);
    if (Status s = src->Run(); !s.ok()) return s;
  }
  return Status::Ok();
}

Status Store::WriteFailedRun(RunRecord* r, AuditEntry* audit) {
  sql::Transaction t(*db_);
  if (Status s = t.Begin(); !s.ok()) return s;
  r->status = RunStatus::kFailed;
  if (Status s = InsertRun(r); !s.ok()) return s;
  if (Status s = InsertSources(*r); !s.ok()) return s;
  if (Status s = WriteModelRuns(*db_, r, /*count_leads=*/false); !s.ok()) return s;
  if (audit) {
    audit->touched = "run " + std::to_string(r->id) + ": failed";
    if (Status s = InsertAudit(audit); !s.ok()) return s;
  }
  return t.Commit();
}

Result<sql::Stmt> PrepareUpsertLead(sql::Db& db) {
  return db.Prepare(
      "INSERT INTO leads (lead_key, model, type, id_number, name, offence_name, name_matches, "
      "unit, department, "
      "position, category, hire_date, leave_date, employee_file, employee_line, label, "
      "offence_date, bac_tenths, "
      "place, penalty, case_no, authority, offence_file, offence_line, first_run, last_run, "
      "created_at, event_kind, event_end, overlap_first, overlap_last, overlap_days, amount_fen, "
      "record, postings) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
      "?19, ?20, ?21, ?22, "
      "?23, ?24, ?25, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34) "
      "ON CONFLICT (lead_key) DO UPDATE SET last_run = excluded.last_run");
}

Status UpsertLead(sql::Stmt& u, const LeadEvidence& e, int64_t run, const std::string& at) {
  // The evidence's text is bound where it is: it outlives the statement's run.
  // A value stored otherwise than it is bound must be mirrored in AsStored,
  // or a new lead's first event no longer hashes as its row reads back.
  const std::string hire = e.hire_date.Iso(), leave = e.leave_date.Iso(),
                    offence = e.offence_date.Iso(), end = e.event_end.Iso(),
                    first = e.overlap_first.Iso(), last = e.overlap_last.Iso(),
                    record = RecordColumn(e.record), postings = PostingsColumn(e.postings);
  u.BindKept(1, e.key).BindKept(2, e.model).BindKept(3, e.type).BindKept(4, e.id_number);
  u.BindKept(5, e.name).BindKept(6, e.offence_name).Bind(7, e.name_matches ? 1 : 0);
  u.BindKept(8, e.unit).BindKept(9, e.department).BindKept(10, e.position);
  u.BindKept(11, e.category).BindKept(12, hire).BindKept(13, leave);
  u.BindKept(14, e.employee_file).Bind(15, e.employee_line).BindKept(16, e.label);
  u.BindKept(17, offence);
  if (e.bac >= 0)
    u.Bind(18, e.bac);
  else
    u.BindNull(18);
  u.BindKept(19, e.place).BindKept(20, e.penalty).BindKept(21, e.case_no);
  u.BindKept(22, e.authority).BindKept(23, e.offence_file).Bind(24, e.offence_line);
  u.Bind(25, run).BindKept(26, at).BindKept(27, e.event_kind).BindKept(28, end);
  u.BindKept(29, first).BindKept(30, last).Bind(31, e.overlap_days).Bind(32, e.amount_fen);
  u.BindKept(33, record).BindKept(34, postings);
  return u.Run();
}

Status Store::WriteRun(RunWrite* w, const std::function<void()>& before_commit) {
  // A large run's leads and their indexes outgrow the usual cache, and
  // SQLite would write pages out and read them back within the transaction.
  // PRAGMA takes no bound parameters; the sizes are our own numbers.
  const size_t kib = std::min<size_t>(w->cache_bytes / 1024, kMaxRunCacheKib);
  if (kib <= kCacheKib) return WriteRunCached(w, before_commit);
  if (Status s = db_->Exec("PRAGMA cache_size = -" + std::to_string(kib)); !s.ok()) return s;
  const Status s = WriteRunCached(w, before_commit);
  const Status back = db_->Exec("PRAGMA cache_size = -" + std::to_string(kCacheKib));
  return s.ok() ? back : s;
}

Status Store::WriteRunCached(RunWrite* w, const std::function<void()>& before_commit) {
  sql::Transaction t(*db_);
  if (Status s = t.Begin(); !s.ok()) return s;
  RunRecord& run = w->run;
  run.status = RunStatus::kOk;
  if (Status s = InsertRun(&run); !s.ok()) return s;

  Result<sql::Stmt> cov =
      db_->Prepare("INSERT INTO coverage (run_id, unit, records, persons) VALUES (?1, ?2, ?3, ?4)");
  if (!cov.ok()) return cov.status();
  for (const CoverageRecord& c : w->coverage) {
    cov->Bind(1, run.id)
        .Bind(2, c.unit)
        .Bind(3, static_cast<int64_t>(c.records))
        .Bind(4, static_cast<int64_t>(c.persons));
    if (Status s = cov->Run(); !s.ok()) return s;
  }

  // A lead already known keeps its workflow; last_run moves, and evidence
  // that differs is changed below, with an event.
  Result<sql::Stmt> known =
      db_->Prepare(std::string("SELECT ") + kLeadColumns + " FROM leads WHERE lead_key = ?1");
  if (!known.ok()) return known.status();
  std::vector<SeenAgain> seen;
  // The leads this run found first, by id: each was inserted as it is in
  // `w->leads`, so its stored row is known without reading it back.
  std::vector<std::pair<int64_t, const LeadEvidence*>> fresh;
  Result<sql::Stmt> upsert = PrepareUpsertLead(*db_);
  if (!upsert.ok()) return upsert.status();
  for (const LeadEvidence& e : w->leads) {
    known->Bind(1, e.key);
    const bool was_known = known->Step();
    if (was_known) {
      // Compared, and its change event hashed, as the row will read back.
      SeenAgain again{ReadLead(*known), AsStored(e), {}};
      again.changes = EvidenceChanges(again.lead.evidence, again.now);
      if (again.lead.missing_run != 0)
        again.changes.push_back({kNotSeenSinceField, std::to_string(again.lead.last_run), ""});
      if (!again.changes.empty()) seen.push_back(std::move(again));
    }
    if (!known->status().ok()) return known->status();
    known->Reset();
    if (Status s = UpsertLead(*upsert, e, run.id, run.finished_at); !s.ok()) return s;
    if (!was_known) fresh.emplace_back(db_->LastInsertId(), &e);
  }
  if (Status s = InsertRunExpectations(run.id, w->expectations); !s.ok()) return s;
  // A "found" event for each new lead, chained one by one.
  Result<EventHead> head = LastEvent();
  if (!head.ok()) return head.status();
  Result<sql::Stmt> insert_event = PrepareInsertEvent();
  if (!insert_event.ok()) return insert_event.status();
  LeadEvent ev;
  ev.at = run.finished_at;
  ev.actor = run.actor;
  ev.run = run.id;
  ev.to_status = LeadStatus::kNew;
  StoredLead lead;  // as the new row reads back: the evidence, a new lead's state
  lead.first_run = lead.last_run = run.id;
  lead.created_at = run.finished_at;
  for (const auto& [id, evidence] : fresh) {
    lead.id = id;
    lead.evidence = AsStored(*evidence);
    if (Status s = InsertEvent(*insert_event, ev, lead, &*head); !s.ok()) return s;
  }
  if (Status s = UpdateSeenLeads(run, seen, &*head); !s.ok()) return s;
  if (run.snapshot)
    if (Status s = MarkMissing(*w, &*head); !s.ok()) return s;
  // The run against every lead it saw, and the counts.
  run.leads_changed = static_cast<uint64_t>(std::count_if(
      seen.begin(), seen.end(), [](const SeenAgain& a) { return ChangesEvidence(a.changes); }));
  for (const char* sql :
       {"INSERT OR IGNORE INTO lead_runs (lead_id, run_id) SELECT id, ?1 FROM leads WHERE last_run "
        "= ?1",
        // The three counts in one scan of the leads.
        "UPDATE runs SET (leads_new, leads_seen, leads_missing) = (SELECT "
        "coalesce(sum(first_run = ?1), 0), coalesce(sum(last_run = ?1 AND first_run <> ?1), 0), "
        "coalesce(sum(missing_run = ?1), 0) FROM leads) WHERE id = ?1"}) {
    Result<sql::Stmt> st = db_->Prepare(sql);
    if (!st.ok()) return st.status();
    st->Bind(1, run.id);
    if (Status s = st->Run(); !s.ok()) return s;
  }
  Result<sql::Stmt> changed = db_->Prepare("UPDATE runs SET leads_changed = ?2 WHERE id = ?1");
  if (!changed.ok()) return changed.status();
  changed->Bind(1, run.id).Bind(2, static_cast<int64_t>(run.leads_changed));
  if (Status s = changed->Run(); !s.ok()) return s;
  Result<sql::Stmt> counts =
      db_->Prepare("SELECT leads_new, leads_seen, leads_missing FROM runs WHERE id = ?1");
  if (!counts.ok()) return counts.status();
  counts->Bind(1, run.id);
  if (!counts->Step())
    return counts->status().ok() ? Status::Error("the run vanished") : counts->status();
  run.leads_new = static_cast<uint64_t>(counts->Int(0));
  run.leads_seen = static_cast<uint64_t>(counts->Int(1));
  run.leads_missing = static_cast<uint64_t>(counts->Int(2));
  counts->Reset();
  // The inputs last: their fingerprints may still be being taken. The leads'
  // pages go to the journal first, while they are.
  if (w->fingerprint) {
    if (Status s = db_->FlushCache(); !s.ok()) return s;
    if (Status s = w->fingerprint(&run.sources); !s.ok()) return s;
  }
  if (Status s = InsertSources(run); !s.ok()) return s;
  if (Status s = WriteModelRuns(*db_, &run, /*count_leads=*/true); !s.ok()) return s;
  // Every change is vouched for by an entry, whoever calls.
  if (w->audit.command.empty()) {
    w->audit.actor = run.actor;
    w->audit.command = "run";
    w->audit.args = "[]";
  }
  w->audit.touched = "run " + std::to_string(run.id) + ": " + std::to_string(run.leads_new) +
                     " new leads, " + std::to_string(run.leads_seen) + " seen again";
  if (run.leads_changed) w->audit.touched += ", " + std::to_string(run.leads_changed) + " changed";
  if (run.leads_missing) w->audit.touched += ", " + std::to_string(run.leads_missing) + " missing";
  if (Status s = InsertAudit(&w->audit); !s.ok()) return s;
  if (before_commit) before_commit();
  return t.Commit();
}

namespace {

// The event a run writes when it changes a lead's evidence or marks it
// missing: the workflow state stays as it is.
LeadEvent RunEvent(const RunRecord& run, const StoredLead& lead, std::vector<FieldChange> changes) {
  LeadEvent ev;
  ev.at = run.finished_at;
  ev.actor = run.actor;
  ev.run = run.id;
  ev.from_status = ev.to_status = lead.status;
  ev.outcomes = lead.outcomes;
  ev.case_filed = lead.case_filed;
  ev.recovered_fen = lead.recovered_fen;
  ev.changes = std::move(changes);
  return ev;
}

}  // namespace

Status Store::UpdateSeenLeads(const RunRecord& run, const std::vector<SeenAgain>& seen,
                              EventHead* head) {
  if (seen.empty()) return Status::Ok();
  Result<sql::Stmt> insert_event = PrepareInsertEvent();
  if (!insert_event.ok()) return insert_event.status();
  // The event first: the evidence trigger lets the lead change only after
  // its run's change event.
  Result<sql::Stmt> update = db_->Prepare(
      "UPDATE leads SET type = ?2, id_number = ?3, name = ?4, offence_name = ?5, name_matches = "
      "?6, unit = ?7, department = ?8, position = ?9, category = ?10, hire_date = ?11, leave_date "
      "= ?12, employee_file = ?13, employee_line = ?14, label = ?15, offence_date = ?16, "
      "bac_tenths = ?17, place = ?18, penalty = ?19, case_no = ?20, authority = ?21, "
      "offence_file = ?22, offence_line = ?23, event_kind = ?24, event_end = ?25, overlap_first = "
      "?26, overlap_last = ?27, overlap_days = ?28, amount_fen = ?29, record = ?30, last_run = "
      "?31, missing_run = 0, postings = ?32 WHERE id = ?1");
  if (!update.ok()) return update.status();
  for (const SeenAgain& a : seen) {
    StoredLead lead = a.lead;
    const std::string key = lead.evidence.key, model = lead.evidence.model;
    lead.evidence = a.now;
    lead.evidence.key = key;
    lead.evidence.model = model;
    lead.last_run = run.id;
    lead.missing_run = 0;
    if (Status s = InsertEvent(*insert_event, RunEvent(run, lead, a.changes), lead, head); !s.ok())
      return s;
    const LeadEvidence& e = lead.evidence;
    sql::Stmt& u = *update;
    u.Bind(1, lead.id).Bind(2, e.type).Bind(3, e.id_number).Bind(4, e.name);
    u.Bind(5, e.offence_name).Bind(6, e.name_matches ? 1 : 0).Bind(7, e.unit);
    u.Bind(8, e.department).Bind(9, e.position).Bind(10, e.category);
    u.Bind(11, e.hire_date.Iso()).Bind(12, e.leave_date.Iso()).Bind(13, e.employee_file);
    u.Bind(14, e.employee_line).Bind(15, e.label).Bind(16, e.offence_date.Iso());
    if (e.bac >= 0)
      u.Bind(17, e.bac);
    else
      u.BindNull(17);
    u.Bind(18, e.place).Bind(19, e.penalty).Bind(20, e.case_no).Bind(21, e.authority);
    u.Bind(22, e.offence_file).Bind(23, e.offence_line).Bind(24, e.event_kind);
    u.Bind(25, e.event_end.Iso()).Bind(26, e.overlap_first.Iso()).Bind(27, e.overlap_last.Iso());
    u.Bind(28, e.overlap_days).Bind(29, e.amount_fen).Bind(30, RecordColumn(e.record));
    u.Bind(31, run.id).Bind(32, PostingsColumn(e.postings));
    if (Status s = u.Run(); !s.ok()) return s;
  }
  return Status::Ok();
}

Status Store::MarkMissing(const RunWrite& w, EventHead* head) {
  const RunRecord& run = w.run;
  const std::unordered_set<std::string> present(w.present_keys.begin(), w.present_keys.end());
  Result<sql::Stmt> candidates = db_->Prepare(
      std::string("SELECT ") + kLeadColumns +
      " FROM leads WHERE missing_run = 0 AND last_run <> ?1 AND model IN (SELECT value FROM "
      "json_each(?2)) ORDER BY id");
  if (!candidates.ok()) return candidates.status();
  candidates->Bind(1, run.id).Bind(2, nlohmann::json(run.models).dump());
  std::vector<StoredLead> missing;
  while (candidates->Step()) {
    StoredLead l = ReadLead(*candidates);
    if (!present.contains(l.evidence.key)) missing.push_back(std::move(l));
  }
  if (!candidates->status().ok()) return candidates->status();
  Result<sql::Stmt> insert_event = PrepareInsertEvent();
  if (!insert_event.ok()) return insert_event.status();
  Result<sql::Stmt> update = db_->Prepare("UPDATE leads SET missing_run = ?2 WHERE id = ?1");
  if (!update.ok()) return update.status();
  for (StoredLead& lead : missing) {
    lead.missing_run = run.id;
    const LeadEvent ev =
        RunEvent(run, lead, {{kNotSeenSinceField, "", std::to_string(lead.last_run)}});
    if (Status s = InsertEvent(*insert_event, ev, lead, head); !s.ok()) return s;
    update->Bind(1, lead.id).Bind(2, run.id);
    if (Status s = update->Run(); !s.ok()) return s;
  }
  return Status::Ok();
}

Result<StoredLead> Store::Lead(int64_t id) {
  Result<sql::Stmt> s =
      db_->Prepare(std::string("SELECT ") + kLeadColumns + " FROM leads WHERE id = ?1");
  if (!s.ok()) return s.status();
  s->Bind(1, id);
  if (s->Step()) return ReadLead(*s);
  if (!s->status().ok()) return s->status();
  return NotFound("no lead " + std::to_string(id), "leads");
}

Result<std::vector<LeadEvent>> Store::Events(int64_t lead_id) {
  Result<sql::Stmt> s = db_->Prepare(
      "SELECT at, actor, coalesce(run_id, 0), from_status, to_status, outcome, case_filed, "
      "recovered_fen, note, changes, handler, on_date, to_body, due_date "
      "FROM lead_events WHERE lead_id = ?1 ORDER BY id");
  if (!s.ok()) return s.status();
  s->Bind(1, lead_id);
  std::vector<LeadEvent> events;
  while (s->Step())
    events.push_back({s->Text(0), s->Text(1), s->Int(2), OptionalStatusOf(s->Text(3)),
                      StatusOf(s->Text(4)), OutcomesOf(s->Text(5)), s->Int(6) != 0, s->Int(7),
                      s->Text(8), ChangesOf(s->Text(9)), s->Text(10), DateOf(s->Text(11)),
                      s->Text(12), DateOf(s->Text(13))});
  if (!s->status().ok()) return s->status();
  return events;
}

Status Store::Dispose(const std::vector<Disposition>& changes, const std::string& actor,
                      AuditEntry* audit, size_t* failed_at) {
  sql::Transaction t(*db_);
  if (Status s = t.Begin(); !s.ok()) return s;
  Result<sql::Stmt> read =
      db_->Prepare(std::string("SELECT ") + kLeadColumns + " FROM leads WHERE id = ?1");
  Result<sql::Stmt> update = db_->Prepare(
      "UPDATE leads SET status = ?2, outcome = ?3, case_filed = ?4, recovered_fen = ?5, handler = "
      "?6, handled_on = ?7, transferred_to = ?8, due_date = ?9 WHERE id = ?1");
  Result<sql::Stmt> event = PrepareInsertEvent();
  if (!read.ok()) return read.status();
  if (!update.ok()) return update.status();
  if (!event.ok()) return event.status();
  Result<EventHead> head = LastEvent();
  if (!head.ok()) return head.status();
  const std::string now = NowUtc();
  for (size_t i = 0; i < changes.size(); ++i) {
    const Disposition& d = changes[i];
    if (failed_at) *failed_at = i;
    read->Bind(1, d.lead_id);
    if (!read->Step()) {
      if (!read->status().ok()) return read->status();
      return NotFound("no lead " + std::to_string(d.lead_id), "leads");
    }
    StoredLead lead = ReadLead(*read);
    read->Reset();
    LeadState state = lead.state();
    if (Status s = ApplyDisposition(d, &state); !s.ok()) return s;
    update->Bind(1, d.lead_id)
        .Bind(2, Code(state.status))
        .Bind(3, OutcomesColumn(state.outcomes))
        .Bind(4, state.case_filed ? 1 : 0);
    update->Bind(5, state.recovered_fen).Bind(6, state.handler).Bind(7, state.handled_on.Iso());
    update->Bind(8, state.transferred_to).Bind(9, state.due.Iso());
    if (Status s = update->Run(); !s.ok()) return s;
    LeadEvent ev;
    ev.at = now;
    ev.actor = actor;
    ev.from_status = lead.status;
    ev.to_status = state.status;
    ev.outcomes = state.outcomes;
    ev.case_filed = state.case_filed;
    ev.recovered_fen = state.recovered_fen;
    ev.note = d.note;
    ev.handler = d.by;
    ev.date = d.date;
    const bool transfer = d.reopen || d.status == LeadStatus::kTransferred;
    if (transfer) {
      ev.to = state.transferred_to;
      ev.due = state.due;
    }
    lead.set_state(state);
    if (Status s = InsertEvent(*event, ev, lead, &*head); !s.ok()) return s;
  }
  if (failed_at) *failed_at = changes.size();
  AuditEntry fallback;
  if (!audit) {
    // Every change is vouched for by an entry, whoever calls.
    fallback.actor = actor;
    fallback.command = "dispose";
    fallback.args = "[]";
    audit = &fallback;
  }
  audit->touched = changes.size() == 1 ? "lead " + std::to_string(changes[0].lead_id)
                                       : std::to_string(changes.size()) + " leads";
  if (Status s = InsertAudit(audit); !s.ok()) return s;
  return t.Commit();
}

Result<int64_t> Store::DueDays() {
  Result<sql::Stmt> s = db_->Prepare("SELECT value FROM settings WHERE key = 'due_days'");
  if (!s.ok()) return s.status();
  if (s->Step()) {
    const std::string v = s->Text(0);
    if (!v.empty() && v.size() < 6 && v.find_first_not_of("0123456789") == std::string::npos)
      return std::stoll(v);
  }
  if (!s->status().ok()) return s->status();
  return kDefaultDueDays;
}

Status Store::SetDueDays(int64_t days, AuditEntry* audit) {
  if (days < 1 || days > 3650)
    return Status::Error("the default deadline must be 1 to 3650 days, not " +
                         std::to_string(days));
  sql::Transaction t(*db_);
  if (Status s = t.Begin(); !s.ok()) return s;
  Result<sql::Stmt> put = db_->Prepare(
      "INSERT INTO settings (key, value, set_at, actor) VALUES ('due_days', ?1, ?2, ?3) "
      "ON CONFLICT (key) DO UPDATE SET value = excluded.value, set_at = excluded.set_at, "
      "actor = excluded.actor");
  if (!put.ok()) return put.status();
  put->Bind(1, std::to_string(days)).Bind(2, NowUtc()).Bind(3, audit->actor);
  if (Status s = put->Run(); !s.ok()) return s;
  audit->touched = "default deadline: " + std::to_string(days) + " days";
  if (Status s = InsertAudit(audit); !s.ok()) return s;
  return t.Commit();
}

Status Store::NotFound(const std::string& what, const char* table) {
  // A damaged b-tree can hide a row without any error from the lookup, so
  // "not found" is said only of a table that passes SQLite's quick check.
  // The table name is our own constant.
  Result<sql::Stmt> check = db_->Prepare(std::string("PRAGMA quick_check(") + table + ")");
  if (!check.ok()) return check.status();
  std::string verdict = check->Step() ? check->Text(0) : "ok";
  if (!check->status().ok()) return check->status();
  if (verdict == "*** in database main ***" && check->Step()) verdict = check->Text(0);
  if (verdict == "ok") return Status::Error(what);
  return Status::Error(db_->path() + ": the database is corrupt (" + verdict + ")");
}

Result<std::vector<RunRecord>> Store::Runs() {
  Result<sql::Stmt> s = db_->Prepare(
      "SELECT id, started_at, finished_at, status, message, as_of, models, actor, employee_rows, "
      "employee_rejected, "
      "offence_rows, offence_rejected, hits, leads_new, leads_seen, duration_ms, persons, "
      "snapshot, leads_changed, leads_missing, offence_accepted FROM runs "
      "ORDER BY "
      "id");
  if (!s.ok()) return s.status();
  Result<sql::Stmt> src = db_->Prepare(
      "SELECT kind, path, size, sha256, encoding, rows, accepted, rejected, duplicates, "
      "rejects_by_reason, format "
      "FROM sources WHERE run_id = ?1 ORDER BY id");
  if (!src.ok()) return src.status();
  std::vector<RunRecord> runs;
  while (s->Step()) {
    RunRecord r;
    int c = 0;
    r.id = s->Int(c++);
    r.started_at = s->Text(c++);
    r.finished_at = s->Text(c++);
    r.status = FromCode<RunStatus>(s->Text(c++)).value_or(RunStatus::kFailed);
    r.message = s->Text(c++);
    r.as_of = s->Text(c++);
    r.models = Split(s->Text(c++), ',');
    r.actor = s->Text(c++);
    r.employee_rows = static_cast<uint64_t>(s->Int(c++));
    r.employee_rejected = static_cast<uint64_t>(s->Int(c++));
    r.offence_rows = static_cast<uint64_t>(s->Int(c++));
    r.offence_rejected = static_cast<uint64_t>(s->Int(c++));
    r.hits = static_cast<uint64_t>(s->Int(c++));
    r.leads_new = static_cast<uint64_t>(s->Int(c++));
    r.leads_seen = static_cast<uint64_t>(s->Int(c++));
    r.duration_ms = s->Int(c++);
    r.persons = static_cast<uint64_t>(s->Int(c++));
    r.snapshot = s->Int(c++) != 0;
    r.leads_changed = static_cast<uint64_t>(s->Int(c++));
    r.leads_missing = static_cast<uint64_t>(s->Int(c++));
    r.offence_accepted = static_cast<uint64_t>(s->Int(c++));
    src->Bind(1, r.id);
    while (src->Step()) {
      SourceRecord f;
      f.kind = src->Text(0);
      f.path = src->Text(1);
      f.size = static_cast<uint64_t>(src->Int(2));
      f.sha256 = src->Text(3);
      f.encoding = src->Text(4);
      f.rows = static_cast<uint64_t>(src->Int(5));
      f.accepted = static_cast<uint64_t>(src->Int(6));
      f.rejected = static_cast<uint64_t>(src->Int(7));
      f.duplicates = static_cast<uint64_t>(src->Int(8));
      f.rejects_by_reason = ReasonsOf(src->Text(9));
      f.format = src->Text(10);
      r.sources.push_back(std::move(f));
    }
    if (!src->status().ok()) return src->status();
    src->Reset();
    runs.push_back(std::move(r));
  }
  if (!s->status().ok()) return s->status();
  if (version_ >= kModelRunsVersion)
    if (Status st = ReadModelRuns(*db_, &runs); !st.ok()) return st;
  return runs;
}

Result<std::vector<std::string>> Store::Units() {
  Result<sql::Stmt> s =
      db_->Prepare("SELECT unit FROM coverage UNION SELECT unit FROM leads ORDER BY 1");
  if (!s.ok()) return s.status();
  std::vector<std::string> units;
  while (s->Step()) units.push_back(s->Text(0));
  if (!s->status().ok()) return s->status();
  return units;
}

Result<std::vector<StoredLead>> Store::Leads(const LeadQuery& q) {
  // One fixed statement: an empty filter value means "any".
  Result<sql::Stmt> s = db_->Prepare(
      std::string("SELECT ") + kLeadColumns +
      " FROM leads WHERE (?1 = '' OR unit = ?1 OR unit IN (SELECT value FROM json_each(?12)))"
      " AND (?2 = '[]' OR type IN (SELECT value FROM json_each(?2))) AND (?3 = '' OR status = ?3)"
      " AND (?4 = 0 OR EXISTS (SELECT 1 FROM lead_runs r WHERE r.lead_id = leads.id "
      "AND r.run_id = ?4))"
      " AND (?5 = 0 OR first_run = (SELECT max(id) FROM runs WHERE status = 'ok'))"
      " AND (?6 = '' OR offence_date >= ?6) AND (?7 = '' OR offence_date <= ?7)"
      " AND (?9 = 0 OR EXISTS (SELECT 1 FROM lead_events e WHERE e.lead_id = leads.id AND "
      "e.run_id = (CASE WHEN ?4 > 0 THEN ?4 ELSE (SELECT max(id) FROM runs WHERE status = 'ok') "
      "END) AND e.changes <> '' AND EXISTS (SELECT 1 FROM json_each(e.changes) WHERE key <> "
      "?11)))"
      " AND (?10 = 0 OR missing_run <> 0)"
      " AND (?13 = '' OR id_number = ?13)"
      " AND (?14 = '' OR (status = 'transferred' AND due_date <> '' AND due_date < ?14))"
      " ORDER BY id LIMIT ?8");
  if (!s.ok()) return s.status();
  s->Bind(1, q.unit)
      .Bind(2, nlohmann::json(q.types).dump())
      .Bind(3, StatusColumn(q.status))
      .Bind(4, q.run)
      .Bind(5, q.created_in_latest_run ? 1 : 0);
  s->Bind(6, q.since.Iso()).Bind(7, q.until.Iso()).Bind(8, q.limit > 0 ? q.limit : int64_t{-1});
  s->Bind(9, q.changed ? 1 : 0).Bind(10, q.missing ? 1 : 0).Bind(11, kNotSeenSinceField);
  s->Bind(12, nlohmann::json(q.unit_variants).dump());
  s->Bind(13, q.id_number);
  s->Bind(14, q.overdue_on.Iso());
  std::vector<StoredLead> leads;
  while (s->Step()) leads.push_back(ReadLead(*s));
  if (!s->status().ok()) return s->status();
  return leads;
}

Result<RunChangeCounts> Store::RunChanges(int64_t run_id) {
  Result<sql::Stmt> s = db_->Prepare(
      "SELECT leads_new, leads_seen, leads_changed, leads_missing FROM runs WHERE id = ?1");
  if (!s.ok()) return s.status();
  s->Bind(1, run_id);
  if (!s->Step()) {
    if (!s->status().ok()) return s->status();
    return NotFound("no run " + std::to_string(run_id), "runs");
  }
  RunChangeCounts c;
  c.new_leads = static_cast<uint64_t>(s->Int(0));
  c.seen = static_cast<uint64_t>(s->Int(1));
  c.changed = static_cast<uint64_t>(s->Int(2));
  c.missing = static_cast<uint64_t>(s->Int(3));
  return c;
}

Result<std::map<int64_t, std::vector<FieldChange>>> Store::ChangesInRun(int64_t run_id) {
  Result<sql::Stmt> s = db_->Prepare(
      "SELECT lead_id, changes FROM lead_events WHERE run_id = (CASE WHEN ?1 > 0 THEN ?1 ELSE "
      "(SELECT max(id) FROM runs WHERE status = 'ok') END) AND changes <> '' ORDER BY id");
  if (!s.ok()) return s.status();
  s->Bind(1, run_id);
  std::map<int64_t, std::vector<FieldChange>> out;
  while (s->Step()) {
    for (FieldChange& c : ChangesOf(s->Text(1)))
      if (c.field != kNotSeenSinceField) out[s->Int(0)].push_back(std::move(c));
  }
  if (!s->status().ok()) return s->status();
  return out;
}

}  // namespace qinglian
