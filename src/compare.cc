#include "qinglian/compare.h"

#include <algorithm>

#include "flat_key_set.h"
#include "qinglian/sha256.h"
#include "qinglian/text.h"

namespace qinglian {

struct EmployeeIndex::Impl {
  FlatKeySet keys;
  std::vector<IdKey> sorted_keys;  // parallel to rows
  std::vector<uint32_t> rows;      // record indexes, by key then hire date
};

EmployeeIndex::EmployeeIndex(const EmployeeTable& table) : impl_(std::make_unique<Impl>()) {
  const auto& records = table.records;
  impl_->rows.resize(records.size());
  for (uint32_t i = 0; i < records.size(); ++i) impl_->rows[i] = i;
  std::sort(impl_->rows.begin(), impl_->rows.end(), [&](uint32_t a, uint32_t b) {
    if (records[a].key != records[b].key) return records[a].key < records[b].key;
    return records[a].hire < records[b].hire;
  });
  impl_->sorted_keys.reserve(records.size());
  for (uint32_t r : impl_->rows) {
    impl_->sorted_keys.push_back(records[r].key);
    impl_->keys.Insert(records[r].key);
  }
}

EmployeeIndex::~EmployeeIndex() = default;

bool EmployeeIndex::Contains(IdKey key) const { return impl_->keys.Contains(key); }
size_t EmployeeIndex::persons() const { return impl_->keys.size(); }

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
