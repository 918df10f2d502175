// Loading runs in three stages. The calling thread reads chunks of whole
// records (ChunkReader). Workers, one per core, decode and parse a chunk each
// into records and rejects. The calling thread merges the results in file
// order: it numbers nothing twice, de-duplicates, interns strings, and hands
// the rejects on in line order.
#include "qinglian/input/loader.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstring>
#include <deque>
#include <exception>
#include <future>
#include <optional>
#include <thread>

#include "base/flat_key_set.h"
#include "qinglian/base/csv_writer.h"
#include "qinglian/base/money.h"
#include "qinglian/base/text.h"
#include "qinglian/core/bac.h"
#include "qinglian/core/vocab.h"
#include "qinglian/input/csv.h"

namespace qinglian {
namespace {

constexpr size_t kMaxSuspectLines = 10;
// A quoted field over more line breaks than this is taken for a stray quote
// that swallowed the rows after it: real multi-line cells (an address, a
// remark) span two or three lines.
constexpr uint32_t kMaxQuotedLineBreaks = 8;

// The detail of a row that does not decode.
std::string BadEncoding(Encoding e) {
  return fmt::format("not valid {} (is the file in another encoding? see --encoding)",
                     EncodingTitle(e));
}

// What a worker makes of one chunk.
struct ChunkOutput {
  // The records without their values, which follow one another in `values`,
  // kind.fields.size() per record: one allocation per chunk, not per record.
  // Text values are ids in `strings`.
  std::vector<Record> records;
  std::vector<int64_t> values;
  size_t width = 0;  // values per record
  std::span<int64_t> record_values(size_t i) { return {values.data() + i * width, width}; }
  std::vector<Reject> rejects;  // in line order
  uint64_t rows = 0, blank = 0, not_employees = 0, cleaned = 0, damaged = 0;
  std::vector<uint32_t> zero_lines;       // accepted IDs ending in 000
  uint64_t imprecise = 0;                 // accepted rows with a month for a date
  std::vector<uint32_t> imprecise_lines;  // the first few of them
  // runaway_quote rejects, whose detail names lines: it is written at the
  // merge, when the chunk's first line is known.
  struct RunawayQuote {
    size_t reject;
    uint32_t line, line_breaks;
  };
  std::vector<RunawayQuote> runaways;
  uint32_t newlines = 0;  // lines are counted from 1 within the chunk
  size_t bytes = 0;       // the chunk's
  StringPool strings;     // the chunk's own: the merge maps its ids to the set's
  std::map<std::string, uint64_t> other_labels;
  // Rows kept for the near matches (LoadOptions::keep_unkeyed), as records.
  std::vector<Record> unkeyed;
  std::vector<UnkeyedId> unkeyed_ids;
};

// A chunk's work: rows in, records and rejects out.
class RowContext {
 public:
  RowContext(const std::string& file, const RecordKind& kind, const ColumnMap& columns,
             const LoadOptions& options, Encoding encoding)
      : file_(file),
        kind_(kind),
        columns_(columns),
        options_(options),
        today_(options.today),
        as_of_(options.as_of),
        encoding_(encoding) {
    out_.width = kind.fields.size();
  }

  ChunkOutput& out() { return out_; }
  const ColumnMap& columns() const { return columns_; }
  const RecordKind& kind() const { return kind_; }
  const LoadOptions& options() const { return options_; }

  std::string_view Cell(const CsvRow& row, int f) const {
    const int c = columns_.column(f);
    return c >= 0 && static_cast<size_t>(c) < row.fields.size() ? row.fields[static_cast<size_t>(c)]
                                                                : std::string_view();
  }

  void AddReject(uint32_t line, int f, RejectReason reason, std::string detail,
                 std::string_view value) {
    const bool id = f == kind_.id;
    out_.rejects.push_back({file_, line, columns_.header(f), reason, std::move(detail),
                            id ? MaskIdNumber(CleanField(value)) : std::string(value),
                            f >= 0 ? kind_.fields[static_cast<size_t>(f)].name : ""});
  }
  void AddRowReject(uint32_t line, RejectReason reason, std::string detail) {
    out_.rejects.push_back({file_, line, "", reason, std::move(detail), "", ""});
  }

  // Counts the row and checks its shape. Returns false when it is blank or
  // rejected.
  bool CheckShape(const CsvRow& row) {
    bool blank = true;
    for (std::string_view f : row.fields)
      for (char c : f) blank = blank && (c == ' ' || c == '\t' || c == '\r');
    if (blank) {
      ++out_.blank;
      return false;
    }
    ++out_.rows;
    if (row.unterminated) {
      AddRowReject(row.line, RejectReason::kUnterminatedQuote,
                   "a quoted field is not closed before the end of the file");
      return false;
    }
    if (row.quote_line_breaks > kMaxQuotedLineBreaks) {
      out_.runaways.push_back({out_.rejects.size(), row.quote_line, row.quote_line_breaks});
      AddRowReject(row.line, RejectReason::kRunawayQuote, "");
      return false;
    }
    const size_t width = columns_.width();
    if (row.fields.size() < width) {
      AddRowReject(row.line, RejectReason::kShortRow,
                   "short row: " + std::to_string(row.fields.size()) + " fields, the header has " +
                       std::to_string(width));
      return false;
    }
    for (size_t i = width; i < row.fields.size(); ++i) {
      if (Trim(row.fields[i]).empty()) continue;
      AddRowReject(row.line, RejectReason::kLongRow,
                   "long row: " + std::to_string(row.fields.size()) + " fields, the header has " +
                       std::to_string(width));
      return false;
    }
    return true;
  }

  // Rejects a row whose bytes are not UTF-8. Done only for the rows a load
  // needs in full: the ID parser copes with any bytes on its own.
  bool CheckUtf8(const CsvRow& row) {
    if (IsValidUtf8(row.raw)) return true;
    AddRowReject(row.line, RejectReason::kBadEncoding, BadEncoding(encoding_));
    return false;
  }

  IdParse ParseId(const CsvRow& row) const { return ParseIdText(Cell(row, kind_.id)); }
  IdParse ParseIdText(std::string_view text) const { return ParseIdNumber(text, today_); }

  // Counts what a usable ID number needed, or rejects the row for an unusable one.
  bool NoteId(const CsvRow& row, const IdParse& id) {
    if (!id.ok()) {
      if (id.problem == IdProblem::kSpreadsheetDamage) ++out_.damaged;
      AddReject(row.line, kind_.id, RejectReasonOf(id.problem), id.detail, Cell(row, kind_.id));
      return false;
    }
    NoteGoodId(row.line, id.cleanup != 0, EndsInZeros(id));
    return true;
  }
  void NoteGoodId(uint32_t line, bool cleaned, bool zeros) {
    if (cleaned) ++out_.cleaned;
    if (zeros) out_.zero_lines.push_back(line);
  }
  static bool EndsInZeros(const IdParse& id) {
    return std::string_view(id.id.digits + 15, 3) == "000";
  }

  // Parses the row's ID number; on failure records the reject (and its
  // problem in *problem).
  bool TakeId(const CsvRow& row, IdKey* key, Date* birth, IdProblem* problem) {
    const IdParse id = ParseId(row);
    *problem = id.problem;
    if (!NoteId(row, id)) return false;
    *key = id.id.key;
    *birth = id.id.birth;
    return true;
  }

  // Parses a date cell; `required` makes an empty cell a reject, and so is a
  // date that cannot be true of the person born on `birth`: before the birth,
  // or (unless `may_be_ahead`, as a planned leave date is) after both today
  // and the as-of date. A date between a past as-of date and today is true,
  // only outside the comparison. The detail names the field, never the birth
  // date.
  // A month alone (2008.08) is taken as its first day, or for a period's
  // end its last, and the row is marked imprecise (row_imprecise).
  bool TakeDate(const CsvRow& row, int f, bool required, Date birth, Date* date,
                bool may_be_ahead = false) {
    const std::string_view raw = Cell(row, f);
    if (Trim(raw).empty()) {
      if (!required) return true;
      AddReject(row.line, f, RejectReason::kMissingDate, "no " + FieldName(f), raw);
      return false;
    }
    Result<Date> d = ParseDate(raw);
    if (!d.ok()) {
      const Result<YearMonth> month = ParseYearMonth(raw);
      if (!month.ok()) {
        AddReject(row.line, f, RejectReason::kBadDate, d.error(), raw);
        return false;
      }
      const bool end = kind_.period && f == kind_.end;
      d = end ? month->Last() : month->First();
      row_imprecise |= end ? kEndImprecise : f == kind_.start ? kStartImprecise : 0;
      row_has_month = true;
    }
    const Date bound = std::max(today_, as_of_);
    const bool future = !may_be_ahead && bound.valid() && *d > bound;
    if (*d < birth || future) {
      const std::string what = Spoken(f) + " " + d->Iso();
      if (*d < birth)
        AddReject(row.line, f, RejectReason::kDateBeforeBirth,
                  what + " is before the person was born", raw);
      else
        AddReject(row.line, f, RejectReason::kFutureDate, what + " is in the future", raw);
      return false;
    }
    *date = *d;
    return true;
  }

  const std::string& FieldName(int f) const { return kind_.fields[static_cast<size_t>(f)].name; }

  // The row being parsed has a date given as a month: of its start or end
  // (Record::imprecise), or of any date field.
  uint8_t row_imprecise = 0;
  bool row_has_month = false;
  // "hire_date" -> "hire date"
  std::string Spoken(int f) const {
    std::string s = FieldName(f);
    std::replace(s.begin(), s.end(), '_', ' ');
    return s;
  }

 private:
  const std::string& file_;
  const RecordKind& kind_;
  const ColumnMap& columns_;
  const LoadOptions& options_;
  Date today_;
  Date as_of_;
  Encoding encoding_;
  ChunkOutput out_;
};

// Calls handle(row) for every record of the chunk, numbering lines from 1
// within it (the merge adds the chunk's first line). UTF-8 is handed on as it
// is: the handler checks the rows it needs (CheckUtf8). GB18030 is decoded a
// chunk at a time; when that fails, row by row, and each row that does not
// decode becomes a bad_encoding reject, so mojibake never passes.
template <typename Handle>
void ForEachRow(const Chunk& chunk, Encoding encoding, char sep, size_t max_fields, RowContext& ctx,
                Handle&& handle) {
  CsvRow row;
  const auto split = [&](std::string_view text) {
    CsvReader reader(text, sep, 1);
    while (reader.Next(&row, max_fields)) handle(row);
    ctx.out().newlines = reader.line() - 1;
  };
  if (encoding != Encoding::kGb18030) return split(chunk.text());
  Transcoder decoder("UTF-8", "GB18030");
  std::string decoded;
  if (decoder.Convert(chunk.text(), &decoded)) return split(decoded);
  CsvReader reader(chunk.text(), sep, 1);
  CsvRow one_row;
  std::string one;
  while (reader.Next(&row)) {
    one.clear();
    if (!decoder.Convert(row.raw, &one)) {
      ++ctx.out().rows;
      ctx.AddRowReject(row.line, RejectReason::kBadEncoding, BadEncoding(encoding));
      continue;
    }
    CsvReader sub(one, sep, row.line);
    if (sub.Next(&one_row, max_fields)) handle(one_row);
  }
  ctx.out().newlines = reader.line() - 1;
}

// Reads chunks, parses them on worker threads, merges results in file order.
// After a read error the chunks parsed are not merged, but their lines are
// added to *unmerged_lines: a record too long to read starts right after them.
template <typename Output, typename Parse, typename Merge>
Status ProcessChunks(ChunkReader& reader, unsigned threads, const Parse& parse, const Merge& merge,
                     uint32_t* unmerged_lines) {
  std::deque<std::future<Output>> inflight;
  const size_t max_inflight = threads + 1;
  Status status;
  try {
    while (true) {
      Chunk chunk;
      Result<bool> more = reader.Next(&chunk);
      if (!more.ok()) {
        status = more.status();
        break;
      }
      if (!*more) break;
      inflight.push_back(
          std::async(std::launch::async, [&parse, &reader, c = std::move(chunk)]() mutable {
            Output out = parse(c);
            reader.Recycle(std::move(c.buffer));  // its records are parsed: nothing views it
            return out;
          }));
      while (inflight.size() >= max_inflight) {
        merge(inflight.front().get());
        inflight.pop_front();
      }
    }
    while (!inflight.empty()) {
      Output out = inflight.front().get();
      inflight.pop_front();
      if (status.ok())
        merge(std::move(out));
      else
        *unmerged_lines += out.newlines;
    }
  } catch (const std::exception& e) {
    for (auto& f : inflight) f.wait();  // no worker may outlive the data it reads
    return Status::Error(std::string("cannot load: ") + e.what());
  }
  return status;
}

// See LoadOptions::chunk_bytes.
constexpr size_t kFullParseChunkBytes = 2u << 20;

unsigned ThreadCount(unsigned requested) {
  if (requested) return requested;
  return std::max(1u, std::thread::hardware_concurrency());
}

// Opens a source, reads its header and maps its columns; its chunks are of
// `chunk_bytes`.
struct OpenedFile {
  std::unique_ptr<ChunkReader> reader;
  ColumnMap columns;
};

Result<OpenedFile> Open(ByteSource& source, const RecordKind& kind, const LoadOptions& options,
                        size_t chunk_bytes) {
  auto reader = std::make_unique<ChunkReader>(&source, options.encoding, chunk_bytes);
  if (Status s = reader->Start(); !s.ok()) return s;  // it names the file
  Result<ColumnMap> columns = ColumnMap::Build(reader->header(), kind, options.column_map);
  if (!columns.ok()) {
    std::string why = source.name() + ": " + columns.error();
    // A header in the wrong encoding names no column anyone knows.
    if (const auto better = reader->better_encoding())
      why += fmt::format(" (the text looks like {} read as {}: try --encoding {})",
                         EncodingTitle(*better), EncodingTitle(reader->encoding()),
                         EncodingName(*better));
    return Status::Error(why);
  }
  return OpenedFile{std::move(reader), std::move(columns.value())};
}

// A read error; for a record too long to read, with the line it starts on.
Status ReadError(const Status& s, const ChunkReader& reader, const std::string& file,
                 uint32_t line) {
  if (!reader.record_too_long()) return s;
  return Status::Error(fmt::format("{}:{}: {}", file, line, s.message()));
}

FileSummary StartSummary(const ByteSource& source, const RecordKind& kind,
                         const ChunkReader& reader) {
  FileSummary s;
  s.file = source.name();
  s.format = source.format();
  s.kind = kind.name;
  s.encoding = reader.encoding();
  s.delimiter = reader.delimiter();
  s.headers = reader.header();
  s.cr_line_ends = reader.cr_line_ends();
  s.better_encoding = reader.better_encoding();
  return s;
}

// Adds a chunk's counters and rejects to the file's summary.
void MergeCounts(ChunkOutput& out, uint32_t first_line, FileSummary* s,
                 std::vector<uint32_t>* zero_lines, uint64_t* damaged, const RejectSink& rejects) {
  const uint32_t shift = first_line - 1;
  for (Reject& r : out.rejects) r.line += shift;
  for (const auto& q : out.runaways)
    out.rejects[q.reject].detail = fmt::format(
        "a quoted field opened on line {} runs over {} lines to line {}; is a closing quote "
        "missing?",
        q.line + shift, q.line_breaks, q.line + shift + q.line_breaks);
  for (uint32_t& line : out.zero_lines) line += shift;
  s->imprecise_dates += out.imprecise;
  for (uint32_t line : out.imprecise_lines)
    if (s->imprecise_lines.size() < kMaxSuspectLines) s->imprecise_lines.push_back(line + shift);
  s->rows += out.rows;
  s->blank_lines += out.blank;
  s->not_employees += out.not_employees;
  s->accepted += out.not_employees;
  for (const auto& [label, n] : out.other_labels) s->other_labels[label] += n;
  s->cleaned_ids += out.cleaned;
  s->rejected += out.rejects.size();
  *damaged += out.damaged;
  zero_lines->insert(zero_lines->end(), out.zero_lines.begin(), out.zero_lines.end());
  for (const Reject& r : out.rejects) {
    ++s->rejects_by_reason[r.reason];
    if (rejects) rejects(r);
  }
}

// Excel zeroes the last digits of numbers it has converted; in a file that
// shows that damage elsewhere, an ID ending in 000 may be one of them.
void FinishSummary(FileSummary* s, const std::vector<uint32_t>& zero_lines, uint64_t damaged,
                   std::chrono::steady_clock::time_point start, uint64_t bytes) {
  if (damaged > 0) {
    s->suspect_ids = zero_lines.size();
    s->suspect_lines.assign(zero_lines.begin(),
                            zero_lines.begin() + std::min(zero_lines.size(), kMaxSuspectLines));
  }
  s->bytes = bytes;
  s->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// A whole number as spreadsheets write it: "12", "１２", "1,200".
Result<int64_t> ParseWhole(std::string_view raw) {
  std::string s = NormaliseName(raw);
  std::erase(s, ',');
  int64_t v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size())
    return Status::Error("not a whole number: '" + std::string(raw) + "'");
  return v;
}

// A unit as its roster names it -> the official name (LoadOptions).
void MapUnit(const LoadOptions& o, std::string* unit) {
  if (unit->empty()) *unit = o.default_unit;
  if (o.unit_aliases.empty()) return;
  const auto it = o.unit_aliases.find(*unit);
  if (it != o.unit_aliases.end()) *unit = it->second;
}

// Reads the value of field `f` into *value, or rejects the row.
bool TakeValue(const CsvRow& row, int f, Date birth, RowContext& ctx, std::string* storage,
               int64_t* value) {
  const RecordKind& kind = ctx.kind();
  const FieldSpec& spec = kind.fields[static_cast<size_t>(f)];
  const std::string_view raw = ctx.Cell(row, f);
  const auto missing = [&](RejectReason reason, std::string detail) {
    ctx.AddReject(row.line, f, reason, std::move(detail), "");
    return false;
  };
  switch (spec.type) {
    case FieldType::kIdNumber:
      return true;  // taken first, with the person
    case FieldType::kName:
    case FieldType::kText:
    case FieldType::kNote:
    case FieldType::kLabel: {
      // Free text keeps its own punctuation (a full-width comma stays one).
      const bool note = spec.type == FieldType::kNote || spec.type == FieldType::kLabel;
      std::string_view text = note ? CleanNote(raw, storage) : CleanField(raw, storage);
      // A roster's unit as the commission names it (its aliases; --unit for
      // rows that name none).
      std::string unit;
      if (f == kind.unit && (text.empty() || !ctx.options().unit_aliases.empty())) {
        unit = std::string(text);
        MapUnit(ctx.options(), &unit);
        text = unit;
      }
      if (text.empty() && spec.required) {
        if (spec.type == FieldType::kName) return missing(RejectReason::kMissingName, "no name");
        if (f == kind.unit) return missing(RejectReason::kMissingUnit, "no unit");
        return missing(RejectReason::kMissingValue, "no " + spec.name);
      }
      *value = ctx.out().strings.Intern(text);
      return true;
    }
    case FieldType::kDate: {
      // A period's end may be ahead: a planned leave date, an allowance granted to a date.
      const bool ahead = kind.period && f == kind.end;
      Date d;
      if (!ctx.TakeDate(row, f, spec.required, birth, &d, ahead)) return false;
      *value = d.valid() ? d.days() : kNoDate;
      return true;
    }
    case FieldType::kBac: {
      const Result<BacTenths> bac = ParseBac(raw);
      if (!bac.ok()) {
        ctx.AddReject(row.line, f, RejectReason::kBadBac, bac.error(), raw);
        return false;
      }
      *value = *bac;
      return true;
    }
    case FieldType::kMoney:
    case FieldType::kNumber:
    case FieldType::kYesNo: {
      if (Trim(raw).empty()) {
        if (spec.required) return missing(RejectReason::kMissingValue, "no " + spec.name);
        *value = kNoNumber;
        return true;
      }
      Result<int64_t> v = spec.type == FieldType::kMoney    ? ParseYuan(raw)
                          : spec.type == FieldType::kNumber ? ParseWhole(raw)
                                                            : Result<int64_t>(Status::Error(""));
      if (spec.type == FieldType::kYesNo) {
        const Result<bool> yes = ParseYesNo(raw);
        v = yes.ok() ? Result<int64_t>(*yes ? 1 : 0) : Result<int64_t>(yes.status());
      }
      if (!v.ok()) {
        ctx.AddReject(row.line, f, RejectReason::kBadNumber, v.error(), raw);
        return false;
      }
      *value = *v;
      return true;
    }
  }
  return true;
}

// Classifies a record's label (and BAC) by the offence vocabulary, or
// rejects the row.
bool Classify(const CsvRow& row, RowContext& ctx, std::span<const int64_t> values, Record* rec) {
  const RecordKind& kind = ctx.kind();
  const OffenceVocabulary* vocabulary = ctx.options().vocabulary;
  if (kind.label < 0 || !vocabulary) return true;
  const std::string_view label =
      ctx.out().strings.Get(static_cast<uint32_t>(values[static_cast<size_t>(kind.label)]));
  const BacTenths bac =
      kind.bac >= 0 ? static_cast<BacTenths>(values[static_cast<size_t>(kind.bac)]) : kNoBac;
  const Classification c = vocabulary->Classify(label, bac);
  switch (c.kind) {
    case Classification::kType:
      rec->type = c.type;
      return true;
    case Classification::kOther:
      // An offence of another kind: counted, kept, never a reject.
      rec->type = kOtherType;
      ++ctx.out().other_labels[std::string(label)];
      return true;
    case Classification::kBelowBac:
      ctx.AddReject(row.line, kind.bac, RejectReason::kBelowBac,
                    "BAC " + FormatBac(bac) + " is below 20 mg/100mL: no drink-driving offence",
                    ctx.Cell(row, kind.bac));
      return false;
    case Classification::kNothing:
      break;
  }
  ctx.AddReject(row.line, kind.label, RejectReason::kUnknownOffence, "no offence label and no BAC",
                "");
  return false;
}

// Keeps a row whose ID number alone is wrong for the near matches: its other
// fields are read as for an accepted row, without a birth date to bound the
// dates; a row with another problem too is not kept, and only its ID
// number's reject counts.
void KeepUnkeyed(const CsvRow& row, RowContext& ctx, IdProblem problem) {
  if (!ctx.options().keep_unkeyed) return;
  if (problem != IdProblem::kSpreadsheetDamage && problem != IdProblem::kBadCheck &&
      problem != IdProblem::kImpossibleDate && problem != IdProblem::kFutureDate &&
      problem != IdProblem::kBadProvince)
    return;
  const RecordKind& kind = ctx.kind();
  ChunkOutput& out = ctx.out();
  const size_t rejects = out.rejects.size();
  Record rec;
  rec.source.line = row.line;
  rec.values.assign(kind.fields.size(), 0);
  std::string storage;
  for (size_t f = 0; f < kind.fields.size(); ++f) {
    if (!TakeValue(row, static_cast<int>(f), Date(), ctx, &storage, &rec.values[f])) {
      out.rejects.resize(rejects);
      return;
    }
  }
  const auto date = [&](int f) {
    return f >= 0 && rec.values[static_cast<size_t>(f)] != kNoDate
               ? Date::FromDays(static_cast<int32_t>(rec.values[static_cast<size_t>(f)]))
               : Date();
  };
  rec.start = date(kind.start);
  rec.end = date(kind.end);
  out.unkeyed.push_back(std::move(rec));
  out.unkeyed_ids.push_back({problem, std::string(Trim(ctx.Cell(row, kind.id)))});
}

void ParseRow(const CsvRow& row, RowContext& ctx, const std::function<bool(IdKey)>& wanted,
              char sep, CsvRow* whole);

// A row of which only the fields up to the ID number's were split, and its
// parsed ID number: enough to tell whether the row is wanted. Most are not,
// and end here.
void ParsePartialRow(const CsvRow& row, const IdParse& id, RowContext& ctx,
                     const std::function<bool(IdKey)>& wanted, char sep, CsvRow* whole) {
  // A row without an ID number may be blank (",,,,"), or short: only the
  // whole row tells, so it is judged in full, as check judges it. So is a
  // row with a quote never closed or running away, whoever's row it is:
  // the rows it swallowed must not vanish.
  const bool whole_row_needed = (id.ok() ? wanted(id.id.key) : id.problem == IdProblem::kEmpty) ||
                                row.unterminated || row.quote_line_breaks > kMaxQuotedLineBreaks;
  if (!whole_row_needed) {
    ++ctx.out().rows;
    if (ctx.NoteId(row, id)) ++ctx.out().not_employees;
    return;
  }
  CsvReader reader(row.raw, sep, row.line);
  reader.Next(whole);
  return ParseRow(*whole, ctx, wanted, sep, whole);
}

void ParseRow(const CsvRow& row, RowContext& ctx, const std::function<bool(IdKey)>& wanted,
              char sep, CsvRow* whole) {
  const RecordKind& kind = ctx.kind();
  if (row.partial) return ParsePartialRow(row, ctx.ParseId(row), ctx, wanted, sep, whole);
  if (!ctx.CheckShape(row)) return;
  Record rec;
  rec.source.line = row.line;
  Date birth;
  // Without a filter a row is read in full, so its bytes are checked first;
  // with one, only a wanted person's row is worth the check (the ID parser
  // copes with any bytes on its own).
  if (!wanted && !ctx.CheckUtf8(row)) return;
  if (kind.id >= 0) {
    IdProblem problem;
    if (!ctx.TakeId(row, &rec.key, &birth, &problem)) return KeepUnkeyed(row, ctx, problem);
    if (wanted && !wanted(rec.key)) {
      ++ctx.out().not_employees;
      return;
    }
  }
  if (wanted && !ctx.CheckUtf8(row)) return;
  // The values go straight to the end of the chunk's, and are taken back if
  // the row is rejected.
  std::vector<int64_t>& all = ctx.out().values;
  const size_t at = all.size();
  all.resize(at + kind.fields.size(), 0);
  const std::span<int64_t> values(all.data() + at, kind.fields.size());
  const auto reject = [&] { all.resize(at); };
  ctx.row_imprecise = 0;
  ctx.row_has_month = false;
  std::string storage;
  for (size_t f = 0; f < kind.fields.size(); ++f)
    if (!TakeValue(row, static_cast<int>(f), birth, ctx, &storage, &values[f])) return reject();
  const auto date = [&](int f) {
    return f >= 0 && values[static_cast<size_t>(f)] != kNoDate
               ? Date::FromDays(static_cast<int32_t>(values[static_cast<size_t>(f)]))
               : Date();
  };
  rec.start = date(kind.start);
  rec.end = date(kind.end);
  if (kind.period && rec.start.valid() && rec.end.valid() && rec.end < rec.start) {
    ctx.AddReject(row.line, kind.end, RejectReason::kDateOrder,
                  ctx.Spoken(kind.end) + " " + rec.end.Iso() + " is before " +
                      ctx.Spoken(kind.start) + " " + rec.start.Iso(),
                  ctx.Cell(row, kind.end));
    return reject();
  }
  if (!Classify(row, ctx, values, &rec)) return reject();
  rec.imprecise = ctx.row_imprecise;
  if (ctx.row_has_month) {
    ++ctx.out().imprecise;
    if (ctx.out().imprecise_lines.size() < kMaxSuspectLines)
      ctx.out().imprecise_lines.push_back(row.line);
  }
  ctx.out().records.push_back(rec);
}

// Parses rows as ParseRow does, except that a row with a valid ID number
// waits a few rows before the filter is asked about it, its key having been
// handed to LoadOptions::will_ask: the filter's look-ups, which miss the
// cache for most keys, then find their memory fetched. Rows are still
// handled in file order: any other row first handles those waiting.
class LookAhead {
 public:
  LookAhead(RowContext& ctx, const std::function<bool(IdKey)>& wanted, char sep, CsvRow* whole)
      : ctx_(ctx), wanted_(wanted), will_ask_(ctx.options().will_ask), sep_(sep), whole_(whole) {}

  void Add(const CsvRow& row) {
    if (!row.partial || row.unterminated || row.quote_line_breaks > kMaxQuotedLineBreaks) {
      Flush();
      return ParseRow(row, ctx_, wanted_, sep_, whole_);
    }
    const IdParse id = ctx_.ParseId(row);
    if (!id.ok()) {
      Flush();
      return ParsePartialRow(row, id, ctx_, wanted_, sep_, whole_);
    }
    Wait(row.raw, row.line, id);
  }
  // A row without a quote, `id_text` its ID number's field, followed by a
  // separator: what Add() would take for a partial row. Returns false, having
  // done nothing, when the ID number is not valid: Add() then judges the row.
  bool AddPlain(std::string_view raw, uint32_t line, std::string_view id_text) {
    const IdParse id = ctx_.ParseIdText(id_text);
    if (!id.ok()) return false;
    Wait(raw, line, id);
    return true;
  }
  void Flush() {
    while (count_) HandleOldest();
  }

 private:
  static constexpr size_t kRows = 16;
  struct Waiting {
    std::string_view raw;
    uint32_t line;
    IdKey key;
    bool cleaned, zeros;
  };
  void Wait(std::string_view raw, uint32_t line, const IdParse& id) {
    will_ask_(id.id.key);
    if (count_ == kRows) HandleOldest();
    // Field by field: a whole Waiting built aside and copied in is read back
    // in wider pieces than it was written, which stalls the copy.
    Waiting& w = ring_[(head_ + count_) % kRows];
    w.raw = raw;
    w.line = line;
    w.key = id.id.key;
    w.cleaned = id.cleanup != 0;
    w.zeros = RowContext::EndsInZeros(id);
    ++count_;
  }
  void HandleOldest() {
    const Waiting w = ring_[head_];
    head_ = (head_ + 1) % kRows;
    --count_;
    if (wanted_(w.key)) {
      CsvReader reader(w.raw, sep_, w.line);
      reader.Next(whole_);
      return ParseRow(*whole_, ctx_, wanted_, sep_, whole_);
    }
    ++ctx_.out().rows;
    ctx_.NoteGoodId(w.line, w.cleaned, w.zeros);
    ++ctx_.out().not_employees;
  }

  RowContext& ctx_;
  const std::function<bool(IdKey)>& wanted_;
  const std::function<void(IdKey)>& will_ask_;
  char sep_;
  CsvRow* whole_;
  Waiting ring_[kRows];
  size_t head_ = 0, count_ = 0;
};

// Whether the quoted fields of a record, from base[pos] (a field's start)
// to `row_end` (its first newline, or the end of the data), all close before
// row_end: the record then ends there, as CsvReader would find it. Only the
// quotes are looked at. A quote opens a field only at a field's start, at
// `pos` or right after a separator; any other quote is text.
bool QuotesCloseBefore(const char* base, size_t pos, size_t row_end, char sep) {
  const size_t first = pos;
  const auto next_quote = [&](size_t from) {
    const void* q = std::memchr(base + from, '"', row_end - from);
    return q ? static_cast<size_t>(static_cast<const char*>(q) - base) : std::string_view::npos;
  };
  while (pos < row_end) {
    size_t at = next_quote(pos);
    if (at == std::string_view::npos) return true;
    if (at != first && base[at - 1] != sep) {  // text
      pos = at + 1;
      continue;
    }
    at = FindClosingQuote(std::string_view(base, row_end), at + 1);
    if (at == std::string_view::npos) return false;  // open past the line's end
    pos = at + 1;
  }
  return true;
}

// The offence scan of a chunk of UTF-8: what ForEachRow and LookAhead::Add
// do for every row, faster for the rows with no quote before the end of their
// ID number, which are most. Such a row's fields up to the ID number end at
// the separators: memchr finds the ID number's field, the row ends at its
// newline (found past any quoted fields after the ID number), and only a row
// of a wanted person is split further. Any other row (a quote before the ID
// number or across a line, too few fields, an ID number not valid) is read
// by CsvReader and handed to Add().
void ScanChunk(const Chunk& chunk, char sep, size_t id_column, RowContext& ctx, LookAhead& ahead) {
  const std::string_view data = chunk.text();
  const char* const base = data.data();
  const size_t size = data.size();
  size_t quote = std::min(chunk.first_quote, size);  // the next quote at or after pos
  size_t pos = 0;
  uint32_t line = 1;
  const auto find = [&](size_t from, size_t to, char c) {
    const void* p = std::memchr(base + from, c, to - from);
    return p ? static_cast<size_t>(static_cast<const char*>(p) - base) : std::string_view::npos;
  };
  CsvRow row;
  while (pos < size) {
    const size_t newline = find(pos, size, '\n');
    const size_t row_end = newline == std::string_view::npos ? size : newline;
    if (quote < pos) {
      quote = find(pos, size, '"');
      if (quote == std::string_view::npos) quote = size;
    }
    if (quote > pos) {
      // No quote before `quote`: the fields up to it split at the separators.
      // The fields before plain_end hold no newline: each ends at a separator.
      const size_t plain_end = std::min(quote, row_end);
      const auto field_end_at = [&](size_t from) {
        const size_t at = FindFieldEnd(std::string_view(base, plain_end), from, sep);
        return at < plain_end ? at : std::string_view::npos;
      };
      size_t field = pos;
      for (size_t c = 0; c < id_column && field != std::string_view::npos; ++c) {
        field = field_end_at(field);
        if (field != std::string_view::npos) ++field;
      }
      const size_t field_end = field == std::string_view::npos ? field : field_end_at(field);
      const size_t next = newline == std::string_view::npos ? size : newline + 1;
      if (field_end != std::string_view::npos &&
          (quote >= row_end || QuotesCloseBefore(base, field_end + 1, row_end, sep)) &&
          ahead.AddPlain(data.substr(pos, next - pos), line,
                         data.substr(field, field_end - field))) {
        pos = next;
        line += newline != std::string_view::npos;
        continue;
      }
    }
    CsvReader reader(data.substr(pos), sep, line);
    reader.Next(&row, id_column + 1);
    ahead.Add(row);
    pos += reader.position();
    line = reader.line();
  }
  ahead.Flush();
  ctx.out().newlines = line - 1;
}

uint64_t Mix(uint64_t h) {
  h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9ull;
  h = (h ^ (h >> 27)) * 0x94D049BB133111EBull;
  return h ^ (h >> 31);
}

// A 64-bit fingerprint of the record as the same record again would have
// it: its case number and person, else its person and the kind's duplicate
// key; 0 when the kind names no such thing. Two different records share one
// about once in 10^12 runs. Text is taken by its id in the set's pool, which
// is one per distinct string.
uint64_t Identity(const RecordKind& kind, const Record& rec, std::span<const int64_t> values) {
  const auto value_hash = [&](int f) {
    return Mix(static_cast<uint64_t>(values[static_cast<size_t>(f)]));
  };
  if (kind.case_number >= 0 && values[static_cast<size_t>(kind.case_number)] != 0)
    // One decision may name several persons (a gambling case): only the same
    // case number for the same person is the same offence again.
    return Mix(value_hash(kind.case_number)) ^ Mix(rec.key);
  if (kind.duplicate_key.empty()) return 0;
  uint64_t h = Mix(rec.key);
  for (int f : kind.duplicate_key) h = Mix(h ^ value_hash(f));
  return h ? h : 1;
}

// Gives the text values of a chunk's records the set's ids for their strings
// (`ids`, indexed by the chunk's), and returns each record's Identity().
std::vector<uint64_t> ToSetStrings(const RecordKind& kind, const std::vector<uint32_t>& ids,
                                   ChunkOutput* out) {
  std::vector<size_t> text_fields;
  for (size_t f = 0; f < kind.fields.size(); ++f)
    if (IsText(kind.fields[f].type)) text_fields.push_back(f);
  std::vector<uint64_t> identities(out->records.size());
  for (size_t i = 0; i < out->records.size(); ++i) {
    const std::span<int64_t> values = out->record_values(i);
    for (size_t f : text_fields) values[f] = ids[static_cast<uint32_t>(values[f])];
    identities[i] = Identity(kind, out->records[i], values);
  }
  return identities;
}

// Moves a chunk's unkeyed rows into `set` (strings and all) and their ID
// numbers into `ids`.
void MergeUnkeyed(const RecordSet& records, uint16_t file_index, uint32_t first_line,
                  ChunkOutput* out, RecordSet* set, std::vector<UnkeyedId>* ids) {
  const RecordKind& kind = set->kind();
  // Rare rows: their chunk's strings are interned once more, into their own set.
  const std::vector<uint32_t> strings = set->strings().InternAll(out->strings);
  while (set->files() <= file_index)
    set->AddFile(records.file(static_cast<uint16_t>(set->files())));
  for (size_t i = 0; i < out->unkeyed.size(); ++i) {
    Record& r = out->unkeyed[i];
    for (size_t f = 0; f < kind.fields.size(); ++f)
      if (IsText(kind.fields[f].type)) r.values[f] = strings[static_cast<uint32_t>(r.values[f])];
    r.source = {file_index, r.source.line + first_line - 1};
    set->Append(std::move(r));
    ids->push_back(std::move(out->unkeyed_ids[i]));
  }
}

}  // namespace

std::string Reject::Message() const {
  std::string m = file + ":" + std::to_string(line) + ": ";
  if (!field.empty()) m += field + ": ";
  return m + detail;
}

void WriteRejectsHeader(std::ostream& out) {
  out << "\xEF\xBB\xBF";
  WriteCsvRow(out, {"file", "line", "field", "reason", "detail", "value"});
}

void WriteReject(std::ostream& out, const Reject& r) {
  // The cells come from the input: opened in a spreadsheet, none may run as a formula.
  WriteCsvRow(out, {r.file, std::to_string(r.line), NeutraliseFormula(r.field), Code(r.reason),
                    NeutraliseFormula(r.detail), NeutraliseFormula(r.value)});
}

Status RequireDataRows(const FileSummary& s) {
  if (s.rows > 0) return Status::Ok();
  return Status::Error(s.file + ": no data rows after the header");
}

std::string EncodingWarning(const FileSummary& s) {
  if (!s.better_encoding) return "";
  return fmt::format("the text looks like {} read as {}; check it, or read it with --encoding {}",
                     EncodingTitle(*s.better_encoding), EncodingTitle(s.encoding),
                     EncodingName(*s.better_encoding));
}

std::string FormatSummary(const FileSummary& s, Lang lang) {
  const bool zh = lang == Lang::kZh;
  const char* sep = s.delimiter == '\t'  ? (zh ? "制表符" : "tab")
                    : s.delimiter == ';' ? "';'"
                                         : "','";
  const std::string read_as =
      s.format == "xlsx"
          ? std::string(zh ? "xlsx 工作簿，第一张工作表" : "xlsx workbook, first sheet")
          : fmt::format(fmt::runtime(zh ? "{}，{} 分隔{}" : "{}, {} separated{}"),
                        EncodingName(s.encoding), sep,
                        s.cr_line_ends ? (zh ? "，CR 换行" : ", CR line ends") : "");
  std::string out =
      fmt::format(fmt::runtime(zh ? "{}（{}）：{}，{} 字节\n" : "{} ({}): {}, {} bytes\n"), s.file,
                  s.kind, read_as, s.bytes);
  if (const std::string w = EncodingWarning(s); !w.empty())
    out += (zh ? "  警告：" : "  warning: ") + w + "\n";
  // Labels padded by display width: a Chinese character takes two columns.
  const auto padded = [](std::string_view label, size_t width) {
    const size_t w = DisplayWidth(label);
    return std::string(label) + std::string(w < width ? width - w : 0, ' ');
  };
  const auto line = [&](std::string_view en, std::string_view zh_label, uint64_t n) {
    out += fmt::format("  {}{:>10}\n", padded(zh ? zh_label : en, zh ? 26 : 22), n);
  };
  line("rows read", "读取行数", s.rows);
  line("accepted", "接收", s.accepted);
  line("rejected", "拒收", s.rejected);
  for (const auto& [reason, n] : s.rejects_by_reason)
    out += fmt::format("    {}{:>10}\n",
                       padded(zh ? Label(reason, lang) : Code(reason), zh ? 24 : 20), n);
  line("duplicates", "重复", s.duplicates);
  if (s.not_employees) line("not employees", "非职工", s.not_employees);
  if (!s.other_labels.empty()) {
    uint64_t others = 0;
    std::vector<std::string> labels;
    for (const auto& [label, n] : s.other_labels) {
      others += n;
      labels.push_back(fmt::format("{} {}", n, label));
    }
    line("other offences", "其他违法行为", others);
    out += "    " + Join(labels, zh ? "、" : ", ") + "\n";
  }
  if (s.blank_lines) line("blank lines skipped", "跳过的空行", s.blank_lines);
  if (s.cleaned_ids) line("ID numbers cleaned", "清理过的身份证号", s.cleaned_ids);
  const auto lines = [&](const std::vector<uint32_t>& at, uint64_t count) {
    std::vector<std::string> numbers;
    for (uint32_t n : at) numbers.push_back(std::to_string(n));
    if (count > at.size()) numbers.push_back("...");
    return zh ? "第 " + Join(numbers, "、") + " 行"
              : std::string(at.size() > 1 ? "lines " : "line ") + Join(numbers, ", ");
  };
  if (s.imprecise_dates)
    out += fmt::format(
        fmt::runtime(zh ? "  不精确的日期：{} "
                          "行的日期只有年月，按当月第一天（结束日期按最后一天）读取（{}）\n"
                        : "  imprecise dates: {} rows give a month for a date, read as its first "
                          "day (its last for an end) ({})\n"),
        s.imprecise_dates, lines(s.imprecise_lines, s.imprecise_dates));
  if (s.suspect_ids)
    out += fmt::format(
        fmt::runtime(zh ? "  可疑的身份证号：{} 个以 000 结尾，且文件有被表格软件损坏的号码（{}）\n"
                        : "  suspect ID numbers: {} end in 000 in a file with spreadsheet damage "
                          "({})\n"),
        s.suspect_ids, lines(s.suspect_lines, s.suspect_ids));
  return out;
}

struct RecordLoader::Seen {
  FlatKeySet records;  // Identity() of every record accepted
};

RecordLoader::RecordLoader(const RecordKind& kind, LoadOptions options,
                           std::function<bool(IdKey)> wanted, bool keep)
    : options_(std::move(options)),
      wanted_(kind.id >= 0 ? std::move(wanted) : nullptr),
      keep_(keep),
      records_(kind),
      unkeyed_(kind),
      seen_(std::make_unique<Seen>()) {}
RecordLoader::~RecordLoader() = default;

void RecordLoader::FinishLoading() { seen_.reset(); }

Result<FileSummary> RecordLoader::Load(ByteSource& source, const RejectSink& rejects) {
  const auto start = std::chrono::steady_clock::now();
  const RecordKind& kind = records_.kind();
  if (!seen_) return Status::Error(source.name() + ": read after the last file of its kind");
  if (kind.label >= 0 && !options_.vocabulary)
    return Status::Error(source.name() + ": no offence vocabulary to read " + kind.name + " with");
  const size_t chunk_bytes =
      wanted_ ? options_.chunk_bytes : std::min(options_.chunk_bytes, kFullParseChunkBytes);
  Result<OpenedFile> opened = Open(source, kind, options_, chunk_bytes);
  if (!opened.ok()) return opened.status();
  ChunkReader& reader = *opened->reader;
  const ColumnMap& columns = opened->columns;
  FileSummary summary = StartSummary(source, kind, reader);
  summary.filtered = static_cast<bool>(wanted_);
  const uint16_t file_index = records_.AddFile(summary.file);
  std::vector<uint32_t> zero_lines;
  uint64_t damaged = 0;
  const size_t records_before = records_.size(), unkeyed_before = unkeyed_.size();
  const auto parse = [&](const Chunk& chunk) {
    RowContext ctx(summary.file, kind, columns, options_, reader.encoding());
    // With a filter, a row is split only as far as its ID number at first.
    const size_t max_fields = wanted_ ? static_cast<size_t>(columns.column(kind.id)) + 1 : SIZE_MAX;
    ctx.out().bytes = chunk.size;
    if (!wanted_) {
      // Room for the rows of a roster (100 bytes or so each), made once: the
      // vectors do not grow and move as they fill.
      const size_t rows = chunk.size / 64;
      ctx.out().records.reserve(rows);
      ctx.out().values.reserve(rows * kind.fields.size());
    }
    CsvRow whole;
    // A GB18030 chunk may be decoded row by row, into text that does not
    // outlive the row: its rows cannot wait.
    if (wanted_ && options_.will_ask && reader.encoding() != Encoding::kGb18030) {
      LookAhead ahead(ctx, wanted_, reader.delimiter(), &whole);
      ScanChunk(chunk, reader.delimiter(), max_fields - 1, ctx, ahead);
    } else {
      ForEachRow(
          chunk, reader.encoding(), reader.delimiter(), max_fields, ctx,
          [&](const CsvRow& row) { ParseRow(row, ctx, wanted_, reader.delimiter(), &whole); });
    }
    return std::move(ctx.out());
  };
  uint32_t next_line = reader.first_data_line();
  const std::optional<uint64_t> size_hint = source.size_hint();
  bool reserved = false;
  const auto merge = [&](ChunkOutput out) {
    MergeCounts(out, next_line, &summary, &zero_lines, &damaged, rejects);
    if (!out.unkeyed.empty())
      MergeUnkeyed(records_, file_index, next_line, &out, &unkeyed_, &unkeyed_ids_);
    if (!reserved && size_hint && out.bytes && !out.records.empty()) {
      // The first chunk's records per byte, for the whole file, with a
      // tenth to spare: the set and the identities grow once, not by
      // doubling and copying all they hold.
      const double per_byte =
          static_cast<double>(out.records.size()) / static_cast<double>(out.bytes);
      const size_t expected = static_cast<size_t>(per_byte * static_cast<double>(*size_hint) * 1.1);
      if (keep_) records_.Reserve(records_.size() + expected);
      // The strings too, at three quarters of the chunk's distinct strings
      // per record: a roster's are mostly its own (numbers), but names come
      // again more often in a whole file than in one chunk. A table too
      // small grows once more; one too large would take memory for nothing.
      if (keep_)
        records_.strings().Reserve(records_.strings().size() +
                                   expected * out.strings.size() * 3 / 4 / out.records.size());
      seen_->records.Reserve(seen_->records.size() + expected);
      reserved = true;
    }
    const std::vector<uint64_t> identities =
        ToSetStrings(kind, records_.strings().InternAll(out.strings), &out);
    // The set of identities outgrows the cache: its slots are fetched a few
    // records ahead.
    constexpr size_t kAhead = 8;
    seen_->records.Reserve(seen_->records.size() + identities.size());
    for (size_t i = 0; i < out.records.size(); ++i) {
      if (i + kAhead < identities.size()) seen_->records.Prefetch(identities[i + kAhead]);
      if (identities[i] && !seen_->records.Insert(identities[i])) {
        ++summary.duplicates;
        continue;
      }
      ++summary.accepted;
      Record& r = out.records[i];
      r.source = {file_index, r.source.line + next_line - 1};
      if (keep_) records_.Append(r, out.record_values(i));
    }
    next_line += out.newlines;
  };
  uint32_t unmerged_lines = 0;
  const Status s = ProcessChunks<ChunkOutput>(reader, ThreadCount(options_.threads), parse, merge,
                                              &unmerged_lines);
  if (!s.ok()) {
    records_.Truncate(records_before);  // a file is added whole or not at all
    unkeyed_.Truncate(unkeyed_before);
    unkeyed_ids_.resize(unkeyed_before);
    return ReadError(s, reader, summary.file, next_line + unmerged_lines);
  }
  FinishSummary(&summary, zero_lines, damaged, start,
                source.file_bytes().value_or(reader.bytes_read()));
  return summary;
}

}  // namespace qinglian
