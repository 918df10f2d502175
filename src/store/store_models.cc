// run_models (schema 8): per run, what each model compared and found, or why
// it did not run. The leads each model found new or saw again are counted
// from the leads the run wrote, in its transaction.
#include <map>

#include "qinglian/store/store.h"
#include "store/sqlite.h"
#include "store/store_rows.h"

namespace qinglian {
namespace {

Status CountLeads(sql::Db& db, RunRecord* run) {
  Result<sql::Stmt> s = db.Prepare(
      "SELECT model, sum(first_run = ?1), sum(first_run <> ?1) FROM leads WHERE last_run = ?1 "
      "GROUP BY model");
  if (!s.ok()) return s.status();
  s->Bind(1, run->id);
  while (s->Step()) {
    const std::string model = s->Text(0);
    for (ModelRun& m : run->model_runs) {
      if (m.model != model) continue;
      m.leads_new = static_cast<uint64_t>(s->Int(1));
      m.leads_seen = static_cast<uint64_t>(s->Int(2));
    }
  }
  return s->status();
}

}  // namespace

Status WriteModelRuns(sql::Db& db, RunRecord* run, bool count_leads) {
  if (run->model_runs.empty()) return Status::Ok();
  if (count_leads)
    if (Status s = CountLeads(db, run); !s.ok()) return s;
  Result<sql::Stmt> insert = db.Prepare(
      "INSERT INTO run_models (run_id, position, model, title_zh, title_en, events_kind, records, "
      "candidates, leads_new, leads_seen, amounts, skipped) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
  if (!insert.ok()) return insert.status();
  for (size_t i = 0; i < run->model_runs.size(); ++i) {
    const ModelRun& m = run->model_runs[i];
    insert->Bind(1, run->id).Bind(2, static_cast<int64_t>(i)).Bind(3, m.model);
    insert->Bind(4, m.title_zh).Bind(5, m.title_en).Bind(6, m.events_kind);
    insert->Bind(7, static_cast<int64_t>(m.records)).Bind(8, static_cast<int64_t>(m.candidates));
    insert->Bind(9, static_cast<int64_t>(m.leads_new)).Bind(10, static_cast<int64_t>(m.leads_seen));
    insert->Bind(11, m.amounts ? 1 : 0).Bind(12, m.skipped);
    if (Status s = insert->Run(); !s.ok()) return s;
  }
  return Status::Ok();
}

Status ReadModelRuns(sql::Db& db, std::vector<RunRecord>* runs) {
  std::map<int64_t, RunRecord*> by_id;
  for (RunRecord& r : *runs) by_id[r.id] = &r;
  Result<sql::Stmt> s = db.Prepare(
      "SELECT run_id, model, title_zh, title_en, events_kind, records, candidates, leads_new, "
      "leads_seen, amounts, skipped FROM run_models ORDER BY run_id, position");
  if (!s.ok()) return s.status();
  while (s->Step()) {
    const auto run = by_id.find(s->Int(0));
    if (run == by_id.end()) continue;
    ModelRun m;
    m.model = s->Text(1);
    m.title_zh = s->Text(2);
    m.title_en = s->Text(3);
    m.events_kind = s->Text(4);
    m.records = static_cast<uint64_t>(s->Int(5));
    m.candidates = static_cast<uint64_t>(s->Int(6));
    m.leads_new = static_cast<uint64_t>(s->Int(7));
    m.leads_seen = static_cast<uint64_t>(s->Int(8));
    m.amounts = s->Int(9) != 0;
    m.skipped = s->Text(10);
    run->second->model_runs.push_back(std::move(m));
  }
  return s->status();
}

}  // namespace qinglian
