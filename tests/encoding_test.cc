#include "qinglian/input/encoding.h"

#include <catch2/catch.hpp>

namespace qinglian {
namespace {

TEST_CASE("DetectEncoding reads byte-order marks and falls back to GB18030", "[encoding]") {
  CHECK(DetectEncoding("\xEF\xBB\xBFname", Encoding::kAuto).encoding == Encoding::kUtf8);
  CHECK(DetectEncoding("\xEF\xBB\xBFname", Encoding::kAuto).bom_bytes == 3);
  CHECK(DetectEncoding("\xFF\xFEn\0", Encoding::kAuto).encoding == Encoding::kUtf16Le);
  CHECK(DetectEncoding("\xFE\xFF\0n", Encoding::kAuto).encoding == Encoding::kUtf16Be);
  CHECK(DetectEncoding("姓名,身份证号", Encoding::kAuto).encoding == Encoding::kUtf8);
  CHECK(DetectEncoding("\xD0\xD5\xC3\xFB,\xC9\xED\xB7\xDD", Encoding::kAuto).encoding ==
        Encoding::kGb18030);
  // A UTF-8 file with one bad row stays UTF-8: the row is rejected, not the file.
  CHECK(DetectEncoding("姓名,单位,部门\n张三,城投,财务\n\xD5\xC5,x\n", Encoding::kAuto).encoding ==
        Encoding::kUtf8);
  // A sequence cut by the end of the sample does not make the file GB18030.
  CHECK(DetectEncoding("姓名\xE5\xA7", Encoding::kAuto).encoding == Encoding::kUtf8);
  // Forcing an encoding still skips its own BOM, and only its own.
  CHECK(DetectEncoding("\xEF\xBB\xBFx", Encoding::kUtf8).bom_bytes == 3);
  CHECK(DetectEncoding("\xEF\xBB\xBFx", Encoding::kGb18030).bom_bytes == 0);
}

TEST_CASE("ParseEncodingName accepts the usual names", "[encoding]") {
  CHECK(*ParseEncodingName("UTF-8") == Encoding::kUtf8);
  CHECK(*ParseEncodingName("gbk") == Encoding::kGb18030);
  CHECK(*ParseEncodingName("CP936") == Encoding::kGb18030);
  CHECK(*ParseEncodingName("utf-16") == Encoding::kUtf16Le);
  CHECK(ParseEncodingName("latin1").error() ==
        "unknown encoding 'latin1' (use auto, utf-8, gb18030 or utf-16)");
}

TEST_CASE("Transcoder decodes GB18030, two- and four-byte sequences and refuses bad bytes",
          "[encoding]") {
  Transcoder d("UTF-8", "GB18030");
  std::string out;
  REQUIRE(d.Convert("\xD5\xC5\xC8\xFD", &out));
  CHECK(out == "张三");
  out.clear();
  REQUIRE(d.Convert("\x82\x30\x82\x35", &out));  // U+34B2, not in GBK
  CHECK(out == "\u34B2");
  out.clear();
  CHECK_FALSE(d.Convert("\xD5", &out));  // cut short
  out.clear();
  CHECK_FALSE(d.Convert("\xFF\xFF", &out));
}

TEST_CASE("Utf16Decoder joins pieces cut anywhere", "[encoding]") {
  // "张a😀" in UTF-16LE: 20 5F, 61 00, 3D D8 00 DE.
  const std::string bytes("\x20\x5F\x61\x00\x3D\xD8\x00\xDE", 8);
  for (size_t cut = 0; cut <= bytes.size(); ++cut) {
    INFO(cut);
    Utf16Decoder d(false);
    std::string out;
    d.Decode(bytes.substr(0, cut), &out);
    d.Decode(bytes.substr(cut), &out);
    CHECK(out == "张a\U0001F600");
  }
  Utf16Decoder lone(false);
  std::string out;
  lone.Decode(std::string("\x00\xDC\x61\x00", 4), &out);  // a low surrogate alone
  CHECK(out ==
        "\xFF"
        "a");
}

}  // namespace
}  // namespace qinglian

namespace qinglian {
namespace {

// A roster in GB 2312 characters whose GB18030 bytes happen to be valid
// UTF-8 (each a lead byte C2-D7 and a trail byte A1-BF): 陆平, 毛萍, 牛玫,
// 水泰 (a unit) and 司 (a department).
const std::string kGbThatIsUtf8 =
    "name,id,unit,department\n"
    "\xC2\xBD\xC6\xBD,1,\xCB\xAE\xCC\xA9,\xCB\xBE\n"
    "\xC3\xAB\xC6\xBC,2,\xCB\xAE\xCC\xA9,\xCB\xBE\n"
    "\xC5\xA3\xC3\xB5,3,\xCB\xAE\xCC\xA9,\xCB\xBE\n";

TEST_CASE("BetterEncoding sees the marks of text decoded with the wrong encoding", "[encoding]") {
  const std::string utf8 =
      "单位,部门,姓名,公民身份号码,入职日期\n市城建投资集团,财务部,张三,430102198001019016,"
      "2010-03-01\n市交通建设集团,工程部,李四,430102198505059126,2020-07-01\n";
  std::string gb;
  REQUIRE(Transcoder("GB18030", "UTF-8").Convert(utf8, &gb));
  std::string utf8_damaged = utf8;  // replacement characters, 锟斤拷 when read as GB18030
  utf8_damaged.insert(utf8_damaged.find("张三"), "\uFFFD\uFFFD\uFFFD\uFFFD");
  struct {
    const char* what;
    std::string sample;
    Encoding used;
    std::optional<Encoding> want;
  } cases[] = {
      {"UTF-8 read as UTF-8", utf8, Encoding::kUtf8, std::nullopt},
      {"UTF-8 read as GB18030", utf8, Encoding::kGb18030, Encoding::kUtf8},
      {"UTF-8 with 锟斤拷 read as GB18030", utf8_damaged, Encoding::kGb18030, Encoding::kUtf8},
      {"UTF-8 cut mid-character", utf8.substr(0, utf8.size() - 40), Encoding::kGb18030,
       Encoding::kUtf8},
      {"GB18030 read as GB18030", gb, Encoding::kGb18030, std::nullopt},
      {"GB18030 that is valid UTF-8, read as UTF-8", kGbThatIsUtf8, Encoding::kUtf8,
       Encoding::kGb18030},
      {"GB18030 that is valid UTF-8, read as GB18030", kGbThatIsUtf8, Encoding::kGb18030,
       std::nullopt},
      {"too little text to tell", "姓名\n张三\n", Encoding::kGb18030, std::nullopt},
      {"ASCII", "name,id\nZhang San,1\n", Encoding::kGb18030, std::nullopt},
      {"UTF-16 is never second-guessed", utf8, Encoding::kUtf16Le, std::nullopt},
  };
  for (const auto& c : cases) {
    INFO(c.what);
    CHECK(BetterEncoding(c.sample, c.used) == c.want);
  }
}

}  // namespace
}  // namespace qinglian
