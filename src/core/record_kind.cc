#include "qinglian/core/record_kind.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "base/json_document.h"
#include "qinglian/base/text.h"

namespace qinglian {
namespace {

using nlohmann::json;

struct TypeName {
  FieldType type;
  const char* name;
};
constexpr TypeName kTypeNames[] = {
    {FieldType::kIdNumber, "id_number"},
    {FieldType::kName, "name"},
    {FieldType::kText, "text"},
    {FieldType::kNote, "note"},
    {FieldType::kDate, "date"},
    {FieldType::kMoney, "money"},
    {FieldType::kBac, "bac"},
    {FieldType::kLabel, "label"},
    {FieldType::kNumber, "number"},
    {FieldType::kYesNo, "yes_no"},
};

bool ValidName(const std::string& name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

class KindReader {
 public:
  KindReader(const json& j, const std::string& file) : j_(j), file_(file) {}

  Status Error(const std::string& where, const std::string& what) const {
    return Status::Error(file_ + ": " + where + ": " + what);
  }

  Result<std::string> Text(const json& obj, const char* field, const std::string& where) const {
    const auto it = obj.find(field);
    if (it == obj.end() || !it->is_string() || it->get<std::string>().empty())
      return Error(where + field, "expected a non-empty string");
    return it->get<std::string>();
  }

  // A field named by a role ("date": "death_date"), as its index.
  Result<int> Role(const RecordKind& k, const json& obj, const char* role,
                   const std::string& where) const {
    const auto it = obj.find(role);
    if (it == obj.end()) return -1;
    if (!it->is_string()) return Error(where + role, "expected a field name");
    const int f = k.Field(it->get<std::string>());
    if (f < 0) return Error(where + role, "unknown field '" + it->get<std::string>() + "'");
    return f;
  }

  Result<std::vector<int>> Roles(const RecordKind& k, const char* role) const {
    std::vector<int> out;
    const auto it = j_.find(role);
    if (it == j_.end()) return out;
    if (!it->is_array()) return Error(role, "expected a list of field names");
    for (const json& name : *it) {
      if (!name.is_string()) return Error(role, "expected a list of field names");
      const int f = k.Field(name.get<std::string>());
      if (f < 0) return Error(role, "unknown field '" + name.get<std::string>() + "'");
      out.push_back(f);
    }
    return out;
  }

 private:
  const json& j_;
  const std::string& file_;
};

Result<FieldSpec> ParseField(const json& f, const KindReader& r, const std::string& where) {
  if (!f.is_object()) return r.Error(where.substr(0, where.size() - 1), "expected an object");
  FieldSpec spec;
  Result<std::string> name = r.Text(f, "name", where);
  if (!name.ok()) return name.status();
  spec.name = *name;
  if (!ValidName(spec.name))
    return r.Error(where + "name", "use lower-case letters, digits and '_' only");
  Result<std::string> type = r.Text(f, "type", where);
  if (!type.ok()) return type.status();
  const auto t = std::find_if(std::begin(kTypeNames), std::end(kTypeNames),
                              [&](const TypeName& n) { return *type == n.name; });
  if (t == std::end(kTypeNames)) {
    std::vector<std::string> names;
    for (const TypeName& n : kTypeNames) names.push_back(n.name);
    return r.Error(where + "type",
                   "unknown type '" + *type + "' (types: " + Join(names, ", ") + ")");
  }
  spec.type = t->type;
  if (const auto req = f.find("required"); req != f.end()) {
    if (!req->is_boolean()) return r.Error(where + "required", "expected true or false");
    spec.required = req->get<bool>();
  }
  for (auto [field, target] : {std::pair{"zh", &spec.zh}, {"en", &spec.en}}) {
    Result<std::string> s = r.Text(f, field, where);
    if (!s.ok()) return s.status();
    *target = *s;
  }
  // A label may be nothing but what header matching ignores ("(备注"): it
  // then names no header.
  for (const std::string* label : {&spec.name, &spec.zh, &spec.en})
    if (std::string header = NormaliseHeader(*label); !header.empty())
      spec.aliases.push_back(std::move(header));
  if (const auto aliases = f.find("aliases"); aliases != f.end()) {
    if (!aliases->is_array()) return r.Error(where + "aliases", "expected a list of headers");
    for (const json& a : *aliases) {
      if (!a.is_string() || NormaliseHeader(a.get<std::string>()).empty())
        return r.Error(where + "aliases", "expected a list of non-empty headers");
      spec.aliases.push_back(NormaliseHeader(a.get<std::string>()));
    }
  }
  return spec;
}

}  // namespace

const char* FieldTypeName(FieldType t) {
  for (const TypeName& n : kTypeNames)
    if (n.type == t) return n.name;
  return "unknown";
}

int RecordKind::Field(std::string_view n) const {
  for (size_t i = 0; i < fields.size(); ++i)
    if (fields[i].name == n) return static_cast<int>(i);
  return -1;
}

Result<RecordKind> ParseRecordKind(std::string_view text, const std::string& file) {
  Result<json> parsed = ParseJsonDocument(text, file);
  if (!parsed.ok()) return parsed.status();
  const json& j = *parsed;
  if (!j.is_object()) return Status::Error(file + ": expected a JSON object");
  const KindReader r(j, file);
  RecordKind k;
  for (auto [field, target] : {std::pair{"name", &k.name}, {"zh", &k.zh}, {"en", &k.en}}) {
    Result<std::string> s = r.Text(j, field, "");
    if (!s.ok()) return s.status();
    *target = *s;
  }
  if (!ValidName(k.name)) return r.Error("name", "use lower-case letters, digits and '_' only");
  const auto fields = j.find("fields");
  if (fields == j.end() || !fields->is_array() || fields->empty())
    return r.Error("fields", "expected a non-empty list of fields");
  for (size_t i = 0; i < fields->size(); ++i) {
    Result<FieldSpec> f = ParseField((*fields)[i], r, "fields[" + std::to_string(i) + "].");
    if (!f.ok()) return f.status();
    if (k.Field(f->name) >= 0) return r.Error("fields", "'" + f->name + "' is declared twice");
    k.fields.push_back(std::move(*f));
  }
  for (size_t i = 0; i < k.fields.size(); ++i) {
    const FieldType t = k.fields[i].type;
    int* slot = t == FieldType::kIdNumber ? &k.id : t == FieldType::kName ? &k.name_field : nullptr;
    if (!slot) continue;
    if (*slot >= 0)
      return r.Error("fields", std::string("more than one field of type ") + FieldTypeName(t));
    *slot = static_cast<int>(i);
  }
  const bool period = j.contains("period"), event = j.contains("date");
  if (period && event)
    return r.Error("period", "give either \"period\": {\"start\", \"end\"} or \"date\", not both");
  if (period) {
    const json& p = j["period"];
    if (!p.is_object()) return r.Error("period", "expected {\"start\": FIELD, \"end\": FIELD}");
    Result<int> start = r.Role(k, p, "start", "period.");
    Result<int> end = r.Role(k, p, "end", "period.");
    if (!start.ok()) return start.status();
    if (!end.ok()) return end.status();
    if (*start < 0) return r.Error("period.start", "expected a field name");
    k.start = *start;
    k.end = *end;
    k.period = true;
  } else if (event) {
    Result<int> date = r.Role(k, j, "date", "");
    if (!date.ok()) return date.status();
    k.start = k.end = *date;
  }
  for (int f : {k.start, k.end})
    if (f >= 0 && k.fields[static_cast<size_t>(f)].type != FieldType::kDate)
      return r.Error(period ? "period" : "date",
                     "'" + k.fields[static_cast<size_t>(f)].name + "' is not a date field");
  Result<int> unit = r.Role(k, j, "unit", "");
  Result<int> case_number = r.Role(k, j, "case_number", "");
  if (!unit.ok()) return unit.status();
  if (!case_number.ok()) return case_number.status();
  k.unit = *unit;
  k.case_number = *case_number;
  if (const auto c = j.find("classify"); c != j.end()) {
    Result<int> label = r.Role(k, *c, "label", "classify.");
    Result<int> bac = r.Role(k, *c, "bac", "classify.");
    if (!label.ok()) return label.status();
    if (!bac.ok()) return bac.status();
    if (*label < 0) return r.Error("classify.label", "expected a field name");
    k.label = *label;
    k.bac = *bac;
  }
  Result<std::vector<int>> dup = r.Roles(k, "duplicate_key");
  Result<std::vector<int>> identity = r.Roles(k, "identity");
  if (!dup.ok()) return dup.status();
  if (!identity.ok()) return identity.status();
  k.duplicate_key = *dup;
  k.identity = *identity;
  if (const auto one_of = j.find("one_of"); one_of != j.end()) {
    if (!one_of->is_array()) return r.Error("one_of", "expected a list of lists of field names");
    for (const json& group : *one_of) {
      std::vector<int> g;
      if (!group.is_array() || group.empty())
        return r.Error("one_of", "expected a list of lists of field names");
      for (const json& name : group) {
        const int f = name.is_string() ? k.Field(name.get<std::string>()) : -1;
        if (f < 0) return r.Error("one_of", "unknown field " + name.dump());
        g.push_back(f);
      }
      k.one_of.push_back(std::move(g));
    }
  }
  return k;
}

}  // namespace qinglian
