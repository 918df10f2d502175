// Targets for whole files read otherwise than as CSV: Excel workbooks, model
// files and record-kind files.
#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <set>
#include <vector>

#include "qinglian/base/text.h"
#include "qinglian/compare/model.h"
#include "qinglian/core/record_kind.h"
#include "qinglian/input/csv.h"
#include "qinglian/input/loader.h"
#include "qinglian/input/xlsx.h"
#include "targets.h"

namespace qinglian::fuzz {
namespace {

constexpr uint32_t kMaxRows = 1048576, kMaxColumns = 16384;  // Excel's limits
constexpr const char* kWorkbookName = "fuzz.xlsx";
constexpr const char* kJsonName = "fuzz.json";

void PutLe(std::string* out, uint32_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) out->push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

// A ZIP archive of `parts`, stored without compression, built in memory: the
// first sheet, the shared strings, the workbook and its relationships.
std::string ZipParts(const std::vector<std::string_view>& parts) {
  static constexpr std::string_view kMembers[] = {"xl/worksheets/sheet1.xml",
                                                  "xl/sharedStrings.xml", "xl/workbook.xml",
                                                  "xl/_rels/workbook.xml.rels"};
  std::string zip, directory;
  const size_t count = std::min(parts.size(), std::size(kMembers));
  for (size_t i = 0; i < count; ++i) {
    const std::string_view name = kMembers[i], data = parts[i];
    const auto crc = static_cast<uint32_t>(
        crc32(0, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size())));
    const auto size = static_cast<uint32_t>(data.size());
    const auto offset = static_cast<uint32_t>(zip.size());
    PutLe(&zip, 0x04034b50, 4);  // local file header
    PutLe(&zip, 20, 2);          // version needed
    PutLe(&zip, 0, 2);           // flags
    PutLe(&zip, 0, 2);           // stored
    PutLe(&zip, 0, 4);           // time and date
    PutLe(&zip, crc, 4);
    PutLe(&zip, size, 4);
    PutLe(&zip, size, 4);
    PutLe(&zip, static_cast<uint32_t>(name.size()), 2);
    PutLe(&zip, 0, 2);  // no extra field
    zip.append(name);
    zip.append(data);
    PutLe(&directory, 0x02014b50, 4);  // central directory entry
    PutLe(&directory, 20, 2);          // made by
    PutLe(&directory, 20, 2);          // version needed
    PutLe(&directory, 0, 2);
    PutLe(&directory, 0, 2);
    PutLe(&directory, 0, 4);
    PutLe(&directory, crc, 4);
    PutLe(&directory, size, 4);
    PutLe(&directory, size, 4);
    PutLe(&directory, static_cast<uint32_t>(name.size()), 2);
    PutLe(&directory, 0, 2);  // extra
    PutLe(&directory, 0, 2);  // comment
    PutLe(&directory, 0, 2);  // disk
    PutLe(&directory, 0, 2);  // internal attributes
    PutLe(&directory, 0, 4);  // external attributes
    PutLe(&directory, offset, 4);
    directory.append(name);
  }
  const auto directory_offset = static_cast<uint32_t>(zip.size());
  zip += directory;
  PutLe(&zip, 0x06054b50, 4);  // end of central directory
  PutLe(&zip, 0, 2);
  PutLe(&zip, 0, 2);
  PutLe(&zip, static_cast<uint32_t>(count), 2);
  PutLe(&zip, static_cast<uint32_t>(count), 2);
  PutLe(&zip, static_cast<uint32_t>(directory.size()), 4);
  PutLe(&zip, directory_offset, 4);
  PutLe(&zip, 0, 2);
  return zip;
}

bool ValidName(const std::string& name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// What an accepted kind must be: named, its roles naming fields of the right type.
std::string KindProblem(const RecordKind& k) {
  if (!ValidName(k.name) || k.zh.empty() || k.en.empty()) return "a bad name";
  if (k.fields.empty()) return "no fields";
  std::set<std::string> names;
  for (const FieldSpec& f : k.fields) {
    if (!ValidName(f.name) || !names.insert(f.name).second) return "field '" + f.name + "'";
    for (const std::string& a : f.aliases)
      if (a.empty()) return "field '" + f.name + "' has an empty alias";
  }
  const int n = static_cast<int>(k.fields.size());
  const auto is = [&](int f, FieldType t) {
    return f >= 0 && f < n && k.fields[static_cast<size_t>(f)].type == t;
  };
  const auto none_or_field = [&](int f) { return f >= -1 && f < n; };
  if ((k.id >= 0 && !is(k.id, FieldType::kIdNumber)) ||
      (k.name_field >= 0 && !is(k.name_field, FieldType::kName)))
    return "the ID or name role names another field";
  for (size_t f = 0; f < k.fields.size(); ++f)
    if ((k.fields[f].type == FieldType::kIdNumber && k.id != static_cast<int>(f)) ||
        (k.fields[f].type == FieldType::kName && k.name_field != static_cast<int>(f)))
      return "a second ID number or name field";
  if (k.period && !is(k.start, FieldType::kDate)) return "a period without a start date";
  if (!k.period && k.start != k.end) return "an event with two dates";
  if ((k.start >= 0 && !is(k.start, FieldType::kDate)) ||
      (k.end >= 0 && !is(k.end, FieldType::kDate)))
    return "a time that is not a date";
  if (!none_or_field(k.unit) || !none_or_field(k.label) || !none_or_field(k.bac) ||
      !none_or_field(k.case_number) || (k.bac >= 0 && k.label < 0))
    return "a role past the fields";
  for (const std::vector<int>* list : {&k.duplicate_key, &k.identity})
    for (int f : *list)
      if (f < 0 || f >= n) return "a key past the fields";
  for (const std::vector<int>& group : k.one_of) {
    if (group.empty()) return "an empty one_of group";
    for (int f : group)
      if (f < 0 || f >= n) return "a one_of past the fields";
  }
  return "";
}

// A header of the kind's field names and one row of plausible values, so
// that a kind the parser accepts is also loaded.
std::string SampleFile(const RecordKind& k) {
  std::vector<std::string> header, row;
  for (const FieldSpec& f : k.fields) {
    header.push_back(f.name);
    switch (f.type) {
      case FieldType::kIdNumber:
        row.emplace_back("430102198001019016");
        break;
      case FieldType::kDate:
        row.emplace_back("2020-01-02");
        break;
      case FieldType::kMoney:
        row.emplace_back("12.50");
        break;
      case FieldType::kBac:
        row.emplace_back("85");
        break;
      case FieldType::kLabel:
        row.emplace_back("醉酒驾驶");
        break;
      case FieldType::kNumber:
        row.emplace_back("7");
        break;
      case FieldType::kYesNo:
        row.emplace_back("是");
        break;
      case FieldType::kName:
      case FieldType::kText:
      case FieldType::kNote:
        row.emplace_back("张三");
        break;
    }
  }
  return Join(header, ",") + "\n" + Join(row, ",") + "\n";
}

}  // namespace

// An input that starts like a ZIP archive is the workbook itself. Any other
// is the text of its parts, separated by NUL bytes: the first sheet, the
// shared strings, the workbook and its relationships, zipped here so that
// the fuzzer works on the XML rather than on the archive.
Status FuzzXlsx(std::string_view data) {
  std::string zipped;
  if (!LooksLikeXlsx(data)) {
    std::vector<std::string_view> parts;
    size_t start = 0;
    for (size_t nul = data.find('\0'); nul != std::string_view::npos;
         nul = data.find('\0', start)) {
      parts.push_back(data.substr(start, nul - start));
      start = nul + 1;
    }
    parts.push_back(data.substr(start));
    zipped = ZipParts(parts);
    data = zipped;
  }
  const Result<std::string> csv = XlsxToCsv(data, kWorkbookName);
  if (!csv.ok()) {
    if (!csv.error().starts_with(std::string(kWorkbookName) + ": "))
      return Status::Error("an error without the file's name: " + csv.error());
    return Status::Ok();
  }
  // The loaders get CSV with one line per sheet row, so that their line
  // numbers are the rows Excel shows: record N starts on line N. A sheet has
  // at most Excel's 1,048,576 rows and 16,384 columns (A to XFD).
  CsvReader reader(*csv, ',');
  CsvRow row;
  uint32_t record = 0;
  while (reader.Next(&row)) {
    const std::string where = "the sheet's CSV record " + std::to_string(++record);
    if (row.unterminated || !row.raw.ends_with("\r\n")) return Status::Error(where + " is broken");
    if (row.line != record)
      return Status::Error(where + " starts on line " + std::to_string(row.line));
    if (row.fields.size() > kMaxColumns)
      return Status::Error(where + " has " + std::to_string(row.fields.size()) + " cells");
  }
  if (record > kMaxRows)
    return Status::Error("the sheet's CSV has " + std::to_string(record) + " rows");
  return Status::Ok();
}

// A model file, checked against the kinds and the vocabulary the program ships.
Status FuzzModel(std::string_view data) {
  const Catalog& catalog = BuiltInCatalog();
  const ModelContext ctx{&catalog.kinds, &catalog.vocabulary};
  const Result<Model> m = ParseModel(data, kJsonName, ctx);
  if (!m.ok()) {
    if (!m.error().starts_with(std::string(kJsonName) + ": "))
      return Status::Error("an error without the file's name: " + m.error());
    return Status::Ok();
  }
  const Result<const RecordKind*> people = catalog.Kind(m->people);
  const Result<const RecordKind*> events = catalog.Kind(m->events);
  if (!ValidName(m->name) || m->title_zh.empty() || m->title_en.empty() || !people.ok() ||
      !events.ok() || !(*people)->period || (*people)->id < 0 || (*events)->id < 0)
    return Status::Error("an accepted model names what it compares badly");
  const RecordKind& ev = **events;
  if (m->lookback_years < 0 || m->lookback_years > 100 || m->min_overlap_days < 1 ||
      m->after_days < 0 || (m->relation == Relation::kOverlap && !ev.period))
    return Status::Error("an accepted model breaks its own rules");
  const size_t types = catalog.vocabulary.types().size();
  if ((ev.label >= 0) == m->types.empty() ||
      std::any_of(m->types.begin(), m->types.end(), [&](uint16_t t) { return t >= types; }) ||
      std::set<uint16_t>(m->types.begin(), m->types.end()).size() != m->types.size())
    return Status::Error("an accepted model's offence types are wrong");
  const int fields = static_cast<int>(ev.fields.size());
  for (const FieldFilter& f : m->filters)
    if (f.field < 0 || f.field >= fields || (f.in.empty() && f.contains.empty()))
      return Status::Error("an accepted model's filter names no field");
  if (m->monthly_amount != -1 &&
      (m->monthly_amount < 0 || m->monthly_amount >= fields ||
       ev.fields[static_cast<size_t>(m->monthly_amount)].type != FieldType::kMoney))
    return Status::Error("an accepted model's monthly amount is no money field");
  // The look-back taken is the number the file gives. The parse succeeded
  // above, so it does here; an exception is not ours to pass on.
  try {
    const nlohmann::json j = nlohmann::json::parse(data);
    const auto it = j.find("lookback_years");
    if (it != j.end() && it->get<uint64_t>() != static_cast<uint64_t>(m->lookback_years))
      return Status::Error("lookback_years " + it->dump() + " is taken as " +
                           std::to_string(m->lookback_years));
  } catch (const nlohmann::json::exception& e) {
    return Status::Error(std::string("an accepted model does not parse again: ") + e.what());
  }
  return Status::Ok();
}

// A record-kind file; a kind the parser accepts is also loaded, from a small
// file of its own fields.
Status FuzzRecordKind(std::string_view data) {
  const Result<RecordKind> k = ParseRecordKind(data, kJsonName);
  if (!k.ok()) {
    if (!k.error().starts_with(std::string(kJsonName) + ": "))
      return Status::Error("an error without the file's name: " + k.error());
    return Status::Ok();
  }
  if (const std::string wrong = KindProblem(*k); !wrong.empty())
    return Status::Error("an accepted kind has " + wrong);
  LoadOptions options;
  options.today = options.as_of = FuzzToday();
  options.vocabulary = &BuiltInCatalog().vocabulary;
  options.threads = 1;
  RecordLoader loader(*k, options);
  auto source = MakeStringSource("sample.csv", SampleFile(*k));
  const Result<FileSummary> s = loader.Load(*source, nullptr);
  if (!s.ok()) {
    if (!s.error().starts_with("sample.csv: "))
      return Status::Error("a load error without the file's name: " + s.error());
    return Status::Ok();
  }
  if (s->rows != 1 || s->accepted + s->rejected + s->duplicates != 1 ||
      loader.records().size() != s->accepted)
    return Status::Error("the sample of an accepted kind reads as " + std::to_string(s->rows) +
                         " rows, " + std::to_string(s->accepted) + " accepted");
  for (size_t r = 0; r < loader.records().size(); ++r)
    for (size_t f = 0; f < k->fields.size(); ++f)
      (void)loader.records().Display(r, static_cast<int>(f));  // every value can be shown
  return Status::Ok();
}

}  // namespace qinglian::fuzz
