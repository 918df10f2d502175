#include "qinglian/compare/roster.h"

#include <algorithm>
#include <vector>

#include "base/flat_key_set.h"

namespace qinglian {

// Most records of a city belong to nobody on the roster. A bitmap of 16 bits
// per record (2 MB for a million) answers "certainly not" for nearly all of
// them from cache, before the hash set is asked.
struct Roster::Impl {
  FlatKeySet keys;
  std::vector<uint64_t> bitmap;
  unsigned shift = 64;
  std::vector<IdKey> sorted_keys;  // parallel to rows
  std::vector<uint32_t> rows;      // record indexes, by key then start

  uint64_t Bit(IdKey key) const { return (key * 0x9E3779B97F4A7C15ull) >> shift; }
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
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    return a.key != b.key ? a.key < b.key : a.start != b.start ? a.start < b.start : a.row < b.row;
  });
  unsigned bits_log2 = 16;
  while ((uint64_t{1} << bits_log2) < people.size() * 16) ++bits_log2;
  impl_->shift = 64 - bits_log2;
  impl_->bitmap.assign((uint64_t{1} << bits_log2) / 64, 0);
  impl_->sorted_keys.reserve(entries.size());
  impl_->rows.reserve(entries.size());
  for (const Entry& e : entries) {
    impl_->sorted_keys.push_back(e.key);
    impl_->rows.push_back(e.row);
    if (impl_->sorted_keys.size() > 1 && impl_->sorted_keys[impl_->sorted_keys.size() - 2] == e.key)
      continue;
    impl_->keys.Insert(e.key);
    const uint64_t bit = impl_->Bit(e.key);
    impl_->bitmap[bit / 64] |= uint64_t{1} << (bit % 64);
  }
}

Roster::~Roster() = default;

bool Roster::Contains(IdKey key) const {
  const uint64_t bit = impl_->Bit(key);
  if (!(impl_->bitmap[bit / 64] >> (bit % 64) & 1)) return false;
  return impl_->keys.Contains(key);
}

size_t Roster::persons() const { return impl_->keys.size(); }

void Roster::ForEachPerson(const std::function<void(std::span<const uint32_t>)>& fn) const {
  const auto& keys = impl_->sorted_keys;
  for (size_t i = 0; i < keys.size();) {
    size_t j = i + 1;
    while (j < keys.size() && keys[j] == keys[i]) ++j;
    fn(std::span<const uint32_t>(impl_->rows.data() + i, j - i));
    i = j;
  }
}

std::span<const uint32_t> Roster::Find(IdKey key) const {
  const auto& keys = impl_->sorted_keys;
  const auto [lo, hi] = std::equal_range(keys.begin(), keys.end(), key);
  return std::span<const uint32_t>(impl_->rows.data() + (lo - keys.begin()),
                                   static_cast<size_t>(hi - lo));
}

}  // namespace qinglian
