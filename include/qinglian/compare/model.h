// Supervision models: which records of another office, set against a roster
// of people with periods, become problem leads. Each is a JSON file under
// data/models/:
//
//   {"name": "subsidy_while_employed", "title_zh": "公职人员违规享受低保",
//    "title_en": "...", "data_zh": "低保救助名单", "data_en": "...",
//    "people": "employees", "events": "subsidies",
//    "relation": "overlap", "min_overlap_days": 1,
//    "filters": [{"field": "category", "contains": ["低保"]}],
//    "monthly_amount": "monthly_amount", "lookback_years": 5}
//
// Relations: "during" (the record's day lies in a period of the person),
// "overlap" (the record's period and a period of the person share at least
// min_overlap_days days), "after" (the person's period goes on more than
// after_days days after the record's day: still paid after death). A model
// of a kind whose labels are classified (offences) names the offence types
// it covers ("offence_types"); the lead type is then the offence type, and
// otherwise the model's name.
#ifndef QINGLIAN_COMPARE_MODEL_H_
#define QINGLIAN_COMPARE_MODEL_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "qinglian/base/status.h"
#include "qinglian/core/offence_vocabulary.h"
#include "qinglian/core/record_kind.h"
#include "qinglian/core/vocab.h"

namespace qinglian {

enum class Relation : uint8_t { kDuring, kOverlap, kAfter };
template <>
struct Terms<Relation> {
  static constexpr Term kTable[] = {
      {"during", "记录日期在在职期间内", "the record's day falls in a period of employment"},
      {"overlap", "记录期间与在职期间重叠", "the record's period overlaps a period of employment"},
      {"after", "记录日期之后仍在职", "still employed after the record's day"},
  };
};

// A condition on a text field of the event kind, after NormaliseKeyword.
struct FieldFilter {
  int field = -1;
  std::vector<std::string> in;        // the value is one of these
  std::vector<std::string> contains;  // or holds one of these
  bool Matches(std::string_view value) const;
};

struct Model {
  std::string name;  // [a-z0-9_]+, part of every lead's key
  std::string title_zh, title_en;
  // What the model compares with, for reports ("酒驾醉驾"); the title if absent.
  std::string data_zh, data_en;
  std::string people = "employees", events = "offences";  // record kinds
  Relation relation = Relation::kDuring;
  int min_overlap_days = 1;     // overlap
  int after_days = 30;          // after
  std::vector<uint16_t> types;  // the offence types it covers (kinds with labels)
  std::vector<FieldFilter> filters;
  int lookback_years = 5;
  int monthly_amount = -1;  // an event field of money per month: the money involved

  bool Covers(uint16_t type) const;
  const std::string& title(Lang l) const { return l == Lang::kZh ? title_zh : title_en; }
  const std::string& data(Lang l) const { return l == Lang::kZh ? data_zh : data_en; }
};

// The kinds and the vocabulary a model file is checked against.
struct ModelContext {
  const std::vector<RecordKind>* kinds = nullptr;
  const OffenceVocabulary* vocabulary = nullptr;
};

// Parses one model file's text; errors name `file` and the field.
Result<Model> ParseModel(std::string_view json, const std::string& file, const ModelContext& ctx);

// Keeps the models named in `names` (all when empty), by name or by title in
// either language; an unknown name is an error that lists the known ones.
Result<std::vector<Model>> SelectModels(const std::vector<Model>& all,
                                        const std::vector<std::string>& names);

// The lead type of an event of offence type `type` (kNoType for kinds without
// labels) under `model`: the offence type's code, else the model's name.
std::string LeadType(const Model& model, uint16_t type, const OffenceVocabulary& vocabulary);

}  // namespace qinglian

#endif  // QINGLIAN_COMPARE_MODEL_H_
