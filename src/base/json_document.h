// Reading the project's own JSON files (record kinds, models, the offence
// vocabulary): one parser whose errors name the file, and the field where a
// number does not fit, instead of throwing.
#ifndef QINGLIAN_BASE_JSON_DOCUMENT_H_
#define QINGLIAN_BASE_JSON_DOCUMENT_H_

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "qinglian/base/status.h"

namespace qinglian {

// Parses `text`; "FILE: not valid JSON (byte 10)" or "FILE: lookback_years:
// the number 1e400 is out of range" when it cannot.
Result<nlohmann::json> ParseJsonDocument(std::string_view text, const std::string& file);

}  // namespace qinglian

#endif  // QINGLIAN_BASE_JSON_DOCUMENT_H_
