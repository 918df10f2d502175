// Records of one kind in memory, as the loaders make them and the comparison
// reads them: per record its person (the ID key), its time (a period, or an
// event's day), its offence type where the kind's labels are classified, the
// file and line it came from, and one value per field of its kind. Text
// repeats across records (units, labels, names) and is kept once.
#ifndef QINGLIAN_CORE_RECORD_SET_H_
#define QINGLIAN_CORE_RECORD_SET_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "qinglian/base/date.h"
#include "qinglian/core/idcard.h"
#include "qinglian/core/record_kind.h"

namespace qinglian {

// Gives each distinct string a small id; id 0 is the empty string. The
// loaders intern every text cell of a file (a million names, a few hundred
// units), so the strings live back to back in blocks that never move, and an
// open-addressing table of (hash, id) finds them: no allocation per string.
class StringPool {
 public:
  StringPool();
  StringPool(const StringPool&) = delete;  // views_ point into blocks_
  StringPool& operator=(const StringPool&) = delete;
  StringPool(StringPool&&) = default;
  StringPool& operator=(StringPool&&) = default;

  uint32_t Intern(std::string_view s);
  // Interns every string of `other`, in order; returns their ids here,
  // indexed by their ids there.
  std::vector<uint32_t> InternAll(const StringPool& other);
  // Makes room for `n` strings in all, so that the table does not grow (and
  // move every string's slot) again before it holds them.
  void Reserve(size_t n);
  // The text of `id`; the view stays valid as long as the pool.
  std::string_view Get(uint32_t id) const { return views_[id]; }
  size_t size() const { return views_.size(); }
  // About how much memory the pool takes (benchmarks).
  size_t heap_bytes() const;

 private:
  struct Slot {
    uint32_t hash = 0;
    uint32_t id = kEmpty;
  };
  static constexpr uint32_t kEmpty = UINT32_MAX;

  size_t Home(uint32_t hash) const {
    return static_cast<size_t>((hash * 0x9E3779B97F4A7C15ull) >> shift_);
  }
  uint32_t Intern(std::string_view s, uint32_t hash);
  std::string_view Store(std::string_view s);
  void Grow();
  void Rehash(size_t slots);  // a power of two

  std::vector<std::unique_ptr<char[]>> blocks_;
  size_t block_used_ = 0, block_size_ = 0;
  std::vector<std::string_view> views_;  // by id
  std::vector<Slot> slots_;              // a power of two, at most half full
  unsigned shift_ = 64;
};

// Where a record came from: the input file's index and the physical line.
struct SourceRef {
  uint16_t file = 0;
  uint32_t line = 0;
};

// A record's type where its kind classifies labels: an index into the
// offence vocabulary's types, or none.
constexpr uint16_t kNoType = 0xFFFF;
// The label names an offence the vocabulary does not know.
constexpr uint16_t kOtherType = 0xFFFE;

// One record as a loader hands it over. Values follow the kind's fields: a
// text field's string id, a date's days (Date::days(); kNoDate for none), fen
// or a number, 0/1 for yes or no (each kNoNumber for none), BAC tenths
// (kNoBac for none).
struct Record {
  IdKey key = 0;
  Date start, end;  // an event's day is both; end invalid: a period still running
  uint16_t type = kNoType;
  SourceRef source;
  std::vector<int64_t> values;
  // Dates given as a month only (2008.08): kStartImprecise, kEndImprecise.
  uint8_t imprecise = 0;
};

// A record's start (end) was given as a month: its first (last) day is taken.
constexpr uint8_t kStartImprecise = 1;
constexpr uint8_t kEndImprecise = 2;

constexpr int64_t kNoDate = INT32_MIN;
// An empty money or number field.
constexpr int64_t kNoNumber = INT64_MIN;

class RecordSet {
 public:
  explicit RecordSet(RecordKind kind) : kind_(std::move(kind)) {}
  RecordSet(const RecordSet&) = delete;
  RecordSet& operator=(const RecordSet&) = delete;
  RecordSet(RecordSet&&) = default;
  RecordSet& operator=(RecordSet&&) = default;

  const RecordKind& kind() const { return kind_; }
  size_t size() const { return keys_.size(); }

  IdKey key(size_t r) const { return keys_[r]; }
  Date start(size_t r) const { return Date::FromDays(starts_[r]); }
  Date end(size_t r) const { return Date::FromDays(ends_[r]); }
  uint16_t type(size_t r) const { return types_[r]; }
  SourceRef source(size_t r) const { return sources_[r]; }
  // Record::imprecise of record r: which of its dates were given as a month.
  uint8_t imprecise(size_t r) const;
  int64_t value(size_t r, int field) const {
    return values_[r * kind_.fields.size() + static_cast<size_t>(field)];
  }
  // Asks the CPU to fetch record r's key, dates and values: a loop over
  // records in another order than theirs (a person's, by ID number) calls it
  // a few records ahead of the one it reads. Always inlined, as
  // FlatKeySet::Prefetch is.
  [[gnu::always_inline]] void Prefetch(size_t r) const {
    __builtin_prefetch(&keys_[r]);
    __builtin_prefetch(&starts_[r]);
    __builtin_prefetch(&values_[r * kind_.fields.size()]);
  }
  // A text, name, note or label field's text; "" for other fields or none.
  std::string_view text(size_t r, int field) const;
  // Any field as people read it: dates ISO, money in yuan, BAC in mg/100mL.
  std::string Display(size_t r, int field) const;
  const std::string& file(uint16_t index) const { return files_[index]; }
  const std::string& file_of(size_t r) const { return files_[sources_[r].file]; }
  size_t files() const { return files_.size(); }
  // About how much memory the records take, their text included (benchmarks).
  size_t heap_bytes() const;

  StringPool& strings() { return strings_; }
  const StringPool& strings() const { return strings_; }
  // Registers an input file; records name it by the index returned.
  uint16_t AddFile(std::string name);
  void Append(Record&& r) { Append(r, r.values); }
  // Appends `r` with these values in place of its own.
  void Append(const Record& r, std::span<const int64_t> values);
  // Makes room for `n` records in all, so that appending them moves nothing.
  void Reserve(size_t n);
  // Drops the records from `n` on (a file that failed half-way).
  void Truncate(size_t n);

 private:
  RecordKind kind_;
  StringPool strings_;
  std::vector<std::string> files_;
  std::vector<IdKey> keys_;
  std::vector<int32_t> starts_, ends_;
  std::vector<uint16_t> types_;
  std::vector<SourceRef> sources_;
  std::vector<int64_t> values_;  // kind_.fields.size() per record
  // The few records with imprecise dates, by index in ascending order.
  std::vector<std::pair<uint32_t, uint8_t>> imprecise_;
};

}  // namespace qinglian

#endif  // QINGLIAN_CORE_RECORD_SET_H_
