#include "qinglian/core/offence_vocabulary.h"

#include <catch2/catch.hpp>

#include "qinglian/core/bac.h"
#include "qinglian/core/record_set.h"
#include "test_util.h"

namespace qinglian {
namespace {

const OffenceVocabulary& Vocabulary() { return testing::BuiltIn().vocabulary; }

std::string Classified(std::string_view label, const char* bac) {
  const Result<BacTenths> b = ParseBac(bac);
  if (!b.ok()) return "error: " + b.error();
  const Classification c = Vocabulary().Classify(label, *b);
  switch (c.kind) {
    case Classification::kType:
      return Vocabulary().types()[c.type].code;
    case Classification::kOther:
      return "other";
    case Classification::kBelowBac:
      return "below BAC";
    case Classification::kNothing:
      break;
  }
  return "nothing";
}

std::string Resolved(std::string_view text) {
  std::string out;
  for (uint16_t t : Vocabulary().Resolve(text))
    out += (out.empty() ? "" : " ") + Vocabulary().types()[t].code;
  return out;
}

TEST_CASE("The vocabulary lets the BAC decide drink against drunk driving", "[vocabulary]") {
  CHECK(Classified("酒驾", "19.9") == "below BAC");
  CHECK(Classified("酒驾", "20") == "drink_driving");
  CHECK(Classified("醉驾", "79.9") == "drink_driving");
  CHECK(Classified("酒驾", "80") == "drunk_driving");
  CHECK(Classified("", "120") == "drunk_driving");
  CHECK(Classified("饮酒后驾驶机动车", "") == "drink_driving");
  CHECK(Classified("醉酒驾驶", "") == "drunk_driving");
  CHECK(Classified("酒后驾驶", "") == "drink_driving");
  CHECK(Classified("drink_driving", "95") == "drunk_driving");  // a code, and the BAC decides
}

TEST_CASE("危险驾驶 alone is not drunk driving unless a BAC or a drink word says so",
          "[vocabulary]") {
  CHECK(Classified("危险驾驶", "") == "other");  // racing and overloading are 危险驾驶 too
  CHECK(Classified("危险驾驶（醉酒）", "") == "drunk_driving");
  CHECK(Classified("危险驾驶罪（醉酒驾驶机动车）", "") == "drunk_driving");
  CHECK(Classified("危险驾驶", "135") == "drunk_driving");
}

TEST_CASE("The vocabulary maps the labels of 黄赌毒, narrowly", "[vocabulary]") {
  CHECK(Classified("卖淫嫖娼", "") == "prostitution");
  CHECK(Classified("嫖娼", "") == "prostitution");
  CHECK(Classified("容留卖淫", "") == "prostitution");
  CHECK(Classified("招嫖", "") == "prostitution");
  CHECK(Classified("赌博", "") == "gambling");
  CHECK(Classified("参与赌博", "") == "gambling");
  CHECK(Classified("开设赌场", "") == "gambling");
  CHECK(Classified("吸毒", "") == "drugs");
  CHECK(Classified("容留他人吸毒", "") == "drugs");
  CHECK(Classified("注射毒品", "") == "drugs");
  CHECK(Classified("赌博", "35") == "gambling");  // a stray BAC does not make it driving
  // Poison is not drugs.
  CHECK(Classified("投毒", "") == "other");
  CHECK(Classified("投放危险物质", "") == "other");
  CHECK(Classified("生产、销售有毒、有害食品", "") == "other");
  CHECK(Classified("消毒产品违法", "") == "other");
  CHECK(Classified("超速", "") == "other");
  CHECK(Classified("盗窃", "") == "other");
  CHECK(Classified("", "") == "nothing");
}

TEST_CASE("The vocabulary reads the canonical codes and plain English", "[vocabulary]") {
  for (const char* code : {"drink_driving", "drunk_driving", "prostitution", "gambling", "drugs"})
    CHECK(Classified(code, "") == code);
  CHECK(Classified("Drunk Driving", "") == "drunk_driving");
  CHECK(Classified("drink driving", "") == "drink_driving");
  CHECK(Classified("GAMBLING", "") == "gambling");
}

TEST_CASE("ParseBac reads numbers with units and refuses the rest", "[vocabulary]") {
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

TEST_CASE("Resolve reads types and groups as users type them", "[vocabulary]") {
  CHECK(Resolved("drunk_driving") == "drunk_driving");
  CHECK(Resolved("Drink Driving") == "drink_driving");
  CHECK(Resolved("醉驾") == "drunk_driving");
  CHECK(Resolved("赌博") == "gambling");
  CHECK(Resolved("吸毒") == "drugs");
  CHECK(Resolved("嫖娼") == "prostitution");
  CHECK(Resolved("黄赌毒") == "prostitution gambling drugs");
  CHECK(Resolved("酒驾醉驾") == "drink_driving drunk_driving");
  CHECK(Resolved("酒驾") == "drink_driving drunk_driving");
  CHECK(Resolved("speeding").empty());
}

TEST_CASE("OffenceVocabulary::Parse names the file and field of a mistake", "[vocabulary]") {
  CHECK(OffenceVocabulary::Parse(R"({"types": []})", "v.json").error() ==
        "v.json: types: expected a non-empty list of types");
  CHECK(OffenceVocabulary::Parse(R"({"types": [{"code": "x", "zh": "x", "en": "x",
            "bac": [80, 20]}]})",
                                 "v.json")
            .error() == "v.json: types[0].bac: expected a lower bound below the upper one");
  CHECK(OffenceVocabulary::Parse(R"({"types": [{"code": "x", "zh": "x", "en": "x"}],
            "groups": [{"code": "g", "zh": "g", "en": "g", "types": ["y"]}]})",
                                 "v.json")
            .error() == "v.json: groups[0].types: unknown type 'y'");
}

TEST_CASE("StringPool gives one id per distinct string", "[records]") {
  StringPool pool;
  const uint32_t a = pool.Intern("市城建投资集团");
  CHECK(pool.Intern("市水务集团") != a);
  CHECK(pool.Intern("市城建投资集团") == a);
  CHECK(pool.Get(a) == "市城建投资集团");
  CHECK(pool.Intern("") == 0);
}

TEST_CASE("StringPool keeps its ids and text as it grows past a block", "[records]") {
  StringPool pool;
  const std::string long_text(100000, 'x');  // longer than a block of text
  std::vector<std::string_view> views;
  for (int i = 0; i < 20000; ++i)
    views.push_back(pool.Get(pool.Intern("单位" + std::to_string(i))));
  const uint32_t long_id = pool.Intern(long_text);
  CHECK(pool.size() == 20002);
  CHECK(pool.Intern("单位19999") == 20000);
  CHECK(pool.Intern("单位0") == 1);
  CHECK(views[7] == "单位7");  // views taken early still read their text
  CHECK(pool.Get(long_id) == long_text);
  CHECK(pool.Intern("") == 0);
}

TEST_CASE("StringPool::Reserve keeps every string and its id", "[records]") {
  StringPool pool;
  for (int i = 0; i < 300; ++i) pool.Intern("单位" + std::to_string(i));
  pool.Reserve(10);  // less than it holds: nothing to do
  pool.Reserve(50000);
  for (int i = 0; i < 40000; ++i) pool.Intern("姓名" + std::to_string(i));
  pool.Reserve(100000);
  CHECK(pool.size() == 40301);
  for (int i = 0; i < 300; ++i)
    REQUIRE(pool.Intern("单位" + std::to_string(i)) == static_cast<uint32_t>(1 + i));
  for (int i = 0; i < 40000; ++i)
    REQUIRE(pool.Intern("姓名" + std::to_string(i)) == static_cast<uint32_t>(301 + i));
  CHECK(pool.size() == 40301);
  CHECK(pool.Intern("") == 0);
}

TEST_CASE("StringPool::InternAll gives another pool's strings their ids here", "[records]") {
  StringPool here, chunk;
  const uint32_t b = here.Intern("乙");
  chunk.Intern("甲");
  chunk.Intern("乙");
  const std::vector<uint32_t> ids = here.InternAll(chunk);
  REQUIRE(ids.size() == 3);
  CHECK(ids[0] == 0);
  CHECK(here.Get(ids[1]) == "甲");
  CHECK(ids[2] == b);
  CHECK(here.size() == 3);

  // Many strings, some known here already: each is found again by its text
  // afterwards, with the id InternAll gave it, and none is added twice.
  StringPool big;
  for (int i = 0; i < 5000; i += 3) here.Intern("姓名" + std::to_string(i));
  for (int i = 0; i < 5000; ++i) big.Intern("姓名" + std::to_string(i));
  const size_t before = here.size();
  const std::vector<uint32_t> big_ids = here.InternAll(big);
  CHECK(here.size() == before + 5000 - 1667);
  for (int i = 0; i < 5000; ++i) {
    INFO(i);
    REQUIRE(here.Intern("姓名" + std::to_string(i)) == big_ids[static_cast<size_t>(i) + 1]);
  }
  CHECK(here.size() == before + 5000 - 1667);
}

}  // namespace
}  // namespace qinglian
