// qinglian audit [verify [--expect HASH] | head]: the audit trail, the check
// of its chains, and its head for an outside anchor.
#include <iostream>

#include "cli/command.h"
#include "cli/context.h"
#include "cli/exit.h"
#include "cli/messages.h"
#include "qinglian/output/audit_log.h"

namespace qinglian::cli {
namespace {

class AuditCommand final : public Command {
 public:
  void Define(CLI::App& app) override {
    app.add_option("action", opt_.action,
                   "verify: check the trail, the leads and their history; head: print the head "
                   "hash to keep outside the database")
        ->check(CLI::IsMember({"verify", "head"}));
    app.add_option("--expect", opt_.expect,
                   "with verify: fail unless the trail still reaches this head hash");
  }

  int Run(const Globals& g) override {
    if (!opt_.expect.empty() && opt_.action != "verify")
      return Usage("--expect is only for verify");
    Result<std::unique_ptr<Store>> store = OpenStore(g, StoreAccess::kRead);
    if (!store.ok()) return Fail(store.status());
    if (opt_.action == "verify") {
      Result<AuditCheck> check = (*store)->VerifyAudit(opt_.expect);
      if (!check.ok()) return Fail(check.status());
      if (check->needs_key) return Fail(Say(Msg::kAuditCannotVerify, g.db, check->problem));
      if (!check->intact()) return Fail(Say(Msg::kAuditBroken, g.db, check->problem));
      std::cout << Say(Msg::kAuditIntact, check->entries, check->leads, check->events, check->head)
                << "\n";
      return kExitOk;
    }
    if (opt_.action == "head") {
      Result<AuditHead> head = (*store)->Head();
      if (!head.ok()) return Fail(head.status());
      if (head->hash.empty()) return Fail(Say(Msg::kAuditEmpty, g.db));
      std::cout << Say(Msg::kAuditHead, head->hash, head->entries) << "\n";
      return kExitOk;
    }
    Result<std::vector<AuditEntry>> log = (*store)->AuditLog();
    if (!log.ok()) return Fail(log.status());
    std::cout << FormatAuditLog(*log, g.language());
    return kExitOk;
  }

 private:
  struct {
    std::string action, expect;
  } opt_;
};

}  // namespace

std::unique_ptr<Command> MakeAuditCommand() { return std::make_unique<AuditCommand>(); }

}  // namespace qinglian::cli
