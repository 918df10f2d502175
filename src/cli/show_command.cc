// qinglian show LEAD_ID [--format text|json] [--unmask --reason TEXT]
#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/context.h"
#include "cli/exit.h"
#include "qinglian/base/text.h"
#include "qinglian/output/lead_format.h"
#include "qinglian/output/person_format.h"

namespace qinglian::cli {
namespace {

// The person's other leads, by event date.
Result<std::vector<StoredLead>> OtherLeads(Store& store, const StoredLead& lead) {
  LeadQuery q;
  q.id_number = lead.evidence.id_number;
  Result<std::vector<StoredLead>> leads = store.Leads(q);
  if (!leads.ok()) return leads;
  std::erase_if(*leads, [&](const StoredLead& l) { return l.id == lead.id; });
  std::stable_sort(leads->begin(), leads->end(), [](const StoredLead& a, const StoredLead& b) {
    return a.evidence.offence_date < b.evidence.offence_date;
  });
  return leads;
}

// A lead matched by review says so: who judged the two records the same
// person, when, and why.
std::string ReviewText(const ReviewJudgement& j, Lang lang) {
  const std::string note = j.note.empty() ? "" : (lang == Lang::kZh ? "，说明：" : ": ") + j.note;
  return TerminalText(lang == Lang::kZh ? fmt::format("人工复核认定：{} 于 {} 认定为同一人{}\n",
                                                      j.reviewer, j.at, note)
                                        : fmt::format("matched by review: {} judged the records "
                                                      "the same person on {}{}\n",
                                                      j.reviewer, j.at, note),
                      /*keep_newlines=*/true);
}

std::string WithReviewJson(const std::string& lead_json, const ReviewJudgement& j) {
  nlohmann::json out = nlohmann::json::parse(lead_json, nullptr, /*allow_exceptions=*/false);
  if (!out.is_object()) return lead_json;
  out["matched_by_review"] = {{"reviewer", j.reviewer}, {"at", j.at}, {"note", j.note}};
  return out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

class ShowCommand final : public Command {
 public:
  void Define(CLI::App& app) override {
    app.add_option("lead", opt_.id, "the lead's id")->required();
    app.add_option("--format", opt_.format, "text or json")->check(CLI::IsMember({"text", "json"}));
    DefineUnmask(app, &opt_.unmask);
  }

  int Run(const Globals& g) override {
    if (Status s = CheckUnmask(opt_.unmask); !s.ok()) return Usage(s.message());
    Result<std::unique_ptr<Store>> store = OpenStore(g, StoreAccess::kRead);
    if (!store.ok()) return Fail(store.status());
    Result<StoredLead> lead = (*store)->Lead(opt_.id);
    if (!lead.ok()) return Fail(lead.status());
    Result<std::vector<LeadEvent>> events = (*store)->Events(opt_.id);
    if (!events.ok()) return Fail(events.status());
    Result<std::vector<StoredLead>> others = OtherLeads(**store, *lead);
    if (!others.ok()) return Fail(others.status());
    Result<std::optional<ReviewJudgement>> review = (*store)->ReviewOfLead(lead->evidence.key);
    if (!review.ok()) return Fail(review.status());
    Result<Catalog> catalog = LoadCatalogFor(g);
    if (!catalog.ok()) return Fail(catalog.status());
    AuditEntry audit = MakeAudit(g);
    audit.touched =
        "lead " + std::to_string(opt_.id) +
        (others->empty() ? "" : " and the person's other " + LeadsTouched(others->size(), {})) +
        (opt_.unmask.unmask ? ", ID number unmasked" : "");
    if (Status s = LogRead(**store, &audit, opt_.unmask.unmask); !s.ok()) return Fail(s);
    ExportOptions view;
    view.unmask = opt_.unmask.unmask;
    view.lang = g.language();
    view.labels = catalog->Labels();
    if (opt_.format == "json") {
      const std::string j = WithOtherLeadsJson(LeadJson(*lead, *events, view), *others);
      std::cout << (*review ? WithReviewJson(j, **review) : j);
    } else {
      std::cout << LeadText(*lead, *events, view) +
                       (*review ? ReviewText(**review, g.language()) : "") +
                       OtherLeadsText(*others, view.labels, view);
    }
    return kExitOk;
  }

 private:
  struct {
    int64_t id = 0;
    std::string format = "text";
    UnmaskFlags unmask;
  } opt_;
};

}  // namespace

std::unique_ptr<Command> MakeShowCommand() { return std::make_unique<ShowCommand>(); }

}  // namespace qinglian::cli
