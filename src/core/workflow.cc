#include "qinglian/core/workflow.h"

#include <cctype>

#include "qinglian/base/text.h"
#include "qinglian/core/vocab.h"

namespace qinglian {
bool IsHandled(Outcome o) { return o != Outcome::kUnfounded; }
bool IsSanction(Outcome o) { return static_cast<int>(o) >= static_cast<int>(Outcome::kWarning); }

Status ApplyDisposition(const Disposition& d, LeadState* state) {
  const std::string lead = "lead " + std::to_string(d.lead_id);
  if (state->status == LeadStatus::kClosed)
    return Status::Error(lead + " is already closed (" +
                         (state->outcome ? Code(*state->outcome) : std::string()) +
                         "); a closed lead is final");
  LeadState next = *state;
  if (d.status == LeadStatus::kTransferred) {
    if (state->status != LeadStatus::kNew) return Status::Error(lead + " is already transferred");
    if (d.outcome)
      return Status::Error(lead + ": an outcome is given when closing, not when transferring");
  } else if (d.status == LeadStatus::kClosed) {
    if (state->status != LeadStatus::kTransferred)
      return Status::Error(lead + " is new: transfer it for verification before closing it");
    if (!d.outcome)
      return Status::Error(
          lead + ": closing needs an outcome (unfounded, criticism, ..., double_expulsion)");
    next.outcome = d.outcome;
  } else {
    return Status::Error(lead + ": a lead is transferred or closed, not made new again");
  }
  next.status = d.status;
  if (d.case_filed) next.case_filed = *d.case_filed;
  if (d.recovered_fen) {
    if (*d.recovered_fen < 0)
      return Status::Error(lead + ": the amount recovered cannot be negative");
    if (d.outcome == Outcome::kUnfounded && *d.recovered_fen > 0)
      return Status::Error(lead + ": money recovered on an unfounded lead");
    next.recovered_fen = *d.recovered_fen;
  }
  *state = next;
  return Status::Ok();
}

}  // namespace qinglian
