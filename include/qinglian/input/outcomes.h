// The inspection team's feedback as a file: one disposition per row, for
// `dispose --file`. Columns (Chinese or English headers): lead_id 线索编号,
// status 状态, outcome 处置结果, case_filed 是否立案, recovered_yuan 追缴金额,
// note 备注. Any encoding the loaders read.
#ifndef QINGLIAN_INPUT_OUTCOMES_H_
#define QINGLIAN_INPUT_OUTCOMES_H_

#include <string>
#include <vector>

#include "qinglian/core/vocab.h"
#include "qinglian/core/workflow.h"
#include "qinglian/input/source.h"

namespace qinglian {

struct OutcomeRow {
  uint32_t line = 0;
  Disposition disposition;
};

// Reads every row. A row that cannot be read adds "FILE:LINE: why" to
// *errors and is left out; a file without the needed columns is an error.
Result<std::vector<OutcomeRow>> ReadOutcomes(ByteSource& source, std::vector<std::string>* errors);

// Reads a status as users write it: transferred 移交核查, closed 办结.
std::optional<LeadStatus> ParseStatus(std::string_view text);

}  // namespace qinglian

#endif  // QINGLIAN_INPUT_OUTCOMES_H_
