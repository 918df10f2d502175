#include "qinglian/input/csv.h"

#include <cstring>

namespace qinglian {
size_t FindClosingQuote(std::string_view data, size_t pos, uint32_t* newlines) {
  while (pos < data.size()) {
    const char* q =
        static_cast<const char*>(std::memchr(data.data() + pos, '"', data.size() - pos));
    const size_t end = q ? static_cast<size_t>(q - data.data()) : data.size();
    if (newlines)
      for (size_t i = pos; i < end; ++i) *newlines += data[i] == '\n';
    if (!q) return std::string_view::npos;
    if (end + 1 < data.size() && data[end + 1] == '"') {
      pos = end + 2;  // a doubled quote stands for one quote
      continue;
    }
    return end;
  }
  return std::string_view::npos;
}

// Tests eight bytes at a time for either (the "has zero byte" bit trick).
size_t FindFieldEnd(std::string_view data, size_t pos, char sep) {
  constexpr uint64_t kOnes = 0x0101010101010101ull, kHighs = 0x8080808080808080ull;
  const uint64_t seps = kOnes * static_cast<unsigned char>(sep), newlines = kOnes * '\n';
  const char* p = data.data();
  while (pos + 8 <= data.size()) {
    uint64_t w;
    std::memcpy(&w, p + pos, 8);
    const uint64_t a = w ^ seps, b = w ^ newlines;
    if (((a - kOnes) & ~a & kHighs) | ((b - kOnes) & ~b & kHighs)) break;
    pos += 8;
  }
  while (pos < data.size() && p[pos] != sep && p[pos] != '\n') ++pos;
  return pos;
}

CsvReader::CsvReader(std::string_view data, char delimiter, uint32_t first_line)
    : data_(data), line_(first_line), sep_(delimiter) {}

std::string_view CsvReader::ReadQuoted(CsvRow* row, bool* in_scratch) {
  // pos_ is just past the opening quote.
  const size_t start = pos_;
  uint32_t newlines = 0;
  const size_t close = FindClosingQuote(data_, start, &newlines);
  if (newlines > row->quote_line_breaks) {
    row->quote_line = line_;
    row->quote_line_breaks = newlines;
  }
  line_ += newlines;
  if (close == std::string_view::npos) {
    row->unterminated = true;
    pos_ = data_.size();
    return data_.substr(start);
  }
  std::string_view inner = data_.substr(start, close - start);
  pos_ = close + 1;
  if (inner.find('"') == std::string_view::npos) return inner;
  for (size_t i = 0; i < inner.size(); ++i) {
    scratch_.push_back(inner[i]);
    if (inner[i] == '"') ++i;  // skip the second quote of a pair
  }
  *in_scratch = true;
  return {};
}

bool CsvReader::Next(CsvRow* row, size_t max_fields) {
  if (pos_ >= data_.size()) return false;
  row->fields.clear();
  row->unterminated = false;
  row->partial = false;
  row->quote_line = row->quote_line_breaks = 0;
  row->line = line_;
  scratch_.clear();
  scratch_fields_.clear();
  const size_t record_start = pos_;
  const auto done = [&] {
    for (const ScratchField& f : scratch_fields_)
      row->fields[f.index] = std::string_view(scratch_).substr(f.offset, f.size);
    row->raw = data_.substr(record_start, pos_ - record_start);
    return true;
  };
  while (true) {
    std::string_view field;
    if (pos_ < data_.size() && data_[pos_] == '"') {
      ++pos_;
      const size_t from = scratch_.size();
      bool in_scratch = false;
      field = ReadQuoted(row, &in_scratch);
      // Anything between the closing quote and the separator is kept as text.
      const size_t rest = pos_;
      while (pos_ < data_.size() && data_[pos_] != sep_ && data_[pos_] != '\n') ++pos_;
      std::string_view tail = data_.substr(rest, pos_ - rest);
      if (!tail.empty() && tail.back() == '\r') tail.remove_suffix(1);
      if (!tail.empty()) {
        if (!in_scratch) scratch_.append(field);
        scratch_.append(tail);
        in_scratch = true;
      }
      if (in_scratch && row->fields.size() < max_fields)
        scratch_fields_.push_back({row->fields.size(), from, scratch_.size() - from});
    } else {
      const size_t start = pos_;
      pos_ = FindFieldEnd(data_, pos_, sep_);
      field = data_.substr(start, pos_ - start);
      if (pos_ >= data_.size() || data_[pos_] == '\n')
        if (!field.empty() && field.back() == '\r') field.remove_suffix(1);
    }
    if (row->fields.size() < max_fields) row->fields.push_back(field);
    if (pos_ >= data_.size()) return done();
    if (data_[pos_] == '\n') {
      ++pos_;
      ++line_;
      return done();
    }
    ++pos_;  // the separator
    if (row->fields.size() >= max_fields) {
      row->partial = true;
      if (SkipPlainRest()) return done();
      continue;  // quotes ahead: parse on, keeping nothing, to find the record's end
    }
    if (pos_ >= data_.size()) {
      row->fields.emplace_back();  // "a,b," ends with an empty field
      return done();
    }
  }
}

bool CsvReader::SkipPlainRest() {
  const char* base = data_.data();
  const char* nl = static_cast<const char*>(std::memchr(base + pos_, '\n', data_.size() - pos_));
  const size_t end = nl ? static_cast<size_t>(nl - base) : data_.size();
  if (std::memchr(base + pos_, '"', end - pos_)) return false;
  pos_ = nl ? end + 1 : end;
  if (nl) ++line_;
  return true;
}

void RecordEnds::Scan(std::string_view data) {
  // Jump from quote to quote: between two quotes the state cannot change, so
  // the last newline of each quote-free stretch is a record end.
  const char* base = data.data();
  const auto last_newline = [&](size_t from, size_t to) {
    if (const void* nl = memrchr(base + from, '\n', to - from))
      end_ = static_cast<size_t>(static_cast<const char*>(nl) - base) + 1;
  };
  while (pos_ < data.size()) {
    const void* q = std::memchr(base + pos_, '"', data.size() - pos_);
    if (!q) {
      last_newline(pos_, data.size());
      pos_ = data.size();
      return;
    }
    const size_t quote = static_cast<size_t>(static_cast<const char*>(q) - base);
    if (first_quote_ == std::string_view::npos) first_quote_ = quote;
    last_newline(pos_, quote);
    // A quote opens a quoted field only at the start of a field.
    const bool field_start = quote == 0 || data[quote - 1] == sep_ || data[quote - 1] == '\n';
    if (!field_start) {
      pos_ = quote + 1;
      continue;
    }
    // A field that goes on past the data, or whose last quote is the data's
    // last byte (the first of a doubled quote, perhaps), is taken up again
    // from its opening quote once there is more, its closing quote looked
    // for from where the search stopped: a long field is searched once.
    const size_t from = quote == open_quote_ ? resume_ : quote + 1;
    const size_t close = FindClosingQuote(data, from);  // lines are the reader's to count
    if (close == std::string_view::npos || close + 1 == data.size()) {
      pos_ = open_quote_ = quote;
      resume_ = close == std::string_view::npos ? data.size() : close;
      return;
    }
    open_quote_ = std::string_view::npos;
    pos_ = close + 1;
  }
}

size_t CompleteRecordsLength(std::string_view data, char delimiter, size_t* first_quote) {
  RecordEnds ends(delimiter);
  ends.Scan(data);
  if (first_quote) *first_quote = ends.first_quote();
  return ends.end();
}

char SniffDelimiter(std::string_view header_line) {
  size_t comma = 0, semicolon = 0, tab = 0;
  bool quoted = false;
  for (char c : header_line) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    comma += c == ',';
    semicolon += c == ';';
    tab += c == '\t';
  }
  if (tab > comma && tab >= semicolon) return '\t';
  if (semicolon > comma) return ';';
  return ',';
}

}  // namespace qinglian
