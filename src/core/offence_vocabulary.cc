#include "qinglian/core/offence_vocabulary.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "base/json_document.h"
#include "qinglian/base/text.h"

namespace qinglian {
namespace {

using nlohmann::json;

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size();) {
    NextCodePoint(s, &i);
    ++n;
  }
  return n;
}

// Reads a JSON document's fields with errors that name the file and field.
class Reader {
 public:
  explicit Reader(const std::string& file) : file_(file) {}

  Status Error(const std::string& where, const std::string& what) const {
    return Status::Error(file_ + ": " + where + ": " + what);
  }
  Result<std::string> String(const json& j, const char* field, const std::string& where,
                             bool required = true) const {
    const auto it = j.find(field);
    if (it == j.end() && !required) return std::string();
    if (it == j.end() || !it->is_string() || it->get<std::string>().empty())
      return Error(where + field, "expected a non-empty string");
    return it->get<std::string>();
  }
  Result<std::vector<std::string>> Strings(const json& j, const char* field,
                                           const std::string& where) const {
    std::vector<std::string> out;
    const auto it = j.find(field);
    if (it == j.end()) return out;
    if (!it->is_array()) return Error(where + field, "expected a list of strings");
    for (const json& s : *it) {
      if (!s.is_string() || s.get<std::string>().empty())
        return Error(where + field, "expected a list of non-empty strings");
      out.push_back(s.get<std::string>());
    }
    return out;
  }

 private:
  const std::string& file_;
};

bool ValidCode(const std::string& code) {
  return !code.empty() && std::all_of(code.begin(), code.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// A BAC bound in mg/100 mL as tenths; null is open.
Result<BacTenths> BacBound(const json& v, const Reader& r, const std::string& where) {
  if (v.is_null()) return kNoBac;
  if (!v.is_number() || !std::isfinite(v.get<double>()) || v.get<double>() < 0 ||
      v.get<double>() >= 1000)
    return r.Error(where, "expected a BAC from 0 to 999 mg/100mL, or null");
  return static_cast<BacTenths>(std::lround(v.get<double>() * 10));
}

}  // namespace

Result<OffenceVocabulary> OffenceVocabulary::Parse(std::string_view text, const std::string& file) {
  Result<json> parsed = ParseJsonDocument(text, file);
  if (!parsed.ok()) return parsed.status();
  const json& j = *parsed;
  const Reader r(file);
  if (!j.is_object()) return Status::Error(file + ": expected a JSON object");
  const auto types = j.find("types");
  if (types == j.end() || !types->is_array() || types->empty())
    return r.Error("types", "expected a non-empty list of types");
  OffenceVocabulary v;
  for (size_t i = 0; i < types->size(); ++i) {
    const json& t = (*types)[i];
    const std::string where = "types[" + std::to_string(i) + "].";
    if (!t.is_object()) return r.Error(where.substr(0, where.size() - 1), "expected an object");
    OffenceTypeInfo info;
    for (auto [field, target] :
         {std::pair{"code", &info.code}, {"zh", &info.zh}, {"en", &info.en}}) {
      Result<std::string> s = r.String(t, field, where);
      if (!s.ok()) return s.status();
      *target = *s;
    }
    if (!ValidCode(info.code))
      return r.Error(where + "code", "use lower-case letters, digits and '_' only");
    if (v.TypeIndex(info.code) >= 0)
      return r.Error(where + "code", "'" + info.code + "' is used twice");
    if (const auto bac = t.find("bac"); bac != t.end()) {
      if (!bac->is_array() || bac->size() != 2)
        return r.Error(where + "bac", "expected [from, below] in mg/100mL");
      Result<BacTenths> from = BacBound((*bac)[0], r, where + "bac");
      Result<BacTenths> below = BacBound((*bac)[1], r, where + "bac");
      if (!from.ok()) return from.status();
      if (!below.ok()) return below.status();
      if (*from == kNoBac || (*below != kNoBac && *below <= *from))
        return r.Error(where + "bac", "expected a lower bound below the upper one");
      info.bac_from = *from;
      info.bac_below = *below;
    }
    Result<std::vector<std::string>> aliases = r.Strings(t, "aliases", where);
    Result<std::vector<std::string>> patterns = r.Strings(t, "patterns", where);
    Result<std::vector<std::string>> vetoes = r.Strings(t, "not", where);
    for (const auto* list : {&aliases, &patterns, &vetoes})
      if (!list->ok()) return list->status();
    info.aliases = *aliases;
    const auto type = static_cast<uint16_t>(v.types_.size());
    for (bool veto : {false, true}) {
      for (const std::string& p : veto ? *vetoes : *patterns) {
        Pattern pattern;
        pattern.type = type;
        pattern.veto = veto;
        for (const std::string& part : Split(p, '+')) {
          std::string n = NormaliseKeyword(part);
          if (n.empty())
            return r.Error(where + (veto ? "not" : "patterns"), "empty part in '" + p + "'");
          pattern.length += CodePoints(n);
          pattern.parts.push_back(std::move(n));
        }
        v.patterns_.push_back(std::move(pattern));
      }
    }
    v.types_.push_back(std::move(info));
  }
  if (const auto groups = j.find("groups"); groups != j.end()) {
    if (!groups->is_array()) return r.Error("groups", "expected a list of groups");
    for (size_t i = 0; i < groups->size(); ++i) {
      const json& g = (*groups)[i];
      const std::string where = "groups[" + std::to_string(i) + "].";
      if (!g.is_object()) return r.Error(where.substr(0, where.size() - 1), "expected an object");
      OffenceGroupInfo info;
      for (auto [field, target] :
           {std::pair{"code", &info.code}, {"zh", &info.zh}, {"en", &info.en}}) {
        Result<std::string> s = r.String(g, field, where);
        if (!s.ok()) return s.status();
        *target = *s;
      }
      Result<std::vector<std::string>> aliases = r.Strings(g, "aliases", where);
      Result<std::vector<std::string>> members = r.Strings(g, "types", where);
      if (!aliases.ok()) return aliases.status();
      if (!members.ok()) return members.status();
      if (members->empty()) return r.Error(where + "types", "expected at least one type");
      info.aliases = *aliases;
      for (const std::string& code : *members) {
        const int t = v.TypeIndex(code);
        if (t < 0) return r.Error(where + "types", "unknown type '" + code + "'");
        info.types.push_back(static_cast<uint16_t>(t));
      }
      v.groups_.push_back(std::move(info));
    }
  }
  Result<std::vector<std::string>> bac_labels = r.Strings(j, "bac_labels", "");
  if (!bac_labels.ok()) return bac_labels.status();
  for (const std::string& w : *bac_labels) v.bac_labels_.push_back(NormaliseKeyword(w));
  return v;
}

int OffenceVocabulary::TypeIndex(std::string_view code) const {
  for (size_t i = 0; i < types_.size(); ++i)
    if (types_[i].code == code) return static_cast<int>(i);
  return -1;
}

int OffenceVocabulary::Match(const std::string& s) const {
  const auto matches = [&](const Pattern& p) {
    return std::all_of(p.parts.begin(), p.parts.end(),
                       [&](const std::string& part) { return s.find(part) != std::string::npos; });
  };
  std::vector<bool> vetoed(types_.size());
  for (const Pattern& p : patterns_)
    if (p.veto && matches(p)) vetoed[p.type] = true;
  int best = -1;
  size_t best_length = 0;
  for (const Pattern& p : patterns_) {
    if (p.veto || vetoed[p.type] || p.length <= best_length || !matches(p)) continue;
    best = p.type;
    best_length = p.length;
  }
  return best;
}

Classification OffenceVocabulary::Classify(std::string_view label, BacTenths bac) const {
  const std::string s = NormaliseKeyword(label);
  const int matched = s.empty() ? -1 : Match(s);
  const bool about_drink =
      s.empty() || (matched >= 0 && types_[static_cast<size_t>(matched)].bac_from != kNoBac) ||
      std::any_of(bac_labels_.begin(), bac_labels_.end(),
                  [&](const std::string& w) { return s.find(w) != std::string::npos; });
  if (bac != kNoBac && about_drink) {
    bool ranged = false;
    for (size_t t = 0; t < types_.size(); ++t) {
      const OffenceTypeInfo& info = types_[t];
      if (info.bac_from == kNoBac) continue;
      ranged = true;
      if (bac >= info.bac_from && (info.bac_below == kNoBac || bac < info.bac_below))
        return {Classification::kType, static_cast<uint16_t>(t)};
    }
    if (ranged) return {Classification::kBelowBac, 0};
  }
  if (matched >= 0) return {Classification::kType, static_cast<uint16_t>(matched)};
  if (s.empty()) return {Classification::kNothing, 0};
  return {Classification::kOther, 0};
}

std::vector<uint16_t> OffenceVocabulary::Resolve(std::string_view text) const {
  const std::string s = NormaliseKeyword(text);
  if (s.empty()) return {};
  const auto named = [&](const std::string& code, const std::string& zh, const std::string& en,
                         const std::vector<std::string>& aliases) {
    if (s == NormaliseKeyword(code) || s == NormaliseKeyword(zh) || s == NormaliseKeyword(en))
      return true;
    return std::any_of(aliases.begin(), aliases.end(),
                       [&](const std::string& a) { return s == NormaliseKeyword(a); });
  };
  for (size_t t = 0; t < types_.size(); ++t)
    if (named(types_[t].code, types_[t].zh, types_[t].en, types_[t].aliases))
      return {static_cast<uint16_t>(t)};
  for (const OffenceGroupInfo& g : groups_)
    if (named(g.code, g.zh, g.en, g.aliases)) return g.types;
  const int matched = Match(s);
  if (matched >= 0) return {static_cast<uint16_t>(matched)};
  return {};
}

}  // namespace qinglian
