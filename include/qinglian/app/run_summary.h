// A run as `run` prints it, and as `run --json` does (stable field names).
#ifndef QINGLIAN_APP_RUN_SUMMARY_H_
#define QINGLIAN_APP_RUN_SUMMARY_H_

#include <string>

#include "qinglian/app/run.h"

namespace qinglian {

std::string FormatRunText(const RunReport& r);
std::string FormatRunJson(const RunReport& r);

}  // namespace qinglian

#endif  // QINGLIAN_APP_RUN_SUMMARY_H_
