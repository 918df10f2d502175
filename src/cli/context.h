// What the commands share: who is running, the store and the data files the
// global flags name, the audit entries, and the flags several commands take.
#ifndef QINGLIAN_CLI_CONTEXT_H_
#define QINGLIAN_CLI_CONTEXT_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/command.h"
#include "qinglian/app/catalog.h"
#include "qinglian/app/lead_filter.h"
#include "qinglian/base/output_file.h"
#include "qinglian/core/audit.h"
#include "qinglian/input/loader.h"
#include "qinglian/input/rejects_file.h"
#include "qinglian/store/store.h"

namespace qinglian::cli {

// The OS user name, for run records, lead events and the audit trail.
std::string OsUser();

// An audit entry for the command being run, by the OS user.
AuditEntry MakeAudit(const Globals& g);

// Opens the store named by --db for what the command needs, with the audit
// key from $QINGLIAN_AUDIT_KEY.
Result<std::unique_ptr<Store>> OpenStore(const Globals& g, StoreAccess access);

// The data files (kinds, vocabulary, models) for --data-dir and `models_dir`.
Result<Catalog> LoadCatalogFor(const Globals& g, const std::string& models_dir = "");
// The names of types, kinds and fields for screens and exports; codes where
// the data files cannot be read (the command that needs them says why).
LabelBook LabelsFor(const Globals& g);

// How long a reading command's audit entry waits for a run's write lock. A
// run holds it only for its store phase (seconds even for 10^5 leads), but a
// reader is not kept waiting for it: a masked read waits briefly, and a read
// that shows full ID numbers, which must be logged, waits as long as any
// writer does.
constexpr int kMaskedReadAuditWaitMs = 2000;
constexpr int kUnmaskedReadAuditWaitMs = 10000;

// Appends the audit entry of a reading command, after its read. Full ID
// numbers are shown only once their entry is written: then a failure is an
// error. A masked read whose entry cannot be written (a read-only store, a
// lock held past the wait) goes ahead with a warning on stderr.
Status LogRead(Store& store, AuditEntry* audit, bool unmasked);

// Refuses an output that would replace the store named by --db or one of the
// command's inputs: "--out PATH: refusing to overwrite the store q.db".
// An empty path is no output.
Status CheckOutput(const Globals& g, const std::string& flag, const std::string& path,
                   const std::vector<std::string>& inputs = {});

// --unit --type --status --person: the filters `leads` and `persons` share.
void DefinePersonFilter(CLI::App& app, LeadFilter* f);
// DefinePersonFilter's, then --run --new --changed --missing --since --until --limit
void DefineLeadFilter(CLI::App& app, LeadFilter* f);

// A search for a person (--person) is in the audit trail even when it finds
// nobody: appends an entry saying so (the message names no full ID number)
// and returns `error`. Other errors are returned as they are.
Status LogFailedSearch(const Globals& g, Store& store, const LeadFilter& f, const Status& error);
// ", person 430102********9016" for an audit entry; empty for no person.
std::string PersonTouched(const std::string& id_number);

// --unmask --reason TEXT: full ID numbers, for a stated reason.
struct UnmaskFlags {
  bool unmask = false;
  std::string reason;
};
void DefineUnmask(CLI::App& app, UnmaskFlags* f);
Status CheckUnmask(const UnmaskFlags& f);
// "12 leads", "12 leads, ID numbers unmasked": what an audit entry touched.
std::string LeadsTouched(size_t n, const UnmaskFlags& f);

// The leads the filter selects, read out of the store named by --db, with
// the audit entry that says so ("12 leads" and `touched_suffix`).
Result<std::vector<StoredLead>> ReadLeads(const Globals& g, const LeadFilter& filter,
                                          const UnmaskFlags& unmask,
                                          const std::string& touched_suffix);

// --encoding and --map, as every command that reads inputs takes them.
struct InputFlags {
  std::string encoding = "auto";
  std::vector<std::string> map;
};
void DefineInputFlags(CLI::App& app, InputFlags* f);
Result<LoadOptions> MakeLoadOptions(const InputFlags& f);

}  // namespace qinglian::cli

#endif  // QINGLIAN_CLI_CONTEXT_H_
