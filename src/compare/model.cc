#include "qinglian/compare/model.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <tuple>

#include "qinglian/base/text.h"

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

}  // namespace

bool Model::Covers(OffenceType t) const {
  return std::find(types.begin(), types.end(), t) != types.end();
}

Result<Model> ParseModel(std::string_view text, const std::string& file) {
  json j;
  // The last key read names the field when a number does not fit a double.
  std::string key;
  const json::parser_callback_t note_key = [&key](int, json::parse_event_t event, json& parsed) {
    if (event == json::parse_event_t::key && parsed.is_string()) key = parsed.get<std::string>();
    return true;
  };
  try {
    j = json::parse(text, note_key);
  } catch (const json::parse_error& e) {
    return Status::Error(file + ": not valid JSON (byte " + std::to_string(e.byte) + ")");
  } catch (const json::out_of_range& e) {
    // "number overflow parsing '1e400'": a literal such as 1e400.
    const std::string what = e.what();
    const size_t open = what.find('\''), close = what.rfind('\'');
    const std::string number =
        open < close ? "the number " + what.substr(open + 1, close - open - 1) : "a number";
    return Status::Error(file + ": " + (key.empty() ? "" : key + ": ") + number +
                         " is out of range");
  } catch (const json::exception& e) {
    return Status::Error(file + ": not valid JSON (" + e.what() + ")");
  }
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
  const auto types = j.find("offence_types");
  if (types == j.end() || !types->is_array() || types->empty())
    return Status::Error(file + ": offence_types: expected a non-empty list of types");
  for (const json& t : *types) {
    if (!t.is_string()) return Status::Error(file + ": offence_types: expected strings");
    const std::string code = t.get<std::string>();
    bool known = false;
    for (int k = 0; k < kOffenceTypeCount; ++k) {
      const auto type = static_cast<OffenceType>(k);
      if (code != OffenceTypeCode(type)) continue;
      known = true;
      if (!m.Covers(type)) m.types.push_back(type);
    }
    if (!known)
      return Status::Error(
          file + ": offence_types: unknown type '" + code +
          "' (types: drink_driving, drunk_driving, prostitution, gambling, drugs)");
  }
  const auto lookback = j.find("lookback_years");
  if (lookback != j.end()) {
    // Checked by kind and range before converting: get<int>() would wrap
    // 4294967297 to 1. A negative whole number is not unsigned.
    if (!lookback->is_number_unsigned() || lookback->get<uint64_t>() > 100)
      return Status::Error(file +
                           ": lookback_years: expected a whole number of years from 0 to 100");
    m.lookback_years = static_cast<int>(lookback->get<uint64_t>());
  }
  return m;
}

Result<std::vector<Model>> LoadModels(const std::string& dir) {
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  if (ec) return Status::Error(dir + ": " + ec.message());
  if (files.empty()) return Status::Error(dir + ": no model files (*.json)");
  std::sort(files.begin(), files.end());
  std::vector<Model> models;
  for (const auto& path : files) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) return Status::Error(path.string() + ": cannot read");
    Result<Model> m = ParseModel(text.str(), path.string());
    if (!m.ok()) return m.status();
    for (const Model& other : models)
      if (other.name == m->name)
        return Status::Error(path.string() + ": name: '" + m->name + "' is used twice");
    models.push_back(std::move(*m));
  }
  return models;
}

Result<std::vector<Model>> SelectModels(const std::vector<Model>& all,
                                        const std::vector<std::string>& names) {
  if (names.empty()) return all;
  std::vector<Model> chosen;
  for (const std::string& name : names) {
    const auto it =
        std::find_if(all.begin(), all.end(), [&](const Model& m) { return m.name == name; });
    if (it == all.end()) {
      std::vector<std::string> known;
      for (const Model& m : all) known.push_back(m.name);
      return Status::Error("unknown model '" + name + "' (models: " + Join(known, ", ") + ")");
    }
    chosen.push_back(*it);
  }
  return chosen;
}

}  // namespace qinglian
