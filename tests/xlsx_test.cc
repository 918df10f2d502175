#include "qinglian/input/xlsx.h"

#include <xlsxwriter.h>
#include <zip.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <memory>
#include <utility>
#include <vector>

#include "qinglian/input/loader.h"
#include "test_util.h"

namespace qinglian {
namespace {

// An HR export as Excel keeps it: text and numeric ID numbers, a date cell,
// a row left out.
std::string WriteWorkbook(const testing::TempDir& dir) {
  const std::string path = dir / "hr.xlsx";
  lxw_workbook* book = workbook_new(path.c_str());
  lxw_worksheet* sheet = workbook_add_worksheet(book, "员工");
  lxw_format* date = workbook_add_format(book);
  format_set_num_format(date, "yyyy-mm-dd");
  const char* header[] = {"单位", "姓名", "身份证号", "入职日期"};
  for (lxw_col_t c = 0; c < 4; ++c) worksheet_write_string(sheet, 0, c, header[c], nullptr);
  worksheet_write_string(sheet, 1, 0, "市城投集团", nullptr);
  worksheet_write_string(sheet, 1, 1, "张三", nullptr);
  worksheet_write_string(sheet, 1, 2, "430102198001019016", nullptr);
  worksheet_write_number(sheet, 1, 3, 40179, date);  // 2010-01-01
  // Row 3 stays empty; row 4 has an ID number Excel turned into a number.
  worksheet_write_string(sheet, 3, 0, "市水务集团", nullptr);
  worksheet_write_string(sheet, 3, 1, "李四", nullptr);
  worksheet_write_number(sheet, 3, 2, 430102198505059126.0, nullptr);
  lxw_datetime hired = {2015, 6, 1, 0, 0, 0};
  worksheet_write_datetime(sheet, 3, 3, &hired, date);
  REQUIRE(workbook_close(book) == LXW_NO_ERROR);
  return path;
}

struct ZipCloser {
  void operator()(void* z) const { zipClose(z, nullptr); }
};

// The bytes of a workbook written part by part, for content no spreadsheet
// program writes. Without xl/workbook.xml the reader takes
// xl/worksheets/sheet1.xml as the first sheet.
std::string ZipParts(const std::vector<std::pair<std::string, std::string>>& parts) {
  testing::TempDir dir;
  const std::string path = dir / "parts.xlsx";
  {
    std::unique_ptr<void, ZipCloser> zip(zipOpen64(path.c_str(), APPEND_STATUS_CREATE));
    REQUIRE(zip);
    for (const auto& [name, xml] : parts) {
      REQUIRE(zipOpenNewFileInZip64(zip.get(), name.c_str(), nullptr, nullptr, 0, nullptr, 0,
                                    nullptr, Z_DEFLATED, Z_DEFAULT_COMPRESSION, 0) == ZIP_OK);
      REQUIRE(zipWriteInFileInZip(zip.get(), xml.data(), static_cast<unsigned>(xml.size())) ==
              ZIP_OK);
      REQUIRE(zipCloseFileInZip(zip.get()) == ZIP_OK);
    }
  }
  return testing::ReadFile(path);
}

constexpr const char* kSheetPart = "xl/worksheets/sheet1.xml";

std::string SheetXml(const std::string& rows) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
         "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
         "<sheetData>" +
         rows + "</sheetData></worksheet>";
}

std::string SharedXml(const std::string& items) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
         "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">" +
         items + "</sst>";
}

// The CSV of a workbook of one sheet with these rows (and shared strings),
// read from memory as "book.xlsx".
Result<std::string> SheetCsv(const std::string& rows, const std::string& shared = "") {
  std::vector<std::pair<std::string, std::string>> parts = {{kSheetPart, SheetXml(rows)}};
  if (!shared.empty()) parts.emplace_back("xl/sharedStrings.xml", SharedXml(shared));
  return XlsxToCsv(ZipParts(parts), "book.xlsx");
}

TEST_CASE("XlsxToCsv turns the first sheet into CSV lines that match its rows", "[xlsx]") {
  testing::TempDir dir;
  const Result<std::string> csv = XlsxToCsv(WriteWorkbook(dir));
  REQUIRE(csv.ok());
  CHECK(*csv ==
        "单位,姓名,身份证号,入职日期\r\n"
        "市城投集团,张三,430102198001019016,40179\r\n"
        "\r\n"
        "市水务集团,李四,4.301021985050591E+17,42156\r\n");
}

TEST_CASE("Loaders read a workbook and reject the ID numbers Excel damaged", "[xlsx]") {
  testing::TempDir dir;
  const std::string path = WriteWorkbook(dir);
  auto source = OpenFileSource(path);
  REQUIRE(source.ok());
  CHECK(std::string((*source)->format()) == "xlsx");
  LoadOptions o;
  o.today = Date::FromYmd(2026, 1, 1);
  RecordLoader loader(testing::Kind("employees"), o);
  std::vector<Reject> rejects;
  const auto s = loader.Load(**source, [&](const Reject& r) { rejects.push_back(r); });
  REQUIRE(s.ok());
  CHECK(s->format == "xlsx");
  CHECK(s->rows == 2);
  CHECK(s->accepted == 1);
  REQUIRE(rejects.size() == 1);
  CHECK(rejects[0].line == 4);
  CHECK(Code(rejects[0].reason) == "spreadsheet_damage");
  CHECK(loader.records().start(0) == Date::FromYmd(2010, 1, 1));
  CHECK(FormatSummary(*s).starts_with(path + " (employees): xlsx workbook, first sheet, "));
}

TEST_CASE("qinglian run takes a workbook of employees and fingerprints the workbook",
          "[xlsx][cli]") {
  testing::TempDir dir;
  const std::string book = WriteWorkbook(dir);
  const auto r = testing::RunCli("--db '" + (dir / "q.db") + "' run --employees '" + book +
                                 "' --offences '" + testing::TestData("loader/offences_a.csv") +
                                 "' --as-of 2024-12-31 --max-reject-rate 0.5");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("leads: 1 new") != std::string::npos);  // 张三's drunk driving, 2021
  const auto runs = testing::RunCli("--db '" + (dir / "q.db") + "' runs");
  CHECK(runs.out.find(book + " (xlsx, ") != std::string::npos);
}

TEST_CASE("XlsxToCsv fails in one line on a damaged workbook", "[xlsx]") {
  testing::TempDir dir;
  testing::WriteFile(dir / "bad.xlsx", std::string("PK\x03\x04", 4) + "not really a zip");
  CHECK(XlsxToCsv(dir / "bad.xlsx").error() ==
        dir / "bad.xlsx" + ": not a readable .xlsx workbook");
  CHECK(OpenFileSource(dir / "bad.xlsx").error() ==
        dir / "bad.xlsx" + ": not a readable .xlsx workbook");
}

TEST_CASE("XlsxToCsv reads a workbook held in memory as it reads the file", "[xlsx]") {
  testing::TempDir dir;
  const std::string path = WriteWorkbook(dir);
  const Result<std::string> from_file = XlsxToCsv(path);
  const Result<std::string> from_memory = XlsxToCsv(testing::ReadFile(path), "hr.xlsx");
  REQUIRE(from_file.ok());
  REQUIRE(from_memory.ok());
  CHECK(*from_memory == *from_file);

  const Result<std::string> parts = SheetCsv(
      "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" "
      "t=\"inlineStr\"><is><t>姓名</t></is>"
      "</c><c r=\"C1\"><v>12</v></c><c r=\"D1\" t=\"b\"><v>1</v></c></row>",
      "<si><t>单位</t></si>");
  REQUIRE(parts.ok());
  CHECK(*parts == "单位,姓名,12,TRUE\r\n");
}

TEST_CASE("XlsxToCsv fails in one line on bytes that are no workbook", "[xlsx]") {
  CHECK(XlsxToCsv(std::string("PK\x03\x04", 4) + "not really a zip", "bad.xlsx").error() ==
        "bad.xlsx: not a readable .xlsx workbook");
  CHECK(XlsxToCsv(std::string_view(), "empty.xlsx").error() ==
        "empty.xlsx: not a readable .xlsx workbook");
  CHECK(XlsxToCsv(ZipParts({{"readme.txt", "hello"}}), "book.xlsx").error() ==
        "book.xlsx: the workbook has no worksheet xl/worksheets/sheet1.xml");
  CHECK(SheetCsv("<row r=\"1\"><c r=\"A1\"><v>1</v></c>").error() ==
        "book.xlsx: xl/worksheets/sheet1.xml: mismatched tag at line 2");
}

TEST_CASE("XlsxToCsv names the cell whose shared string index is not a number", "[xlsx]") {
  const std::string where = "book.xlsx: xl/worksheets/sheet1.xml: ";
  struct {
    const char* rows;
    std::string want;
  } cases[] = {
      {"<row r=\"1\"><c r=\"A1\" t=\"s\"><v>abc</v></c></row>",
       "cell A1 names shared string \"abc\", which is not a number"},
      {"<row r=\"2\"><c r=\"B2\" t=\"s\"><v>-1</v></c></row>",
       "cell B2 names shared string \"-1\", which is not a number"},
      {"<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c t=\"s\"><v>0x1</v></c></row>",
       "cell B1 names shared string \"0x1\", which is not a number"},
      {"<row r=\"3\"><c r=\"A3\" t=\"s\"><v>1</v></c></row>",
       "cell A3 names shared string 1, but the workbook has 1"},
      {"<row r=\"3\"><c r=\"A3\" t=\"s\"><v>99999999999999999999999</v></c></row>",
       "cell A3 names shared string 99999999999999999999999, but the workbook has 1"},
  };
  for (const auto& c : cases) {
    INFO(c.rows);
    CHECK(SheetCsv(c.rows, "<si><t>单位</t></si>").error() == where + c.want);
  }
  // A shared-string cell with no value is an empty cell.
  CHECK(SheetCsv("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"/></row>",
                 "<si><t>单位</t></si>")
            .value() == "单位,\r\n");
}

TEST_CASE("XlsxToCsv leaves phonetic runs out of a cell's text", "[xlsx]") {
  // Excel with a Chinese or Japanese IME stores the reading of a name in <rPh>.
  const Result<std::string> csv = SheetCsv(
      "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
      "<c r=\"C1\" t=\"inlineStr\"><is><t>李四</t><rPh sb=\"0\" eb=\"2\"><t>li si</t></rPh>"
      "<phoneticPr fontId=\"1\"/></is></c></row>",
      "<si><t>王小二</t><rPh sb=\"0\" eb=\"3\"><t>wang xiao er</t></rPh>"
      "<phoneticPr fontId=\"1\" type=\"noConversion\"/></si>"
      "<si><r><t>张</t></r><r><rPr><b/></rPr><t>三</t></r><rPh sb=\"0\" eb=\"1\"><t>zhang</t></rPh>"
      "</si>");
  REQUIRE(csv.ok());
  CHECK(*csv == "王小二,张三,李四\r\n");
}

TEST_CASE("XlsxToCsv puts rows stored out of order at the lines their numbers say", "[xlsx]") {
  // A row with no number follows the row stored before it.
  CHECK(SheetCsv("<row r=\"5\"><c r=\"A5\"><v>5</v></c></row>"
                 "<row r=\"3\"><c r=\"A3\"><v>3</v></c></row>"
                 "<row><c><v>4</v></c></row>"
                 "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>")
            .value() == "1\r\n\r\n3\r\n4\r\n5\r\n");
  const std::string where = "book.xlsx: xl/worksheets/sheet1.xml: ";
  struct {
    const char* rows;
    std::string want;
  } cases[] = {
      {"<row r=\"2\"><c><v>1</v></c></row><row r=\"2\"><c><v>2</v></c></row>",
       "row 2 appears twice"},
      {"<row r=\"1\"/><row r=\"3\"/><row r=\"2\"/><row r=\"3\"/>", "row 3 appears twice"},
      {"<row r=\"1\"/><row/><row r=\"2\"/>", "row 2 appears twice"},
  };
  for (const auto& c : cases) {
    INFO(c.rows);
    CHECK(SheetCsv(c.rows).error() == where + c.want);
  }
}

TEST_CASE("XlsxToCsv pads every row to the header's width", "[xlsx]") {
  // Excel stores no trailing empty cells; a row with no cells stays empty.
  CHECK(SheetCsv("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a</t></is></c>"
                 "<c r=\"B1\" t=\"inlineStr\"><is><t>b</t></is></c>"
                 "<c r=\"C1\" t=\"inlineStr\"><is><t>c</t></is></c></row>"
                 "<row r=\"2\"><c r=\"A2\"><v>1</v></c></row>"
                 "<row r=\"3\"/>"
                 "<row r=\"5\"><c r=\"B5\"><v>2</v></c></row>"
                 "<row r=\"6\"><c r=\"A6\"><v>1</v></c><c r=\"D6\"><v>4</v></c></row>")
            .value() == "a,b,c\r\n1,,\r\n\r\n\r\n,2,\r\n1,,,4\r\n");
  // The header is the first row by number, wherever it is stored.
  CHECK(SheetCsv("<row r=\"2\"><c r=\"A2\"><v>1</v></c></row>"
                 "<row r=\"1\"><c r=\"A1\"><v>0</v></c><c r=\"B1\"><v>0</v></c></row>")
            .value() == "0,0\r\n1,\r\n");
}

TEST_CASE("Loaders accept workbook rows whose last cells are empty", "[xlsx]") {
  // 离职日期, the last column, is empty for staff still employed.
  testing::TempDir dir;
  const std::string path = dir / "hr.xlsx";
  lxw_workbook* book = workbook_new(path.c_str());
  lxw_worksheet* sheet = workbook_add_worksheet(book, nullptr);
  const char* rows[][5] = {
      {"单位", "姓名", "身份证号", "入职日期", "离职日期"},
      {"市城投集团", "张三", "430102198001019016", "2010-01-01", ""},
      {"市城投集团", "王五", "11010519491231002X", "2012-03-01", "2020-05-01"},
      {"市水务集团", "李四", "430102198505059126", "2015-06-01", ""},
  };
  for (lxw_row_t r = 0; r < 4; ++r)
    for (lxw_col_t c = 0; c < 5; ++c)
      if (*rows[r][c]) worksheet_write_string(sheet, r, c, rows[r][c], nullptr);
  REQUIRE(workbook_close(book) == LXW_NO_ERROR);

  auto source = OpenFileSource(path);
  REQUIRE(source.ok());
  LoadOptions o;
  o.today = Date::FromYmd(2026, 1, 1);
  RecordLoader loader(testing::Kind("employees"), o);
  std::vector<std::string> rejects;
  const auto s = loader.Load(
      **source, [&](const Reject& r) { rejects.push_back(Code(r.reason) + " " + r.detail); });
  REQUIRE(s.ok());
  CHECK(rejects == std::vector<std::string>{});
  CHECK(s->accepted == 3);
}

TEST_CASE("XlsxToCsv refuses cells and rows past Excel's last column and row", "[xlsx]") {
  const std::string where = "book.xlsx: xl/worksheets/sheet1.xml: ";
  struct {
    const char* rows;
    std::string want;
  } cases[] = {
      {"<row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row>",
       "cell XFE1 is past column XFD, the last Excel has"},
      {"<row r=\"1\"><c r=\"ZZZZZZ1\"><v>1</v></c></row>",
       "cell ZZZZZZ1 is past column XFD, the last Excel has"},
      {"<row r=\"2\"><c r=\"AAAAAAAAAAAAAA2\"><v>1</v></c></row>",
       "cell AAAAAAAAAAAAAA2 is past column XFD, the last Excel has"},
      {"<row r=\"1\"><c r=\"XFD1\"><v>1</v></c><c><v>2</v></c></row>",
       "row 1 has a cell past column XFD, the last Excel has"},
      {"<row r=\"1\"><c r=\"A1048577\"><v>1</v></c></row>",
       "cell A1048577 is past row 1048576, the last Excel has"},
      {"<row r=\"1048577\"/>", "row 1048577 is past row 1048576, the last Excel has"},
      {"<row r=\"2147483647\"/>", "row 2147483647 is past row 1048576, the last Excel has"},
      {"<row r=\"99999999999999999999999999999999\"/>",
       "row 999999999999999999999999... is past row 1048576, the last Excel has"},
      {"<row r=\"1048576\"/><row/>", "row 1048577 is past row 1048576, the last Excel has"},
      {"<row r=\"0\"/>", "row \"0\" is not a row number"},
      {"<row r=\"x1\"/>", "row \"x1\" is not a row number"},
      {"<row r=\"1\"><c r=\"a1\"/></row>", "cell \"a1\" is not a cell reference"},
      {"<row r=\"1\"><c r=\"1A\"/></row>", "cell \"1A\" is not a cell reference"},
      {"<row r=\"1\"><c r=\"A0\"/></row>", "cell \"A0\" is not a cell reference"},
      {"<row r=\"1\"><c r=\"B\"/></row>", "cell \"B\" is not a cell reference"},
  };
  for (const auto& c : cases) {
    INFO(c.rows);
    CHECK(SheetCsv(c.rows).error() == where + c.want);
  }
  // The last column and the last row are still read.
  CHECK(SheetCsv("<row r=\"1\"><c r=\"XFD1\"><v>1</v></c></row>").value() ==
        std::string(16383, ',') + "1\r\n");
  const Result<std::string> last_row =
      SheetCsv("<row r=\"1048576\"><c r=\"A1048576\"><v>1</v></c></row>");
  REQUIRE(last_row.ok());
  CHECK(last_row->size() == 2 * 1048575 + 3);
  CHECK(last_row->ends_with("\r\n\r\n1\r\n"));
}

TEST_CASE("XlsxToCsv refuses a cell of more than 32767 characters", "[xlsx]") {
  const auto inline_cell = [](const std::string& text) {
    return "<row r=\"1\"><c r=\"B1\" t=\"inlineStr\"><is><t>" + text + "</t></is></c></row>";
  };
  CHECK(SheetCsv(inline_cell(std::string(32768, 'x'))).error() ==
        "book.xlsx: xl/worksheets/sheet1.xml: cell B1 holds more than 32767 characters, the "
        "most Excel allows in a cell");
  CHECK(SheetCsv("<row r=\"1\"><c r=\"A1\"><v>" + std::string(40000, '9') + "</v></c></row>")
            .error() ==
        "book.xlsx: xl/worksheets/sheet1.xml: cell A1 holds more than 32767 characters, the "
        "most Excel allows in a cell");
  CHECK(SheetCsv("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>1</v></c></row>",
                 "<si><t>a</t></si><si><t>" + std::string(32767, 'x') + "</t><t>y</t></si>")
            .error() ==
        "book.xlsx: xl/sharedStrings.xml: shared string 1 holds more than 32767 characters, the "
        "most Excel allows in a cell");
  // Characters, not bytes: 32767 Chinese characters are 98301 bytes.
  std::string names;
  for (int i = 0; i < 32767; ++i) names += "王";
  const Result<std::string> csv = SheetCsv(inline_cell(names));
  REQUIRE(csv.ok());
  CHECK(*csv == "," + names + "\r\n");
}

// Sets the inflated size the archive declares for its only part, in the
// local header and in the central directory.
void DeclareInflatedSize(std::string* zip, uint32_t size) {
  const auto put = [&](size_t at) {
    for (int i = 0; i < 4; ++i) (*zip)[at + i] = static_cast<char>(size >> (8 * i));
  };
  REQUIRE(zip->starts_with("PK\x03\x04"));
  put(22);
  const size_t central = zip->find("PK\x01\x02");
  REQUIRE(central != std::string::npos);
  put(central + 24);
}

TEST_CASE("XlsxToCsv refuses a part that inflates past the limit", "[xlsx]") {
  std::string rows;
  for (int r = 1; r <= 2000; ++r)
    rows += "<row r=\"" + std::to_string(r) + "\"><c r=\"A" + std::to_string(r) +
            "\" t=\"inlineStr\"><is><t>" + std::string(1000, 'x') + "</t></is></c></row>";
  const std::string book = ZipParts({{kSheetPart, SheetXml(rows)}});
  REQUIRE(book.size() < 100000);
  CHECK(XlsxToCsv(book, "book.xlsx", {.max_bytes = 1 << 20}).error() ==
        "book.xlsx: xl/worksheets/sheet1.xml: inflates to more than 1 MiB, the limit for one "
        "part of a workbook");
  CHECK(XlsxToCsv(book, "book.xlsx").ok());

  // A part that says it inflates to 2 GiB is refused before it is read.
  std::string bomb = ZipParts({{kSheetPart, SheetXml("<row r=\"1\"/>")}});
  DeclareInflatedSize(&bomb, 0x80000000u);
  CHECK(XlsxToCsv(bomb, "book.xlsx").error() ==
        "book.xlsx: xl/worksheets/sheet1.xml: inflates to more than 1 GiB, the limit for one "
        "part of a workbook");
  // One that says less than it holds is damaged.
  std::string short_part = book;
  DeclareInflatedSize(&short_part, 1000);
  CHECK(XlsxToCsv(short_part, "book.xlsx").error() ==
        "book.xlsx: xl/worksheets/sheet1.xml in the workbook is damaged");
}

TEST_CASE("XlsxToCsv refuses a sheet whose text grows past the limit", "[xlsx]") {
  // A long shared string named by many cells makes far more text than the
  // workbook holds.
  const std::string shared = "<si><t>" + std::string(30000, 'x') + "</t></si>";
  std::string one_row = "<row r=\"1\">", many_rows;
  for (int i = 1; i <= 40; ++i) {
    one_row += "<c t=\"s\"><v>0</v></c>";
    many_rows += "<row><c t=\"s\"><v>0</v></c></row>";
  }
  one_row += "</row>";
  for (const std::string& rows : {one_row, many_rows}) {
    const std::string book =
        ZipParts({{kSheetPart, SheetXml(rows)}, {"xl/sharedStrings.xml", SharedXml(shared)}});
    CHECK(XlsxToCsv(book, "book.xlsx", {.max_bytes = 1 << 20}).error() ==
          "book.xlsx: xl/worksheets/sheet1.xml: the sheet makes more than 1 MiB of text, the "
          "limit for one sheet");
    CHECK(XlsxToCsv(book, "book.xlsx").ok());
  }
}

TEST_CASE("A workbook's summary gives the size of the file, not of its sheet's text", "[xlsx]") {
  testing::TempDir dir;
  const std::string path = WriteWorkbook(dir);
  const std::string size = std::to_string(std::filesystem::file_size(path));
  auto source = OpenFileSource(path);
  REQUIRE(source.ok());
  RecordLoader loader(testing::Kind("employees"), LoadOptions{});
  const auto s = loader.Load(**source, [](const Reject&) {});
  REQUIRE(s.ok());
  CHECK(std::to_string(s->bytes) == size);
  const auto r = testing::RunCli("check --kind employees '" + path + "'");
  CHECK(r.out.starts_with(path + " (employees): xlsx workbook, first sheet, " + size + " bytes\n"));
}

TEST_CASE("XlsxToCsv keeps a cell with line breaks on its row's line", "[xlsx]") {
  // Alt+Enter stores a line break in a cell (an address, a remark). It
  // becomes a space, as the loaders make it of a line break in any field, so
  // that the rows after it stay on the lines Excel shows.
  CHECK(SheetCsv("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>市城投集团\n工程部</t></is></c>"
                 "<c r=\"B1\" t=\"s\"><v>0</v></c></row>"
                 "<row r=\"2\"><c r=\"A2\"><v>2</v></c></row>",
                 "<si><t>a&#13;&#10;&#13;&#10;b&#13;c</t></si>")
            .value() == "市城投集团 工程部,a b c\r\n2,\r\n");
}

TEST_CASE("Loaders name the row Excel shows after a cell with a line break", "[xlsx]") {
  testing::TempDir dir;
  const std::string path = dir / "hr.xlsx";
  lxw_workbook* book = workbook_new(path.c_str());
  lxw_worksheet* sheet = workbook_add_worksheet(book, nullptr);
  const char* rows[][4] = {
      {"单位", "姓名", "身份证号", "入职日期"},
      {"市城投集团\n工程部", "张三", "430102198001019016", "2010-01-01"},
      {"市水务集团", "李四", "430102198505059127", "2015-06-01"},
  };
  for (lxw_row_t r = 0; r < 3; ++r)
    for (lxw_col_t c = 0; c < 4; ++c) worksheet_write_string(sheet, r, c, rows[r][c], nullptr);
  REQUIRE(workbook_close(book) == LXW_NO_ERROR);

  auto source = OpenFileSource(path);
  REQUIRE(source.ok());
  LoadOptions o;
  o.today = Date::FromYmd(2026, 1, 1);
  RecordLoader loader(testing::Kind("employees"), o);
  std::vector<Reject> rejects;
  const auto s = loader.Load(**source, [&](const Reject& r) { rejects.push_back(r); });
  REQUIRE(s.ok());
  REQUIRE(rejects.size() == 1);
  CHECK(rejects[0].Message() == path + ":3: 身份证号: check character should be 6, found 7");
  REQUIRE(loader.records().size() == 1);
  CHECK(loader.records().text(0, testing::FieldOf("employees", "unit")) == "市城投集团 工程部");
}

}  // namespace
}  // namespace qinglian
