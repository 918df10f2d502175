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

Result<FeedbackOutcome> ApplyFeedbackFile(Store& store, const std::string& path,
                                          const RecordKind& kind, const std::string& actor,
                                          AuditEntry* audit) {
  Result<std::unique_ptr<ByteSource>> source = OpenFileSource(path);
  if (!source.ok()) return source.status();
  FeedbackOutcome out;
  Result<std::vector<FeedbackRow>> rows = ReadFeedback(**source, kind, &out.errors);
  if (!rows.ok()) return rows.status();
  for (std::string& e : CheckAll(store, path, *rows)) out.errors.push_back(std::move(e));
  if (!out.errors.empty()) return out;
  std::vector<Disposition> changes;
  for (const FeedbackRow& r : *rows) changes.push_back(r.disposition);
  if (Status s = store.Dispose(changes, actor, audit); !s.ok()) return s;
  out.applied = changes.size();
  return out;
}

}  // namespace qinglian
