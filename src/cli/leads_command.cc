// qinglian leads [--unit U] [--type T] [--status S] [--run N] [--new] [--changed]
//                [--missing] [--since D] [--until D] [--limit N] [--format table|csv|json]
//                [--unmask --reason TEXT]
#include <iostream>

#include "cli/command.h"
#include "cli/context.h"
#include "cli/exit.h"
#include "qinglian/output/lead_format.h"
#include "qinglian/output/lead_sheet.h"
#include "qinglian/output/report.h"

namespace qinglian::cli {
namespace {

// --new shows the leads of the latest successful run: when a later run
// failed, says so on stderr, so that no new leads is not taken for none found.
void NoteFailedLatestRun(const Globals& g) {
  Result<std::unique_ptr<Store>> store = OpenStore(g, StoreAccess::kRead);
  if (!store.ok()) return;  // the leads were just read from it; nothing to add
  const Result<std::vector<RunRecord>> runs = (*store)->Runs();
  if (!runs.ok() || runs->empty() || runs->back().status == RunStatus::kOk) return;
  int64_t shown = 0;
  for (const RunRecord& r : *runs)
    if (r.status == RunStatus::kOk) shown = r.id;
  Complain(LatestRunNotice(runs->back(), shown, g.language()));
}

class LeadsCommand final : public Command {
 public:
  void Define(CLI::App& app) override {
    DefineLeadFilter(app, &opt_.filter);
    app.add_option("--format", opt_.format, "table, csv or json")
        ->check(CLI::IsMember({"table", "csv", "json"}));
    DefineUnmask(app, &opt_.unmask);
  }

  int Run(const Globals& g) override {
    if (Status s = CheckUnmask(opt_.unmask); !s.ok()) return Usage(s.message());
    const Result<std::vector<StoredLead>> leads = ReadLeads(g, opt_.filter, opt_.unmask, "");
    if (!leads.ok()) return Fail(leads.status());
    if (opt_.filter.only_new) NoteFailedLatestRun(g);
    ExportOptions o;
    o.unmask = opt_.unmask.unmask;
    o.lang = g.language();
    o.labels = LabelsFor(g);
    // With --changed, what changed: the run's change events.
    ChangesByLead changes;
    if (opt_.filter.changed) {
      Result<std::unique_ptr<Store>> store = OpenStore(g, StoreAccess::kRead);
      if (!store.ok()) return Fail(store.status());
      Result<ChangesByLead> in_run = (*store)->ChangesInRun(opt_.filter.run);
      if (!in_run.ok()) return Fail(in_run.status());
      changes = std::move(*in_run);
    }
    const ChangesByLead* shown = opt_.filter.changed ? &changes : nullptr;
    if (opt_.format == "json")
      std::cout << LeadsJson(*leads, o, shown);
    else if (opt_.format == "csv")
      WriteLeadsCsv(std::cout, *leads, o);
    else
      std::cout << LeadsTable(*leads, o, shown);
    return kExitOk;
  }

 private:
  struct {
    LeadFilter filter;
    std::string format = "table";
    UnmaskFlags unmask;
  } opt_;
};

}  // namespace

std::unique_ptr<Command> MakeLeadsCommand() { return std::make_unique<LeadsCommand>(); }

}  // namespace qinglian::cli
