// An open-addressing hash set of non-zero 64-bit keys: ID keys and hashes of
// case numbers. Several times smaller and faster than std::unordered_set for
// millions of keys, which is what a nightly file holds.
#ifndef QINGLIAN_FLAT_KEY_SET_H_
#define QINGLIAN_FLAT_KEY_SET_H_

#include <cstdint>
#include <vector>

namespace qinglian {

class FlatKeySet {
 public:
  // Inserts `key` (0 is stored as 1); returns false when it was there already.
  bool Insert(uint64_t key) {
    if ((size_ + 1) * 2 > slots_.size()) Grow();
    key = key ? key : 1;
    for (size_t i = Slot(key);; i = (i + 1) & mask_) {
      if (slots_[i] == key) return false;
      if (slots_[i] == 0) {
        slots_[i] = key;
        ++size_;
        return true;
      }
    }
  }
  bool Contains(uint64_t key) const {
    if (slots_.empty()) return false;
    key = key ? key : 1;
    for (size_t i = Slot(key);; i = (i + 1) & mask_) {
      if (slots_[i] == key) return true;
      if (slots_[i] == 0) return false;
    }
  }
  size_t size() const { return size_; }
  // Makes room for `n` keys in all without growing again.
  void Reserve(size_t n) {
    size_t slots = slots_.empty() ? 1024 : slots_.size();
    while (n * 2 > slots) slots *= 2;
    if (slots > slots_.size()) Rehash(slots);
  }
  // Asks the CPU to fetch the slot `key` starts at. A table of millions of
  // keys lies mostly outside the cache: loops over many keys prefetch a few
  // ahead of the one they insert or look up. Always inlined: GCC takes a
  // call of a function that only prefetches for one without effect, and
  // drops it.
  [[gnu::always_inline]] void Prefetch(uint64_t key) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[Slot(key ? key : 1)]);
  }

 private:
  size_t Slot(uint64_t key) const {
    // Fibonacci hashing spreads the structured ID keys over the table.
    return static_cast<size_t>((key * 0x9E3779B97F4A7C15ull) >> shift_) & mask_;
  }
  void Grow() { Rehash(slots_.empty() ? 1024 : slots_.size() * 2); }
  // Moves the keys to a table of `n` slots, a power of two: once, whatever
  // the size it had.
  void Rehash(size_t n) {
    std::vector<uint64_t> old = std::move(slots_);
    slots_.assign(n, 0);
    mask_ = n - 1;
    shift_ = 64 - static_cast<unsigned>(__builtin_ctzll(n));
    size_ = 0;
    for (uint64_t k : old)
      if (k) Insert(k);
  }

  std::vector<uint64_t> slots_;
  size_t mask_ = 0;
  unsigned shift_ = 64;
  size_t size_ = 0;
};

}  // namespace qinglian

#endif  // QINGLIAN_FLAT_KEY_SET_H_
