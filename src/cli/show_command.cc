// qinglian show LEAD_ID [--format text|json] [--unmask --reason TEXT]
#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/util.h"
#include "qinglian/base/money.h"
#include "qinglian/base/text.h"
#include "qinglian/core/idcard.h"
#include "qinglian/output/lead_format.h"
#include "qinglian/output/lead_sheet.h"

namespace qinglian::cli {
namespace {

struct ShowFlags {
  int64_t id = 0;
  std::string format = "text";
  UnmaskFlags unmask;
} opt;

}  // namespace

void DefineShow(CLI::App& app) {
  app.add_option("lead", opt.id, "the lead's id")->required();
  app.add_option("--format", opt.format, "text or json")->check(CLI::IsMember({"text", "json"}));
  DefineUnmask(app, &opt.unmask);
}

int RunShow(const GlobalOptions& g) {
  if (Status s = CheckUnmask(opt.unmask); !s.ok()) return Usage(s.message());
  Result<std::unique_ptr<Store>> store = OpenStore(g, StoreAccess::kRead);
  if (!store.ok()) return Fail(store.error());
  Result<StoredLead> lead = (*store)->Lead(opt.id);
  if (!lead.ok()) return Fail(lead.error());
  Result<std::vector<LeadEvent>> events = (*store)->Events(opt.id);
  if (!events.ok()) return Fail(events.error());
  AuditEntry audit = MakeAudit(g);
  audit.touched =
      "lead " + std::to_string(opt.id) + (opt.unmask.unmask ? ", ID number unmasked" : "");
  if (Status s = LogRead(**store, &audit, opt.unmask.unmask); !s.ok()) return Fail(s.message());
  // Text goes to a terminal: the evidence's control characters are shown, not sent.
  ExportOptions view;
  view.unmask = opt.unmask.unmask;
  std::cout << (opt.format == "json" ? LeadJson(*lead, *events, view)
                                     : LeadText(*lead, *events, view));
  return kExitOk;
}

}  // namespace qinglian::cli
