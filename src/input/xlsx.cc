// An .xlsx file is a ZIP archive of XML parts. The first sheet is found
// through xl/workbook.xml and its relationships; strings shared between cells
// live in xl/sharedStrings.xml. minizip reads the archive, from a file or
// from memory, and each part is handed to expat block by block as it
// inflates, so that no part is ever held whole.
#include "qinglian/input/xlsx.h"

#include <expat.h>
#include <unzip.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <new>
#include <optional>
#include <sstream>
#include <vector>

#include "qinglian/base/csv_writer.h"
#include "qinglian/input/csv.h"

namespace qinglian {
namespace {

struct ZipCloser {
  void operator()(void* z) const { unzClose(z); }
};
using Zip = std::unique_ptr<void, ZipCloser>;

struct ParserFree {
  void operator()(XML_ParserStruct* p) const { XML_ParserFree(p); }
};
using Parser = std::unique_ptr<XML_ParserStruct, ParserFree>;

// minizip's file functions over bytes in memory: the stream is the
// MemoryFile itself.
struct MemoryFile {
  std::string_view bytes;
  uint64_t pos = 0;
};

voidpf MemoryOpen(voidpf opaque, const void*, int) { return opaque; }

uLong MemoryRead(voidpf, voidpf stream, void* buf, uLong size) {
  auto* f = static_cast<MemoryFile*>(stream);
  const uint64_t n = std::min<uint64_t>(size, f->bytes.size() - f->pos);
  if (n == 0) return 0;  // empty bytes may have no data pointer, which memcpy must not get
  std::memcpy(buf, f->bytes.data() + f->pos, n);
  f->pos += n;
  return static_cast<uLong>(n);
}

uLong MemoryWrite(voidpf, voidpf, const void*, uLong) { return 0; }

ZPOS64_T MemoryTell(voidpf, voidpf stream) { return static_cast<MemoryFile*>(stream)->pos; }

long MemorySeek(voidpf, voidpf stream, ZPOS64_T offset, int origin) {
  auto* f = static_cast<MemoryFile*>(stream);
  const uint64_t size = f->bytes.size();
  const uint64_t base = origin == ZLIB_FILEFUNC_SEEK_SET   ? 0
                        : origin == ZLIB_FILEFUNC_SEEK_CUR ? f->pos
                                                           : size;
  if (offset > size - base) return -1;
  f->pos = base + offset;
  return 0;
}

int MemoryClose(voidpf, voidpf) { return 0; }
int MemoryError(voidpf, voidpf) { return 0; }

std::string_view LocalName(const char* name) {
  std::string_view n(name);
  const size_t colon = n.rfind(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

std::string Attr(const char** attrs, std::string_view name) {
  for (int i = 0; attrs[i]; i += 2)
    if (LocalName(attrs[i]) == name) return attrs[i + 1];
  return "";
}

// Excel's own limits.
constexpr uint32_t kMaxColumns = 16384;  // A to XFD
constexpr uint32_t kMaxRows = 1048576;
constexpr size_t kMaxCellChars = 32767;

// 1073741824 -> "1 GiB".
std::string FormatBytes(uint64_t n) {
  if (n > 0 && n % (uint64_t{1} << 30) == 0) return std::to_string(n >> 30) + " GiB";
  if (n > 0 && n % (uint64_t{1} << 20) == 0) return std::to_string(n >> 20) + " MiB";
  return std::to_string(n) + " bytes";
}

size_t Utf8Chars(std::string_view text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

// What a part's XML is read into. Element names come without their
// namespace prefix; an error a handler returns ends the parse.
class XmlSink {
 public:
  virtual ~XmlSink() = default;
  virtual Status Start(std::string_view name, const char** attrs) = 0;
  virtual Status Text(std::string_view) { return Status::Ok(); }
  virtual Status End(std::string_view) { return Status::Ok(); }
};

// expat fed block by block. Exceptions cannot cross expat's C frames, so
// the handlers catch them and stop the parse.
class XmlParser {
 public:
  explicit XmlParser(XmlSink* sink) : parser_(XML_ParserCreate("UTF-8")), sink_(sink) {
    if (!parser_) return;
    XML_SetUserData(parser_.get(), this);
    XML_SetElementHandler(parser_.get(), OnStart, OnEnd);
    XML_SetCharacterDataHandler(parser_.get(), OnText);
  }

  // Parses the next block of the part; `last` for the final one. Fails with
  // the handler's error, or expat's "<reason> at line N".
  Status Feed(std::string_view block, bool last) {
    if (!parser_) return Status::Error("out of memory");
    if (XML_Parse(parser_.get(), block.data(), static_cast<int>(block.size()), last) !=
        XML_STATUS_ERROR)
      return Status::Ok();
    if (!error_.ok()) return error_;
    return Status::Error(std::string(XML_ErrorString(XML_GetErrorCode(parser_.get()))) +
                         " at line " + std::to_string(XML_GetCurrentLineNumber(parser_.get())));
  }

 private:
  template <typename F>
  static void Call(void* data, F&& f) {
    auto* self = static_cast<XmlParser*>(data);
    if (!self->error_.ok()) return;  // expat may call once more after a stop
    try {
      self->error_ = f(*self->sink_);
    } catch (const std::bad_alloc&) {
      self->error_ = Status::Error("out of memory");
    } catch (const std::exception& e) {
      self->error_ = Status::Error(e.what());
    }
    if (!self->error_.ok()) XML_StopParser(self->parser_.get(), XML_FALSE);
  }
  static void OnStart(void* data, const char* name, const char** attrs) {
    Call(data, [&](XmlSink& s) { return s.Start(LocalName(name), attrs); });
  }
  static void OnEnd(void* data, const char* name) {
    Call(data, [&](XmlSink& s) { return s.End(LocalName(name)); });
  }
  static void OnText(void* data, const char* text, int len) {
    Call(data,
         [&](XmlSink& s) { return s.Text(std::string_view(text, static_cast<size_t>(len))); });
  }

  Parser parser_;
  XmlSink* sink_;
  Status error_;
};

// Inflates the part `name` of the workbook `book` into `sink`, and no more
// than `max_bytes` of it. Returns false when the archive has no such part.
Result<bool> ReadPart(void* zip, const std::string& name, const std::string& book,
                      uint64_t max_bytes, XmlSink* sink) {
  const std::string where = book + ": " + name;
  const auto too_big = [&] {
    return Status::Error(where + ": inflates to more than " + FormatBytes(max_bytes) +
                         ", the limit for one part of a workbook");
  };
  const auto damaged = [&] { return Status::Error(where + " in the workbook is damaged"); };
  if (unzLocateFile(zip, name.c_str(), 0) != UNZ_OK) return false;
  unz_file_info64 info;
  if (unzGetCurrentFileInfo64(zip, &info, nullptr, 0, nullptr, 0, nullptr, 0) != UNZ_OK)
    return damaged();
  if (info.uncompressed_size > max_bytes) return too_big();
  if (unzOpenCurrentFile(zip) != UNZ_OK)
    return Status::Error(book + ": cannot open " + name + " in the workbook");
  XmlParser parser(sink);
  char buf[1 << 16];
  int n = 0;
  uint64_t inflated = 0;
  Status parsed;
  while ((n = unzReadCurrentFile(zip, buf, sizeof buf)) > 0) {
    // minizip stops at the size the archive declares, but the count does not
    // rely on it.
    inflated += static_cast<uint64_t>(n);
    parsed =
        inflated > max_bytes
            ? too_big()
            : parser.Feed(std::string_view(buf, static_cast<size_t>(n)), false).WithContext(where);
    if (!parsed.ok()) break;
  }
  // Closing checks the CRC, once the whole part has been read: a part that
  // declares less than it holds is cut short and fails here.
  const int closed = unzCloseCurrentFile(zip);
  if (!parsed.ok()) return parsed;
  if (n < 0 || closed != UNZ_OK) return damaged();
  if (Status s = parser.Feed({}, true); !s.ok()) return s.WithContext(where);
  return true;
}

// Calls `f` on the start of every element.
class StartSink final : public XmlSink {
 public:
  explicit StartSink(std::function<void(std::string_view, const char**)> f) : f_(std::move(f)) {}
  Status Start(std::string_view name, const char** attrs) override {
    f_(name, attrs);
    return Status::Ok();
  }

 private:
  std::function<void(std::string_view, const char**)> f_;
};

// The worksheet part of the workbook's first sheet.
Result<std::string> FirstSheetPart(void* zip, const std::string& book, uint64_t max_bytes) {
  const std::string fallback = "xl/worksheets/sheet1.xml";
  std::string first_id;
  StartSink sheets([&](std::string_view name, const char** attrs) {
    if (name == "sheet" && first_id.empty()) first_id = Attr(attrs, "id");
  });
  Result<bool> found = ReadPart(zip, "xl/workbook.xml", book, max_bytes, &sheets);
  if (!found.ok()) return found.status();
  if (!*found) return fallback;
  std::string target;
  StartSink links([&](std::string_view name, const char** attrs) {
    if (name == "Relationship" && Attr(attrs, "Id") == first_id) target = Attr(attrs, "Target");
  });
  found = ReadPart(zip, "xl/_rels/workbook.xml.rels", book, max_bytes, &links);
  if (!found.ok()) return found.status();
  if (!*found || target.empty()) return fallback;
  if (target.front() == '/') return target.substr(1);
  return "xl/" + target;
}

// xl/sharedStrings.xml: a shared string is the text of its <t> elements
// (rich text has several), leaving out those of phonetic runs (<rPh>), which
// hold a reading of the text, not the text. The strings are kept end to end
// in one buffer.
class SharedStrings final : public XmlSink {
 public:
  size_t size() const { return starts_.size(); }
  std::string_view operator[](size_t i) const {
    const size_t end = i + 1 < starts_.size() ? starts_[i + 1] : text_.size();
    return std::string_view(text_).substr(starts_[i], end - starts_[i]);
  }

  Status Start(std::string_view name, const char**) override {
    if (name == "si") {
      starts_.push_back(text_.size());
      chars_ = 0;
    }
    if (name == "rPh") ++in_phonetic_;
    if (name == "t") in_t_ = in_phonetic_ == 0;
    return Status::Ok();
  }
  Status Text(std::string_view text) override {
    if (!in_t_ || starts_.empty()) return Status::Ok();
    chars_ += Utf8Chars(text);
    if (chars_ > kMaxCellChars)
      return Status::Error("shared string " + std::to_string(starts_.size() - 1) +
                           " holds more than " + std::to_string(kMaxCellChars) +
                           " characters, the most Excel allows in a cell");
    text_.append(text);
    return Status::Ok();
  }
  Status End(std::string_view name) override {
    if (name == "t") in_t_ = false;
    if (name == "rPh" && in_phonetic_ > 0) --in_phonetic_;
    return Status::Ok();
  }

 private:
  std::string text_;
  std::vector<size_t> starts_;
  size_t chars_ = 0;  // in the string being read
  bool in_t_ = false;
  int in_phonetic_ = 0;
};

// Text from the file as shown in a message: cut short when long.
std::string Clip(std::string_view text) {
  constexpr size_t kMax = 24;
  if (text.size() <= kMax) return std::string(text);
  size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut)) + "...";
}

// 0 -> "A", 54 -> "BC".
std::string ColumnName(int col) {
  std::string name;
  for (int n = col + 1; n > 0; n = (n - 1) / 26)
    name.insert(name.begin(), static_cast<char>('A' + (n - 1) % 26));
  return name;
}

// "12" -> 12; 0 when the text is not a row number. Numbers past Excel's last
// row come out as kMaxRows + 1, however long they are.
uint32_t RowNumberOf(std::string_view digits) {
  if (digits.empty()) return 0;
  uint32_t n = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return 0;
    n = std::min<uint32_t>(n * 10 + static_cast<uint32_t>(c - '0'), kMaxRows + 1);
  }
  return n;
}

// "BC12" -> column 54 (0-based), row 12; none when the text is not a cell
// reference. Columns past Excel's last come out as kMaxColumns.
struct CellRef {
  uint32_t col = 0, row = 0;
};
std::optional<CellRef> CellRefOf(std::string_view ref) {
  size_t i = 0;
  uint32_t col = 0;
  for (; i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z'; ++i)
    col = std::min<uint32_t>(col * 26 + static_cast<uint32_t>(ref[i] - 'A' + 1), kMaxColumns + 1);
  const uint32_t row = RowNumberOf(ref.substr(i));
  if (i == 0 || row == 0) return std::nullopt;
  return CellRef{col - 1, row};
}

Status PastLastRow(const std::string& what) {
  return Status::Error(what + " is past row " + std::to_string(kMaxRows) + ", the last Excel has");
}

// A cell's text on one line: each run of line breaks (Alt+Enter) becomes one
// space, as the loaders make it in any field, so that every sheet row stays
// one CSV line.
void JoinLines(std::string* text) {
  if (text->find_first_of("\r\n") == std::string::npos) return;
  std::string out;
  out.reserve(text->size());
  bool in_break = false;
  for (char c : *text) {
    const bool line_break = c == '\r' || c == '\n';
    if (!line_break)
      out.push_back(c);
    else if (!in_break)
      out.push_back(' ');
    in_break = line_break;
  }
  *text = std::move(out);
}

// The sheet's rows as CSV lines, line N for row N: a gap in row numbers
// becomes empty lines, and rows stored out of order are put in order. Excel
// stores no trailing empty cells, so each row is padded to the width of the
// header, the first row that has cells.
class SheetToCsv final : public XmlSink {
 public:
  SheetToCsv(const SharedStrings& shared, uint64_t max_bytes)
      : shared_(shared), max_bytes_(max_bytes) {}

  Status Start(std::string_view name, const char** attrs) override {
    if (name == "row") return StartRow(attrs);
    if (name == "c") return StartCell(attrs);
    if (name == "rPh") {
      ++in_phonetic_;  // an inline string's phonetic run: not part of its text
    } else if (name == "v" || name == "t") {
      in_value_ = in_phonetic_ == 0;
    }
    return Status::Ok();
  }
  Status Text(std::string_view text) override {
    if (!in_value_) return Status::Ok();
    value_chars_ += Utf8Chars(text);
    if (value_chars_ > kMaxCellChars)
      return Status::Error("cell " + Clip(ref_) + " holds more than " +
                           std::to_string(kMaxCellChars) +
                           " characters, the most Excel allows in a cell");
    value_.append(text);
    return Status::Ok();
  }
  Status End(std::string_view name) override {
    if (name == "v" || name == "t") {
      in_value_ = false;
    } else if (name == "rPh") {
      if (in_phonetic_ > 0) --in_phonetic_;
    } else if (name == "c") {
      std::string text = value_;
      if (type_ == "s") {
        if (Status s = SharedString(&text); !s.ok()) return s;
      } else if (type_ == "b") {
        text = value_ == "1" ? "TRUE" : "FALSE";
      }
      JoinLines(&text);
      // A row's cells count towards the limit before they are written.
      row_bytes_ += text.size() + 1;
      if (csv_.size() + row_bytes_ > max_bytes_) return TooMuchText();
      if (cells_.size() <= col_) cells_.resize(col_ + 1);
      cells_[col_] = std::move(text);
    } else if (name == "row") {
      return EndRow();
    }
    return Status::Ok();
  }

  // The CSV text, once the whole sheet has been read.
  Result<std::string> Finish() {
    if (in_order_) return std::move(csv_);
    std::stable_sort(rows_.begin(), rows_.end(),
                     [](const Line& a, const Line& b) { return a.row < b.row; });
    const auto header =
        std::find_if(rows_.begin(), rows_.end(), [](const Line& line) { return line.cells > 0; });
    const size_t width = header == rows_.end() ? 0 : header->cells;
    std::string out;
    out.reserve(csv_.size());
    uint32_t last = 0;
    for (const Line& line : rows_) {
      if (line.row == last) return Status::Error("row " + std::to_string(last) + " appears twice");
      for (; last + 1 < line.row; ++last) out += "\r\n";
      out.append(csv_, line.begin, line.end - line.begin);
      Pad(&out, line.cells, width);
      if (out.size() > max_bytes_) return TooMuchText();
      last = line.row;
    }
    return out;
  }

 private:
  // Where one row's line is in csv_, without its line end.
  struct Line {
    uint32_t row;
    size_t begin, end;
    size_t cells;
  };

  // Ends a line of `cells` cells, with empty ones up to `width`.
  static void Pad(std::string* out, size_t cells, size_t width) {
    if (cells > 0 && cells < width) out->append(width - cells, ',');
    *out += "\r\n";
  }

  Status TooMuchText() const {
    return Status::Error("the sheet makes more than " + FormatBytes(max_bytes_) +
                         " of text, the limit for one sheet");
  }

  Status StartRow(const char** attrs) {
    cells_.clear();
    next_col_ = 0;
    row_bytes_ = 0;
    in_row_ = true;
    // A row with no number follows the row stored before it.
    const std::string r = Attr(attrs, "r");
    const uint32_t row = r.empty() ? last_row_ + 1 : RowNumberOf(r);
    if (row == 0) return Status::Error("row \"" + Clip(r) + "\" is not a row number");
    if (row > kMaxRows) return PastLastRow("row " + (r.empty() ? std::to_string(row) : Clip(r)));
    row_ = row;
    if (row_ == last_row_) return Status::Error("row " + std::to_string(row_) + " appears twice");
    // Rows in order, as nearly every workbook has them, are written as they
    // come; the others are sorted at the end.
    if (row_ < last_row_) in_order_ = false;
    if (in_order_)
      for (uint32_t gap = last_row_ + 1; gap < row_; ++gap) csv_ += "\r\n";
    last_row_ = row_;
    return csv_.size() > max_bytes_ ? TooMuchText() : Status::Ok();
  }

  Status StartCell(const char** attrs) {
    ref_ = Attr(attrs, "r");
    if (ref_.empty()) {
      if (next_col_ >= kMaxColumns)
        return Status::Error("row " + std::to_string(row_) +
                             " has a cell past column XFD, the last Excel has");
      col_ = next_col_;
      ref_ = ColumnName(static_cast<int>(col_)) + std::to_string(row_);
    } else {
      const std::optional<CellRef> cell = CellRefOf(ref_);
      if (!cell) return Status::Error("cell \"" + Clip(ref_) + "\" is not a cell reference");
      if (cell->col >= kMaxColumns)
        return Status::Error("cell " + Clip(ref_) + " is past column XFD, the last Excel has");
      if (cell->row > kMaxRows) return PastLastRow("cell " + Clip(ref_));
      col_ = cell->col;
    }
    next_col_ = col_ + 1;
    type_ = Attr(attrs, "t");
    value_.clear();
    value_chars_ = 0;
    return Status::Ok();
  }

  Status EndRow() {
    // A row inside a row is written once.
    if (!in_row_) return Status::Ok();
    in_row_ = false;
    line_.str("");
    for (size_t i = 0; i < cells_.size(); ++i) {
      if (i) line_ << ',';
      WriteCsvField(line_, cells_[i]);
    }
    const size_t begin = csv_.size();
    csv_ += line_.view();
    rows_.push_back({row_, begin, csv_.size(), cells_.size()});
    // In order, the first row with cells is the header.
    if (width_ == 0) width_ = cells_.size();
    Pad(&csv_, cells_.size(), width_);
    if (csv_.size() > max_bytes_) return TooMuchText();
    return Status::Ok();
  }

  // The shared string a cell of type "s" names by its index; none when the
  // cell has no value.
  Status SharedString(std::string* text) const {
    text->clear();
    if (value_.empty()) return Status::Ok();
    if (value_.find_first_not_of("0123456789") != std::string::npos)
      return Status::Error("cell " + Clip(ref_) + " names shared string \"" + Clip(value_) +
                           "\", which is not a number");
    uint64_t i = UINT64_MAX;  // left so when the number has too many digits
    std::from_chars(value_.data(), value_.data() + value_.size(), i);
    if (i >= shared_.size())
      return Status::Error("cell " + Clip(ref_) + " names shared string " + Clip(value_) +
                           ", but the workbook has " + std::to_string(shared_.size()));
    text->assign(shared_[i]);
    return Status::Ok();
  }

  const SharedStrings& shared_;
  const uint64_t max_bytes_;
  std::string csv_;
  std::vector<Line> rows_;  // in the order they are stored
  bool in_order_ = true;
  size_t width_ = 0;       // the header's cells, while the rows come in order
  uint32_t last_row_ = 0;  // the number of the row stored last
  uint32_t row_ = 0;       // the number of the row being read
  std::ostringstream line_;
  std::vector<std::string> cells_;
  size_t row_bytes_ = 0;  // the text of the row's cells so far
  bool in_row_ = false;
  std::string ref_;  // the cell's name in messages
  std::string value_, type_;
  size_t value_chars_ = 0;
  uint32_t col_ = 0, next_col_ = 0;
  bool in_value_ = false;
  int in_phonetic_ = 0;
};

Result<std::string> FirstSheetAsCsv(void* zip, const std::string& book, const XlsxLimits& limits) {
  SharedStrings shared;
  if (Result<bool> s = ReadPart(zip, "xl/sharedStrings.xml", book, limits.max_bytes, &shared);
      !s.ok())
    return s.status();
  Result<std::string> part = FirstSheetPart(zip, book, limits.max_bytes);
  if (!part.ok()) return part.status();
  SheetToCsv sheet(shared, limits.max_bytes);
  Result<bool> found = ReadPart(zip, *part, book, limits.max_bytes, &sheet);
  if (!found.ok()) return found.status();
  if (!*found) return Status::Error(book + ": the workbook has no worksheet " + *part);
  Result<std::string> csv = sheet.Finish();
  if (!csv.ok()) return csv.status().WithContext(book + ": " + *part);
  return csv;
}

}  // namespace

bool LooksLikeXlsx(std::string_view head) {
  return head.substr(0, 4) == std::string_view("PK\x03\x04", 4);
}

Result<std::string> XlsxToCsv(const std::string& path, const XlsxLimits& limits) {
  Zip zip(unzOpen64(path.c_str()));
  if (!zip) return Status::Error(path + ": not a readable .xlsx workbook");
  return FirstSheetAsCsv(zip.get(), path, limits);
}

Result<std::string> XlsxToCsv(std::string_view bytes, const std::string& name,
                              const XlsxLimits& limits) {
  MemoryFile file{bytes};
  zlib_filefunc64_def io{MemoryOpen, MemoryRead,  MemoryWrite, MemoryTell,
                         MemorySeek, MemoryClose, MemoryError, &file};
  Zip zip(unzOpen2_64(name.c_str(), &io));
  if (!zip) return Status::Error(name + ": not a readable .xlsx workbook");
  return FirstSheetAsCsv(zip.get(), name, limits);
}

}  // namespace qinglian
