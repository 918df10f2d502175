#include "qinglian/input/feedback.h"

#include "qinglian/base/text.h"
#include "qinglian/input/loader.h"

namespace qinglian {

std::optional<LeadStatus> ParseStatus(std::string_view text) {
  const std::optional<LeadStatus> s = ParseTerm<LeadStatus>(text);
  if (s == LeadStatus::kNew) return std::nullopt;  // a lead is never made new again
  return s;
}

bool IsReopen(std::string_view text) {
  const std::string s = NormaliseKeyword(text);
  for (std::string_view word : {"reopen", "reopened", "重新办理", "申诉", "复查", "申诉复查"})
    if (s == NormaliseKeyword(word)) return true;
  return false;
}

namespace {

// The fields of the feedback kind, by index (-1 where the kind has none).
struct FeedbackFields {
  int lead, status, outcome, filed, recovered, handler, date, to, due_days, note;
  explicit FeedbackFields(const RecordKind& kind)
      : lead(kind.Field("lead_id")),
        status(kind.Field("status")),
        outcome(kind.Field("outcome")),
        filed(kind.Field("case_filed")),
        recovered(kind.Field("recovered_yuan")),
        handler(kind.Field("handler")),
        date(kind.Field("date")),
        to(kind.Field("to")),
        due_days(kind.Field("due_days")),
        note(kind.Field("note")) {}
};

// Whether every handling cell of row `r` is empty: a row not filled in yet.
bool Blank(const RecordSet& rows, size_t r, const FeedbackFields& f) {
  for (int text : {f.status, f.outcome, f.handler, f.to, f.note})
    if (text >= 0 && !Trim(rows.text(r, text)).empty()) return false;
  for (int number : {f.filed, f.recovered, f.due_days})
    if (number >= 0 && rows.value(r, number) != kNoNumber) return false;
  return f.date < 0 || rows.value(r, f.date) == kNoDate;
}

// Row `r` as a disposition, or why it cannot be one.
Result<FeedbackRow> ReadRow(const RecordSet& rows, size_t r, const FeedbackFields& f) {
  FeedbackRow row;
  row.line = rows.source(r).line;
  Disposition& d = row.disposition;
  d.lead_id = rows.value(r, f.lead);
  if (d.lead_id <= 0)
    return Status::Error("lead_id: " + rows.Display(r, f.lead) + " is not a lead number");
  const auto text = [&](int field) {
    return field >= 0 ? std::string(Trim(rows.text(r, field))) : std::string();
  };
  if (const std::string outcomes = text(f.outcome); !outcomes.empty()) {
    Result<OutcomeSet> o = ParseOutcomes(outcomes);
    if (!o.ok()) return Status::Error("outcome: " + o.error());
    d.outcomes = *o;
  }
  const std::string status = text(f.status);
  if (IsReopen(status)) {
    d.reopen = true;
  } else if (status.empty() && !d.outcomes.empty()) {
    d.status = LeadStatus::kClosed;  // outcomes alone close the lead
  } else if (const std::optional<LeadStatus> s = ParseStatus(status)) {
    d.status = *s;
  } else {
    return Status::Error("status: expected transferred, closed or reopen, found '" + status + "'");
  }
  // An empty cell says nothing; a yes or no says it.
  if (f.filed >= 0 && rows.value(r, f.filed) != kNoNumber)
    d.case_filed = rows.value(r, f.filed) != 0;
  if (f.recovered >= 0 && rows.value(r, f.recovered) != kNoNumber)
    d.recovered_fen = rows.value(r, f.recovered);
  d.by = text(f.handler);
  if (f.date >= 0 && rows.value(r, f.date) != kNoDate)
    d.date = Date::FromDays(static_cast<int32_t>(rows.value(r, f.date)));
  d.to = text(f.to);
  if (f.due_days >= 0 && rows.value(r, f.due_days) != kNoNumber) {
    const int64_t days = rows.value(r, f.due_days);
    if (days < 1 || days > 3650)
      return Status::Error("due_days: expected 1 to 3650 days, found " + std::to_string(days));
    row.due_days = days;
  }
  if (f.note >= 0) d.note = std::string(rows.text(r, f.note));
  return row;
}

}  // namespace

Result<FeedbackRows> ReadFeedback(ByteSource& source, const RecordKind& kind, Date today,
                                  std::vector<std::string>* errors) {
  LoadOptions options;
  options.threads = 1;
  options.today = options.as_of = today;
  RecordLoader loader(kind, options);
  // The file is ours, exported for the units: its rows are named by our field
  // names, whatever the headers' language.
  const auto complain = [&](const Reject& r) {
    std::string detail = r.detail;
    if (r.field_name == "lead_id" && r.reason == RejectReason::kBadNumber) {
      const std::string v = CleanField(r.value);
      detail = !v.empty() && v.find_first_not_of("0123456789") == std::string::npos
                   ? v + " is not a lead number"
                   : "expected a lead number, found '" + v + "'";
    }
    errors->push_back(r.file + ":" + std::to_string(r.line) + ": " +
                      (r.field_name.empty() ? "" : r.field_name + ": ") + detail);
  };
  Result<FileSummary> summary = loader.Load(source, complain);
  if (!summary.ok()) return summary.status();
  const RecordSet& rows = loader.records();
  const FeedbackFields fields(kind);
  if (fields.lead < 0 || fields.status < 0)
    return Status::Error(source.name() + ": the feedback kind needs lead_id and status fields");
  FeedbackRows out;
  for (size_t r = 0; r < rows.size(); ++r) {
    if (Blank(rows, r, fields)) {
      ++out.blank;
      continue;
    }
    Result<FeedbackRow> row = ReadRow(rows, r, fields);
    if (!row.ok()) {
      errors->push_back(source.name() + ":" + std::to_string(rows.source(r).line) + ": " +
                        row.error());
      continue;
    }
    out.rows.push_back(std::move(*row));
  }
  return out;
}

}  // namespace qinglian
