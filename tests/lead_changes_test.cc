// A lead found again with corrected evidence, a lead whose record a snapshot
// run does not find, and the audit trail over both.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "qinglian/base/text.h"
#include "qinglian/store/store.h"
#include "store/sqlite.h"
#include "test_util.h"

namespace qinglian {
namespace {

LeadEvidence Drink(const std::string& key, BacTenths bac) {
  LeadEvidence e;
  e.key = key;
  e.model = "soe_drink_driving";
  e.type = bac >= 800 ? "drunk_driving" : "drink_driving";
  e.id_number = "430102198001019016";
  e.name = e.offence_name = "张三";
  e.unit = "城投";
  e.offence_date = *ParseDate("2024-03-05");
  e.case_no = "case-" + key;
  e.bac = bac;
  e.place = "迎丰路";
  e.employee_file = "hr.csv";
  e.employee_line = 2;
  e.offence_file = "offences_0105.csv";
  e.offence_line = 3;
  return e;
}

LeadEvidence Vice(const std::string& key) {
  LeadEvidence e = Drink(key, kNoBac);
  e.model = "soe_vice";
  e.type = "gambling";
  return e;
}

RunWrite Night(int day, std::vector<LeadEvidence> leads, std::vector<std::string> models) {
  RunWrite w;
  w.run.started_at = w.run.finished_at = "2025-01-0" + std::to_string(day) + "T20:00:00Z";
  w.run.as_of = "2025-01-0" + std::to_string(day);
  w.run.models = std::move(models);
  w.run.actor = "nightly";
  w.leads = std::move(leads);
  return w;
}

std::string Render(const std::vector<FieldChange>& changes) {
  std::vector<std::string> out;
  for (const FieldChange& c : changes) out.push_back(c.field + " " + c.before + "->" + c.after);
  return Join(out, "; ");
}

std::string Keys(Store& store, const LeadQuery& q) {
  auto leads = store.Leads(q);
  REQUIRE(leads.ok());
  std::vector<std::string> keys;
  for (const StoredLead& l : *leads) keys.push_back(l.evidence.key);
  return Join(keys, " ");
}

std::string Verify(Store& store) {
  auto check = store.VerifyAudit();
  REQUIRE(check.ok());
  return check->problem;
}

TEST_CASE("EvidenceChanges lists content changes, and sources only with them", "[store][changes]") {
  const LeadEvidence a = Drink("k1", 753);
  LeadEvidence moved = a;
  moved.offence_file = "offences_0106.csv";
  moved.offence_line = 9;
  CHECK(EvidenceChanges(a, moved).empty());
  LeadEvidence b = moved;
  b.bac = 921;
  b.type = "drunk_driving";
  b.record = {{"vehicle", "湘N12345"}};
  CHECK(Render(EvidenceChanges(a, b)) ==
        "bac 75.3->92.1; type drink_driving->drunk_driving; record.vehicle ->湘N12345; "
        "offence_source offences_0105.csv:3->offences_0106.csv:9");
}

TEST_CASE("A run that finds a lead's record corrected updates the lead with a change event",
          "[store][changes]") {
  testing::TempDir dir;
  auto store = Store::Open(dir / "q.db", true);
  REQUIRE(store.ok());
  Store& s = **store;
  RunWrite first = Night(5, {Drink("k1", 753), Drink("k2", 500)}, {"soe_drink_driving"});
  REQUIRE(s.WriteRun(&first).ok());
  LeadEvidence corrected = Drink("k1", 921);
  corrected.offence_file = "offences_0106.csv";
  RunWrite second = Night(6, {corrected, Drink("k2", 500)}, {"soe_drink_driving"});
  REQUIRE(s.WriteRun(&second).ok());
  CHECK(second.run.leads_new == 0);
  CHECK(second.run.leads_seen == 2);
  CHECK(second.run.leads_changed == 1);

  auto lead = s.Lead(1);
  REQUIRE(lead.ok());
  CHECK(lead->evidence.bac == 921);
  CHECK(lead->evidence.type == "drunk_driving");
  CHECK(lead->evidence.offence_file == "offences_0106.csv");
  CHECK(lead->first_run == 1);
  CHECK(lead->last_run == 2);
  auto events = s.Events(1);
  REQUIRE(events.ok());
  REQUIRE(events->size() == 2);
  const LeadEvent& ev = (*events)[1];
  CHECK(ev.run == 2);
  CHECK(ev.actor == "nightly");
  CHECK(ev.to_status == LeadStatus::kNew);
  CHECK(Render(ev.changes) ==
        "bac 75.3->92.1; type drink_driving->drunk_driving; "
        "offence_source offences_0105.csv:3->offences_0106.csv:3");
  CHECK(Verify(s).empty());

  auto counts = s.RunChanges(2);
  REQUIRE(counts.ok());
  CHECK(counts->new_leads == 0);
  CHECK(counts->seen == 2);
  CHECK(counts->changed == 1);
  CHECK(counts->missing == 0);
  CHECK(s.RunChanges(9).error() == "no run 9");
  auto in_run = s.ChangesInRun(0);
  REQUIRE(in_run.ok());
  REQUIRE(in_run->size() == 1);
  CHECK(in_run->begin()->first == 1);
  LeadQuery changed;
  changed.changed = true;
  CHECK(Keys(s, changed) == "k1");
  changed.run = 1;
  CHECK(Keys(s, changed).empty());

  // The same night again changes nothing, and a disposition still verifies.
  RunWrite third = Night(7, {corrected, Drink("k2", 500)}, {"soe_drink_driving"});
  REQUIRE(s.WriteRun(&third).ok());
  CHECK(third.run.leads_changed == 0);
  CHECK(s.Events(1)->size() == 2);
  Disposition d;
  d.lead_id = 1;
  d.status = LeadStatus::kTransferred;
  REQUIRE(s.Dispose({d}, "auditor", nullptr).ok());
  CHECK(Verify(s).empty());
}

TEST_CASE("audit verify finds a hand edit of evidence that no change event records",
          "[store][changes][audit]") {
  testing::TempDir dir;
  const std::string db = dir / "q.db";
  {
    auto store = Store::Open(db, true);
    REQUIRE(store.ok());
    RunWrite first = Night(5, {Drink("k1", 753), Drink("k2", 500)}, {"soe_drink_driving"});
    REQUIRE((*store)->WriteRun(&first).ok());
    RunWrite second = Night(6, {Drink("k1", 921), Drink("k2", 500)}, {"soe_drink_driving"});
    REQUIRE((*store)->WriteRun(&second).ok());
  }
  auto raw = sql::Db::Open(db, false);
  REQUIRE(raw.ok());
  // Lead 2's newest event is no change of the run that saw it last: refused.
  CHECK((*raw)->Exec("UPDATE leads SET bac_tenths = 900 WHERE id = 2").message() ==
        db + ": a lead's evidence changes only with a run's change event");
  // Lead 1's change event is the newest, so the trigger lets this through;
  // the lead then no longer matches the hash its change event recorded.
  REQUIRE((*raw)->Exec("UPDATE leads SET bac_tenths = 500 WHERE id = 1").ok());
  auto store = Store::Open(db, false);
  REQUIRE(store.ok());
  CHECK(Verify(**store) == "lead 1: its evidence does not match its history");
}

TEST_CASE("A snapshot run marks the leads whose record is absent missing, until found again",
          "[store][changes]") {
  testing::TempDir dir;
  auto store = Store::Open(dir / "q.db", true);
  REQUIRE(store.ok());
  Store& s = **store;
  const std::vector<std::string> both = {"soe_drink_driving", "soe_vice"};
  RunWrite first =
      Night(5, {Drink("k1", 753), Drink("k2", 900), Drink("k3", 300), Vice("v1")}, both);
  REQUIRE(s.WriteRun(&first).ok());
  // Without --snapshot absence means nothing.
  RunWrite plain = Night(6, {Drink("k1", 753)}, both);
  REQUIRE(s.WriteRun(&plain).ok());
  CHECK(plain.run.leads_missing == 0);
  // k2 is gone; k3's record is there but no longer a lead (outside the
  // look-back, say); v1's model did not run.
  RunWrite snapshot = Night(7, {Drink("k1", 753)}, {"soe_drink_driving"});
  snapshot.run.snapshot = true;
  snapshot.present_keys = {"k1", "k3"};
  REQUIRE(s.WriteRun(&snapshot).ok());
  CHECK(snapshot.run.leads_missing == 1);
  CHECK(snapshot.run.leads_changed == 0);
  LeadQuery missing;
  missing.missing = true;
  CHECK(Keys(s, missing) == "k2");
  auto k2 = s.Lead(2);
  REQUIRE(k2.ok());
  CHECK(k2->missing_run == 3);
  CHECK(k2->last_run == 1);
  CHECK(Render(s.Events(2)->back().changes) == "not_seen_since_run ->1");
  CHECK(s.RunChanges(3)->missing == 1);
  CHECK(s.Runs()->back().snapshot);
  CHECK(Verify(s).empty());

  // Another snapshot without it: still missing, no second event.
  RunWrite again = Night(8, {Drink("k1", 753)}, {"soe_drink_driving"});
  again.run.snapshot = true;
  again.present_keys = {"k1", "k3"};
  REQUIRE(s.WriteRun(&again).ok());
  CHECK(again.run.leads_missing == 0);
  CHECK(s.Events(2)->size() == 2);

  // Found again, with a corrected BAC: one event says both.
  RunWrite back = Night(9, {Drink("k1", 753), Drink("k2", 950)}, {"soe_drink_driving"});
  REQUIRE(s.WriteRun(&back).ok());
  CHECK(back.run.leads_changed == 1);
  CHECK(Keys(s, missing).empty());
  CHECK(s.Lead(2)->missing_run == 0);
  CHECK(Render(s.Events(2)->back().changes) == "bac 90->95; not_seen_since_run 1->");
  CHECK(Verify(s).empty());
}

TEST_CASE("A schema 7 store migrates: its trigger is replaced and its trail still verifies",
          "[store][changes]") {
  testing::TempDir dir;
  const std::string db = dir / "old.db";
  {
    auto old = Store::Open(db, true, 4);
    REQUIRE(old.ok());
    auto raw = sql::Db::Open(db, false);
    REQUIRE(raw.ok());
    REQUIRE((*raw)
                ->Exec("INSERT INTO runs (id, started_at, finished_at, status, as_of, models, "
                       "actor, offence_rows, offence_rejected) VALUES (1, 't', 't', 'ok', "
                       "'2024-12-31', 'soe_drink_driving', 'a', 10, 2);"
                       "INSERT INTO sources (run_id, kind, path, size, sha256, encoding, rows, "
                       "accepted, rejected, duplicates, rejects_by_reason) VALUES (1, "
                       "'offences', 'o.csv', 1, '', 'utf-8', 10, 5, 2, 1, '{}');"
                       "INSERT INTO leads (lead_key, model, type, id_number, name, "
                       "offence_name, name_matches, unit, department, position, category, "
                       "hire_date, leave_date, employee_file, employee_line, label, offence_date, "
                       "bac_tenths, place, penalty, case_no, authority, offence_file, "
                       "offence_line, first_run, last_run, created_at) VALUES ('k1', "
                       "'soe_drink_driving', 'drink_driving', '430102198001019016', '张三', "
                       "'张三', 1, '城投', '', '', '', '2010-01-01', '', 'hr.csv', 2, '酒驾', "
                       "'2024-03-05', 753, '', '', 'case-k1', '', 'o.csv', 3, 1, 1, 't');"
                       "INSERT INTO lead_events (lead_id, at, actor, run_id, from_status, "
                       "to_status) VALUES (1, 't', 'a', 1, '', 'new')")
                .ok());
  }
  {
    // Schema 7 as its program left it, with the trigger of that time.
    auto seven = Store::Open(db, false, 7);
    REQUIRE(seven.ok());
    auto raw = sql::Db::Open(db, false);
    REQUIRE(raw.ok());
    REQUIRE((*raw)
                ->Exec("DROP TRIGGER leads_evidence_fixed; DROP TRIGGER leads_key_fixed; "
                       "CREATE TRIGGER leads_evidence_fixed BEFORE UPDATE OF id, lead_key, model, "
                       "type, id_number, name, offence_name, name_matches, unit, department, "
                       "position, category, hire_date, leave_date, employee_file, employee_line, "
                       "label, offence_date, bac_tenths, place, penalty, case_no, authority, "
                       "offence_file, offence_line, first_run, created_at ON leads BEGIN SELECT "
                       "RAISE(ABORT, 'a lead''s evidence does not change'); END")
                .ok());
  }
  auto store = Store::Open(db, false);
  REQUIRE(store.ok());
  Store& s = **store;
  CHECK(s.schema_version() == kSchemaVersion);
  CHECK(Verify(s).empty());
  CHECK(s.Runs()->front().offence_accepted == 7);  // 10 rows, 2 rejected, 1 duplicate
  LeadEvidence corrected = Drink("k1", 921);
  corrected.hire_date = *ParseDate("2010-01-01");
  corrected.label = "酒驾";
  corrected.offence_file = "o.csv";
  corrected.place = "";
  RunWrite w = Night(6, {corrected}, {"soe_drink_driving"});
  REQUIRE(s.WriteRun(&w).ok());
  CHECK(w.run.leads_changed == 1);
  CHECK(Render(s.Events(1)->back().changes) == "bac 75.3->92.1; type drink_driving->drunk_driving");
  CHECK(Verify(s).empty());
}

}  // namespace
}  // namespace qinglian
