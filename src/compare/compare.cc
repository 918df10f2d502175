#include "qinglian/compare/compare.h"

#include <algorithm>

#include "base/flat_key_set.h"
#include "qinglian/base/sha256.h"
#include "qinglian/base/text.h"

namespace qinglian {

// Most offences of a city belong to no employee. A bitmap of 16 bits per
// employee (2 MB for a million) answers "certainly not" for nearly all of them
// from cache, before the hash set is asked.
struct EmployeeIndex::Impl {
  FlatKeySet keys;
  std::vector<uint64_t> bitmap;
  unsigned shift = 64;
  std::vector<IdKey> sorted_keys;  // parallel to rows
  std::vector<uint32_t> rows;      // record indexes, by key then hire date

  uint64_t Bit(IdKey key) const { return (key * 0x9E3779B97F4A7C15ull) >> shift; }
};

EmployeeIndex::EmployeeIndex(const EmployeeTable& table) : impl_(std::make_unique<Impl>()) {
  const auto& records = table.records;
  struct Entry {
    IdKey key;
    int32_t hire;
    uint32_t row;
  };
  std::vector<Entry> entries;
  entries.reserve(records.size());
  for (uint32_t i = 0; i < records.size(); ++i)
    entries.push_back({records[i].key, records[i].hire.days(), i});
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    return a.key != b.key ? a.key < b.key : a.hire != b.hire ? a.hire < b.hire : a.row < b.row;
  });
  unsigned bits_log2 = 16;
  while ((uint64_t{1} << bits_log2) < records.size() * 16) ++bits_log2;
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

EmployeeIndex::~EmployeeIndex() = default;

bool EmployeeIndex::Contains(IdKey key) const {
  const uint64_t bit = impl_->Bit(key);
  if (!(impl_->bitmap[bit / 64] >> (bit % 64) & 1)) return false;
  return impl_->keys.Contains(key);
}
size_t EmployeeIndex::persons() const { return impl_->keys.size(); }

void EmployeeIndex::ForEachPerson(const std::function<void(std::span<const uint32_t>)>& fn) const {
  const auto& keys = impl_->sorted_keys;
  for (size_t i = 0; i < keys.size();) {
    size_t j = i + 1;
    while (j < keys.size() && keys[j] == keys[i]) ++j;
    fn(std::span<const uint32_t>(impl_->rows.data() + i, j - i));
    i = j;
  }
}

std::span<const uint32_t> EmployeeIndex::Find(IdKey key) const {
  const auto& keys = impl_->sorted_keys;
  const auto [lo, hi] = std::equal_range(keys.begin(), keys.end(), key);
  return std::span<const uint32_t>(impl_->rows.data() + (lo - keys.begin()),
                                   static_cast<size_t>(hi - lo));
}

std::vector<Lead> Compare(const EmployeeTable& table, const EmployeeIndex& index,
                          const std::vector<Offence>& offences, const std::vector<Model>& models,
                          const CompareOptions& options, CompareStats* stats) {
  std::vector<Lead> leads;
  for (uint32_t o = 0; o < offences.size(); ++o) {
    const Offence& off = offences[o];
    const std::span<const uint32_t> records = index.Find(off.key);
    if (records.empty()) continue;
    ++stats->hits;
    // The unit of the offence date: the latest-hired record covering it (an
    // overlap means the person had taken up a new post before leaving the old).
    const Employee* at = nullptr;
    uint32_t at_index = 0;
    for (uint32_t r : records) {
      const Employee& e = table.records[r];
      if (e.hire <= off.date && (!e.leave.valid() || off.date <= e.leave)) {
        at = &e;
        at_index = r;
      }
    }
    if (!at) {
      ++stats->outside_employment;
      continue;
    }
    bool covered = false, in_window = false;
    for (uint16_t m = 0; m < models.size(); ++m) {
      if (!models[m].Covers(off.type)) continue;
      covered = true;
      const int years =
          options.lookback_years >= 0 ? options.lookback_years : models[m].lookback_years;
      if (off.date < options.as_of.AddYears(-years) || off.date > options.as_of) continue;
      in_window = true;
      const bool same_name = off.name.empty() || NormaliseName(off.name) == NormaliseName(at->name);
      if (!same_name) ++stats->name_mismatches;
      leads.push_back({m, o, at_index, same_name});
    }
    if (!covered)
      ++stats->not_in_models;
    else if (!in_window)
      ++stats->outside_lookback;
  }
  return leads;
}

std::string LeadKey(const Model& model, IdKey person, const Offence& offence) {
  std::string identity = model.name + "|" + IdKeyToString(person) + "|";
  if (!offence.case_no.empty())
    identity += "case|" + offence.case_no;
  else
    identity += std::string("rec|") + OffenceTypeCode(offence.type) + "|" + offence.date.Iso() +
                "|" + FormatBac(offence.bac) + "|" + offence.place + "|" + offence.label;
  return Sha256Hex(identity);
}

}  // namespace qinglian
