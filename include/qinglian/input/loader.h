// The loader: reads an export of any record kind into records, and accounts
// for every row. A row is accepted, rejected with a reason, or counted as a
// duplicate; nothing else happens to a row. During a run, a row whose valid
// ID number belongs to nobody the comparison needs is accepted without being
// read further (counted among the accepted as not_employees): `check` and
// `run` count the same rows as accepted, except that `check` also judges
// the other fields, and the duplicates, of those rows.
//
// Files are read in large chunks cut at record boundaries; the chunks are
// parsed on all cores and merged back in file order, so rejects come out in
// line order and memory stays bounded by a few chunks.
#ifndef QINGLIAN_INPUT_LOADER_H_
#define QINGLIAN_INPUT_LOADER_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "qinglian/base/csv_writer.h"
#include "qinglian/base/date.h"
#include "qinglian/base/status.h"
#include "qinglian/core/offence_vocabulary.h"
#include "qinglian/core/record_set.h"
#include "qinglian/core/vocab.h"
#include "qinglian/input/columns.h"
#include "qinglian/input/encoding.h"
#include "qinglian/input/source.h"

namespace qinglian {

// One unusable row.
struct Reject {
  std::string file;
  uint32_t line = 0;
  std::string field;  // the column's header as in the file; empty for the whole row
  RejectReason reason = RejectReason::kShortRow;
  std::string detail;      // what exactly is wrong
  std::string value;       // the cell, masked when it is an ID number
  std::string field_name;  // the kind's name for the field: "hire_date"; empty for the whole row

  // "hr.csv:17: 公民身份号码: check character should be X, found 7"
  std::string Message() const;
};
using RejectSink = std::function<void(const Reject&)>;

// What happened to one file's rows.
struct FileSummary {
  std::string file;
  std::string kind;            // the record kind's name
  std::string format = "csv";  // or "xlsx": a workbook read through its first sheet
  Encoding encoding = Encoding::kUtf8;
  char delimiter = ',';
  std::vector<std::string> headers;  // the header row, as in the file
  bool cr_line_ends = false;         // lines end in CR alone (old Mac OS)
  // The text has the marks of another encoding, which would read it.
  std::optional<Encoding> better_encoding;
  uint64_t bytes = 0;
  uint64_t rows = 0;  // data rows read (blank lines not counted)
  // Valid and not a duplicate: rows == accepted + rejected + duplicates.
  uint64_t accepted = 0;
  uint64_t rejected = 0;
  // The same record again: the same case number and person, or the same
  // person and the kind's duplicate key (employees: unit and hire date).
  uint64_t duplicates = 0;
  bool filtered = false;  // read with a filter on ID numbers (the other offices' files in a run)
  // Of the accepted, filtered out: a valid ID, but nobody the comparison
  // needs has it (so the rest of the row is not read).
  uint64_t not_employees = 0;
  // Offence labels the vocabulary does not know: offences of another kind,
  // accepted and counted, never rejects. Label as written -> rows.
  std::map<std::string, uint64_t> other_labels;
  uint64_t blank_lines = 0;
  uint64_t cleaned_ids = 0;  // ID numbers that needed clean-up (full-width, apostrophe, ...)
  uint64_t suspect_ids = 0;  // accepted IDs ending in 000 in a file with spreadsheet damage
  std::vector<uint32_t> suspect_lines;  // the first few of them
  // Rows with a date given as a month only (2008.08): read as the
  // month's first day for a start, its last for an end. Imprecise, not wrong.
  uint64_t imprecise_dates = 0;
  std::vector<uint32_t> imprecise_lines;  // the first few of them
  std::map<RejectReason, uint64_t> rejects_by_reason;
  double seconds = 0;

  double reject_rate() const {
    return rows ? static_cast<double>(rejected) / static_cast<double>(rows) : 0.0;
  }
};

struct LoadOptions {
  Encoding encoding = Encoding::kAuto;
  // Classifies the labels of kinds that have them (offences); required for them.
  const OffenceVocabulary* vocabulary = nullptr;
  std::vector<std::string> column_map;  // "HEADER=field"
  Date today = Date::Today();           // bounds birth dates in ID numbers
  Date as_of = Date::Today();           // no hire or offence date may be after both it and today
  // The most a worker thread parses at a time. A load that parses every
  // row takes chunks of at most 2 MiB: they are ten times slower per byte
  // than a filtered scan's, so smaller chunks even out the threads' last
  // ones and hold less in flight.
  size_t chunk_bytes = 8u << 20;
  // The kind's unit field: a value found here (as CleanField leaves it) is
  // replaced by the official name it maps to; an empty one (or a file with
  // no unit column, where the kind's unit is then optional) becomes
  // default_unit when that is set.
  std::map<std::string, std::string> unit_aliases;
  std::string default_unit;
  unsigned threads = 0;  // 0: one per core
  // With a `wanted` filter: told each valid ID key a few rows before wanted()
  // is asked about it, so that what the answer needs can be fetched into the
  // cache meanwhile (Roster::Prefetch).
  std::function<void(IdKey)> will_ask;
  // Keeps the rows rejected only for an ID number that a near match may
  // still find (RecordLoader::unkeyed()); they stay rejects all the same.
  bool keep_unkeyed = false;
};

// The ID number of a row kept by LoadOptions::keep_unkeyed: what was wrong
// with it, and the cell as written.
struct UnkeyedId {
  IdProblem problem = IdProblem::kNone;
  std::string raw;
};

// Loads files of one record kind into one set of records; a person may have
// several records (employees: transfers, re-hires).
class RecordLoader {
 public:
  // `wanted`, when set, says which ID keys matter: rows with a valid ID
  // number outside it are counted but not parsed further. `keep` false drops
  // accepted records after counting them (for check).
  RecordLoader(const RecordKind& kind, LoadOptions options,
               std::function<bool(IdKey)> wanted = nullptr, bool keep = true);
  ~RecordLoader();
  // Reads one file; rejected rows go to `rejects` in line order. Fails only
  // when the file cannot be used at all (unreadable, no header, a required
  // column missing); then nothing of it is added.
  Result<FileSummary> Load(ByteSource& source, const RejectSink& rejects);
  RecordSet& records() { return records_; }
  const RecordSet& records() const { return records_; }
  // With keep_unkeyed: the rows whose ID number alone was wrong (spreadsheet
  // damage, a wrong check character, an impossible birth date, an unknown
  // province), as records with key 0, and their ID numbers, in the same order.
  const RecordSet& unkeyed() const { return unkeyed_; }
  const std::vector<UnkeyedId>& unkeyed_ids() const { return unkeyed_ids_; }
  // Frees what only a later file of the kind needs: the identities of the
  // records read, which tell a record read again. Call once the last file is
  // read; a Load() after it fails.
  void FinishLoading();

 private:
  struct Seen;
  LoadOptions options_;
  std::function<bool(IdKey)> wanted_;
  bool keep_;
  RecordSet records_;
  RecordSet unkeyed_;
  std::vector<UnkeyedId> unkeyed_ids_;
  std::unique_ptr<Seen> seen_;
};

// The rejects file: CSV with a UTF-8 byte-order mark (so that Excel shows the
// Chinese headers), columns file, line, field, reason, detail, value. Field,
// detail and value are neutralised as exports are (NeutraliseFormula).
void WriteRejectsHeader(std::ostream& out);
void WriteReject(std::ostream& out, const Reject& r);

// Fails with "FILE: no data rows after the header" for a file that has none:
// an empty export must not pass for one that holds no problems.
Status RequireDataRows(const FileSummary& s);

// "the text looks like UTF-8 read as GB18030; check it, or read it with
// --encoding utf-8", or empty when the text shows no marks of another encoding.
std::string EncodingWarning(const FileSummary& s);

// A file's summary as `check` prints it, several lines ending in a newline,
// in `lang` (the reasons for rejects as codes in English, labels in Chinese).
std::string FormatSummary(const FileSummary& s, Lang lang = Lang::kEn);

}  // namespace qinglian

#endif  // QINGLIAN_INPUT_LOADER_H_
