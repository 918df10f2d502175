#include "cli/util.h"

#include <pwd.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <tuple>

#include "qinglian/base/text.h"
#include "qinglian/core/audit.h"
#include "qinglian/core/units.h"

namespace qinglian::cli {

std::string OsUser() {
  if (const passwd* pw = getpwuid(geteuid()); pw && pw->pw_name) return pw->pw_name;
  if (const char* u = std::getenv("USER"); u && *u) return u;
  return "uid " + std::to_string(geteuid());
}

std::string FindModelsDir(const std::string& flag) {
  if (!flag.empty()) return flag;
  if (const char* env = std::getenv("QINGLIAN_MODELS_DIR"); env && *env) return env;
  std::error_code ec;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    for (const char* rel : {"../share/qinglian/models", "../data/models"}) {
      const std::filesystem::path dir = exe.parent_path() / rel;
      if (std::filesystem::is_directory(dir, ec)) return dir.lexically_normal().string();
    }
  }
  return "/usr/local/share/qinglian/models";
}

Result<std::unique_ptr<Store>> OpenStore(const GlobalOptions& g, StoreAccess access) {
  StoreOptions o;
  o.access = access;
  if (const char* key = std::getenv("QINGLIAN_AUDIT_KEY"); key && *key) o.audit_key = key;
  return Store::Open(g.db, o);
}

Result<std::unique_ptr<Store>> OpenStore(const GlobalOptions& g, bool create) {
  return OpenStore(g, create ? StoreAccess::kCreate : StoreAccess::kWrite);
}

Status LogRead(Store& store, AuditEntry* audit, bool unmasked) {
  Status s = store.AppendAudit(audit, unmasked ? kUnmaskedReadAuditWaitMs : kMaskedReadAuditWaitMs);
  if (s.ok()) return s;
  if (unmasked)
    return Status::Error(s.message() +
                         ": cannot write the audit entry, and full ID numbers are shown only when "
                         "their use is in the audit trail");
  spdlog::warn("{}: this read is not in the audit trail", s.message());
  return Status::Ok();
}

AuditEntry MakeAudit(const GlobalOptions& g) { return MakeAuditEntry(OsUser(), g.command, g.args); }

Status CheckOutput(const GlobalOptions& g, const std::string& flag, const std::string& path,
                   const std::vector<std::string>& inputs) {
  if (path.empty()) return Status::Ok();
  std::vector<KeptFile> kept = StoreFiles(g.db);
  for (const std::string& input : inputs) kept.push_back({input, "the input"});
  return CheckOutputPath(path, kept).WithContext(flag + " " + path);
}

int Usage(const std::string& message) {
  std::cerr << "qinglian: " << message << "\n";
  return kExitUsage;
}

void DefineLeadFilters(CLI::App& app, LeadFilterFlags* f) {
  app.add_option("--unit", f->unit, "a unit's name, or a part of it that names one unit");
  app.add_option("--type", f->type,
                 "offence type: drink_driving, drunk_driving, prostitution, gambling, drugs, or "
                 "醉驾, 赌博, ...");
  app.add_option("--status", f->status, "new 新线索, transferred 移交核查 or closed 办结")
      ->check(
          [](const std::string& s) {
            return ParseTerm<LeadStatus>(s)
                       ? std::string()
                       : "unknown status '" + s + "' (" + Choices<LeadStatus>(Lang::kEn) + ")";
          },
          "STATUS");
  app.add_option("--run", f->run, "leads found by this run");
  app.add_flag("--new", f->only_new, "leads first found by the latest run");
  app.add_option("--since", f->since, "offence date on or after");
  app.add_option("--until", f->until, "offence date on or before");
  app.add_option("--limit", f->limit, "at most this many leads")->check(CLI::PositiveNumber);
}

Result<LeadQuery> ResolveLeadFilters(const LeadFilterFlags& f, Store& store) {
  LeadQuery q;
  if (!f.status.empty()) {
    q.status = ParseTerm<LeadStatus>(f.status);
    if (!q.status)
      return Status::Error("--status: unknown status '" + f.status + "' (" +
                           Choices<LeadStatus>(Lang::kEn) + ")");
  }
  q.run = f.run;
  q.created_in_latest_run = f.only_new;
  q.limit = f.limit;
  if (!f.type.empty()) {
    const std::optional<OffenceType> t = ParseOffenceType(f.type);
    if (!t)
      return Status::Error("--type: unknown type '" + f.type +
                           "' (types: drink_driving 酒驾, drunk_driving 醉驾, "
                           "prostitution 嫖娼, gambling 赌博, drugs 吸毒)");
    q.type = OffenceTypeCode(*t);
  }
  for (auto [flag, text, date] :
       {std::tuple{"--since", &f.since, &q.since}, {"--until", &f.until, &q.until}}) {
    if (text->empty()) continue;
    const Result<Date> d = ParseDate(*text);
    if (!d.ok()) return Status::Error(std::string(flag) + ": " + d.error());
    *date = *d;
  }
  if (!f.unit.empty()) {
    Result<std::vector<std::string>> units = store.Units();
    if (!units.ok()) return units.status();
    Result<std::string> unit = MatchUnit(f.unit, *units);
    if (!unit.ok()) return unit.status().WithContext("--unit");
    q.unit = *unit;
  }
  return q;
}

void DefineUnmask(CLI::App& app, UnmaskFlags* f) {
  app.add_flag("--unmask", f->unmask, "show full ID numbers (needs --reason; the use is logged)");
  app.add_option("--reason", f->reason, "why full ID numbers are needed");
}

namespace {

// Whether `s` holds something a reader can see: not only blanks (the
// ideographic space too), control characters or invisible format characters.
bool HasVisibleText(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const char32_t cp = NextCodePoint(s, &i);
    const bool invisible = IsBlank(cp) || cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0xAD ||
                           (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202E) ||
                           (cp >= 0x2060 && cp <= 0x2064) || cp == 0xFEFF;
    if (!invisible) return true;
  }
  return false;
}

}  // namespace

Status CheckUnmask(const UnmaskFlags& f) {
  if (f.unmask && !HasVisibleText(f.reason))
    return Status::Error(
        "--unmask needs --reason TEXT: full ID numbers are shown only for a stated reason");
  if (!f.unmask && !f.reason.empty()) return Status::Error("--reason is only for --unmask");
  return Status::Ok();
}

Result<std::vector<StoredLead>> ReadLeads(const GlobalOptions& g, const LeadFilterFlags& filters,
                                          const UnmaskFlags& unmask,
                                          const std::string& touched_suffix) {
  Result<std::unique_ptr<Store>> store = OpenStore(g, StoreAccess::kRead);
  if (!store.ok()) return store.status();
  Result<LeadQuery> query = ResolveLeadFilters(filters, **store);
  if (!query.ok()) return query.status();
  Result<std::vector<StoredLead>> leads = (*store)->Leads(*query);
  if (!leads.ok()) return leads.status();
  AuditEntry audit = MakeAudit(g);
  audit.touched = LeadsTouched(leads->size(), unmask) + touched_suffix;
  if (Status s = LogRead(**store, &audit, unmask.unmask); !s.ok()) return s;
  return leads;
}

Status RejectsFile::Open(const std::string& path) {
  if (path.empty()) return Status::Ok();
  Result<OutputFile> file = OutputFile::Create(path);
  if (!file.ok()) return file.status();
  file_ = std::move(file.value());
  WriteRejectsHeader(file_->stream());
  return Status::Ok();
}

RejectSink RejectsFile::sink() {
  if (!file_) return nullptr;
  return [this](const Reject& r) { WriteReject(file_->stream(), r); };
}

Status RejectsFile::Finish() { return file_ ? file_->Finish() : Status::Ok(); }

Status RejectsFile::Commit() { return file_ ? file_->Commit() : Status::Ok(); }

std::string LeadsTouched(size_t n, const UnmaskFlags& f) {
  return std::to_string(n) + (n == 1 ? " lead" : " leads") +
         (f.unmask ? ", ID numbers unmasked" : "");
}

}  // namespace qinglian::cli
