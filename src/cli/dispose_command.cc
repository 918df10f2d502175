// qinglian dispose LEAD_ID --status transferred|closed [--outcome O]... [--case-filed]
//                  [--recovered-yuan X] [--to BODY] [--by NAME] [--date D] [--due-days N]
//                  [--note TEXT]
// qinglian dispose LEAD_ID --reopen --note REASON     (申诉/复查)
// qinglian dispose --file FEEDBACK                     (all rows or none)
// qinglian dispose --default-due-days N                (the store's default deadline)
#include <iostream>

#include "cli/command.h"
#include "cli/context.h"
#include "cli/exit.h"
#include "cli/messages.h"
#include "qinglian/app/dispose.h"
#include "qinglian/base/clock.h"
#include "qinglian/base/money.h"
#include "qinglian/input/feedback.h"

namespace qinglian::cli {
namespace {

constexpr int64_t kNotGiven = INT64_MIN;

class DisposeCommand final : public Command {
 public:
  void Define(CLI::App& app) override {
    app.add_option("lead", opt_.id, "the lead's id");
    app.add_option("--status", opt_.status, "transferred (移交核查) or closed (办结)");
    app.add_flag("--reopen", opt_.reopen,
                 "take a closed lead back to transferred (申诉/复查); needs --note");
    app.add_option("--outcome", opt_.outcomes,
                   "when closing, repeatable: 留党察看, 撤职, 双开, 批评教育, 不属实, ... (or "
                   "party_probation, gov_removal, ...)");
    app.add_flag("--case-filed", opt_.case_filed, "a case was filed (立案)");
    app.add_option("--recovered-yuan", opt_.recovered, "money recovered (追缴清退), in yuan");
    app.add_option("--to", opt_.to, "on a transfer: the receiving body (市水务集团纪委)");
    app.add_option("--by", opt_.by, "who decided (default: the OS user)");
    app.add_option("--date", opt_.date, "the day of the step, YYYY-MM-DD (default: today)");
    app.add_option("--due-days", opt_.due_days,
                   "on a transfer: the deadline in days (default: the store's, 30)");
    app.add_option("--note", opt_.note, "why, in a sentence");
    app.add_option("--file", opt_.file, "apply a whole feedback file: all rows or none");
    app.add_option("--default-due-days", opt_.default_due_days,
                   "set the store's default deadline of a transfer, in days");
  }

  int Run(const Globals& g) override {
    const bool single = opt_.id != 0;
    const bool setting = opt_.default_due_days != 0;
    if (static_cast<int>(single) + static_cast<int>(!opt_.file.empty()) +
            static_cast<int>(setting) !=
        1)
      return Usage("dispose: give a LEAD_ID with --status or --reopen, or --file FILE");
    if (single && opt_.status.empty() == !opt_.reopen)
      return Usage("dispose: give a LEAD_ID --status, or --reopen, not both");
    Result<std::unique_ptr<Store>> store = OpenStore(g, StoreAccess::kWrite);
    if (!store.ok()) return Fail(store.status());
    AuditEntry audit = MakeAudit(g);
    if (setting) {
      if (Status s = (*store)->SetDueDays(opt_.default_due_days, &audit); !s.ok()) return Fail(s);
      std::cout << Say(Msg::kDefaultDueDays, opt_.default_due_days) << "\n";
      return kExitOk;
    }
    if (!single) return ApplyFile(g, **store, &audit);
    Result<Disposition> d = FromFlags(**store);
    if (!d.ok()) return Fail(d.status());
    if (Status s = (*store)->Dispose({*d}, OsUser(), &audit); !s.ok()) return Fail(s);
    std::cout << Say(Msg::kDisposed, opt_.id, DoneText(*d)) << "\n";
    return kExitOk;
  }

 private:
  // What became of the lead: "closed (party_probation,gov_removal)", "办结（留党察看、撤职）",
  // "reopened, transferred, due 2025-04-19".
  static std::string DoneText(const Disposition& d) {
    const Lang lang = MessageLang();
    const bool zh = lang == Lang::kZh;
    std::string text =
        zh ? (d.reopen ? "复查，" + Label(LeadStatus::kTransferred, lang) : Label(d.status, lang))
           : (d.reopen ? std::string("reopened, transferred") : Code(d.status));
    if (!d.outcomes.empty())
      text += zh ? "（" + OutcomeLabels(d.outcomes, lang) + "）"
                 : " (" + OutcomeCodes(d.outcomes) + ")";
    if (d.due.valid()) text += (zh ? "，期限 " : ", due ") + d.due.Iso();
    return text;
  }

  Result<Disposition> FromFlags(Store& store) const {
    Disposition d;
    d.lead_id = opt_.id;
    d.reopen = opt_.reopen;
    if (!opt_.reopen) {
      const std::optional<LeadStatus> status = ParseStatus(opt_.status);
      if (!status)
        return Status::Error("--status: expected transferred or closed, found '" + opt_.status +
                             "'");
      d.status = *status;
    }
    for (const std::string& text : opt_.outcomes) {
      Result<OutcomeSet> o = ParseOutcomes(text);
      if (!o.ok()) return Status::Error("--outcome: " + o.error());
      d.outcomes.Add(*o);
    }
    if (opt_.case_filed) d.case_filed = true;
    if (!opt_.recovered.empty()) {
      Result<int64_t> fen = ParseYuan(opt_.recovered);
      if (!fen.ok()) return Status::Error("--recovered-yuan: " + fen.error());
      d.recovered_fen = *fen;
    }
    const Date today = Today();
    if (!opt_.date.empty()) {
      Result<Date> day = ParseDate(opt_.date);
      if (!day.ok()) return Status::Error("--date: " + day.error());
      if (*day > today)
        return Status::Error("--date: " + day->Iso() + " is after today (" + today.Iso() + ")");
      d.date = *day;
    }
    std::optional<int64_t> due_days;
    if (opt_.due_days != kNotGiven) {
      if (opt_.due_days < 1 || opt_.due_days > 3650)
        return Status::Error("--due-days: expected 1 to 3650 days, found " +
                             std::to_string(opt_.due_days));
      due_days = opt_.due_days;
    }
    d.to = opt_.to;
    d.by = opt_.by;
    d.note = opt_.note;
    if (Status s = CompleteDisposition(store, OsUser(), today, due_days, &d); !s.ok()) return s;
    return d;
  }

  int ApplyFile(const Globals& g, Store& store, AuditEntry* audit) const {
    const Result<Catalog> catalog = LoadCatalogFor(g);
    if (!catalog.ok()) return Fail(catalog.status());
    const Result<const RecordKind*> kind = catalog->Kind("feedback");
    if (!kind.ok()) return Fail(kind.status());
    Result<FeedbackOutcome> out =
        ApplyFeedbackFile(store, opt_.file, **kind, OsUser(), Today(), audit);
    if (!out.ok()) return Fail(out.status());
    if (!out->errors.empty()) {
      for (const std::string& e : out->errors) Complain(e);
      return Fail(out->errors.size() == 1 ? Say(Msg::kBadLine, opt_.file)
                                          : Say(Msg::kBadLines, opt_.file, out->errors.size()));
    }
    std::cout << Say(Msg::kFeedbackApplied, opt_.file, out->applied);
    if (out->blank) std::cout << Say(Msg::kBlankRowsSkipped, out->blank);
    std::cout << "\n";
    return kExitOk;
  }

  struct {
    int64_t id = 0;
    std::string status, recovered, note, file, to, by, date;
    std::vector<std::string> outcomes;
    int64_t due_days = kNotGiven;
    int64_t default_due_days = 0;
    bool case_filed = false, reopen = false;
  } opt_;
};

}  // namespace

std::unique_ptr<Command> MakeDisposeCommand() { return std::make_unique<DisposeCommand>(); }

}  // namespace qinglian::cli
