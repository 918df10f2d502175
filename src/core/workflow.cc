#include "qinglian/core/workflow.h"

#include "qinglian/base/text.h"
#include "qinglian/core/vocab.h"

namespace qinglian {
namespace {

// 双开 and its other names: two outcomes at once.
bool IsDoubleExpulsion(std::string_view typed) {
  const std::string s = NormaliseKeyword(typed);
  for (std::string_view name :
       {"双开", "double_expulsion", "double expulsion", "开除党籍和公职", "开除党籍、开除公职"})
    if (s == NormaliseKeyword(name)) return true;
  return false;
}

Result<OutcomeSet> ParseOne(std::string_view typed) {
  if (IsDoubleExpulsion(typed)) return OutcomeSet{Outcome::kPartyExpulsion, Outcome::kGovDismissal};
  std::vector<Outcome> found;
  for (int i = 0; i < kOutcomeCount; ++i)
    if (TermMatches(Terms<Outcome>::kTable[i], typed)) found.push_back(static_cast<Outcome>(i));
  if (found.empty()) return Status::Error("unknown outcome '" + std::string(typed) + "'");
  if (found.size() > 1) {
    std::string choices;
    for (Outcome o : found) {
      if (!choices.empty()) choices += " or ";
      choices += Label(o, Lang::kZh) + " (" + Code(o) + ")";
    }
    return Status::Error(std::string(typed) + " is ambiguous: " + choices);
  }
  return OutcomeSet{found.front()};
}

std::string Lead(int64_t id) { return "lead " + std::to_string(id); }

// The rules about what a closing decision may hold.
Status CheckOutcomes(const std::string& lead, const OutcomeSet& outcomes) {
  if (outcomes.empty())
    return Status::Error(lead + ": closing needs an outcome (unfounded, criticism, ..., " +
                         "party_expulsion)");
  std::optional<Outcome> party, gov;
  for (Outcome o : outcomes.list()) {
    std::optional<Outcome>* same = TrackOf(o) == Track::kParty ? &party
                                   : TrackOf(o) == Track::kGov ? &gov
                                                               : nullptr;
    if (!same) continue;
    if (*same)
      return Status::Error(lead + ": " + Code(**same) + " and " + Code(o) + " are both " +
                           Label(TrackOf(o), Lang::kZh) + ": one decision gives one");
    *same = o;
  }
  if (outcomes.HasSanction() &&
      (outcomes.Has(Outcome::kUnfounded) || outcomes.Has(Outcome::kConcluded))) {
    const Outcome not_borne =
        outcomes.Has(Outcome::kUnfounded) ? Outcome::kUnfounded : Outcome::kConcluded;
    return Status::Error(lead + ": " + Code(not_borne) + " cannot be combined with a sanction (" +
                         Code(party ? *party : *gov) + ")");
  }
  return Status::Ok();
}

}  // namespace

Track TrackOf(Outcome o) {
  if (o <= Outcome::kPartyExpulsion) return Track::kParty;
  if (o <= Outcome::kGovDismissal) return Track::kGov;
  if (o <= Outcome::kJudicialReferral) return Track::kHandling;
  return Track::kNotBorneOut;
}
bool IsSanction(Outcome o) { return TrackOf(o) == Track::kParty || TrackOf(o) == Track::kGov; }
bool IsHandled(Outcome o) { return TrackOf(o) != Track::kNotBorneOut; }

std::vector<Outcome> OutcomeSet::list() const {
  std::vector<Outcome> out;
  for (int i = 0; i < kOutcomeCount; ++i)
    if (Has(static_cast<Outcome>(i))) out.push_back(static_cast<Outcome>(i));
  return out;
}

bool OutcomeSet::HasSanction() const {
  for (Outcome o : list())
    if (IsSanction(o)) return true;
  return false;
}

bool OutcomeSet::NotBorneOut() const {
  for (Outcome o : list())
    if (IsHandled(o)) return false;
  return !empty();
}

std::string OutcomeCodes(const OutcomeSet& s, std::string_view sep) {
  std::string out;
  for (Outcome o : s.list()) {
    if (!out.empty()) out += sep;
    out += Code(o);
  }
  return out;
}

std::string OutcomeLabels(const OutcomeSet& s, Lang lang) {
  std::string out;
  for (Outcome o : s.list()) {
    if (!out.empty()) out += lang == Lang::kZh ? "、" : ", ";
    out += Label(o, lang);
  }
  return out;
}

Result<OutcomeSet> ParseOutcomes(std::string_view text) {
  // Full-width and ideographic separators are what spreadsheets hold.
  std::string unified(text);
  for (std::string_view sep : {"、", "；", "，"}) {
    for (size_t at = unified.find(sep); at != std::string::npos; at = unified.find(sep, at))
      unified.replace(at, sep.size(), ",");
  }
  for (char& c : unified)
    if (c == ';') c = ',';
  OutcomeSet out;
  for (const std::string& part : Split(unified, ',')) {
    if (Trim(part).empty()) continue;
    Result<OutcomeSet> one = ParseOne(Trim(part));
    if (!one.ok()) return one.status();
    out.Add(*one);
  }
  if (out.empty()) return Status::Error("unknown outcome '" + std::string(text) + "'");
  return out;
}

Status ApplyDisposition(const Disposition& d, LeadState* state) {
  const std::string lead = Lead(d.lead_id);
  LeadState next = *state;
  const bool transfer = d.reopen || d.status == LeadStatus::kTransferred;
  if (d.reopen) {
    if (state->status != LeadStatus::kClosed)
      return Status::Error(lead + " is not closed: only a closed lead is reopened");
    if (Trim(d.note).empty())
      return Status::Error(lead + ": reopening needs a note saying why (申诉 or 复查)");
    if (!d.outcomes.empty())
      return Status::Error(lead + ": a reopened lead takes its outcomes when it is closed again");
    next.outcomes = OutcomeSet();
  } else if (state->status == LeadStatus::kClosed) {
    return Status::Error(lead + " is already closed (" + OutcomeCodes(state->outcomes) +
                         "): reopen it to change it");
  } else if (d.status == LeadStatus::kTransferred) {
    if (state->status != LeadStatus::kNew) return Status::Error(lead + " is already transferred");
    if (!d.outcomes.empty())
      return Status::Error(lead + ": an outcome is given when closing, not when transferring");
  } else if (d.status == LeadStatus::kClosed) {
    if (state->status != LeadStatus::kTransferred)
      return Status::Error(lead + " is new: transfer it for verification before closing it");
    if (Status s = CheckOutcomes(lead, d.outcomes); !s.ok()) return s;
    next.outcomes = d.outcomes;
  } else {
    return Status::Error(lead + ": a lead is transferred or closed, not made new again");
  }
  if (!transfer && (!d.to.empty() || d.due.valid()))
    return Status::Error(lead + ": a receiving body and a deadline go with a transfer");
  next.status = d.reopen ? LeadStatus::kTransferred : d.status;
  if (d.case_filed) next.case_filed = *d.case_filed;
  if (next.outcomes.HasSanction() && !next.case_filed) {
    Outcome sanction = Outcome::kUnfounded;
    for (Outcome o : next.outcomes.list())
      if (IsSanction(o)) sanction = o;
    return Status::Error(lead + ": " + Code(sanction) +
                         " is a sanction (处分) and needs a filed case (立案); none is recorded "
                         "on the lead");
  }
  if (d.recovered_fen) {
    if (*d.recovered_fen < 0)
      return Status::Error(lead + ": the amount recovered cannot be negative");
    if (next.outcomes.NotBorneOut() && *d.recovered_fen > 0)
      return Status::Error(lead + ": money recovered on an unfounded lead");
    next.recovered_fen = *d.recovered_fen;
  }
  if (!d.by.empty()) next.handler = d.by;
  if (d.date.valid()) next.handled_on = d.date;
  if (transfer) {
    if (!d.to.empty()) next.transferred_to = d.to;
    if (d.due.valid()) next.due = d.due;
  }
  *state = next;
  return Status::Ok();
}

}  // namespace qinglian
