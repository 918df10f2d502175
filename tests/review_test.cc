// The review queue end to end: a run finds near matches, a person judges
// them, and the judgements hold across runs until a record changes.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "qinglian/core/idcard.h"
#include "test_util.h"

namespace qinglian {
namespace {

using testing::RunCli;

std::string ValidId(const std::string& first17) { return first17 + IdCheckCharacter(first17); }

// A roster with one keyed person, one mistyped number and one number a
// spreadsheet damaged; offences of all three under their true numbers.
struct ReviewFixture {
  testing::TempDir dir;
  std::string db = dir / "q.db", roster = dir / "roster.csv", offences = dir / "offences.csv";
  std::string zhang = ValidId("43010219800101901"), feng = ValidId("43010219850303123"),
              wang = ValidId("43010219900505456");

  ReviewFixture() {
    std::string typo = feng;
    std::swap(typo[14], typo[15]);  // 12 -> 21: the check character no longer fits
    WriteRoster(typo, "财务部");
    testing::WriteFile(offences,
                       "姓名,身份证号码,违法行为,违法时间,血液酒精含量（mg/100ml）,违法地点,"
                       "处罚结果,决定书编号,处罚机关\n"
                       "张三," +
                           zhang +
                           ",醉驾,2021-03-05,85,迎丰路,拘役一个月,HA-1,交警支队\n"
                           "冯勇玉," +
                           feng +
                           ",醉驾,2022-04-01,92,人民路,拘役一个月,HA-2,交警支队\n"
                           "王五," +
                           wang + ",醉驾,2023-06-01,88,建设路,拘役一个月,HA-3,交警支队\n");
  }
  void WriteRoster(const std::string& feng_id, const std::string& feng_department) {
    testing::WriteFile(roster,
                       "单位,部门,姓名,公民身份号码,职务,人员类别,入职日期,离职日期\n"
                       "市城建投资集团,财务部,张三," +
                           zhang +
                           ",会计,普通员工,2010-03-01,\n"
                           "市城建投资集团," +
                           feng_department + ",冯永玉," + feng_id +
                           ",出纳,普通员工,2015-01-01,\n"
                           "市城建投资集团,工程部,王五,4.30102E+17,工程师,普通员工,2012-05-01,\n");
  }
  testing::CliResult Run() const {
    return RunCli("--db '" + db + "' --lang en run --employees '" + roster + "' --offences '" +
                  offences + "' --as-of 2024-12-31 --max-reject-rate 0.9");
  }
  testing::CliResult Cli(const std::string& args) const {
    return RunCli("--db '" + db + "' --lang en " + args);
  }
};

std::string Line(const std::string& out, const std::string& start) {
  const size_t at = out.find(start);
  return at == std::string::npos ? "" : out.substr(at, out.find('\n', at) - at);
}

TEST_CASE("review lists near matches and a judgement makes its lead on the next run",
          "[review][cli]") {
  ReviewFixture f;
  const auto first = f.Run();
  REQUIRE(first.exit_code == 0);
  CHECK(Line(first.out, "  near matches") ==
        "  near matches: 2 roster rows not keyed, 2 candidates, 2 open (qinglian review)");
  // Nothing is a lead until a person says so: only the exact match.
  CHECK(nlohmann::json::parse(f.Cli("leads --format json").out).size() == 1);

  const auto list = f.Cli("review --format json");
  REQUIRE(list.exit_code == 0);
  const auto j = nlohmann::json::parse(list.out);
  REQUIRE(j.size() == 2);
  CHECK(j[0]["id"] == 1);
  CHECK(j[0]["rule"] == "one_digit");
  CHECK(j[0]["score"] == 90);
  CHECK(j[0]["roster"]["name"] == "冯永玉");
  CHECK(j[0]["roster"]["problem"] == "bad_check");
  CHECK(j[0]["other"]["name"] == "冯勇玉");
  CHECK(j[0]["other"]["id_number"] == MaskIdNumber(f.feng));
  CHECK(j[0]["reasons"][0]["why"] == "the names sound alike (冯永玉 / 冯勇玉)");
  CHECK(j[1]["rule"] == "damaged_id");
  CHECK(j[1]["score"] == 65);
  CHECK(j[1]["other"]["name"] == "王五");
  CHECK(f.Cli("review").out.find("#1  score 90  one_digit  soe_drink_driving\n") == 0);

  const auto same = f.Cli("review 1 --same --note 'HR typed two digits the wrong way round'");
  CHECK(same.exit_code == 0);
  CHECK(same.out ==
        "candidate 1: same (the lead is made by the next run, from the records judged)\n");
  CHECK(f.Cli("review 2 --different").out == "candidate 2: different\n");
  CHECK(f.Cli("review 9 --same").err == "qinglian: no candidate 9 (see qinglian review)\n");
  CHECK(f.Cli("review 1").exit_code == 2);
  const auto audit = f.Cli("audit");
  CHECK(audit.out.find("candidate 1: same") != std::string::npos);
  CHECK(audit.out.find("candidate 2: different") != std::string::npos);

  // The next night: judged pairs are not asked again, and the --same pair makes its lead.
  const auto second = f.Run();
  REQUIRE(second.exit_code == 0);
  CHECK(Line(second.out, "  near matches") ==
        "  near matches: 2 roster rows not keyed, 2 candidates, 0 open (qinglian review), 1 "
        "leads matched by review");
  CHECK(f.Cli("review").out == "no open review candidates\n");
  const auto leads = nlohmann::json::parse(f.Cli("leads --format json").out);
  REQUIRE(leads.size() == 2);
  const auto report = nlohmann::json::parse(f.Cli("report --format json").out);
  CHECK(report["review"] ==
        nlohmann::json({{"not_keyed", 2}, {"candidates", 2}, {"open", 0}, {"matched", 1}}));
  CHECK(f.Cli("audit verify").exit_code == 0);

  // A third night with the same records: the same lead, seen again.
  const auto third = f.Run();
  CHECK(third.out.find("leads: 0 new, 2 seen again") != std::string::npos);
}

TEST_CASE("review: a changed record re-opens a judged pair", "[review][cli]") {
  ReviewFixture f;
  REQUIRE(f.Run().exit_code == 0);
  REQUIRE(f.Cli("review 1 --different").exit_code == 0);
  REQUIRE(f.Run().out.find("2 candidates, 1 open") != std::string::npos);
  std::string typo = f.feng;
  std::swap(typo[14], typo[15]);
  f.WriteRoster(typo, "审计部");  // the roster row changed
  const auto changed = f.Run();
  CHECK(changed.out.find("2 candidates, 2 open") != std::string::npos);
  const auto list = f.Cli("review");
  CHECK(list.out.find("#1  score 90") == 0);
  CHECK(list.out.find("judged different by") != std::string::npos);
  CHECK(list.out.find("a record has changed since") != std::string::npos);
}

}  // namespace
}  // namespace qinglian
