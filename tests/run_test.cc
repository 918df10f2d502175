#include "qinglian/app/run.h"

#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

#include "qinglian/app/run_summary.h"
#include "test_util.h"

namespace qinglian {
namespace {

using testing::TestData;

RunRequest Request() {
  RunRequest r;
  r.inputs = {{"employees", TestData("loader/employees_utf8.csv")},
              {"offences", TestData("loader/offences_a.csv")},
              {"offences", TestData("loader/offences_b_gb18030.csv")}};
  r.catalog = &testing::BuiltIn();
  for (const char* name : {"soe_drink_driving", "soe_vice"})
    r.models.push_back(*r.catalog->FindModel(name));
  r.as_of = Date::FromYmd(2024, 12, 31);
  r.load.today = r.as_of;
  r.max_reject_rate = 0.5;  // offences_a.csv rejects 3 of its 7 rows on purpose
  r.actor = "tester";
  return r;
}

std::string Render(Store& store) {
  auto leads = store.Leads({});
  REQUIRE(leads.ok());
  std::string out;
  for (const StoredLead& l : *leads)
    out += l.evidence.model + " " + l.evidence.type + " " + l.evidence.unit + " " +
           l.evidence.name + " " + l.evidence.offence_date.Iso() + " " + l.evidence.case_no + "\n";
  return out;
}

TEST_CASE("ExecuteRun turns the fixtures into the expected leads", "[run]") {
  testing::TempDir dir;
  auto store = Store::Open(dir / "q.db", true);
  REQUIRE(store.ok());
  auto report = ExecuteRun(Request(), **store, nullptr);
  REQUIRE(report.ok());
  CHECK(report->run.leads_new == 3);
  CHECK(Render(**store) ==
        "soe_drink_driving drunk_driving 市城建投资集团 张三 2021-03-05 HA-2021-001\n"
        "soe_drink_driving drink_driving 市交通建设集团 李四 2022-01-03 HA-2022-003\n"
        "soe_vice drugs 市交通建设集团 王五 2023-04-01 HA-2023-005\n");
  // 钱七's 2019 offence is more than five years before the as-of date.
  CHECK(report->stats.outside_lookback == 1);
  CHECK(report->files[2].duplicates == 1);  // HA-2021-001 arrives in both offence files
  CHECK(report->persons == 5);
  CHECK(report->coverage.size() == 3);

  const auto json = nlohmann::json::parse(FormatRunJson(*report));
  CHECK(json["status"] == "ok");
  CHECK(json["leads"]["new"] == 3);
  CHECK(json["files"][0]["sha256"].get<std::string>().size() == 64);
  CHECK(json["coverage"]["persons"] == 5);
}

TEST_CASE("ExecuteRun twice on the same input finds nothing new", "[run]") {
  testing::TempDir dir;
  auto store = Store::Open(dir / "q.db", true);
  REQUIRE(store.ok());
  REQUIRE(ExecuteRun(Request(), **store, nullptr).ok());
  auto again = ExecuteRun(Request(), **store, nullptr);
  REQUIRE(again.ok());
  CHECK(again->run.leads_new == 0);
  CHECK(again->run.leads_seen == 3);
}

TEST_CASE("ExecuteRun looks back further when told to", "[run]") {
  testing::TempDir dir;
  auto store = Store::Open(dir / "q.db", true);
  REQUIRE(store.ok());
  RunRequest r = Request();
  r.lookback_years = 10;
  auto report = ExecuteRun(r, **store, nullptr);
  REQUIRE(report.ok());
  CHECK(report->run.leads_new == 4);
  CHECK(Render(**store).find("soe_vice prostitution 市水务集团 钱 七 2019-08-08 HA-2019-008\n") !=
        std::string::npos);
}

TEST_CASE("ExecuteRun fails a run whose reject rate passes the limit, writing only that", "[run]") {
  testing::TempDir dir;
  auto store = Store::Open(dir / "q.db", true);
  REQUIRE(store.ok());
  RunRequest r = Request();
  r.max_reject_rate = 0.05;
  auto report = ExecuteRun(r, **store, nullptr);
  REQUIRE(report.ok());
  CHECK(report->failed());
  CHECK(report->run.message == TestData("loader/offences_a.csv") +
                                   ": 28.6% of rows rejected (limit 5.0%); see the rejects file");
  CHECK(Render(**store).empty());
  auto runs = (*store)->Runs();
  REQUIRE(runs.ok());
  REQUIRE(runs->size() == 1);
  CHECK((*runs)[0].status == RunStatus::kFailed);
}

TEST_CASE("ExecuteRun writes nothing when an input cannot be read", "[run]") {
  testing::TempDir dir;
  auto store = Store::Open(dir / "q.db", true);
  REQUIRE(store.ok());
  RunRequest r = Request();
  r.inputs.push_back({"offences", dir / "missing.csv"});
  auto report = ExecuteRun(r, **store, nullptr);
  CHECK(report.error() == dir / "missing.csv" + ": No such file or directory");
  auto runs = (*store)->Runs();
  REQUIRE(runs.ok());
  CHECK(runs->empty());
}

TEST_CASE("ExecuteRun writes nothing when an input changes while the run reads it", "[run]") {
  testing::TempDir dir;
  auto store = Store::Open(dir / "q.db", true);
  REQUIRE(store.ok());
  const std::string offences = dir / "offences.csv";
  testing::WriteFile(offences, testing::ReadFile(TestData("loader/offences_a.csv")));
  RunRequest r = Request();
  r.inputs[1].path = offences;
  // Another program appends to the export once the run has read it, before
  // its fingerprint is taken: the records and the fingerprint would not be
  // of the same bytes.
  r.on_loaded = [&offences] {
    std::ofstream(offences, std::ios::app) << "\n";
    return Status::Ok();
  };
  auto report = ExecuteRun(r, **store, nullptr);
  CHECK(report.error() == offences + ": the file changed while it was read");
  auto runs = (*store)->Runs();
  REQUIRE(runs.ok());
  CHECK(runs->empty());
  CHECK(Render(**store).empty());
}

TEST_CASE("FormatRunJson survives a file name that is not UTF-8", "[run]") {
  RunReport r;
  r.run.id = 4;
  r.run.status = RunStatus::kFailed;
  r.run.models = {"soe_vice"};
  r.run.message = "\xD5\xC5\xC8\xFD.csv: 50.0% of rows rejected";
  FileSummary f;
  f.file = "\xD5\xC5\xC8\xFD.csv";  // 张三 in GBK
  f.rejects_by_reason[RejectReason::kBadCheck] = 1;
  r.files.push_back(f);
  const auto j = nlohmann::json::parse(FormatRunJson(r));
  CHECK(j["files"][0]["path"] == "\uFFFD\uFFFD\uFFFD\uFFFD.csv");
  CHECK(j["message"] == "\uFFFD\uFFFD\uFFFD\uFFFD.csv: 50.0% of rows rejected");
}

TEST_CASE("ExecuteRun makes a lead for every person of a case with several", "[run]") {
  testing::TempDir dir;
  const std::string header = "姓名,身份证号码,违法行为,违法时间,决定书编号\n";
  const auto row = [](const char* name, const char* id) {
    return std::string(name) + "," + id + ",赌博,2023-06-01,鹤公(治)决字[2023]100号\n";
  };
  testing::WriteFile(dir / "a.csv", header + row("张三", "430102198001019016") +
                                        row("王五", "431202199009099234") +
                                        row("赵六", "431202197503159344"));
  testing::WriteFile(dir / "b.csv", header + row("张三", "430102198001019016"));
  auto store = Store::Open(dir / "q.db", true);
  REQUIRE(store.ok());
  RunRequest r = Request();
  std::erase_if(r.inputs, [](const RunInput& in) { return in.kind == "offences"; });
  r.inputs.push_back({"offences", dir / "a.csv"});
  r.inputs.push_back({"offences", dir / "b.csv"});
  auto report = ExecuteRun(r, **store, nullptr);
  REQUIRE(report.ok());
  CHECK(report->run.leads_new == 3);
  CHECK(report->files[1].duplicates == 0);
  CHECK(report->files[2].duplicates == 1);
  CHECK(Render(**store) ==
        "soe_vice gambling 市城建投资集团 张三 2023-06-01 鹤公(治)决字[2023]100号\n"
        "soe_vice gambling 市交通建设集团 王五 2023-06-01 鹤公(治)决字[2023]100号\n"
        "soe_vice gambling 市水务集团 赵六 2023-06-01 鹤公(治)决字[2023]100号\n");
}

TEST_CASE("ExecuteRun records what each model compared and found, and why one was skipped",
          "[run]") {
  testing::TempDir dir;
  testing::WriteFile(dir / "subsidies.csv",
                     "姓名,身份证号码,救助类别,享受起始日期,享受终止日期,月保障金额\n"
                     "张三,430102198001019016,城市低保,2024-01-01,2024-06-30,600\n"
                     "路人,430105197001019117,城市低保,2024-01-01,,500\n");
  auto store = Store::Open(dir / "q.db", true);
  REQUIRE(store.ok());
  RunRequest r = Request();
  r.inputs.push_back({"subsidies", dir / "subsidies.csv"});
  for (const char* name : {"subsidy_while_employed", "payroll_after_death"})
    r.models.push_back(*r.catalog->FindModel(name));
  auto report = ExecuteRun(r, **store, nullptr);
  REQUIRE(report.ok());
  std::string out;
  for (const ModelRun& m : report->run.model_runs)
    out += fmt::format("{} {} records={} candidates={} new={} seen={} amounts={} '{}'\n", m.model,
                       m.events_kind, m.records, m.candidates, m.leads_new, m.leads_seen,
                       m.amounts ? 1 : 0, m.skipped);
  // offences_a.csv: 7 rows, 2 rejected; offences_b: 2 rows, 1 a duplicate. 钱七's
  // 2019 offence is a candidate of soe_vice, but before its look-back.
  CHECK(out ==
        "soe_drink_driving offences records=6 candidates=2 new=2 seen=0 amounts=0 ''\n"
        "soe_vice offences records=6 candidates=2 new=1 seen=0 amounts=0 ''\n"
        "subsidy_while_employed subsidies records=2 candidates=1 new=1 seen=0 amounts=1 ''\n"
        "payroll_after_death deaths records=0 candidates=0 new=0 seen=0 amounts=0 'no input of "
        "kind deaths'\n");
  auto runs = (*store)->Runs();
  REQUIRE(runs.ok());
  CHECK(runs->at(0).model_runs.size() == 4);
  const std::string text = FormatRunText(*report);
  CHECK(text.find("  model subsidy_while_employed (公职人员违规享受低保 / Public staff drawing "
                  "subsistence allowances): compared 2 records of subsidies, 1 candidates, leads "
                  "1 new, 0 seen again\n"
                  "  model payroll_after_death skipped: no input of kind deaths\n") !=
        std::string::npos);
  const auto j = nlohmann::json::parse(FormatRunJson(*report));
  CHECK(j["by_model"][2] == nlohmann::json::parse(R"({"model": "subsidy_while_employed",
    "events_kind": "subsidies", "records": 2, "candidates": 1, "leads_new": 1, "leads_seen": 0,
    "skipped": null})"));
  CHECK(j["by_model"][3]["skipped"] == "no input of kind deaths");
}

}  // namespace
}  // namespace qinglian
