#include "qinglian/core/records.h"

#include <catch2/catch.hpp>

namespace qinglian {
namespace {

std::string Classified(std::string_view label, const char* bac) {
  const Result<BacTenths> b = ParseBac(bac);
  if (!b.ok()) return "error: " + b.error();
  const Result<OffenceType> t = ClassifyOffence(label, *b);
  return t.ok() ? OffenceTypeCode(*t) : "error: " + t.error();
}

TEST_CASE("ClassifyOffence lets the BAC decide drink against drunk driving", "[records]") {
  CHECK(Classified("酒驾", "19.9") ==
        "error: BAC 19.9 is below 20 mg/100mL: no drink-driving offence");
  CHECK(Classified("酒驾", "20") == "drink_driving");
  CHECK(Classified("醉驾", "79.9") == "drink_driving");
  CHECK(Classified("酒驾", "80") == "drunk_driving");
  CHECK(Classified("", "120") == "drunk_driving");
  CHECK(Classified("危险驾驶", "") == "drunk_driving");
  CHECK(Classified("饮酒后驾驶机动车", "") == "drink_driving");
  CHECK(Classified("醉酒驾驶", "") == "drunk_driving");
  CHECK(Classified("酒后驾驶", "") == "drink_driving");
}

TEST_CASE("ClassifyOffence maps the labels of 黄赌毒", "[records]") {
  CHECK(Classified("卖淫嫖娼", "") == "prostitution");
  CHECK(Classified("嫖娼", "") == "prostitution");
  CHECK(Classified("容留卖淫", "") == "prostitution");
  CHECK(Classified("赌博", "") == "gambling");
  CHECK(Classified("参与赌博", "") == "gambling");
  CHECK(Classified("开设赌场", "") == "gambling");
  CHECK(Classified("吸毒", "") == "drugs");
  CHECK(Classified("容留他人吸毒", "") == "drugs");
  CHECK(Classified("注射毒品", "") == "drugs");
  CHECK(Classified("赌博", "35") == "gambling");  // a stray BAC does not make it driving
  CHECK(Classified("超速", "") == "error: unknown offence label '超速'");
  CHECK(Classified("", "") == "error: no offence label and no BAC");
}

TEST_CASE("ParseBac reads numbers with units and refuses the rest", "[records]") {
  CHECK(*ParseBac("85") == 850);
  CHECK(*ParseBac("85.35") == 853);
  CHECK(*ParseBac("８５mg/100ml") == 850);
  CHECK(*ParseBac(" 79.9 ") == 799);
  CHECK(*ParseBac("") == kNoBac);
  CHECK(ParseBac("很多").error() == "unreadable BAC '很多'");
  CHECK(ParseBac("12abc").error() == "unreadable BAC '12abc'");
  CHECK(ParseBac("5000").error() == "implausible BAC '5000'");
  CHECK(FormatBac(853) == "85.3");
  CHECK(FormatBac(800) == "80");
  CHECK(FormatBac(kNoBac).empty());
}

TEST_CASE("ParseOffenceType reads codes and labels as users type them", "[records]") {
  CHECK(ParseOffenceType("drunk_driving") == OffenceType::kDrunkDriving);
  CHECK(ParseOffenceType("Drink Driving") == OffenceType::kDrinkDriving);
  CHECK(ParseOffenceType("醉驾") == OffenceType::kDrunkDriving);
  CHECK(ParseOffenceType("酒驾") == OffenceType::kDrinkDriving);
  CHECK(ParseOffenceType("赌博") == OffenceType::kGambling);
  CHECK(ParseOffenceType("吸毒") == OffenceType::kDrugs);
  CHECK(ParseOffenceType("嫖娼") == OffenceType::kProstitution);
  CHECK_FALSE(ParseOffenceType("speeding").has_value());
}

TEST_CASE("StringPool gives one id per distinct string", "[records]") {
  StringPool pool;
  const uint32_t a = pool.Intern("市城建投资集团");
  CHECK(pool.Intern("市水务集团") != a);
  CHECK(pool.Intern("市城建投资集团") == a);
  CHECK(pool.Get(a) == "市城建投资集团");
  CHECK(pool.Intern("") == 0);
}

}  // namespace
}  // namespace qinglian
