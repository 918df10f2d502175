// Targets for the parsers of text: the CSV reader and the ID number, date
// and BAC cells.
#include <algorithm>
#include <sstream>
#include <vector>

#include "qinglian/base/csv_writer.h"
#include "qinglian/base/date.h"
#include "qinglian/core/bac.h"
#include "qinglian/core/idcard.h"
#include "qinglian/core/offence_vocabulary.h"
#include "qinglian/input/csv.h"
#include "targets.h"

namespace qinglian::fuzz {
namespace {

// What one pass of a CsvReader saw: where each record ends and what it holds.
struct Records {
  std::vector<size_t> ends;
  std::vector<std::vector<std::string>> fields;  // copied: reading them checks they are alive
  std::vector<bool> unterminated, partial;
};

// Reads all of `data`, checking what every record must satisfy: the reader
// moves on, row.raw is the record's bytes, line numbers count the newlines
// passed.
Status ReadAll(std::string_view data, char sep, size_t max_fields, Records* out) {
  CsvReader reader(data, sep, 1);
  CsvRow row;
  uint32_t newlines = 0;
  while (true) {
    const size_t start = reader.position();
    if (!reader.Next(&row, max_fields)) break;
    const size_t end = reader.position();
    const std::string where = "record at byte " + std::to_string(start);
    if (end <= start || end > data.size())
      return Status::Error(where + ": Next() ended at byte " + std::to_string(end));
    if (row.raw.data() != data.data() + start || row.raw.size() != end - start)
      return Status::Error(where + ": row.raw is not the record's bytes");
    if (row.line != newlines + 1)
      return Status::Error(where + ": row.line " + std::to_string(row.line) + ", expected " +
                           std::to_string(newlines + 1));
    const auto breaks = static_cast<uint32_t>(std::count(row.raw.begin(), row.raw.end(), '\n'));
    // The quoted field that spans the most line breaks lies inside the record.
    if (row.quote_line_breaks > breaks ||
        (row.quote_line_breaks > 0 &&
         (row.quote_line < row.line || row.quote_line + row.quote_line_breaks > row.line + breaks)))
      return Status::Error(where + ": a quoted field over " +
                           std::to_string(row.quote_line_breaks) + " line breaks from line " +
                           std::to_string(row.quote_line) + " in a record of lines " +
                           std::to_string(row.line) + " to " + std::to_string(row.line + breaks));
    newlines += breaks;
    if (reader.line() != newlines + 1)
      return Status::Error(where + ": reader.line() " + std::to_string(reader.line()) +
                           ", expected " + std::to_string(newlines + 1));
    if (row.fields.empty() || row.fields.size() > max_fields)
      return Status::Error(where + ": " + std::to_string(row.fields.size()) + " fields");
    out->ends.push_back(end);
    out->fields.emplace_back(row.fields.begin(), row.fields.end());
    out->unterminated.push_back(row.unterminated);
    out->partial.push_back(row.partial);
  }
  if (reader.position() != data.size())
    return Status::Error("the reader stopped at byte " + std::to_string(reader.position()) +
                         " of " + std::to_string(data.size()));
  return Status::Ok();
}

// A record written by WriteCsvRow reads back as the same fields.
Status CheckRoundTrip(const std::vector<std::string>& fields, char sep) {
  std::ostringstream written;
  WriteCsvRow(written, fields, sep);
  const std::string text = written.str();
  CsvReader reader(text, sep);
  CsvRow row;
  if (!reader.Next(&row) || row.unterminated ||
      !std::equal(row.fields.begin(), row.fields.end(), fields.begin(), fields.end()) ||
      reader.Next(&row))
    return Status::Error("WriteCsvRow output does not read back as the same fields");
  return Status::Ok();
}

Status CheckCsv(std::string_view data, char sep, size_t max_fields) {
  const std::string what = std::string("separator ") + (sep == '\t' ? "tab" : std::string(1, sep));
  Records full;
  if (Status s = ReadAll(data, sep, SIZE_MAX, &full); !s.ok()) return s.WithContext(what);

  // CompleteRecordsLength ends where the last record that ends in a newline does.
  size_t want = 0;
  for (size_t i = 0; i < full.ends.size(); ++i)
    if (!full.unterminated[i] && data[full.ends[i] - 1] == '\n') want = full.ends[i];
  const size_t got = CompleteRecordsLength(data, sep);
  if (got != want)
    return Status::Error(what + ": CompleteRecordsLength is " + std::to_string(got) +
                         ", the reader's last complete record ends at " + std::to_string(want));

  for (size_t i = 0; i < full.fields.size(); ++i) {
    if (full.unterminated[i]) continue;
    if (Status s = CheckRoundTrip(full.fields[i], sep); !s.ok())
      return s.WithContext(what + ": record " + std::to_string(i + 1));
  }

  // Splitting only the first fields finds the same records and the same fields.
  Records some;
  if (Status s = ReadAll(data, sep, max_fields, &some); !s.ok())
    return s.WithContext(what + ", max_fields " + std::to_string(max_fields));
  if (some.ends != full.ends)
    return Status::Error(what + ": with max_fields " + std::to_string(max_fields) +
                         " the records end elsewhere");
  for (size_t i = 0; i < full.fields.size(); ++i) {
    const std::vector<std::string>& all = full.fields[i];
    const size_t kept = std::min(all.size(), max_fields);
    if (!std::equal(all.begin(), all.begin() + kept, some.fields[i].begin(),
                    some.fields[i].end()) ||
        some.partial[i] != (all.size() > max_fields) ||
        some.unterminated[i] != full.unterminated[i])
      return Status::Error(what + ": record " + std::to_string(i + 1) +
                           " differs with max_fields " + std::to_string(max_fields));
  }
  return Status::Ok();
}

}  // namespace

Status FuzzCsv(std::string_view data) {
  const Flags flags(data);
  const size_t max_fields = 1 + flags.bits % 4;
  const char sniffed = SniffDelimiter(flags.rest.substr(0, flags.rest.find('\n')));
  if (sniffed != ',' && sniffed != ';' && sniffed != '\t')
    return Status::Error("SniffDelimiter returned a byte that is no separator");
  for (char sep : {',', ';', '\t'})
    if (Status s = CheckCsv(flags.rest, sep, max_fields); !s.ok()) return s;
  return Status::Ok();
}

Status FuzzIdNumber(std::string_view data) {
  const Date today = FuzzToday();
  (void)MaskIdNumber(data);  // any text, not only ID numbers, may be masked
  const IdParse p = ParseIdNumber(data, today);
  if (!p.ok()) {
    if (p.detail.empty()) return Status::Error("a rejected ID number comes without a reason");
    return Status::Ok();
  }
  const std::string s = p.id.str();
  for (size_t i = 0; i < 18; ++i)
    if (!(s[i] >= '0' && s[i] <= '9') && !(i == 17 && s[i] == 'X'))
      return Status::Error("canonical form " + s + " has a bad character");
  if (IdCheckCharacter(s.substr(0, 17)) != s[17])
    return Status::Error("canonical form " + s + " has the wrong check character");
  if (IdKeyToString(p.id.key) != s)
    return Status::Error("key of " + s + " turns back into " + IdKeyToString(p.id.key));
  if (!p.id.birth.valid() || p.id.birth > today || p.id.birth.Compact() != s.substr(6, 8))
    return Status::Error("birth date " + p.id.birth.Iso() + " does not match " + s);
  const IdParse again = ParseIdNumber(s, today);
  if (!again.ok() || again.id.str() != s || again.id.key != p.id.key || again.cleanup != 0 ||
      again.id.birth != p.id.birth)
    return Status::Error("canonical form " + s + " does not re-parse to itself");
  if (MaskIdNumber(s) != s.substr(0, 6) + "********" + s.substr(14))
    return Status::Error("mask of " + s + " is " + MaskIdNumber(s));
  return Status::Ok();
}

Status FuzzDate(std::string_view data) {
  const Result<Date> d = ParseDate(data);
  if (!d.ok()) {
    if (d.error().empty()) return Status::Error("a rejected date comes without a reason");
    return Status::Ok();
  }
  if (!d->valid()) return Status::Error("ParseDate succeeded with no date");
  const std::string iso = d->Iso();
  const Result<Date> again = ParseDate(iso);
  if (!again.ok() || *again != *d)
    return Status::Error("date " + iso + " does not re-parse to itself" +
                         (again.ok() ? " (" + again->Iso() + ")" : ": " + again.error()));
  if (Date::FromYmd(d->year(), d->month(), d->day()) != *d)
    return Status::Error("date " + iso + " is not its year, month and day");
  return Status::Ok();
}

Status FuzzBac(std::string_view data) {
  const Result<BacTenths> bac = ParseBac(data);
  // Whatever the BAC, the vocabulary classifies any label and resolves any
  // text to types it has.
  const OffenceVocabulary& vocabulary = BuiltInCatalog().vocabulary;
  const size_t types = vocabulary.types().size();
  const Classification c = vocabulary.Classify(data, bac.ok() ? *bac : kNoBac);
  if (c.kind == Classification::kType && c.type >= types)
    return Status::Error("Classify gives type " + std::to_string(c.type) + " of " +
                         std::to_string(types));
  for (uint16_t t : vocabulary.Resolve(data))
    if (t >= types)
      return Status::Error("Resolve gives type " + std::to_string(t) + " of " +
                           std::to_string(types));
  if (!bac.ok()) return Status::Ok();
  if (*bac == kNoBac) return Status::Ok();
  if (*bac < 0 || *bac >= 10000)
    return Status::Error("BAC " + std::to_string(*bac) + " tenths is out of range");
  const std::string text = FormatBac(*bac);
  const Result<BacTenths> again = ParseBac(text);
  if (!again.ok() || *again != *bac)
    return Status::Error("BAC " + text + " does not re-parse to itself");
  // Without a label the BAC decides: the type whose range holds it, or
  // below every range.
  const Classification by_bac = vocabulary.Classify("", *bac);
  bool in_a_range = false, below_all = true;
  for (const OffenceTypeInfo& info : vocabulary.types()) {
    if (info.bac_from == kNoBac) continue;
    in_a_range = in_a_range ||
                 (*bac >= info.bac_from && (info.bac_below == kNoBac || *bac < info.bac_below));
    below_all = below_all && *bac < info.bac_from;
  }
  const bool consistent =
      by_bac.kind == Classification::kType
          ? by_bac.type < types && *bac >= vocabulary.types()[by_bac.type].bac_from &&
                vocabulary.types()[by_bac.type].bac_from != kNoBac &&
                (vocabulary.types()[by_bac.type].bac_below == kNoBac ||
                 *bac < vocabulary.types()[by_bac.type].bac_below)
          : by_bac.kind == Classification::kBelowBac && !in_a_range && below_all;
  if (!consistent)
    return Status::Error("BAC " + text + " without a label is classified as kind " +
                         std::to_string(by_bac.kind));
  return Status::Ok();
}

}  // namespace qinglian::fuzz
