// The history of runs as `qinglian runs` prints it: one line a run, then its
// input files with their fingerprints, and why a run failed.
#ifndef QINGLIAN_OUTPUT_RUN_HISTORY_H_
#define QINGLIAN_OUTPUT_RUN_HISTORY_H_

#include <string>
#include <vector>

#include "qinglian/core/run_record.h"
#include "qinglian/core/vocab.h"

namespace qinglian {

std::string FormatRunHistory(const std::vector<RunRecord>& runs, Lang lang);

}  // namespace qinglian

#endif  // QINGLIAN_OUTPUT_RUN_HISTORY_H_
