// The audit trail: append-only (triggers refuse UPDATE and DELETE) and
// hash-chained, so that an entry edited, removed or moved is found by
// VerifyAudit.
#include "qinglian/sha256.h"
#include "qinglian/store.h"
#include "sqlite.h"

namespace qinglian {
namespace {

const std::string kGenesisHash(64, '0');

}  // namespace

std::string AuditHash(const AuditEntry& e) {
  // Fields joined by the unit separator, which none of them holds.
  const char sep = '\x1f';
  return Sha256Hex(std::to_string(e.id) + sep + e.at + sep + e.actor + sep + e.command + sep +
                   e.args + sep + e.touched + sep + e.prev_hash);
}

Status Store::InsertAudit(AuditEntry* e) {
  Result<sql::Stmt> last = db_->Prepare("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1");
  if (!last.ok()) return last.status();
  e->id = 1;
  e->prev_hash = kGenesisHash;
  if (last->Step()) {
    e->id = last->Int(0) + 1;
    e->prev_hash = last->Text(1);
  }
  if (!last->status().ok()) return last->status();
  if (e->at.empty()) e->at = NowUtc();
  e->hash = AuditHash(*e);
  Result<sql::Stmt> ins = db_->Prepare(
      "INSERT INTO audit_log (id, at, actor, command, args, touched, prev_hash, hash) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  if (!ins.ok()) return ins.status();
  ins->Bind(1, e->id)
      .Bind(2, e->at)
      .Bind(3, e->actor)
      .Bind(4, e->command)
      .Bind(5, e->args)
      .Bind(6, e->touched);
  ins->Bind(7, e->prev_hash).Bind(8, e->hash);
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

Result<std::vector<AuditEntry>> Store::AuditLog() {
  Result<sql::Stmt> s = db_->Prepare(
      "SELECT id, at, actor, command, args, touched, prev_hash, hash FROM audit_log ORDER BY id");
  if (!s.ok()) return s.status();
  std::vector<AuditEntry> entries;
  while (s->Step())
    entries.push_back({s->Int(0), s->Text(1), s->Text(2), s->Text(3), s->Text(4), s->Text(5),
                       s->Text(6), s->Text(7)});
  if (!s->status().ok()) return s->status();
  return entries;
}

Result<AuditCheck> Store::VerifyAudit() {
  Result<std::vector<AuditEntry>> entries = AuditLog();
  if (!entries.ok()) return entries.status();
  AuditCheck check;
  check.entries = static_cast<int64_t>(entries->size());
  std::string prev = kGenesisHash;
  int64_t expected = 1;
  for (const AuditEntry& e : *entries) {
    const auto bad = [&](int64_t id, std::string why) {
      check.first_bad = id;
      check.problem = std::move(why);
      return check;
    };
    const std::string n = std::to_string(expected);
    if (e.id != expected) return bad(expected, "entry " + n + " is missing: it was deleted");
    if (e.prev_hash != prev)
      return bad(e.id, "entry " + n + " does not follow entry " + std::to_string(expected - 1) +
                           ": entries were removed or reordered");
    if (AuditHash(e) != e.hash)
      return bad(e.id, "entry " + n + " was altered: its hash does not match");
    prev = e.hash;
    ++expected;
  }
  return check;
}

}  // namespace qinglian
