#include "qinglian/input/loader.h"

#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <set>

#include "test_util.h"

namespace qinglian {
namespace {

const Date kLoadToday = Date::FromYmd(2026, 11, 26);

LoadOptions Options() {
  LoadOptions o;
  o.today = kLoadToday;
  o.vocabulary = &testing::BuiltIn().vocabulary;
  return o;
}

const RecordKind& Employees() { return testing::Kind("employees"); }
const RecordKind& Offences() { return testing::Kind("offences"); }

// One line per employee record: file:line unit/department name id hire..leave.
std::string Render(const RecordSet& t) {
  std::string out;
  const RecordKind& k = t.kind();
  for (size_t r = 0; r < t.size(); ++r) {
    out += std::to_string(t.source(r).line) + " " + std::string(t.text(r, k.unit)) + "/" +
           std::string(t.text(r, k.Field("department"))) + " " +
           std::string(t.text(r, k.name_field)) + " " + IdKeyToString(t.key(r)) + " " +
           t.start(r).Iso() + ".." + t.end(r).Iso() + "\n";
  }
  return out;
}

Result<FileSummary> LoadEmployeeFile(RecordLoader& loader, const std::string& name,
                                     std::vector<Reject>* rejects = nullptr) {
  auto source = OpenFileSource(testing::TestData("loader/" + name));
  REQUIRE(source.ok());
  return loader.Load(**source, [&](const Reject& r) {
    if (rejects) rejects->push_back(r);
  });
}

const char* kExpectedEmployees =
    "2 市城建投资集团/财务部 张三 430102198001019016 2010-03-01..\n"
    "3 市城建投资集团/工程部 李四 430102198505059126 2015-06-01..2020-06-30\n"
    "4 市交通建设集团/工程部 李四 430102198505059126 2020-07-01..\n"
    "5 市交通建设集团/办公室 王五 431202199009099234 2012-01-05..\n"
    "6 市水务集团/办公室 赵六 431202197503159344 2010-01-01..\n"
    "7 市水务集团/办公室 钱 七 43120219681120945X 2005-01-01..\n";

TEST_CASE("EmployeeLoader reads the same records from every encoding", "[loader]") {
  struct {
    const char* file;
    Encoding encoding;
    char delimiter;
  } cases[] = {
      {"employees_utf8_bom.csv", Encoding::kUtf8, ','},
      {"employees_utf8.csv", Encoding::kUtf8, ','},
      {"employees_utf16.txt", Encoding::kUtf16Le, '\t'},
  };
  for (const auto& c : cases) {
    INFO(c.file);
    RecordLoader loader(Employees(), Options());
    const auto s = LoadEmployeeFile(loader, c.file);
    REQUIRE(s.ok());
    CHECK(s->encoding == c.encoding);
    CHECK(s->delimiter == c.delimiter);
    CHECK(s->rows == 6);
    CHECK(s->accepted == 6);
    CHECK(s->rejected == 0);
    CHECK(s->cleaned_ids == (c.encoding == Encoding::kUtf16Le ? 1 : 2));
    CHECK(Render(loader.records()) == kExpectedEmployees);
  }
}

TEST_CASE("EmployeeLoader decodes GB18030, four-byte characters included", "[loader]") {
  RecordLoader loader(Employees(), Options());
  const auto s = LoadEmployeeFile(loader, "employees_gb18030.csv");
  REQUIRE(s.ok());
  CHECK(s->encoding == Encoding::kGb18030);
  CHECK(s->accepted == 6);
  CHECK(loader.records().text(5, Employees().name_field) == "㒲七");
  CHECK(loader.records().text(0, Employees().unit) == "市城建投资集团");
}

TEST_CASE("EmployeeLoader rejects every bad row with its line and reason", "[loader]") {
  RecordLoader loader(Employees(), Options());
  std::vector<Reject> rejects;
  const auto s = LoadEmployeeFile(loader, "employees_messy.csv", &rejects);
  REQUIRE(s.ok());
  std::string got;
  for (const Reject& r : rejects)
    got += std::to_string(r.line) + " " + Code(r.reason) + " " + r.field + " [" + r.value + "]\n";
  CHECK(got ==
        "2 bad_check 公民身份号码 [430102********9011]\n"
        "3 bad_length 公民身份号码 [43******80]\n"
        "4 bad_character 公民身份号码 [430102********901A]\n"
        "5 bad_province 公民身份号码 [200102********9016]\n"
        "6 impossible_date 公民身份号码 [430102********0000]\n"
        "7 future_date 公民身份号码 [430102********9012]\n"
        "8 spreadsheet_damage 公民身份号码 [4.*******17]\n"
        "9 missing_id 公民身份号码 []\n"
        "10 missing_name 姓名 []\n"
        "11 missing_unit 单位 []\n"
        "12 bad_date 入职日期 [2010-02-30]\n"
        "13 missing_date 入职日期 []\n"
        "14 date_order 离职日期 [2009-01-01]\n"
        "15 short_row  []\n"
        "16 long_row  []\n"
        "21 bad_encoding  []\n"
        "22 unterminated_quote  []\n");
  CHECK(rejects[0].Message().ends_with(
      "employees_messy.csv:2: 公民身份号码: check character should be 6, found 1"));
  CHECK(s->rows == 20);
  CHECK(s->accepted == 2);
  CHECK(s->rejected == 17);
  CHECK(s->duplicates == 1);
  CHECK(s->blank_lines == 1);
  CHECK(s->rows == s->accepted + s->rejected + s->duplicates);
  CHECK(s->suspect_ids == 2);
  CHECK(s->suspect_lines == std::vector<uint32_t>{17, 18});
  CHECK(testing::ByCode(s->rejects_by_reason).at("bad_check") == 1);
}

TEST_CASE("Reject::Message says file, line, field and reason", "[loader]") {
  const Reject r{"hr.csv",
                 17,
                 "公民身份号码",
                 RejectReason::kBadCheck,
                 "check character should be X, found 7",
                 "",
                 "id_number"};
  CHECK(r.Message() == "hr.csv:17: 公民身份号码: check character should be X, found 7");
  const Reject row{
      "hr.csv", 9, "", RejectReason::kShortRow, "short row: 2 fields, the header has 8", "", ""};
  CHECK(row.Message() == "hr.csv:9: short row: 2 fields, the header has 8");
}

TEST_CASE("EmployeeLoader fails on a missing column and adds nothing", "[loader]") {
  RecordLoader loader(Employees(), Options());
  const auto s = LoadEmployeeFile(loader, "employees_no_id.csv");
  REQUIRE_FALSE(s.ok());
  CHECK(
      s.error().ends_with("employees_no_id.csv: no column for id_number (身份证号); columns found: "
                          "单位, 姓名, 入职日期; name it with "
                          "--map 'HEADER=id_number'"));
  CHECK(loader.records().size() == 0);
}

TEST_CASE("Loaders refuse an empty file", "[loader]") {
  RecordLoader loader(Employees(), Options());
  auto source = MakeStringSource("empty.csv", "");
  CHECK(loader.Load(*source, nullptr).error() == "empty.csv: the file is empty: no header row");
}

TEST_CASE("OffenceLoader classifies, rejects and de-duplicates case numbers across files",
          "[loader]") {
  RecordLoader loader(Offences(), Options(), nullptr, true);
  std::vector<Reject> rejects;
  const RejectSink sink = [&](const Reject& r) { rejects.push_back(r); };
  auto a = OpenFileSource(testing::TestData("loader/offences_a.csv"));
  auto b = OpenFileSource(testing::TestData("loader/offences_b_gb18030.csv"));
  const auto sa = loader.Load(**a, sink);
  const auto sb = loader.Load(**b, sink);
  REQUIRE(sa.ok());
  REQUIRE(sb.ok());
  CHECK(sa->accepted == 5);  // 超速 is an offence of another kind, not a reject
  CHECK(sa->rejected == 2);
  CHECK(testing::ByCode(sa->other_labels) == std::map<std::string, uint64_t>{{"超速", 1}});
  CHECK(sb->encoding == Encoding::kGb18030);
  CHECK(sb->accepted == 1);
  CHECK(sb->duplicates == 1);
  std::string got;
  const RecordSet& o = loader.records();
  const RecordKind& k = o.kind();
  const auto& types = testing::BuiltIn().vocabulary.types();
  for (size_t r = 0; r < o.size(); ++r)
    got += std::to_string(o.source(r).file) + ":" + std::to_string(o.source(r).line) + " " +
           (o.type(r) < types.size() ? types[o.type(r)].code : "other") + " " + o.start(r).Iso() +
           " " + o.Display(r, k.bac) + " " + std::string(o.text(r, k.case_number)) + " " +
           std::string(o.text(r, k.name_field)) + "\n";
  CHECK(got ==
        "0:2 drunk_driving 2021-03-05 85 HA-2021-001 张三\n"
        "0:4 drink_driving 2022-01-03 20 HA-2022-003 李四\n"
        "0:5 gambling 2021-05-05  HA-2021-004 路人\n"
        "0:6 drugs 2023-04-01  HA-2023-005 王五\n"
        "0:7 other 2023-04-01  HA-2023-006 赵六\n"
        "1:3 prostitution 2019-08-08  HA-2019-008 钱七\n");
  std::string why;
  for (const Reject& r : rejects) why += r.Message() + "\n";
  const std::string file = testing::TestData("loader/offences_a.csv");
  CHECK(why == file +
                   ":3: 血液酒精含量（mg/100ml）: BAC 19.9 is below 20 mg/100mL: no drink-driving "
                   "offence\n" +
                   file + ":8: 血液酒精含量（mg/100ml）: unreadable BAC '很多'\n");
}

TEST_CASE("OffenceLoader parses only the rows of wanted people", "[loader]") {
  const IdKey zhang = ParseIdNumber("430102198001019016", kLoadToday).id.key;
  RecordLoader loader(
      Offences(), Options(), [&](IdKey k) { return k == zhang; }, true);
  auto a = OpenFileSource(testing::TestData("loader/offences_a.csv"));
  const auto s = loader.Load(**a, nullptr);
  REQUIRE(s.ok());
  CHECK(s->accepted == 7);
  CHECK(s->not_employees == 6);  // their bad BAC or label is never looked at
  CHECK(s->rejected == 0);
  CHECK(loader.records().size() == 1);
}

// Many small chunks parsed on several threads must give the records and the
// rejects in file order, exactly as one chunk does.
TEST_CASE("EmployeeLoader gives the same result for any chunk size", "[loader]") {
  std::string file = "姓名,身份证号,单位,入职日期\n";
  for (int i = 0; i < 4000; ++i) {
    std::string body =
        "430102" + std::to_string(19500101 + (i % 28)) + std::to_string(100 + i % 900);
    std::string id = body + IdCheckCharacter(body);
    if (i % 97 == 0) id.back() = id.back() == '1' ? '2' : '1';  // a bad check character
    file += "员工" + std::to_string(i) + "," + id + ",\"单位," + std::to_string(i % 7) + "\"," +
            (i % 13 == 0 ? "\"2020-01-\n01\"" : "2020-01-01") + "\n";
  }
  std::string reference;
  for (size_t chunk : {size_t{1} << 20, size_t{4096}}) {
    LoadOptions o = Options();
    o.chunk_bytes = chunk;
    o.threads = 2;
    RecordLoader loader(Employees(), o);
    std::string rejects;
    auto source = MakeStringSource("big.csv", file);
    const auto s = loader.Load(*source, [&](const Reject& r) { rejects += r.Message() + "\n"; });
    REQUIRE(s.ok());
    CHECK(s->rows == 4000);
    const std::string got = Render(loader.records()) + rejects;
    if (reference.empty()) reference = got;
    CHECK(got == reference);
  }
  CHECK(reference.find("big.csv:16: 入职日期: unreadable date '2020-01-\n01'") !=
        std::string::npos);
}

}  // namespace
}  // namespace qinglian

namespace qinglian {
namespace {

// GB18030 is decoded a chunk at a time; a chunk with one bad sequence falls
// back to row by row, and only that row is rejected.
TEST_CASE("EmployeeLoader rejects the one GB18030 row that does not decode", "[loader]") {
  const std::string zhang = "\xD5\xC5\xC8\xFD";  // 张三
  const std::string header =
      "\xD0\xD5\xC3\xFB,\xC9\xED\xB7\xDD\xD6\xA4\xBA\xC5,\xB5\xA5\xCE\xBB,"
      "\xC8\xEB\xD6\xB0\xC8\xD5\xC6\xDA\n";  // 姓名,身份证号,单位,入职日期
  const std::string file = header + zhang + ",11010519491231002X,U,2020-01-01\n" +
                           "\xFF\xFE,11010519491231002X,V,2020-01-01\n" + zhang +
                           ",440308199901101512,W,2021-01-01\n";
  LoadOptions o = Options();
  o.encoding = Encoding::kGb18030;
  RecordLoader loader(Employees(), o);
  std::vector<Reject> rejects;
  auto source = MakeStringSource("gb.csv", file);
  const auto s = loader.Load(*source, [&](const Reject& r) { rejects.push_back(r); });
  REQUIRE(s.ok());
  CHECK(s->rows == 3);
  CHECK(s->accepted == 2);
  REQUIRE(rejects.size() == 1);
  CHECK(rejects[0].Message() ==
        "gb.csv:3: not valid GB18030 (is the file in another encoding? see --encoding)");
  CHECK(loader.records().text(1, Employees().name_field) == "张三");
  CHECK(loader.records().source(1).line == 4);
}

// One decision may punish several gamblers: the case number and the person
// together make an offence, and only both again make a duplicate.
TEST_CASE("OffenceLoader counts a case number twice only for the same person", "[loader]") {
  const std::string header = "姓名,身份证号码,违法行为,违法时间,决定书编号\n";
  const auto row = [](const char* name, const char* id) {
    return std::string(name) + "," + id + ",赌博,2023-06-01,鹤公(治)决字[2023]100号\n";
  };
  const std::string zhang = row("张三", "430102198001019016"),
                    wang = row("王五", "431202199009099234"),
                    zhao = row("赵六", "431202197503159344");
  const auto load = [](RecordLoader& loader, const std::string& name, const std::string& text) {
    auto source = MakeStringSource(name, text);
    auto s = loader.Load(*source, nullptr);
    REQUIRE(s.ok());
    return *s;
  };
  SECTION("three persons in one case") {
    RecordLoader loader(Offences(), Options(), nullptr, true);
    const FileSummary s = load(loader, "a.csv", header + zhang + wang + zhao);
    CHECK(s.accepted == 3);
    CHECK(s.duplicates == 0);
  }
  SECTION("one person twice in one case") {
    RecordLoader loader(Offences(), Options(), nullptr, true);
    const FileSummary s = load(loader, "a.csv", header + zhang + zhang);
    CHECK(s.accepted == 1);
    CHECK(s.duplicates == 1);
  }
  SECTION("one person in one case in two files") {
    RecordLoader loader(Offences(), Options(), nullptr, true);
    const FileSummary a = load(loader, "a.csv", header + zhang + wang);
    const FileSummary b = load(loader, "b.csv", header + zhao + zhang);
    CHECK(a.accepted == 2);
    CHECK(a.duplicates == 0);
    CHECK(b.accepted == 1);
    CHECK(b.duplicates == 1);
    CHECK(loader.records().size() == 3);
  }
}

std::string RenderRejects(const std::vector<Reject>& rejects) {
  std::string out;
  for (const Reject& r : rejects)
    out += std::to_string(r.line) + " " + Code(r.reason) + " " + r.field + " [" + r.value + "] " +
           r.detail + "\n";
  return out;
}

TEST_CASE("EmployeeLoader rejects hire and leave dates before birth, hire dates in the future",
          "[loader]") {
  LoadOptions o = Options();
  o.as_of = Date::FromYmd(2024, 12, 31);
  RecordLoader loader(Employees(), o);
  std::vector<Reject> rejects;
  auto source = MakeStringSource("hr.csv",
                                 "姓名,身份证号,单位,入职日期,离职日期\n"
                                 "张三,430102198001019016,U,1,\n"
                                 "张三,430102198001019016,U,1800,\n"
                                 "张三,430102198001019016,U,99999,\n"
                                 "张三,430102198001019016,U,2010-01-01,2099-01-01\n"
                                 "张三,430102198001019016,U,2010-01-01,1979-12-31\n"
                                 "张三,430102198001019016,U,1980-01-01,\n"
                                 "张三,430102198001019016,U,2024-12-31,\n");
  const auto s = loader.Load(*source, [&](const Reject& r) { rejects.push_back(r); });
  REQUIRE(s.ok());
  CHECK(RenderRejects(rejects) ==
        "2 date_before_birth 入职日期 [1] hire date 1900-01-01 is before the person was born\n"
        "3 date_before_birth 入职日期 [1800] hire date 1904-12-04 is before the person was born\n"
        "4 future_date 入职日期 [99999] hire date 2173-10-13 is in the future\n"
        "6 date_before_birth 离职日期 [1979-12-31] leave date 1979-12-31 is before the person was "
        "born\n");
  // Hired on the day of birth or on the as-of date is not impossible, and
  // neither is a planned leave date.
  CHECK(s->accepted == 3);
  CHECK(testing::ByCode(s->rejects_by_reason).at("date_before_birth") == 3);
}

TEST_CASE("OffenceLoader rejects offence dates before birth or in the future", "[loader]") {
  LoadOptions o = Options();
  o.as_of = Date::FromYmd(2024, 12, 31);
  const IdKey zhang = ParseIdNumber("430102198001019016", kLoadToday).id.key;
  // Without a filter (check) and with one (run), where rows are split twice.
  for (const bool filtered : {false, true}) {
    INFO(filtered);
    RecordLoader loader(
        Offences(), o,
        filtered ? std::function<bool(IdKey)>([&](IdKey k) { return k == zhang; }) : nullptr, true);
    std::vector<Reject> rejects;
    auto source = MakeStringSource("po.csv",
                                   "姓名,身份证号码,违法行为,违法时间,决定书编号\n"
                                   "张三,430102198001019016,赌博,1979-12-31,C1\n"
                                   "张三,430102198001019016,赌博,2099-01-01,C2\n"
                                   "张三,430102198001019016,赌博,2025-06-01,C4\n"
                                   "张三,430102198001019016,赌博,2024-12-31 23:59,C3\n");
    const auto s = loader.Load(*source, [&](const Reject& r) { rejects.push_back(r); });
    REQUIRE(s.ok());
    CHECK(RenderRejects(rejects) ==
          "2 date_before_birth 违法时间 [1979-12-31] offence date 1979-12-31 is before the person "
          "was born\n"
          "3 future_date 违法时间 [2099-01-01] offence date 2099-01-01 is in the future\n");
    // After a past as-of date but not after today: true, only outside the comparison.
    CHECK(s->accepted == 2);
  }
}

}  // namespace
}  // namespace qinglian

namespace qinglian {
namespace {

// Loads `bytes` as an employee file; renders the records, then the rejects.
std::string LoadEmployeeBytes(const std::string& bytes, FileSummary* summary = nullptr,
                              LoadOptions options = Options()) {
  RecordLoader loader(Employees(), options);
  std::string rejects;
  auto source = MakeStringSource("hr.csv", bytes);
  const auto s = loader.Load(*source, [&](const Reject& r) { rejects += r.Message() + "\n"; });
  if (!s.ok()) return "error: " + s.error();
  if (summary) *summary = *s;
  return Render(loader.records()) + rejects;
}

TEST_CASE("EmployeeLoader reads a file with old-Mac CR line ends like its CRLF twin", "[loader]") {
  // The messy file's rows ten times over, so that chunks of 4 KiB cut it, and
  // its last line, a quote never closed.
  const std::string messy = testing::ReadFile(testing::TestData("loader/employees_messy.csv"));
  const size_t body = messy.find('\n') + 1, last = messy.rfind("\r\n", messy.size() - 3) + 2;
  std::string crlf = messy.substr(0, body);
  for (int i = 0; i < 10; ++i) crlf += messy.substr(body, last - body);
  crlf += messy.substr(last);
  std::string cr = crlf;
  std::erase(cr, '\n');
  REQUIRE(cr.find('\r') != std::string::npos);
  for (size_t chunk : {size_t{8} << 20, size_t{4096}}) {
    INFO(chunk);
    LoadOptions o = Options();
    o.chunk_bytes = chunk;
    FileSummary want, got;
    const std::string expected = LoadEmployeeBytes(crlf, &want, o);
    CHECK(LoadEmployeeBytes(cr, &got, o) == expected);
    CHECK(got.rows == 191);
    CHECK(got.rejected == want.rejected);
    CHECK(got.blank_lines == want.blank_lines);
    CHECK(
        FormatSummary(got).starts_with("hr.csv (employees): utf-8, ',' separated, CR line ends, "));
    CHECK_FALSE(want.cr_line_ends);
  }
  CHECK(LoadEmployeeBytes(crlf).find("hr.csv:202: a quoted field is not closed") !=
        std::string::npos);
}

TEST_CASE("A file reads the same in chunks of any size: its start decides encoding and line ends",
          "[loader]") {
  // Two exports pasted together. The first: rows that end in CR alone, for
  // more than the start that decides the line ends.
  std::string cr = "name,id_number,unit,department,hire_date\r";
  while (cr.size() <= kSniffBytes) cr += "Zhang San,430102196001011003,Water,Office,2020-01-01\r";
  cr += "Li Si,430102196001011003,Water,Office,2021-01-01\n";
  // The second: plain ASCII for more than one 4 KiB chunk, then Chinese
  // names in UTF-8, read as GB18030 as the user asked.
  std::string mojibake = "name,id_number,unit,department,hire_date\n";
  while (mojibake.size() <= 4096)
    mojibake += "Zhang San,430102196001011003,Water,Office,2020-01-01\n";
  for (int i = 0; i < 10; ++i)
    mojibake += "张三丰李四王五,430102196001011003,水务集团,办公室,2020-01-01\n";
  // The first as Excel's "Unicode Text": UTF-16LE with a byte-order mark.
  std::string utf16 = "\xFF\xFE";
  REQUIRE(Transcoder("UTF-16LE", "UTF-8").Convert(cr, &utf16));
  for (const std::string* file : {&cr, &mojibake, &utf16}) {
    std::string first;
    FileSummary want;
    for (size_t chunk : {size_t{8} << 20, size_t{4096}}) {
      INFO(chunk);
      LoadOptions o = Options();
      if (file == &mojibake) o.encoding = Encoding::kGb18030;
      o.chunk_bytes = chunk;
      FileSummary got;
      const std::string loaded = LoadEmployeeBytes(*file, &got, o);
      CHECK(got.cr_line_ends == (file != &mojibake));
      const std::string& text = file == &mojibake ? mojibake : cr;
      CHECK(got.rows == static_cast<uint64_t>(
                            std::count(text.begin(), text.end(), file == &mojibake ? '\n' : '\r')) -
                            (file == &mojibake));
      CHECK(got.better_encoding ==
            (file == &mojibake ? std::optional(Encoding::kUtf8) : std::nullopt));
      if (first.empty()) {
        first = loaded;
        want = got;
        continue;
      }
      CHECK(loaded == first);
      CHECK(FormatSummary(got) == FormatSummary(want));
    }
  }
}

}  // namespace
}  // namespace qinglian

namespace qinglian {
namespace {

// An employee file of `rows` good rows on lines 2, 3, ...
std::string RosterOf(int rows) {
  std::string file = "姓名,身份证号,单位,部门,入职日期\n";
  for (int i = 0; i < rows; ++i) {
    const std::string body =
        "430102" + std::to_string(19600101 + (i % 28)) + std::to_string(100 + i % 900);
    file += "员工" + std::to_string(i) + "," + body + IdCheckCharacter(body) +
            ",市水务集团,办公室,2020-01-01\n";
  }
  return file;
}

// Replaces the first occurrence of `from` after the start of line `line`.
void EditLine(std::string* file, int line, const std::string& from, const std::string& to) {
  size_t pos = 0;
  for (int i = 1; i < line; ++i) pos = file->find('\n', pos) + 1;
  file->replace(file->find(from, pos), from.size(), to);
}

TEST_CASE("A stray quote that swallows many lines is rejected with the lines it took", "[loader]") {
  std::string file = RosterOf(2000);
  EditLine(&file, 1012, ",市水务集团,", ",\"市水务集团,");  // opens a quoted field
  EditLine(&file, 1182, ",办公室,", ",办公室\",");          // and another stray quote closes it
  for (size_t chunk : {size_t{8} << 20, size_t{4096}}) {
    INFO(chunk);
    LoadOptions o = Options();
    o.chunk_bytes = chunk;
    FileSummary s;
    const std::string got = LoadEmployeeBytes(file, &s, o);
    CHECK(got.substr(got.find("hr.csv:")) ==
          "hr.csv:1012: a quoted field opened on line 1012 runs over 170 lines to line 1182; is "
          "a closing quote missing?\n");
    CHECK(s.rows == 2000 - 170);
    CHECK(testing::ByCode(s.rejects_by_reason) ==
          std::map<std::string, uint64_t>{{"runaway_quote", 1}});
  }
  // A real multi-line address is not one.
  std::string address = RosterOf(20);
  EditLine(&address, 5, ",办公室,", ",\"湖南省怀化市\n鹤城区\n迎丰中路\n8号\",");
  FileSummary s;
  LoadEmployeeBytes(address, &s);
  CHECK(s.accepted == 20);
}

TEST_CASE("OffenceLoader reports a runaway quote in a row of no employee", "[loader]") {
  const IdKey nobody = 1;
  RecordLoader loader(
      Offences(), Options(), [&](IdKey k) { return k == nobody; }, true);
  std::string file = testing::ReadFile(testing::TestData("loader/offences_a.csv"));
  EditLine(&file, 2, ",迎丰路,", ",\"迎丰路,");
  for (int i = 0; i < 20; ++i) file += "路人,,醉驾,2021-03-05,85,,,,\n";
  file += "x\",y\n";
  std::vector<std::string> why;
  auto source = MakeStringSource("o.csv", file);
  const auto s = loader.Load(*source, [&](const Reject& r) { why.push_back(r.Message()); });
  REQUIRE(s.ok());
  CHECK(why == std::vector<std::string>{"o.csv:2: a quoted field opened on line 2 runs over 27 "
                                        "lines to line 29; is a closing quote missing?"});
}

}  // namespace
}  // namespace qinglian

namespace qinglian {
namespace {

TEST_CASE("Loaders refuse a record longer than 16 MiB, naming its line", "[loader]") {
  const std::string endless(17u << 20, 'x');
  CHECK(LoadEmployeeBytes(RosterOf(3) + endless) ==
        "error: hr.csv:5: a record runs over 16 MiB; is a closing quote missing, or is this not "
        "a CSV file?");
  std::string lines = "\"";
  while (lines.size() < (17u << 20)) lines += "a line in a quote never closed\n";
  for (size_t chunk : {size_t{8} << 20, size_t{4096}}) {
    LoadOptions o = Options();
    o.chunk_bytes = chunk;
    CHECK(LoadEmployeeBytes(RosterOf(300) + "张三," + lines, nullptr, o) ==
          "error: hr.csv:302: a record runs over 16 MiB; is a closing quote missing, or is this "
          "not a CSV file?");
  }
  CHECK(LoadEmployeeBytes(endless) ==
        "error: hr.csv: line 1: the header runs over 16 MiB; is this a CSV file?");
  CHECK(LoadEmployeeBytes(lines) ==
        "error: hr.csv: line 1: the header runs over 16 MiB; is this a CSV file?");
  // Just under the limit is a record like any other.
  FileSummary s;
  LoadEmployeeBytes(
      RosterOf(3) + "张三,1,单位," + std::string((16u << 20) - 100, 'x') + ",2020-01-01\n", &s);
  CHECK(s.rows == 4);
  CHECK(testing::ByCode(s.rejects_by_reason) == std::map<std::string, uint64_t>{{"bad_length", 1}});
}

}  // namespace
}  // namespace qinglian

namespace qinglian {
namespace {

TEST_CASE("A row that does not decode names the encoding tried", "[loader]") {
  const std::string roster = RosterOf(3);
  const auto load = [&](const std::string& bytes, Encoding encoding) {
    LoadOptions o = Options();
    o.encoding = encoding;
    RecordLoader loader(Employees(), o);
    auto source = MakeStringSource("hr.csv", bytes);
    std::string got;
    REQUIRE(loader.Load(*source, [&](const Reject& r) { got += r.Message() + "\n"; }).ok());
    return got;
  };
  CHECK(load(roster + "\xD5\xC5,1,U,D,2020-01-01\n", Encoding::kAuto) ==
        "hr.csv:5: not valid UTF-8 (is the file in another encoding? see --encoding)\n");
  // In UTF-16 a low surrogate without its high one.
  std::string utf16 = "\xFF\xFE";
  REQUIRE(Transcoder("UTF-16LE", "UTF-8").Convert(roster + "x,1,U,D,2020-01-01\n", &utf16));
  utf16.replace(utf16.size() - 38, 2, "\x00\xDC", 2);  // the x
  CHECK(load(utf16, Encoding::kAuto) ==
        "hr.csv:5: not valid UTF-16LE (is the file in another encoding? see --encoding)\n");
}

}  // namespace
}  // namespace qinglian

namespace qinglian {
namespace {

// The offence scan with look-ahead splits rows without quotes by hand as far
// as the ID number; every kind of row must come out as the plain reader has
// it: records, counts and rejects, whatever the chunk size.
TEST_CASE("OffenceLoader's look-ahead scan reads every row as the plain scan does", "[loader]") {
  const std::vector<std::string> ids = {"430102198001019016", "430102198505059126",
                                        "430105197001019117", "431202199009099234",
                                        "431202197503159344", "43120219681120945X"};
  std::set<IdKey> wanted_keys;
  for (size_t i = 0; i < ids.size(); i += 2)
    wanted_keys.insert(ParseIdNumber(ids[i], kLoadToday).id.key);
  std::string file = "姓名,身份证号码,违法行为,违法时间,血液酒精含量（mg/100ml）,决定书编号\n";
  for (int i = 0; i < 3000; ++i) {
    const std::string& id = ids[static_cast<size_t>(i) % ids.size()];
    const std::string n = std::to_string(i);
    switch (i % 17) {
      case 0:
        file += "\"张,三\"," + id + ",醉驾,2021-03-05,85,A" + n + "\n";
        break;
      case 1:
        file += "李四,\"" + id + "\",赌博,2021-05-05,,B" + n + "\n";
        break;
      case 2:
        file += "王五," + id + ",赌博,2021-05-05,,\"C\n" + n + "\"\n";
        break;
      case 3:
        file += "\n";
        break;
      case 4:
        file += ",,,,,\r\n";
        break;
      case 5:
        file += "赵六," + id.substr(0, 17) + "1,赌博,2021-05-05,,D" + n + "\n";
        break;
      case 6:
        file += "钱七," + id + "\n";
        break;
      case 7:
        file += "孙八,\n";
        break;
      case 8:
        file += "周九," + id + ",醉驾,2021-03-05,19.9,E" + n + "\r\n";
        break;
      case 9:
        file += "O\"Brien," + id + ",吸毒,2023-04-01,,F" + n + "\n";
        break;
      case 10:
        file += "吴十,4301021980010190,赌博,2021-05-05,,G" + n + "\n";
        break;
      // Quotes after the ID number: quoted fields on one line, a doubled
      // quote, a quote inside an unquoted field, text after a closing quote.
      case 11:
        file += "郑二," + id + ",赌博,2021-05-05,,\"I," + n + "\"\n";
        break;
      case 12:
        file += "王二," + id + ",\"赌博\",2021-05-05,,\"J\"\"" + n + "\"\"\"\n";
        break;
      case 13:
        file += "李二," + id + ",赌\"博,2021-05-05,,K" + n + "\n";
        break;
      case 14:
        file += "陈二," + id + ",赌博,\"2021-05-05\"x,,L" + n + "\r\n";
        break;
      case 15:  // a doubled quote, then a separator and a line break, all quoted
        file += "卫二," + id + ",赌博,2021-05-05,,\"M\"\",\nN" + n + "\"\n";
        break;
      default:
        file += "郑一," + id + ",赌博,2021-05-0" + std::to_string(1 + i % 9) + ",,H" + n + "\n";
    }
  }
  file += "冯二," + ids[0] + ",赌博,2021-06-06,,Z1\n";
  file += "褚三," + ids[2] + ",赌博,2021-06-06,,\"Z2";  // a quote never closed, no newline
  std::string reference;
  for (const bool look_ahead : {false, true}) {
    for (const size_t chunk : {size_t{1} << 20, size_t{4096}}) {
      INFO(look_ahead << " " << chunk);
      LoadOptions o = Options();
      o.chunk_bytes = chunk;
      o.threads = 2;
      if (look_ahead) o.will_ask = [](IdKey) {};
      RecordLoader loader(
          Offences(), o, [&](IdKey k) { return wanted_keys.count(k) > 0; }, true);
      std::string got;
      auto source = MakeStringSource("o.csv", file);
      const auto s = loader.Load(*source, [&](const Reject& r) { got += r.Message() + "\n"; });
      REQUIRE(s.ok());
      got +=
          fmt::format("rows {} accepted {} rejected {} duplicates {} not {} blank {} cleaned {}\n",
                      s->rows, s->accepted, s->rejected, s->duplicates, s->not_employees,
                      s->blank_lines, s->cleaned_ids);
      const RecordSet& r = loader.records();
      for (size_t i = 0; i < r.size(); ++i)
        got += std::to_string(r.source(i).line) + " " + IdKeyToString(r.key(i)) + " " +
               r.start(i).Iso() + " " + std::string(r.text(i, r.kind().case_number)) + "\n";
      if (reference.empty()) reference = got;
      CHECK(got == reference);
    }
  }
  CHECK(reference.find("rows 2648 accepted 1764 rejected 884 ") != std::string::npos);
}

}  // namespace
}  // namespace qinglian

namespace qinglian {
namespace {

TEST_CASE("A file source tells how many bytes it will give, for the loader to make room once",
          "[loader]") {
  const std::string path = testing::TestData("loader/employees_messy.csv");
  auto source = OpenFileSource(path);
  REQUIRE(source.ok());
  CHECK((*source)->size_hint() == std::filesystem::file_size(path));
  CHECK_FALSE((*source)->file_bytes().has_value());  // the bytes read are the file's
  CHECK(MakeStringSource("t.csv", "a,b\n1,2\n")->size_hint() == 8u);
}

}  // namespace
}  // namespace qinglian
