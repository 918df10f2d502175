// An .xlsx file is a ZIP archive of XML parts. The first sheet is found
// through xl/workbook.xml and its relationships; strings shared between cells
// live in xl/sharedStrings.xml. minizip reads the archive, from a file or
// from memory, and each part is handed to expat block by block as it
// inflates, so that no part is ever held whole.
#include "qinglian/xlsx.h"

#include <expat.h>
#include <unzip.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <memory>
#include <new>
#include <sstream>
#include <vector>

#include "qinglian/csv.h"

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

// Inflates the part `name` of the workbook `book` into `sink`. Returns false
// when the archive has no such part.
Result<bool> ReadPart(void* zip, const std::string& name, const std::string& book, XmlSink* sink) {
  if (unzLocateFile(zip, name.c_str(), 0) != UNZ_OK) return false;
  if (unzOpenCurrentFile(zip) != UNZ_OK)
    return Status::Error(book + ": cannot open " + name + " in the workbook");
  XmlParser parser(sink);
  char buf[1 << 16];
  int n = 0;
  Status parsed;
  while ((n = unzReadCurrentFile(zip, buf, sizeof buf)) > 0) {
    parsed = parser.Feed(std::string_view(buf, static_cast<size_t>(n)), false);
    if (!parsed.ok()) break;
  }
  unzCloseCurrentFile(zip);
  if (!parsed.ok()) return parsed.WithContext(book + ": " + name);
  if (n < 0) return Status::Error(book + ": " + name + " in the workbook is damaged");
  if (Status s = parser.Feed({}, true); !s.ok()) return s.WithContext(book + ": " + name);
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
Result<std::string> FirstSheetPart(void* zip, const std::string& book) {
  const std::string fallback = "xl/worksheets/sheet1.xml";
  std::string first_id;
  StartSink sheets([&](std::string_view name, const char** attrs) {
    if (name == "sheet" && first_id.empty()) first_id = Attr(attrs, "id");
  });
  Result<bool> found = ReadPart(zip, "xl/workbook.xml", book, &sheets);
  if (!found.ok()) return found.status();
  if (!*found) return fallback;
  std::string target;
  StartSink links([&](std::string_view name, const char** attrs) {
    if (name == "Relationship" && Attr(attrs, "Id") == first_id) target = Attr(attrs, "Target");
  });
  found = ReadPart(zip, "xl/_rels/workbook.xml.rels", book, &links);
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
    if (name == "si") starts_.push_back(text_.size());
    if (name == "rPh") ++in_phonetic_;
    if (name == "t") in_t_ = in_phonetic_ == 0;
    return Status::Ok();
  }
  Status Text(std::string_view text) override {
    if (in_t_ && !starts_.empty()) text_.append(text);
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

// "BC12" -> column index 54 (0-based); -1 when there is no column.
int ColumnOf(std::string_view ref) {
  int col = 0;
  size_t i = 0;
  for (; i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z'; ++i) col = col * 26 + (ref[i] - 'A' + 1);
  return i == 0 ? -1 : col - 1;
}

// The sheet's rows as CSV lines, line N for row N: a gap in row numbers
// becomes empty lines, and rows stored out of order are put in order. Excel
// stores no trailing empty cells, so each row is padded to the width of the
// header, the first row that has cells.
class SheetToCsv final : public XmlSink {
 public:
  explicit SheetToCsv(const SharedStrings& shared) : shared_(shared) {}

  Status Start(std::string_view name, const char** attrs) override {
    if (name == "row") return StartRow(attrs);
    if (name == "c") {
      ref_ = Attr(attrs, "r");
      const int c = ColumnOf(ref_);
      col_ = c >= 0 ? c : next_col_;
      next_col_ = col_ + 1;
      if (ref_.empty()) ref_ = ColumnName(col_) + std::to_string(row_);
      type_ = Attr(attrs, "t");
      value_.clear();
    } else if (name == "rPh") {
      ++in_phonetic_;  // an inline string's phonetic run: not part of its text
    } else if (name == "v" || name == "t") {
      in_value_ = in_phonetic_ == 0;
    }
    return Status::Ok();
  }
  Status Text(std::string_view text) override {
    if (in_value_) value_.append(text);
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
      if (cells_.size() <= static_cast<size_t>(col_)) cells_.resize(static_cast<size_t>(col_) + 1);
      cells_[static_cast<size_t>(col_)] = std::move(text);
    } else if (name == "row") {
      EndRow();
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

  Status StartRow(const char** attrs) {
    cells_.clear();
    next_col_ = 0;
    // A row with no number follows the row stored before it.
    const std::string r = Attr(attrs, "r");
    row_ = r.empty() ? last_row_ + 1 : static_cast<uint32_t>(std::atoi(r.c_str()));
    if (row_ == last_row_) return Status::Error("row " + std::to_string(row_) + " appears twice");
    // Rows in order, as nearly every workbook has them, are written as they
    // come; the others are sorted at the end.
    if (row_ < last_row_) in_order_ = false;
    if (in_order_)
      for (uint32_t r = last_row_ + 1; r < row_; ++r) csv_ += "\r\n";
    last_row_ = row_;
    return Status::Ok();
  }

  void EndRow() {
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
  std::string csv_;
  std::vector<Line> rows_;  // in the order they are stored
  bool in_order_ = true;
  size_t width_ = 0;       // the header's cells, while the rows come in order
  uint32_t last_row_ = 0;  // the number of the row stored last
  uint32_t row_ = 0;       // the number of the row being read
  std::ostringstream line_;
  std::vector<std::string> cells_;
  std::string ref_;  // the cell's name in messages
  std::string value_, type_;
  int col_ = -1, next_col_ = 0;
  bool in_value_ = false;
  int in_phonetic_ = 0;
};

Result<std::string> FirstSheetAsCsv(void* zip, const std::string& book) {
  SharedStrings shared;
  if (Result<bool> s = ReadPart(zip, "xl/sharedStrings.xml", book, &shared); !s.ok())
    return s.status();
  Result<std::string> part = FirstSheetPart(zip, book);
  if (!part.ok()) return part.status();
  SheetToCsv sheet(shared);
  Result<bool> found = ReadPart(zip, *part, book, &sheet);
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

Result<std::string> XlsxToCsv(const std::string& path) {
  Zip zip(unzOpen64(path.c_str()));
  if (!zip) return Status::Error(path + ": not a readable .xlsx workbook");
  return FirstSheetAsCsv(zip.get(), path);
}

Result<std::string> XlsxToCsv(std::string_view bytes, const std::string& name) {
  MemoryFile file{bytes};
  zlib_filefunc64_def io{MemoryOpen, MemoryRead,  MemoryWrite, MemoryTell,
                         MemorySeek, MemoryClose, MemoryError, &file};
  Zip zip(unzOpen2_64(name.c_str(), &io));
  if (!zip) return Status::Error(name + ": not a readable .xlsx workbook");
  return FirstSheetAsCsv(zip.get(), name);
}

}  // namespace qinglian
