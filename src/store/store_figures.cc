// The report's figures, counted in the store. The workflow module decides
// what counts as handled and as a sanction, so that SQL and reports agree.
#include <algorithm>
#include <map>
#include <set>

#include "qinglian/store/store.h"
#include "store/sqlite.h"
#include "store/store_rows.h"

namespace qinglian {
namespace {

// Adds `n` leads of one status and outcome to a report row. A sanction
// counts as a case filed: it follows one, though a store from before the
// rule may lack the mark.
void Tally(ReportFigures::Row* row, LeadStatus status, const OutcomeSet& outcomes, uint64_t n,
           uint64_t cases, int64_t fen) {
  const bool closed = status == LeadStatus::kClosed;
  row->found += n;
  row->cases += closed && outcomes.HasSanction() ? n : cases;
  row->recovered_fen += fen;
  if (status == LeadStatus::kNew) return;
  row->transferred += n;  // a closed lead went through verification too
  if (!closed) return;
  row->closed += n;
  if (outcomes.NotBorneOut()) row->unfounded += n;
  if (!outcomes.empty() && !outcomes.NotBorneOut()) row->handled += n;
  if (outcomes.HasSanction()) row->sanctioned += n;
}

// The funnel and the outcomes, person by person, of the leads in `scope`
// (a run, or 0 for all).
Status CountFunnel(sql::Db& db, int64_t scope, ReportFigures* f) {
  Result<sql::Stmt> s = db.Prepare(
      "SELECT id_number, status, outcome, case_filed FROM leads "
      "WHERE ?1 = 0 OR id IN (SELECT lead_id FROM lead_runs WHERE run_id = ?1)");
  if (!s.ok()) return s.status();
  s->Bind(1, scope);
  ReportFigures::Funnel& fun = f->funnel;
  fun.hits = f->run.hits;
  std::set<std::string> cases, sanctioned, double_expulsion;
  std::map<Outcome, std::set<std::string>> by_outcome;
  while (s->Step()) {
    const std::string person = s->Text(0);
    const LeadStatus status = StatusOf(s->Text(1));
    const bool closed = status == LeadStatus::kClosed;
    const OutcomeSet outcomes = closed ? OutcomesOf(s->Text(2)) : OutcomeSet();
    ++fun.leads;
    if (status != LeadStatus::kNew) ++fun.transferred;
    if (status != LeadStatus::kNew && (s->Int(3) != 0 || outcomes.HasSanction()))
      cases.insert(person);
    if (outcomes.HasSanction()) {
      sanctioned.insert(person);
      ++fun.person_times;
    } else if (!outcomes.empty() && !outcomes.NotBorneOut()) {
      ++fun.handled;
      ++fun.person_times;
    }
    // As the article counts: a person expelled from the Party and dismissed
    // is one 双开, not also one 开除党籍 and one 开除.
    const bool both = outcomes.DoubleExpulsion();
    if (both) double_expulsion.insert(person);
    for (Outcome o : outcomes.list())
      if (!both || (o != Outcome::kPartyExpulsion && o != Outcome::kGovDismissal))
        by_outcome[o].insert(person);
  }
  if (!s->status().ok()) return s->status();
  fun.cases_filed = cases.size();
  fun.sanctioned = sanctioned.size();
  for (const auto& [o, persons] : by_outcome) f->outcomes.emplace_back(o, persons.size());
  f->double_expulsion = double_expulsion.size();
  return Status::Ok();
}

std::vector<std::pair<RejectReason, uint64_t>> SumReasons(const std::vector<SourceRecord>& sources,
                                                          const std::string& kind) {
  std::map<RejectReason, uint64_t> sums;
  for (const SourceRecord& s : sources) {
    if (s.kind != kind) continue;
    for (const auto& [reason, n] : s.rejects_by_reason) sums[reason] += n;
  }
  std::vector<std::pair<RejectReason, uint64_t>> out(sums.begin(), sums.end());
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  return out;
}

// The models the run ran, in its order, with their leads; then those it
// skipped; then the models that have leads but are not among the run's, by
// name.
std::vector<ReportFigures::ModelRow> ByModel(const RunRecord& run,
                                             std::map<std::string, ReportFigures::ModelRow> leads) {
  std::vector<ReportFigures::ModelRow> out;
  for (const ModelRun& m : run.model_runs) {
    ReportFigures::ModelRow row;
    if (const auto it = leads.find(m.model); it != leads.end()) {
      row = std::move(it->second);
      leads.erase(it);
    }
    row.run = m;
    row.in_run = true;
    row.leads.key = m.model;
    if (m.amounts) row.amount_fen = std::max<int64_t>(row.amount_fen, 0);
    out.push_back(std::move(row));
  }
  std::stable_partition(out.begin(), out.end(),
                        [](const ReportFigures::ModelRow& m) { return m.run.ran(); });
  for (auto& [name, row] : leads) {
    row.run.model = name;
    out.push_back(std::move(row));
  }
  return out;
}

// The persons the leads in `scope` (a run, or 0 for all) concern: distinct
// ID numbers, and those with two leads or more.
Status CountPersons(sql::Db& db, int64_t scope, ReportFigures* f) {
  Result<sql::Stmt> s = db.Prepare(
      "SELECT count(*), coalesce(sum(n >= 2), 0) FROM (SELECT count(*) AS n FROM leads "
      "WHERE ?1 = 0 OR id IN (SELECT lead_id FROM lead_runs WHERE run_id = ?1) "
      "GROUP BY id_number)");
  if (!s.ok()) return s.status();
  s->Bind(1, scope);
  if (s->Step()) {
    f->lead_persons = static_cast<uint64_t>(s->Int(0));
    f->repeat_persons = static_cast<uint64_t>(s->Int(1));
  }
  return s->status();
}

Status CountLeadsByMonth(sql::Db& db, int64_t scope, ReportFigures* f);

}  // namespace

Result<ReportFigures> Store::Figures(int64_t run_id) {
  ReportFigures f;
  // One snapshot for all the figures, even while a run commits.
  sql::Transaction snapshot(*db_);
  if (Status s = snapshot.BeginRead(); !s.ok()) return s;
  Result<std::vector<RunRecord>> runs = Runs();
  if (!runs.ok()) return runs.status();
  const RunRecord* chosen = nullptr;
  for (const RunRecord& r : *runs)
    if (r.status == RunStatus::kOk && (run_id == 0 || r.id == run_id)) chosen = &r;
  if (!chosen)
    return NotFound(run_id == 0 ? std::string("no successful run yet: run 'qinglian run' first")
                                : "no successful run " + std::to_string(run_id),
                    "runs");
  f.run = *chosen;
  f.run_only = run_id != 0;
  if (run_id == 0 && runs->back().status != RunStatus::kOk) f.latest_failed = runs->back();

  Result<sql::Stmt> cov =
      db_->Prepare("SELECT unit, records, persons FROM coverage WHERE run_id = ?1 ORDER BY unit");
  if (!cov.ok()) return cov.status();
  cov->Bind(1, f.run.id);
  while (cov->Step())
    f.coverage.push_back(
        {cov->Text(0), static_cast<uint64_t>(cov->Int(1)), static_cast<uint64_t>(cov->Int(2))});
  if (!cov->status().ok()) return cov->status();

  // One pass over the leads grouped finely; the workflow module decides what
  // counts as handled and as a sanction. A report of one run counts the
  // leads that run found or saw again.
  const int64_t scope = f.run_only ? f.run.id : 0;
  Result<sql::Stmt> groups = db_->Prepare(
      "SELECT unit, type, model, status, outcome, count(*), sum(case_filed), sum(recovered_fen), "
      "sum(max(amount_fen, 0)), max(amount_fen) FROM leads "
      "WHERE ?1 = 0 OR id IN (SELECT lead_id FROM lead_runs WHERE run_id = ?1) "
      "GROUP BY unit, type, model, status, outcome");
  if (!groups.ok()) return groups.status();
  groups->Bind(1, scope);
  std::map<std::string, ReportFigures::Row> units, types;
  std::map<std::string, ReportFigures::ModelRow> models;
  while (groups->Step()) {
    const std::string unit = groups->Text(0), type = groups->Text(1), model = groups->Text(2);
    const LeadStatus status = StatusOf(groups->Text(3));
    const OutcomeSet outcome = OutcomesOf(groups->Text(4));
    const auto n = static_cast<uint64_t>(groups->Int(5)),
               cases = static_cast<uint64_t>(groups->Int(6));
    const int64_t fen = groups->Int(7);
    for (auto [map, key] : {std::pair{&units, unit}, {&types, type}}) {
      ReportFigures::Row& row = (*map)[key];
      row.key = key;
      Tally(&row, status, outcome, n, cases, fen);
    }
    ReportFigures::ModelRow& m = models[model];
    m.leads.key = model;
    Tally(&m.leads, status, outcome, n, cases, fen);
    // amount_fen is -1 on a lead whose record carries no money.
    if (groups->Int(9) >= 0) m.amount_fen = std::max<int64_t>(m.amount_fen, 0) + groups->Int(8);
    Tally(&f.total, status, outcome, n, cases, fen);
  }
  if (!groups->status().ok()) return groups->status();
  f.by_model = ByModel(f.run, std::move(models));
  if (Status s = CountPersons(*db_, scope, &f); !s.ok()) return s;
  if (Status s = CountFunnel(*db_, scope, &f); !s.ok()) return s;
  const auto by_found = [](const ReportFigures::Row& a, const ReportFigures::Row& b) {
    return a.found != b.found ? a.found > b.found : a.key < b.key;
  };
  for (auto& [k, row] : units) f.by_unit.push_back(row);
  for (auto& [k, row] : types) f.by_type.push_back(row);
  std::sort(f.by_unit.begin(), f.by_unit.end(), by_found);
  std::sort(f.by_type.begin(), f.by_type.end(), by_found);
  f.employee_rejects = SumReasons(f.run.sources, "employees");
  f.offence_rejects = SumReasons(f.run.sources, "offences");
  Result<sql::Stmt> in_run = db_->Prepare("SELECT count(*) FROM lead_runs WHERE run_id = ?1");
  if (!in_run.ok()) return in_run.status();
  in_run->Bind(1, f.run.id);
  if (in_run->Step()) f.leads_in_run = in_run->Int(0);
  if (!in_run->status().ok()) return in_run->status();
  Result<std::vector<UnitExpectation>> expected = RunExpectations(f.run.id);
  if (!expected.ok()) return expected.status();
  f.expectations = std::move(*expected);
  if (Status s = CountLeadsByMonth(*db_, scope, &f); !s.ok()) return s;
  Result<ReviewFigures> review = ReviewFiguresOf(f.run.id);
  if (!review.ok()) return review.status();
  f.review = *review;
  return f;
}

namespace {

// The leads in `scope` (a run, or 0 for all) per month of their event, for
// the report's trend.
Status CountLeadsByMonth(sql::Db& db, int64_t scope, ReportFigures* f) {
  Result<sql::Stmt> s = db.Prepare(
      "SELECT substr(offence_date, 1, 7) AS month, count(*) FROM leads "
      "WHERE (?1 = 0 OR id IN (SELECT lead_id FROM lead_runs WHERE run_id = ?1)) "
      "AND offence_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*' GROUP BY month ORDER BY month");
  if (!s.ok()) return s.status();
  s->Bind(1, scope);
  while (s->Step()) f->leads_by_month.emplace_back(s->Text(0), static_cast<uint64_t>(s->Int(1)));
  return s->status();
}

}  // namespace

}  // namespace qinglian
