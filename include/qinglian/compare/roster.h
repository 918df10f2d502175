// The people side of a comparison: a roster's records (employees with their
// periods of employment) by person. One person may have several records:
// transfers between units, re-hires.
#ifndef QINGLIAN_COMPARE_ROSTER_H_
#define QINGLIAN_COMPARE_ROSTER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <span>

#include "qinglian/core/idcard.h"
#include "qinglian/core/record_set.h"

namespace qinglian {

class Roster {
 public:
  explicit Roster(const RecordSet& people);
  ~Roster();
  Roster(const Roster&) = delete;
  Roster& operator=(const Roster&) = delete;

  const RecordSet& records() const { return people_; }
  // Whether anyone on the roster has this ID key; cheap enough for every
  // row of a city's records.
  bool Contains(IdKey key) const;
  // Starts fetching what Contains(key) reads, for a call a little later.
  void Prefetch(IdKey key) const;
  // The person's record indexes, ordered by the start of their periods.
  std::span<const uint32_t> Find(IdKey key) const;
  size_t persons() const;
  // Calls fn(records) once per person with that person's record indexes.
  void ForEachPerson(const std::function<void(std::span<const uint32_t>)>& fn) const;

 private:
  struct Impl;
  const RecordSet& people_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace qinglian

#endif  // QINGLIAN_COMPARE_ROSTER_H_
