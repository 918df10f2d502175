// qinglian dispose LEAD_ID --status transferred|closed [--outcome O] [--case-filed]
//                  [--recovered-yuan X] [--note TEXT]
// qinglian dispose --file outcomes.csv     (all rows or none)
#include <iostream>
#include <map>

#include "cli/command.h"
#include "cli/util.h"
#include "qinglian/base/money.h"
#include "qinglian/input/outcomes.h"

namespace qinglian::cli {
namespace {

struct DisposeFlags {
  int64_t id = 0;
  std::string status, outcome, recovered, note, file;
  bool case_filed = false;
} opt;

Result<Disposition> FromFlags() {
  Disposition d;
  d.lead_id = opt.id;
  const std::optional<LeadStatus> status = ParseStatus(opt.status);
  if (!status)
    return Status::Error("--status: expected transferred or closed, found '" + opt.status + "'");
  d.status = *status;
  if (!opt.outcome.empty()) {
    d.outcome = ParseOutcome(opt.outcome);
    if (!d.outcome)
      return Status::Error(
          "--outcome: unknown outcome '" + opt.outcome +
          "' (unfounded, criticism, admonishment, warning, demerit, major_demerit, demotion, "
          "removal, dismissal, double_expulsion, or 不属实, 批评教育, 诫勉, 警告, 记过, 记大过, "
          "降级, "
          "撤职, 开除, 双开)");
  }
  if (opt.case_filed) d.case_filed = true;
  if (!opt.recovered.empty()) {
    Result<int64_t> fen = ParseYuan(opt.recovered);
    if (!fen.ok()) return Status::Error("--recovered-yuan: " + fen.error());
    d.recovered_fen = *fen;
  }
  d.note = opt.note;
  return d;
}

// Checks every row against the leads as the rows before it leave them, and
// says what is wrong with each bad one.
std::vector<std::string> CheckAll(Store& store, const std::string& path,
                                  const std::vector<OutcomeRow>& rows) {
  std::vector<std::string> errors;
  std::map<int64_t, LeadState> states;
  for (const OutcomeRow& row : rows) {
    const Disposition& d = row.disposition;
    const std::string where = path + ":" + std::to_string(row.line) + ": ";
    auto it = states.find(d.lead_id);
    if (it == states.end()) {
      Result<StoredLead> lead = store.Lead(d.lead_id);
      if (!lead.ok()) {
        errors.push_back(where + lead.error());
        continue;
      }
      it = states
               .emplace(d.lead_id, LeadState{lead->status, lead->outcome, lead->case_filed,
                                             lead->recovered_fen})
               .first;
    }
    if (Status s = ApplyDisposition(d, &it->second); !s.ok()) errors.push_back(where + s.message());
  }
  return errors;
}

}  // namespace

void DefineDispose(CLI::App& app) {
  app.add_option("lead", opt.id, "the lead's id");
  app.add_option("--status", opt.status, "transferred (移交核查) or closed (办结)");
  app.add_option("--outcome", opt.outcome,
                 "when closing: unfounded, criticism, ..., double_expulsion");
  app.add_flag("--case-filed", opt.case_filed, "a case was filed (立案)");
  app.add_option("--recovered-yuan", opt.recovered, "money recovered (追缴清退), in yuan");
  app.add_option("--note", opt.note, "why, in a sentence");
  app.add_option("--file", opt.file, "apply a whole outcomes file: all rows or none");
}

int DisposeFile(Store& store, const std::string& path, AuditEntry* audit) {
  Result<std::unique_ptr<ByteSource>> source = OpenFileSource(path);
  if (!source.ok()) return Fail(source.error());
  std::vector<std::string> errors;
  Result<std::vector<OutcomeRow>> rows = ReadOutcomes(**source, &errors);
  if (!rows.ok()) return Fail(rows.error());
  for (const std::string& e : CheckAll(store, path, *rows)) errors.push_back(e);
  if (!errors.empty()) {
    for (const std::string& e : errors) std::cerr << "qinglian: " << e << "\n";
    return Fail(path + ": " + std::to_string(errors.size()) + " bad line" +
                (errors.size() == 1 ? "" : "s") + "; nothing was changed");
  }
  std::vector<Disposition> changes;
  for (const OutcomeRow& r : *rows) changes.push_back(r.disposition);
  if (Status s = store.Dispose(changes, OsUser(), audit); !s.ok()) return Fail(s.message());
  std::cout << path << ": " << changes.size() << " dispositions recorded\n";
  return kExitOk;
}

int RunDispose(const GlobalOptions& g) {
  const bool single = opt.id != 0;
  if (single == !opt.file.empty())
    return Usage("dispose: give a LEAD_ID with --status, or --file FILE");
  if (single && opt.status.empty()) return Usage("dispose: --status is required with a LEAD_ID");
  Result<std::unique_ptr<Store>> store = OpenStore(g, /*create=*/false);
  if (!store.ok()) return Fail(store.error());
  AuditEntry audit = MakeAudit(g);
  if (!single) return DisposeFile(**store, opt.file, &audit);
  Result<Disposition> d = FromFlags();
  if (!d.ok()) return Fail(d.error());
  if (Status s = (*store)->Dispose({*d}, OsUser(), &audit); !s.ok()) return Fail(s.message());
  std::cout << "lead " << opt.id << ": " << Code(d->status)
            << (d->outcome ? " (" + Code(*d->outcome) + ")" : "") << "\n";
  return kExitOk;
}

}  // namespace qinglian::cli
