#include "qinglian/compare/model.h"

#include <catch2/catch.hpp>

#include "qinglian/core/record_set.h"
#include "test_util.h"

namespace qinglian {
namespace {

ModelContext Context() {
  const Catalog& c = testing::BuiltIn();
  return {&c.kinds, &c.vocabulary};
}

Result<Model> ParseModel(std::string_view text, const std::string& file) {
  return qinglian::ParseModel(text, file, Context());
}

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
  CHECK(m->Covers(static_cast<uint16_t>(testing::BuiltIn().vocabulary.TypeIndex("drunk_driving"))));
  CHECK_FALSE(m->Covers(static_cast<uint16_t>(testing::BuiltIn().vocabulary.TypeIndex("drugs"))));
  CHECK(m->people == "employees");
  CHECK(m->events == "offences");
  CHECK(m->relation == Relation::kDuring);
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

TEST_CASE("ParseModel names the file and field of an unknown kind, field or type", "[model]") {
  const auto bad = [](const std::string& json) { return ParseModel(json, "m.json").error(); };
  const std::string head = R"({"name": "m", "title_zh": "模型", "title_en": "model", )";
  CHECK(bad(head + R"("events": "pensions"})") ==
        "m.json: events: unknown record kind 'pensions' (kinds: businesses, deaths, employees, "
        "feedback, offences, subsidies)");
  CHECK(bad(head + R"("people": "deaths", "events": "subsidies"})") ==
        "m.json: people: the kind 'deaths' has no period (start and end) to compare with");
  CHECK(bad(head + R"("events": "businesses", "filters": [{"field": "rank", "in": ["董事"]}]})")
            .starts_with("m.json: filters[0].field: the kind 'businesses' has no field 'rank' "
                         "(fields: enterprise, credit_code,"));
  CHECK(bad(head + R"("events": "deaths", "relation": "overlap"})") ==
        "m.json: relation: the kind 'deaths' has no period to overlap (use during or after)");
  CHECK(bad(head + R"("events": "offences", "relation": "before", "offence_types": ["drugs"]})") ==
        "m.json: relation: expected during, overlap or after");
  CHECK(bad(head + R"("offence_types": ["speeding"]})")
            .starts_with("m.json: offence_types: unknown type 'speeding' (types: drink_driving,"));
  CHECK(bad(head + R"("events": "deaths", "offence_types": ["drugs"]})") ==
        "m.json: offence_types: the kind 'deaths' has no offence labels; its leads take the "
        "model's name as their type");
  CHECK(bad(head + R"("events": "deaths", "monthly_amount": "sex"})")
            .starts_with("m.json: monthly_amount: expected a money field of the kind 'deaths'"));
}

TEST_CASE("The built-in models read as the issue describes them", "[model]") {
  const Catalog& c = testing::BuiltIn();
  std::vector<std::string> names;
  for (const Model& m : c.models) names.push_back(m.name);
  CHECK(names == std::vector<std::string>{"business_while_employed", "payroll_after_death",
                                          "soe_drink_driving", "soe_vice",
                                          "subsidy_while_employed"});
  const Model& death = *c.FindModel("payroll_after_death");
  CHECK(death.relation == Relation::kAfter);
  CHECK(death.after_days == 30);
  CHECK(LeadType(death, kNoType, c.vocabulary) == "payroll_after_death");
  const Model& drink = *c.FindModel("soe_drink_driving");
  CHECK(LeadType(drink, static_cast<uint16_t>(c.vocabulary.TypeIndex("drunk_driving")),
                 c.vocabulary) == "drunk_driving");
}

}  // namespace
}  // namespace qinglian
