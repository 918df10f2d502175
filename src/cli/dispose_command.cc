// qinglian dispose LEAD_ID --status transferred|closed [--outcome O] [--case-filed]
//                  [--recovered-yuan X] [--note TEXT]
// qinglian dispose --file FEEDBACK     (all rows or none)
#include <iostream>

#include "cli/command.h"
#include "cli/context.h"
#include "cli/exit.h"
#include "qinglian/app/dispose.h"
#include "qinglian/base/money.h"
#include "qinglian/input/feedback.h"

namespace qinglian::cli {
namespace {

class DisposeCommand final : public Command {
 public:
  void Define(CLI::App& app) override {
    app.add_option("lead", opt_.id, "the lead's id");
    app.add_option("--status", opt_.status, "transferred (移交核查) or closed (办结)");
    app.add_option("--outcome", opt_.outcome,
                   "when closing: unfounded, criticism, ..., double_expulsion (or 不属实, ...)");
    app.add_flag("--case-filed", opt_.case_filed, "a case was filed (立案)");
    app.add_option("--recovered-yuan", opt_.recovered, "money recovered (追缴清退), in yuan");
    app.add_option("--note", opt_.note, "why, in a sentence");
    app.add_option("--file", opt_.file, "apply a whole feedback file: all rows or none");
  }

  int Run(const Globals& g) override {
    const bool single = opt_.id != 0;
    if (single == !opt_.file.empty())
      return Usage("dispose: give a LEAD_ID with --status, or --file FILE");
    if (single && opt_.status.empty()) return Usage("dispose: --status is required with a LEAD_ID");
    Result<std::unique_ptr<Store>> store = OpenStore(g, StoreAccess::kWrite);
    if (!store.ok()) return Fail(store.status());
    AuditEntry audit = MakeAudit(g);
    if (!single) return ApplyFile(g, **store, &audit);
    Result<Disposition> d = FromFlags();
    if (!d.ok()) return Fail(d.status());
    if (Status s = (*store)->Dispose({*d}, OsUser(), &audit); !s.ok()) return Fail(s);
    std::cout << "lead " << opt_.id << ": " << Code(d->status)
              << (d->outcome ? " (" + Code(*d->outcome) + ")" : "") << "\n";
    return kExitOk;
  }

 private:
  Result<Disposition> FromFlags() const {
    Disposition d;
    d.lead_id = opt_.id;
    const std::optional<LeadStatus> status = ParseStatus(opt_.status);
    if (!status)
      return Status::Error("--status: expected transferred or closed, found '" + opt_.status + "'");
    d.status = *status;
    if (!opt_.outcome.empty()) {
      d.outcome = ParseOutcome(opt_.outcome);
      if (!d.outcome)
        return Status::Error("--outcome: unknown outcome '" + opt_.outcome + "' (" +
                             Choices<Outcome>(Lang::kEn) + ")");
    }
    if (opt_.case_filed) d.case_filed = true;
    if (!opt_.recovered.empty()) {
      Result<int64_t> fen = ParseYuan(opt_.recovered);
      if (!fen.ok()) return Status::Error("--recovered-yuan: " + fen.error());
      d.recovered_fen = *fen;
    }
    d.note = opt_.note;
    return d;
  }

  int ApplyFile(const Globals& g, Store& store, AuditEntry* audit) const {
    const Result<Catalog> catalog = LoadCatalogFor(g);
    if (!catalog.ok()) return Fail(catalog.status());
    const Result<const RecordKind*> kind = catalog->Kind("feedback");
    if (!kind.ok()) return Fail(kind.status());
    Result<FeedbackOutcome> out = ApplyFeedbackFile(store, opt_.file, **kind, OsUser(), audit);
    if (!out.ok()) return Fail(out.status());
    if (!out->errors.empty()) {
      for (const std::string& e : out->errors) Complain(e);
      return Fail(opt_.file + ": " + std::to_string(out->errors.size()) + " bad line" +
                  (out->errors.size() == 1 ? "" : "s") + "; nothing was changed");
    }
    std::cout << opt_.file << ": " << out->applied << " dispositions recorded\n";
    return kExitOk;
  }

  struct {
    int64_t id = 0;
    std::string status, outcome, recovered, note, file;
    bool case_filed = false;
  } opt_;
};

}  // namespace

std::unique_ptr<Command> MakeDisposeCommand() { return std::make_unique<DisposeCommand>(); }

}  // namespace qinglian::cli
