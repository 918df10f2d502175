// qinglian audit [verify]: the audit trail, and the check of its hash chain.
#include "qinglian/audit.h"

#include <iostream>

#include "cli/command.h"
#include "cli/util.h"

namespace qinglian::cli {
namespace {

struct AuditFlags {
  std::string action;
} opt;

}  // namespace

void DefineAudit(CLI::App& app) {
  app.add_option("action", opt.action, "verify: recompute the hash chain")
      ->check(CLI::IsMember({"verify"}));
}

int RunAudit(const GlobalOptions& g) {
  Result<std::unique_ptr<Store>> store = OpenStore(g, StoreAccess::kRead);
  if (!store.ok()) return Fail(store.error());
  if (opt.action == "verify") {
    Result<AuditCheck> check = (*store)->VerifyAudit();
    if (!check.ok()) return Fail(check.error());
    if (check->first_bad)
      return Fail(g.db + ": audit trail broken at entry " + std::to_string(check->first_bad) +
                  ": " + check->problem);
    std::cout << "audit trail intact: " << check->entries << " entries\n";
    return kExitOk;
  }
  Result<std::vector<AuditEntry>> log = (*store)->AuditLog();
  if (!log.ok()) return Fail(log.error());
  std::cout << FormatAuditLog(*log);
  return kExitOk;
}

}  // namespace qinglian::cli
