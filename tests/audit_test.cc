// The audit trail: masking in its entries, and each way of changing the store
// behind the program's back, done with direct SQL on the database file.
#include "qinglian/core/audit.h"

#include <catch2/catch.hpp>
#include <functional>
#include <vector>

#include "qinglian/store/store.h"
#include "store/sqlite.h"
#include "test_util.h"

namespace qinglian {
namespace {

TEST_CASE("MaskIdNumbersIn masks every form of ID number the loaders accept", "[audit]") {
  struct {
    const char* in;
    const char* want;
  } cases[] = {
      // Full-width digits and x, written together: masked as typed.
      {"核查４３０１０２１９８００１０１９０１６", "核查４３０１０２********９０１６"},
      {"43120219681120945ｘ", "431202********945ｘ"},
      // Dashes, spaces, ideographic spaces and line breaks between groups.
      {"430102-19800101-9016 的情况", "430102********9016 的情况"},
      {"4301 0219 8001 0190 16", "430102********9016"},
      {"430102　19800101　9016。", "430102********9016。"},
      {"430102\n198001019016", "430102********9016"},
      {"４３０１０２　１９８００１０１　９０１６", "430102********9016"},
      {"431202 681120 945", "431202*****0945"},
      // Numbers side by side that are no ID number stay as they are.
      {"--since 2024-01-01 --until 2024-12-31", "--since 2024-01-01 --until 2024-12-31"},
      {"2024-01-01 2024-12-31 12", "2024-01-01 2024-12-31 12"},
      {"电话 138 0013 8000", "电话 138 0013 8000"},
      {"第 3 批 2024-12-31", "第 3 批 2024-12-31"},
      // Next to other numbers: the ID number is found among them.
      {"2024-12-31 430102 19800101 9016", "2024-12-31 430102********9016"},
  };
  for (const auto& c : cases) {
    INFO(c.in);
    CHECK(MaskIdNumbersIn(c.in) == c.want);
  }
}

// A store with a run (3 leads, events 1-3, entry 1), a disposition (event 4,
// entry 2) and a read (entry 3).
struct Trail {
  testing::TempDir dir;
  std::string db = dir / "q.db";
  std::string key;

  explicit Trail(std::string audit_key = "") : key(std::move(audit_key)) {
    auto store = Open(StoreAccess::kCreate);
    RunWrite w;
    w.run.started_at = w.run.finished_at = "2025-01-01T00:00:00Z";
    w.run.as_of = "2024-12-31";
    w.run.models = {"soe_vice"};
    w.run.actor = "tester";
    for (const char* k : {"k1", "k2", "k3"}) {
      LeadEvidence e;
      e.key = k;
      e.model = "soe_vice";
      e.type = "drugs";
      e.id_number = "430102198001019016";
      e.name = e.offence_name = "张三";
      e.unit = "城投";
      e.offence_date = *ParseDate("2024-01-01");
      w.leads.push_back(e);
    }
    w.audit = MakeAuditEntry("tester", "run", {"run"});
    REQUIRE(store->WriteRun(&w).ok());
    Disposition d;
    d.lead_id = 1;
    d.status = LeadStatus::kTransferred;
    d.note = "移交核查";
    AuditEntry dispose = MakeAuditEntry("tester", "dispose", {"dispose", "1"});
    REQUIRE(store->Dispose({d}, "tester", &dispose).ok());
    AuditEntry read = MakeAuditEntry("tester", "leads", {"leads"});
    read.touched = "3 leads";
    REQUIRE(store->AppendAudit(&read).ok());
  }

  std::unique_ptr<Store> Open(StoreAccess access, const std::string& with_key) const {
    StoreOptions o;
    o.access = access;
    o.audit_key = with_key;
    auto store = Store::Open(db, o);
    INFO(store.error());
    REQUIRE(store.ok());
    return std::move(store.value());
  }
  std::unique_ptr<Store> Open(StoreAccess access) const { return Open(access, key); }

  // What `audit verify` says: empty when intact.
  std::string Verify(const std::string& expect = "") const { return VerifyWith(key, expect); }
  std::string VerifyWith(const std::string& with_key, const std::string& expect = "") const {
    auto check = Open(StoreAccess::kRead, with_key)->VerifyAudit(expect);
    REQUIRE(check.ok());
    return check->problem;
  }
  std::string Head() const { return Open(StoreAccess::kRead)->Head()->hash; }

  // Runs `sql` with the triggers out of the way, and puts them back after,
  // as someone covering their tracks would.
  void Tamper(const std::string& sql) const {
    auto raw = sql::Db::Open(db, false);
    REQUIRE(raw.ok());
    std::vector<std::pair<std::string, std::string>> triggers;
    {
      auto list = (*raw)->Prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'");
      REQUIRE(list.ok());
      while (list->Step()) triggers.emplace_back(list->Text(0), list->Text(1));
    }
    for (const auto& [name, _] : triggers) REQUIRE((*raw)->Exec("DROP TRIGGER " + name).ok());
    const Status s = (*raw)->Exec(sql);
    INFO(s.message());
    REQUIRE(s.ok());
    for (const auto& [_, create] : triggers) REQUIRE((*raw)->Exec(create).ok());
  }

  // Rewrites the entries from `from` on after `edit`, each hash recomputed
  // (with `with_key` when given): a re-chain.
  void Rechain(int64_t from, const std::function<void(AuditEntry*)>& edit,
               const std::string& with_key) const {
    auto log = Open(StoreAccess::kRead, key)->AuditLog();
    REQUIRE(log.ok());
    std::string prev = from > 1 ? (*log)[static_cast<size_t>(from - 2)].hash : "";
    Tamper(
        "CREATE TABLE rechained (id INTEGER, actor TEXT, keyed INTEGER, prev_hash TEXT, hash "
        "TEXT)");
    auto raw = sql::Db::Open(db, false);
    REQUIRE(raw.ok());
    auto ins = (*raw)->Prepare("INSERT INTO rechained VALUES (?1, ?2, ?3, ?4, ?5)");
    REQUIRE(ins.ok());
    for (AuditEntry e : *log) {
      if (e.id < from) continue;
      if (e.id == from) edit(&e);
      if (!prev.empty()) e.prev_hash = prev;
      e.keyed = !with_key.empty();
      e.hash = AuditHash(e, with_key);
      prev = e.hash;
      ins->Bind(1, e.id).Bind(2, e.actor).Bind(3, e.keyed ? 1 : 0).Bind(4, e.prev_hash);
      ins->Bind(5, e.hash);
      REQUIRE(ins->Run().ok());
    }
    Tamper(
        "UPDATE audit_log SET actor = r.actor, keyed = r.keyed, prev_hash = r.prev_hash, "
        "hash = r.hash FROM rechained r WHERE r.id = audit_log.id; DROP TABLE rechained");
  }
};

TEST_CASE("audit verify passes an untouched trail and counts what it checked", "[audit]") {
  Trail t;
  auto check = t.Open(StoreAccess::kRead)->VerifyAudit();
  REQUIRE(check.ok());
  CHECK(check->problem.empty());
  CHECK(check->entries == 3);
  CHECK(check->leads == 3);
  CHECK(check->events == 4);
  CHECK(check->head == t.Head());
}

// A run hashes each new lead's first event over the lead as it wrote it, not
// as it reads it back: the two must agree for every value a lead can hold.
TEST_CASE("audit verify passes new leads of every shape a run writes", "[audit]") {
  testing::TempDir dir;
  auto store = Store::Open(dir / "q.db", true);
  REQUIRE(store.ok());
  RunWrite w;
  w.run.started_at = w.run.finished_at = "2025-01-01T00:00:00Z";
  w.run.as_of = "2024-12-31";
  w.run.models = {"soe_vice", "allowance"};
  w.run.actor = "tester";
  LeadEvidence plain;
  plain.key = "plain";
  plain.model = plain.type = "soe_vice";
  plain.id_number = "430102198001019016";
  plain.name = plain.offence_name = "张三";
  plain.unit = "城投";
  plain.hire_date = Date::FromYmd(999, 3, 1);  // a year of three digits
  plain.offence_date = Date::FromYmd(2024, 1, 1);
  plain.bac = 853;
  w.leads.push_back(plain);
  LeadEvidence other = plain;
  other.key = "other";
  other.bac = -7;  // any BAC below zero is none, NULL in the store
  other.model = other.type = "allowance";
  other.event_kind = "allowances";
  other.event_end = Date::FromYmd(9999, 12, 31);
  other.overlap_first = Date::FromYmd(2020, 2, 29);
  other.overlap_last = Date::FromYmd(2021, 1, 31);
  other.overlap_days = 338;
  other.amount_fen = 120000;
  // A cell that is not UTF-8, which the record's JSON column replaces.
  other.record = {{"批次", "第\xff批"}, {"备注", ""}};
  other.postings = {{"城投", "财务部", "会计", Date::FromYmd(2015, 1, 1), Date(), "a.csv", 7},
                    {"水务\xfe", "", "", Date(), Date(), "b.csv", 9}};
  w.leads.push_back(other);
  REQUIRE((*store)->WriteRun(&w).ok());
  const Result<AuditCheck> check = (*store)->VerifyAudit();
  REQUIRE(check.ok());
  CHECK(check->problem.empty());
  CHECK(check->leads == 2);
  CHECK(check->events == 2);
  // The next night finds both again, changed: each change event is hashed
  // over the lead as it is stored, a BAC below zero as none.
  RunWrite again = w;
  again.run = RunRecord{};
  again.audit = AuditEntry{};
  again.run.started_at = again.run.finished_at = "2025-01-02T00:00:00Z";
  again.run.as_of = "2025-01-01";
  again.run.models = w.run.models;
  again.run.actor = "tester";
  again.leads[0].bac = -9;
  again.leads[1].record[1].second = "补发";
  REQUIRE((*store)->WriteRun(&again).ok());
  CHECK(again.run.leads_seen == 2);
  CHECK(again.run.leads_changed == 2);
  const Result<AuditCheck> after = (*store)->VerifyAudit();
  REQUIRE(after.ok());
  CHECK(after->problem.empty());
  CHECK(after->events == 4);
  // A BAC of none spelt otherwise is no change, nor is text that is not
  // UTF-8 and reads back replaced.
  again.run.id = 0;
  again.run.started_at = again.run.finished_at = "2025-01-03T00:00:00Z";
  again.audit = AuditEntry{};
  again.leads[0].bac = -1;
  REQUIRE((*store)->WriteRun(&again).ok());
  CHECK(again.run.leads_seen == 2);
  CHECK(again.run.leads_changed == 0);
}

TEST_CASE("audit verify finds an edited entry", "[audit]") {
  Trail t;
  t.Tamper("UPDATE audit_log SET actor = 'someone' WHERE id = 2");
  CHECK(t.Verify() == "entry 2 was altered: its hash does not match");
}

TEST_CASE("audit verify finds the last entries deleted", "[audit]") {
  Trail t;
  const std::string head = t.Head();
  t.Tamper("DELETE FROM audit_log WHERE id >= 2");
  CHECK(t.Verify().starts_with("the entries after entry 1 (up to 3) were deleted"));
  // Covering the tracks in SQLite's own counter too leaves the outside anchor.
  Trail u;
  const std::string anchored = u.Head();
  u.Tamper("DELETE FROM audit_log WHERE id = 3; UPDATE sqlite_sequence SET seq = 2");
  CHECK(u.Verify().empty());
  CHECK(u.Verify(anchored) == "the trail does not reach the expected head " + anchored +
                                  ": entries were deleted or the trail was re-chained");
  CHECK(t.Verify(head).starts_with("the entries after entry 1 (up to 3) were deleted"));
}

TEST_CASE("audit verify finds every entry deleted", "[audit]") {
  Trail t;
  t.Tamper("DELETE FROM audit_log");
  CHECK(t.Verify() == "all 3 entries were deleted (and 4 more problems)");
  Trail u;
  u.Tamper("DELETE FROM audit_log; DELETE FROM sqlite_sequence");
  CHECK(u.Verify() ==
        "event 1 was added outside qinglian: no audit entry vouches for it (and 3 more problems)");
}

TEST_CASE("audit verify finds a re-chain after an edit", "[audit]") {
  const auto someone = [](AuditEntry* e) { e->actor = "someone"; };
  // Without a key anyone can re-chain: only the outside anchor tells.
  Trail plain;
  const std::string head = plain.Head();
  plain.Rechain(2, someone, "");
  CHECK(plain.Verify().empty());
  CHECK(plain.Verify(head).starts_with("the trail does not reach the expected head " + head));
  // With a key, a re-chain without it is found, anchor or not.
  Trail keyed("secret");
  keyed.Rechain(2, someone, "");
  CHECK(keyed.Verify() ==
        "entry 2 is not keyed but entry 1 before it is: the trail was re-chained without the key "
        "(and 2 more problems)");
  Trail guessed("secret");
  guessed.Rechain(2, someone, "guess");
  CHECK(guessed.Verify() ==
        "entry 2 was altered: its hash does not match (or QINGLIAN_AUDIT_KEY is not the key it "
        "was written with) (and 1 more problem)");
  Trail whole("secret");
  whole.Rechain(1, someone, "");
  CHECK(whole.Verify() ==
        "QINGLIAN_AUDIT_KEY is set but the trail is not keyed: its last entries were written, or "
        "re-chained, without the key");
}

TEST_CASE("A keyed trail says so without the key, and refuses writers without it", "[audit]") {
  Trail t("secret");
  auto check = t.Open(StoreAccess::kRead, "")->VerifyAudit();
  REQUIRE(check.ok());
  CHECK(check->needs_key);
  CHECK(check->problem ==
        "the audit trail is keyed from entry 1: set QINGLIAN_AUDIT_KEY to verify it");
  CHECK(t.Verify().empty());
  AuditEntry e = MakeAuditEntry("tester", "leads", {"leads"});
  CHECK(t.Open(StoreAccess::kRead, "")->AppendAudit(&e).message() ==
        t.db + ": the audit trail is keyed: set QINGLIAN_AUDIT_KEY to write to it");
  CHECK(t.Open(StoreAccess::kRead, "other")->AppendAudit(&e).message() ==
        t.db +
            ": QINGLIAN_AUDIT_KEY is not the key this audit trail was written with (or its last "
            "entry was altered)");
  CHECK(t.Open(StoreAccess::kRead, "secret")->AppendAudit(&e).ok());
  CHECK(t.Verify().empty());
}

TEST_CASE("audit verify finds a dropped or changed trigger", "[audit]") {
  Trail t;
  auto raw = sql::Db::Open(t.db, false);
  REQUIRE(raw.ok());
  REQUIRE((*raw)->Exec("DROP TRIGGER lead_events_no_delete").ok());
  CHECK(t.Verify() == "trigger lead_events_no_delete is missing: the tables can be edited");
  REQUIRE((*raw)
              ->Exec("CREATE TRIGGER lead_events_no_delete BEFORE DELETE ON lead_events "
                     "WHEN 0 BEGIN SELECT 1; END")
              .ok());
  CHECK(t.Verify() == "trigger lead_events_no_delete was changed");
}

TEST_CASE("The triggers refuse changes to the trail, the events and a lead's evidence", "[audit]") {
  Trail t;
  auto raw = sql::Db::Open(t.db, false);
  REQUIRE(raw.ok());
  CHECK((*raw)->Exec("DELETE FROM lead_events WHERE id = 4").message() ==
        t.db + ": lead events are append-only");
  CHECK((*raw)->Exec("UPDATE audit_log SET actor = 'x'").message() ==
        t.db + ": the audit trail is append-only");
  CHECK((*raw)->Exec("DELETE FROM leads WHERE id = 3").message() ==
        t.db + ": leads are never deleted");
  CHECK((*raw)->Exec("UPDATE leads SET name = '李四' WHERE id = 2").message() ==
        t.db + ": a lead's evidence changes only with a run's change event");
  CHECK((*raw)->Exec("UPDATE leads SET lead_key = 'k9' WHERE id = 2").message() ==
        t.db + ": a lead's key and origin do not change");
}

TEST_CASE("audit verify finds a lead changed outside qinglian", "[audit]") {
  Trail t;
  // Outcomes are the workflow's to change, so no trigger stops this one.
  auto raw = sql::Db::Open(t.db, false);
  REQUIRE(raw.ok());
  REQUIRE((*raw)->Exec("UPDATE leads SET outcome = 'warning' WHERE id = 1").ok());
  CHECK(t.Verify() == "lead 1: its outcome does not match its history");
  Trail u;
  u.Tamper("UPDATE leads SET name = '李四' WHERE id = 2");
  CHECK(u.Verify() == "lead 2: its evidence does not match its history");
  Trail v;
  v.Tamper(
      "INSERT INTO leads (lead_key, model, type, id_number, name, offence_name, name_matches, "
      "unit, department, position, category, hire_date, leave_date, employee_file, employee_line, "
      "label, offence_date, place, penalty, case_no, authority, offence_file, offence_line, "
      "first_run, last_run, created_at) SELECT 'k9', model, type, id_number, name, offence_name, "
      "name_matches, unit, department, position, category, hire_date, leave_date, employee_file, "
      "employee_line, label, offence_date, place, penalty, case_no, authority, offence_file, "
      "offence_line, first_run, last_run, created_at FROM leads WHERE id = 3");
  CHECK(v.Verify() == "lead 4 has no history: it was added outside qinglian");
  Trail w;
  w.Tamper("DELETE FROM leads WHERE id = 3");
  CHECK(w.Verify() == "lead 3 was deleted: event 3 is about it");
}

TEST_CASE("audit verify finds a lead event deleted, altered or inserted", "[audit]") {
  Trail t;
  t.Tamper("DELETE FROM lead_events WHERE id = 2");
  CHECK(t.Verify().starts_with("event 2 is missing: it was deleted (and "));
  Trail last;
  last.Tamper("DELETE FROM lead_events WHERE id = 4");
  CHECK(last.Verify() ==
        "event 4 is missing: it was deleted (audit entry 2 vouches for it) (and 1 more problem)");
  Trail altered;
  altered.Tamper("UPDATE lead_events SET note = '' WHERE id = 4");
  // Entries 2 and 3 vouch for the event as it was.
  CHECK(altered.Verify() == "event 4 was altered (and 2 more problems)");
  Trail fake;
  fake.Tamper(
      "INSERT INTO lead_events (id, lead_id, at, actor, from_status, to_status, outcome, "
      "lead_hash, hash) VALUES (5, 2, '2025-01-02T00:00:00Z', 'someone', 'new', 'closed', "
      "'unfounded', '', '')");
  CHECK(fake.Verify() ==
        "event 5 was added outside qinglian: no audit entry vouches for it (and 1 more problem)");
}

TEST_CASE("Schema 5 chains the events of an older store and vouches for them", "[audit]") {
  testing::TempDir dir;
  const std::string db = dir / "old.db";
  {
    auto old = Store::Open(db, true, 4);
    REQUIRE(old.ok());
    auto raw = sql::Db::Open(db, false);
    REQUIRE(raw.ok());
    REQUIRE((*raw)
                ->Exec("INSERT INTO runs (id, started_at, finished_at, status, as_of, models, "
                       "actor) VALUES (1, 't', 't', 'ok', '2024-12-31', 'soe_vice', 'a');"
                       "INSERT INTO leads (lead_key, model, type, status, id_number, name, "
                       "offence_name, name_matches, unit, department, position, category, "
                       "hire_date, leave_date, employee_file, employee_line, label, offence_date, "
                       "place, penalty, case_no, authority, offence_file, offence_line, "
                       "first_run, last_run, created_at) VALUES ('k', 'soe_vice', 'drugs', "
                       "'transferred', '430102198001019016', '张三', '张三', 1, '城投', '', '', "
                       "'', '2010-01-01', '', 'e.csv', 2, '吸毒', '2023-01-01', '', '', 'c1', '', "
                       "'o.csv', 3, 1, 1, 't');"
                       "INSERT INTO lead_events (lead_id, at, actor, run_id, from_status, "
                       "to_status) VALUES (1, 't', 'a', 1, '', 'new'), "
                       "(1, 't2', 'a', NULL, 'new', 'transferred')")
                .ok());
    // An entry as a schema 4 program wrote it.
    AuditEntry e;
    e.id = 1;
    e.at = "t";
    e.actor = "a";
    e.command = "run";
    e.args = "[]";
    e.touched = "run 1";
    e.prev_hash = std::string(64, '0');
    e.format = 1;
    e.hash = AuditHash(e);
    auto ins = (*raw)->Prepare(
        "INSERT INTO audit_log (id, at, actor, command, args, touched, prev_hash, hash) VALUES "
        "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    REQUIRE(ins.ok());
    ins->Bind(1, e.id).Bind(2, e.at).Bind(3, e.actor).Bind(4, e.command).Bind(5, e.args);
    ins->Bind(6, e.touched).Bind(7, e.prev_hash).Bind(8, e.hash);
    REQUIRE(ins->Run().ok());
  }
  {
    auto store = Store::Open(db, false, 5);
    REQUIRE(store.ok());
    CHECK((*store)->schema_version() == 5);
    auto log = (*store)->AuditLog();
    REQUIRE(log.ok());
    REQUIRE(log->size() == 2);
    CHECK((*log)[1].command == "migrate");
    CHECK((*log)[1].touched == "schema 4 to 5: 2 lead events chained");
    auto check = (*store)->VerifyAudit();
    REQUIRE(check.ok());
    CHECK(check->problem.empty());
    CHECK(check->events == 2);
  }
  auto raw = sql::Db::Open(db, false);
  REQUIRE(raw.ok());
  REQUIRE((*raw)->Exec("UPDATE leads SET status = 'closed' WHERE id = 1").ok());
  CHECK((*Store::Open(db, false))->VerifyAudit()->problem ==
        "lead 1: its status does not match its history");
}

}  // namespace
}  // namespace qinglian
