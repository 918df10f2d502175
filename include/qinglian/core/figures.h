// The figures a report is made of, all counted in the store: coverage of a
// run, and the leads with what became of them, per unit, per type and in all.
#ifndef QINGLIAN_CORE_FIGURES_H_
#define QINGLIAN_CORE_FIGURES_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

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
  std::vector<std::pair<Outcome, uint64_t>> outcomes;  // closed leads per outcome, heaviest first
  std::vector<std::pair<RejectReason, uint64_t>> employee_rejects,
      offence_rejects;       // rows per reason, most first
  int64_t leads_in_run = 0;  // leads the reported run found
};

}  // namespace qinglian

#endif  // QINGLIAN_CORE_FIGURES_H_
