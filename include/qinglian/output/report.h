// The report, in the shape a supervision office reports results: coverage ->
// hits -> leads -> transferred -> cases filed -> handled and sanctioned (by
// kind) -> money recovered, then the leads the run found new and saw again,
// tables by unit, by type and by model, and what the comparison could not
// see. Every figure comes from ReportFigures.
#ifndef QINGLIAN_OUTPUT_REPORT_H_
#define QINGLIAN_OUTPUT_REPORT_H_

#include <map>
#include <string>

#include "qinglian/core/figures.h"
#include "qinglian/core/label_book.h"
#include "qinglian/core/vocab.h"

namespace qinglian {

struct ReportOptions {
  Lang lang = Lang::kZh;
  LabelBook labels;  // lead types and what each model compares with
};

std::string FormatReportText(const ReportFigures& f, const ReportOptions& o);
// Stable field names for dashboards; the same in both languages (only the
// models' titles follow o.lang).
std::string FormatReportJson(const ReportFigures& f, const ReportOptions& o = {});
// One self-contained page (report_html.cc): summary tiles, the funnel, the
// leads by month of their event, by unit, type and model, the coverage and
// the tables; no external scripts, fonts or images; charts in HTML and CSS
// whose labels wrap rather than being cut; readable on a phone.
std::string FormatReportHtml(const ReportFigures& f, const ReportOptions& o);

// One line for the top of a report, or above the new leads, when the latest
// run failed: "Note: the latest run (run 5, 2025-01-03T00:00:00Z) failed:
// REASON. Shown instead: run 4."
std::string LatestRunNotice(const RunRecord& failed, int64_t shown, Lang lang);

// The headline paragraph alone.
std::string ReportHeadline(const ReportFigures& f, const ReportOptions& o);

}  // namespace qinglian

#endif  // QINGLIAN_OUTPUT_REPORT_H_
