// qinglian export --out FILE [--format csv|xlsx] [--lang zh|en] [the filters of leads]
//                 [--unmask --reason TEXT]
// qinglian export --per-unit --out DIR [--format csv|xlsx] ...: one file per unit
// qinglian export --template feedback --out FILE ...: the units' feedback form,
//                 read back by dispose --file
#include <iostream>

#include "cli/command.h"
#include "cli/context.h"
#include "cli/exit.h"
#include "cli/messages.h"
#include "qinglian/app/unit_export.h"
#include "qinglian/base/text.h"
#include "qinglian/output/lead_sheet.h"

namespace qinglian::cli {
namespace {

class ExportCommand final : public Command {
 public:
  void Define(CLI::App& app) override {
    app.add_option("--out", opt_.out, "the file to write (with --per-unit: the folder)")
        ->required();
    app.add_flag("--per-unit", opt_.per_unit,
                 "one file per unit in the folder --out, all written or none (default CSV)");
    app.add_option("--format", opt_.format, "csv or xlsx (default: from the file's extension)")
        ->check(CLI::IsMember({"csv", "xlsx"}));
    app.add_option("--template", opt_.template_name,
                   "feedback: a form for the units, read back by 'dispose --file'")
        ->check(CLI::IsMember({"leads", "feedback"}));
    DefineLeadFilter(app, &opt_.filter);
    DefineUnmask(app, &opt_.unmask);
  }

  int Run(const Globals& g) override {
    if (Status s = CheckUnmask(opt_.unmask); !s.ok()) return Usage(s.message());
    if (Status s = CheckOutput(g, "--out", opt_.out); !s.ok()) return Usage(s.message());
    std::string format = opt_.format;
    if (format.empty()) format = opt_.out.ends_with(".xlsx") && !opt_.per_unit ? "xlsx" : "csv";
    const Result<std::vector<StoredLead>> leads =
        ReadLeads(g, opt_.filter, opt_.unmask, " to " + opt_.out);
    if (!leads.ok()) return Fail(leads.status());

    ExportOptions o;
    o.unmask = opt_.unmask.unmask;
    // A file for the units: Chinese unless asked otherwise, whatever the locale.
    o.lang = g.lang.empty() ? Lang::kZh : g.language();
    o.labels = LabelsFor(g);
    const bool feedback = opt_.template_name == "feedback";
    if (feedback && opt_.per_unit)
      return Usage("export: --template feedback writes one file; leave out --per-unit");
    if (opt_.per_unit) return PerUnit(g, *leads, format, o);
    const auto csv = feedback ? WriteFeedbackCsv : WriteLeadsCsv;
    const Status s =
        format == "xlsx"
            ? (feedback ? WriteFeedbackXlsx : WriteLeadsXlsx)(opt_.out, *leads, o)
            : WriteOutputFile(opt_.out, [&](std::ostream& out) { csv(out, *leads, o); });
    if (!s.ok()) return Fail(s);
    std::cout << Say(Msg::kLeadsWritten, opt_.out, leads->size()) << "\n";
    return kExitOk;
  }

 private:
  struct {
    std::string out, format, template_name = "leads";
    LeadFilter filter;
    UnmaskFlags unmask;
    bool per_unit = false;
  } opt_;

  int PerUnit(const Globals& g, const std::vector<StoredLead>& leads, const std::string& format,
              const ExportOptions& o) {
    Result<std::unique_ptr<Store>> store = OpenStore(g, StoreAccess::kRead);
    if (!store.ok()) return Fail(store.status());
    Result<std::vector<UnitAlias>> aliases = (*store)->UnitAliases();
    if (!aliases.ok()) return Fail(aliases.status());
    const Result<std::vector<std::pair<std::string, size_t>>> files =
        ExportPerUnit(opt_.out, leads, *aliases, format, o);
    if (!files.ok()) return Fail(files.status());
    for (const auto& [file, n] : *files)
      std::cout << TerminalText(Say(Msg::kLeadsWritten, opt_.out + "/" + file, n)) << "\n";
    std::cout << Say(Msg::kUnitsWritten, opt_.out, files->size(), leads.size()) << "\n";
    return kExitOk;
  }
};

}  // namespace

std::unique_ptr<Command> MakeExportCommand() { return std::make_unique<ExportCommand>(); }

}  // namespace qinglian::cli
