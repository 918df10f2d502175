#include "qinglian/output/report.h"

#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>

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
  // Persons per outcome; the one person has two leads dismissed, one with 双开.
  CHECK(testing::ByCode(f->outcomes) ==
        std::vector<std::pair<std::string, uint64_t>>{
            {"party_expulsion", 1}, {"gov_dismissal", 1}, {"criticism", 1}, {"unfounded", 1}});
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
  CHECK(
      ReportHeadline(*f, zh) ==
      "截至2024年12月31日，比对覆盖2家单位员工基础数据10条（9人），与公安违法犯罪记录37条进行比对，"
      "发现预警信息7条，形成问题线索5条，涉及1人，其中多次违法1人。已移交核查5条，立案1人，处分1人"
      "，"
      "处理处分3人次，其中双开1人、开除党籍1人、开除1人；追缴清退资金1."
      "31万元。另有员工记录2条未纳入比对（身份证号校验位"
      "错误1条、身份证号被表格软件损坏1条）。");
  ReportOptions en;
  en.lang = Lang::kEn;
  en.labels.kinds = {{"offences", {"", "police offence records"}}};
  CHECK(ReportHeadline(*f, en) ==
        "As of 2024-12-31, the comparison covered 10 employee records (9 persons) of 2 units "
        "against 37 police offence records. It raised 7 hits and 5 problem leads concerning 1 "
        "persons (1 of them with more than one lead); 5 were transferred for verification, cases "
        "were filed against 1 persons, 1 persons were sanctioned and 3 person-times were handled "
        "or sanctioned, among them double expulsion (1), expulsion from the Party (1), dismissal "
        "(1); 13,145.00 yuan was recovered. 2 employee records were not "
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
  CHECK(j["outcomes"] == nlohmann::json{{"party_expulsion", 1},
                                        {"gov_dismissal", 1},
                                        {"criticism", 1},
                                        {"unfounded", 1},
                                        {"double_expulsion", 1}});
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
  for (size_t at = html.find("<svg"); at != std::string::npos; at = html.find("<svg", at + 1))
    ++charts;
  CHECK(charts == 3);
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
        "截至2024年12月31日，比对覆盖2家单位员工基础数据10条（9人），与公安违法犯罪记录36条、"
        "低保救助名单5条进行比对，发现预警信息7条，形成问题线索3条，涉及2人，其中多次违法1人。"
        "已移交核查1条，立案1人，处分1人，处理处分1人次，其中政务警告1人；追缴清退资金500.00元。"
        "另有员工记录2条未纳入比对（身份证号校验位错误2条）。");
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
  CHECK(zh.find("与公安违法犯罪记录36条进行比对，发现预警信息5条，形成问题线索2条，涉及2人。") !=
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
              "    比对公安违法犯罪记录36条，候选4条，问题线索2条\n"
              "    移交1条，办结1条，处理处分1人次，其中处分1人次，立案1件，追缴清退资金500.00元\n"
              "  公职人员违规享受低保\n"
              "    比对低保救助名单5条，候选2条，问题线索1条，涉及金额3600.00元\n"
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
  testing::TempDir dir;
  auto store = ThreeRuns(dir);
  auto f = store->Figures(0);
  REQUIRE(f.ok());
  REQUIRE(f->latest_failed);
  CHECK(f->latest_failed->id == 3);
  CHECK(FormatReportText(*f, Labelled(Lang::kEn))
            .starts_with("qinglian comparison report (run 2, as of 2024-12-31)\n\n"
                         "Note: the latest run (run 3, 2025-01-04T03:04:05Z) failed: o.csv: 50.0% "
                         "of rows rejected (limit 5.0%); see the rejects file. Shown instead: run "
                         "2.\n\n"
                         "As of 2024-12-31,"));
  CHECK(FormatReportText(*f, Labelled(Lang::kZh))
            .find("\n\n注意：最近一次运行（批次 3，2025-01-04T03:04:05Z）失败：o.csv: 50.0% of "
                  "rows rejected (limit 5.0%); see the rejects file。以下为批次 2 的结果。\n\n") !=
        std::string::npos);
  const std::string html = FormatReportHtml(*f, Labelled(Lang::kEn));
  CHECK(html.find("<p class=\"notice\">Note: the latest run (run 3,") != std::string::npos);
  CHECK(html.find("<h2>By model</h2>") != std::string::npos);
  CHECK(html.find("<h2>This run</h2>") != std::string::npos);
  CHECK(html.find("<td>Subsidies while employed</td><td class=\"n\">not run: no input of kind "
                  "subsidies</td><td class=\"n\"></td><td class=\"n\"></td><td "
                  "class=\"n\">1</td>") != std::string::npos);
  CHECK(html.find("<td class=\"n\">3600.00</td></tr>") != std::string::npos);
  CHECK(LatestRunNotice(*f->latest_failed, 0, Lang::kEn) ==
        "Note: the latest run (run 3, 2025-01-04T03:04:05Z) failed: o.csv: 50.0% of rows rejected "
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
