// qinglian report [--format text|json|html] [--lang zh|en] [--out FILE] [--run N]
#include <cstdlib>
#include <iostream>

#include "cli/command.h"
#include "cli/util.h"
#include "qinglian/compare/model.h"
#include "qinglian/output/report.h"

namespace qinglian::cli {
namespace {

struct ReportFlags {
  std::string format = "text", lang, out, models_dir;
  int64_t run = 0;
} opt;

}  // namespace

ReportOptions MakeReportOptions(const std::string& lang, const std::string& models_dir) {
  ReportOptions o;
  o.lang = lang.empty() ? LangFromEnvironment() : ParseLang(lang).value_or(Lang::kZh);
  // Titles are a nicety: without the model files the report names the models.
  const Result<std::vector<Model>> models = LoadModels(FindModelsDir(models_dir));
  if (models.ok())
    for (const Model& m : *models) o.titles[m.name] = o.lang == Lang::kZh ? m.data_zh : m.data_en;
  return o;
}

void DefineReport(CLI::App& app) {
  app.add_option("--format", opt.format, "text, json or html")
      ->check(CLI::IsMember({"text", "json", "html"}));
  app.add_option("--lang", opt.lang, "zh or en (default: from the locale)")
      ->check(CLI::IsMember({"zh", "en"}));
  app.add_option("--out", opt.out, "write to this file instead of standard output");
  app.add_option("--run", opt.run, "report the coverage of this run (default: the latest)");
  app.add_option("--models-dir", opt.models_dir, "directory of model files, for their titles");
}

int RunReportCommand(const GlobalOptions& g) {
  if (Status s = CheckOutput(g, "--out", opt.out); !s.ok()) return Usage(s.message());
  Result<std::unique_ptr<Store>> store = OpenStore(g, StoreAccess::kRead);
  if (!store.ok()) return Fail(store.error());
  Result<ReportFigures> figures = (*store)->Figures(opt.run);
  if (!figures.ok()) return Fail(figures.error());
  AuditEntry audit = MakeAudit(g);
  audit.touched = "report of run " + std::to_string(figures->run.id) + ", " +
                  std::to_string(figures->total.found) + " leads";
  if (Status s = LogRead(**store, &audit, /*unmasked=*/false); !s.ok()) return Fail(s.message());
  const ReportOptions o = MakeReportOptions(opt.lang, opt.models_dir);
  const std::string text = opt.format == "json"   ? FormatReportJson(*figures)
                           : opt.format == "html" ? FormatReportHtml(*figures, o)
                                                  : FormatReportText(*figures, o);
  if (opt.out.empty()) {
    std::cout << text;
    return kExitOk;
  }
  if (Status s = WriteOutputFile(opt.out, [&](std::ostream& out) { out << text; }); !s.ok())
    return Fail(s.message());
  std::cout << opt.out << "\n";
  return kExitOk;
}

}  // namespace qinglian::cli
