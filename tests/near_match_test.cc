#include "qinglian/compare/near_match.h"

#include <catch2/catch.hpp>

#include "qinglian/core/name_variants.h"

namespace qinglian {
namespace {

// A valid number from its first 17 digits.
std::string Id(const std::string& first17) { return first17 + IdCheckCharacter(first17); }
IdKey Key(const std::string& first17) { return ParseIdNumber(Id(first17), Date::Today()).id.key; }

TEST_CASE("ReadDamagedId keeps what a spreadsheet or a slip left of a number", "[near]") {
  struct {
    const char* raw;
    IdProblem problem;
    bool usable;
    const char* digits;
  } cases[] = {
      {"4.31222E+17", IdProblem::kSpreadsheetDamage, true, "431222"},
      {"4,3122219850E+17", IdProblem::kSpreadsheetDamage, true, "43122219850"},
      {"'4.3122E+17", IdProblem::kSpreadsheetDamage, true, "431220"},
      {"４.３１２２２Ｅ＋１７", IdProblem::kSpreadsheetDamage, true, "431222"},
      {"4.31222E+16", IdProblem::kSpreadsheetDamage, false, ""},
      {"430102198001019017", IdProblem::kBadCheck, true, "430102198001019017"},
      {"4301021980130190 1X", IdProblem::kImpossibleDate, true, "43010219801301901X"},
      {"43010219800101901", IdProblem::kBadLength, false, ""},
  };
  for (const auto& c : cases) {
    INFO(c.raw);
    const DamagedId d = ReadDamagedId(c.raw, c.problem);
    CHECK(d.usable == c.usable);
    if (d.usable) CHECK(d.digits == c.digits);
  }
  CHECK(ReadDamagedId("4.31222E+17", IdProblem::kSpreadsheetDamage).rule == NearRule::kDamaged);
  CHECK(ReadDamagedId("430102198001019017", IdProblem::kBadCheck).rule == NearRule::kMistyped);
}

TEST_CASE("RoundsTo follows the spreadsheet's rounding", "[near]") {
  CHECK(RoundsTo(43122219850101123, "431222"));
  CHECK(RoundsTo(43122259850101123, "431223"));  // rounded up
  CHECK_FALSE(RoundsTo(43122259850101123, "431222"));
  CHECK(RoundsTo(43122219850101123, "4312221985"));
  CHECK_FALSE(RoundsTo(43122219860101123, "4312221985"));
}

TEST_CASE("OneEditKeys finds the true number of a changed digit, a swap or a check slip",
          "[near]") {
  const std::string truth = Id("43010219800101901");
  const IdKey key = Key("43010219800101901");
  std::string changed = truth;
  changed[9] = changed[9] == '5' ? '6' : '5';  // a digit of the birth date
  std::string swapped = truth;
  std::swap(swapped[14], swapped[15]);
  std::string check = truth;
  check[17] = check[17] == '1' ? '2' : '1';
  for (const std::string& typo : {changed, swapped, check}) {
    INFO(typo);
    REQUIRE_FALSE(ParseIdNumber(typo, Date::Today()).ok());
    const std::vector<NearKey> keys = OneEditKeys(typo, Date::Today());
    CHECK(std::any_of(keys.begin(), keys.end(), [&](const NearKey& k) { return k.key == key; }));
    for (const NearKey& k : keys) CHECK(ParseIdNumber(IdKeyToString(k.key), Date::Today()).ok());
  }
  const std::vector<NearKey> keys = OneEditKeys(swapped, Date::Today());
  const auto it =
      std::find_if(keys.begin(), keys.end(), [&](const NearKey& k) { return k.key == key; });
  REQUIRE(it != keys.end());
  CHECK(it->swap);
  CHECK(it->position == 14);
}

TEST_CASE("Names agree by form, sound or one character", "[near][names]") {
  const NameVariants& n = NameVariants::Builtin();
  REQUIRE(n.available());  // the build found the Unihan files (unicode-data)
  struct {
    const char* a;
    const char* b;
    NameAgreement want;
  } cases[] = {
      {"冯勇玉", "冯勇玉", NameAgreement::kExact},
      {"冯勇玉", "冯 勇玉", NameAgreement::kExact},
      {"馮勇玉", "冯勇玉", NameAgreement::kVariant},
      {"阿卜杜拉·买买提", "阿卜杜拉买买提", NameAgreement::kVariant},
      {"阿卜杜拉.买买提", "阿卜杜拉・买买提", NameAgreement::kVariant},
      {"Zhang San", "zhangsan", NameAgreement::kVariant},
      {"冯勇玉", "冯永玉", NameAgreement::kHomophone},
      {"馮勇玉", "冯永育", NameAgreement::kHomophone},
      {"冯勇玉", "冯勇华", NameAgreement::kOneChar},
      {"冯勇玉", "李明", NameAgreement::kNone},
      {"冯勇玉", "", NameAgreement::kNone},
  };
  for (const auto& c : cases) {
    INFO(c.a << " / " << c.b);
    CHECK(NameAgreementCode(n.Compare(c.a, c.b)) == std::string(NameAgreementCode(c.want)));
  }
}

TEST_CASE("FindNearPairs pairs by each rule and never takes an explained record", "[near]") {
  const std::string feng = "43122219850101123", wang = "43122219900202234";
  std::string typo = Id(feng);
  typo[12] = typo[12] == '7' ? '8' : '7';
  std::vector<UnkeyedPerson> rows = {
      {ReadDamagedId(typo, IdProblem::kBadCheck), "冯永玉", "市水务集团"},
      {ReadDamagedId("4.31222E+17", IdProblem::kSpreadsheetDamage), "王五", "市水务集团"},
      // The namesake of an explained record: the record is not his.
      {ReadDamagedId("4.31222E+17", IdProblem::kSpreadsheetDamage), "赵六", "市交通集团"},
  };
  REQUIRE(rows[0].id.usable);
  const std::vector<OtherPerson> others = {
      {Key(feng), "冯勇玉", "", false},
      {Key(wang), "王五", "", false},
      {Key("43122219770303345"), "赵六", "", true},   // an exact match explains it
      {Key("43122219900202256"), "李四", "", false},  // nobody's name
      {Key("43052419900202234"), "王五", "", false},  // another region
  };
  const std::vector<NearPair> pairs =
      FindNearPairs(rows, others, NameVariants::Builtin(), Date::Today());
  std::string got;
  for (const NearPair& p : pairs)
    got += std::to_string(p.row) + "-" + std::to_string(p.other) + " " + NearRuleCode(p.rule) +
           " " + NameAgreementCode(p.name) + "\n";
  CHECK(got ==
        "0-0 one_digit homophone\n"
        "1-1 damaged_id exact\n");
}

TEST_CASE("ScoreNearPair explains each part and keeps weak pairs under the threshold", "[near]") {
  const std::string feng = "43122219850101123";
  std::string typo = Id(feng);
  std::swap(typo[14], typo[15]);
  UnkeyedPerson row{ReadDamagedId(typo, IdProblem::kBadCheck), "冯勇玉", "市水务集团"};
  OtherPerson other{Key(feng), "冯勇玉", "", false};
  const NearPair pair{0, 0, NearRule::kMistyped, {Key(feng), 14, true}, NameAgreement::kExact};
  const NearScore s = ScoreNearPair(row, other, pair);
  std::string got;
  for (const ScorePart& p : s.parts)
    got += p.code + " " + std::to_string(p.points) + " " + p.why + "\n";
  CHECK(got ==
        "name 40 the names agree (冯勇玉)\n"
        "region 15 region 431222 agrees\n"
        "birth_date 20 birth date 1985-01-01 agrees\n"
        "sex 5 the sex the numbers give agrees\n"
        "id_number 10 two adjacent characters swapped (positions 15 and 16)\n"
        "time 10 the other record falls in this employment as the model asks\n"
        "unit 0 the other record names no unit\n");
  CHECK(s.total == 100);

  // Only the region shown: an exact name is enough, a homophone is not.
  UnkeyedPerson damaged{ReadDamagedId("4.31222E+17", IdProblem::kSpreadsheetDamage), "冯勇玉", ""};
  NearPair by_prefix{0, 0, NearRule::kDamaged, {}, NameAgreement::kExact};
  CHECK(ScoreNearPair(damaged, other, by_prefix).total == 65);
  by_prefix.name = NameAgreement::kHomophone;
  CHECK(ScoreNearPair(damaged, other, by_prefix).total < kReviewThreshold);
}

}  // namespace
}  // namespace qinglian
