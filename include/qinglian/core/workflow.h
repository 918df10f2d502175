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
#include "qinglian/core/vocab.h"

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
template <>
struct Terms<Outcome> {
  static constexpr Term kTable[] = {
      {"unfounded", "不属实", "unfounded", "予以了结"},
      {"criticism", "批评教育", "criticism and education"},
      {"admonishment", "诫勉", "admonishment", "诫勉谈话"},
      {"warning", "警告", "warning"},
      {"demerit", "记过", "demerit"},
      {"major_demerit", "记大过", "major demerit"},
      {"demotion", "降级", "demotion"},
      {"removal", "撤职", "removal from post", "撤职处分|政务撤职"},
      {"dismissal", "开除", "dismissal"},
      {"double_expulsion", "双开", "double expulsion", "开除党籍和公职|开除党籍、开除公职"},
  };
};
constexpr int kOutcomeCount = static_cast<int>(std::size(Terms<Outcome>::kTable));

// Reads an outcome as users type it: its code, its label or another name (双开).
inline std::optional<Outcome> ParseOutcome(std::string_view text) {
  return ParseTerm<Outcome>(text);
}
// Handled: anything but unfounded. Sanctioned (处分): warning and heavier;
// criticism and admonishment are organisational handling.
bool IsHandled(Outcome o);
bool IsSanction(Outcome o);

// The part of a lead that dispositions change.
struct LeadState {
  LeadStatus status = LeadStatus::kNew;
  std::optional<Outcome> outcome;  // once closed
  bool case_filed = false;
  int64_t recovered_fen = 0;
};

// One change an auditor asks for.
struct Disposition {
  int64_t lead_id = 0;
  LeadStatus status = LeadStatus::kTransferred;  // transferred or closed
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
