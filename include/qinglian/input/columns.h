// Which column holds which field: headers in Chinese or English, recognised
// through an alias table, plus the user's own --map 'HEADER=field'.
#ifndef QINGLIAN_INPUT_COLUMNS_H_
#define QINGLIAN_INPUT_COLUMNS_H_

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "qinglian/base/status.h"

namespace qinglian {

enum class RecordKind { kEmployees, kOffences };
const char* RecordKindName(RecordKind k);  // "employees", "offences"

enum class Field : uint8_t {
  kName,
  kIdNumber,
  kUnit,
  kDepartment,
  kPosition,
  kCategory,
  kHireDate,
  kLeaveDate,
  kOffence,
  kOffenceDate,
  kBac,
  kPlace,
  kPenalty,
  kCaseNo,
  kAuthority,
};
constexpr size_t kFieldCount = 15;

// The field's name as --map and the rejects file spell it: "id_number".
const char* FieldName(Field f);
// Its usual Chinese header: "身份证号".
const char* FieldLabelZh(Field f);

// A header as it is compared: full-width folded, lower-case, without blanks,
// '_' and '-', and without a bracketed unit: "血液酒精含量（mg/100ml）" and
// "血液酒精含量 (mg/100mL)" both give "血液酒精含量".
std::string NormaliseHeader(std::string_view header);

class ColumnMap {
 public:
  // Column index of `f`, or -1 when the file has none.
  int column(Field f) const { return index_[static_cast<size_t>(f)]; }
  bool has(Field f) const { return column(f) >= 0; }
  // The header text of `f`'s column as it appears in the file.
  const std::string& header(Field f) const;
  size_t width() const { return headers_.size(); }

  // Maps the header row of a file of `kind`. `user_map` holds "HEADER=field"
  // entries that override the aliases. Fails naming the first required field
  // that no column fills, and listing the columns found.
  static Result<ColumnMap> Build(const std::vector<std::string>& headers, RecordKind kind,
                                 const std::vector<std::string>& user_map);

 private:
  std::array<int, kFieldCount> index_{};
  std::vector<std::string> headers_;
};

// Checks, once a command has read the header rows of all its inputs, that
// every --map entry's HEADER is one of `headers_seen`: a mapping that matched
// nothing (a typo, the wrong file) is an error naming it and listing the
// headers seen, not silently ignored.
Status CheckColumnMapUsed(const std::vector<std::string>& user_map,
                          const std::vector<std::string>& headers_seen);

}  // namespace qinglian

#endif  // QINGLIAN_INPUT_COLUMNS_H_
