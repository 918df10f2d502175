// Supervision models: which offence types a comparison turns into leads and
// how far back it looks. Each is a JSON file under data/models/:
//
//   {"name": "soe_drink_driving", "title_zh": "国企职工酒驾醉驾",
//    "title_en": "SOE employees: drink and drunk driving",
//    "data_zh": "酒驾醉驾", "data_en": "drink and drunk driving",
//    "offence_types": ["drink_driving", "drunk_driving"], "lookback_years": 5}
#ifndef QINGLIAN_COMPARE_MODEL_H_
#define QINGLIAN_COMPARE_MODEL_H_

#include <string>
#include <string_view>
#include <vector>

#include "qinglian/base/status.h"
#include "qinglian/core/records.h"

namespace qinglian {

struct Model {
  std::string name;  // [a-z0-9_]+, part of every lead's key
  std::string title_zh, title_en;
  // What the model compares with, for reports ("酒驾醉驾"); the title if absent.
  std::string data_zh, data_en;
  std::vector<OffenceType> types;
  int lookback_years = 5;

  bool Covers(OffenceType t) const;
};

// Parses one model file's text; errors name `file` and the field.
Result<Model> ParseModel(std::string_view json, const std::string& file);

// Reads every *.json file in `dir`, sorted by name. Fails on an unreadable or
// malformed file, a duplicate name, or an empty directory.
Result<std::vector<Model>> LoadModels(const std::string& dir);

// Keeps the models named in `names` (all when empty); an unknown name is an
// error that lists the known ones.
Result<std::vector<Model>> SelectModels(const std::vector<Model>& all,
                                        const std::vector<std::string>& names);

}  // namespace qinglian

#endif  // QINGLIAN_COMPARE_MODEL_H_
