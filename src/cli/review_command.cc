// qinglian review [--format table|json] [--unmask --reason TEXT]
// qinglian review N --same|--different|--unsure [--note TEXT]
#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/context.h"
#include "cli/exit.h"
#include "cli/messages.h"
#include "qinglian/base/text.h"
#include "qinglian/core/idcard.h"

namespace qinglian::cli {
namespace {

using nlohmann::json;

json Parse(const std::string& text) {
  // The store's own JSON; a damaged column shows as null rather than ending the listing.
  return json::parse(text, nullptr, /*allow_exceptions=*/false);
}

// A side of a candidate with its ID number masked unless unmasked.
json Side(const std::string& text, bool unmask) {
  json j = Parse(text);
  if (j.is_object() && j.contains("id_number") && j["id_number"].is_string() && !unmask)
    j["id_number"] = MaskIdNumber(j["id_number"].get<std::string>());
  return j;
}

std::string Str(const json& j, const char* key) {
  return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : "";
}
std::string Line(const json& j) {
  return j.is_object() && j.contains("line") ? j["line"].dump() : "";
}

std::string RuleText(const std::string& rule) {
  if (rule == "damaged_id") return Say(Msg::kRuleDamagedId);
  if (rule == "one_digit") return Say(Msg::kRuleOneDigit);
  return rule;
}

std::string VerdictText(Verdict v) {
  switch (v) {
    case Verdict::kSame:
      return Say(Msg::kVerdictSame);
    case Verdict::kDifferent:
      return Say(Msg::kVerdictDifferent);
    case Verdict::kUnsure:
      break;
  }
  return Say(Msg::kVerdictUnsure);
}

// Why a part counts in the message language; a candidate stored before the
// reasons had their Chinese says it in English.
std::string Why(const json& reason) {
  if (MessageLang() == Lang::kZh)
    if (std::string zh = Str(reason, "why_zh"); !zh.empty()) return zh;
  return Str(reason, "why");
}

std::string CandidateText(const ReviewCandidate& c, bool unmask) {
  const json roster = Side(c.roster, unmask), other = Side(c.other, unmask);
  std::string out = Say(Msg::kReviewHeader, c.id, c.score, RuleText(c.rule), c.model) + "\n";
  const std::string start = Str(roster, "start"), end = Str(roster, "end");
  const std::string period =
      end.empty() ? Say(Msg::kReviewPeriodOpen, start) : Say(Msg::kReviewPeriod, start, end);
  out +=
      Say(Msg::kReviewRoster, Str(roster, "name"), Str(roster, "id_number"), Str(roster, "problem"),
          Str(roster, "unit"), period, Str(roster, "file"), Line(roster)) +
      "\n";
  out += Say(Msg::kReviewOther, Str(other, "name"), Str(other, "id_number"), Str(other, "kind"),
             Str(other, "date"), Str(other, "label"), Str(other, "file"), Line(other)) +
         "\n";
  const json reasons = Parse(c.reasons);
  if (reasons.is_array())
    for (const json& r : reasons)
      if (r.is_object() && r.contains("points") && r["points"].is_number_integer())
        out += fmt::format("    {:+d} {}\n", r["points"].get<int>(), Why(r));
  if (c.judgement)
    out += Say(Msg::kReviewJudgement, VerdictText(c.judgement->verdict), c.judgement->reviewer,
               c.judgement->at, c.settled() ? std::string() : Say(Msg::kReviewNotSettled)) +
           "\n";
  return TerminalText(out, /*keep_newlines=*/true);
}

json CandidateJson(const ReviewCandidate& c, bool unmask) {
  json j = {{"id", c.id},
            {"score", c.score},
            {"rule", c.rule},
            {"model", c.model},
            {"roster", Side(c.roster, unmask)},
            {"other", Side(c.other, unmask)},
            {"reasons", Parse(c.reasons)},
            {"first_run", c.first_run},
            {"last_run", c.last_run},
            {"judgement", nullptr}};
  if (c.judgement)
    j["judgement"] = {{"verdict", VerdictCode(c.judgement->verdict)},
                      {"reviewer", c.judgement->reviewer},
                      {"note", c.judgement->note},
                      {"at", c.judgement->at},
                      {"current", c.settled()}};
  return j;
}

class ReviewCommand final : public Command {
 public:
  void Define(CLI::App& app) override {
    app.add_option("candidate", opt_.candidate, "the candidate to judge (its #)");
    app.add_flag("--same", opt_.same, "the two records are the same person: a lead is made");
    app.add_flag("--different", opt_.different, "the two records are different persons");
    app.add_flag("--unsure", opt_.unsure, "cannot tell: the pair stays in the queue");
    app.add_option("--note", opt_.note, "why, for the record");
    app.add_option("--format", opt_.format, "table or json")
        ->check(CLI::IsMember({"table", "json"}));
    DefineUnmask(app, &opt_.unmask);
  }

  int Run(const Globals& g) override {
    const int verdicts = int{opt_.same} + int{opt_.different} + int{opt_.unsure};
    if (opt_.candidate == 0) {
      if (verdicts || !opt_.note.empty())
        return Usage("review: name the candidate to judge (qinglian review N --same)");
      return List(g);
    }
    if (verdicts != 1)
      return Usage("review " + std::to_string(opt_.candidate) +
                   ": give one of --same, --different, --unsure");
    Result<std::unique_ptr<Store>> store = OpenStore(g, StoreAccess::kWrite);
    if (!store.ok()) return Fail(store.status());
    ReviewJudgement j;
    j.candidate = opt_.candidate;
    j.verdict = opt_.same        ? Verdict::kSame
                : opt_.different ? Verdict::kDifferent
                                 : Verdict::kUnsure;
    j.reviewer = OsUser();
    j.note = CleanNote(opt_.note);
    AuditEntry audit = MakeAudit(g);
    if (Status s = (*store)->Judge(&j, &audit); !s.ok()) return Fail(s);
    std::cout << Say(Msg::kReviewJudged, j.candidate, VerdictText(j.verdict))
              << (j.verdict == Verdict::kSame ? Say(Msg::kReviewMatched, j.lead, j.lead) : "")
              << "\n";
    return kExitOk;
  }

 private:
  int List(const Globals& g) {
    if (Status s = CheckUnmask(opt_.unmask); !s.ok()) return Usage(s.message());
    Result<std::unique_ptr<Store>> store = OpenStore(g, StoreAccess::kRead);
    if (!store.ok()) return Fail(store.status());
    Result<std::vector<ReviewCandidate>> open = (*store)->ReviewCandidates(0, /*open_only=*/true);
    if (!open.ok()) return Fail(open.status());
    AuditEntry audit = MakeAudit(g);
    audit.touched = std::to_string(open->size()) + " review candidates" +
                    (opt_.unmask.unmask ? ", ID numbers unmasked" : "");
    if (Status s = LogRead(**store, &audit, opt_.unmask.unmask); !s.ok()) return Fail(s);
    if (opt_.format == "json") {
      json out = json::array();
      for (const ReviewCandidate& c : *open) out.push_back(CandidateJson(c, opt_.unmask.unmask));
      std::cout << out.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
      return kExitOk;
    }
    if (open->empty()) std::cout << Say(Msg::kReviewNone) << "\n";
    for (const ReviewCandidate& c : *open) std::cout << CandidateText(c, opt_.unmask.unmask);
    return kExitOk;
  }

  struct {
    int64_t candidate = 0;
    bool same = false, different = false, unsure = false;
    std::string note;
    std::string format = "table";
    UnmaskFlags unmask;
  } opt_;
};

}  // namespace

std::unique_ptr<Command> MakeReviewCommand() { return std::make_unique<ReviewCommand>(); }

}  // namespace qinglian::cli
