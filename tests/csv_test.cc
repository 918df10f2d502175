#include "qinglian/csv.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

#include "qinglian/source.h"
#include "test_util.h"

namespace qinglian {
namespace {

// Renders rows as "line:field|field" lines, the way the tests compare them.
std::string Render(std::string_view data, char sep = ',') {
  CsvReader reader(data, sep);
  CsvRow row;
  std::string out;
  while (reader.Next(&row)) {
    out += std::to_string(row.line) + ":";
    for (size_t i = 0; i < row.fields.size(); ++i) {
      if (i) out += "|";
      out += row.fields[i];
    }
    if (row.unterminated) out += " (unterminated)";
    out += "\n";
  }
  return out;
}

TEST_CASE("CsvReader passes every csv-spectrum case", "[csv]") {
  for (const char* name :
       {"comma_in_quotes", "empty", "empty_crlf", "escaped_quotes", "json", "newlines",
        "newlines_crlf", "quotes_and_newlines", "simple", "simple_crlf", "utf8"}) {
    INFO(name);
    const std::string csv =
        testing::ReadFile(testing::TestData(std::string("csv-spectrum/csvs/") + name + ".csv"));
    const auto want = nlohmann::json::parse(
        testing::ReadFile(testing::TestData(std::string("csv-spectrum/json/") + name + ".json")));
    CsvReader reader(csv, ',');
    CsvRow row;
    REQUIRE(reader.Next(&row));
    const std::vector<std::string> header(row.fields.begin(), row.fields.end());
    nlohmann::json got = nlohmann::json::array();
    while (reader.Next(&row)) {
      nlohmann::json obj = nlohmann::json::object();
      for (size_t i = 0; i < header.size(); ++i) obj[header[i]] = std::string(row.fields.at(i));
      got.push_back(obj);
    }
    CHECK(got == want);
  }
}

TEST_CASE("CsvReader handles the edges exports produce", "[csv]") {
  CHECK(Render("a,b\n1,2") == "1:a|b\n2:1|2\n");
  CHECK(Render("a,b,\n") == "1:a|b|\n");
  CHECK(Render("a,b,") == "1:a|b|\n");
  CHECK(Render("\n") == "1:\n");
  CHECK(Render("\"a\nb\",c\nd,e\n") == "1:a\nb|c\n3:d|e\n");
  CHECK(Render("\"x\"\"y\",z\r\n") == "1:x\"y|z\n");
  CHECK(Render("ab\"c,d\n") == "1:ab\"c|d\n");
  CHECK(Render("\"ab\"cd,e\n") == "1:abcd|e\n");
  CHECK(Render("\"open,1\n2,3\n") == "1:open,1\n2,3\n (unterminated)\n");
  CHECK(Render("a\tb\tc\r\n", '\t') == "1:a|b|c\n");
}

TEST_CASE("CsvReader splits only the first fields when asked", "[csv]") {
  const std::string data = "a,b,c,d\n\"x\",\"y\nz\",w\nshort\nlast,1,2";
  CsvReader reader(data, ',');
  CsvRow row;
  std::string got;
  while (reader.Next(&row, 2)) {
    got += std::to_string(row.line) + ":" + std::to_string(row.fields.size()) +
           (row.partial ? "p" : "") + ":";
    got += std::string(row.raw) + "|";
  }
  CHECK(got == "1:2p:a,b,c,d\n|2:2p:\"x\",\"y\nz\",w\n|4:1:short\n|5:2p:last,1,2|");
}

TEST_CASE("CompleteRecordsLength stops after the last whole record", "[csv]") {
  CHECK(CompleteRecordsLength("a,b\nc,d", ',') == 4);
  CHECK(CompleteRecordsLength("a,b\nc,d\n", ',') == 8);
  CHECK(CompleteRecordsLength("a,\"b\nc\",d", ',') == 0);
  CHECK(CompleteRecordsLength("x\na,\"b\nc\",d\ne", ',') == 12);
  CHECK(CompleteRecordsLength("x\"y\nz", ',') == 4);  // a quote inside a field is ordinary
}

TEST_CASE("SniffDelimiter picks the separator of the header", "[csv]") {
  CHECK(SniffDelimiter("a,b,c") == ',');
  CHECK(SniffDelimiter("a\tb\tc") == '\t');
  CHECK(SniffDelimiter("a;b;c") == ';');
  CHECK(SniffDelimiter("\"a,b\";c;d") == ';');
  CHECK(SniffDelimiter("single") == ',');
}

TEST_CASE("WriteCsvRow quotes only what needs it", "[csv]") {
  std::ostringstream out;
  WriteCsvRow(out, {"plain", "a,b", "say \"hi\"", "two\nlines", ""});
  CHECK(out.str() == "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\r\n");
}

// Chunks are cut at record boundaries; the records and their line numbers must
// come out as if the file were read in one piece.
TEST_CASE("ChunkReader cuts chunks at record boundaries", "[csv]") {
  std::string file = "id,text\n";
  for (int i = 0; i < 3000; ++i) {
    file += std::to_string(i) + ",";
    file += i % 7 == 0 ? "\"multi\nline, with \"\"quotes\"\"\"\n" : "plain text row\n";
  }
  auto source = MakeStringSource("t.csv", file);
  ChunkReader reader(source.get(), Encoding::kAuto, 4096);
  REQUIRE(reader.Start().ok());
  CHECK(reader.header() == std::vector<std::string>{"id", "text"});
  std::string joined;
  Chunk chunk;
  int chunks = 0;
  CHECK(reader.first_data_line() == 2);
  while (true) {
    Result<bool> more = reader.Next(&chunk);
    REQUIRE(more.ok());
    if (!*more) break;
    ++chunks;
    CHECK(CompleteRecordsLength(chunk.data, ',') == chunk.data.size());  // whole records only
    joined += chunk.data;
  }
  CHECK(chunks > 10);
  CHECK(joined == file.substr(8));
}

}  // namespace
}  // namespace qinglian
