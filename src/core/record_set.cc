#include "qinglian/core/record_set.h"

#include <algorithm>
#include <functional>

#include "qinglian/base/money.h"
#include "qinglian/core/bac.h"

namespace qinglian {

namespace {

// Text is copied into blocks of this size; a longer string gets a block of
// its own.
constexpr size_t kBlockBytes = 64 * 1024;

uint32_t HashText(std::string_view s) {
  const uint64_t h = std::hash<std::string_view>{}(s);
  return static_cast<uint32_t>(h ^ (h >> 32));
}

}  // namespace

StringPool::StringPool() {
  slots_.resize(16);
  shift_ = 64 - 4;
  views_.emplace_back();
  slots_[Home(HashText(""))] = {HashText(""), 0};
}

uint32_t StringPool::Intern(std::string_view s) { return Intern(s, HashText(s)); }

std::vector<uint32_t> StringPool::InternAll(const StringPool& other) {
  // Most of a chunk's names are new here, and each probe of a large table
  // misses the cache: the slots of the strings a few ahead are fetched while
  // this one is interned.
  constexpr size_t kAhead = 8;
  const size_t n = other.size();
  std::vector<uint32_t> hashes(n), ids(n);
  // The hashes are those the other pool took already: every string there
  // has a slot that holds its hash.
  for (const Slot& slot : other.slots_)
    if (slot.id != kEmpty) hashes[slot.id] = slot.hash;
  for (size_t i = 0; i < n; ++i) {
    if (i + kAhead < n) __builtin_prefetch(&slots_[Home(hashes[i + kAhead])]);
    ids[i] = Intern(other.views_[i], hashes[i]);
  }
  return ids;
}

uint32_t StringPool::Intern(std::string_view s, uint32_t hash) {
  const size_t mask = slots_.size() - 1;
  size_t i = Home(hash);
  for (; slots_[i].id != kEmpty; i = (i + 1) & mask)
    if (slots_[i].hash == hash && views_[slots_[i].id] == s) return slots_[i].id;
  const auto id = static_cast<uint32_t>(views_.size());
  views_.push_back(Store(s));
  slots_[i] = {hash, id};
  if (views_.size() * 2 > slots_.size()) Grow();
  return id;
}

std::string_view StringPool::Store(std::string_view s) {
  if (s.empty()) return {};
  if (s.size() > block_size_ - block_used_) {
    block_size_ = std::max(kBlockBytes, s.size());
    blocks_.push_back(std::make_unique_for_overwrite<char[]>(block_size_));
    block_used_ = 0;
  }
  char* at = blocks_.back().get() + block_used_;
  std::copy(s.begin(), s.end(), at);
  block_used_ += s.size();
  return {at, s.size()};
}

void StringPool::Grow() { Rehash(slots_.size() * 2); }

void StringPool::Reserve(size_t n) {
  size_t slots = slots_.size();
  while (n * 2 > slots) slots *= 2;
  if (slots > slots_.size()) Rehash(slots);
}

void StringPool::Rehash(size_t slots) {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(slots, Slot{});
  shift_ = 64 - static_cast<unsigned>(__builtin_ctzll(slots));
  const size_t mask = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.id == kEmpty) continue;
    size_t i = Home(s.hash);
    while (slots_[i].id != kEmpty) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

size_t StringPool::heap_bytes() const {
  return blocks_.size() * kBlockBytes + views_.capacity() * sizeof(std::string_view) +
         slots_.capacity() * sizeof(Slot);
}

std::string_view RecordSet::text(size_t r, int field) const {
  if (!IsText(kind_.fields[static_cast<size_t>(field)].type)) return {};
  return strings_.Get(static_cast<uint32_t>(value(r, field)));
}

std::string RecordSet::Display(size_t r, int field) const {
  const int64_t v = value(r, field);
  switch (kind_.fields[static_cast<size_t>(field)].type) {
    case FieldType::kIdNumber:
      return IdKeyToString(keys_[r]);
    case FieldType::kDate:
      return v == kNoDate ? std::string() : Date::FromDays(static_cast<int32_t>(v)).Iso();
    case FieldType::kMoney:
      return v == kNoNumber ? std::string() : FenToYuan(v);
    case FieldType::kBac:
      return FormatBac(static_cast<BacTenths>(v));
    case FieldType::kNumber:
      return v == kNoNumber ? std::string() : std::to_string(v);
    case FieldType::kYesNo:
      return v == kNoNumber ? "" : v ? "yes" : "no";
    case FieldType::kName:
    case FieldType::kText:
    case FieldType::kNote:
    case FieldType::kLabel:
      break;
  }
  return std::string(text(r, field));
}

size_t RecordSet::heap_bytes() const {
  size_t n = keys_.capacity() * sizeof(IdKey) + (starts_.capacity() + ends_.capacity()) * 4 +
             types_.capacity() * 2 + sources_.capacity() * sizeof(SourceRef) +
             values_.capacity() * 8;
  return n + strings_.heap_bytes();
}

uint16_t RecordSet::AddFile(std::string name) {
  files_.push_back(std::move(name));
  return static_cast<uint16_t>(files_.size() - 1);
}

void RecordSet::Append(const Record& r, std::span<const int64_t> values) {
  keys_.push_back(r.key);
  starts_.push_back(r.start.days());
  ends_.push_back(r.end.days());
  types_.push_back(r.type);
  sources_.push_back(r.source);
  values_.insert(values_.end(), values.begin(), values.end());
  if (r.imprecise) imprecise_.emplace_back(static_cast<uint32_t>(keys_.size() - 1), r.imprecise);
}

uint8_t RecordSet::imprecise(size_t r) const {
  const auto it =
      std::lower_bound(imprecise_.begin(), imprecise_.end(), r,
                       [](const std::pair<uint32_t, uint8_t>& e, size_t i) { return e.first < i; });
  return it != imprecise_.end() && it->first == r ? it->second : 0;
}

void RecordSet::Reserve(size_t n) {
  keys_.reserve(n);
  starts_.reserve(n);
  ends_.reserve(n);
  types_.reserve(n);
  sources_.reserve(n);
  values_.reserve(n * kind_.fields.size());
}

void RecordSet::Truncate(size_t n) {
  if (n >= size()) return;
  keys_.resize(n);
  starts_.resize(n);
  ends_.resize(n);
  types_.resize(n);
  sources_.resize(n);
  values_.resize(n * kind_.fields.size());
  while (!imprecise_.empty() && imprecise_.back().first >= n) imprecise_.pop_back();
}

}  // namespace qinglian
