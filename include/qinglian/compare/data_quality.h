// What looks wrong in the data without being a reason to reject a row: the
// warnings `check` and `run` print, with counts and one or two examples (file
// and line, the ID number masked). Nothing here changes a record.
#ifndef QINGLIAN_COMPARE_DATA_QUALITY_H_
#define QINGLIAN_COMPARE_DATA_QUALITY_H_

#include <cstdint>
#include <string>
#include <vector>

#include "qinglian/compare/roster.h"
#include "qinglian/input/loader.h"

namespace qinglian {

struct QualityExample {
  std::string where;   // "hr.csv:3" or "hr.csv:3, 7"
  std::string id;      // masked; empty where the warning is about a row's date alone
  std::string detail;  // "张三 / 张叁"
};

struct QualityWarning {
  // name_conflict, overlapping_employment, hired_before_16, imprecise_date
  std::string code;
  uint64_t count = 0;
  std::vector<QualityExample> examples;  // at most kMaxQualityExamples
};

constexpr size_t kMaxQualityExamples = 2;

// The warnings with a count above zero, in a fixed order.
struct DataQuality {
  std::vector<QualityWarning> warnings;
  bool empty() const { return warnings.empty(); }
};

// A roster's warnings: one ID number under different names (counted per
// person); two records of one person in one unit whose periods share a day
// (counted per pair); a hire date before the person was 16, by the birth date
// in the ID number (per record). Roster kinds only: a kind with a unit and a
// period; other kinds give none.
DataQuality AssessRoster(const Roster& roster);

// Adds the files' dates given as a month only (FileSummary::imprecise_dates).
void AddImpreciseDates(const std::vector<FileSummary>& files, DataQuality* q);

// "  data quality warnings (no row rejected for them):\n    ..." in `lang`, one
// line per warning; empty when there is none.
std::string FormatDataQuality(const DataQuality& q, Lang lang = Lang::kEn);

}  // namespace qinglian

#endif  // QINGLIAN_COMPARE_DATA_QUALITY_H_
