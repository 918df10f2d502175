#include "qinglian/output/report.h"

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

Disposition D(int64_t id, LeadStatus status, std::optional<Outcome> o = std::nullopt,
              bool filed = false, int64_t fen = 0) {
  Disposition d;
  d.lead_id = id;
  d.status = status;
  d.outcome = o;
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
  REQUIRE(
      (*store)
          ->Dispose({D(1, LeadStatus::kTransferred),
                     D(1, LeadStatus::kClosed, Outcome::kDoubleExpulsion, true, 1234500),
                     D(2, LeadStatus::kTransferred), D(2, LeadStatus::kClosed, Outcome::kCriticism),
                     D(3, LeadStatus::kTransferred), D(3, LeadStatus::kClosed, Outcome::kUnfounded),
                     D(4, LeadStatus::kTransferred),
                     D(4, LeadStatus::kClosed, Outcome::kDismissal, true, 80000),
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
  CHECK(testing::ByCode(f->outcomes) ==
        std::vector<std::pair<std::string, uint64_t>>{
            {"double_expulsion", 1}, {"dismissal", 1}, {"criticism", 1}, {"unfounded", 1}});
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
  zh.labels.data = {{"soe_drink_driving", {"酒驾醉驾", ""}}, {"soe_vice", {"涉黄赌毒", ""}}};
  CHECK(ReportHeadline(*f, zh) ==
        "截至2024年12月31日，比对覆盖2家单位员工基础数据10条（9人），与酒驾醉驾、涉黄赌毒违法记录40"
        "条进行比对，"
        "发现预警信息7条，形成问题线索5条。已移交核查5条，立案2件，处理处分3人次，其中双开1人、开除"
        "1人；"
        "追缴清退资金1."
        "31万元。另有员工记录2条未纳入比对（身份证号校验位错误1条、身份证号被表格软件损坏1条）。");
  ReportOptions en;
  en.lang = Lang::kEn;
  en.labels.data = {{"soe_drink_driving", {"", "drink and drunk driving"}},
                    {"soe_vice", {"", "prostitution, gambling and drugs"}}};
  CHECK(ReportHeadline(*f, en) ==
        "As of 2024-12-31, the comparison covered 10 employee records (9 persons) of 2 units "
        "against 40 offence "
        "records (drink and drunk driving; prostitution, gambling and drugs). It raised 7 hits and "
        "5 problem leads; "
        "5 were transferred for verification, 2 cases were filed and 3 person-times were handled "
        "or sanctioned, "
        "among them double expulsion (1), dismissal (1); 13,145.00 yuan was recovered. 2 employee "
        "records were not "
        "compared: wrong check character (1), ID number damaged by a spreadsheet (1).");
  const std::string text = FormatReportText(*f, en);
  // The by-unit table's total row, whatever the column widths.
  const size_t total = text.find("\n  total ");
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
  CHECK(j["funnel"][0] == nlohmann::json{{"stage", "hits"}, {"count", 7}});
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

}  // namespace
}  // namespace qinglian
