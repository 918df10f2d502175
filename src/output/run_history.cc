#include "qinglian/output/run_history.h"

#include <fmt/format.h>

#include "qinglian/base/text.h"

namespace qinglian {

std::string FormatRunHistory(const std::vector<RunRecord>& runs, Lang) {
  std::string out = fmt::format(
      "{:>4}  {:<20}  {:<6}  {:<10}  {:>9}  {:>8}  {:>9}  {:>8}  {:>6}  {:>5}  {:>5}  {:>8}\n",
      "run", "finished (UTC)", "status", "as of", "employees", "rejected", "offences", "rejected",
      "hits", "new", "seen", "seconds");
  for (const RunRecord& r : runs) {
    out += fmt::format(
        "{:>4}  {:<20}  {:<6}  {:<10}  {:>9}  {:>8}  {:>9}  {:>8}  {:>6}  {:>5}  {:>5}  {:>8.2f}\n",
        r.id, r.finished_at, Code(r.status), r.as_of, r.employee_rows, r.employee_rejected,
        r.offence_rows, r.offence_rejected, r.hits, r.leads_new, r.leads_seen,
        static_cast<double>(r.duration_ms) / 1000.0);
    for (const SourceRecord& s : r.sources)
      out +=
          fmt::format("      {:<9} {} ({}, {} bytes, sha256 {})\n", s.kind, s.path,
                      s.format == "xlsx" ? s.format : s.encoding, s.size, s.sha256.substr(0, 16));
    if (!r.message.empty()) out += "      " + r.message + "\n";
  }
  // Paths and messages come from outside: shown, not sent to the terminal.
  return TerminalText(out, /*keep_newlines=*/true);
}

}  // namespace qinglian
