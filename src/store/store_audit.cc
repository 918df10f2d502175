// The audit trail: what every command did, and proof that the leads and
// their history were changed by this program and nothing else.
//
// Design (schema 5):
//  - Lead events form one chain in id order: an event's hash covers the
//    previous event's hash, its own fields and `lead_hash`, the hash of the
//    lead's whole state after the event (LeadStateHash: everything but
//    last_run). So a lead whose row no longer matches the lead_hash of its
//    last event was changed outside the program, and an event edited, added
//    or deleted breaks the chain.
//  - Audit entries form a second chain. Each entry also records the events'
//    head when it was written (event_id, event_hash) and is hashed with it,
//    so an entry vouches for every event up to that one: re-chaining the
//    events after an edit changes a head that some entry recorded, and an
//    event that no entry vouches for was added behind the program's back.
//  - The entries' head (`audit head`, `run --json`'s audit_head) is the
//    anchor to keep outside: `audit verify --expect HASH` fails when the chain
//    no longer reaches it, which catches deleting the last entries and
//    re-chaining the whole trail. audit_log's AUTOINCREMENT counter catches
//    naive truncation without it.
//  - With QINGLIAN_AUDIT_KEY set, entries are HMAC-SHA256 with the key and
//    marked keyed: re-chaining then needs the key. Once an entry is keyed,
//    every later one must be, writing without the key (or with another key)
//    is refused, and verifying without the key says the trail is keyed
//    rather than broken.
//  - Triggers refuse UPDATE and DELETE on audit_log and lead_events, DELETE on
//    leads, UPDATE of a lead's key, and UPDATE of its evidence unless the
//    newest event is a run's change of that lead (schema 9: a run that finds
//    a record corrected writes the change event, with the lead's new hash,
//    then the lead); verify checks they are there as written, since dropping
//    them is the first step of any edit. A hand edit that gets past a
//    trigger still leaves the lead unlike its last event's hash.
// Entries written before schema 5 (format 1) cover only themselves; the
// migration chains the existing events and appends an entry vouching for
// them. Verify reads each table once, in primary key order, so it stays
// linear in the number of leads and events.
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <unordered_map>

#include "qinglian/base/clock.h"
#include "qinglian/base/sha256.h"
#include "qinglian/store/store.h"
#include "store/sqlite.h"
#include "store/store_rows.h"

namespace qinglian {
namespace {

const std::string kGenesisHash(64, '0');
// Fields are joined by the unit separator, which none of them holds.
constexpr char kSep = '\x1f';

struct Trigger {
  const char* name;
  const char* sql;  // exactly as created, so that a changed body is noticed
};
constexpr Trigger kTriggers[] = {
    {"audit_log_no_update",
     "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
     "BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END"},
    {"audit_log_no_delete",
     "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
     "BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END"},
    {"lead_events_no_update",
     "CREATE TRIGGER lead_events_no_update BEFORE UPDATE ON lead_events "
     "BEGIN SELECT RAISE(ABORT, 'lead events are append-only'); END"},
    {"lead_events_no_delete",
     "CREATE TRIGGER lead_events_no_delete BEFORE DELETE ON lead_events "
     "BEGIN SELECT RAISE(ABORT, 'lead events are append-only'); END"},
    {"leads_no_delete",
     "CREATE TRIGGER leads_no_delete BEFORE DELETE ON leads "
     "BEGIN SELECT RAISE(ABORT, 'leads are never deleted'); END"},
    {"leads_key_fixed",
     "CREATE TRIGGER leads_key_fixed BEFORE UPDATE OF id, lead_key, model, first_run, created_at "
     "ON leads BEGIN SELECT RAISE(ABORT, 'a lead''s key and origin do not change'); END"},
    // A run that finds a lead's record changed writes the change event first,
    // then the lead, in one transaction: the evidence may change only when
    // the newest event is that run's change of this lead. The lead's hash in
    // the event catches any other edit that slips through.
    {"leads_evidence_fixed",
     "CREATE TRIGGER leads_evidence_fixed BEFORE UPDATE OF type, id_number, name, offence_name, "
     "name_matches, unit, department, position, category, hire_date, leave_date, employee_file, "
     "employee_line, label, offence_date, bac_tenths, place, penalty, case_no, authority, "
     "offence_file, offence_line, event_kind, event_end, overlap_first, overlap_last, "
     "overlap_days, amount_fen, record ON leads WHEN NOT EXISTS (SELECT 1 FROM lead_events e "
     "WHERE e.id = (SELECT max(id) FROM lead_events) AND e.lead_id = OLD.id AND e.run_id = "
     "NEW.last_run AND e.changes <> '') "
     "BEGIN SELECT RAISE(ABORT, 'a lead''s evidence changes only with a run''s change event'); "
     "END"},
};

std::string HmacSha256Hex(std::string_view key, std::string_view data) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac, &n);
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < n; ++i) {
    out.push_back(kHex[mac[i] >> 4]);
    out.push_back(kHex[mac[i] & 15]);
  }
  return out;
}

void Field(std::string* out, std::string_view v) {
  out->append(v);
  out->push_back(kSep);
}
void Field(std::string* out, int64_t v) { Field(out, std::to_string(v)); }

std::string EventHash(const std::string& prev, int64_t id, int64_t lead_id, const LeadEvent& ev,
                      const std::string& lead_hash) {
  std::string p = "event";
  p.push_back(kSep);
  Field(&p, id);
  Field(&p, lead_id);
  Field(&p, ev.at);
  Field(&p, ev.actor);
  Field(&p, ev.run);
  Field(&p, StatusColumn(ev.from_status));
  Field(&p, StatusColumn(ev.to_status));
  Field(&p, OutcomesHashText(ev.outcomes));
  Field(&p, ev.case_filed ? 1 : 0);
  Field(&p, ev.recovered_fen);
  Field(&p, ev.note);
  Field(&p, lead_hash);
  // A run's changes (schema 9) enter the hash where there are some, so that
  // every other event hashes as it always did.
  if (!ev.changes.empty()) Field(&p, "changes " + ChangesColumn(ev.changes));
  // So do a disposition's who, day, body and deadline (schema 11).
  if (!ev.handler.empty() || ev.date.valid() || !ev.to.empty() || ev.due.valid()) {
    Field(&p, "disposition");
    for (const std::string& v : {ev.handler, ev.date.Iso(), ev.to, ev.due.Iso()}) Field(&p, v);
  }
  p.append(prev);
  return Sha256Hex(p);
}

// The columns ReadEvent() reads, then lead_hash and hash.
constexpr int kEventColumns = 16;
std::string EventColumnsOf(int schema) {
  return std::string(
             "id, lead_id, at, actor, coalesce(run_id, 0), from_status, to_status, outcome, "
             "case_filed, recovered_fen, note, ") +
         (schema >= 9 ? "changes" : "''") +
         (schema >= 11 ? ", handler, on_date, to_body, due_date" : ", '', '', '', ''");
}

LeadEvent ReadEvent(const sql::Stmt& s) {
  return {s.Text(2),
          s.Text(3),
          s.Int(4),
          OptionalStatusOf(s.Text(5)),
          StatusOf(s.Text(6)),
          OutcomesOf(s.Text(7)),
          s.Int(8) != 0,
          s.Int(9),
          s.Text(10),
          ChangesOf(s.Text(11)),
          s.Text(12),
          DateOf(s.Text(13)),
          s.Text(14),
          DateOf(s.Text(15))};
}

std::string Plural(int64_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

std::string AuditHash(const AuditEntry& e, std::string_view key) {
  std::string p;
  if (e.format == 1) {
    Field(&p, e.id);
    Field(&p, e.at);
    Field(&p, e.actor);
    Field(&p, e.command);
    Field(&p, e.args);
    Field(&p, e.touched);
    p.append(e.prev_hash);
    return Sha256Hex(p);
  }
  Field(&p, "entry 2");
  Field(&p, e.id);
  Field(&p, e.at);
  Field(&p, e.actor);
  Field(&p, e.command);
  Field(&p, e.args);
  Field(&p, e.touched);
  Field(&p, e.event_id);
  Field(&p, e.event_hash);
  Field(&p, e.keyed ? "keyed" : "plain");
  p.append(e.prev_hash);
  return e.keyed ? HmacSha256Hex(key, p) : Sha256Hex(p);
}

std::string LeadStateHash(const StoredLead& l) {
  const LeadEvidence& e = l.evidence;
  std::string p = "lead";
  p.push_back(kSep);
  Field(&p, l.id);
  const std::string hire = e.hire_date.Iso(), leave = e.leave_date.Iso(),
                    offence = e.offence_date.Iso();
  for (const std::string* v :
       {&e.key,           &e.model,        &e.type,      &e.id_number, &e.name,    &e.offence_name,
        &e.unit,          &e.department,   &e.position,  &e.category,  &hire,      &leave,
        &e.employee_file, &e.label,        &offence,     &e.place,     &e.penalty, &e.case_no,
        &e.authority,     &e.offence_file, &l.created_at})
    Field(&p, *v);
  Field(&p, StatusColumn(l.status));
  Field(&p, OutcomesHashText(l.outcomes));
  for (int64_t v : {int64_t{e.name_matches}, int64_t{e.employee_line}, int64_t{e.bac},
                    int64_t{e.offence_line}, l.first_run, int64_t{l.case_filed}, l.recovered_fen})
    Field(&p, v);
  // The evidence of other kinds of record (schema 7) enters the hash where it
  // is there, so that an offence lead hashes as it always did.
  const bool other_kind = e.event_kind != "offences" || e.event_end.valid() ||
                          e.overlap_first.valid() || e.overlap_last.valid() ||
                          e.overlap_days != 0 || e.amount_fen != -1 || !e.record.empty();
  if (other_kind) {
    Field(&p, e.event_kind);
    Field(&p, e.event_end.Iso());
    Field(&p, e.overlap_first.Iso());
    Field(&p, e.overlap_last.Iso());
    Field(&p, e.overlap_days);
    Field(&p, e.amount_fen);
    Field(&p, RecordColumn(e.record));
  }
  // So does a lead's being missing (schema 9).
  if (l.missing_run != 0) Field(&p, "missing since " + std::to_string(l.missing_run));
  // So do a lead's concurrent posts (schema 10), where it has them.
  if (!e.postings.empty()) Field(&p, PostingsColumn(e.postings));
  // So does the latest disposition's who, day, body and deadline (schema 11).
  if (!l.handler.empty() || l.handled_on.valid() || !l.transferred_to.empty() || l.due.valid()) {
    Field(&p, "disposition");
    for (const std::string& v : {l.handler, l.handled_on.Iso(), l.transferred_to, l.due.Iso()})
      Field(&p, v);
  }
  return Sha256Hex(p);
}

Result<Store::EventHead> Store::LastEvent() {
  Result<sql::Stmt> s = db_->Prepare("SELECT id, hash FROM lead_events ORDER BY id DESC LIMIT 1");
  if (!s.ok()) return s.status();
  EventHead head{0, kGenesisHash};
  if (s->Step()) head = {s->Int(0), s->Text(1)};
  if (!s->status().ok()) return s->status();
  return head;
}

Result<sql::Stmt> Store::PrepareInsertEvent() {
  return db_->Prepare(
      "INSERT INTO lead_events (id, lead_id, at, actor, run_id, from_status, to_status, outcome, "
      "case_filed, recovered_fen, note, lead_hash, hash, changes, handler, on_date, to_body, "
      "due_date) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
      "?17, ?18)");
}

Status Store::InsertEvent(sql::Stmt& ins, const LeadEvent& ev, const StoredLead& lead,
                          EventHead* head) {
  const int64_t id = head->id + 1;
  const std::string lead_hash = LeadStateHash(lead);
  const std::string hash = EventHash(head->hash, id, lead.id, ev, lead_hash);
  // Text is bound where it is: each value outlives the statement's run.
  const std::string from = StatusColumn(ev.from_status), to = StatusColumn(ev.to_status),
                    outcomes = OutcomesColumn(ev.outcomes), changes = ChangesColumn(ev.changes),
                    date = ev.date.Iso(), due = ev.due.Iso();
  ins.Bind(1, id).Bind(2, lead.id).BindKept(3, ev.at).BindKept(4, ev.actor);
  if (ev.run)
    ins.Bind(5, ev.run);
  else
    ins.BindNull(5);
  ins.BindKept(6, from).BindKept(7, to).BindKept(8, outcomes);
  ins.Bind(9, ev.case_filed ? 1 : 0).Bind(10, ev.recovered_fen).BindKept(11, ev.note);
  ins.BindKept(12, lead_hash).BindKept(13, hash).BindKept(14, changes);
  ins.BindKept(15, ev.handler).BindKept(16, date).BindKept(17, ev.to).BindKept(18, due);
  if (Status s = ins.Run(); !s.ok()) return s;
  *head = {id, hash};
  return Status::Ok();
}

Status Store::ChainExistingEvents() {
  // Each event with the lead as it stood after it: the evidence as it is
  // now, the workflow as the event left it.
  Result<sql::Stmt> events = db_->Prepare(
      std::string("SELECT e.id, e.lead_id, e.at, e.actor, coalesce(e.run_id, 0), ") +
      "e.from_status, e.to_status, e.outcome, e.case_filed, e.recovered_fen, e.note, '', '', '', " +
      "'', '', " + "l.* FROM lead_events e JOIN (SELECT " + kLeadColumnsV5 +
      " FROM leads) l ON l.id = e.lead_id ORDER BY e.id");
  if (!events.ok()) return events.status();
  Result<sql::Stmt> update =
      db_->Prepare("UPDATE lead_events SET lead_hash = ?2, hash = ?3 WHERE id = ?1");
  if (!update.ok()) return update.status();
  std::string prev = kGenesisHash;
  while (events->Step()) {
    const LeadEvent ev = ReadEvent(*events);
    StoredLead lead = ReadLead(*events, kEventColumns, /*schema=*/5);
    lead.status = ev.to_status;
    lead.outcomes = ev.outcomes;
    lead.case_filed = ev.case_filed;
    lead.recovered_fen = ev.recovered_fen;
    const std::string lead_hash = LeadStateHash(lead);
    const int64_t id = events->Int(0);
    prev = EventHash(prev, id, lead.id, ev, lead_hash);
    update->Bind(1, id).Bind(2, lead_hash).Bind(3, prev);
    if (Status s = update->Run(); !s.ok()) return s;
  }
  if (!events->status().ok()) return events->status();
  return InstallTriggers();
}

Status Store::InstallTriggers() {
  for (const Trigger& t : kTriggers) {
    if (Status s = db_->Exec(std::string("DROP TRIGGER IF EXISTS ") + t.name + "; " + t.sql);
        !s.ok())
      return s;
  }
  return Status::Ok();
}

Status Store::InsertAudit(AuditEntry* e) {
  Result<std::vector<AuditEntry>> last = AuditEntries(/*last_only=*/true);
  if (!last.ok()) return last.status();
  e->id = 1;
  e->prev_hash = kGenesisHash;
  if (!last->empty()) {
    const AuditEntry& l = last->front();
    if (l.keyed && audit_key_.empty())
      return Status::Error(db_->path() +
                           ": the audit trail is keyed: set QINGLIAN_AUDIT_KEY to write to it");
    if (l.keyed && AuditHash(l, audit_key_) != l.hash)
      return Status::Error(db_->path() +
                           ": QINGLIAN_AUDIT_KEY is not the key this audit trail was written with "
                           "(or its last entry was altered)");
    e->id = l.id + 1;
    e->prev_hash = l.hash;
  }
  Result<EventHead> head = LastEvent();
  if (!head.ok()) return head.status();
  if (e->at.empty()) e->at = NowUtc();
  e->format = 2;
  e->keyed = !audit_key_.empty();
  e->event_id = head->id;
  e->event_hash = head->id ? head->hash : "";
  e->hash = AuditHash(*e, audit_key_);
  Result<sql::Stmt> ins = db_->Prepare(
      "INSERT INTO audit_log (id, at, actor, command, args, touched, prev_hash, hash, format, "
      "keyed, event_id, event_hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
  if (!ins.ok()) return ins.status();
  ins->Bind(1, e->id).Bind(2, e->at).Bind(3, e->actor).Bind(4, e->command).Bind(5, e->args);
  ins->Bind(6, e->touched).Bind(7, e->prev_hash).Bind(8, e->hash).Bind(9, e->format);
  ins->Bind(10, e->keyed ? 1 : 0).Bind(11, e->event_id).Bind(12, e->event_hash);
  return ins->Run();
}

Status Store::AppendAudit(AuditEntry* e, int wait_ms) {
  if (db_->read_only()) return Status::Error(db_->path() + ": the store is read-only");
  if (wait_ms >= 0) db_->SetBusyTimeout(wait_ms);
  sql::Transaction t(*db_);
  Status s = t.Begin();
  if (s.ok()) s = InsertAudit(e);
  if (s.ok()) s = t.Commit();
  if (wait_ms >= 0) db_->SetBusyTimeout(sql::kBusyTimeoutMs);
  return s;
}

Result<std::vector<AuditEntry>> Store::AuditEntries(bool last_only) {
  Result<sql::Stmt> s = db_->Prepare(
      std::string("SELECT id, at, actor, command, args, touched, prev_hash, hash, format, keyed, "
                  "event_id, event_hash FROM audit_log ORDER BY id") +
      (last_only ? " DESC LIMIT 1" : ""));
  if (!s.ok()) return s.status();
  std::vector<AuditEntry> entries;
  while (s->Step())
    entries.push_back({s->Int(0), s->Text(1), s->Text(2), s->Text(3), s->Text(4), s->Text(5),
                       s->Text(6), s->Text(7), static_cast<int>(s->Int(8)), s->Int(9) != 0,
                       s->Int(10), s->Text(11)});
  if (!s->status().ok()) return s->status();
  return entries;
}

Result<std::vector<AuditEntry>> Store::AuditLog() { return AuditEntries(/*last_only=*/false); }

Result<AuditHead> Store::Head() {
  Result<std::vector<AuditEntry>> last = AuditEntries(/*last_only=*/true);
  if (!last.ok()) return last.status();
  Result<std::optional<int64_t>> n = db_->QueryInt("SELECT count(*) FROM audit_log");
  if (!n.ok()) return n.status();
  AuditHead head;
  head.entries = n->value_or(0);
  if (!last->empty()) head.hash = last->front().hash;
  return head;
}

namespace {

// What verification learns of each lead from its events.
struct LastEventOf {
  int64_t event = 0;
  LeadEvent ev;
  std::string lead_hash;
};

// One place that keeps the problems in the order they were found.
struct Findings {
  std::vector<std::string> problems;
  void Add(std::string p) { problems.push_back(std::move(p)); }
};

// An entry's claim about the events: every event up to `event_id` is vouched
// for, and that one's hash is `hash`.
struct Anchor {
  int64_t entry = 0, event_id = 0;
  std::string hash;
};

}  // namespace

Result<AuditCheck> Store::VerifyAudit(const std::string& expect_head) {
  // One snapshot of everything, even while a run commits.
  sql::Transaction snapshot(*db_);
  if (Status s = snapshot.BeginRead(); !s.ok()) return s;
  AuditCheck check;
  Findings found;

  // 1. The entries: ids in sequence, each linked to the one before, each hash.
  Result<std::vector<AuditEntry>> entries = AuditLog();
  if (!entries.ok()) return entries.status();
  check.entries = static_cast<int64_t>(entries->size());
  std::vector<Anchor> anchors;
  std::string prev = kGenesisHash;
  int64_t expected = 1, first_keyed = 0;
  bool newer_format = false, reaches_expected = false;
  for (const AuditEntry& e : *entries) {
    const std::string n = std::to_string(e.id);
    if (e.id != expected)
      found.Add("entry " + std::to_string(expected) + " is missing: it was deleted");
    else if (e.prev_hash != prev)
      found.Add("entry " + n + " does not follow entry " + std::to_string(e.id - 1) +
                ": entries were removed or reordered");
    if (e.format == 1 && newer_format)
      found.Add("entry " + n +
                " is in the old format after newer entries: the trail was re-chained");
    newer_format = newer_format || e.format != 1;
    if (first_keyed && !e.keyed)
      found.Add("entry " + n + " is not keyed but entry " + std::to_string(first_keyed) +
                " before it is: the trail was re-chained without the key");
    if (e.keyed && !first_keyed) first_keyed = e.id;
    if (!e.keyed || !audit_key_.empty()) {
      if (AuditHash(e, audit_key_) != e.hash)
        found.Add("entry " + n + " was altered: its hash does not match" +
                  (e.keyed ? " (or QINGLIAN_AUDIT_KEY is not the key it was written with)" : ""));
    }
    if (e.format != 1 && e.event_id > 0) anchors.push_back({e.id, e.event_id, e.event_hash});
    reaches_expected = reaches_expected || e.hash == expect_head;
    prev = e.hash;
    expected = e.id + 1;
  }
  check.head = entries->empty() ? "" : entries->back().hash;
  Result<std::optional<int64_t>> seq =
      db_->QueryInt("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'");
  if (!seq.ok()) return seq.status();
  const int64_t last_id = entries->empty() ? 0 : entries->back().id;
  if (seq->value_or(0) > last_id)
    found.Add(last_id == 0 ? "all " + Plural(seq->value_or(0), "entry", "entries") + " were deleted"
                           : "the entries after entry " + std::to_string(last_id) + " (up to " +
                                 std::to_string(seq->value_or(0)) + ") were deleted");
  if (!expect_head.empty() && !reaches_expected)
    found.Add("the trail does not reach the expected head " + expect_head +
              ": entries were deleted or the trail was re-chained");
  if (!audit_key_.empty() && !entries->empty() && !entries->back().keyed)
    found.Add(
        "QINGLIAN_AUDIT_KEY is set but the trail is not keyed: its last entries were written, or "
        "re-chained, without the key");

  // 2. The events: one chain, every link vouched for by the entries.
  Result<sql::Stmt> events = db_->Prepare("SELECT " + EventColumnsOf(version_) +
                                          ", lead_hash, hash FROM lead_events ORDER BY id");
  if (!events.ok()) return events.status();
  std::unordered_map<int64_t, LastEventOf> last_of;
  const int64_t vouched = anchors.empty() ? 0 : anchors.back().event_id;
  size_t next_anchor = 0;
  prev = kGenesisHash;
  int64_t expected_event = 1, last_event = 0;
  while (events->Step()) {
    const int64_t id = events->Int(0), lead_id = events->Int(1);
    const LeadEvent ev = ReadEvent(*events);
    const std::string lead_hash = events->Text(kEventColumns),
                      stored = events->Text(kEventColumns + 1);
    const std::string n = std::to_string(id);
    ++check.events;
    if (id != expected_event)
      found.Add("event " + std::to_string(expected_event) + " is missing: it was deleted");
    const std::string hash = EventHash(prev, id, lead_id, ev, lead_hash);
    if (id > vouched)
      found.Add("event " + n + " was added outside qinglian: no audit entry vouches for it");
    else if (hash != stored)
      found.Add("event " + n + " was altered");
    // Anchors are in entry order, and so in event order.
    for (; next_anchor < anchors.size() && anchors[next_anchor].event_id <= id; ++next_anchor) {
      const Anchor& a = anchors[next_anchor];
      if (a.event_id == id && a.hash != hash)
        found.Add("event " + n + " does not match audit entry " + std::to_string(a.entry) +
                  ", which vouches for it: events were altered and re-chained");
      else if (a.event_id < id)
        found.Add("event " + std::to_string(a.event_id) + " is missing: it was deleted");
    }
    last_of[lead_id] = {id, ev, lead_hash};
    prev = stored;
    expected_event = id + 1;
    last_event = id;
  }
  if (!events->status().ok()) return events->status();
  for (; next_anchor < anchors.size(); ++next_anchor)
    if (anchors[next_anchor].event_id > last_event) {
      found.Add("event " + std::to_string(anchors[next_anchor].event_id) +
                " is missing: it was deleted (audit entry " +
                std::to_string(anchors[next_anchor].entry) + " vouches for it)");
      break;
    }

  // 3. The leads: each as its last event left it.
  Result<sql::Stmt> leads =
      db_->Prepare(std::string("SELECT ") + LeadColumnsOf(version_) + " FROM leads ORDER BY id");
  if (!leads.ok()) return leads.status();
  while (leads->Step()) {
    const StoredLead l = ReadLead(*leads, 0, version_);
    ++check.leads;
    const std::string n = "lead " + std::to_string(l.id);
    auto it = last_of.find(l.id);
    if (it == last_of.end()) {
      found.Add(n + " has no history: it was added outside qinglian");
      continue;
    }
    const LastEventOf& last = it->second;
    if (LeadStateHash(l) != last.lead_hash) {
      const LeadEvent& ev = last.ev;
      const char* what = l.status != ev.to_status              ? "status"
                         : l.outcomes != ev.outcomes           ? "outcome"
                         : l.case_filed != ev.case_filed       ? "case_filed"
                         : l.recovered_fen != ev.recovered_fen ? "recovered money"
                                                               : "evidence";
      found.Add(n + ": its " + what + " does not match its history");
    }
    last_of.erase(it);
  }
  if (!leads->status().ok()) return leads->status();
  for (const auto& [lead_id, last] : last_of)
    found.Add("lead " + std::to_string(lead_id) + " was deleted: event " +
              std::to_string(last.event) + " is about it");

  // 4. The triggers that keep the tables append-only.
  Result<sql::Stmt> trigger =
      db_->Prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?1");
  if (!trigger.ok()) return trigger.status();
  for (const Trigger& t : kTriggers) {
    trigger->Bind(1, t.name);
    if (!trigger->Step()) {
      if (!trigger->status().ok()) return trigger->status();
      found.Add(std::string("trigger ") + t.name + " is missing: the tables can be edited");
    } else if (trigger->Text(0) != t.sql) {
      found.Add(std::string("trigger ") + t.name + " was changed");
    }
    trigger->Reset();
  }

  if (!found.problems.empty()) {
    check.problem = found.problems.front();
    if (found.problems.size() > 1)
      check.problem +=
          " (and " +
          Plural(static_cast<int64_t>(found.problems.size() - 1), "more problem", "more problems") +
          ")";
  } else if (first_keyed && audit_key_.empty()) {
    check.needs_key = true;
    check.problem = "the audit trail is keyed from entry " + std::to_string(first_keyed) +
                    ": set QINGLIAN_AUDIT_KEY to verify it";
  }
  return check;
}

}  // namespace qinglian
