#include "qinglian/app/unit_export.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <system_error>

#include "qinglian/base/output_file.h"
#include "qinglian/base/text.h"
#include "qinglian/output/lead_sheet.h"

namespace qinglian {
namespace {

constexpr size_t kMaxFileNameBytes = 120;

// A folder made for the files, removed unless it is kept.
class TempFolder {
 public:
  explicit TempFolder(std::string path) : path_(std::move(path)) {}
  ~TempFolder() {
    if (path_.empty()) return;
    std::error_code ignored;  // best effort: the error that got us here is what counts
    std::filesystem::remove_all(path_, ignored);
  }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
  const std::string& path() const { return path_; }
  void Keep() { path_.clear(); }

 private:
  std::string path_;
};

std::string Errno(const std::string& what) { return what + " (" + std::strerror(errno) + ")"; }

}  // namespace

std::string UnitFileName(const std::string& unit, const std::string& ext) {
  const std::string clean = CleanField(unit);
  std::string name;
  for (size_t pos = 0; pos < clean.size();) {
    const size_t start = pos;
    const char32_t cp = NextCodePoint(clean, &pos);
    const bool bad = cp < 0x20 || cp == 0x7F || cp == 0xFFFD ||
                     std::u32string_view(U"/\\:*?\"<>|").find(cp) != std::u32string_view::npos;
    if (name.size() + (pos - start) > kMaxFileNameBytes) break;
    if (bad)
      name += '_';
    else
      name.append(clean, start, pos - start);
  }
  while (!name.empty() && (name[0] == '.' || name[0] == ' ' || name[0] == '-')) name[0] = '_';
  if (name.empty()) name = "无单位";
  return name + "." + ext;
}

Result<std::vector<std::pair<std::string, size_t>>> ExportPerUnit(
    const std::string& dir, const std::vector<StoredLead>& leads,
    const std::vector<UnitAlias>& aliases, const std::string& format, const ExportOptions& o) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path target = fs::path(dir).lexically_normal();
  const fs::path name =
      target.filename().empty() ? target.parent_path().filename() : target.filename();
  const fs::path clean_target = target.filename().empty() ? target.parent_path() : target;
  if (fs::exists(clean_target, ec) &&
      !(fs::is_directory(clean_target, ec) && fs::is_empty(clean_target, ec)))
    return Status::Error(dir + ": exists and is not an empty folder");
  std::map<std::string, std::vector<StoredLead>> by_unit;
  for (const StoredLead& l : leads) by_unit[OfficialUnit(l.evidence.unit, aliases)].push_back(l);

  // mkdtemp makes the folder owner-only (0700) with a name nobody else has.
  fs::path parent = clean_target.parent_path();
  if (parent.empty()) parent = ".";
  std::string pattern = (parent / ("." + name.string() + ".tmp-XXXXXX")).string();
  if (!::mkdtemp(pattern.data())) return Status::Error(Errno(dir + ": cannot create"));
  TempFolder temp(pattern);

  std::vector<std::pair<std::string, size_t>> written;
  std::map<std::string, int> taken;
  for (const auto& [unit, leads_of_unit] : by_unit) {
    // A lambda may capture a structured binding from C++20 on, but not in clang 14.
    const auto& unit_leads = leads_of_unit;
    std::string file = UnitFileName(unit, format);
    // Two names that differ only in the characters made "_" get numbers.
    if (const int n = taken[file]++; n > 0)
      file = file.substr(0, file.size() - format.size() - 1) + "_" + std::to_string(n + 1) + "." +
             format;
    const std::string path = (fs::path(temp.path()) / file).string();
    const Status s =
        format == "xlsx"
            ? WriteLeadsXlsx(path, unit_leads, o)
            : WriteOutputFile(path, [&](std::ostream& out) { WriteLeadsCsv(out, unit_leads, o); });
    if (!s.ok()) return s;
    written.emplace_back(file, unit_leads.size());
  }
  // rename() replaces an empty folder, and fails on anything else.
  if (std::rename(temp.path().c_str(), clean_target.c_str()) != 0)
    return Status::Error(Errno(dir + ": cannot put the folder in place"));
  temp.Keep();
  return written;
}

}  // namespace qinglian
