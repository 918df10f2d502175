// The inspection team's feedback as a file: one disposition per row, for
// `dispose --file`. It is a record kind of its own (data/kinds/feedback.json:
// lead_id 线索编号, status 状态, outcome 处置结果, case_filed 是否立案,
// recovered_yuan 追缴金额（元）, handler 经办人, date 处置日期, to 移交单位,
// due_days 办理期限（天）, note 备注), read by the same loader as every other
// input: any encoding, CSV or a workbook, Chinese or English headers. Other
// columns (the unit, name and evidence of `export --template feedback`) are
// there for the reader and left alone.
#ifndef QINGLIAN_INPUT_FEEDBACK_H_
#define QINGLIAN_INPUT_FEEDBACK_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "qinglian/core/record_kind.h"
#include "qinglian/core/vocab.h"
#include "qinglian/core/workflow.h"
#include "qinglian/input/source.h"

namespace qinglian {

struct FeedbackRow {
  uint32_t line = 0;
  Disposition disposition;
  std::optional<int64_t> due_days;  // the deadline of a transfer, in days from its date
};

struct FeedbackRows {
  std::vector<FeedbackRow> rows;
  size_t blank = 0;  // rows whose handling cells are all empty: not filled in yet
};

// Reads every row of a feedback file of `kind`. A row that cannot be read
// adds "FILE:LINE: field: why" to *errors and is left out; a row with
// nothing in its handling cells is counted and left out; a file without the
// needed columns is an error. A status left empty beside outcomes closes.
// Dates after `today` are refused.
Result<FeedbackRows> ReadFeedback(ByteSource& source, const RecordKind& kind, Date today,
                                  std::vector<std::string>* errors);

// Reads a status as users write it: transferred 移交核查, closed 办结.
std::optional<LeadStatus> ParseStatus(std::string_view text);
// Whether `text` asks to reopen a closed lead: reopen, reopened, 重新办理, 申诉, 复查.
bool IsReopen(std::string_view text);

}  // namespace qinglian

#endif  // QINGLIAN_INPUT_FEEDBACK_H_
