// The review queue end to end: a run finds near matches, a person judges
// them, and the judgements hold across runs until a record changes.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

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
  CHECK(same.out == "candidate 1: same: lead 2, matched by review (qinglian show 2)\n");
  // The lead is there at once, before any run.
  CHECK(nlohmann::json::parse(f.Cli("leads --format json").out).size() == 2);
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

namespace qinglian {
namespace {

TEST_CASE("review --same makes the lead at once, marked matched by review, and runs keep it",
          "[review][cli]") {
  ReviewFixture f;
  REQUIRE(f.Run().exit_code == 0);
  const auto same = f.Cli("review 1 --same --note '两位数字录反'");
  REQUIRE(same.exit_code == 0);
  CHECK(same.out == "candidate 1: same: lead 2, matched by review (qinglian show 2)\n");
  const auto lead = nlohmann::json::parse(f.Cli("show 2 --format json").out);
  CHECK(lead["name"] == "冯永玉");
  CHECK(lead["matched_by_review"]["note"] == "两位数字录反");
  CHECK(lead["matched_by_review"]["reviewer"] == lead["history"][0]["actor"]);
  CHECK(lead["history"][0]["note"] == "两位数字录反");
  const auto shown = f.Cli("show 2");
  CHECK(shown.out.find("matched by review: ") != std::string::npos);
  CHECK(shown.out.find(" judged the records the same person on ") != std::string::npos);
  CHECK(RunCli("--db '" + f.db + "' --lang zh show 2").out.find("人工复核认定：") !=
        std::string::npos);
  CHECK(f.Cli("audit").out.find("candidate 1: same, lead 2") != std::string::npos);
  // The report's queue is as judged, not as the run left it.
  CHECK(f.Cli("report").out.find("2 near-match candidates, 1 open") != std::string::npos);
  CHECK(f.Cli("audit verify").exit_code == 0);
  // Judged again: the same lead, not a second one.
  CHECK(f.Cli("review 1 --same").out ==
        "candidate 1: same: lead 2, matched by review (qinglian show 2)\n");
  CHECK(nlohmann::json::parse(f.Cli("leads --format json").out).size() == 2);

  // The next runs see the lead again, with the evidence it was made with.
  const auto next = f.Run();
  REQUIRE(next.exit_code == 0);
  CHECK(next.out.find("leads: 0 new, 2 seen again") != std::string::npos);
  CHECK(next.out.find("  0 leads changed\n") != std::string::npos);
  CHECK(nlohmann::json::parse(f.Cli("leads --format json").out).size() == 2);
  CHECK(f.Run().out.find("leads: 0 new, 2 seen again") != std::string::npos);
  CHECK(f.Cli("audit verify").exit_code == 0);

  // The report counts it apart.
  CHECK(f.Cli("report").out.find("  2 roster rows not keyed (ID number damaged or mistyped): 2 "
                                 "near-match candidates, 1 open (qinglian review); 1 leads "
                                 "matched by review (counted apart)\n") != std::string::npos);
  CHECK(RunCli("--db '" + f.db + "' --lang zh report")
            .out.find("经人工复核认定的线索 1 条（另计）") != std::string::npos);
  CHECK(f.Cli("report --format html").out.find("1 leads matched by review (counted apart)") !=
        std::string::npos);
}

}  // namespace
}  // namespace qinglian

namespace qinglian {
namespace {

std::vector<std::string> SplitCsv(const std::string& line) {
  std::vector<std::string> out(1);
  for (char c : line) {
    if (c == ',')
      out.emplace_back();
    else if (c != '\r')
      out.back() += c;
  }
  return out;
}

std::string BaseName(const std::string& path) {
  return std::filesystem::path(path).filename().string();
}

TEST_CASE("the review queue finds the near matches gen plants, and few others", "[review][cli]") {
  testing::TempDir dir;
  const std::string out = dir / "gen", db = dir / "q.db";
  REQUIRE(RunCli("gen --out '" + out + "' --employees 3000 --near 60 --seed 5").exit_code == 0);
  REQUIRE(RunCli("--db '" + db + "' -q run --employees '" + out + "/employees.csv' --offences '" +
                 out + "/offences_traffic.csv' '" + out +
                 "/offences_public_security.csv' --as-of 2024-12-31")
              .exit_code == 0);
  const auto listed =
      RunCli("--db '" + db + "' review --format json --unmask --reason 'quality check'");
  REQUIRE(listed.exit_code == 0);
  const auto candidates = nlohmann::json::parse(listed.out);
  const auto leads = nlohmann::json::parse(
      RunCli("--db '" + db + "' leads --format json --unmask --reason 'quality check'").out);

  // roster line -> (other line, trap, true number) from the truth file.
  struct Truth {
    std::string other, kind;
    bool trap;
    std::string id;
  };
  std::map<std::string, Truth> truth;
  std::istringstream lines(testing::ReadFile(out + "/near_truth.csv"));
  std::string line;
  std::getline(lines, line);
  CHECK(line == "roster_file,roster_line,other_file,other_line,kind,trap,true_id");
  while (std::getline(lines, line)) {
    const std::vector<std::string> f = SplitCsv(line);
    REQUIRE(f.size() == 7);
    truth[f[0] + ":" + f[1]] = {f[2] + ":" + f[3], f[4], f[5] == "1", f[6]};
  }
  int planted = 0, traps = 0;
  for (const auto& [roster, t] : truth) {
    planted += t.kind != "base_noise" && !t.trap;
    traps += t.trap;
  }
  CHECK(planted == 60);
  CHECK(traps == 12);

  int found = 0, right = 0;
  for (const auto& c : candidates) {
    const std::string roster =
        BaseName(c["roster"]["file"]) + ":" + std::to_string(c["roster"]["line"].get<int>());
    const std::string other =
        BaseName(c["other"]["file"]) + ":" + std::to_string(c["other"]["line"].get<int>());
    const auto it = truth.find(roster);
    if (it == truth.end()) continue;
    right += it->second.id == c["other"]["id_number"];
    found += !it->second.trap && it->second.other == other;
  }
  INFO("candidates " << candidates.size() << ", right " << right << ", planted found " << found);
  CHECK(found >= 57);                                            // recall >= 0.95
  CHECK(right * 10 >= static_cast<int>(candidates.size()) * 9);  // precision >= 0.9
  // Nothing is a lead until a person says so.
  for (const auto& l : leads)
    CHECK(!truth.contains(BaseName(l["source"]["employee"]["file"]) + ":" +
                          std::to_string(l["source"]["employee"]["line"].get<int>())));
}

}  // namespace
}  // namespace qinglian

namespace qinglian {
namespace {

TEST_CASE("review: two rows a spreadsheet damaged alike are each paired with the record",
          "[review][cli]") {
  ReviewFixture f;
  testing::WriteFile(f.roster,
                     "单位,部门,姓名,公民身份号码,职务,人员类别,入职日期,离职日期\n"
                     "市城建投资集团,财务部,张三," +
                         f.zhang +
                         ",会计,普通员工,2010-03-01,\n"
                         "市城建投资集团,工程部,王五,4.30102E+17,工程师,普通员工,2012-05-01,\n"
                         "市水务集团,财务部,王五,4.30102E+17,会计,普通员工,2020-01-01,\n");
  REQUIRE(f.Run().exit_code == 0);
  const auto j = nlohmann::json::parse(f.Cli("review --format json").out);
  REQUIRE(j.size() == 2);
  CHECK(j[0]["other"]["line"] == j[1]["other"]["line"]);
  CHECK(j[0]["roster"]["line"] != j[1]["roster"]["line"]);
  CHECK(f.Cli("review 1 --different").exit_code == 0);
  CHECK(f.Run().out.find("2 candidates, 1 open") != std::string::npos);
}

}  // namespace
}  // namespace qinglian

namespace qinglian {
namespace {

testing::CliResult ZhCli(const ReviewFixture& f, const std::string& args) {
  return RunCli("--db '" + f.db + "' --lang zh " + args);
}

TEST_CASE("review: the run summary counts the near matches in Chinese under --lang zh",
          "[review][cli]") {
  ReviewFixture f;
  const auto run = ZhCli(f, "run --employees '" + f.roster + "' --offences '" + f.offences +
                                "' --as-of 2024-12-31 --max-reject-rate 0.9");
  REQUIRE(run.exit_code == 0);
  CHECK(Line(run.out, "  近似匹配") ==
        "  近似匹配：2 条花名册记录身份证号无法比对，候选 2 条，待审核 2 条（qinglian review）");
  CHECK(run.out.find("near matches") == std::string::npos);
}

TEST_CASE("review: the screen speaks Chinese under --lang zh and English under --lang en",
          "[review][cli]") {
  ReviewFixture f;
  REQUIRE(f.Run().exit_code == 0);
  const auto zh = ZhCli(f, "review");
  REQUIRE(zh.exit_code == 0);
  CHECK(zh.out.find("#1  得分 90  身份证号一位之差  soe_drink_driving\n") == 0);
  CHECK(zh.out.find("#2  得分 65  身份证号被表格软件损坏  soe_drink_driving\n") !=
        std::string::npos);
  CHECK(Line(zh.out, "  花名册：冯永玉").find("2015-01-01 至今") != std::string::npos);
  CHECK(Line(zh.out, "  对方记录：冯勇玉") != "");
  CHECK(Line(zh.out, "    +30 ") == "    +30 姓名读音相同（冯永玉 / 冯勇玉）");
  CHECK(zh.out.find("the names") == std::string::npos);
  // The stored reasons keep the English beside the Chinese.
  const auto j = nlohmann::json::parse(ZhCli(f, "review --format json").out);
  CHECK(j[0]["reasons"][0]["why"] == "the names sound alike (冯永玉 / 冯勇玉)");
  CHECK(j[0]["reasons"][0]["why_zh"] == "姓名读音相同（冯永玉 / 冯勇玉）");

  const auto en = f.Cli("review");
  CHECK(en.out.find("#1  score 90  one_digit  soe_drink_driving\n") == 0);
  CHECK(Line(en.out, "  roster: 冯永玉").find("2015-01-01 to now") != std::string::npos);
  CHECK(Line(en.out, "  other:  冯勇玉") != "");
  CHECK(Line(en.out, "    +30 ") == "    +30 the names sound alike (冯永玉 / 冯勇玉)");

  // A candidate stored before its reasons had Chinese shows them in English.
  REQUIRE(std::system(("sqlite3 '" + f.db +
                       "' \"UPDATE review_candidates SET reasons = (SELECT "
                       "json_group_array(json_remove(value, '\\$.why_zh')) FROM "
                       "json_each(reasons))\"")
                          .c_str()) == 0);
  CHECK(Line(ZhCli(f, "review").out, "    +30 ") ==
        "    +30 the names sound alike (冯永玉 / 冯勇玉)");

  CHECK(ZhCli(f, "review 1 --same").out ==
        "候选 1：同一人：线索 2，经审核匹配（qinglian show 2）\n");
  CHECK(ZhCli(f, "review 2 --unsure").out == "候选 2：待定\n");
  const auto judged = ZhCli(f, "review");
  CHECK(Line(judged.out, "  审核结论：待定，审核人 ") != "");
  CHECK(Line(judged.out, "  审核结论：").ends_with("：此后记录有变化，或结论待定"));
  CHECK(Line(f.Cli("review").out, "  judged unsure by ")
            .ends_with(": a record has changed since, or unsure"));
  CHECK(ZhCli(f, "review 2 --different").out == "候选 2：不是同一人\n");
  CHECK(ZhCli(f, "review").out == "没有待审核的候选\n");
}

}  // namespace
}  // namespace qinglian
