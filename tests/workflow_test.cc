#include "qinglian/core/workflow.h"

#include <catch2/catch.hpp>

#include "qinglian/base/money.h"
#include "qinglian/base/text.h"

namespace qinglian {
namespace {

Disposition D(const char* status, std::optional<Outcome> outcome = std::nullopt) {
  Disposition d;
  d.lead_id = 7;
  d.status = *FromCode<LeadStatus>(status);
  d.outcome = outcome;
  return d;
}

std::string Apply(LeadState* s, const Disposition& d) {
  const Status st = ApplyDisposition(d, s);
  if (!st.ok()) return std::string("error: ").append(st.message());
  std::string out(Code(s->status));
  if (s->outcome) out.append(":").append(Code(*s->outcome));
  return out;
}

TEST_CASE("ApplyDisposition walks new, transferred, closed", "[workflow]") {
  LeadState s;
  CHECK(Apply(&s, D("transferred")) == "transferred");
  Disposition close = D("closed", Outcome::kMajorDemerit);
  close.case_filed = true;
  close.recovered_fen = 356050;
  CHECK(Apply(&s, close) == "closed:major_demerit");
  CHECK(s.case_filed);
  CHECK(s.recovered_fen == 356050);
}

TEST_CASE("ApplyDisposition refuses what the workflow does not allow", "[workflow]") {
  LeadState fresh;
  CHECK(Apply(&fresh, D("closed", Outcome::kWarning)) ==
        "error: lead 7 is new: transfer it for verification before closing it");
  CHECK(Apply(&fresh, D("transferred", Outcome::kWarning)) ==
        "error: lead 7: an outcome is given when closing, not when transferring");
  CHECK(fresh.status == LeadStatus::kNew);  // nothing changed by a refusal

  LeadState transferred{LeadStatus::kTransferred, std::nullopt, false, 0};
  CHECK(Apply(&transferred, D("transferred")) == "error: lead 7 is already transferred");
  CHECK(Apply(&transferred, D("closed")) ==
        "error: lead 7: closing needs an outcome (unfounded, criticism, ..., double_expulsion)");
  Disposition unfounded_money = D("closed", Outcome::kUnfounded);
  unfounded_money.recovered_fen = 100;
  CHECK(Apply(&transferred, unfounded_money) ==
        "error: lead 7: money recovered on an unfounded lead");

  LeadState closed{LeadStatus::kClosed, Outcome::kWarning, false, 0};
  CHECK(Apply(&closed, D("transferred")) ==
        "error: lead 7 is already closed (warning); a closed lead is final");
  CHECK(Apply(&closed, D("closed", Outcome::kDismissal)) ==
        "error: lead 7 is already closed (warning); a closed lead is final");
}

TEST_CASE("ParseOutcome reads codes and Chinese labels", "[workflow]") {
  CHECK(ParseOutcome("major_demerit") == Outcome::kMajorDemerit);
  CHECK(ParseOutcome("记大过") == Outcome::kMajorDemerit);
  CHECK(ParseOutcome("双开") == Outcome::kDoubleExpulsion);
  CHECK(ParseOutcome("撤职") == Outcome::kRemoval);
  CHECK(ParseOutcome("开除") == Outcome::kDismissal);
  CHECK(ParseOutcome("不属实") == Outcome::kUnfounded);
  CHECK(ParseOutcome("Warning") == Outcome::kWarning);
  CHECK_FALSE(ParseOutcome("fined").has_value());
  CHECK_FALSE(IsSanction(Outcome::kAdmonishment));
  CHECK(IsHandled(Outcome::kAdmonishment));
  CHECK(IsSanction(Outcome::kWarning));
  CHECK_FALSE(IsHandled(Outcome::kUnfounded));
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
