#include "qinglian/core/workflow.h"

#include <cctype>

#include "qinglian/base/text.h"

namespace qinglian {
namespace {

struct OutcomeInfo {
  Outcome outcome;
  const char* code;
  const char* zh;
  const char* en;
};

const OutcomeInfo kOutcomes[] = {
    {Outcome::kUnfounded, "unfounded", "不属实", "unfounded"},
    {Outcome::kCriticism, "criticism", "批评教育", "criticism and education"},
    {Outcome::kAdmonishment, "admonishment", "诫勉", "admonishment"},
    {Outcome::kWarning, "warning", "警告", "warning"},
    {Outcome::kDemerit, "demerit", "记过", "demerit"},
    {Outcome::kMajorDemerit, "major_demerit", "记大过", "major demerit"},
    {Outcome::kDemotion, "demotion", "降级", "demotion"},
    {Outcome::kRemoval, "removal", "撤职", "removal from post"},
    {Outcome::kDismissal, "dismissal", "开除", "dismissal"},
    {Outcome::kDoubleExpulsion, "double_expulsion", "双开", "double expulsion"},
};

const OutcomeInfo& Info(Outcome o) { return kOutcomes[static_cast<int>(o)]; }

}  // namespace

const char* OutcomeCode(Outcome o) { return Info(o).code; }
const char* OutcomeLabelZh(Outcome o) { return Info(o).zh; }
const char* OutcomeLabelEn(Outcome o) { return Info(o).en; }

std::optional<Outcome> ParseOutcome(std::string_view text) {
  const std::string s = NormaliseKeyword(text);
  for (const OutcomeInfo& i : kOutcomes)
    if (s == i.code || s == i.zh) return i.outcome;
  if (s == "诫勉谈话") return Outcome::kAdmonishment;
  if (s == "撤职处分" || s == "政务撤职") return Outcome::kRemoval;
  if (s == "开除党籍和公职" || s == "开除党籍、开除公职") return Outcome::kDoubleExpulsion;
  return std::nullopt;
}

bool IsHandled(Outcome o) { return o != Outcome::kUnfounded; }
bool IsSanction(Outcome o) { return static_cast<int>(o) >= static_cast<int>(Outcome::kWarning); }

Result<int64_t> ParseYuan(std::string_view text) {
  const std::string s = NormaliseName(text);  // folds full-width digits, drops blanks
  const auto bad = [&] {
    return Status::Error("not an amount of yuan: '" + std::string(text) + "'");
  };
  size_t i = 0;
  if (s.compare(0, 3, "￥") == 0 || s.compare(0, 2, "¥") == 0) i = s[0] == '\xEF' ? 3 : 2;
  int64_t yuan = 0;
  int digits = 0;
  for (; i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == ','); ++i) {
    if (s[i] == ',') continue;
    if (++digits > 12) return bad();
    yuan = yuan * 10 + (s[i] - '0');
  }
  int64_t fen = 0;
  if (i < s.size() && s[i] == '.') {
    ++i;
    int places = 0;
    for (; i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])); ++i) {
      if (++places > 2)
        return Status::Error("more than two decimals (fen) in '" + std::string(text) + "'");
      fen = fen * 10 + (s[i] - '0');
    }
    if (places == 1) fen *= 10;
  }
  if (i < s.size() && s.substr(i) == "元") i = s.size();
  if (i != s.size() || digits == 0) return bad();
  return yuan * 100 + fen;
}

Result<bool> ParseYesNo(std::string_view text) {
  const std::string s = NormaliseKeyword(text);
  if (s == "yes" || s == "y" || s == "true" || s == "1" || s == "是") return true;
  if (s == "no" || s == "n" || s == "false" || s == "0" || s == "否" || s.empty()) return false;
  return Status::Error("expected yes or no, found '" + std::string(text) + "'");
}

Status ApplyDisposition(const Disposition& d, LeadState* state) {
  const std::string lead = "lead " + std::to_string(d.lead_id);
  if (state->status == "closed")
    return Status::Error(lead + " is already closed (" + state->outcome +
                         "); a closed lead is final");
  LeadState next = *state;
  if (d.status == "transferred") {
    if (state->status != "new") return Status::Error(lead + " is already transferred");
    if (d.outcome)
      return Status::Error(lead + ": an outcome is given when closing, not when transferring");
  } else if (d.status == "closed") {
    if (state->status != "transferred")
      return Status::Error(lead + " is new: transfer it for verification before closing it");
    if (!d.outcome)
      return Status::Error(
          lead + ": closing needs an outcome (unfounded, criticism, ..., double_expulsion)");
    next.outcome = OutcomeCode(*d.outcome);
  } else {
    return Status::Error(lead + ": unknown status '" + d.status + "' (use transferred or closed)");
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
