#include "qinglian/compare/roster.h"

#include <algorithm>
#include <thread>
#include <vector>

namespace qinglian {

// Most records of a city belong to nobody on the roster. A Bloom filter of
// 16 bits per record (2 MB for a million) answers "certainly not" for nearly
// all of them before the hash set, which lies in memory, is asked. Each
// person sets three bits of one 64-bit word, so a look-up reads one word
// (fetched ahead by Prefetch while the scan parses the rows before), and
// passes about one stranger in 140 on to the hash set, whose look-up misses
// the cache (8 bits per record passed one in 30).
struct Roster::Impl {
  // Each person's key and where its records start in sorted_keys, by open
  // addressing: a look-up is one or two cache misses, where a binary search
  // of millions of keys is twenty.
  std::vector<IdKey> slot_keys;      // 0: empty
  std::vector<uint32_t> slot_first;  // index into sorted_keys
  size_t slot_mask = 0;
  unsigned slot_shift = 64;
  size_t persons = 0;
  // Key 0 (no ID number) is the empty slot's: it has a place of its own.
  bool has_zero = false;
  uint32_t zero_first = 0;
  std::vector<uint64_t> filter;
  unsigned shift = 64;
  std::vector<IdKey> sorted_keys;  // parallel to rows
  std::vector<uint32_t> rows;      // record indexes, by key then start

  size_t Word(IdKey key) const { return (key * 0x9E3779B97F4A7C15ull) >> shift; }
  static uint64_t Bits(IdKey key) {
    uint64_t h = (key ^ (key >> 31)) * 0xBF58476D1CE4E5B9ull;
    h ^= h >> 29;
    return uint64_t{1} << (h >> 58) | uint64_t{1} << (h >> 52 & 63) | uint64_t{1} << (h >> 46 & 63);
  }
  bool MayContain(IdKey key) const {
    const uint64_t bits = Bits(key);
    return (filter[Word(key)] & bits) == bits;
  }
  size_t Home(IdKey key) const {
    return static_cast<size_t>((key * 0x9E3779B97F4A7C15ull) >> slot_shift) & slot_mask;
  }
  void Reserve(size_t persons_at_most) {
    size_t n = 1024;
    while (n < persons_at_most * 2) n *= 2;
    slot_keys.assign(n, 0);
    slot_first.assign(n, 0);
    slot_mask = n - 1;
    slot_shift = 64 - static_cast<unsigned>(__builtin_ctzll(n));
  }
  void Insert(IdKey key, uint32_t first) {
    ++persons;
    if (key == 0) {
      has_zero = true;
      zero_first = first;
      return;
    }
    size_t i = Home(key);
    while (slot_keys[i] != 0) i = (i + 1) & slot_mask;
    slot_keys[i] = key;
    slot_first[i] = first;
  }
  // Where the records of `key` start in sorted_keys, or SIZE_MAX.
  size_t First(IdKey key) const {
    if (key == 0) return has_zero ? zero_first : SIZE_MAX;
    for (size_t i = Home(key);; i = (i + 1) & slot_mask) {
      if (slot_keys[i] == key) return slot_first[i];
      if (slot_keys[i] == 0) return SIZE_MAX;
    }
  }
};

Roster::Roster(const RecordSet& people) : people_(people), impl_(std::make_unique<Impl>()) {
  struct Entry {
    IdKey key;
    int32_t start;
    uint32_t row;
  };
  std::vector<Entry> entries;
  entries.reserve(people.size());
  for (uint32_t i = 0; i < people.size(); ++i)
    entries.push_back({people.key(i), people.start(i).days(), i});
  const auto before = [](const Entry& a, const Entry& b) {
    return a.key != b.key ? a.key < b.key : a.start != b.start ? a.start < b.start : a.row < b.row;
  };
  // A large roster is sorted in two halves on two threads and merged, and
  // its two indexes are then built side by side: the sort and the hash set's
  // inserts, which miss the cache, are the index's time.
  constexpr size_t kTwoThreads = 1u << 16;
  const bool two = entries.size() >= kTwoThreads && std::thread::hardware_concurrency() > 1;
  if (two) {
    const auto middle = entries.begin() + static_cast<std::ptrdiff_t>(entries.size() / 2);
    std::thread first([&] { std::sort(entries.begin(), middle, before); });
    std::sort(middle, entries.end(), before);
    first.join();
    std::inplace_merge(entries.begin(), middle, entries.end(), before);
  } else {
    std::sort(entries.begin(), entries.end(), before);
  }
  unsigned words_log2 = 10;
  while ((uint64_t{1} << words_log2) * 64 < people.size() * 16) ++words_log2;
  impl_->shift = 64 - words_log2;
  impl_->filter.assign(uint64_t{1} << words_log2, 0);
  impl_->Reserve(entries.size());
  impl_->sorted_keys.resize(entries.size());
  impl_->rows.resize(entries.size());
  const auto sorted = [this, &entries] {
    for (size_t i = 0; i < entries.size(); ++i) {
      impl_->sorted_keys[i] = entries[i].key;
      impl_->rows[i] = entries[i].row;
    }
  };
  std::thread side;
  if (two)
    side = std::thread(sorted);
  else
    sorted();
  for (size_t i = 0; i < entries.size(); ++i) {
    const IdKey key = entries[i].key;
    if (i > 0 && entries[i - 1].key == key) continue;
    impl_->Insert(key, static_cast<uint32_t>(i));
    impl_->filter[impl_->Word(key)] |= Impl::Bits(key);
  }
  if (side.joinable()) side.join();
}

Roster::~Roster() = default;

bool Roster::Contains(IdKey key) const {
  return impl_->MayContain(key) && impl_->First(key) != SIZE_MAX;
}

void Roster::Prefetch(IdKey key) const { __builtin_prefetch(&impl_->filter[impl_->Word(key)]); }

size_t Roster::persons() const { return impl_->persons; }

void Roster::ForEachPerson(const std::function<void(std::span<const uint32_t>)>& fn) const {
  const auto& keys = impl_->sorted_keys;
  const auto& rows = impl_->rows;
  // The records lie in file order, the persons in key order: records are
  // fetched a few ahead of the person handed on.
  constexpr size_t kAhead = 16;
  size_t fetched = 0;  // rows[0, fetched) asked for
  for (size_t i = 0; i < keys.size();) {
    size_t j = i + 1;
    while (j < keys.size() && keys[j] == keys[i]) ++j;
    for (; fetched < std::min(j + kAhead, rows.size()); ++fetched) people_.Prefetch(rows[fetched]);
    fn(std::span<const uint32_t>(impl_->rows.data() + i, j - i));
    i = j;
  }
}

std::span<const uint32_t> Roster::Find(IdKey key) const {
  const auto& keys = impl_->sorted_keys;
  const size_t first = impl_->First(key);
  if (first == SIZE_MAX) return {};
  size_t last = first;
  while (last < keys.size() && keys[last] == key) ++last;
  return std::span<const uint32_t>(impl_->rows.data() + first, last - first);
}

}  // namespace qinglian
