// qinglian report [--format text|json|html] [--lang zh|en] [--out FILE] [--run N]
#include <iostream>

#include "cli/command.h"
#include "cli/context.h"
#include "cli/exit.h"
#include "qinglian/output/report.h"

namespace qinglian::cli {
namespace {

class ReportCommand final : public Command {
 public:
  void Define(CLI::App& app) override {
    app.add_option("--format", opt_.format, "text, json or html")
        ->check(CLI::IsMember({"text", "json", "html"}));
    app.add_option("--out", opt_.out, "write to this file instead of standard output");
    app.add_option("--run", opt_.run,
                   "report what this run saw: its coverage and the leads it found or saw again "
                   "(default: the latest successful run, and every lead)");
    app.add_option("--models-dir", opt_.models_dir, "directory of model files, for their titles");
  }

  int Run(const Globals& g) override {
    if (Status s = CheckOutput(g, "--out", opt_.out); !s.ok()) return Usage(s.message());
    Result<std::unique_ptr<Store>> store = OpenStore(g, StoreAccess::kRead);
    if (!store.ok()) return Fail(store.status());
    Result<ReportFigures> figures = (*store)->Figures(opt_.run);
    if (!figures.ok()) return Fail(figures.status());
    AuditEntry audit = MakeAudit(g);
    audit.touched = "report of run " + std::to_string(figures->run.id) + ", " +
                    std::to_string(figures->total.found) + " leads";
    if (Status s = LogRead(**store, &audit, /*unmasked=*/false); !s.ok()) return Fail(s);
    ReportOptions o;
    o.lang = g.language();
    // The names of types and models are a nicety: without the data files the
    // report shows their codes.
    if (const Result<Catalog> catalog = LoadCatalogFor(g, opt_.models_dir); catalog.ok())
      o.labels = catalog->Labels();
    const std::string text = opt_.format == "json"   ? FormatReportJson(*figures, o)
                             : opt_.format == "html" ? FormatReportHtml(*figures, o)
                                                     : FormatReportText(*figures, o);
    if (opt_.out.empty()) {
      std::cout << text;
      return kExitOk;
    }
    if (Status s = WriteOutputFile(opt_.out, [&](std::ostream& out) { out << text; }); !s.ok())
      return Fail(s);
    std::cout << opt_.out << "\n";
    return kExitOk;
  }

 private:
  struct {
    std::string format = "text", out, models_dir;
    int64_t run = 0;
  } opt_;
};

}  // namespace

std::unique_ptr<Command> MakeReportCommand() { return std::make_unique<ReportCommand>(); }

}  // namespace qinglian::cli
