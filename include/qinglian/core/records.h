// The two record sets in memory: employee records and offence records, each
// remembering the file and line it came from, and the offence types.
#ifndef QINGLIAN_CORE_RECORDS_H_
#define QINGLIAN_CORE_RECORDS_H_

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "qinglian/base/date.h"
#include "qinglian/base/status.h"
#include "qinglian/core/idcard.h"

namespace qinglian {

enum class OffenceType : uint8_t { kDrinkDriving, kDrunkDriving, kProstitution, kGambling, kDrugs };
constexpr int kOffenceTypeCount = 5;

const char* OffenceTypeCode(OffenceType t);     // "drunk_driving"
const char* OffenceTypeLabelZh(OffenceType t);  // "醉酒驾驶"
const char* OffenceTypeLabelEn(OffenceType t);  // "drunk driving"
// Reads a type as users type it: its code, its Chinese or English label, or a
// common short form (醉驾, 酒驾, 赌博).
std::optional<OffenceType> ParseOffenceType(std::string_view text);

// Blood alcohol concentration in tenths of mg/100 mL (79.9 -> 799); -1 = none.
using BacTenths = int32_t;
constexpr BacTenths kNoBac = -1;

// Reads a BAC cell: "85", "85.3", "８５mg/100ml". Empty gives kNoBac.
Result<BacTenths> ParseBac(std::string_view raw);
std::string FormatBac(BacTenths bac);  // "85.3", "" for none

// Decides an offence's type from its source label and BAC (DOMAIN.md): where
// a BAC is present it decides drink (20-79.9) versus drunk (>= 80) driving,
// and below 20 there is no drink-driving offence; otherwise the label decides.
Result<OffenceType> ClassifyOffence(std::string_view label, BacTenths bac);

// Where a record came from: the input file's index and the physical line.
struct SourceRef {
  uint16_t file = 0;
  uint32_t line = 0;
};

// Interns the strings that repeat across records (units, departments,
// positions, categories) so that a record holds small ids.
class StringPool {
 public:
  StringPool() { Intern(""); }             // id 0 is the empty string
  StringPool(const StringPool&) = delete;  // ids_ points into strings_
  StringPool& operator=(const StringPool&) = delete;
  StringPool(StringPool&&) = default;
  StringPool& operator=(StringPool&&) = default;

  uint32_t Intern(std::string_view s);
  const std::string& Get(uint32_t id) const { return strings_[id]; }
  size_t size() const { return strings_.size(); }

 private:
  std::deque<std::string> strings_;  // a deque never moves its elements
  std::unordered_map<std::string_view, uint32_t> ids_;
};

struct Employee {
  IdKey key = 0;
  std::string name;
  uint32_t unit = 0, department = 0, position = 0, category = 0;  // StringPool ids
  Date hire, leave;                                               // leave invalid: still employed
  SourceRef source;
};

struct EmployeeTable {
  StringPool strings;
  std::vector<Employee> records;
  std::vector<std::string> files;  // SourceRef::file indexes this
};

struct Offence {
  IdKey key = 0;
  OffenceType type = OffenceType::kDrinkDriving;
  Date date;
  BacTenths bac = kNoBac;
  std::string name, label, place, penalty, case_no, authority;
  SourceRef source;
};

}  // namespace qinglian

#endif  // QINGLIAN_CORE_RECORDS_H_
