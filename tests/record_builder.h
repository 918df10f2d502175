// Builds records of any kind by hand for tests, field values as text:
// Records people("employees"); people.Add("430102...", {{"unit", "城投"},
// {"hire_date", "2020-03-01"}});
#ifndef QINGLIAN_TESTS_RECORD_BUILDER_H_
#define QINGLIAN_TESTS_RECORD_BUILDER_H_

#include <map>
#include <string>

#include "qinglian/base/date.h"
#include "qinglian/base/money.h"
#include "qinglian/core/bac.h"
#include "qinglian/core/idcard.h"
#include "qinglian/core/record_set.h"
#include "test_util.h"

namespace qinglian::testing {

class Records {
 public:
  explicit Records(const std::string& kind) : set_(Kind(kind)) { set_.AddFile("test.csv"); }

  // Adds a record of person `id` with these fields (by name, as text); the
  // offence type by its code for kinds with labels.
  Records& Add(const std::string& id, const std::map<std::string, std::string>& fields,
               const std::string& type = "") {
    const RecordKind& kind = set_.kind();
    Record r;
    r.key = ParseIdNumber(id, Date::FromYmd(2026, 1, 1)).id.key;
    r.source = {0, static_cast<uint32_t>(set_.size() + 2)};
    r.values.assign(kind.fields.size(), 0);
    for (size_t f = 0; f < kind.fields.size(); ++f) {
      const auto it = fields.find(kind.fields[f].name);
      const std::string text = it == fields.end() ? "" : it->second;
      int64_t& v = r.values[f];
      switch (kind.fields[f].type) {
        case FieldType::kDate:
          v = text.empty() ? kNoDate : ParseDate(text)->days();
          break;
        case FieldType::kMoney:
          v = text.empty() ? kNoNumber : *ParseYuan(text);
          break;
        case FieldType::kBac:
          v = *ParseBac(text);
          break;
        case FieldType::kNumber:
        case FieldType::kYesNo:
          v = text.empty() ? kNoNumber : std::stoll(text);
          break;
        case FieldType::kIdNumber:
          break;
        default:
          v = set_.strings().Intern(text);
      }
    }
    const auto date = [&](int f) {
      return f >= 0 && r.values[static_cast<size_t>(f)] != kNoDate
                 ? Date::FromDays(static_cast<int32_t>(r.values[static_cast<size_t>(f)]))
                 : Date();
    };
    r.start = date(kind.start);
    r.end = date(kind.end);
    if (!type.empty()) r.type = static_cast<uint16_t>(BuiltIn().vocabulary.TypeIndex(type));
    set_.Append(std::move(r));
    return *this;
  }

  RecordSet& set() { return set_; }

 private:
  RecordSet set_;
};

}  // namespace qinglian::testing

#endif  // QINGLIAN_TESTS_RECORD_BUILDER_H_
