#include "qinglian/input/outcomes.h"

#include <array>
#include <charconv>

#include "qinglian/base/money.h"
#include "qinglian/base/text.h"
#include "qinglian/input/columns.h"
#include "qinglian/input/csv.h"

namespace qinglian {
namespace {

enum Column { kLead, kStatus, kOutcome, kCaseFiled, kRecovered, kNote, kColumns };

const std::array<std::vector<std::string>, kColumns> kAliases = {{
    {"leadid", "lead", "id", "线索编号", "线索id", "编号"},
    {"status", "状态", "处置状态"},
    {"outcome", "处置结果", "处理结果", "结果"},
    {"casefiled", "是否立案", "立案"},
    {"recoveredyuan", "recovered", "追缴金额", "追缴清退金额", "追缴清退资金"},
    {"note", "备注", "说明"},
}};
const char* const kNames[kColumns] = {"lead_id",    "status",         "outcome",
                                      "case_filed", "recovered_yuan", "note"};

}  // namespace

std::optional<LeadStatus> ParseStatus(std::string_view text) {
  const std::optional<LeadStatus> s = ParseTerm<LeadStatus>(text);
  if (s == LeadStatus::kNew) return std::nullopt;  // a lead is never made new again
  return s;
}

Result<std::vector<OutcomeRow>> ReadOutcomes(ByteSource& source, std::vector<std::string>* errors) {
  ChunkReader reader(&source, Encoding::kAuto, 1u << 20);
  if (Status s = reader.Start(); !s.ok()) return s;  // it names the file
  std::array<int, kColumns> col;
  col.fill(-1);
  for (size_t i = 0; i < reader.header().size(); ++i) {
    const std::string h = NormaliseHeader(reader.header()[i]);
    for (int c = 0; c < kColumns; ++c)
      for (const std::string& a : kAliases[c])
        if (h == a && col[c] < 0) col[c] = static_cast<int>(i);
  }
  for (int c : {kLead, kStatus})
    if (col[c] < 0) return Status::Error(source.name() + ": no column for " + kNames[c]);

  std::vector<OutcomeRow> rows;
  Chunk chunk;
  uint32_t first_line = reader.first_data_line();
  Transcoder gb("UTF-8", "GB18030");
  while (true) {
    Result<bool> more = reader.Next(&chunk);
    if (!more.ok()) return more.status();
    if (!*more) break;
    std::string text;
    if (reader.encoding() == Encoding::kGb18030 && !gb.Convert(chunk.data, &text))
      return Status::Error(source.name() + ": not valid GB18030");
    if (reader.encoding() != Encoding::kGb18030) text = std::move(chunk.data);
    CsvReader csv(text, reader.delimiter(), first_line);
    CsvRow row;
    while (csv.Next(&row)) {
      const auto cell = [&](int c) {
        return col[c] >= 0 && static_cast<size_t>(col[c]) < row.fields.size()
                   ? Trim(row.fields[col[c]])
                   : std::string_view();
      };
      bool blank = true;
      for (std::string_view f : row.fields) blank = blank && Trim(f).empty();
      if (blank) continue;
      const auto fail = [&](const std::string& why) {
        errors->push_back(source.name() + ":" + std::to_string(row.line) + ": " + why);
      };
      if (!IsValidUtf8(row.raw)) {
        fail("invalid byte sequence");
        continue;
      }
      OutcomeRow out;
      out.line = row.line;
      Disposition& d = out.disposition;
      const std::string lead(cell(kLead));
      if (lead.empty() || lead.find_first_not_of("0123456789") != std::string::npos) {
        fail("lead_id: expected a lead number, found '" + lead + "'");
        continue;
      }
      // A number past int64_t names no lead: a bad row, not a crash.
      const auto [end, ec] = std::from_chars(lead.data(), lead.data() + lead.size(), d.lead_id);
      if (ec != std::errc() || end != lead.data() + lead.size()) {
        fail("lead_id: " + lead + " is not a lead number");
        continue;
      }
      const std::optional<LeadStatus> status = ParseStatus(cell(kStatus));
      if (!status) {
        fail("status: expected transferred or closed, found '" + std::string(cell(kStatus)) + "'");
        continue;
      }
      d.status = *status;
      if (!cell(kOutcome).empty()) {
        d.outcome = ParseOutcome(cell(kOutcome));
        if (!d.outcome) {
          fail("outcome: unknown outcome '" + std::string(cell(kOutcome)) + "'");
          continue;
        }
      }
      if (!cell(kCaseFiled).empty()) {
        Result<bool> filed = ParseYesNo(cell(kCaseFiled));
        if (!filed.ok()) {
          fail("case_filed: " + filed.error());
          continue;
        }
        d.case_filed = *filed;
      }
      if (!cell(kRecovered).empty()) {
        Result<int64_t> fen = ParseYuan(cell(kRecovered));
        if (!fen.ok()) {
          fail("recovered_yuan: " + fen.error());
          continue;
        }
        d.recovered_fen = *fen;
      }
      d.note = std::string(cell(kNote));
      rows.push_back(std::move(out));
    }
    first_line = csv.line();
  }
  return rows;
}

}  // namespace qinglian
