// Character encodings of the files offices export: UTF-8 (with or without a
// byte-order mark), GB18030 (which covers GBK, GB2312 and code page 936) and
// UTF-16 with a byte-order mark (Excel's "Unicode Text").
#ifndef QINGLIAN_INPUT_ENCODING_H_
#define QINGLIAN_INPUT_ENCODING_H_

#include <iconv.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "qinglian/base/status.h"

namespace qinglian {

enum class Encoding { kAuto, kUtf8, kGb18030, kUtf16Le, kUtf16Be };

// "utf-8", "gb18030", "utf-16le", "utf-16be", "auto".
const char* EncodingName(Encoding e);
// "UTF-8", "GB18030", "UTF-16LE", "UTF-16BE": the name messages give it.
const char* EncodingTitle(Encoding e);
// Accepts the names above and common aliases (utf8, gbk, gb2312, cp936, utf-16).
Result<Encoding> ParseEncodingName(std::string_view name);

struct Detected {
  Encoding encoding;
  size_t bom_bytes;  // bytes of byte-order mark to skip
};

// Detects the encoding from the first bytes of a file: a byte-order mark
// decides; otherwise text that is valid UTF-8 is UTF-8 and anything else is
// GB18030. `forced` (not kAuto) overrides detection but a matching BOM is
// still skipped.
Detected DetectEncoding(std::string_view head, Encoding forced);

// Looks for the marks of text decoded with the wrong encoding in `sample`,
// the first bytes of a file as read, decoded as `used`. UTF-8 read as GB18030
// gives runs of rare characters (鍙, 鎴, 锟斤拷); GB18030 that happens to be valid
// UTF-8 gives Latin, Greek or Cyrillic letters and rare CJK. Returns the
// encoding (UTF-8 or GB18030) that reads the sample as everyday Chinese where
// `used` does not; nothing when there is too little Chinese text to tell, or
// for UTF-16, which a byte-order mark decides.
std::optional<Encoding> BetterEncoding(std::string_view sample, Encoding used);

// Converts text between two encodings through iconv, e.g. Transcoder("UTF-8",
// "GB18030") decodes GB18030. Owns its iconv handle.
class Transcoder {
 public:
  Transcoder(const char* to, const char* from);
  ~Transcoder();
  Transcoder(const Transcoder&) = delete;
  Transcoder& operator=(const Transcoder&) = delete;

  // Appends the converted form of `in` to `out`. Returns false, leaving `out`
  // unspecified, when `in` holds a sequence that is invalid in the source
  // encoding or has no form in the target one.
  bool Convert(std::string_view in, std::string* out);

 private:
  iconv_t cd_;
};

// Converts UTF-16 to UTF-8 incrementally: a code unit or surrogate pair cut at
// the end of one piece is completed by the next. An unpaired surrogate becomes
// the byte 0xFF, never valid UTF-8, so the loader rejects its row.
class Utf16Decoder {
 public:
  explicit Utf16Decoder(bool big_endian) : big_endian_(big_endian) {}
  void Decode(std::string_view in, std::string* out);

 private:
  bool big_endian_;
  std::string pending_;  // an odd trailing byte
  char16_t high_ = 0;    // a high surrogate waiting for its pair
};

}  // namespace qinglian

#endif  // QINGLIAN_INPUT_ENCODING_H_
