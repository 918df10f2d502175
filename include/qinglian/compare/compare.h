// The comparison: a hash join of offences on the employees' ID key, kept when
// the person worked at a unit on the offence date, the offence's type belongs
// to a model and the date lies inside the model's look-back.
#ifndef QINGLIAN_COMPARE_COMPARE_H_
#define QINGLIAN_COMPARE_COMPARE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "qinglian/compare/model.h"
#include "qinglian/core/records.h"

namespace qinglian {

// The employees' records by person. Several records per person: transfers,
// re-hires.
class EmployeeIndex {
 public:
  explicit EmployeeIndex(const EmployeeTable& table);
  ~EmployeeIndex();
  bool Contains(IdKey key) const;
  // The person's record indexes into table.records, ordered by hire date.
  std::span<const uint32_t> Find(IdKey key) const;
  size_t persons() const;
  // Calls fn(records) once per person with that person's record indexes.
  void ForEachPerson(const std::function<void(std::span<const uint32_t>)>& fn) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// One problem lead before it is stored: a model, an offence and the
// employment record that covers the offence date.
struct Lead {
  uint16_t model = 0;     // index into the models
  uint32_t offence = 0;   // index into the offences
  uint32_t employee = 0;  // index into table.records
  bool name_matches = true;
};

struct CompareOptions {
  Date as_of;
  int lookback_years = -1;  // >= 0 overrides every model's look-back
};

struct CompareStats {
  uint64_t hits = 0;                // offences on an employee's ID number
  uint64_t outside_employment = 0;  // not inside any employment period of the person
  uint64_t outside_lookback = 0;    // before a model's look-back, or after the as-of date
  uint64_t not_in_models = 0;       // of a type no chosen model covers
  uint64_t name_mismatches = 0;     // leads whose two records name the person differently
};

// Returns the leads in offence order, then model order. Linear in the
// offences; each probes its person's few records.
std::vector<Lead> Compare(const EmployeeTable& table, const EmployeeIndex& index,
                          const std::vector<Offence>& offences, const std::vector<Model>& models,
                          const CompareOptions& options, CompareStats* stats);

// A lead's stable key: the same model, person and offence record give the
// same key in every run. The offence is named by its case number where it has
// one, else by its type, date, BAC, place and label.
std::string LeadKey(const Model& model, IdKey person, const Offence& offence);

}  // namespace qinglian

#endif  // QINGLIAN_COMPARE_COMPARE_H_
