// The review queue (schema 12). A candidate is one pair, kept under a key
// that stays the same from run to run (the model, the roster row's ID number
// as written, the other record's lead key); each run updates its score,
// records and content hashes. Judgements are append-only, and each names the
// content hashes it judged: when either record changes, the pair is open
// again. Each candidate keeps the lead it would make (schema 13): a --same
// judgement makes that lead at once, through the same insert and event
// chain as a run's leads, with the reviewer as the actor of its first event
// and the note as its note; the runs after it see the same lead again (its
// key), from the records it judged.
#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "qinglian/base/clock.h"
#include "qinglian/store/store.h"
#include "store/sqlite.h"
#include "store/store_rows.h"

namespace qinglian {

extern const char kReviewSchema[] = R"sql(
CREATE TABLE review_candidates (
  id INTEGER PRIMARY KEY,
  pair_key TEXT NOT NULL UNIQUE,
  model TEXT NOT NULL,
  rule TEXT NOT NULL,
  score INTEGER NOT NULL,
  reasons TEXT NOT NULL,
  roster TEXT NOT NULL,
  other TEXT NOT NULL,
  roster_hash TEXT NOT NULL,
  other_hash TEXT NOT NULL,
  lead_key TEXT NOT NULL,
  first_run INTEGER NOT NULL REFERENCES runs(id),
  last_run INTEGER NOT NULL REFERENCES runs(id)
);
CREATE TABLE review_judgements (
  id INTEGER PRIMARY KEY,
  candidate_id INTEGER NOT NULL REFERENCES review_candidates(id),
  verdict TEXT NOT NULL CHECK (verdict IN ('same', 'different', 'unsure')),
  roster_hash TEXT NOT NULL,
  other_hash TEXT NOT NULL,
  reviewer TEXT NOT NULL,
  note TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX review_judgements_candidate ON review_judgements(candidate_id);
CREATE TRIGGER review_judgements_no_update BEFORE UPDATE ON review_judgements
BEGIN SELECT RAISE(ABORT, 'review judgements are append-only'); END;
CREATE TRIGGER review_judgements_no_delete BEFORE DELETE ON review_judgements
BEGIN SELECT RAISE(ABORT, 'review judgements are append-only'); END;
CREATE TABLE run_review (
  run_id INTEGER PRIMARY KEY REFERENCES runs(id),
  not_keyed INTEGER NOT NULL,
  candidates INTEGER NOT NULL,
  open INTEGER NOT NULL,
  homophones INTEGER NOT NULL
);
)sql";

// The lead each candidate makes when judged the same person, as JSON ("" for
// a candidate last found before this version: the next run fills it in).
extern const char kReviewEvidenceSchema[] = R"sql(
ALTER TABLE review_candidates ADD COLUMN evidence TEXT NOT NULL DEFAULT '';
)sql";

namespace {

constexpr char kCandidateColumns[] =
    "c.id, c.pair_key, c.model, c.rule, c.score, c.reasons, c.roster, c.other, c.roster_hash, "
    "c.other_hash, c.lead_key, c.first_run, c.last_run, j.verdict, j.roster_hash, j.other_hash, "
    "j.reviewer, j.note, j.at";
// The latest judgement of each candidate.
constexpr char kLatestJudgement[] =
    "LEFT JOIN review_judgements j ON j.id = (SELECT max(id) FROM review_judgements WHERE "
    "candidate_id = c.id)";

ReviewCandidate ReadCandidate(const sql::Stmt& s) {
  ReviewCandidate c;
  c.id = s.Int(0);
  c.pair_key = s.Text(1);
  c.model = s.Text(2);
  c.rule = s.Text(3);
  c.score = static_cast<int>(s.Int(4));
  c.reasons = s.Text(5);
  c.roster = s.Text(6);
  c.other = s.Text(7);
  c.roster_hash = s.Text(8);
  c.other_hash = s.Text(9);
  c.lead_key = s.Text(10);
  c.first_run = s.Int(11);
  c.last_run = s.Int(12);
  if (!s.IsNull(13)) {
    ReviewJudgement j;
    j.candidate = c.id;
    j.verdict = ParseVerdict(s.Text(13)).value_or(Verdict::kUnsure);
    j.roster_hash = s.Text(14);
    j.other_hash = s.Text(15);
    j.reviewer = s.Text(16);
    j.note = s.Text(17);
    j.at = s.Text(18);
    c.judgement = std::move(j);
  }
  return c;
}

std::string EvidenceColumn(const LeadEvidence& e) {
  nlohmann::json j = {{"key", e.key},
                      {"model", e.model},
                      {"type", e.type},
                      {"id_number", e.id_number},
                      {"name", e.name},
                      {"offence_name", e.offence_name},
                      {"name_matches", e.name_matches},
                      {"unit", e.unit},
                      {"department", e.department},
                      {"position", e.position},
                      {"category", e.category},
                      {"hire_date", e.hire_date.Iso()},
                      {"leave_date", e.leave_date.Iso()},
                      {"employee_file", e.employee_file},
                      {"employee_line", e.employee_line},
                      {"event_kind", e.event_kind},
                      {"label", e.label},
                      {"offence_date", e.offence_date.Iso()},
                      {"event_end", e.event_end.Iso()},
                      {"bac", e.bac},
                      {"place", e.place},
                      {"penalty", e.penalty},
                      {"case_no", e.case_no},
                      {"authority", e.authority},
                      {"offence_file", e.offence_file},
                      {"offence_line", e.offence_line},
                      {"record", RecordColumn(e.record)},
                      {"overlap_first", e.overlap_first.Iso()},
                      {"overlap_last", e.overlap_last.Iso()},
                      {"overlap_days", e.overlap_days},
                      {"amount_fen", e.amount_fen},
                      {"postings", PostingsColumn(e.postings)}};
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Result<LeadEvidence> EvidenceOf(const std::string& column) {
  try {
    const nlohmann::json j = nlohmann::json::parse(column);
    LeadEvidence e;
    const auto text = [&j](const char* k) { return j.at(k).get<std::string>(); };
    e.key = text("key");
    e.model = text("model");
    e.type = text("type");
    e.id_number = text("id_number");
    e.name = text("name");
    e.offence_name = text("offence_name");
    e.name_matches = j.at("name_matches").get<bool>();
    e.unit = text("unit");
    e.department = text("department");
    e.position = text("position");
    e.category = text("category");
    e.hire_date = DateOf(text("hire_date"));
    e.leave_date = DateOf(text("leave_date"));
    e.employee_file = text("employee_file");
    e.employee_line = j.at("employee_line").get<uint32_t>();
    e.event_kind = text("event_kind");
    e.label = text("label");
    e.offence_date = DateOf(text("offence_date"));
    e.event_end = DateOf(text("event_end"));
    e.bac = j.at("bac").get<BacTenths>();
    e.place = text("place");
    e.penalty = text("penalty");
    e.case_no = text("case_no");
    e.authority = text("authority");
    e.offence_file = text("offence_file");
    e.offence_line = j.at("offence_line").get<uint32_t>();
    e.record = RecordOf(text("record"));
    e.overlap_first = DateOf(text("overlap_first"));
    e.overlap_last = DateOf(text("overlap_last"));
    e.overlap_days = j.at("overlap_days").get<int64_t>();
    e.amount_fen = j.at("amount_fen").get<int64_t>();
    e.postings = PostingsOf(text("postings"));
    return e;
  } catch (const nlohmann::json::exception& x) {
    return Status::Error(std::string("a review candidate's lead is damaged: ") + x.what());
  }
}

}  // namespace

const char* VerdictCode(Verdict v) {
  switch (v) {
    case Verdict::kSame:
      return "same";
    case Verdict::kDifferent:
      return "different";
    case Verdict::kUnsure:
      break;
  }
  return "unsure";
}

std::optional<Verdict> ParseVerdict(std::string_view code) {
  for (Verdict v : {Verdict::kSame, Verdict::kDifferent, Verdict::kUnsure})
    if (code == VerdictCode(v)) return v;
  return std::nullopt;
}

Result<std::vector<ReviewCandidate>> Store::ReviewCandidates(int64_t run, bool open_only) {
  Result<sql::Stmt> s = db_->Prepare(fmt::format(
      "SELECT {} FROM review_candidates c {} WHERE c.last_run = CASE WHEN ?1 > 0 THEN ?1 ELSE "
      "(SELECT coalesce(max(run_id), 0) FROM run_review) END ORDER BY c.score DESC, c.id",
      kCandidateColumns, kLatestJudgement));
  if (!s.ok()) return s.status();
  s->Bind(1, run);
  std::vector<ReviewCandidate> out;
  while (s->Step()) {
    ReviewCandidate c = ReadCandidate(*s);
    if (!open_only || !c.settled()) out.push_back(std::move(c));
  }
  if (!s->status().ok()) return s->status();
  return out;
}

Result<std::map<std::string, ReviewJudgement>> Store::ReviewJudgements() {
  Result<sql::Stmt> s =
      db_->Prepare(fmt::format("SELECT {} FROM review_candidates c {} WHERE j.id IS NOT NULL",
                               kCandidateColumns, kLatestJudgement));
  if (!s.ok()) return s.status();
  std::map<std::string, ReviewJudgement> out;
  while (s->Step()) {
    ReviewCandidate c = ReadCandidate(*s);
    out.emplace(c.pair_key, std::move(*c.judgement));
  }
  if (!s->status().ok()) return s->status();
  return out;
}

Status Store::WriteReview(int64_t run_id, const std::vector<ReviewCandidate>& candidates,
                          const ReviewFigures& figures) {
  sql::Transaction t(*db_);
  if (Status s = t.Begin(); !s.ok()) return s;
  Result<sql::Stmt> put = db_->Prepare(
      "INSERT INTO review_candidates (pair_key, model, rule, score, reasons, roster, other, "
      "roster_hash, other_hash, lead_key, first_run, last_run, evidence) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11, ?12) "
      "ON CONFLICT (pair_key) DO UPDATE SET rule = excluded.rule, score = excluded.score, "
      "reasons = excluded.reasons, roster = excluded.roster, other = excluded.other, "
      "roster_hash = excluded.roster_hash, other_hash = excluded.other_hash, "
      "lead_key = excluded.lead_key, last_run = excluded.last_run, evidence = excluded.evidence");
  if (!put.ok()) return put.status();
  for (const ReviewCandidate& c : candidates) {
    put->Bind(1, c.pair_key).Bind(2, c.model).Bind(3, c.rule).Bind(4, c.score);
    put->Bind(5, c.reasons).Bind(6, c.roster).Bind(7, c.other).Bind(8, c.roster_hash);
    put->Bind(9, c.other_hash).Bind(10, c.lead_key).Bind(11, run_id);
    put->Bind(12, EvidenceColumn(c.evidence));
    if (Status s = put->Run(); !s.ok()) return s;
  }
  Result<sql::Stmt> fig = db_->Prepare(
      "INSERT INTO run_review (run_id, not_keyed, candidates, open, homophones) "
      "VALUES (?1, ?2, ?3, ?4, ?5)");
  if (!fig.ok()) return fig.status();
  fig->Bind(1, run_id).Bind(2, static_cast<int64_t>(figures.not_keyed));
  fig->Bind(3, static_cast<int64_t>(figures.candidates))
      .Bind(4, static_cast<int64_t>(figures.open));
  fig->Bind(5, figures.homophones ? 1 : 0);
  if (Status s = fig->Run(); !s.ok()) return s;
  return t.Commit();
}

Status Store::Judge(ReviewJudgement* j, AuditEntry* audit) {
  sql::Transaction t(*db_);
  if (Status s = t.Begin(); !s.ok()) return s;
  Result<sql::Stmt> read =
      db_->Prepare(fmt::format("SELECT {} FROM review_candidates c {} WHERE c.id = ?1",
                               kCandidateColumns, kLatestJudgement));
  if (!read.ok()) return read.status();
  read->Bind(1, j->candidate);
  if (!read->Step()) {
    if (!read->status().ok()) return read->status();
    return Status::Error("no candidate " + std::to_string(j->candidate) + " (see qinglian review)");
  }
  const ReviewCandidate c = ReadCandidate(*read);
  read->Reset();
  j->roster_hash = c.roster_hash;
  j->other_hash = c.other_hash;
  j->at = NowUtc();
  Result<sql::Stmt> put = db_->Prepare(
      "INSERT INTO review_judgements (candidate_id, verdict, roster_hash, other_hash, reviewer, "
      "note, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  if (!put.ok()) return put.status();
  put->Bind(1, j->candidate).Bind(2, VerdictCode(j->verdict)).Bind(3, j->roster_hash);
  put->Bind(4, j->other_hash).Bind(5, j->reviewer).Bind(6, j->note).Bind(7, j->at);
  if (Status s = put->Run(); !s.ok()) return s;
  audit->touched = fmt::format("candidate {}: {}", j->candidate, VerdictCode(j->verdict));
  if (c.judgement) audit->touched += fmt::format(" (was {})", VerdictCode(c.judgement->verdict));
  if (j->verdict == Verdict::kSame) {
    Result<int64_t> lead = InsertReviewedLead(c, *j);
    if (!lead.ok()) return lead.status();
    j->lead = *lead;
    audit->touched += fmt::format(", lead {}", *lead);
  }
  if (Status s = InsertAudit(audit); !s.ok()) return s;
  return t.Commit();
}

Result<int64_t> Store::InsertReviewedLead(const ReviewCandidate& c, const ReviewJudgement& j) {
  Result<sql::Stmt> read = db_->Prepare("SELECT evidence FROM review_candidates WHERE id = ?1");
  if (!read.ok()) return read.status();
  read->Bind(1, c.id);
  if (!read->Step())
    return read->status().ok() ? Status::Error("the candidate vanished") : read->status();
  const std::string column = read->Text(0);
  read->Reset();
  if (column.empty())
    return Status::Error(fmt::format(
        "candidate {} was found by an older version of qinglian, which did not keep its lead: "
        "run again, then judge it",
        c.id));
  Result<LeadEvidence> e = EvidenceOf(column);
  if (!e.ok()) return e.status();
  // A lead made already (an earlier judgement, or a run) is that lead: the
  // runs see it again rather than make a second one.
  Result<sql::Stmt> known =
      db_->Prepare(std::string("SELECT ") + kLeadColumns + " FROM leads WHERE lead_key = ?1");
  if (!known.ok()) return known.status();
  known->Bind(1, e->key);
  if (known->Step()) return ReadLead(*known).id;
  if (!known->status().ok()) return known->status();
  known->Reset();
  // First seen in the run whose records were judged.
  Result<sql::Stmt> upsert = PrepareUpsertLead(*db_);
  if (!upsert.ok()) return upsert.status();
  if (Status s = UpsertLead(*upsert, *e, c.last_run, j.at); !s.ok()) return s;
  known->Bind(1, e->key);
  if (!known->Step())
    return known->status().ok() ? Status::Error("the lead vanished") : known->status();
  const StoredLead lead = ReadLead(*known);
  known->Reset();
  Result<EventHead> head = LastEvent();
  if (!head.ok()) return head.status();
  Result<sql::Stmt> insert_event = PrepareInsertEvent();
  if (!insert_event.ok()) return insert_event.status();
  // The reviewer made it, not a run.
  LeadEvent ev;
  ev.at = j.at;
  ev.actor = j.reviewer;
  ev.to_status = LeadStatus::kNew;
  ev.note = j.note;
  if (Status s = InsertEvent(*insert_event, ev, lead, &*head); !s.ok()) return s;
  Result<sql::Stmt> seen =
      db_->Prepare("INSERT OR IGNORE INTO lead_runs (lead_id, run_id) VALUES (?1, ?2)");
  if (!seen.ok()) return seen.status();
  seen->Bind(1, lead.id).Bind(2, c.last_run);
  if (Status s = seen->Run(); !s.ok()) return s;
  return lead.id;
}

Result<std::optional<ReviewJudgement>> Store::ReviewOfLead(const std::string& lead_key) {
  Result<sql::Stmt> s = db_->Prepare(fmt::format(
      "SELECT {} FROM review_candidates c {} WHERE c.lead_key = ?1 AND j.verdict = 'same' ORDER "
      "BY j.id LIMIT 1",
      kCandidateColumns, kLatestJudgement));
  if (!s.ok()) return s.status();
  s->Bind(1, lead_key);
  std::optional<ReviewJudgement> out;
  if (s->Step()) out = ReadCandidate(*s).judgement;
  if (!s->status().ok()) return s->status();
  return out;
}

Result<ReviewFigures> Store::ReviewFiguresOf(int64_t run) {
  ReviewFigures f;
  Result<sql::Stmt> s = db_->Prepare(
      "SELECT not_keyed, candidates, open, homophones, run_id = (SELECT max(run_id) FROM "
      "run_review) FROM run_review WHERE run_id = CASE WHEN ?1 > 0 THEN ?1 ELSE (SELECT "
      "coalesce(max(run_id), 0) FROM run_review) END");
  if (!s.ok()) return s.status();
  s->Bind(1, run);
  bool latest = false;
  if (s->Step()) {
    f.not_keyed = static_cast<uint64_t>(s->Int(0));
    f.candidates = static_cast<uint64_t>(s->Int(1));
    f.open = static_cast<uint64_t>(s->Int(2));
    f.homophones = s->Int(3) != 0;
    latest = s->Int(4) != 0;
  }
  if (!s->status().ok()) return s->status();
  s->Reset();
  // The latest run's candidates are the queue: judged since, they are open no more.
  if (latest) {
    Result<std::vector<ReviewCandidate>> open = ReviewCandidates(0, /*open_only=*/true);
    if (!open.ok()) return open.status();
    f.open = open->size();
  }
  // Leads made from a pair judged the same person.
  Result<sql::Stmt> m = db_->Prepare(fmt::format(
      "SELECT count(DISTINCT l.id) FROM leads l JOIN review_candidates c ON c.lead_key = "
      "l.lead_key {} WHERE j.verdict = 'same'",
      kLatestJudgement));
  if (!m.ok()) return m.status();
  if (m->Step()) f.matched = static_cast<uint64_t>(m->Int(0));
  if (!m->status().ok()) return m->status();
  return f;
}

}  // namespace qinglian
