// An .xlsx file is a ZIP archive of XML parts. The first sheet is found
// through xl/workbook.xml and its relationships; strings shared between cells
// live in xl/sharedStrings.xml. Both are read with expat, the archive with
// minizip.
#include "qinglian/xlsx.h"

#include <expat.h>
#include <unzip.h>

#include <cstdlib>
#include <functional>
#include <memory>
#include <optional>
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

// Reads one member of the archive; an absent member gives an empty optional.
Result<std::optional<std::string>> ReadMember(void* zip, const std::string& name,
                                              const std::string& path) {
  if (unzLocateFile(zip, name.c_str(), 0) != UNZ_OK) return std::optional<std::string>();
  if (unzOpenCurrentFile(zip) != UNZ_OK)
    return Status::Error(path + ": cannot open " + name + " in the workbook");
  std::string out;
  char buf[1 << 16];
  int n = 0;
  while ((n = unzReadCurrentFile(zip, buf, sizeof buf)) > 0)
    out.append(buf, static_cast<size_t>(n));
  unzCloseCurrentFile(zip);
  if (n < 0) return Status::Error(path + ": " + name + " in the workbook is damaged");
  return std::optional<std::string>(std::move(out));
}

// Runs expat over `xml`, calling on_start(name, attrs), on_text(text) and
// on_end(name). Element names keep no namespace prefix.
struct XmlHandlers {
  std::function<void(std::string_view, const char**)> on_start;
  std::function<void(std::string_view)> on_text;
  std::function<void(std::string_view)> on_end;
};

std::string_view LocalName(const char* name) {
  std::string_view n(name);
  const size_t colon = n.rfind(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

Status ParseXml(const std::string& xml, XmlHandlers& h, const std::string& what) {
  Parser parser(XML_ParserCreate("UTF-8"));
  if (!parser) return Status::Error(what + ": out of memory");
  XML_SetUserData(parser.get(), &h);
  XML_SetElementHandler(
      parser.get(),
      [](void* data, const char* name, const char** attrs) {
        auto* handlers = static_cast<XmlHandlers*>(data);
        if (handlers->on_start) handlers->on_start(LocalName(name), attrs);
      },
      [](void* data, const char* name) {
        auto* handlers = static_cast<XmlHandlers*>(data);
        if (handlers->on_end) handlers->on_end(LocalName(name));
      });
  XML_SetCharacterDataHandler(parser.get(), [](void* data, const char* text, int len) {
    auto* handlers = static_cast<XmlHandlers*>(data);
    if (handlers->on_text) handlers->on_text(std::string_view(text, static_cast<size_t>(len)));
  });
  if (XML_Parse(parser.get(), xml.data(), static_cast<int>(xml.size()), 1) == XML_STATUS_ERROR)
    return Status::Error(what + ": " + XML_ErrorString(XML_GetErrorCode(parser.get())) +
                         " at line " + std::to_string(XML_GetCurrentLineNumber(parser.get())));
  return Status::Ok();
}

std::string Attr(const char** attrs, std::string_view name) {
  for (int i = 0; attrs[i]; i += 2)
    if (LocalName(attrs[i]) == name) return attrs[i + 1];
  return "";
}

// The worksheet part of the workbook's first sheet.
Result<std::string> FirstSheetPart(void* zip, const std::string& path) {
  const std::string fallback = "xl/worksheets/sheet1.xml";
  Result<std::optional<std::string>> book = ReadMember(zip, "xl/workbook.xml", path);
  Result<std::optional<std::string>> rels = ReadMember(zip, "xl/_rels/workbook.xml.rels", path);
  if (!book.ok()) return book.status();
  if (!rels.ok()) return rels.status();
  if (!*book || !*rels) return fallback;
  std::string first_id;
  XmlHandlers sheets{[&](std::string_view name, const char** attrs) {
                       if (name == "sheet" && first_id.empty()) first_id = Attr(attrs, "id");
                     },
                     nullptr, nullptr};
  if (Status s = ParseXml(**book, sheets, path + ": xl/workbook.xml"); !s.ok()) return s;
  std::string target;
  XmlHandlers links{[&](std::string_view name, const char** attrs) {
                      if (name == "Relationship" && Attr(attrs, "Id") == first_id)
                        target = Attr(attrs, "Target");
                    },
                    nullptr, nullptr};
  if (Status s = ParseXml(**rels, links, path + ": xl/_rels/workbook.xml.rels"); !s.ok()) return s;
  if (target.empty()) return fallback;
  if (target.front() == '/') return target.substr(1);
  return "xl/" + target;
}

// "BC12" -> column index 54 (0-based); -1 when there is no column.
int ColumnOf(std::string_view ref) {
  int col = 0;
  size_t i = 0;
  for (; i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z'; ++i) col = col * 26 + (ref[i] - 'A' + 1);
  return i == 0 ? -1 : col - 1;
}

}  // namespace

bool LooksLikeXlsx(std::string_view head) {
  return head.substr(0, 4) == std::string_view("PK\x03\x04", 4);
}

Result<std::string> XlsxToCsv(const std::string& path) {
  Zip zip(unzOpen(path.c_str()));
  if (!zip) return Status::Error(path + ": not a readable .xlsx workbook");

  std::vector<std::string> shared;
  Result<std::optional<std::string>> strings = ReadMember(zip.get(), "xl/sharedStrings.xml", path);
  if (!strings.ok()) return strings.status();
  if (*strings) {
    // A shared string is the text of its <t> elements (rich text has several).
    bool in_t = false;
    XmlHandlers h{[&](std::string_view name, const char**) {
                    if (name == "si") shared.emplace_back();
                    if (name == "t") in_t = true;
                  },
                  [&](std::string_view text) {
                    if (in_t && !shared.empty()) shared.back().append(text);
                  },
                  [&](std::string_view name) {
                    if (name == "t") in_t = false;
                  }};
    if (Status s = ParseXml(**strings, h, path + ": xl/sharedStrings.xml"); !s.ok()) return s;
  }

  Result<std::string> part = FirstSheetPart(zip.get(), path);
  if (!part.ok()) return part.status();
  Result<std::optional<std::string>> sheet = ReadMember(zip.get(), *part, path);
  if (!sheet.ok()) return sheet.status();
  if (!*sheet) return Status::Error(path + ": the workbook has no worksheet " + *part);

  // Rows become CSV lines; a gap in row numbers becomes empty lines, so that
  // line N of the CSV is row N of the sheet.
  std::ostringstream csv;
  int written_rows = 0;
  std::vector<std::string> cells;
  std::string value, type;
  int col = -1, next_col = 0;
  bool in_value = false;
  Status bad_index;
  XmlHandlers h{[&](std::string_view name, const char** attrs) {
                  if (name == "row") {
                    cells.clear();
                    next_col = 0;
                    const std::string r = Attr(attrs, "r");
                    const int row = r.empty() ? written_rows + 1 : std::atoi(r.c_str());
                    for (; written_rows + 1 < row; ++written_rows) csv << "\r\n";
                  } else if (name == "c") {
                    const int c = ColumnOf(Attr(attrs, "r"));
                    col = c >= 0 ? c : next_col;
                    next_col = col + 1;
                    type = Attr(attrs, "t");
                    value.clear();
                  } else if (name == "v" || name == "t") {
                    in_value = true;
                  }
                },
                [&](std::string_view text) {
                  if (in_value) value.append(text);
                },
                [&](std::string_view name) {
                  if (name == "v" || name == "t") {
                    in_value = false;
                  } else if (name == "c") {
                    std::string text = value;
                    if (type == "s") {
                      const size_t i = static_cast<size_t>(std::atol(value.c_str()));
                      if (i < shared.size())
                        text = shared[i];
                      else if (bad_index.ok())
                        bad_index = Status::Error(path + ": a cell names a missing shared string");
                    } else if (type == "b") {
                      text = value == "1" ? "TRUE" : "FALSE";
                    }
                    if (cells.size() <= static_cast<size_t>(col))
                      cells.resize(static_cast<size_t>(col) + 1);
                    cells[static_cast<size_t>(col)] = std::move(text);
                  } else if (name == "row") {
                    WriteCsvRow(csv, cells);
                    ++written_rows;
                  }
                }};
  if (Status s = ParseXml(**sheet, h, path + ": " + *part); !s.ok()) return s;
  if (!bad_index.ok()) return bad_index;
  return csv.str();
}

}  // namespace qinglian
