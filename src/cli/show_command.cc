// qinglian show LEAD_ID [--format text|json] [--unmask --reason TEXT]
#include <iostream>

#include "cli/command.h"
#include "cli/context.h"
#include "cli/exit.h"
#include "qinglian/output/lead_format.h"

namespace qinglian::cli {
namespace {

class ShowCommand final : public Command {
 public:
  void Define(CLI::App& app) override {
    app.add_option("lead", opt_.id, "the lead's id")->required();
    app.add_option("--format", opt_.format, "text or json")->check(CLI::IsMember({"text", "json"}));
    DefineUnmask(app, &opt_.unmask);
  }

  int Run(const Globals& g) override {
    if (Status s = CheckUnmask(opt_.unmask); !s.ok()) return Usage(s.message());
    Result<std::unique_ptr<Store>> store = OpenStore(g, StoreAccess::kRead);
    if (!store.ok()) return Fail(store.status());
    Result<StoredLead> lead = (*store)->Lead(opt_.id);
    if (!lead.ok()) return Fail(lead.status());
    Result<std::vector<LeadEvent>> events = (*store)->Events(opt_.id);
    if (!events.ok()) return Fail(events.status());
    AuditEntry audit = MakeAudit(g);
    audit.touched =
        "lead " + std::to_string(opt_.id) + (opt_.unmask.unmask ? ", ID number unmasked" : "");
    if (Status s = LogRead(**store, &audit, opt_.unmask.unmask); !s.ok()) return Fail(s);
    ExportOptions view;
    view.unmask = opt_.unmask.unmask;
    view.lang = g.language();
    view.labels = LabelsFor(g);
    std::cout << (opt_.format == "json" ? LeadJson(*lead, *events, view)
                                        : LeadText(*lead, *events, view));
    return kExitOk;
  }

 private:
  struct {
    int64_t id = 0;
    std::string format = "text";
    UnmaskFlags unmask;
  } opt_;
};

}  // namespace

std::unique_ptr<Command> MakeShowCommand() { return std::make_unique<ShowCommand>(); }

}  // namespace qinglian::cli
