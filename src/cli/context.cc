#include "cli/context.h"

#include <pwd.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cstdlib>

#include "cli/messages.h"
#include "qinglian/base/text.h"
#include "qinglian/core/idcard.h"

namespace qinglian::cli {

Lang Globals::language() const {
  if (!lang.empty())
    if (const std::optional<Lang> l = ParseLang(lang)) return *l;
  return LangFromEnvironment();
}

std::string OsUser() {
  if (const passwd* pw = getpwuid(geteuid()); pw && pw->pw_name) return pw->pw_name;
  if (const char* u = std::getenv("USER"); u && *u) return u;
  return "uid " + std::to_string(geteuid());
}

AuditEntry MakeAudit(const Globals& g) { return MakeAuditEntry(OsUser(), g.command, g.args); }

Result<std::unique_ptr<Store>> OpenStore(const Globals& g, StoreAccess access) {
  StoreOptions o;
  o.access = access;
  if (const char* key = std::getenv("QINGLIAN_AUDIT_KEY"); key && *key) o.audit_key = key;
  return Store::Open(g.db, o);
}

LabelBook LabelsFor(const Globals& g) {
  const Result<Catalog> catalog = LoadCatalogFor(g);
  return catalog.ok() ? catalog->Labels() : LabelBook();
}

Result<Catalog> LoadCatalogFor(const Globals& g, const std::string& models_dir) {
  CatalogOptions o;
  o.data_dir = g.data_dir;
  o.models_dir = models_dir;
  if (o.models_dir.empty())
    if (const char* env = std::getenv("QINGLIAN_MODELS_DIR"); env && *env) o.models_dir = env;
  return LoadCatalog(o);
}

Status LogRead(Store& store, AuditEntry* audit, bool unmasked) {
  Status s = store.AppendAudit(audit, unmasked ? kUnmaskedReadAuditWaitMs : kMaskedReadAuditWaitMs);
  if (s.ok()) return s;
  if (unmasked)
    return Status::Error(s.message() +
                         ": cannot write the audit entry, and full ID numbers are shown only when "
                         "their use is in the audit trail");
  spdlog::warn("{}: this read is not in the audit trail", TerminalText(s.message()));
  return Status::Ok();
}

Status CheckOutput(const Globals& g, const std::string& flag, const std::string& path,
                   const std::vector<std::string>& inputs) {
  if (path.empty()) return Status::Ok();
  std::vector<KeptFile> kept = StoreFiles(g.db);
  for (const std::string& input : inputs) kept.push_back({input, "the input"});
  return CheckOutputPath(path, kept).WithContext(flag + " " + path);
}

void DefinePersonFilter(CLI::App& app, LeadFilter* f) {
  app.add_option("--unit", f->unit, "a unit's name, or a part of it that names one unit");
  app.add_option("--type", f->type,
                 "lead type or group: drink_driving, 醉驾, 黄赌毒, 酒驾醉驾, "
                 "subsidy_while_employed, ...");
  app.add_option("--status", f->status, "new 新线索, transferred 移交核查 or closed 办结")
      ->check(
          [](const std::string& s) {
            return ParseTerm<LeadStatus>(s)
                       ? std::string()
                       : Say(Msg::kUnknownStatus, s, Choices<LeadStatus>(MessageLang()));
          },
          "STATUS");
  app.add_option("--person", f->person,
                 "a person's name, a part of it that names one person, or an ID number");
}

void DefineLeadFilter(CLI::App& app, LeadFilter* f) {
  DefinePersonFilter(app, f);
  app.add_option("--run", f->run, "leads found by this run");
  app.add_flag("--new", f->only_new, "leads first found by the latest run");
  app.add_flag("--changed", f->changed,
               "leads whose evidence changed in the run given by --run (default the latest)");
  app.add_flag("--missing", f->missing,
               "leads whose record a snapshot run did not find (run --snapshot)");
  app.add_flag("--overdue", f->overdue,
               "transferred leads past their deadline (dispose --due-days)");
  app.add_option("--since", f->since, "offence date on or after");
  app.add_option("--until", f->until, "offence date on or before");
  app.add_option("--limit", f->limit, "at most this many leads")->check(CLI::PositiveNumber);
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

std::string LeadsTouched(size_t n, const UnmaskFlags& f) {
  return std::to_string(n) + (n == 1 ? " lead" : " leads") +
         (f.unmask ? ", ID numbers unmasked" : "");
}

Result<std::vector<StoredLead>> ReadLeads(const Globals& g, const LeadFilter& filter,
                                          const UnmaskFlags& unmask,
                                          const std::string& touched_suffix) {
  Result<std::unique_ptr<Store>> store = OpenStore(g, StoreAccess::kRead);
  if (!store.ok()) return store.status();
  Result<Catalog> catalog = LoadCatalogFor(g);
  if (!catalog.ok()) return catalog.status();
  Result<LeadQuery> query = ResolveLeadFilter(filter, **store, *catalog);
  if (!query.ok()) return LogFailedSearch(g, **store, filter, query.status());
  Result<std::vector<StoredLead>> leads = (*store)->Leads(*query);
  if (!leads.ok()) return leads.status();
  AuditEntry audit = MakeAudit(g);
  audit.touched =
      LeadsTouched(leads->size(), unmask) + PersonTouched(query->id_number) + touched_suffix;
  if (Status s = LogRead(**store, &audit, unmask.unmask); !s.ok()) return s;
  return leads;
}

Status LogFailedSearch(const Globals& g, Store& store, const LeadFilter& f, const Status& error) {
  if (f.person.empty()) return error;
  AuditEntry audit = MakeAudit(g);
  // The messages of MatchPerson mask ID numbers; this masks any other.
  audit.touched = "search for a person, nothing shown: " + MaskIdNumbersIn(error.message());
  // A masked read: LogRead only warns when the entry cannot be written.
  (void)LogRead(store, &audit, /*unmasked=*/false);
  return error;
}

std::string PersonTouched(const std::string& id_number) {
  return id_number.empty() ? "" : ", person " + MaskIdNumber(id_number);
}

void DefineInputFlags(CLI::App& app, InputFlags* f) {
  app.add_option("--encoding", f->encoding, "auto, utf-8, gb18030 or utf-16");
  app.add_option("--map", f->map, "name a column the aliases do not know: 'HEADER=field'");
}

Result<LoadOptions> MakeLoadOptions(const InputFlags& f) {
  LoadOptions load;
  const Result<Encoding> encoding = ParseEncodingName(f.encoding);
  if (!encoding.ok()) return encoding.status();
  load.encoding = *encoding;
  load.column_map = f.map;
  return load;
}

}  // namespace qinglian::cli
