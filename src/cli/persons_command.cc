// qinglian persons [--unit U] [--type T] [--status S] [--person TEXT]
//                  [--min-leads N] [--format table|csv|json] [--out FILE]
//                  [--unmask --reason TEXT]
#include <iostream>

#include "cli/command.h"
#include "cli/context.h"
#include "cli/exit.h"
#include "cli/messages.h"
#include "qinglian/output/person_format.h"

namespace qinglian::cli {
namespace {

class PersonsCommand final : public Command {
 public:
  void Define(CLI::App& app) override {
    DefinePersonFilter(app, &opt_.filter);
    app.add_option("--min-leads", opt_.min_leads,
                   "persons with at least this many leads (2: repeat offenders)")
        ->check(CLI::PositiveNumber);
    app.add_option("--format", opt_.format, "table, csv or json")
        ->check(CLI::IsMember({"table", "csv", "json"}));
    app.add_option("--out", opt_.out, "write to this file instead of the screen");
    DefineUnmask(app, &opt_.unmask);
  }

  int Run(const Globals& g) override {
    if (Status s = CheckUnmask(opt_.unmask); !s.ok()) return Usage(s.message());
    if (Status s = CheckOutput(g, "--out", opt_.out); !s.ok()) return Usage(s.message());
    Result<std::unique_ptr<Store>> store = OpenStore(g, StoreAccess::kRead);
    if (!store.ok()) return Fail(store.status());
    Result<Catalog> catalog = LoadCatalogFor(g);
    if (!catalog.ok()) return Fail(catalog.status());
    const Result<PersonQuery> query =
        ResolvePersonFilter(opt_.filter, opt_.min_leads, **store, *catalog);
    if (!query.ok()) return Fail(LogFailedSearch(g, **store, opt_.filter, query.status()));
    const Result<std::vector<PersonSummary>> persons = (*store)->Persons(*query);
    if (!persons.ok()) return Fail(persons.status());

    size_t leads = 0;
    for (const PersonSummary& p : *persons) leads += p.lead_ids.size();
    AuditEntry audit = MakeAudit(g);
    audit.touched = std::to_string(persons->size()) +
                    (persons->size() == 1 ? " person, " : " persons, ") +
                    LeadsTouched(leads, opt_.unmask) + PersonTouched(query->id_number) +
                    (opt_.out.empty() ? "" : " to " + opt_.out);
    if (Status s = LogRead(**store, &audit, opt_.unmask.unmask); !s.ok()) return Fail(s);

    ExportOptions o;
    o.unmask = opt_.unmask.unmask;
    // A CSV is for the units, as `export` writes it: Chinese unless asked otherwise.
    o.lang = opt_.format == "csv" && g.lang.empty() ? Lang::kZh : g.language();
    const LabelBook labels = catalog->Labels();
    const auto write = [&](std::ostream& out) {
      if (opt_.format == "json")
        out << PersonsJson(*persons, o);
      else if (opt_.format == "csv")
        WritePersonsCsv(out, *persons, labels, o);
      else
        out << PersonsTable(*persons, labels, o);
    };
    if (opt_.out.empty()) {
      write(std::cout);
      return kExitOk;
    }
    if (Status s = WriteOutputFile(opt_.out, write); !s.ok()) return Fail(s);
    std::cout << Say(persons->size() == 1 ? Msg::kPersonWritten : Msg::kPersonsWritten, opt_.out,
                     persons->size())
              << "\n";
    return kExitOk;
  }

 private:
  struct {
    LeadFilter filter;
    int64_t min_leads = 0;
    std::string format = "table";
    std::string out;
    UnmaskFlags unmask;
  } opt_;
};

}  // namespace

std::unique_ptr<Command> MakePersonsCommand() { return std::make_unique<PersonsCommand>(); }

}  // namespace qinglian::cli
