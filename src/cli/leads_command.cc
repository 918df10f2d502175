// qinglian leads [--unit U] [--type T] [--status S] [--run N] [--new]
//                [--since D] [--until D] [--limit N] [--format table|csv|json]
#include <iostream>

#include "cli/command.h"
#include "cli/util.h"
#include "qinglian/output/lead_format.h"
#include "qinglian/output/lead_sheet.h"

namespace qinglian::cli {
namespace {

struct LeadsFlags {
  LeadFilterFlags filter;
  std::string format = "table";
  UnmaskFlags unmask;
} opt;

}  // namespace

void DefineLeads(CLI::App& app) {
  DefineLeadFilters(app, &opt.filter);
  app.add_option("--format", opt.format, "table, csv or json")
      ->check(CLI::IsMember({"table", "csv", "json"}));
  DefineUnmask(app, &opt.unmask);
}

int RunLeads(const GlobalOptions& g) {
  if (Status s = CheckUnmask(opt.unmask); !s.ok()) return Usage(s.message());
  const Result<std::vector<StoredLead>> leads = ReadLeads(g, opt.filter, opt.unmask, "");
  if (!leads.ok()) return Fail(leads.error());
  ExportOptions o;
  o.unmask = opt.unmask.unmask;
  if (opt.format == "json")
    std::cout << LeadsJson(*leads, o);
  else if (opt.format == "csv")
    WriteLeadsCsv(std::cout, *leads, o);
  else
    std::cout << LeadsTable(*leads, o);
  return kExitOk;
}

}  // namespace qinglian::cli
