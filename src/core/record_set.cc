#include "qinglian/core/record_set.h"

#include <algorithm>

#include "qinglian/base/money.h"
#include "qinglian/core/bac.h"

namespace qinglian {

uint32_t StringPool::Intern(std::string_view s) {
  const auto it = ids_.find(s);
  if (it != ids_.end()) return it->second;
  const auto id = static_cast<uint32_t>(strings_.size());
  strings_.emplace_back(s);
  ids_.emplace(strings_.back(), id);
  return id;
}

std::string_view RecordSet::text(size_t r, int field) const {
  switch (kind_.fields[static_cast<size_t>(field)].type) {
    case FieldType::kName:
    case FieldType::kText:
    case FieldType::kNote:
    case FieldType::kLabel:
      return strings_.Get(static_cast<uint32_t>(value(r, field)));
    default:
      return {};
  }
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
  for (size_t i = 0; i < strings_.size(); ++i)
    n += sizeof(std::string) + 16 + strings_.Get(static_cast<uint32_t>(i)).capacity();
  return n;
}

uint16_t RecordSet::AddFile(std::string name) {
  files_.push_back(std::move(name));
  return static_cast<uint16_t>(files_.size() - 1);
}

void RecordSet::Append(Record&& r) {
  keys_.push_back(r.key);
  starts_.push_back(r.start.days());
  ends_.push_back(r.end.days());
  types_.push_back(r.type);
  sources_.push_back(r.source);
  values_.insert(values_.end(), r.values.begin(), r.values.end());
  if (r.imprecise) imprecise_.emplace_back(static_cast<uint32_t>(keys_.size() - 1), r.imprecise);
}

uint8_t RecordSet::imprecise(size_t r) const {
  const auto it =
      std::lower_bound(imprecise_.begin(), imprecise_.end(), r,
                       [](const std::pair<uint32_t, uint8_t>& e, size_t i) { return e.first < i; });
  return it != imprecise_.end() && it->first == r ? it->second : 0;
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
