// Targets for the record loader over the kinds the program ships: whole
// files of arbitrary bytes, with a valid header in front half of the time so
// that the fuzzer gets past header mapping quickly. The feedback file is one
// more kind, read for `dispose --file` by ReadFeedback.
#include <algorithm>
#include <functional>
#include <map>
#include <vector>

#include "qinglian/core/idcard.h"
#include "qinglian/core/record_set.h"
#include "qinglian/core/workflow.h"
#include "qinglian/input/feedback.h"
#include "qinglian/input/loader.h"
#include "targets.h"

namespace qinglian::fuzz {
namespace {

constexpr const char* kEmployeeHeader =
    "单位,部门,姓名,公民身份号码,职务,人员类别,入职日期,离职日期\n";
constexpr const char* kOffenceHeader =
    "姓名,身份证号码,违法行为,违法时间,血液酒精含量（mg/100ml）,违法地点,处罚结果,决定书编号,"
    "处罚机关\n";
constexpr const char* kFeedbackHeader = "线索编号,状态,处置结果,是否立案,追缴金额,备注\n";
constexpr const char* kFileName = "fuzz.csv";

const RecordKind& BuiltInKind(const char* name) {
  // Each of these kinds ships with the program; BuiltInCatalog() aborts without them.
  return **BuiltInCatalog().Kind(name);
}

// Option bits of a loader input: bit 0 puts a valid header in front, bits 1-2
// force an encoding, bit 3 uses two worker threads.
std::string FileBytes(const Flags& flags, const char* header) {
  std::string bytes = flags.bits & 1 ? header : "";
  bytes.append(flags.rest);
  return bytes;
}

LoadOptions Options(const Flags& flags) {
  LoadOptions o;
  o.today = o.as_of = FuzzToday();
  o.vocabulary = &BuiltInCatalog().vocabulary;
  const unsigned encoding = (flags.bits >> 1) & 3;
  o.encoding = encoding == 1   ? Encoding::kUtf8
               : encoding == 2 ? Encoding::kGb18030
                               : Encoding::kAuto;
  o.chunk_bytes = 4096;  // the smallest: inputs of a few kB span several chunks
  o.threads = flags.bits & 8 ? 2 : 1;
  return o;
}

// The same file with the whole input in one chunk and the encoding the first
// load detected, to check that chunking changes nothing.
LoadOptions OneChunk(LoadOptions o, const FileSummary& first, size_t file_bytes) {
  o.encoding = first.encoding;
  o.chunk_bytes = file_bytes + 1;  // no larger: a chunk's buffer is allocated whole
  o.threads = 1;
  return o;
}

// One load of one file: what came back, the rejects in the order they came,
// and the records rendered one per line.
struct Loaded {
  Result<FileSummary> summary = Status::Error("not loaded");
  std::vector<Reject> rejects;
  std::string records;
  std::map<uint32_t, std::string> by_line;  // the same records by line
  Status bad_record;                        // the first record that should not be there
};

// A record as a line of text: its line, person, time, type and every field.
std::string RenderRecord(const RecordSet& set, size_t r) {
  const RecordKind& kind = set.kind();
  std::string out = std::to_string(set.source(r).line);
  if (kind.id >= 0) out += " " + IdKeyToString(set.key(r));
  out += " " + set.start(r).Iso() + ".." + set.end(r).Iso() + " " + std::to_string(set.type(r));
  for (size_t f = 0; f < kind.fields.size(); ++f) out += "|" + set.Display(r, static_cast<int>(f));
  return out;
}

// Why an accepted record should have been rejected, or empty.
std::string WhatIsWrong(const RecordSet& set, size_t r, const std::function<bool(IdKey)>& wanted,
                        const Date today) {
  const RecordKind& kind = set.kind();
  Date birth;
  if (kind.id >= 0) {
    const IdParse id = ParseIdNumber(IdKeyToString(set.key(r)), today);
    if (!id.ok()) return "an invalid ID number";
    birth = id.id.birth;
    if (wanted && !wanted(set.key(r))) return "an ID number nobody wanted";
  }
  for (size_t f = 0; f < kind.fields.size(); ++f) {
    const FieldSpec& spec = kind.fields[f];
    const int64_t v = set.value(r, static_cast<int>(f));
    switch (spec.type) {
      case FieldType::kName:
      case FieldType::kText:
      case FieldType::kNote:
      case FieldType::kLabel:
        if (spec.required && set.text(r, static_cast<int>(f)).empty()) return "no " + spec.name;
        break;
      case FieldType::kDate: {
        if (v == kNoDate) {
          if (spec.required) return "no " + spec.name;
          break;
        }
        const Date d = Date::FromDays(static_cast<int32_t>(v));
        if (!d.valid() || d < birth) return spec.name + " " + d.Iso() + " before the birth";
        // Only a period's end (a planned leave date) may lie ahead.
        if (d > today && !(kind.period && static_cast<int>(f) == kind.end))
          return spec.name + " " + d.Iso() + " in the future";
        break;
      }
      case FieldType::kMoney:
      case FieldType::kNumber:
        if (spec.required && v == kNoNumber) return "no " + spec.name;
        break;
      case FieldType::kYesNo:
        if (v != kNoNumber && v != 0 && v != 1) return spec.name + " neither yes nor no";
        if (spec.required && v == kNoNumber) return "no " + spec.name;
        break;
      case FieldType::kIdNumber:
      case FieldType::kBac:
        break;
    }
  }
  const Date start = set.start(r), end = set.end(r);
  if (kind.start >= 0 && kind.fields[static_cast<size_t>(kind.start)].required && !start.valid())
    return "no start";
  if (!kind.period && start != end) return "an event on two days";
  if (kind.period && end.valid() && end < start) return "an end before the start";
  if (kind.label >= 0 && set.type(r) == kNoType) return "an unclassified label";
  const uint16_t type = set.type(r);
  if (type != kNoType && type != kOtherType && type >= BuiltInCatalog().vocabulary.types().size())
    return "an offence type past the vocabulary";
  return "";
}

Loaded LoadRecords(const RecordKind& kind, const std::string& bytes, const LoadOptions& options,
                   const std::function<bool(IdKey)>& wanted) {
  Loaded l;
  RecordLoader loader(kind, options, wanted, /*keep=*/true);
  auto source = MakeStringSource(kFileName, bytes);
  l.summary = loader.Load(*source, [&](const Reject& r) { l.rejects.push_back(r); });
  const RecordSet& set = loader.records();
  uint32_t previous = 1;
  for (size_t r = 0; r < set.size(); ++r) {
    const std::string text = RenderRecord(set, r);
    l.records += text + "\n";
    l.by_line[set.source(r).line] = text;
    std::string wrong = WhatIsWrong(set, r, wanted, options.today);
    if (wrong.empty() && set.source(r).line <= previous) wrong = "not in file order";
    if (l.bad_record.ok() && !wrong.empty())
      l.bad_record = Status::Error(kind.name + " record " + text + ": " + wrong);
    previous = set.source(r).line;
  }
  return l;
}

// What holds for every load: each row is accepted (and, when not wanted,
// only counted), rejected or a duplicate; rejects come in line order within
// the file, one per row; an ID number in a reject is masked.
Status CheckLoad(const RecordKind& kind, const Loaded& l, std::string_view bytes) {
  const FileSummary& s = *l.summary;
  const uint64_t accounted = s.accepted + s.rejected + s.duplicates;
  if (s.rows != accounted || s.not_employees > s.accepted)
    return Status::Error(std::to_string(s.rows) + " rows read, " + std::to_string(accounted) +
                         " accounted for, " + std::to_string(s.not_employees) + " not wanted");
  if (l.rejects.size() != s.rejected)
    return Status::Error(std::to_string(l.rejects.size()) + " rejects handed on, " +
                         std::to_string(s.rejected) + " counted");
  uint64_t by_reason = 0;
  for (const auto& [reason, n] : s.rejects_by_reason) by_reason += n;
  if (by_reason != s.rejected) return Status::Error("rejects by reason do not add up");
  // Every encoding keeps bytes 0x0A and 0x0D for line ends alone, or uses
  // them for more: their number bounds the lines (CR alone ends lines too).
  const uint32_t max_line = 1 + static_cast<uint32_t>(std::count(bytes.begin(), bytes.end(), '\n') +
                                                      std::count(bytes.begin(), bytes.end(), '\r'));
  const std::string id_name = kind.id >= 0 ? kind.fields[static_cast<size_t>(kind.id)].name : "";
  uint32_t previous = 1;
  for (const Reject& r : l.rejects) {
    if (r.line <= previous || r.line > max_line)
      return Status::Error("reject at line " + std::to_string(r.line) + " after line " +
                           std::to_string(previous) + " (" + std::to_string(max_line) + " lines)");
    previous = r.line;
    if (r.file != kFileName) return Status::Error("reject names file '" + r.file + "'");
    if (!id_name.empty() && r.field_name == id_name && !r.value.empty() &&
        r.value.find('*') == std::string::npos)
      return Status::Error("reject at line " + std::to_string(r.line) + " shows an unmasked value");
    // A whole row's reject names no field; one about a field names it by the
    // kind's name, and by its header unless the file lacks the column.
    if (r.field_name.empty() && !r.field.empty())
      return Status::Error("reject at line " + std::to_string(r.line) + " names header '" +
                           r.field + "' but no field");
  }
  if (!l.bad_record.ok()) return l.bad_record;
  if (l.by_line.size() != s.accepted - s.not_employees)
    return Status::Error(std::to_string(l.by_line.size()) + " records on their own lines, " +
                         std::to_string(s.accepted - s.not_employees) + " kept");
  if (!l.by_line.empty() && (l.by_line.begin()->first < 2 || l.by_line.rbegin()->first > max_line))
    return Status::Error("a record's line is outside the file");
  return Status::Ok();
}

std::string Render(const FileSummary& s) {
  std::string out = FormatSummary(s) + "bytes " + std::to_string(s.bytes) + "\n";
  for (uint32_t line : s.suspect_lines) out += "suspect " + std::to_string(line) + "\n";
  return out;
}

std::string Render(const std::vector<Reject>& rejects) {
  std::string out;
  for (const Reject& r : rejects)
    out += r.Message() + " [" + Code(r.reason) + "] " + r.value + "\n";
  return out;
}

// Two loads of the same bytes agree on everything.
Status CheckSame(const Loaded& a, const Loaded& b, const std::string& what) {
  if (a.summary.ok() != b.summary.ok() ||
      (!a.summary.ok() && a.summary.error() != b.summary.error()))
    return Status::Error(what + ": one load fails and the other does not: " +
                         (a.summary.ok() ? b.summary.error() : a.summary.error()));
  if (!a.summary.ok()) return Status::Ok();
  if (Render(*a.summary) != Render(*b.summary))
    return Status::Error(what + ": summaries differ:\n" + Render(*a.summary) + "---\n" +
                         Render(*b.summary));
  if (Render(a.rejects) != Render(b.rejects)) return Status::Error(what + ": rejects differ");
  if (a.records != b.records) return Status::Error(what + ": records differ");
  return Status::Ok();
}

// Loads the file in chunks of 4 kB, checks it, and loads it again in one chunk.
Result<Loaded> LoadAndCheck(const RecordKind& kind, const std::string& bytes,
                            const LoadOptions& options, const std::function<bool(IdKey)>& wanted) {
  Loaded a = LoadRecords(kind, bytes, options, wanted);
  if (!a.summary.ok()) return a;
  if (Status s = CheckLoad(kind, a, bytes); !s.ok()) return s;
  if (Status s = CheckSame(
          a, LoadRecords(kind, bytes, OneChunk(options, *a.summary, bytes.size()), wanted),
          "chunks of 4 kB and one chunk");
      !s.ok())
    return s;
  return a;
}

}  // namespace

Status FuzzEmployees(std::string_view data) {
  const Flags flags(data);
  Result<Loaded> a = LoadAndCheck(BuiltInKind("employees"), FileBytes(flags, kEmployeeHeader),
                                  Options(flags), nullptr);
  return a.ok() ? Status::Ok() : a.status();
}

// Bit 4 chooses the mode: all offences, or (as a run reads them) only those
// of wanted ID numbers, here the even keys; bit 5 then scans ahead, telling
// the keys before they are asked, as a run does (the quick scan of rows
// without a quote before their ID number).
Status FuzzOffences(std::string_view data) {
  const Flags flags(data);
  const RecordKind& kind = BuiltInKind("offences");
  const std::string bytes = FileBytes(flags, kOffenceHeader);
  LoadOptions options = Options(flags);
  const bool streaming = (flags.bits >> 4) & 1;
  if (streaming && ((flags.bits >> 5) & 1)) options.will_ask = [](IdKey) {};
  const std::function<bool(IdKey)> even = [](IdKey k) { return k % 2 == 0; };
  const Result<Loaded> a = LoadAndCheck(kind, bytes, options, streaming ? even : nullptr);
  if (!a.ok()) return a.status();
  if (!streaming || !a->summary.ok()) return Status::Ok();
  // Streaming reads the same rows as a full load, and what it accepts the
  // full load reads the same way.
  const Loaded full =
      LoadRecords(kind, bytes, OneChunk(options, *a->summary, bytes.size()), nullptr);
  if (!full.summary.ok()) return Status::Error("a full load fails: " + full.summary.error());
  const FileSummary &part = *a->summary, &whole = *full.summary;
  if (part.rows != whole.rows || part.blank_lines != whole.blank_lines)
    return Status::Error("streaming reads " + std::to_string(part.rows) + " rows and " +
                         std::to_string(part.blank_lines) + " blank lines, a full load " +
                         std::to_string(whole.rows) + " and " + std::to_string(whole.blank_lines));
  for (const auto& [line, r] : a->by_line) {
    const auto it = full.by_line.find(line);
    if (it != full.by_line.end() && it->second != r)
      return Status::Error("streaming reads line " + std::to_string(line) + " differently:\n" + r +
                           "\n" + it->second);
  }
  return Status::Ok();
}

// The feedback kind through the loader, then as `dispose --file` reads it:
// every row comes back as a disposition or an error with its place.
Status FuzzFeedback(std::string_view data) {
  const Flags flags(data);
  const RecordKind& kind = BuiltInKind("feedback");
  const std::string bytes = FileBytes(flags, kFeedbackHeader);
  const Result<Loaded> loaded = LoadAndCheck(kind, bytes, Options(flags), nullptr);
  if (!loaded.ok()) return loaded.status();

  // With the encoding detected, as dispose reads it, ReadFeedback reads what
  // the loader read.
  const bool same_reading = ((flags.bits >> 1) & 3) == 0;
  auto source = MakeStringSource(kFileName, bytes);
  std::vector<std::string> errors;
  const Result<FeedbackRows> rows = ReadFeedback(*source, kind, Date::Today(), &errors);
  if (same_reading && rows.ok() != loaded->summary.ok())
    return Status::Error("ReadFeedback and the loader disagree on whether the file can be read");
  if (!rows.ok()) return Status::Ok();
  uint32_t previous = 1;
  for (const FeedbackRow& r : rows->rows) {
    if (r.line <= previous)
      return Status::Error("row at line " + std::to_string(r.line) + " after line " +
                           std::to_string(previous));
    previous = r.line;
    if (r.disposition.status == LeadStatus::kNew)
      return Status::Error("row at line " + std::to_string(r.line) + " makes a lead new again");
    if (r.disposition.lead_id <= 0) return Status::Error("a lead number below 1");
    LeadState state;
    (void)ApplyDisposition(r.disposition, &state);  // may refuse; must not crash
  }
  for (const std::string& e : errors)
    if (!e.starts_with(std::string(kFileName) + ":"))
      return Status::Error("error without its place: " + e);
  // Every row read is a disposition, a blank row or an error (feedback rows are never
  // duplicates).
  if (!same_reading) return Status::Ok();
  const FileSummary& s = *loaded->summary;
  if (rows->rows.size() + rows->blank + errors.size() != s.accepted + s.rejected)
    return Status::Error(std::to_string(s.accepted + s.rejected) + " rows read, " +
                         std::to_string(rows->rows.size() + rows->blank) +
                         " dispositions or blank rows and " + std::to_string(errors.size()) +
                         " errors");
  return Status::Ok();
}

}  // namespace qinglian::fuzz
