#include "qinglian/output/report.h"

#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <iterator>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "output/report_parts.h"
#include "qinglian/base/money.h"
#include "qinglian/store/store.h"
#include "test_util.h"

namespace qinglian {
namespace {

LeadEvidence Lead(const std::string& key, const std::string& unit, const std::string& type) {
  LeadEvidence e;
  e.key = key;
  e.model = type == "gambling" ? "soe_vice" : "soe_drink_driving";
  e.type = type;
  e.id_number = "430102198001019016";
  e.unit = unit;
  e.offence_date = *ParseDate("2023-01-01");
  return e;
}

Disposition D(int64_t id, LeadStatus status, OutcomeSet o = {}, bool filed = false,
              int64_t fen = 0) {
  Disposition d;
  d.lead_id = id;
  d.status = status;
  d.outcomes = o;
  if (filed) d.case_filed = true;
  if (fen) d.recovered_fen = fen;
  return d;
}

// A store built by hand: 5 leads in two units, dispositions of every kind.
std::unique_ptr<Store> HandBuilt(const testing::TempDir& dir) {
  auto store = Store::Open(dir / "q.db", true);
  REQUIRE(store.ok());
  RunWrite w;
  w.run.started_at = w.run.finished_at = "2025-01-02T03:04:05Z";
  w.run.as_of = "2024-12-31";
  w.run.models = {"soe_drink_driving", "soe_vice"};
  w.run.actor = "t";
  w.run.employee_rows = 12;
  w.run.employee_rejected = 2;
  w.run.offence_rows = 40;
  w.run.hits = 7;
  w.run.persons = 9;
  w.run.sources = {{"employees",
                    "e.csv",
                    1,
                    "x",
                    "csv",
                    "utf-8",
                    12,
                    10,
                    2,
                    0,
                    {{RejectReason::kBadCheck, 1}, {RejectReason::kSpreadsheetDamage, 1}}},
                   {"offences",
                    "o.csv",
                    1,
                    "y",
                    "csv",
                    "utf-8",
                    40,
                    37,
                    3,
                    0,
                    {{RejectReason::kUnknownOffence, 3}}}};
  w.coverage = {{"城投", 6, 5}, {"水务", 4, 4}};
  w.leads = {Lead("a", "城投", "drunk_driving"), Lead("b", "城投", "drink_driving"),
             Lead("c", "城投", "gambling"), Lead("d", "水务", "drunk_driving"),
             Lead("e", "水务", "drink_driving")};
  REQUIRE((*store)->WriteRun(&w).ok());
  REQUIRE((*store)
              ->Dispose(
                  {D(1, LeadStatus::kTransferred),
                   D(1, LeadStatus::kClosed, {Outcome::kPartyExpulsion, Outcome::kGovDismissal},
                     true, 1234500),
                   D(2, LeadStatus::kTransferred), D(2, LeadStatus::kClosed, {Outcome::kCriticism}),
                   D(3, LeadStatus::kTransferred), D(3, LeadStatus::kClosed, {Outcome::kUnfounded}),
                   D(4, LeadStatus::kTransferred),
                   D(4, LeadStatus::kClosed, {Outcome::kGovDismissal}, true, 80000),
                   D(5, LeadStatus::kTransferred)},
                  "t", nullptr)
              .ok());
  return std::move(*store);
}

TEST_CASE("Store::Figures counts every stage of the funnel", "[report]") {
  testing::TempDir dir;
  auto store = HandBuilt(dir);
  auto f = store->Figures(0);
  REQUIRE(f.ok());
  const ReportFigures::Row& t = f->total;
  CHECK(t.found == 5);
  CHECK(t.transferred == 5);
  CHECK(t.closed == 4);
  CHECK(t.unfounded == 1);
  CHECK(t.handled == 3);
  CHECK(t.sanctioned == 2);
  CHECK(t.cases == 2);
  CHECK(t.recovered_fen == 1314500);
  CHECK(f->run.hits == 7);
  CHECK(f->run.persons == 9);
  CHECK(f->leads_in_run == 5);
  REQUIRE(f->by_unit.size() == 2);
  CHECK(f->by_unit[0].key == "城投");
  CHECK(f->by_unit[0].found == 3);
  CHECK(f->by_unit[0].handled == 2);
  CHECK(f->by_unit[1].sanctioned == 1);
  REQUIRE(f->by_type.size() == 3);
  CHECK(f->by_type[0].key == "drink_driving");  // 2 leads, and before drunk_driving by name
  CHECK(f->by_type[2].key == "gambling");
  // Persons per outcome; the one person has two leads dismissed, one with 双开,
  // which counts as 双开 alone.
  CHECK(testing::ByCode(f->outcomes) ==
        std::vector<std::pair<std::string, uint64_t>>{
            {"gov_dismissal", 1}, {"criticism", 1}, {"unfounded", 1}});
  CHECK(f->double_expulsion == 1);
  const ReportFigures::Funnel& n = f->funnel;
  CHECK(std::vector<uint64_t>{n.hits, n.leads, n.transferred, n.cases_filed, n.sanctioned,
                              n.handled,
                              n.person_times} == std::vector<uint64_t>{7, 5, 5, 1, 1, 1, 3});
  CHECK(testing::ByCode(f->employee_rejects) ==
        std::vector<std::pair<std::string, uint64_t>>{{"bad_check", 1}, {"spreadsheet_damage", 1}});
  CHECK(store->Figures(9).error() == "no successful run 9");
}

TEST_CASE("The report's headline says what the newspaper said", "[report]") {
  testing::TempDir dir;
  auto store = HandBuilt(dir);
  auto f = store->Figures(0);
  REQUIRE(f.ok());
  ReportOptions zh;
  zh.labels.kinds = {{"offences", {"公安违法犯罪记录", ""}}};
  CHECK(ReportHeadline(*f, zh) ==
        "截至2024年12月31日，比对覆盖2家单位员工基础数据10条（9人），与公安违法犯罪记录 "
        "37条进行比对，"
        "发现预警信息7条，形成问题线索5条，涉及1人，其中多次违法1人。已移交核查5条，立案1人，处分1"
        "人，"
        "处理处分3人次，其中双开1人、开除1人；追缴清退资金1.31万元。另有员工记录2条未纳入比对"
        "（身份证号校验位错误 1条、身份证号被表格软件损坏 1条）。");
  ReportOptions en;
  en.lang = Lang::kEn;
  en.labels.kinds = {{"offences", {"", "police offence records"}}};
  CHECK(ReportHeadline(*f, en) ==
        "As of 2024-12-31, the comparison covered 10 employee records (9 persons) of 2 units "
        "against 37 police offence records. It raised 7 hits and 5 problem leads concerning 1 "
        "persons (1 of them with more than one lead); 5 were transferred for verification, cases "
        "were filed against 1 persons, 1 persons were sanctioned and 3 person-times were handled "
        "or sanctioned, among them double expulsion (1), dismissal (1); "
        "13,145.00 yuan was recovered. 2 employee records were not "
        "compared: wrong check character (1), ID number damaged by a spreadsheet (1).");
  const std::string text = FormatReportText(*f, en);
  // The by-unit table's total row, whatever the column widths.
  const size_t total = text.find("\n  total ", text.find("By unit\n"));
  REQUIRE(total != std::string::npos);
  std::istringstream row(text.substr(total + 1, text.find('\n', total + 1) - total - 1));
  std::vector<std::string> cells{std::istream_iterator<std::string>(row),
                                 std::istream_iterator<std::string>()};
  CHECK(cells == std::vector<std::string>{"total", "5", "5", "4", "3", "2", "2", "13145.00"});
  CHECK(text.find("  2 employee records: wrong check character (1)") != std::string::npos);
  CHECK(text.find("  3 offence records: unknown offence label (3)\n") != std::string::npos);
}

TEST_CASE("The report's JSON keeps its field names", "[report]") {
  testing::TempDir dir;
  auto store = HandBuilt(dir);
  auto f = store->Figures(0);
  REQUIRE(f.ok());
  const auto j = nlohmann::json::parse(FormatReportJson(*f));
  CHECK(j["run"] == 1);
  CHECK(j["coverage"]["persons"] == 9);
  CHECK(j["coverage"]["employee_records"] == 10);
  CHECK(j["hits"] == 7);
  CHECK(j["leads"]["found"] == 5);
  CHECK(j["leads"]["sanctioned"] == 2);
  CHECK(j["leads"]["recovered_yuan"] == 13145.0);
  CHECK(j["outcomes"]["double_expulsion"] == 1);
  CHECK(j["by_unit"][0]["unit"] == "城投");
  CHECK(j["by_type"][0]["type"] == "drink_driving");
  CHECK(j["funnel"] == nlohmann::json{{"hits", 7},
                                      {"leads", 5},
                                      {"transferred", 5},
                                      {"cases_filed", 1},
                                      {"sanctioned", 1},
                                      {"handled", 1},
                                      {"person_times", 3}});
  CHECK(j["outcomes"] ==
        nlohmann::json{
            {"gov_dismissal", 1}, {"criticism", 1}, {"unfounded", 1}, {"double_expulsion", 1}});
  CHECK(j["not_compared"]["offence_reasons"]["unknown_offence"] == 3);
}

TEST_CASE("The HTML report is one self-contained page with charts", "[report]") {
  testing::TempDir dir;
  auto store = HandBuilt(dir);
  auto f = store->Figures(0);
  REQUIRE(f.ok());
  const std::string html = FormatReportHtml(*f, {});
  CHECK(html.starts_with("<!DOCTYPE html>"));
  CHECK(html.find("<meta name=\"viewport\"") != std::string::npos);
  size_t charts = 0;
  for (size_t at = html.find("<figure"); at != std::string::npos; at = html.find("<figure", at + 1))
    ++charts;
  CHECK(charts == 5);  // funnel, trend, by unit, by type, by model
  for (const char* external : {"<script", "src=", "href=", "@import", "url("}) {
    INFO(external);
    CHECK(html.find(external) == std::string::npos);
  }
  CHECK(html.find("处理处分") != std::string::npos);
}

TEST_CASE("WithThousands groups digits", "[report]") {
  CHECK(WithThousands(0) == "0");
  CHECK(WithThousands(999) == "999");
  CHECK(WithThousands(6990) == "6,990");
  CHECK(WithThousands(4076700) == "4,076,700");
}

TEST_CASE("The report's JSON survives a unit name that is not UTF-8", "[report]") {
  testing::TempDir dir;
  auto store = HandBuilt(dir);
  auto f = store->Figures(0);
  REQUIRE(f.ok());
  f->by_unit[0].key = "\xB3\xC7";  // 城 in GB18030
  f->coverage[0].unit = "\xB3\xC7";
  f->run.models = {"soe\xFF"};
  const auto j = nlohmann::json::parse(FormatReportJson(*f));
  CHECK(j["by_unit"][0]["unit"] == "\uFFFD\uFFFD");
  CHECK(j["coverage"]["by_unit"][0]["unit"] == "\uFFFD\uFFFD");
  CHECK(j["models"] == "soe\uFFFD");
}

// Two runs and a refused third. Run 1 compares offences and subsidies (and
// skips payroll_after_death); run 2 only offences. Person 016 has a
// drink-driving lead and a subsidy lead.
std::unique_ptr<Store> ThreeRuns(const testing::TempDir& dir) {
  auto store = Store::Open(dir / "q.db", true);
  REQUIRE(store.ok());
  const auto lead = [](const std::string& key, const std::string& model, const std::string& id,
                       const std::string& unit) {
    LeadEvidence e = Lead(key, unit, model == "soe_drink_driving" ? "drink_driving" : model);
    e.model = model;
    e.id_number = id;
    if (model == "subsidy_while_employed") {
      e.event_kind = "subsidies";
      e.amount_fen = 360000;
    }
    return e;
  };
  const SourceRecord employees{
      "employees", "e.csv", 1, "x", "csv", "utf-8", 12, 10, 2, 0, {{RejectReason::kBadCheck, 2}}};
  const SourceRecord offences{"offences", "o.csv", 1, "y", "csv", "utf-8", 40, 6, 3, 1, {}};
  const SourceRecord subsidies{"subsidies", "s.csv", 1, "z", "csv", "utf-8", 5, 2, 0, 0, {}};
  const ModelRun drink{
      "soe_drink_driving", "酒驾（记录）", "drink (recorded)", "offences", 36, 4, 0, 0, false, ""};
  const ModelRun subsidy{"subsidy_while_employed",
                         "低保（记录）",
                         "subsidy (recorded)",
                         "subsidies",
                         5,
                         2,
                         0,
                         0,
                         true,
                         ""};
  const ModelRun payroll{
      "payroll_after_death",    "吃空饷（记录）", "payroll (recorded)", "deaths", 0, 0, 0, 0, false,
      "no input of kind deaths"};
  RunWrite w;
  w.run.started_at = w.run.finished_at = "2025-01-02T03:04:05Z";
  w.run.as_of = "2024-12-31";
  w.run.actor = "t";
  w.run.hits = 7;
  w.run.persons = 9;
  w.coverage = {{"城投", 6, 5}, {"水务", 4, 4}};
  w.run.sources = {employees, offences, subsidies};
  w.run.model_runs = {drink, subsidy, payroll};
  w.leads = {lead("a", "soe_drink_driving", "430102198001019016", "城投"),
             lead("b", "soe_drink_driving", "431202199009099234", "水务"),
             lead("s1", "subsidy_while_employed", "430102198001019016", "城投")};
  REQUIRE((*store)->WriteRun(&w).ok());
  RunWrite w2 = w;
  w2.run.finished_at = "2025-01-03T03:04:05Z";
  w2.run.hits = 5;
  w2.run.sources = {employees, offences};
  ModelRun skipped = subsidy;
  skipped.records = skipped.candidates = 0;
  skipped.skipped = "no input of kind subsidies";
  w2.run.model_runs = {drink, skipped, payroll};
  w2.leads = {lead("a", "soe_drink_driving", "430102198001019016", "城投"),
              lead("c", "soe_drink_driving", "431202197503159344", "水务")};
  REQUIRE((*store)->WriteRun(&w2).ok());
  REQUIRE((*store)
              ->Dispose({D(1, LeadStatus::kTransferred),
                         D(1, LeadStatus::kClosed, {Outcome::kGovWarning}, true, 50000)},
                        "t", nullptr)
              .ok());
  RunRecord failed;
  failed.started_at = failed.finished_at = "2025-01-04T03:04:05Z";
  failed.as_of = "2024-12-31";
  failed.actor = "t";
  failed.message = "o.csv: 50.0% of rows rejected (limit 5.0%); see the rejects file";
  REQUIRE((*store)->WriteFailedRun(&failed).ok());
  return std::move(*store);
}

ReportOptions Labelled(Lang lang) {
  ReportOptions o;
  o.lang = lang;
  o.labels.models = {
      {"soe_drink_driving", {"国有企业职工酒驾醉驾", "SOE drink driving"}},
      {"subsidy_while_employed", {"公职人员违规享受低保", "Subsidies while employed"}}};
  o.labels.kinds = {{"offences", {"公安违法犯罪记录", "police offence records"}},
                    {"subsidies", {"低保救助名单", "subsistence allowance recipients"}}};
  return o;
}

TEST_CASE("Store::Figures of one run counts the leads that run found or saw again", "[report]") {
  testing::TempDir dir;
  auto store = ThreeRuns(dir);
  auto all = store->Figures(0);
  REQUIRE(all.ok());
  CHECK(all->run.id == 2);
  CHECK_FALSE(all->run_only);
  CHECK(all->total.found == 4);
  CHECK(all->lead_persons == 3);
  CHECK(all->repeat_persons == 1);
  auto one = store->Figures(1);
  REQUIRE(one.ok());
  CHECK(one->run_only);
  CHECK(one->total.found == 3);
  CHECK(one->lead_persons == 2);
  CHECK(one->repeat_persons == 1);
  CHECK_FALSE(one->latest_failed);
  auto two = store->Figures(2);
  REQUIRE(two.ok());
  CHECK(two->total.found == 2);
  CHECK(two->total.closed == 1);
  CHECK(two->lead_persons == 2);
  CHECK(two->repeat_persons == 0);
  CHECK(two->by_unit.size() == 2);
  CHECK_FALSE(two->latest_failed);
}

TEST_CASE("Store::Figures follows every model: the run's, those it skipped, and others",
          "[report]") {
  testing::TempDir dir;
  auto store = ThreeRuns(dir);
  const auto render = [](const ReportFigures& f) {
    std::string out;
    for (const ReportFigures::ModelRow& m : f.by_model)
      out += fmt::format(
          "{} in_run={} skipped='{}' records={} candidates={} leads={} closed={} "
          "amount={}\n",
          m.run.model, m.in_run ? 1 : 0, m.run.skipped, m.run.records, m.run.candidates,
          m.leads.found, m.leads.closed, m.amount_fen);
    return out;
  };
  auto one = store->Figures(1);
  REQUIRE(one.ok());
  CHECK(render(*one) ==
        "soe_drink_driving in_run=1 skipped='' records=36 candidates=4 leads=2 closed=1 "
        "amount=-1\n"
        "subsidy_while_employed in_run=1 skipped='' records=5 candidates=2 leads=1 closed=0 "
        "amount=360000\n"
        "payroll_after_death in_run=1 skipped='no input of kind deaths' records=0 candidates=0 "
        "leads=0 closed=0 amount=-1\n");
  auto two = store->Figures(2);
  REQUIRE(two.ok());
  // The skipped subsidy model has no leads in run 2, but carries amounts.
  CHECK(render(*two) ==
        "soe_drink_driving in_run=1 skipped='' records=36 candidates=4 leads=2 closed=1 "
        "amount=-1\n"
        "subsidy_while_employed in_run=1 skipped='no input of kind subsidies' records=0 "
        "candidates=0 leads=0 closed=0 amount=0\n"
        "payroll_after_death in_run=1 skipped='no input of kind deaths' records=0 candidates=0 "
        "leads=0 closed=0 amount=-1\n");
  auto all = store->Figures(0);
  REQUIRE(all.ok());
  CHECK(all->by_model[1].leads.found == 1);
  CHECK(all->by_model[1].amount_fen == 360000);
}

TEST_CASE("The headline names each data set compared with its records, and the persons",
          "[report]") {
  testing::TempDir dir;
  auto store = ThreeRuns(dir);
  auto one = store->Figures(1);
  REQUIRE(one.ok());
  CHECK(ReportHeadline(*one, Labelled(Lang::kZh)) ==
        "截至2024年12月31日，比对覆盖2家单位员工基础数据10条（9人），与公安违法犯罪记录 36条、"
        "低保救助名单 5条进行比对，发现预警信息7条，形成问题线索3条，涉及2人，其中多次违法1人。"
        "已移交核查1条，立案1人，处分1人，处理处分1人次，其中政务警告1人；追缴清退资金500.00元。"
        "另有员工记录2条未纳入比对（身份证号校验位错误 2条）。");
  CHECK(ReportHeadline(*one, Labelled(Lang::kEn)) ==
        "As of 2024-12-31, the comparison covered 10 employee records (9 persons) of 2 units "
        "against 36 police offence records and 5 subsistence allowance recipients. It raised 7 "
        "hits and 3 problem leads concerning 2 persons (1 of them with more than one lead); 1 "
        "were transferred for verification, cases were filed against 1 persons, 1 persons were "
        "sanctioned and 1 person-times were handled or sanctioned, among them governmental "
        "warning (1); 500.00 yuan was recovered. 2 employee records "
        "were not compared: wrong check character (2).");
  auto two = store->Figures(2);
  REQUIRE(two.ok());
  const std::string zh = ReportHeadline(*two, Labelled(Lang::kZh));
  CHECK(zh.find("与公安违法犯罪记录 36条进行比对，发现预警信息5条，形成问题线索2条，涉及2人。") !=
        std::string::npos);
}

TEST_CASE("The report follows every model and says what this run found", "[report]") {
  testing::TempDir dir;
  auto store = ThreeRuns(dir);
  auto one = store->Figures(1);
  REQUIRE(one.ok());
  const std::string zh = FormatReportText(*one, Labelled(Lang::kZh));
  CHECK(zh.find("本次运行\n"
                "  模型                  新发现  再次发现\n"
                "  国有企业职工酒驾醉驾       2         0\n"
                "  公职人员违规享受低保       1         0\n"
                "  合计                       3         0\n") != std::string::npos);
  CHECK(
      zh.find("按模型\n"
              "  国有企业职工酒驾醉驾\n"
              "    比对公安违法犯罪记录 36条，候选4条，问题线索2条\n"
              "    移交1条，办结1条，处理处分1人次，其中处分1人次，立案1件，追缴清退资金500.00元\n"
              "  公职人员违规享受低保\n"
              "    比对低保救助名单 5条，候选2条，问题线索1条，涉及金额3,600.00元\n"
              "    移交0条，办结0条，处理处分0人次，其中处分0人次，立案0件，追缴清退资金0.00元\n"
              "  吃空饷（记录）\n"
              "    未运行：no input of kind deaths\n\n") != std::string::npos);
  auto all = store->Figures(0);
  REQUIRE(all.ok());
  const std::string en = FormatReportText(*all, Labelled(Lang::kEn));
  CHECK(en.find("By model\n"
                "  SOE drink driving\n"
                "    compared 36 police offence records: 4 candidates, 3 leads\n"
                "    1 transferred, 1 closed, 1 handled, 1 sanctioned, 1 cases filed, 500.00 yuan "
                "recovered\n"
                "  Subsidies while employed\n"
                "    not run: no input of kind subsidies; 1 leads, 3,600.00 yuan involved\n"
                "    0 transferred, 0 closed, 0 handled, 0 sanctioned, 0 cases filed, 0.00 yuan "
                "recovered\n"
                "  payroll (recorded)\n"
                "    not run: no input of kind deaths\n\n") != std::string::npos);
  CHECK(en.find("This run\n"
                "  model              new  seen again\n"
                "  SOE drink driving    1           1\n"
                "  total                1           1\n") != std::string::npos);
}

TEST_CASE("The report says at the top that the latest run failed and which run it shows",
          "[report]") {
  unsetenv("TZ");  // times shown in China Standard Time
  testing::TempDir dir;
  auto store = ThreeRuns(dir);
  auto f = store->Figures(0);
  REQUIRE(f.ok());
  REQUIRE(f->latest_failed);
  CHECK(f->latest_failed->id == 3);
  CHECK(FormatReportText(*f, Labelled(Lang::kEn))
            .starts_with("qinglian comparison report (run 2, as of 2024-12-31)\n\n"
                         "Note: the latest run (run 3, 2025-01-04 11:04:05) failed: o.csv: 50.0% "
                         "of rows rejected (limit 5.0%); see the rejects file. Shown instead: run "
                         "2.\n\n"
                         "As of 2024-12-31,"));
  CHECK(FormatReportText(*f, Labelled(Lang::kZh))
            .find("\n\n注意：最近一次运行（批次 3，2025-01-04 11:04:05）失败：o.csv: 50.0% of "
                  "rows rejected (limit 5.0%); see the rejects file。以下为批次 2 的结果。\n\n") !=
        std::string::npos);
  const std::string html = FormatReportHtml(*f, Labelled(Lang::kEn));
  CHECK(html.find("<p class=\"notice\">Note: the latest run (run 3,") != std::string::npos);
  CHECK(html.find("<h2>By model</h2>") != std::string::npos);
  CHECK(html.find("<h2>This run</h2>") != std::string::npos);
  CHECK(html.find("<td>Subsidies while employed</td><td>not run: no input of kind "
                  "subsidies</td><td class=\"n\"></td><td class=\"n\"></td><td "
                  "class=\"n\">1</td>") != std::string::npos);
  CHECK(html.find("<td class=\"n\">3,600.00</td></tr>") != std::string::npos);
  CHECK(LatestRunNotice(*f->latest_failed, 0, Lang::kEn) ==
        "Note: the latest run (run 3, 2025-01-04 11:04:05) failed: o.csv: 50.0% of rows rejected "
        "(limit 5.0%); see the rejects file. No run has succeeded yet.");
}

TEST_CASE("The report's JSON follows every model and keeps its older keys", "[report]") {
  testing::TempDir dir;
  auto store = ThreeRuns(dir);
  auto f = store->Figures(0);
  REQUIRE(f.ok());
  const auto j = nlohmann::json::parse(FormatReportJson(*f, Labelled(Lang::kEn)));
  CHECK(j["leads"]["found"] == 4);
  CHECK(j["leads"]["persons"] == 3);
  CHECK(j["leads"]["repeat_persons"] == 1);
  CHECK(j["leads_scope"] == "all");
  CHECK(j["this_run"] == nlohmann::json{{"leads_new", 1},
                                        {"leads_seen", 1},
                                        {"leads_changed", 0},
                                        {"leads_missing", 0},
                                        {"snapshot", false}});
  CHECK(j["latest_failed_run"]["run"] == 3);
  CHECK(j["latest_failed_run"]["finished_at"] == "2025-01-04T03:04:05Z");
  CHECK(j["data_sets_compared"] ==
        nlohmann::json::parse(R"([{"kind": "offences", "records": 36}])"));
  REQUIRE(j["by_model"].size() == 3);
  CHECK(j["by_model"][0] == nlohmann::json::parse(R"({
    "model": "soe_drink_driving", "title": "SOE drink driving", "events_kind": "offences",
    "records": 36, "candidates": 4, "leads": 3, "transferred": 1, "closed": 1, "handled": 1,
    "sanctioned": 1, "cases_filed": 1, "recovered_yuan": 500.0, "amount_involved_yuan": null,
    "skipped": null})"));
  CHECK(j["by_model"][1]["amount_involved_yuan"] == 3600.0);
  CHECK(j["by_model"][1]["records"] == 0);
  CHECK(j["by_model"][1]["skipped"] == "no input of kind subsidies");
  CHECK(j["by_model"][2]["title"] == "payroll (recorded)");
  for (const char* key :
       {"run", "as_of", "models", "coverage", "offence_records_compared", "hits", "leads",
        "leads_in_run", "outcomes", "by_unit", "by_type", "funnel", "not_compared"}) {
    INFO(key);
    CHECK(j.contains(key));
  }
  auto one = store->Figures(1);
  REQUIRE(one.ok());
  const auto j1 = nlohmann::json::parse(FormatReportJson(*one));
  CHECK(j1["leads_scope"] == "run");
  CHECK(j1["latest_failed_run"].is_null());
  CHECK(j1["leads"]["found"] == 3);
}

}  // namespace
}  // namespace qinglian

namespace qinglian {
namespace {

TEST_CASE("The report says whether the units with an expected headcount were covered",
          "[report][units]") {
  testing::TempDir dir;
  auto store = ThreeRuns(dir);
  auto f = store->Figures(0);
  REQUIRE(f.ok());
  // No headcount expected: nothing to say, and JSON says null.
  CHECK(FormatReportText(*f, Labelled(Lang::kZh)).find("全覆盖") == std::string::npos);
  CHECK(nlohmann::json::parse(FormatReportJson(*f, Labelled(Lang::kEn)))["coverage"]["complete"]
            .is_null());

  f->expectations = {{"市水务集团", 500, 480}, {"市城建投资集团", 6, 6}};
  CHECK(FormatReportText(*f, Labelled(Lang::kZh)).find("  未全覆盖：市水务集团 480/500人\n") !=
        std::string::npos);
  CHECK(FormatReportText(*f, Labelled(Lang::kEn))
            .find("  coverage not complete: 市水务集团 480 of 500 persons\n") != std::string::npos);
  const auto j = nlohmann::json::parse(FormatReportJson(*f, Labelled(Lang::kEn)));
  CHECK(j["coverage"]["complete"] == false);
  CHECK(j["coverage"]["expected"][0] ==
        nlohmann::json{
            {"unit", "市水务集团"}, {"expected", 500}, {"found", 480}, {"covered", false}});

  f->expectations = {{"市城建投资集团", 6, 6}};
  CHECK(FormatReportText(*f, Labelled(Lang::kZh)).find("  应覆盖单位1家：全覆盖\n") !=
        std::string::npos);
}

}  // namespace
}  // namespace qinglian

namespace qinglian {
namespace {

// A reject label that ends in a number ("…100毫升") and a data set named with
// one ("公安记录2024") ran into the count after them: "100毫升201条".
TEST_CASE("The text report separates every label from the count after it", "[report]") {
  testing::TempDir dir;
  auto store = ThreeRuns(dir);
  auto f = store->Figures(1);
  REQUIRE(f.ok());
  f->employee_rejects = {{RejectReason::kBelowBac, 201}, {RejectReason::kBadCheck, 2}};
  f->offence_rejects = {{RejectReason::kBelowBac, 3}};
  ReportOptions zh = Labelled(Lang::kZh);
  zh.labels.kinds["offences"] = {"公安记录2024", "police records 2024"};
  const std::string z = FormatReportText(*f, zh);
  for (const char* want : {
           "与公安记录2024 36条、低保救助名单 5条进行比对",
           "另有员工记录203条未纳入比对（酒精含量不足20毫克/100毫升 201条、身份证号校验位错误 "
           "2条）。",
           "    比对公安记录2024 36条，候选4条，问题线索2条\n",
           "    比对低保救助名单 5条，候选2条，问题线索1条",
           "  员工记录 203 条：酒精含量不足20毫克/100毫升 201条、身份证号校验位错误 2条\n",
           "  违法记录 3 条：酒精含量不足20毫克/100毫升 3条\n",
       }) {
    INFO(want);
    CHECK(z.find(want) != std::string::npos);
  }
  ReportOptions en = Labelled(Lang::kEn);
  en.labels.kinds["offences"] = {"公安记录2024", "police records 2024"};
  const std::string e = FormatReportText(*f, en);
  for (const char* want : {
           "against 36 police records 2024 and 5 subsistence allowance recipients.",
           "203 employee records were not compared: BAC below 20 mg/100mL (201), wrong check "
           "character (2).",
           "    compared 36 police records 2024: 4 candidates, 2 leads\n",
           "  203 employee records: BAC below 20 mg/100mL (201), wrong check character (2)\n",
           "  3 offence records: BAC below 20 mg/100mL (3)\n",
       }) {
    INFO(want);
    CHECK(e.find(want) != std::string::npos);
  }
}

}  // namespace
}  // namespace qinglian

namespace qinglian {
namespace {

TEST_CASE("Store::Figures counts the leads per month of their event", "[report]") {
  testing::TempDir dir;
  auto store = Store::Open(dir / "q.db", true);
  REQUIRE(store.ok());
  RunWrite w;
  w.run.started_at = w.run.finished_at = "2025-01-02T03:04:05Z";
  w.run.as_of = "2024-12-31";
  w.run.actor = "t";
  for (const char* date : {"2023-11-05", "2023-11-30", "2024-02-29", "2023-11-01"}) {
    w.leads.push_back(Lead(date, "城投", "drunk_driving"));
    w.leads.back().offence_date = *ParseDate(date);
  }
  REQUIRE((*store)->WriteRun(&w).ok());
  auto f = (*store)->Figures(0);
  REQUIRE(f.ok());
  CHECK(f->leads_by_month ==
        std::vector<std::pair<std::string, uint64_t>>{{"2023-11", 3}, {"2024-02", 1}});
  CHECK((*store)->Figures(1)->leads_by_month == f->leads_by_month);
}

}  // namespace
}  // namespace qinglian

namespace qinglian {
namespace {

std::string StripTags(const std::string& html) {
  return std::regex_replace(html, std::regex("<[^>]*>"), "");
}

// Every match of `pattern` in `html`, its groups joined by '=' and the
// matches by '\n', tags stripped.
std::string Matches(const std::string& html, const std::string& pattern) {
  std::string out;
  const std::regex re(pattern);
  for (auto it = std::sregex_iterator(html.begin(), html.end(), re); it != std::sregex_iterator();
       ++it) {
    for (size_t g = 1; g < it->size(); ++g) out += (g > 1 ? "=" : "") + StripTags((*it)[g].str());
    out += "\n";
  }
  return out;
}

// The first table after `heading`: a line a row, cells separated by '|'.
std::string TableAfter(const std::string& html, const std::string& heading) {
  const size_t h = html.find(heading);
  if (h == std::string::npos) return "no " + heading;
  const size_t begin = html.find("<table", h), end = html.find("</table>", begin);
  std::string t = html.substr(begin, end - begin);
  t = std::regex_replace(t, std::regex("</t[dh]><t[dh][^>]*>"), "|");
  t = std::regex_replace(t, std::regex("</tr>"), "\n");
  return StripTags(t);
}

const char kTile[] = "<span class=\"k\">([^<]*)</span><span class=\"v\">(.*?)</span>";

TEST_CASE("The HTML report opens with the summary figures as tiles", "[report][html]") {
  testing::TempDir dir;
  auto store = HandBuilt(dir);
  auto f = store->Figures(0);
  REQUIRE(f.ok());
  f->run.hits = 107700;
  CHECK(Matches(FormatReportHtml(*f, {}), kTile) ==
        "覆盖人员=9人\n预警信息=107,700条\n问题线索=5条\n涉及人员=1人\n移交核查=5条\n立案=2件\n"
        "处理处分=3人次\n追缴清退资金=13,145.00元\n");
  // Money involved only when some model's leads carry money.
  f->by_model[0].amount_fen = 123456789;
  ReportOptions en;
  en.lang = Lang::kEn;
  CHECK(Matches(FormatReportHtml(*f, en), kTile) ==
        "persons covered=9\nhits=107,700\nleads=5\npersons with leads=1\ntransferred=5\n"
        "cases filed=2\nhandled or sanctioned=3\nmoney involved (yuan)=1,234,567.89\n"
        "money recovered (yuan)=13,145.00\n");
}

TEST_CASE("The HTML report's trend has a column for every month of the events", "[report][html]") {
  testing::TempDir dir;
  auto store = HandBuilt(dir);
  auto f = store->Figures(0);
  REQUIRE(f.ok());
  f->leads_by_month = {{"2023-11", 3}, {"2024-02", 1200}};
  const std::string zh = FormatReportHtml(*f, {});
  CHECK(Matches(zh, "<div class=\"c\" title=\"([^\"]*)\"") ==
        "2023-11: 3\n2023-12: 0\n2024-01: 0\n2024-02: 1,200\n");
  CHECK(Matches(zh, "<div class=\"m\">([^<]*)</div>") == "11\n12\n1\n2\n");
  CHECK(Matches(zh, "<div class=\"y\" style=\"([^\"]*)\">([^<]*)</div>") ==
        "grid-column:1/span 2=2023\ngrid-column:3/span 2=2024\n");
  CHECK(zh.find("<p class=\"note\">2023-11至2024-02，最多的月份2024-02：1,200条</p>") !=
        std::string::npos);
  CHECK(TableAfter(zh, "<summary>逐月数字</summary>") ==
        "月份|问题线索\n2023-11|3\n2023-12|0\n2024-01|0\n2024-02|1,200\n");
  ReportOptions en;
  en.lang = Lang::kEn;
  CHECK(FormatReportHtml(*f, en).find("2023-11 to 2024-02; the most in 2024-02: 1,200") !=
        std::string::npos);

  // Five years: no month numbers, and a year too short to hold its name on a
  // phone goes unnamed.
  f->leads_by_month = {{"2019-06", 1}, {"2024-05", 2}};
  const std::string long_run = FormatReportHtml(*f, {});
  CHECK(Matches(long_run, "<div class=\"c\" title=\"([^\"]*)\"").size() ==
        60 * std::string("2019-06: 1\n").size());
  CHECK(Matches(long_run, "<div class=\"m\">([^<]*)</div>").empty());
  CHECK(Matches(long_run, "<div class=\"y\" style=\"([^\"]*)\">([^<]*)</div>") ==
        "grid-column:1/span 7=2019\ngrid-column:8/span 12=2020\ngrid-column:20/span 12=2021\n"
        "grid-column:32/span 12=2022\ngrid-column:44/span 12=2023\ngrid-column:56/span 5=\n");

  f->leads_by_month.clear();
  CHECK(FormatReportHtml(*f, {}).find("暂无问题线索。") != std::string::npos);
}

TEST_CASE("The HTML report has the coverage table with the expected headcounts", "[report][html]") {
  testing::TempDir dir;
  auto store = HandBuilt(dir);
  auto f = store->Figures(0);
  REQUIRE(f.ok());
  CHECK(TableAfter(FormatReportHtml(*f, {}), "<h2>覆盖范围</h2>") ==
        "单位|记录|人数\n城投|6|5\n水务|4|4\n合计|10|9\n");
  f->expectations = {{"城投", 5, 5}, {"水务", 6, 4}, {"林业", 1500, 0}};
  f->coverage[0].records = 12345;
  const std::string zh = FormatReportHtml(*f, {});
  CHECK(TableAfter(zh, "<h2>覆盖范围</h2>") ==
        "单位|记录|人数|应覆盖人数|覆盖情况\n城投|12,345|5|5|全覆盖\n水务|4|4|6|缺2人\n"
        "林业|0|0|1,500|缺1,500人\n合计|12,349|9||\n");
  CHECK(zh.find("<p class=\"short\">未全覆盖：2家单位少于应覆盖人数</p>") != std::string::npos);
  ReportOptions en;
  en.lang = Lang::kEn;
  f->expectations = {{"城投", 5, 5}};
  const std::string e = FormatReportHtml(*f, en);
  CHECK(TableAfter(e, "<h2>Coverage</h2>") ==
        "unit|records|persons|expected|coverage\n城投|12,345|5|5|complete\n水务|4|4||\n"
        "total|12,349|9||\n");
  CHECK(e.find("<p class=\"ok\">all 1 units with an expected headcount covered</p>") !=
        std::string::npos);
}

TEST_CASE("The HTML report groups the thousands of counts and money", "[report][html]") {
  testing::TempDir dir;
  auto store = HandBuilt(dir);
  auto f = store->Figures(0);
  REQUIRE(f.ok());
  f->by_unit[0].found = 1234;
  f->by_unit[0].recovered_fen = 123456789;
  const std::string table = TableAfter(FormatReportHtml(*f, {}), "<h2>按单位</h2>");
  const size_t row = table.find("\n城投|");
  REQUIRE(row != std::string::npos);
  const std::string line = table.substr(row + 1, table.find('\n', row + 1) - row - 1);
  CHECK(line.starts_with("城投|1,234|"));
  CHECK(line.ends_with("|1,234,567.89"));
  CHECK(table.find("|13,145.00\n") != std::string::npos);  // the total
}

TEST_CASE("The HTML report draws the funnel's stages and every label whole", "[report][html]") {
  testing::TempDir dir;
  auto store = HandBuilt(dir);
  auto f = store->Figures(0);
  REQUIRE(f.ok());
  f->by_unit[0].key = "怀化市城市建设投资集团有限公司";
  for (Lang lang : {Lang::kZh, Lang::kEn}) {
    ReportOptions o;
    o.lang = lang;
    const std::string html = FormatReportHtml(*f, o);
    const size_t at = html.find("<div class=\"bars funnel\">");
    REQUIRE(at != std::string::npos);
    const std::string funnel = html.substr(at, html.find("</figure>", at) - at);
    std::string want;
    for (const report_parts::FunnelStage& s : report_parts::Funnel(*f, lang))
      want += s.label + "\n";
    CHECK(Matches(funnel, "<div class=\"l\">([^<]*)</div>") == want);
    CHECK(html.find("<div class=\"l\">怀化市城市建设投资集团有限公司</div>") != std::string::npos);
    CHECK(html.find("…") == std::string::npos);
  }
}

TEST_CASE("The HTML report's titles follow its language", "[report][html]") {
  testing::TempDir dir;
  auto store = HandBuilt(dir);
  auto f = store->Figures(0);
  REQUIRE(f.ok());
  const char* headings = "<(?:h1|h2|figcaption|summary)>([^<]*)<";
  CHECK(Matches(FormatReportHtml(*f, {}), headings) ==
        "清廉数据比对报告\n工作漏斗\n问题线索月度趋势（按事件发生月份）\n逐月数字\n各单位问题线索\n"
        "各类型问题线索\n各模型问题线索\n覆盖范围\n本次运行\n按单位\n按类型\n按模型\n处置结果\n"
        "未纳入比对\n");
  ReportOptions en;
  en.lang = Lang::kEn;
  CHECK(Matches(FormatReportHtml(*f, en), headings) ==
        "qinglian comparison report\nFunnel\nLeads by month of the event\nFigures by month\n"
        "Leads by unit\nLeads by type\nLeads by model\nCoverage\nThis run\nBy unit\nBy type\n"
        "By model\nOutcomes\nNot compared\n");
}

}  // namespace
}  // namespace qinglian
