#include "qinglian/compare/model.h"

#include <catch2/catch.hpp>

namespace qinglian {
namespace {

std::string ModelText(const std::string& extra) {
  return R"({"name": "m", "title_zh": "模型", "title_en": "model",
             "offence_types": ["drunk_driving"])" +
         extra + "}";
}

TEST_CASE("ParseModel reads a model file", "[model]") {
  const Result<Model> m = ParseModel(ModelText(R"(, "lookback_years": 10)"), "m.json");
  REQUIRE(m.ok());
  CHECK(m->name == "m");
  CHECK(m->lookback_years == 10);
  CHECK(m->Covers(OffenceType::kDrunkDriving));
}

TEST_CASE("ParseModel refuses numbers out of range instead of aborting or wrapping", "[model]") {
  struct {
    const char* extra;
    const char* want;
  } cases[] = {
      {R"(, "lookback_years": 1e400)", "m.json: lookback_years: the number 1e400 is out of range"},
      {R"(, "notes": [1, -1e400])", "m.json: notes: the number -1e400 is out of range"},
      {R"(, "lookback_years": 4294967297)",
       "m.json: lookback_years: expected a whole number of years from 0 to 100"},
      {R"(, "lookback_years": 18446744073709551616)",
       "m.json: lookback_years: expected a whole number of years from 0 to 100"},
      {R"(, "lookback_years": -1)",
       "m.json: lookback_years: expected a whole number of years from 0 to 100"},
      {R"(, "lookback_years": 5.5)",
       "m.json: lookback_years: expected a whole number of years from 0 to 100"},
      {R"(, "lookback_years": 1e2)",
       "m.json: lookback_years: expected a whole number of years from 0 to 100"},
      {R"(, "lookback_years": "5")",
       "m.json: lookback_years: expected a whole number of years from 0 to 100"},
  };
  for (const auto& c : cases) {
    INFO(c.extra);
    const Result<Model> m = ParseModel(ModelText(c.extra), "m.json");
    REQUIRE_FALSE(m.ok());
    CHECK(m.error() == c.want);
  }
  CHECK(ParseModel(R"({"name": 1e400})", "m.json").error() ==
        "m.json: name: the number 1e400 is out of range");
  CHECK(ParseModel("[1e400]", "m.json").error() == "m.json: the number 1e400 is out of range");
  CHECK(ParseModel(R"({"name": )", "m.json").error() == "m.json: not valid JSON (byte 10)");
}

}  // namespace
}  // namespace qinglian
