// The figures a report is made of, all counted in the store: coverage of a
// run, and the leads with what became of them, per unit, per type, per model
// and in all. The leads are all the store holds, or, for a report of one
// run, those that run found or saw again.
#ifndef QINGLIAN_CORE_FIGURES_H_
#define QINGLIAN_CORE_FIGURES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "qinglian/core/review.h"
#include "qinglian/core/run_record.h"
#include "qinglian/core/vocab.h"
#include "qinglian/core/workflow.h"

namespace qinglian {

struct ReportFigures {
  RunRecord run;  // the run whose coverage is reported
  std::vector<CoverageRecord> coverage;
  struct Row {
    std::string key;  // unit name or type code; empty for the total
    uint64_t found = 0, transferred = 0, closed = 0, unfounded = 0, handled = 0, sanctioned = 0,
             cases = 0;
    int64_t recovered_fen = 0;
  };
  std::vector<Row> by_unit, by_type;
  Row total;
  // One model: what the reported run did with it, and what became of its leads.
  struct ModelRow {
    ModelRun run;             // the run's figures for it; only `model` when it has none
    bool in_run = false;      // the run recorded the model (runs from schema 8 on)
    Row leads;                // key: the model's name
    int64_t amount_fen = -1;  // the money its leads involve; -1: its leads carry none
  };
  // The models the run ran, in its order; those it skipped; then any other
  // model with leads, by name.
  std::vector<ModelRow> by_model;
  uint64_t lead_persons = 0;    // distinct ID numbers among the leads
  uint64_t repeat_persons = 0;  // of them, with two leads or more
  bool run_only = false;        // the leads are only those of the reported run
  // The latest run, when it failed after the run reported (a report of the
  // latest successful run only).
  std::optional<RunRecord> latest_failed;
  // The funnel as a commission counts it, each stage within the one before:
  // hits and leads (条), leads ever transferred for verification (条),
  // persons with a case filed (人; a sanction counts as one, as it follows
  // one) and persons sanctioned (人, 党纪 or 政务). Beside it, closed leads
  // handled without a sanction, and 处理处分: closed leads handled or
  // sanctioned (人次).
  struct Funnel {
    uint64_t hits = 0, leads = 0, transferred = 0, cases_filed = 0, sanctioned = 0;
    uint64_t handled = 0, person_times = 0;
  } funnel;
  // Persons per outcome of a closed lead, in the vocabulary's order (tracks
  // in order, lightest first); persons expelled and dismissed on one lead (双开).
  std::vector<std::pair<Outcome, uint64_t>> outcomes;
  uint64_t double_expulsion = 0;
  std::vector<std::pair<RejectReason, uint64_t>> employee_rejects,
      offence_rejects;  // rows per reason, most first
  // The expected headcounts the reported run checked (units expect), with the
  // persons it found; empty when none are set.
  std::vector<UnitExpectation> expectations;
  int64_t leads_in_run = 0;  // leads the reported run found
  // Leads per month of their event ("2024-03"), oldest first; months with
  // none are left out.
  std::vector<std::pair<std::string, uint64_t>> leads_by_month;
  // The near matches of the reported run, and the leads matched by review.
  ReviewFigures review;
};

}  // namespace qinglian

#endif  // QINGLIAN_CORE_FIGURES_H_
