// Record kinds: what a file of one kind holds, declared as data
// (data/kinds/*.json), so that a new office's export needs no code:
//
//   {"name": "deaths", "zh": "死亡登记信息", "en": "death registrations",
//    "fields": [{"name": "id_number", "type": "id_number", "required": true,
//                "zh": "公民身份号码", "en": "ID number", "aliases": ["身份证号码", ...]},
//               {"name": "death_date", "type": "date", "required": true, ...}, ...],
//    "date": "death_date"}
//
// Field types: id_number (at most one: a kind without one, such as the
// feedback file, cannot be compared), name, text (width-folded, repeated
// values shared), note (free text as written), date, money (yuan, kept in
// fen), bac (mg/100 mL, kept in tenths), label (an offence label, classified
// by the offence vocabulary), number (a whole number), yes_no.
// A required field's column must be there and its value non-empty. A kind
// names its time: "period": {"start": F, "end": F} (an open end: still
// running) or "date": F (an event on one day); a kind with neither (the
// feedback file) has none. Optional roles: "unit" (the
// field that names the employer), "classify": {"label": F, "bac": F},
// "case_number": F (with the person, it de-duplicates records and names a
// lead), "duplicate_key": [F...] (with the person, what makes a record the
// same record), "identity": [F...] (what names a record without a case
// number in a lead's key), "one_of": [[F, F]] (at least one of these columns).
#ifndef QINGLIAN_CORE_RECORD_KIND_H_
#define QINGLIAN_CORE_RECORD_KIND_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "qinglian/base/status.h"

namespace qinglian {

enum class FieldType : uint8_t {
  kIdNumber,
  kName,
  kText,
  kNote,
  kDate,
  kMoney,
  kBac,
  kLabel,
  kNumber,
  kYesNo,
};
const char* FieldTypeName(FieldType t);
// Whether a field of this type holds text (a name, text, note or label): a
// record set keeps its values as ids of strings in its pool.
constexpr bool IsText(FieldType t) {
  return t == FieldType::kName || t == FieldType::kText || t == FieldType::kNote ||
         t == FieldType::kLabel;
}

struct FieldSpec {
  std::string name;  // [a-z0-9_]+: as --map and the rejects file name it
  FieldType type = FieldType::kText;
  bool required = false;
  std::string zh, en;                // the usual header, in each language
  std::vector<std::string> aliases;  // headers, normalised (NormaliseHeader); the name is one
};

struct RecordKind {
  std::string name, zh, en;
  bool period = false;  // a period (start, end); else an event on one day (start == end)
  std::vector<FieldSpec> fields;
  // Field indexes; -1 where the kind has none. An event kind's start and end
  // are its date field.
  int id = -1, name_field = -1, start = -1, end = -1, unit = -1, label = -1, bac = -1,
      case_number = -1;
  std::vector<int> duplicate_key, identity;
  std::vector<std::vector<int>> one_of;

  // The index of the field named `name`, or -1.
  int Field(std::string_view name) const;
};

// Parses one kind file's text; errors name `file` and the field.
Result<RecordKind> ParseRecordKind(std::string_view json, const std::string& file);

}  // namespace qinglian

#endif  // QINGLIAN_CORE_RECORD_KIND_H_
