#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "qinglian/core/audit.h"
#include "qinglian/input/csv.h"
#include "qinglian/output/audit_log.h"
#include "qinglian/output/lead_format.h"
#include "qinglian/output/lead_sheet.h"
#include "test_util.h"

namespace qinglian {
namespace {

StoredLead Lead() {
  StoredLead l;
  l.id = 3;
  l.status = LeadStatus::kClosed;
  l.outcomes = {Outcome::kGovWarning};
  l.recovered_fen = 123456;
  LeadEvidence& e = l.evidence;
  e.model = "soe_drink_driving";
  e.type = "drunk_driving";
  e.id_number = "430102198001019016";
  e.name = "张三";
  e.offence_name = "张三";
  e.unit = "=HYPERLINK(\"http://evil\")";
  e.department = "+财务部";
  e.position = "-会计";
  e.category = "@领导";
  e.place = "\t迎丰路";
  e.penalty = "\r罚款";
  e.offence_date = *ParseDate("2021-03-05");
  e.bac = 853;
  e.case_no = "HA-1";
  return l;
}

std::vector<std::string> ReadBack(const std::string& csv, int row) {
  CsvReader reader(std::string_view(csv).substr(3), ',');  // after the byte-order mark
  CsvRow r;
  for (int i = 0; i <= row; ++i) REQUIRE(reader.Next(&r));
  return std::vector<std::string>(r.fields.begin(), r.fields.end());
}

TEST_CASE("WriteLeadsCsv masks ID numbers and neutralises formulas", "[export]") {
  std::ostringstream out;
  WriteLeadsCsv(out, {Lead()}, {});
  const std::string csv = out.str();
  CHECK(
      csv.starts_with("\xEF\xBB\xBF"
                      "线索编号,"));
  const auto cells = ReadBack(csv, 1);
  CHECK(cells[11] == "430102********9016");
  CHECK(cells[5] == "'=HYPERLINK(\"http://evil\")");
  CHECK(cells[6] == "'+财务部");
  CHECK(cells[7] == "'-会计");
  CHECK(cells[8] == "'@领导");
  CHECK(cells[17] == "'\t迎丰路");
  CHECK(cells[18] == "'\r罚款");
  CHECK(cells[22] == "1234.56");
  CHECK(csv.find("430102198001019016") == std::string::npos);
}

TEST_CASE("WriteLeadsCsv keeps an unmasked ID number as text", "[export]") {
  std::ostringstream out;
  ExportOptions o;
  o.unmask = true;
  o.lang = Lang::kEn;
  WriteLeadsCsv(out, {Lead()}, o);
  CHECK(ReadBack(out.str(), 0)[11] == "id_number");
  CHECK(ReadBack(out.str(), 1)[11] == "430102198001019016\t");
}

TEST_CASE("WriteLeadsXlsx writes IDs as strings, dates as dates, and a header", "[export]") {
  testing::TempDir dir;
  const std::string path = dir / "leads.xlsx";
  REQUIRE(WriteLeadsXlsx(path, {Lead()}, {}).ok());
  const auto unzip = [&](const char* member) {
    const std::string out = dir / "member";
    std::system(("unzip -p '" + path + "' " + member + " > '" + out + "'").c_str());
    return testing::ReadFile(out);
  };
  const std::string sheet = unzip("xl/worksheets/sheet1.xml");
  const std::string strings = unzip("xl/sharedStrings.xml");
  CHECK(strings.find("430102********9016") != std::string::npos);
  CHECK(strings.find("=HYPERLINK") != std::string::npos);  // stored as text
  CHECK(sheet.find("<f>") == std::string::npos);           // no formula anywhere
  CHECK(sheet.find("<pane ySplit=\"1\"") != std::string::npos);
  CHECK(sheet.find("<autoFilter ref=\"A1:AJ2\"") != std::string::npos);
  CHECK(sheet.find("<c r=\"O2\" s=\"2\"><v>44260</v></c>") !=
        std::string::npos);  // 2021-03-05, date-styled
  CHECK(sheet.find("<c r=\"Q2\"><v>85.3</v></c>") != std::string::npos);
  CHECK(unzip("xl/styles.xml").find("yyyy-mm-dd") != std::string::npos);
}

TEST_CASE("WriteLeadsXlsx fails in one line on a bad path", "[export]") {
  const Status s = WriteLeadsXlsx("/nonexistent/dir/leads.xlsx", {Lead()}, {});
  CHECK(s.message().starts_with("/nonexistent/dir/leads.xlsx: "));
}

TEST_CASE("LeadsJson has the documented fields", "[export]") {
  const auto j = nlohmann::json::parse(LeadsJson({Lead()}, {}));
  CHECK(j[0]["id_number"] == "430102********9016");
  CHECK(j[0]["bac"] == 85.3);
  CHECK(j[0]["recovered_yuan"] == 1234.56);
  ExportOptions o;
  o.unmask = true;
  CHECK(nlohmann::json::parse(LeadsJson({Lead()}, o))[0]["id_number"] == "430102198001019016");
}

TEST_CASE("LeadsTable aligns Chinese text by display width", "[export]") {
  StoredLead a = Lead(), b = Lead();
  a.evidence.unit = "市水务集团";
  b.evidence.unit = "water";
  b.id = 12;
  ExportOptions o;
  o.lang = Lang::kEn;
  o.labels.types["drunk_driving"] = {"醉酒驾驶", "drunk driving"};
  const std::string t = LeadsTable({a, b}, o);
  CHECK(
      t.find(
          "3   drunk driving  closed (governmental warning)  市水务集团  张三  430102********9016  "
          "2021-03-05  BAC 85.3, HA-1\n") != std::string::npos);
  CHECK(t.find("12  drunk driving  closed (governmental warning)  water       张三") !=
        std::string::npos);
  CHECK(t.ends_with("(2 leads)\n"));
  o.lang = Lang::kZh;
  CHECK(LeadsTable({a}, o).find("3     醉酒驾驶  办结（政务警告）  市水务集团") !=
        std::string::npos);
}

TEST_CASE("MaskIdNumbersIn masks every ID number in free text", "[audit]") {
  CHECK(MaskIdNumbersIn("--note 430102198001019016 and 43120219681120945x") ==
        "--note 430102********9016 and 431202********945x");
  CHECK(MaskIdNumbersIn("431202681120945") == "431202*****0945");
  CHECK(MaskIdNumbersIn("--limit 20 --run 3") == "--limit 20 --run 3");
  CHECK(MaskIdNumbersIn("12345678901234567890") == "12345678901234567890");
}

TEST_CASE("LeadsJson survives fields that are not UTF-8", "[export]") {
  StoredLead l = Lead();
  l.evidence.name = "\xD5\xC5";  // 张 in GB18030
  l.evidence.offence_file = "\xB9\xA4.csv";
  const auto j = nlohmann::json::parse(LeadsJson({l}, {}));
  CHECK(j[0]["name"] == "\uFFFD\uFFFD");
  CHECK(j[0]["source"]["offence"]["file"] == "\uFFFD\uFFFD.csv");
}

TEST_CASE("MakeAuditEntry keeps arguments that are not UTF-8", "[audit]") {
  const AuditEntry e = MakeAuditEntry("t\xFF", "dispose", {"--note", "\xFF"});
  CHECK(e.args == "[\"--note\",\"\uFFFD\"]");
  CHECK(FormatAuditLog({e}, Lang::kEn).find("[--note \uFFFD]") != std::string::npos);
}

TEST_CASE("WriteLeadsXlsx does not follow a link planted at a temporary name", "[export]") {
  testing::TempDir dir;
  const std::string path = dir / "leads.xlsx", victim = dir / "victim";
  testing::WriteFile(victim, "keep me\n");
  // The name the workbook used to be written under before it was renamed.
  std::filesystem::create_symlink(victim, path + ".tmp-" + std::to_string(::getpid()));
  REQUIRE(WriteLeadsXlsx(path, {Lead()}, {}).ok());
  CHECK(testing::ReadFile(victim) == "keep me\n");
  CHECK(testing::ReadFile(path).starts_with("PK"));
  CHECK(std::filesystem::status(path).permissions() ==
        (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write));
}

std::string Unzip(const std::string& path, const char* member) {
  testing::TempDir dir;
  const std::string out = dir / "member";
  std::system(("unzip -p '" + path + "' " + member + " > '" + out + "'").c_str());
  return testing::ReadFile(out);
}

TEST_CASE("WriteLeadsXlsx cuts an over-long cell visibly instead of dropping it", "[export]") {
  testing::TempDir dir;
  const std::string path = dir / "leads.xlsx";
  StoredLead l = Lead();
  l.evidence.place = std::string(40000, 'a');
  l.evidence.penalty = "罚款" + std::string(33000, 'b');
  REQUIRE(WriteLeadsXlsx(path, {l}, {}).ok());
  const std::string strings = Unzip(path, "xl/sharedStrings.xml");
  // Excel holds 32,767 characters in a cell: the marker takes the last 12.
  CHECK(strings.find(">" + std::string(32755, 'a') + "…[truncated]<") != std::string::npos);
  CHECK(strings.find(">罚款" + std::string(32753, 'b') + "…[truncated]<") != std::string::npos);
}

TEST_CASE("WriteLeadsXlsx refuses more leads than a sheet holds", "[export]") {
  testing::TempDir dir;
  const std::string path = dir / "leads.xlsx";
  ExportOptions o;
  o.xlsx_max_rows = 3;  // Excel's own limit is 1,048,576 rows, header included
  CHECK(WriteLeadsXlsx(path, {Lead(), Lead()}, o).ok());
  const Status s = WriteLeadsXlsx(path, {Lead(), Lead(), Lead()}, o);
  CHECK(s.message() == path +
                           ": 3 leads do not fit in one sheet (at most 2 below the header); "
                           "narrow them down with the filters, or export CSV");
}

TEST_CASE("LeadsTable shows control characters instead of sending them to the terminal",
          "[export]") {
  StoredLead l = Lead();
  l.evidence.unit = "城建\x1b]0;title\x07\xC2\x9B";
  l.evidence.name = "张\x7f三";
  const std::string t = LeadsTable({l}, {});
  CHECK(t.find("城建\\x1b]0;title\\x07\\u009b  张\\x7f三 ") != std::string::npos);
  CHECK(t.find('\x1b') == std::string::npos);
  CHECK(t.find('\x07') == std::string::npos);
  CHECK(t.find('\x7f') == std::string::npos);
}

}  // namespace
}  // namespace qinglian
