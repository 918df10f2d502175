// CSV as RFC 4180 describes it and as spreadsheets write it: quoted fields
// with doubled quotes, separators and newlines inside quotes, CRLF or LF, no
// final newline, comma, semicolon or tab as the separator.
#ifndef QINGLIAN_INPUT_CSV_H_
#define QINGLIAN_INPUT_CSV_H_

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "qinglian/base/csv_writer.h"

namespace qinglian {

struct CsvRow {
  std::vector<std::string_view> fields;  // valid until the next call of Next()
  std::string_view raw;                  // the record's bytes as they are in the input
  uint32_t line = 0;                     // the physical line the record starts on, 1-based
  bool unterminated = false;             // a quoted field ran to the end of the input
  bool partial = false;                  // fields after the first max_fields were skipped
  // The quoted field that spans the most line breaks: the line it opens on
  // and how many it spans (0 and 0 when no quoted field holds a line break).
  uint32_t quote_line = 0;
  uint32_t quote_line_breaks = 0;
};

// Splits a buffer of whole records into rows. A quote opens a quoted field only
// at the start of a field; elsewhere it is an ordinary character, as Excel
// reads it. Does not copy unless a quoted field holds doubled quotes or text
// after its closing quote.
class CsvReader {
 public:
  CsvReader(std::string_view data, char delimiter, uint32_t first_line = 1);

  // Reads the next record into `row`; returns false at the end of the data.
  // With `max_fields`, only the first max_fields fields are split and the rest
  // of the record is skipped (row.raw still holds all of it).
  bool Next(CsvRow* row, size_t max_fields = SIZE_MAX);
  // Bytes consumed so far.
  size_t position() const { return pos_; }
  // The line the next record starts on.
  uint32_t line() const { return line_; }

 private:
  // A field whose text was rebuilt in scratch_ rather than viewed in the data.
  struct ScratchField {
    size_t index, offset, size;
  };
  // Reads the quoted field whose opening quote is just before pos_. Returns a
  // view into the data, or, when the field holds doubled quotes, appends its
  // unescaped text to scratch_ and sets *in_scratch.
  std::string_view ReadQuoted(CsvRow* row, bool* in_scratch);
  // Skips to the end of the record when no quote stands before it.
  bool SkipPlainRest();
  std::string_view data_;
  size_t pos_ = 0;
  uint32_t line_;
  char sep_;
  // Rebuilt fields of the current record. The buffer may move as it grows, so
  // their views are made only when the record is complete.
  std::string scratch_;
  std::vector<ScratchField> scratch_fields_;
};

// The end of the quoted field whose opening quote is at data[pos - 1]: the
// index of its closing quote ("" stands for one quote), or npos when the data
// ends first. With `newlines`, adds the line breaks passed to it.
size_t FindClosingQuote(std::string_view data, size_t pos, uint32_t* newlines = nullptr);

// The index of the first separator or newline at or after `pos` in `data`,
// or data.size() when there is none.
size_t FindFieldEnd(std::string_view data, size_t pos, char sep);

// Returns the length of the longest prefix of `data` (which starts at a record
// boundary) that ends right after a record's newline, outside quotes. 0 when
// there is no complete record. With `first_quote`, sets it to the index of the
// first '"' in `data`, or npos when it holds none.
size_t CompleteRecordsLength(std::string_view data, char delimiter, size_t* first_quote = nullptr);

// CompleteRecordsLength of data read a piece at a time: each call of Scan
// looks at what was added since the last one, while it is still in the
// cache, and end() and first_quote() are then CompleteRecordsLength's for all
// the data so far.
class RecordEnds {
 public:
  explicit RecordEnds(char delimiter) : sep_(delimiter) {}
  // `data` is the data of the last call (if any) with more after it.
  void Scan(std::string_view data);
  size_t end() const { return end_; }
  size_t first_quote() const { return first_quote_; }

 private:
  char sep_;
  size_t pos_ = 0;  // where to look on, outside any quoted field
  size_t end_ = 0;
  // The quoted field still open at the end of the data, if any, and where
  // to look on for its closing quote.
  size_t open_quote_ = std::string_view::npos, resume_ = 0;
  size_t first_quote_ = std::string_view::npos;
};

// Guesses the separator from a header line: the most frequent of , ; and tab
// outside quotes; a comma when none occurs.
char SniffDelimiter(std::string_view header_line);

}  // namespace qinglian

#endif  // QINGLIAN_INPUT_CSV_H_
