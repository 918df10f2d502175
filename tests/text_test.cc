#include "qinglian/base/text.h"

#include <catch2/catch.hpp>

namespace qinglian {
namespace {

TEST_CASE("IsValidUtf8 accepts well-formed text and rejects the rest", "[text]") {
  CHECK(IsValidUtf8(""));
  CHECK(IsValidUtf8("plain ascii text that is longer than eight bytes"));
  CHECK(IsValidUtf8("张三·阿不都"));
  CHECK(IsValidUtf8("\xF0\xA0\x80\x80"));        // U+20000, CJK Extension B
  CHECK_FALSE(IsValidUtf8("\xD5\xC5\xC8\xFD"));  // 张三 in GB18030
  CHECK_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  CHECK_FALSE(IsValidUtf8("\xED\xA0\x80"));      // a surrogate
  CHECK_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  CHECK_FALSE(IsValidUtf8("abc\xE4\xB8"));       // cut short
  CHECK(FindInvalidUtf8("abcdefghij\xFF") == 10);
}

TEST_CASE("NextCodePoint decodes and replaces bad bytes", "[text]") {
  const std::string s = "a张\xFF";
  size_t pos = 0;
  CHECK(NextCodePoint(s, &pos) == U'a');
  CHECK(NextCodePoint(s, &pos) == U'张');
  CHECK(NextCodePoint(s, &pos) == 0xFFFD);
  CHECK(pos == s.size());
}

TEST_CASE("FoldWidth turns full-width ASCII into half-width", "[text]") {
  CHECK(FoldWidth("ＡＢＣ１２３（ｍｇ／１００ｍｌ）") == "ABC123(mg/100ml)");
  CHECK(FoldWidth("a\u3000b") == "a b");
  CHECK(FoldWidth("血液酒精含量") == "血液酒精含量");
}

TEST_CASE("Trim removes blanks and control characters at both ends", "[text]") {
  CHECK(Trim("  abc \t") == "abc");
  CHECK(Trim("\u3000张三\u3000") == "张三");
  CHECK(Trim("\x1f"
             "abc\r\n") == "abc");
  CHECK(Trim("\xEF\xBB\xBFname") == "name");
  CHECK(Trim("a b") == "a b");
  CHECK(Trim(" \t\u3000 ") == "");
  CHECK(CleanField(" ＡＢ\u3000") == "AB");
}

TEST_CASE("NormaliseName removes blanks and folds middle dots", "[text]") {
  struct {
    const char* in;
    const char* want;
  } cases[] = {
      {"张 三", "张三"},
      {" 张\u3000三\t", "张三"},
      {"阿不都·热合曼", "阿不都·热合曼"},
      {"阿不都・热合曼", "阿不都·热合曼"},
      {"阿不都•热合曼", "阿不都·热合曼"},
      {"阿不都‧热合曼", "阿不都·热合曼"},
      {"阿不都．热合曼", "阿不都·热合曼"},
      {"ＬＩ　Ｌｅｉ", "LILei"},
  };
  for (const auto& c : cases) {
    INFO(c.in);
    CHECK(NormaliseName(c.in) == c.want);
  }
}

TEST_CASE("DisplayWidth counts a Chinese character as two columns", "[text]") {
  CHECK(DisplayWidth("abc") == 3);
  CHECK(DisplayWidth("张三") == 4);
  CHECK(DisplayWidth("醉驾 drunk") == 10);
  CHECK(DisplayWidth("（１）") == 6);
}

TEST_CASE("ToValidUtf8 replaces each invalid byte with U+FFFD", "[text]") {
  struct {
    const char* in;
    const char* want;
  } cases[] = {
      {"", ""},
      {"张三 plain", "张三 plain"},
      {"a\xFF"
       "b",
       "a\uFFFD"
       "b"},
      {"\xD5\xC5\xC8\xFD", "\uFFFD\uFFFD\uFFFD\uFFFD"},  // 张三 in GB18030
      {"abc\xE4\xB8", "abc\uFFFD\uFFFD"},                // cut short
      {"\xED\xA0\x80", "\uFFFD\uFFFD\uFFFD"},            // a surrogate
  };
  for (const auto& c : cases) {
    INFO(c.in);
    CHECK(ToValidUtf8(c.in) == c.want);
    CHECK(IsValidUtf8(ToValidUtf8(c.in)));
  }
}

TEST_CASE("CleanField drops control characters inside a field", "[text]") {
  struct {
    std::string in;
    const char* want;
  } cases[] = {
      {std::string("张\0三", 7), "张三"},
      {"市城建\x1b[2J投资集团", "市城建[2J投资集团"},
      {"a\tb", "a b"},
      {"a\r\nb", "a b"},
      {"ＡＢ\x7f\x01Ｃ", "ABC"},
      {" \t张三\x07 ", "张三"},
  };
  for (const auto& c : cases) {
    INFO(c.in);
    CHECK(CleanField(c.in) == c.want);
  }
}

TEST_CASE("TerminalText makes control characters visible", "[text]") {
  CHECK(TerminalText("市城建\x1b[2J\xC2\x9B\x7f\t") == "市城建\\x1b[2J\\u009b\\x7f\\x09");
  CHECK(TerminalText("a\nb") == "a\\x0ab");
  CHECK(TerminalText("a\nb", /*keep_newlines=*/true) == "a\nb");
  CHECK(TerminalText("bad \xFF byte") == "bad \uFFFD byte");
  CHECK(TerminalText("张三 · ok") == "张三 · ok");
}

}  // namespace
}  // namespace qinglian
