#include "qinglian/compare/model.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <tuple>

#include "base/json_document.h"
#include "qinglian/base/text.h"
#include "qinglian/core/record_set.h"

namespace qinglian {
namespace {

using nlohmann::json;

Result<std::string> StringField(const json& j, const char* field, const std::string& file) {
  const auto it = j.find(field);
  if (it == j.end() || !it->is_string() || it->get<std::string>().empty())
    return Status::Error(file + ": " + field + ": expected a non-empty string");
  return it->get<std::string>();
}

bool ValidName(const std::string& name) {
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// A whole number from `lo` to `hi`, or the default when absent.
Status WholeField(const json& j, const char* field, int lo, int hi, const std::string& file,
                  const char* what, int* out) {
  const auto it = j.find(field);
  if (it == j.end()) return Status::Ok();
  // Checked by kind before converting: 4294967297 must not wrap to 1.
  if (!it->is_number_unsigned() || it->get<uint64_t>() < static_cast<uint64_t>(lo) ||
      it->get<uint64_t>() > static_cast<uint64_t>(hi))
    return Status::Error(file + ": " + field + ": expected a whole number of " + what + " from " +
                         std::to_string(lo) + " to " + std::to_string(hi));
  *out = static_cast<int>(it->get<uint64_t>());
  return Status::Ok();
}

const RecordKind* FindKind(const ModelContext& ctx, const std::string& name) {
  if (!ctx.kinds) return nullptr;
  for (const RecordKind& k : *ctx.kinds)
    if (k.name == name) return &k;
  return nullptr;
}

std::string KindNames(const ModelContext& ctx) {
  std::vector<std::string> names;
  if (ctx.kinds)
    for (const RecordKind& k : *ctx.kinds) names.push_back(k.name);
  return Join(names, ", ");
}

std::string FieldNames(const RecordKind& kind) {
  std::vector<std::string> names;
  for (const FieldSpec& f : kind.fields) names.push_back(f.name);
  return Join(names, ", ");
}

Result<const RecordKind*> KindField(const json& j, const char* field, const std::string& fallback,
                                    const ModelContext& ctx, const std::string& file,
                                    std::string* name) {
  const auto it = j.find(field);
  if (it != j.end() && (!it->is_string() || it->get<std::string>().empty()))
    return Status::Error(file + ": " + field + ": expected the name of a record kind");
  *name = it != j.end() ? it->get<std::string>() : fallback;
  const RecordKind* kind = FindKind(ctx, *name);
  if (!kind)
    return Status::Error(file + ": " + field + ": unknown record kind '" + *name +
                         "' (kinds: " + KindNames(ctx) + ")");
  if (kind->id < 0)
    return Status::Error(file + ": " + field + ": the kind '" + *name +
                         "' has no ID number to compare on");
  return kind;
}

Status ParseFilters(const json& j, const RecordKind& events, const std::string& file, Model* m) {
  const auto it = j.find("filters");
  if (it == j.end()) return Status::Ok();
  if (!it->is_array()) return Status::Error(file + ": filters: expected a list of conditions");
  for (size_t i = 0; i < it->size(); ++i) {
    const json& f = (*it)[i];
    const std::string where = file + ": filters[" + std::to_string(i) + "]";
    if (!f.is_object()) return Status::Error(where + ": expected an object");
    FieldFilter filter;
    const auto field = f.find("field");
    if (field == f.end() || !field->is_string())
      return Status::Error(where + ".field: expected a field name");
    filter.field = events.Field(field->get<std::string>());
    if (filter.field < 0)
      return Status::Error(where + ".field: the kind '" + events.name + "' has no field '" +
                           field->get<std::string>() + "' (fields: " + FieldNames(events) + ")");
    for (auto [key, target] : {std::pair{"in", &filter.in}, {"contains", &filter.contains}}) {
      const auto list = f.find(key);
      if (list == f.end()) continue;
      if (!list->is_array()) return Status::Error(where + "." + key + ": expected a list of text");
      for (const json& v : *list) {
        if (!v.is_string() || NormaliseKeyword(v.get<std::string>()).empty())
          return Status::Error(where + "." + key + ": expected a list of text");
        target->push_back(NormaliseKeyword(v.get<std::string>()));
      }
    }
    if (filter.in.empty() && filter.contains.empty())
      return Status::Error(where + ": give \"in\" or \"contains\"");
    m->filters.push_back(std::move(filter));
  }
  return Status::Ok();
}

}  // namespace

bool FieldFilter::Matches(std::string_view value) const {
  const std::string v = NormaliseKeyword(value);
  if (std::find(in.begin(), in.end(), v) != in.end()) return true;
  return std::any_of(contains.begin(), contains.end(),
                     [&](const std::string& part) { return v.find(part) != std::string::npos; });
}

bool Model::Covers(uint16_t type) const {
  return types.empty() || std::find(types.begin(), types.end(), type) != types.end();
}

Result<Model> ParseModel(std::string_view text, const std::string& file, const ModelContext& ctx) {
  Result<json> parsed = ParseJsonDocument(text, file);
  if (!parsed.ok()) return parsed.status();
  const json& j = *parsed;
  if (!j.is_object()) return Status::Error(file + ": expected a JSON object");
  Model m;
  for (auto [field, target] :
       {std::pair{"name", &m.name}, {"title_zh", &m.title_zh}, {"title_en", &m.title_en}}) {
    Result<std::string> v = StringField(j, field, file);
    if (!v.ok()) return v.status();
    *target = *v;
  }
  for (auto [field, target, fallback] :
       {std::tuple{"data_zh", &m.data_zh, &m.title_zh}, {"data_en", &m.data_en, &m.title_en}}) {
    const auto it = j.find(field);
    if (it != j.end() && !it->is_string())
      return Status::Error(file + ": " + field + ": expected a string");
    *target = it != j.end() ? it->get<std::string>() : *fallback;
  }
  if (!ValidName(m.name))
    return Status::Error(file + ": name: use lower-case letters, digits and '_' only");
  Result<const RecordKind*> people = KindField(j, "people", "employees", ctx, file, &m.people);
  if (!people.ok()) return people.status();
  if (!(*people)->period)
    return Status::Error(file + ": people: the kind '" + m.people +
                         "' has no period (start and end) to compare with");
  Result<const RecordKind*> events = KindField(j, "events", "offences", ctx, file, &m.events);
  if (!events.ok()) return events.status();
  const RecordKind& ev = **events;

  if (const auto rel = j.find("relation"); rel != j.end()) {
    const std::optional<Relation> r =
        rel->is_string() ? FromCode<Relation>(rel->get<std::string>()) : std::nullopt;
    if (!r) return Status::Error(file + ": relation: expected during, overlap or after");
    m.relation = *r;
  }
  if (m.relation == Relation::kOverlap && !ev.period)
    return Status::Error(file + ": relation: the kind '" + m.events +
                         "' has no period to overlap (use during or after)");
  if (Status s = WholeField(j, "lookback_years", 0, 100, file, "years", &m.lookback_years); !s.ok())
    return s;
  if (Status s = WholeField(j, "min_overlap_days", 1, 36500, file, "days", &m.min_overlap_days);
      !s.ok())
    return s;
  if (Status s = WholeField(j, "after_days", 0, 36500, file, "days", &m.after_days); !s.ok())
    return s;

  const auto types = j.find("offence_types");
  if (ev.label >= 0) {
    if (types == j.end() || !types->is_array() || types->empty())
      return Status::Error(file + ": offence_types: expected a non-empty list of types");
    for (const json& t : *types) {
      if (!t.is_string()) return Status::Error(file + ": offence_types: expected strings");
      const std::string code = t.get<std::string>();
      const int type = ctx.vocabulary ? ctx.vocabulary->TypeIndex(code) : -1;
      if (type < 0) {
        std::vector<std::string> codes;
        if (ctx.vocabulary)
          for (const OffenceTypeInfo& info : ctx.vocabulary->types()) codes.push_back(info.code);
        return Status::Error(file + ": offence_types: unknown type '" + code +
                             "' (types: " + Join(codes, ", ") + ")");
      }
      if (std::find(m.types.begin(), m.types.end(), type) == m.types.end())
        m.types.push_back(static_cast<uint16_t>(type));
    }
  } else if (types != j.end()) {
    return Status::Error(file + ": offence_types: the kind '" + m.events +
                         "' has no offence labels; its leads take the model's name as their type");
  }
  if (Status s = ParseFilters(j, ev, file, &m); !s.ok()) return s;
  if (const auto money = j.find("monthly_amount"); money != j.end()) {
    m.monthly_amount = money->is_string() ? ev.Field(money->get<std::string>()) : -1;
    if (m.monthly_amount < 0 ||
        ev.fields[static_cast<size_t>(m.monthly_amount)].type != FieldType::kMoney)
      return Status::Error(file + ": monthly_amount: expected a money field of the kind '" +
                           m.events + "' (fields: " + FieldNames(ev) + ")");
  }
  return m;
}

Result<std::vector<Model>> SelectModels(const std::vector<Model>& all,
                                        const std::vector<std::string>& names) {
  if (names.empty()) return all;
  std::vector<Model> chosen;
  for (const std::string& name : names) {
    // By its name or its title in either language (--model 违规领取补贴).
    const std::string typed = NormaliseKeyword(name);
    const auto it = std::find_if(all.begin(), all.end(), [&](const Model& m) {
      return m.name == name || typed == NormaliseKeyword(m.title_zh) ||
             typed == NormaliseKeyword(m.title_en);
    });
    if (it == all.end()) {
      std::vector<std::string> known;
      for (const Model& m : all) known.push_back(m.name);
      return Status::Error("unknown model '" + name + "' (models: " + Join(known, ", ") + ")");
    }
    chosen.push_back(*it);
  }
  return chosen;
}

std::string LeadType(const Model& model, uint16_t type, const OffenceVocabulary& vocabulary) {
  if (type < vocabulary.types().size() && !model.types.empty())
    return vocabulary.types()[type].code;
  return model.name;
}

}  // namespace qinglian
