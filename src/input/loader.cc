// Loading runs in three stages. The calling thread reads chunks of whole
// records (ChunkReader). Workers, one per core, decode and parse a chunk each
// into records and rejects. The calling thread merges the results in file
// order: it numbers nothing twice, de-duplicates, interns strings, and hands
// the rejects on in line order.
#include "qinglian/input/loader.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <deque>
#include <exception>
#include <future>
#include <thread>

#include "base/flat_key_set.h"
#include "qinglian/base/csv_writer.h"
#include "qinglian/base/text.h"
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
template <typename Record>
struct ChunkOutput {
  std::vector<Record> records;
  std::vector<Reject> rejects;  // in line order
  uint64_t rows = 0, blank = 0, not_employees = 0, cleaned = 0, damaged = 0;
  std::vector<uint32_t> zero_lines;  // accepted IDs ending in 000
  // runaway_quote rejects, whose detail names lines: it is written at the
  // merge, when the chunk's first line is known.
  struct RunawayQuote {
    size_t reject;
    uint32_t line, line_breaks;
  };
  std::vector<RunawayQuote> runaways;
  uint32_t newlines = 0;  // lines are counted from 1 within the chunk
  StringPool strings;     // the chunk's own (employees)
};

// The parts of a chunk's work that do not depend on the record kind.
template <typename Record>
class RowContext {
 public:
  RowContext(const std::string& file, const ColumnMap& columns, Date today, Date as_of,
             Encoding encoding)
      : file_(file), columns_(columns), today_(today), as_of_(as_of), encoding_(encoding) {}

  ChunkOutput<Record>& out() { return out_; }
  const ColumnMap& columns() const { return columns_; }

  std::string_view Cell(const CsvRow& row, Field f) const {
    const int c = columns_.column(f);
    return c >= 0 && static_cast<size_t>(c) < row.fields.size() ? row.fields[static_cast<size_t>(c)]
                                                                : std::string_view();
  }

  void AddReject(uint32_t line, Field f, RejectReason reason, std::string detail,
                 std::string_view value) {
    const bool id = f == Field::kIdNumber;
    out_.rejects.push_back({file_, line, columns_.header(f), reason, std::move(detail),
                            id ? MaskIdNumber(CleanField(value)) : std::string(value)});
  }
  void AddRowReject(uint32_t line, RejectReason reason, std::string detail) {
    out_.rejects.push_back({file_, line, "", reason, std::move(detail), ""});
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

  IdParse ParseId(const CsvRow& row) const {
    return ParseIdNumber(Cell(row, Field::kIdNumber), today_);
  }

  // Counts what a usable ID number needed, or rejects the row for an unusable one.
  bool NoteId(const CsvRow& row, const IdParse& id) {
    if (!id.ok()) {
      if (id.problem == IdProblem::kSpreadsheetDamage) ++out_.damaged;
      AddReject(row.line, Field::kIdNumber, RejectReasonOf(id.problem), id.detail,
                Cell(row, Field::kIdNumber));
      return false;
    }
    if (id.cleanup) ++out_.cleaned;
    if (std::string_view(id.id.digits + 15, 3) == "000") out_.zero_lines.push_back(row.line);
    return true;
  }

  // Parses the row's ID number; on failure records the reject.
  bool TakeId(const CsvRow& row, IdKey* key, Date* birth) {
    const IdParse id = ParseId(row);
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
  bool TakeDate(const CsvRow& row, Field f, bool required, Date birth, Date* date,
                bool may_be_ahead = false) {
    const std::string_view raw = Cell(row, f);
    if (Trim(raw).empty()) {
      if (!required) return true;
      AddReject(row.line, f, RejectReason::kMissingDate, std::string("no ") + FieldName(f), raw);
      return false;
    }
    Result<Date> d = ParseDate(raw);
    if (!d.ok()) {
      AddReject(row.line, f, RejectReason::kBadDate, d.error(), raw);
      return false;
    }
    const Date bound = std::max(today_, as_of_);
    const bool future = !may_be_ahead && bound.valid() && *d > bound;
    if (*d < birth || future) {
      std::string what = FieldName(f);  // "hire_date" -> "hire date"
      std::replace(what.begin(), what.end(), '_', ' ');
      what += " " + d->Iso();
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

 private:
  const std::string& file_;
  const ColumnMap& columns_;
  Date today_;
  Date as_of_;
  Encoding encoding_;
  ChunkOutput<Record> out_;
};

// Calls handle(row) for every record of the chunk, numbering lines from 1
// within it (the merge adds the chunk's first line). UTF-8 is handed on as it
// is: the handler checks the rows it needs (CheckUtf8). GB18030 is decoded a
// chunk at a time; when that fails, row by row, and each row that does not
// decode becomes a bad_encoding reject, so mojibake never passes.
template <typename Record, typename Handle>
void ForEachRow(const Chunk& chunk, Encoding encoding, char sep, size_t max_fields,
                RowContext<Record>& ctx, Handle&& handle) {
  CsvRow row;
  const auto split = [&](std::string_view text) {
    CsvReader reader(text, sep, 1);
    while (reader.Next(&row, max_fields)) handle(row);
    ctx.out().newlines = reader.line() - 1;
  };
  if (encoding != Encoding::kGb18030) return split(chunk.data);
  Transcoder decoder("UTF-8", "GB18030");
  std::string decoded;
  if (decoder.Convert(chunk.data, &decoded)) return split(decoded);
  CsvReader reader(chunk.data, sep, 1);
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
          std::async(std::launch::async, [&parse, c = std::move(chunk)] { return parse(c); }));
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

unsigned ThreadCount(unsigned requested) {
  if (requested) return requested;
  return std::max(1u, std::thread::hardware_concurrency());
}

// Opens a source, reads its header and maps its columns.
struct OpenedFile {
  std::unique_ptr<ChunkReader> reader;
  ColumnMap columns;
};

Result<OpenedFile> Open(ByteSource& source, RecordKind kind, const LoadOptions& options) {
  auto reader = std::make_unique<ChunkReader>(&source, options.encoding, options.chunk_bytes);
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

FileSummary StartSummary(const ByteSource& source, RecordKind kind, const ChunkReader& reader) {
  FileSummary s;
  s.file = source.name();
  s.format = source.format();
  s.kind = kind;
  s.encoding = reader.encoding();
  s.delimiter = reader.delimiter();
  s.headers = reader.header();
  s.cr_line_ends = reader.cr_line_ends();
  s.better_encoding = reader.better_encoding();
  return s;
}

// Adds a chunk's counters and rejects to the file's summary.
template <typename Record>
void MergeCounts(ChunkOutput<Record>& out, uint32_t first_line, FileSummary* s,
                 std::vector<uint32_t>* zero_lines, uint64_t* damaged, const RejectSink& rejects) {
  const uint32_t shift = first_line - 1;
  for (Reject& r : out.rejects) r.line += shift;
  for (const auto& q : out.runaways)
    out.rejects[q.reject].detail = fmt::format(
        "a quoted field opened on line {} runs over {} lines to line {}; is a closing quote "
        "missing?",
        q.line + shift, q.line_breaks, q.line + shift + q.line_breaks);
  for (uint32_t& line : out.zero_lines) line += shift;
  s->rows += out.rows;
  s->blank_lines += out.blank;
  s->not_employees += out.not_employees;
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

// Units, departments, positions and categories repeat from row to row: a
// chunk interns them in its own pool, and the merge maps its ids to the table's.
struct EmployeeRow {
  IdKey key = 0;
  std::string name;
  uint32_t unit = 0, department = 0, position = 0, category = 0;  // ids in the chunk's pool
  Date hire, leave;
  uint32_t line = 0;
};

void ParseEmployee(const CsvRow& row, RowContext<EmployeeRow>& ctx) {
  if (!ctx.CheckShape(row) || !ctx.CheckUtf8(row)) return;
  EmployeeRow e;
  e.line = row.line;
  Date birth;
  if (!ctx.TakeId(row, &e.key, &birth)) return;
  e.name = CleanField(ctx.Cell(row, Field::kName));
  if (e.name.empty())
    return ctx.AddReject(row.line, Field::kName, RejectReason::kMissingName, "no name", "");
  std::string storage;
  const auto intern = [&](Field f) {
    return ctx.out().strings.Intern(CleanField(ctx.Cell(row, f), &storage));
  };
  e.unit = intern(Field::kUnit);
  if (e.unit == 0)
    return ctx.AddReject(row.line, Field::kUnit, RejectReason::kMissingUnit, "no unit", "");
  if (!ctx.TakeDate(row, Field::kHireDate, true, birth, &e.hire)) return;
  if (!ctx.TakeDate(row, Field::kLeaveDate, false, birth, &e.leave, /*may_be_ahead=*/true)) return;
  if (e.leave.valid() && e.leave < e.hire)
    return ctx.AddReject(row.line, Field::kLeaveDate, RejectReason::kDateOrder,
                         "leave date " + e.leave.Iso() + " is before hire date " + e.hire.Iso(),
                         ctx.Cell(row, Field::kLeaveDate));
  e.department = intern(Field::kDepartment);
  e.position = intern(Field::kPosition);
  e.category = intern(Field::kCategory);
  ctx.out().records.push_back(std::move(e));
}

struct OffenceRow {
  Offence offence;
};

void ParseOffence(const CsvRow& row, RowContext<OffenceRow>& ctx,
                  const std::function<bool(IdKey)>& wanted, char sep, CsvRow* whole) {
  if (row.partial) {
    // Only the fields up to the ID number's were split: enough to tell
    // whether the row is an employee's. Most are not, and end here.
    const IdParse id = ctx.ParseId(row);
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
    return ParseOffence(*whole, ctx, wanted, sep, whole);
  }
  if (!ctx.CheckShape(row)) return;
  Offence o;
  o.source.line = row.line;
  Date birth;
  if (!ctx.TakeId(row, &o.key, &birth)) return;
  // Only an employee's offence is worth the rest of the parsing.
  if (wanted && !wanted(o.key)) {
    ++ctx.out().not_employees;
    return;
  }
  if (!ctx.CheckUtf8(row)) return;
  const Result<BacTenths> bac = ParseBac(ctx.Cell(row, Field::kBac));
  if (!bac.ok())
    return ctx.AddReject(row.line, Field::kBac, RejectReason::kBadBac, bac.error(),
                         ctx.Cell(row, Field::kBac));
  o.bac = *bac;
  // Free text keeps its own punctuation (a full-width comma stays one).
  o.label = std::string(Trim(ctx.Cell(row, Field::kOffence)));
  const Result<OffenceType> type = ClassifyOffence(o.label, o.bac);
  if (!type.ok()) {
    const bool low = o.bac >= 0 && o.bac < 200;
    const Field f = low ? Field::kBac : Field::kOffence;
    return ctx.AddReject(row.line, f, low ? RejectReason::kBelowBac : RejectReason::kUnknownOffence,
                         type.error(), ctx.Cell(row, f));
  }
  o.type = *type;
  if (!ctx.TakeDate(row, Field::kOffenceDate, true, birth, &o.date)) return;
  o.name = CleanField(ctx.Cell(row, Field::kName));
  o.place = std::string(Trim(ctx.Cell(row, Field::kPlace)));
  o.penalty = std::string(Trim(ctx.Cell(row, Field::kPenalty)));
  o.case_no = CleanField(ctx.Cell(row, Field::kCaseNo));
  o.authority = std::string(Trim(ctx.Cell(row, Field::kAuthority)));
  ctx.out().records.push_back({std::move(o)});
}

uint64_t HashOf(std::string_view s) { return std::hash<std::string_view>{}(s); }

// A 64-bit fingerprint of (person, unit, hire date) for spotting a record
// given twice; two different records share one about once in 10^12 runs.
uint64_t Mix(uint64_t h) {
  h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9ull;
  h = (h ^ (h >> 27)) * 0x94D049BB133111EBull;
  return h ^ (h >> 31);
}
uint64_t RecordIdentity(IdKey key, uint32_t unit, Date hire) {
  return Mix(key) ^ Mix((uint64_t{unit} << 32) | static_cast<uint32_t>(hire.days()));
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

std::string FormatSummary(const FileSummary& s) {
  const char* sep = s.delimiter == '\t' ? "tab" : s.delimiter == ';' ? "';'" : "','";
  const std::string read_as = s.format == "xlsx"
                                  ? std::string("xlsx workbook, first sheet")
                                  : fmt::format("{}, {} separated{}", EncodingName(s.encoding), sep,
                                                s.cr_line_ends ? ", CR line ends" : "");
  std::string out =
      fmt::format("{} ({}): {}, {} bytes\n", s.file, RecordKindName(s.kind), read_as, s.bytes);
  if (const std::string w = EncodingWarning(s); !w.empty()) out += "  warning: " + w + "\n";
  const auto line = [&](std::string_view label, uint64_t n) {
    out += fmt::format("  {:<22}{:>10}\n", label, n);
  };
  line("rows read", s.rows);
  line("accepted", s.accepted);
  line("rejected", s.rejected);
  for (const auto& [reason, n] : s.rejects_by_reason)
    out += fmt::format("    {:<20}{:>10}\n", Code(reason), n);
  line("duplicates", s.duplicates);
  if (s.kind == RecordKind::kOffences && s.not_employees) line("not employees", s.not_employees);
  if (s.blank_lines) line("blank lines skipped", s.blank_lines);
  if (s.cleaned_ids) line("ID numbers cleaned", s.cleaned_ids);
  if (s.suspect_ids) {
    out +=
        fmt::format("  suspect ID numbers: {} end in 000 in a file with spreadsheet damage (line",
                    s.suspect_ids);
    out += s.suspect_lines.size() > 1 ? "s " : " ";
    for (size_t i = 0; i < s.suspect_lines.size(); ++i)
      out += (i ? ", " : "") + std::to_string(s.suspect_lines[i]);
    out += s.suspect_ids > s.suspect_lines.size() ? ", ...)\n" : ")\n";
  }
  return out;
}

struct EmployeeLoader::Seen {
  FlatKeySet records;  // (person, unit, hire date)
};

EmployeeLoader::EmployeeLoader(LoadOptions options)
    : options_(std::move(options)), seen_(std::make_unique<Seen>()) {}
EmployeeLoader::~EmployeeLoader() = default;

Result<FileSummary> EmployeeLoader::Load(ByteSource& source, const RejectSink& rejects) {
  const auto start = std::chrono::steady_clock::now();
  Result<OpenedFile> opened = Open(source, RecordKind::kEmployees, options_);
  if (!opened.ok()) return opened.status();
  ChunkReader& reader = *opened->reader;
  const ColumnMap& columns = opened->columns;
  FileSummary summary = StartSummary(source, RecordKind::kEmployees, reader);
  const auto file_index = static_cast<uint16_t>(table_.files.size());
  std::vector<uint32_t> zero_lines;
  uint64_t damaged = 0;
  const size_t records_before = table_.records.size();

  using Output = ChunkOutput<EmployeeRow>;
  const auto parse = [&](const Chunk& chunk) {
    RowContext<EmployeeRow> ctx(summary.file, columns, options_.today, options_.as_of,
                                reader.encoding());
    ForEachRow(chunk, reader.encoding(), reader.delimiter(), SIZE_MAX, ctx,
               [&](const CsvRow& row) { ParseEmployee(row, ctx); });
    return std::move(ctx.out());
  };
  uint32_t next_line = reader.first_data_line();
  const auto merge = [&](Output out) {
    MergeCounts(out, next_line, &summary, &zero_lines, &damaged, rejects);
    std::vector<uint32_t> ids(out.strings.size());
    for (uint32_t i = 0; i < ids.size(); ++i) ids[i] = table_.strings.Intern(out.strings.Get(i));
    for (EmployeeRow& r : out.records) {
      r.line += next_line - 1;
      const uint32_t unit = ids[r.unit];
      if (!seen_->records.Insert(RecordIdentity(r.key, unit, r.hire))) {
        ++summary.duplicates;
        continue;
      }
      Employee e;
      e.key = r.key;
      e.name = std::move(r.name);
      e.unit = unit;
      e.department = ids[r.department];
      e.position = ids[r.position];
      e.category = ids[r.category];
      e.hire = r.hire;
      e.leave = r.leave;
      e.source = {file_index, r.line};
      table_.records.push_back(std::move(e));
    }
    next_line += out.newlines;
  };
  uint32_t unmerged_lines = 0;
  const Status s =
      ProcessChunks<Output>(reader, ThreadCount(options_.threads), parse, merge, &unmerged_lines);
  if (!s.ok()) {
    table_.records.resize(records_before);  // a file is added whole or not at all
    return ReadError(s, reader, summary.file, next_line + unmerged_lines);
  }
  table_.files.push_back(summary.file);
  summary.accepted = table_.records.size() - records_before;
  FinishSummary(&summary, zero_lines, damaged, start,
                source.file_bytes().value_or(reader.bytes_read()));
  return summary;
}

struct OffenceLoader::Seen {
  // (case number, person) as 64-bit hashes: a false "duplicate" needs a 1 in
  // 10^12 collision.
  FlatKeySet cases;
};

OffenceLoader::OffenceLoader(LoadOptions options, std::function<bool(IdKey)> wanted, bool keep)
    : options_(std::move(options)),
      wanted_(std::move(wanted)),
      keep_(keep),
      seen_(std::make_unique<Seen>()) {}
OffenceLoader::~OffenceLoader() = default;

Result<FileSummary> OffenceLoader::Load(ByteSource& source, const RejectSink& rejects) {
  const auto start = std::chrono::steady_clock::now();
  Result<OpenedFile> opened = Open(source, RecordKind::kOffences, options_);
  if (!opened.ok()) return opened.status();
  ChunkReader& reader = *opened->reader;
  const ColumnMap& columns = opened->columns;
  FileSummary summary = StartSummary(source, RecordKind::kOffences, reader);
  const auto file_index = static_cast<uint16_t>(files_.size());
  std::vector<uint32_t> zero_lines;
  uint64_t damaged = 0;
  const size_t records_before = offences_.size();

  using Output = ChunkOutput<OffenceRow>;
  const auto parse = [&](const Chunk& chunk) {
    RowContext<OffenceRow> ctx(summary.file, columns, options_.today, options_.as_of,
                               reader.encoding());
    // With a filter, a row is split only as far as its ID number at first.
    const size_t max_fields =
        wanted_ ? static_cast<size_t>(columns.column(Field::kIdNumber)) + 1 : SIZE_MAX;
    CsvRow whole;
    ForEachRow(
        chunk, reader.encoding(), reader.delimiter(), max_fields, ctx,
        [&](const CsvRow& row) { ParseOffence(row, ctx, wanted_, reader.delimiter(), &whole); });
    return std::move(ctx.out());
  };
  uint32_t next_line = reader.first_data_line();
  const auto merge = [&](Output out) {
    MergeCounts(out, next_line, &summary, &zero_lines, &damaged, rejects);
    for (OffenceRow& r : out.records) {
      Offence& o = r.offence;
      o.source.line += next_line - 1;
      // One decision may name several persons (a gambling case): only the
      // same case number for the same person is the same offence again.
      if (!o.case_no.empty() && !seen_->cases.Insert(Mix(HashOf(o.case_no)) ^ Mix(o.key))) {
        ++summary.duplicates;
        continue;
      }
      ++summary.accepted;
      o.source.file = file_index;
      if (keep_) offences_.push_back(std::move(o));
    }
    next_line += out.newlines;
  };
  uint32_t unmerged_lines = 0;
  const Status s =
      ProcessChunks<Output>(reader, ThreadCount(options_.threads), parse, merge, &unmerged_lines);
  if (!s.ok()) {
    offences_.resize(records_before);
    return ReadError(s, reader, summary.file, next_line + unmerged_lines);
  }
  files_.push_back(summary.file);
  FinishSummary(&summary, zero_lines, damaged, start,
                source.file_bytes().value_or(reader.bytes_read()));
  return summary;
}

}  // namespace qinglian
