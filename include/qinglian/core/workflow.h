// What happens to a lead: new -> transferred (for verification) -> closed,
// with an outcome: unfounded, or a handling or sanction from light to heavy
// (DOMAIN.md). A case may be filed on the way and money recovered.
#ifndef QINGLIAN_CORE_WORKFLOW_H_
#define QINGLIAN_CORE_WORKFLOW_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "qinglian/base/status.h"

namespace qinglian {

enum class Outcome : uint8_t {
  kUnfounded,
  kCriticism,
  kAdmonishment,
  kWarning,
  kDemerit,
  kMajorDemerit,
  kDemotion,
  kRemoval,
  kDismissal,
  kDoubleExpulsion,
};
constexpr int kOutcomeCount = 10;

const char* OutcomeCode(Outcome o);     // "major_demerit"
const char* OutcomeLabelZh(Outcome o);  // "记大过"
const char* OutcomeLabelEn(Outcome o);  // "major demerit"
// Reads an outcome as users type it: its code, or its Chinese label (双开 too).
std::optional<Outcome> ParseOutcome(std::string_view text);
// Handled: anything but unfounded. Sanctioned (处分): warning and heavier;
// criticism and admonishment are organisational handling.
bool IsHandled(Outcome o);
bool IsSanction(Outcome o);

// Reads an amount of yuan ("1234.5", "1,234.56", "￥800") into fen, exactly.
Result<int64_t> ParseYuan(std::string_view text);
// Reads yes/no as spreadsheets write it: yes no true false 1 0 是 否 y n.
Result<bool> ParseYesNo(std::string_view text);

// The part of a lead that dispositions change.
struct LeadState {
  std::string status = "new";  // new, transferred, closed
  std::string outcome;         // an OutcomeCode once closed
  bool case_filed = false;
  int64_t recovered_fen = 0;
};

// One change an auditor asks for.
struct Disposition {
  int64_t lead_id = 0;
  std::string status;  // transferred or closed
  std::optional<Outcome> outcome;
  std::optional<bool> case_filed;
  std::optional<int64_t> recovered_fen;
  std::string note;
};

// Applies `d` to `state` when the workflow allows it; otherwise says why and
// leaves `state` unchanged. The rules: new -> transferred -> closed; closing
// needs an outcome and only closing takes one; a closed lead is final; a case
// filed or money recovered goes with transferred or closed.
Status ApplyDisposition(const Disposition& d, LeadState* state);

}  // namespace qinglian

#endif  // QINGLIAN_CORE_WORKFLOW_H_
