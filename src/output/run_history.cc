#include "qinglian/output/run_history.h"

#include <fmt/format.h>

#include "qinglian/base/clock.h"
#include "qinglian/base/text.h"
#include "qinglian/output/text_table.h"

namespace qinglian {
namespace {

struct RunColumn {
  const char* zh;
  const char* en;
};
// The run's number is four columns wide whatever the language.
constexpr RunColumn kRunColumns[] = {
    {"批次", " run"},         {"完成时间", "finished"},  {"状态", "status"},
    {"截至日期", "as of"},    {"职工记录", "employees"}, {"拒收", "rejected"},
    {"其他记录", "offences"}, {"拒收", "rejected"},      {"命中", "hits"},
    {"新线索", "new"},        {"再次发现", "seen"},      {"用时（秒）", "seconds"},
};

}  // namespace

std::string FormatRunHistory(const std::vector<RunRecord>& runs, Lang lang) {
  const bool zh = lang == Lang::kZh;
  std::vector<std::vector<std::string>> rows(1);
  for (const RunColumn& c : kRunColumns) rows[0].push_back(zh ? c.zh : c.en);
  for (const RunRecord& r : runs)
    rows.push_back({std::to_string(r.id), LocalTime(r.finished_at), Label(r.status, lang), r.as_of,
                    std::to_string(r.employee_rows), std::to_string(r.employee_rejected),
                    std::to_string(r.offence_rows), std::to_string(r.offence_rejected),
                    std::to_string(r.hits), std::to_string(r.leads_new),
                    std::to_string(r.leads_seen),
                    fmt::format("{:.2f}", static_cast<double>(r.duration_ms) / 1000.0)});
  TableStyle style;
  style.align.assign(std::size(kRunColumns), Align::kRight);
  for (size_t c : {1, 2, 3}) style.align[c] = Align::kLeft;
  const std::vector<std::string> lines = Split(AlignedTable(std::move(rows), style), '\n');
  // Each run's line, then its files and why it failed.
  std::string out = lines[0] + "\n";
  for (size_t i = 0; i < runs.size(); ++i) {
    const RunRecord& r = runs[i];
    out += lines[i + 1] + "\n";
    for (const SourceRecord& s : r.sources)
      out += fmt::format(fmt::runtime(zh ? "      {:<9} {}（{}，{} 字节，sha256 {}）\n"
                                         : "      {:<9} {} ({}, {} bytes, sha256 {})\n"),
                         s.kind, s.path, s.format == "xlsx" ? s.format : s.encoding, s.size,
                         s.sha256.substr(0, 16));
    if (!r.message.empty()) out += "      " + r.message + "\n";
  }
  // Paths and messages come from outside: shown, not sent to the terminal.
  return TerminalText(out, /*keep_newlines=*/true);
}

}  // namespace qinglian
