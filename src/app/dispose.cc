#include "qinglian/app/dispose.h"

#include <map>

#include "qinglian/input/feedback.h"
#include "qinglian/input/source.h"

namespace qinglian {
namespace {

// What is wrong with each row, checked against the leads as the rows before
// it leave them.
std::vector<std::string> CheckAll(Store& store, const std::string& path,
                                  const std::vector<FeedbackRow>& rows) {
  std::vector<std::string> errors;
  std::map<int64_t, LeadState> states;
  for (const FeedbackRow& row : rows) {
    const Disposition& d = row.disposition;
    const std::string where = path + ":" + std::to_string(row.line) + ": ";
    auto it = states.find(d.lead_id);
    if (it == states.end()) {
      Result<StoredLead> lead = store.Lead(d.lead_id);
      if (!lead.ok()) {
        errors.push_back(where + lead.error());
        continue;
      }
      it = states.emplace(d.lead_id, lead->state()).first;
    }
    if (Status s = ApplyDisposition(d, &it->second); !s.ok()) errors.push_back(where + s.message());
  }
  return errors;
}

}  // namespace

Status CompleteDisposition(Store& store, const std::string& actor, Date today,
                           std::optional<int64_t> due_days, Disposition* d) {
  if (d->by.empty()) d->by = actor;
  if (!d->date.valid()) d->date = today;
  const bool transfer = d->reopen || d->status == LeadStatus::kTransferred;
  if (!transfer) {
    if (due_days)
      return Status::Error("lead " + std::to_string(d->lead_id) +
                           ": a receiving body and a deadline go with a transfer");
    return Status::Ok();
  }
  if (!due_days) {
    Result<int64_t> setting = store.DueDays();
    if (!setting.ok()) return setting.status();
    due_days = *setting;
  }
  d->due = Date::FromDays(d->date.days() + static_cast<int32_t>(*due_days));
  return Status::Ok();
}

Result<FeedbackOutcome> ApplyFeedbackFile(Store& store, const std::string& path,
                                          const RecordKind& kind, const std::string& actor,
                                          Date today, AuditEntry* audit) {
  Result<std::unique_ptr<ByteSource>> source = OpenFileSource(path);
  if (!source.ok()) return source.status();
  FeedbackOutcome out;
  Result<FeedbackRows> read = ReadFeedback(**source, kind, today, &out.errors);
  if (!read.ok()) return read.status();
  out.blank = read->blank;
  std::vector<FeedbackRow> complete;
  for (FeedbackRow& r : read->rows) {
    if (Status s = CompleteDisposition(store, actor, today, r.due_days, &r.disposition); !s.ok())
      out.errors.push_back(path + ":" + std::to_string(r.line) + ": " + s.message());
    else
      complete.push_back(std::move(r));
  }
  for (std::string& e : CheckAll(store, path, complete)) out.errors.push_back(std::move(e));
  if (!out.errors.empty()) return out;
  std::vector<Disposition> changes;
  for (const FeedbackRow& r : complete) changes.push_back(r.disposition);
  if (changes.empty()) return out;
  if (Status s = store.Dispose(changes, actor, audit); !s.ok()) return s;
  out.applied = changes.size();
  return out;
}

}  // namespace qinglian
