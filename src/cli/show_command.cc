// qinglian show LEAD_ID [--format text|json] [--unmask --reason TEXT]
#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/util.h"
#include "qinglian/base/text.h"
#include "qinglian/core/idcard.h"
#include "qinglian/output/export.h"

namespace qinglian::cli {
namespace {

struct ShowFlags {
  int64_t id = 0;
  std::string format = "text";
  UnmaskFlags unmask;
} opt;

std::string Text(const StoredLead& l, const std::vector<LeadEvent>& events, bool unmask) {
  const LeadEvidence& e = l.evidence;
  std::string out = fmt::format("lead {}  {}  model {}  status {}{}\n", l.id, e.type, e.model,
                                l.status, l.outcome.empty() ? "" : " (" + l.outcome + ")");
  out +=
      fmt::format("  person      {}  {}", e.name, unmask ? e.id_number : MaskIdNumber(e.id_number));
  out += e.name_matches ? "\n" : fmt::format("   the offence record names {}\n", e.offence_name);
  out += fmt::format("  employment  {} / {} / {} / {}, {} to {}   [{}:{}]\n", e.unit, e.department,
                     e.position, e.category, e.hire_date,
                     e.leave_date.empty() ? "now" : e.leave_date, e.employee_file, e.employee_line);
  out += fmt::format("  offence     {} on {}{}, {}, {}   [{}:{}]\n",
                     e.label.empty() ? e.type : e.label, e.offence_date,
                     e.bac >= 0 ? ", BAC " + FormatBac(e.bac) + " mg/100mL" : "", e.place,
                     e.penalty, e.offence_file, e.offence_line);
  out += fmt::format("  case        {} by {}\n", e.case_no.empty() ? "(no number)" : e.case_no,
                     e.authority);
  out += fmt::format("  found       run {}, last seen in run {}\n", l.first_run, l.last_run);
  if (l.case_filed || l.recovered_fen)
    out += fmt::format("  outcome     case filed: {}, recovered {} yuan\n",
                       l.case_filed ? "yes" : "no", FenToYuan(l.recovered_fen));
  out += "  history\n";
  for (const LeadEvent& ev : events) {
    std::string what = ev.from_status.empty() ? "found" : ev.from_status + " -> " + ev.to_status;
    if (!ev.outcome.empty() && ev.to_status == "closed") what += " (" + ev.outcome + ")";
    if (ev.run) what += " by run " + std::to_string(ev.run);
    out += fmt::format("    {}  {:<10}  {}{}\n", ev.at, ev.actor, what,
                       ev.note.empty() ? "" : ": " + ev.note);
  }
  return out;
}

std::string Json(const StoredLead& l, const std::vector<LeadEvent>& events, bool unmask) {
  ExportOptions o;
  o.unmask = unmask;
  nlohmann::json j = nlohmann::json::parse(LeadsJson({l}, o))[0];
  nlohmann::json history = nlohmann::json::array();
  for (const LeadEvent& ev : events)
    history.push_back({{"at", ToValidUtf8(ev.at)},
                       {"actor", ToValidUtf8(ev.actor)},
                       {"run", ev.run ? nlohmann::json(ev.run) : nlohmann::json()},
                       {"from", ToValidUtf8(ev.from_status)},
                       {"to", ToValidUtf8(ev.to_status)},
                       {"outcome", ToValidUtf8(ev.outcome)},
                       {"case_filed", ev.case_filed},
                       {"recovered_yuan", ev.recovered_fen / 100.0},
                       {"note", ToValidUtf8(ev.note)}});
  j["history"] = history;
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

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
  std::cout << (opt.format == "json" ? Json(*lead, *events, opt.unmask.unmask)
                                     : TerminalText(Text(*lead, *events, opt.unmask.unmask),
                                                    /*keep_newlines=*/true));
  return kExitOk;
}

}  // namespace qinglian::cli
