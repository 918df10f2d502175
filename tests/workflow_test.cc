#include "qinglian/core/workflow.h"

#include <catch2/catch.hpp>

#include "qinglian/base/money.h"
#include "qinglian/base/text.h"

namespace qinglian {
namespace {

Disposition D(const char* status, OutcomeSet outcomes = {}) {
  Disposition d;
  d.lead_id = 7;
  d.status = *FromCode<LeadStatus>(status);
  d.outcomes = outcomes;
  return d;
}

Disposition Reopen(std::string note) {
  Disposition d;
  d.lead_id = 7;
  d.reopen = true;
  d.note = std::move(note);
  return d;
}

std::string Apply(LeadState* s, const Disposition& d) {
  const Status st = ApplyDisposition(d, s);
  if (!st.ok()) return std::string("error: ").append(st.message());
  std::string out(Code(s->status));
  if (!s->outcomes.empty()) out.append(":").append(OutcomeCodes(s->outcomes));
  return out;
}

LeadState Transferred(bool case_filed = false) {
  LeadState s;
  s.status = LeadStatus::kTransferred;
  s.case_filed = case_filed;
  return s;
}

TEST_CASE("ApplyDisposition walks new, transferred, closed", "[workflow]") {
  LeadState s;
  Disposition transfer = D("transferred");
  transfer.to = "市水务集团纪委";
  transfer.by = "张三";
  transfer.date = Date::FromYmd(2025, 1, 6);
  transfer.due = Date::FromYmd(2025, 2, 5);
  CHECK(Apply(&s, transfer) == "transferred");
  CHECK(s.transferred_to == "市水务集团纪委");
  CHECK(s.due == Date::FromYmd(2025, 2, 5));
  CHECK(s.handler == "张三");
  Disposition close = D("closed", {Outcome::kGovMajorDemerit});
  close.case_filed = true;
  close.recovered_fen = 356050;
  close.by = "李四";
  CHECK(Apply(&s, close) == "closed:gov_major_demerit");
  CHECK(s.case_filed);
  CHECK(s.recovered_fen == 356050);
  CHECK(s.handler == "李四");
  CHECK(s.transferred_to == "市水务集团纪委");  // kept for the record
}

TEST_CASE("ApplyDisposition refuses what the workflow does not allow", "[workflow]") {
  LeadState fresh;
  CHECK(Apply(&fresh, D("closed", {Outcome::kGovWarning})) ==
        "error: lead 7 is new: transfer it for verification before closing it");
  CHECK(Apply(&fresh, D("transferred", {Outcome::kGovWarning})) ==
        "error: lead 7: an outcome is given when closing, not when transferring");
  CHECK(fresh.status == LeadStatus::kNew);  // nothing changed by a refusal

  LeadState transferred = Transferred();
  CHECK(Apply(&transferred, D("transferred")) == "error: lead 7 is already transferred");
  CHECK(Apply(&transferred, D("closed")) ==
        "error: lead 7: closing needs an outcome (unfounded, criticism, ..., party_expulsion)");
  Disposition unfounded_money = D("closed", {Outcome::kUnfounded});
  unfounded_money.recovered_fen = 100;
  CHECK(Apply(&transferred, unfounded_money) ==
        "error: lead 7: money recovered on an unfounded lead");
  Disposition close_with_body = D("closed", {Outcome::kCriticism});
  close_with_body.to = "市纪委";
  CHECK(Apply(&transferred, close_with_body) ==
        "error: lead 7: a receiving body and a deadline go with a transfer");

  LeadState closed = Transferred(true);
  REQUIRE(Apply(&closed, D("closed", {Outcome::kGovWarning})) == "closed:gov_warning");
  CHECK(Apply(&closed, D("transferred")) ==
        "error: lead 7 is already closed (gov_warning): reopen it to change it");
  CHECK(Apply(&closed, D("closed", {Outcome::kGovDismissal})) ==
        "error: lead 7 is already closed (gov_warning): reopen it to change it");
}

TEST_CASE("ApplyDisposition: a sanction needs a filed case, handling does not", "[workflow]") {
  LeadState s = Transferred();
  CHECK(Apply(&s, D("closed", {Outcome::kPartyProbation, Outcome::kGovRemoval})) ==
        "error: lead 7: gov_removal is a sanction (处分) and needs a filed case (立案); none is "
        "recorded on the lead");
  CHECK(s.status == LeadStatus::kTransferred);
  CHECK(Apply(&s, D("closed", {Outcome::kCriticism, Outcome::kTransferPost})) ==
        "closed:criticism,transfer_post");

  // Filed now, with the decision...
  LeadState now = Transferred();
  Disposition filed = D("closed", {Outcome::kPartyProbation, Outcome::kGovRemoval});
  filed.case_filed = true;
  CHECK(Apply(&now, filed) == "closed:party_probation,gov_removal");
  // ... or earlier on the lead.
  LeadState earlier = Transferred(/*case_filed=*/true);
  CHECK(Apply(&earlier, D("closed", {Outcome::kPartyExpulsion, Outcome::kGovDismissal})) ==
        "closed:party_expulsion,gov_dismissal");
}

TEST_CASE("ApplyDisposition: one sanction per track, unfounded alone", "[workflow]") {
  LeadState s = Transferred(true);
  CHECK(Apply(&s, D("closed", {Outcome::kGovDemerit, Outcome::kGovRemoval})) ==
        "error: lead 7: gov_demerit and gov_removal are both 政务处分: one decision gives one");
  CHECK(Apply(&s, D("closed", {Outcome::kPartyWarning, Outcome::kPartyProbation})) ==
        "error: lead 7: party_warning and party_probation are both 党纪处分: one decision gives "
        "one");
  CHECK(Apply(&s, D("closed", {Outcome::kUnfounded, Outcome::kGovWarning})) ==
        "error: lead 7: unfounded cannot be combined with a sanction (gov_warning)");
  CHECK(Apply(&s, D("closed", {Outcome::kConcluded, Outcome::kPartyWarning})) ==
        "error: lead 7: concluded cannot be combined with a sanction (party_warning)");
  CHECK(Apply(&s, D("closed", {Outcome::kConcluded, Outcome::kCriticism})) ==
        "closed:criticism,concluded");
}

TEST_CASE("ApplyDisposition reopens a closed lead with a note, keeping its case", "[workflow]") {
  LeadState s = Transferred(true);
  CHECK(Apply(&s, Reopen("申诉")) == "error: lead 7 is not closed: only a closed lead is reopened");
  REQUIRE(Apply(&s, D("closed", {Outcome::kGovDismissal})) == "closed:gov_dismissal");
  CHECK(Apply(&s, Reopen("  ")) ==
        "error: lead 7: reopening needs a note saying why (申诉 or 复查)");
  Disposition with_outcome = Reopen("复查");
  with_outcome.outcomes = {Outcome::kGovDemerit};
  CHECK(Apply(&s, with_outcome) ==
        "error: lead 7: a reopened lead takes its outcomes when it is closed again");
  Disposition reopen = Reopen("本人申诉");
  reopen.due = Date::FromYmd(2025, 4, 1);
  CHECK(Apply(&s, reopen) == "transferred");
  CHECK(s.case_filed);
  CHECK(s.due == Date::FromYmd(2025, 4, 1));
  CHECK(Apply(&s, D("closed", {Outcome::kGovDemerit})) == "closed:gov_demerit");
}

TEST_CASE("ParseOutcomes reads codes, labels, aliases and several at once", "[workflow]") {
  const auto parse = [](std::string_view text) {
    const Result<OutcomeSet> r = ParseOutcomes(text);
    return r.ok() ? OutcomeCodes(*r) : "error: " + r.error();
  };
  struct {
    const char* in;
    const char* want;
  } cases[] = {
      {"party_probation", "party_probation"},
      {"留党察看", "party_probation"},
      {"撤职", "gov_removal"},
      {"政务撤职", "gov_removal"},
      {"纪律撤职", "gov_removal"},
      {"政务记过", "gov_demerit"},
      {"党内警告", "party_warning"},
      {"政务警告", "gov_warning"},
      {"严重警告", "party_serious_warning"},
      {"开除", "gov_dismissal"},
      {"开除党籍", "party_expulsion"},
      {"双开", "party_expulsion,gov_dismissal"},
      {"double_expulsion", "party_expulsion,gov_dismissal"},
      {"谈话提醒", "reminder_talk"},
      {"移送司法机关", "judicial_referral"},
      {"不属实", "unfounded"},
      {"予以了结", "concluded"},
      {"Major demerit", "gov_major_demerit"},
      {"留党察看、撤职", "party_probation,gov_removal"},
      {"留党察看；撤职", "party_probation,gov_removal"},
      {"批评教育;调离岗位", "criticism,transfer_post"},
      {"party_probation, gov_removal", "party_probation,gov_removal"},
      {"双开，移送司法机关", "party_expulsion,gov_dismissal,judicial_referral"},
      {"警告", "error: 警告 is ambiguous: 党内警告 (party_warning) or 政务警告 (gov_warning)"},
      {"warning",
       "error: warning is ambiguous: 党内警告 (party_warning) or 政务警告 (gov_warning)"},
      {"撤职、警告",
       "error: 警告 is ambiguous: 党内警告 (party_warning) or 政务警告 (gov_warning)"},
      {"fined", "error: unknown outcome 'fined'"},
      {"、", "error: unknown outcome '、'"},
  };
  for (const auto& c : cases) {
    INFO(c.in);
    CHECK(parse(c.in) == c.want);
  }
  // Every label reads back as itself (exports write labels).
  for (int i = 0; i < kOutcomeCount; ++i) {
    const auto o = static_cast<Outcome>(i);
    for (Lang lang : {Lang::kZh, Lang::kEn}) {
      INFO(Label(o, lang));
      CHECK(parse(Label(o, lang)) == Code(o));
    }
  }
  CHECK_FALSE(IsSanction(Outcome::kAdmonishment));
  CHECK(IsHandled(Outcome::kAdmonishment));
  CHECK(IsSanction(Outcome::kGovWarning));
  CHECK(IsSanction(Outcome::kPartyWarning));
  CHECK_FALSE(IsSanction(Outcome::kRemovalFromOffice));
  CHECK_FALSE(IsHandled(Outcome::kUnfounded));
  CHECK_FALSE(IsHandled(Outcome::kConcluded));
  CHECK(OutcomeLabels({Outcome::kGovRemoval, Outcome::kPartyProbation}, Lang::kZh) ==
        "留党察看、撤职");
}

TEST_CASE("ParseYuan reads amounts exactly, in fen", "[workflow]") {
  CHECK(*ParseYuan("1234") == 123400);
  CHECK(*ParseYuan("1,234.5") == 123450);
  CHECK(*ParseYuan("0.07") == 7);
  CHECK(*ParseYuan("￥800") == 80000);
  CHECK(*ParseYuan("３５６０元") == 356000);
  CHECK(ParseYuan("12.345").error() == "more than two decimals (fen) in '12.345'");
  CHECK(ParseYuan("lots").error() == "not an amount of yuan: 'lots'");
  CHECK(ParseYuan("").error() == "not an amount of yuan: ''");
}

TEST_CASE("ParseYesNo reads what spreadsheets write", "[workflow]") {
  CHECK(*ParseYesNo("是"));
  CHECK(*ParseYesNo("YES"));
  CHECK(*ParseYesNo("1"));
  CHECK_FALSE(*ParseYesNo("否"));
  CHECK_FALSE(*ParseYesNo(""));
  CHECK(ParseYesNo("maybe").error() == "expected yes or no, found 'maybe'");
}

}  // namespace
}  // namespace qinglian
