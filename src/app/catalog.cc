#include "qinglian/app/catalog.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "app/embedded_data.h"
#include "qinglian/base/text.h"

namespace qinglian {
namespace {

namespace fs = std::filesystem;

// The data files by path under the data directory ("kinds/employees.json"):
// the built-in ones, then those of `dir` over them.
using Files = std::map<std::string, std::pair<std::string, std::string>>;  // path -> (name, text)

Status ReadDir(const fs::path& dir, const std::string& prefix, Files* files) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return Status::Ok();
  std::vector<fs::path> paths;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->path().extension() == ".json") paths.push_back(it->path());
  if (ec) return Status::Error(dir.string() + ": " + ec.message());
  for (const fs::path& p : paths) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) return Status::Error(p.string() + ": cannot read");
    (*files)[prefix + p.filename().string()] = {p.string(), text.str()};
  }
  return Status::Ok();
}

}  // namespace

std::string FindDataDir(const CatalogOptions& options) {
  if (!options.data_dir.empty()) return options.data_dir;
  if (const char* env = std::getenv("QINGLIAN_DATA_DIR"); env && *env) return env;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return "";
  const fs::path share = exe.parent_path() / "../share/qinglian";
  return fs::is_directory(share, ec) ? share.lexically_normal().string() : "";
}

Result<const RecordKind*> Catalog::Kind(std::string_view name) const {
  std::vector<std::string> names;
  for (const RecordKind& k : kinds) {
    if (k.name == name) return &k;
    names.push_back(k.name);
  }
  // A kind as people call it (--kind 在职人员).
  const std::string typed = NormaliseKeyword(name);
  for (const RecordKind& k : kinds)
    if (!typed.empty() && (typed == NormaliseKeyword(k.zh) || typed == NormaliseKeyword(k.en)))
      return &k;
  return Status::Error("unknown record kind '" + std::string(name) +
                       "' (kinds: " + Join(names, ", ") + ")");
}

const Model* Catalog::FindModel(std::string_view name) const {
  for (const Model& m : models)
    if (m.name == name) return &m;
  return nullptr;
}

LabelBook Catalog::Labels() const {
  LabelBook book;
  for (const OffenceTypeInfo& t : vocabulary.types()) book.types[t.code] = {t.zh, t.en};
  for (const Model& m : models) {
    book.models[m.name] = {m.title_zh, m.title_en};
    book.data[m.name] = {m.data_zh, m.data_en};
    // A model of records without offence labels names its leads' type.
    if (m.types.empty()) book.types[m.name] = {m.title_zh, m.title_en};
  }
  for (const RecordKind& k : kinds) {
    book.kinds[k.name] = {k.zh, k.en};
    for (const FieldSpec& f : k.fields) book.fields[k.name + "." + f.name] = {f.zh, f.en};
  }
  return book;
}

Result<Catalog> LoadCatalog(const CatalogOptions& options) {
  Files files;
  for (size_t i = 0; i < kEmbeddedDataCount; ++i) {
    const EmbeddedFile& f = kEmbeddedData[i];
    files[std::string(f.path)] = {"(built in) data/" + std::string(f.path), std::string(f.text)};
  }
  const std::string dir = FindDataDir(options);
  if (!dir.empty()) {
    for (const char* sub : {"kinds", "models", "vocabulary"})
      if (Status s = ReadDir(fs::path(dir) / sub, std::string(sub) + "/", &files); !s.ok())
        return s;
  }
  if (!options.models_dir.empty()) {
    std::error_code ec;
    if (!fs::is_directory(options.models_dir, ec))
      return Status::Error(options.models_dir + ": not a directory of model files");
    std::erase_if(files, [](const auto& f) { return f.first.starts_with("models/"); });
    if (Status s = ReadDir(options.models_dir, "models/", &files); !s.ok()) return s;
  }

  Catalog c;
  const auto vocabulary = files.find("vocabulary/offences.json");
  if (vocabulary == files.end())
    return Status::Error("no offence vocabulary (vocabulary/offences.json)");
  Result<OffenceVocabulary> v =
      OffenceVocabulary::Parse(vocabulary->second.second, vocabulary->second.first);
  if (!v.ok()) return v.status();
  c.vocabulary = std::move(*v);
  for (const auto& [path, file] : files) {
    if (!path.starts_with("kinds/")) continue;
    Result<RecordKind> k = ParseRecordKind(file.second, file.first);
    if (!k.ok()) return k.status();
    for (const RecordKind& other : c.kinds)
      if (other.name == k->name)
        return Status::Error(file.first + ": name: the kind '" + k->name + "' is declared twice");
    c.kinds.push_back(std::move(*k));
  }
  const ModelContext ctx{&c.kinds, &c.vocabulary};
  for (const auto& [path, file] : files) {
    if (!path.starts_with("models/")) continue;
    Result<Model> m = ParseModel(file.second, file.first, ctx);
    if (!m.ok()) return m.status();
    if (c.FindModel(m->name))
      return Status::Error(file.first + ": name: '" + m->name + "' is used twice");
    c.models.push_back(std::move(*m));
  }
  if (c.models.empty())
    return Status::Error((options.models_dir.empty() ? dir : options.models_dir) +
                         ": no model files (*.json)");
  return c;
}

}  // namespace qinglian
