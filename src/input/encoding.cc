#include "qinglian/input/encoding.h"

#include <cerrno>

#include "qinglian/base/text.h"

namespace qinglian {
namespace {

// Stands for an unpaired surrogate: a byte that is never valid UTF-8, so the
// row that holds it is rejected like any other invalid sequence.
constexpr char kInvalidByte = '\xFF';

// UTF-8 unless the bytes say otherwise. A UTF-8 export with a few bad rows
// still has far more valid multi-byte sequences than invalid bytes; GB18030
// Chinese text almost never forms valid UTF-8 sequences.
bool LooksLikeUtf8(std::string_view head) {
  size_t valid_multibyte = 0, invalid = 0, pos = 0;
  while (pos < head.size()) {
    const size_t bad = FindInvalidUtf8(head.substr(pos));
    const size_t stop = bad == std::string_view::npos ? head.size() : pos + bad;
    for (size_t i = pos; i < stop; ++i)
      valid_multibyte += (static_cast<unsigned char>(head[i]) & 0xC0) == 0xC0;  // lead bytes
    if (bad == std::string_view::npos) break;
    // A sequence cut by the end of the sample is not evidence either way.
    if (head.size() - stop < 4 && static_cast<unsigned char>(head[stop]) >= 0xC2) break;
    ++invalid;
    pos = stop + 1;
  }
  return invalid == 0 || valid_multibyte > 2 * invalid;
}

// How far a text reads as everyday Chinese, counted on its GB18030 bytes:
// `common` the 3,755 characters of GB 2312 level 1, `rare` every other
// character outside ASCII and GB 2312's punctuation, numerals and full-width
// ASCII, `invalid` the bytes that form no GB18030 character.
struct ChineseScore {
  size_t common = 0, rare = 0, invalid = 0;
};

ChineseScore ScoreGb18030(std::string_view s) {
  ChineseScore score;
  size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      ++i;
      continue;
    }
    if (s.substr(i, 3) == "\xEF\xBF\xBD") {  // U+FFFD of UTF-8: half of 锟斤拷
      score.rare += 2;
      i += 3;
      continue;
    }
    if (i + 1 == s.size()) break;  // cut by the end of the sample
    const auto t = static_cast<unsigned char>(s[i + 1]);
    if (b == 0x80 || b == 0xFF || t < 0x30 || (t > 0x39 && t < 0x40) || t == 0x7F || t == 0xFF) {
      ++score.invalid;
      ++i;
    } else if (t <= 0x39) {  // four bytes: characters GBK does not have
      if (s.substr(i, 4) != "\x84\x31\xA4\x37") ++score.rare;  // U+FFFD is damage, not text
      i += 4;
    } else {
      if (b >= 0xB0 && b <= 0xD7 && t >= 0xA1)
        ++score.common;
      else if (b < 0xA1 || b > 0xA3 || t < 0xA1)
        ++score.rare;
      i += 2;
    }
  }
  return score;
}

// The UTF-8 reading of a sample, scored on its GB18030 form. A sequence cut
// by the end of the sample is left out; any other invalid one is counted.
ChineseScore ScoreUtf8(std::string_view s) {
  ChineseScore score;
  const size_t bad = FindInvalidUtf8(s);
  if (bad != std::string_view::npos) {
    if (s.size() - bad >= 4) score.invalid = 1;
    s = s.substr(0, bad);
  }
  std::string gb;
  if (!Transcoder("GB18030", "UTF-8").Convert(s, &gb)) {
    ++score.invalid;
    return score;
  }
  const ChineseScore text = ScoreGb18030(gb);
  score.common = text.common;
  score.rare = text.rare;
  return score;
}

}  // namespace

std::optional<Encoding> BetterEncoding(std::string_view sample, Encoding used) {
  if (used != Encoding::kUtf8 && used != Encoding::kGb18030) return std::nullopt;
  constexpr size_t kSampleBytes = 64 << 10, kMinCharacters = 8;
  sample = sample.substr(0, kSampleBytes);
  const bool gb = used == Encoding::kGb18030;
  const ChineseScore now = gb ? ScoreGb18030(sample) : ScoreUtf8(sample);
  const ChineseScore other = gb ? ScoreUtf8(sample) : ScoreGb18030(sample);
  // Mostly rare characters or bytes that form none: the marks of mojibake.
  const size_t odd = now.rare + now.invalid;
  if (now.common + odd < kMinCharacters || now.common >= odd) return std::nullopt;
  // The other reading must be valid and read as everyday text.
  const size_t total = other.common + other.rare;
  if (other.invalid > 0 || total < kMinCharacters || other.common * 4 < total * 3)
    return std::nullopt;
  return gb ? Encoding::kUtf8 : Encoding::kGb18030;
}

const char* EncodingName(Encoding e) {
  switch (e) {
    case Encoding::kAuto:
      return "auto";
    case Encoding::kUtf8:
      return "utf-8";
    case Encoding::kGb18030:
      return "gb18030";
    case Encoding::kUtf16Le:
      return "utf-16le";
    case Encoding::kUtf16Be:
      return "utf-16be";
  }
  return "unknown";
}

const char* EncodingTitle(Encoding e) {
  switch (e) {
    case Encoding::kAuto:
      return "any encoding";
    case Encoding::kUtf8:
      return "UTF-8";
    case Encoding::kGb18030:
      return "GB18030";
    case Encoding::kUtf16Le:
      return "UTF-16LE";
    case Encoding::kUtf16Be:
      return "UTF-16BE";
  }
  return "unknown";
}

Result<Encoding> ParseEncodingName(std::string_view name) {
  std::string n;
  for (char c : name)
    if (c != '-' && c != '_')
      n.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  if (n == "auto") return Encoding::kAuto;
  if (n == "utf8") return Encoding::kUtf8;
  if (n == "gb18030" || n == "gbk" || n == "gb2312" || n == "cp936") return Encoding::kGb18030;
  if (n == "utf16" || n == "utf16le") return Encoding::kUtf16Le;
  if (n == "utf16be") return Encoding::kUtf16Be;
  return Status::Error("unknown encoding '" + std::string(name) +
                       "' (use auto, utf-8, gb18030 or utf-16)");
}

Detected DetectEncoding(std::string_view head, Encoding forced) {
  const auto starts = [&](std::string_view bom) { return head.substr(0, bom.size()) == bom; };
  Detected d{Encoding::kUtf8, 0};
  if (starts("\xEF\xBB\xBF"))
    d = {Encoding::kUtf8, 3};
  else if (starts("\xFF\xFE"))
    d = {Encoding::kUtf16Le, 2};
  else if (starts("\xFE\xFF"))
    d = {Encoding::kUtf16Be, 2};
  else {
    d.encoding = LooksLikeUtf8(head) ? Encoding::kUtf8 : Encoding::kGb18030;
  }
  if (forced == Encoding::kAuto) return d;
  const bool bom_matches = (forced == d.encoding) && d.bom_bytes > 0;
  return {forced, bom_matches ? d.bom_bytes : 0};
}

Transcoder::Transcoder(const char* to, const char* from) : cd_(iconv_open(to, from)) {}

Transcoder::~Transcoder() {
  if (cd_ != reinterpret_cast<iconv_t>(-1)) iconv_close(cd_);
}

bool Transcoder::Convert(std::string_view in, std::string* out) {
  if (cd_ == reinterpret_cast<iconv_t>(-1)) return false;
  iconv(cd_, nullptr, nullptr, nullptr, nullptr);  // reset the shift state
  const size_t start = out->size();
  // Between UTF-8 and GB18030 a text grows by at most 3/2.
  out->resize(start + in.size() * 2 + 4);
  char* src = const_cast<char*>(in.data());  // iconv's interface is not const-correct
  size_t src_left = in.size();
  char* dst = out->data() + start;
  size_t dst_left = out->size() - start;
  const size_t rc = iconv(cd_, &src, &src_left, &dst, &dst_left);
  if (rc == static_cast<size_t>(-1)) return false;
  out->resize(out->size() - dst_left);
  return true;
}

void Utf16Decoder::Decode(std::string_view in, std::string* out) {
  std::string joined;
  if (!pending_.empty()) {
    joined = pending_ + std::string(in);
    in = joined;
    pending_.clear();
  }
  const size_t whole = in.size() & ~size_t{1};
  out->reserve(out->size() + whole * 3 / 2);
  for (size_t i = 0; i < whole; i += 2) {
    const auto b0 = static_cast<unsigned char>(in[i]), b1 = static_cast<unsigned char>(in[i + 1]);
    const char16_t unit =
        big_endian_ ? static_cast<char16_t>(b0 << 8 | b1) : static_cast<char16_t>(b1 << 8 | b0);
    if (high_) {
      if (unit >= 0xDC00 && unit <= 0xDFFF) {
        AppendUtf8(0x10000 + ((high_ - 0xD800) << 10) + (unit - 0xDC00), out);
        high_ = 0;
        continue;
      }
      out->push_back(kInvalidByte);
      high_ = 0;
    }
    if (unit >= 0xD800 && unit <= 0xDBFF) {
      high_ = unit;
    } else if (unit >= 0xDC00 && unit <= 0xDFFF) {
      out->push_back(kInvalidByte);
    } else {
      AppendUtf8(unit, out);
    }
  }
  if (whole < in.size()) pending_.assign(in.substr(whole));
}

}  // namespace qinglian
