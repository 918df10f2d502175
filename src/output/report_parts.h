// The parts of the report that its text and its HTML page share
// (report.cc builds them; report_html.cc draws them).
#ifndef QINGLIAN_OUTPUT_REPORT_PARTS_H_
#define QINGLIAN_OUTPUT_REPORT_PARTS_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "qinglian/core/figures.h"
#include "qinglian/output/report.h"

namespace qinglian::report_parts {

using Rows = std::vector<std::vector<std::string>>;

// One stage of the funnel, labelled in the report's language.
struct FunnelStage {
  std::string label;
  std::string key;  // the stage's code, as in the JSON report
  uint64_t count = 0;
};

// The funnel's stages, first to last, as the text and JSON reports count them.
std::vector<FunnelStage> Funnel(const ReportFigures& f, Lang lang);
// The leads the reported run found new and saw again, per model: a header
// row, then one row per model and a total.
Rows ThisRun(const ReportFigures& f, const ReportOptions& o);
// What became of the leads of each unit (or lead type), with a total row.
Rows ByUnitOrType(const ReportFigures& f, const ReportOptions& o, bool by_type);
// A model's title in the report's language.
std::string ModelTitle(const ModelRun& m, const ReportOptions& o);
// The rows not compared, per reason: "身份证号校验位错误 1条、…".
std::string Reasons(const std::vector<std::pair<RejectReason, uint64_t>>& reasons, Lang lang);

// The near matches: roster rows not keyed, the candidates they produced and
// how many are open, and the leads matched by review, counted apart; "" when
// there is none of them.
std::string ReviewLine(const ReviewFigures& r, Lang lang);

}  // namespace qinglian::report_parts

#endif  // QINGLIAN_OUTPUT_REPORT_PARTS_H_
