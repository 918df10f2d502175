// Helpers shared by the commands: who is running, where the models are, the
// store, and the flags several commands take.
#ifndef QINGLIAN_CLI_UTIL_H_
#define QINGLIAN_CLI_UTIL_H_

#include <memory>
#include <optional>
#include <string>

#include "cli/command.h"
#include "qinglian/app/gen.h"
#include "qinglian/base/output_file.h"
#include "qinglian/input/loader.h"
#include "qinglian/output/report.h"
#include "qinglian/store/store.h"

namespace qinglian::cli {

// Exit code of a run refused because a file's reject rate passed the limit.
constexpr int kExitRejected = 3;

// The OS user name, for run records, lead events and the audit trail.
std::string OsUser();

// The models directory: --models-dir, else $QINGLIAN_MODELS_DIR, else the one
// installed beside the program (../share/qinglian/models), else the source
// tree's data/models when running from a build directory inside it.
std::string FindModelsDir(const std::string& flag);

// An audit entry for the command being run, by the OS user.
AuditEntry MakeAudit(const GlobalOptions& g);

// Opens the store named by --db for what the command needs, with the audit
// key from $QINGLIAN_AUDIT_KEY.
Result<std::unique_ptr<Store>> OpenStore(const GlobalOptions& g, StoreAccess access);
// kCreate for commands that write a run, else kWrite.
Result<std::unique_ptr<Store>> OpenStore(const GlobalOptions& g, bool create);

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

// Applies an outcomes file (dispose --file): all rows or none. Prints every
// bad line; returns the exit code.
int DisposeFile(Store& store, const std::string& path, AuditEntry* audit);

// Writes the three synthetic exports into `dir`, printing their paths to `log`.
Status GenerateInto(const std::string& dir, const GenOptions& options, std::ostream& log);

// The report's language and model titles (lang empty: from the locale).
ReportOptions MakeReportOptions(const std::string& lang, const std::string& models_dir);

// Refuses an output that would replace the store named by --db or one of the
// command's inputs: "--out PATH: refusing to overwrite the store q.db".
// An empty path is no output.
Status CheckOutput(const GlobalOptions& g, const std::string& flag, const std::string& path,
                   const std::vector<std::string>& inputs = {});

// Prints "qinglian: <message>" on stderr and returns kExitUsage.
int Usage(const std::string& message);

// The lead filters of `leads` and `export`, as users type them.
struct LeadFilterFlags {
  std::string unit, type, status, since, until;
  int64_t run = 0;
  int64_t limit = 0;
  bool only_new = false;
};
void DefineLeadFilters(CLI::App& app, LeadFilterFlags* f);
// Turns the flags into a query: a unit by its name or a unique part of it, a
// type by its code or Chinese label; an unknown or ambiguous value is an
// error listing the choices.
Result<LeadQuery> ResolveLeadFilters(const LeadFilterFlags& f, Store& store);

// --unmask --reason TEXT: full ID numbers, for a stated reason.
struct UnmaskFlags {
  bool unmask = false;
  std::string reason;
};
void DefineUnmask(CLI::App& app, UnmaskFlags* f);
Status CheckUnmask(const UnmaskFlags& f);
// "12 leads", "12 leads, ID numbers unmasked": what an audit entry touched.
std::string LeadsTouched(size_t n, const UnmaskFlags& f);

// The leads the filters select, read out of the store named by --db, with
// the audit entry that says so ("12 leads" and `touched_suffix`).
Result<std::vector<StoredLead>> ReadLeads(const GlobalOptions& g, const LeadFilterFlags& filters,
                                          const UnmaskFlags& unmask,
                                          const std::string& touched_suffix);

// The rejects file of check, run and demo: rows are written as they come,
// Finish() makes sure every one of them is on disk, and the file appears whole
// at Commit(). Without a path it writes nothing.
class RejectsFile {
 public:
  Status Open(const std::string& path);
  RejectSink sink();
  Status Finish();
  Status Commit();

 private:
  std::optional<OutputFile> file_;
};

}  // namespace qinglian::cli

#endif  // QINGLIAN_CLI_UTIL_H_
