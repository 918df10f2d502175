#include "qinglian/input/feedback.h"

#include "qinglian/base/text.h"
#include "qinglian/input/loader.h"

namespace qinglian {

std::optional<LeadStatus> ParseStatus(std::string_view text) {
  const std::optional<LeadStatus> s = ParseTerm<LeadStatus>(text);
  if (s == LeadStatus::kNew) return std::nullopt;  // a lead is never made new again
  return s;
}

Result<std::vector<FeedbackRow>> ReadFeedback(ByteSource& source, const RecordKind& kind,
                                              std::vector<std::string>* errors) {
  LoadOptions options;
  options.threads = 1;
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
  const auto field = [&](const char* name) { return kind.Field(name); };
  const int lead = field("lead_id"), status = field("status"), outcome = field("outcome"),
            filed = field("case_filed"), recovered = field("recovered_yuan"), note = field("note");
  if (lead < 0 || status < 0)
    return Status::Error(source.name() + ": the feedback kind needs lead_id and status fields");
  std::vector<FeedbackRow> out;
  for (size_t r = 0; r < rows.size(); ++r) {
    const uint32_t line = rows.source(r).line;
    const auto fail = [&](const std::string& why) {
      errors->push_back(source.name() + ":" + std::to_string(line) + ": " + why);
    };
    FeedbackRow row;
    row.line = line;
    Disposition& d = row.disposition;
    d.lead_id = rows.value(r, lead);
    if (d.lead_id <= 0) {
      fail("lead_id: " + rows.Display(r, lead) + " is not a lead number");
      continue;
    }
    const std::optional<LeadStatus> s = ParseStatus(rows.text(r, status));
    if (!s) {
      fail("status: expected transferred or closed, found '" + std::string(rows.text(r, status)) +
           "'");
      continue;
    }
    d.status = *s;
    if (outcome >= 0 && !rows.text(r, outcome).empty()) {
      d.outcome = ParseOutcome(rows.text(r, outcome));
      if (!d.outcome) {
        fail("outcome: unknown outcome '" + std::string(rows.text(r, outcome)) + "'");
        continue;
      }
    }
    // An empty cell says nothing; a yes or no says it.
    if (filed >= 0 && rows.value(r, filed) != kNoNumber) d.case_filed = rows.value(r, filed) != 0;
    if (recovered >= 0 && rows.value(r, recovered) != kNoNumber)
      d.recovered_fen = rows.value(r, recovered);
    if (note >= 0) d.note = std::string(rows.text(r, note));
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace qinglian
