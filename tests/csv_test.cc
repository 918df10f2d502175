#include "qinglian/input/csv.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>

#include "qinglian/base/csv_writer.h"
#include "qinglian/input/source.h"
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

TEST_CASE("RecordEnds read a piece at a time finds what a single look at the data finds", "[csv]") {
  // Pieces end anywhere: inside a quoted field, between the two quotes of a
  // doubled one, right after an opening quote.
  std::mt19937 random(20261201);
  const char alphabet[] = {'a', ',', '"', '"', '\n', 'b'};
  for (int i = 0; i < 20000; ++i) {
    std::string data(random() % 40, ' ');
    for (char& c : data) c = alphabet[random() % sizeof alphabet];
    RecordEnds ends(',');
    size_t size = 0;
    while (size < data.size()) {
      size = std::min(data.size(), size + 1 + random() % 6);
      const std::string_view prefix = std::string_view(data).substr(0, size);
      ends.Scan(prefix);
      size_t first_quote = 0;
      const size_t whole = CompleteRecordsLength(prefix, ',', &first_quote);
      INFO(std::string(prefix));
      REQUIRE(ends.end() == whole);
      REQUIRE(ends.first_quote() == first_quote);
    }
  }
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
    const std::string_view text = chunk.text();
    CHECK(CompleteRecordsLength(text, ',') == text.size());  // whole records only
    CHECK(chunk.first_quote == text.find('"'));
    joined += text;
    if (chunks % 2) reader.Recycle(std::move(chunk.buffer));  // read into again, not cleared
  }
  CHECK(chunks > 10);
  CHECK(joined == file.substr(8));
}

TEST_CASE("ChunkReader finds the quotes of a large chunk in any of its pieces", "[csv]") {
  // Plain rows, then, from about 1.9 MB to 2.1 MB, rows whose quoted field
  // holds a line break: a 2 MB chunk read in pieces ends among them, and
  // only its quotes tell which newline ends a record. Then plain rows again.
  std::string file = "id,text\n";
  for (int i = 0; file.size() < (3u << 20); ++i) {
    const bool quoted = file.size() > 1900000 && file.size() < 2100000;
    file += std::to_string(i) + (quoted ? ",\"two\nlines\"\n" : ",plain text row\n");
  }
  auto source = MakeStringSource("t.csv", file);
  ChunkReader reader(source.get(), Encoding::kAuto, 2u << 20);
  REQUIRE(reader.Start().ok());
  std::string joined;
  Chunk chunk;
  while (true) {
    Result<bool> more = reader.Next(&chunk);
    REQUIRE(more.ok());
    if (!*more) break;
    const std::string_view text = chunk.text();
    CHECK(CompleteRecordsLength(text, ',') == text.size());
    CHECK(chunk.first_quote == text.find('"'));
    joined += text;
    reader.Recycle(std::move(chunk.buffer));
  }
  CHECK(joined == file.substr(8));
}

}  // namespace
}  // namespace qinglian

namespace qinglian {
namespace {

// Bytes outside printable ASCII as \xNN, so that a wrong byte anywhere shows.
std::string Escape(std::string_view s) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (char c : s) {
    const auto b = static_cast<unsigned char>(c);
    if (b >= 0x20 && b < 0x7F)
      out += c;
    else
      out += {'\\', 'x', kHex[b >> 4], kHex[b & 15]};
  }
  return out;
}

// Renders every record as its fields in brackets, escaped.
std::string RenderBytes(std::string_view data, char sep = ',') {
  CsvReader reader(data, sep);
  CsvRow row;
  std::string out;
  while (reader.Next(&row)) {
    for (std::string_view f : row.fields) {
      out += '[';
      out += Escape(f);
      out += ']';
    }
    out += "\n";
  }
  return out;
}

// The same rules read one byte at a time, slowly and plainly, to compare with.
std::vector<std::vector<std::string>> ReferenceRecords(std::string_view d, char sep) {
  std::vector<std::vector<std::string>> records;
  size_t i = 0;
  while (i < d.size()) {
    std::vector<std::string> record;
    while (true) {
      std::string f;
      if (d[i] == '"') {
        size_t j = i + 1;
        bool closed = false;
        while (j < d.size()) {
          if (d[j] == '"' && j + 1 < d.size() && d[j + 1] == '"') {
            f += '"';
            j += 2;
          } else if (d[j] == '"') {
            closed = true;
            break;
          } else {
            f += d[j++];
          }
        }
        if (!closed) {
          f = d.substr(i + 1);  // an unterminated field is kept as it is
          i = d.size();
        } else {
          std::string tail;
          for (i = j + 1; i < d.size() && d[i] != sep && d[i] != '\n'; ++i) tail += d[i];
          if (!tail.empty() && tail.back() == '\r') tail.pop_back();
          f += tail;
        }
      } else {
        while (i < d.size() && d[i] != sep && d[i] != '\n') f += d[i++];
        if ((i == d.size() || d[i] == '\n') && !f.empty() && f.back() == '\r') f.pop_back();
      }
      record.push_back(f);
      if (i == d.size()) break;
      if (d[i++] == '\n') break;
      if (i == d.size()) {
        record.emplace_back();  // "a,b," ends with an empty field
        break;
      }
    }
    records.push_back(record);
  }
  return records;
}

TEST_CASE("CsvReader keeps doubled quotes followed by more text intact", "[csv]") {
  // Found by fuzzing: the unescaped field was appended to its own buffer.
  const unsigned char fuzzed[] = {0xcc, 0x2c, 0x22, 0x68, 0x22, 0x22, 0x22, 0x2c, 0x22,
                                  0x01, 0x00, 0x60, 0x30, 0x00, 0x24, 0x68, 0x58, 0x22,
                                  0x22, 0xff, 0xcc, 0x2d, 0xf8, 0x22, 0xff, 0x2d, 0xf8};
  CHECK(RenderBytes(std::string_view(reinterpret_cast<const char*>(fuzzed), sizeof fuzzed)) ==
        "[\\xcc][h\"][\\x01\\x00`0\\x00$hX\"\\xff\\xcc-\\xf8\\xff-\\xf8]\n");
  CHECK(RenderBytes("\"a\"\"b\"c") == "[a\"bc]\n");
  CHECK(RenderBytes("\"a\"\"b\"cd,\"e\"\"f\"gh,\"\"\"\"ij\n") == "[a\"bcd][e\"fgh][\"ij]\n");
  CHECK(RenderBytes("x,\"1\"\"2\"345678,\"\"\"\"\"\"tail tail tail\r\n") ==
        "[x][1\"2345678][\"\"tail tail tail]\n");
  CHECK(RenderBytes("\"p\"\"q\"r\n\"s\"\"t\"u\n") == "[p\"qr]\n[s\"tu]\n");
}

TEST_CASE("CsvReader agrees with a plain reading on random bytes", "[csv]") {
  const char alphabet[] = {'a', 'b', '"', '"', ',', '\n', '\r', '\xff'};
  std::mt19937 random(20241130);
  for (int n = 0; n < 20000; ++n) {
    std::string data(random() % 48, ' ');
    for (char& c : data) c = alphabet[random() % sizeof alphabet];
    CsvReader reader(data, ',');
    CsvRow row;
    std::vector<std::vector<std::string>> got;
    while (reader.Next(&row)) got.emplace_back(row.fields.begin(), row.fields.end());
    INFO(Escape(data));
    REQUIRE(got == ReferenceRecords(data, ','));
  }
}

}  // namespace
}  // namespace qinglian

namespace qinglian {
namespace {

TEST_CASE("CsvReader tells where the longest quoted field opens and how many lines it spans",
          "[csv]") {
  CsvReader reader("a,\"b\nc\",\"d\ne\nf\",g\nh,i\n\"j\"\"\nk\"\n", ',');
  CsvRow row;
  std::string got;
  while (reader.Next(&row))
    got += std::to_string(row.line) + ": " + std::to_string(row.quote_line) + "+" +
           std::to_string(row.quote_line_breaks) + "\n";
  CHECK(got == "1: 2+2\n5: 0+0\n6: 6+1\n");
}

}  // namespace
}  // namespace qinglian
