// qinglian export --out FILE [--format csv|xlsx] [--lang zh|en] [the filters of leads]
#include <iostream>

#include "cli/command.h"
#include "cli/util.h"
#include "qinglian/output/lead_format.h"
#include "qinglian/output/lead_sheet.h"

namespace qinglian::cli {
namespace {

struct ExportFlags {
  std::string out, format, lang = "zh";
  LeadFilterFlags filter;
  UnmaskFlags unmask;
} opt;

}  // namespace

void DefineExport(CLI::App& app) {
  app.add_option("--out", opt.out, "the file to write")->required();
  app.add_option("--format", opt.format, "csv or xlsx (default: from the file's extension)")
      ->check(CLI::IsMember({"csv", "xlsx"}));
  app.add_option("--lang", opt.lang, "column headings: zh or en")
      ->check(CLI::IsMember({"zh", "en"}));
  DefineLeadFilters(app, &opt.filter);
  DefineUnmask(app, &opt.unmask);
}

int RunExport(const GlobalOptions& g) {
  if (Status s = CheckUnmask(opt.unmask); !s.ok()) return Usage(s.message());
  if (Status s = CheckOutput(g, "--out", opt.out); !s.ok()) return Usage(s.message());
  std::string format = opt.format;
  if (format.empty()) format = opt.out.ends_with(".xlsx") ? "xlsx" : "csv";
  const Result<std::vector<StoredLead>> leads =
      ReadLeads(g, opt.filter, opt.unmask, " to " + opt.out);
  if (!leads.ok()) return Fail(leads.error());

  ExportOptions o;
  o.unmask = opt.unmask.unmask;
  o.lang = ParseLang(opt.lang).value_or(Lang::kZh);
  if (format == "xlsx") {
    if (Status s = WriteLeadsXlsx(opt.out, *leads, o); !s.ok()) return Fail(s.message());
  } else {
    if (Status s =
            WriteOutputFile(opt.out, [&](std::ostream& out) { WriteLeadsCsv(out, *leads, o); });
        !s.ok())
      return Fail(s.message());
  }
  std::cout << opt.out << ": " << leads->size() << " leads\n";
  return kExitOk;
}

}  // namespace qinglian::cli
