// qinglian leads [--unit U] [--type T] [--status S] [--run N] [--new] [--changed]
//                [--missing] [--since D] [--until D] [--limit N] [--format table|csv|json]
//                [--unmask --reason TEXT]
#include <iostream>

#include "cli/command.h"
#include "cli/context.h"
#include "cli/exit.h"
#include "qinglian/output/lead_format.h"
#include "qinglian/output/lead_sheet.h"

namespace qinglian::cli {
namespace {

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
    ExportOptions o;
    o.unmask = opt_.unmask.unmask;
    o.lang = g.language();
    // With --changed, what changed: the run's change events.
    ChangesByLead changes;
    const Result<Catalog> catalog = LoadCatalogFor(g);
    if (!catalog.ok()) return Fail(catalog.status());
    const LabelBook labels = catalog->Labels();
    o.labels = &labels;
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
