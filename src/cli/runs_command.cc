// qinglian runs: the history of batch runs.
#include <fmt/format.h>

#include <iostream>

#include "cli/command.h"
#include "cli/util.h"
#include "qinglian/core/vocab.h"

namespace qinglian::cli {

int RunRuns(const GlobalOptions& g) {
  Result<std::unique_ptr<Store>> store = OpenStore(g, StoreAccess::kRead);
  if (!store.ok()) return Fail(store.error());
  Result<std::vector<RunRecord>> runs = (*store)->Runs();
  if (!runs.ok()) return Fail(runs.error());
  std::cout << fmt::format(
      "{:>4}  {:<20}  {:<6}  {:<10}  {:>9}  {:>8}  {:>9}  {:>8}  {:>6}  {:>5}  {:>5}  {:>8}\n",
      "run", "finished (UTC)", "status", "as of", "employees", "rejected", "offences", "rejected",
      "hits", "new", "seen", "seconds");
  for (const RunRecord& r : *runs) {
    std::cout << fmt::format(
        "{:>4}  {:<20}  {:<6}  {:<10}  {:>9}  {:>8}  {:>9}  {:>8}  {:>6}  {:>5}  {:>5}  {:>8.2f}\n",
        r.id, r.finished_at, Code(r.status), r.as_of, r.employee_rows, r.employee_rejected,
        r.offence_rows, r.offence_rejected, r.hits, r.leads_new, r.leads_seen,
        r.duration_ms / 1000.0);
    for (const SourceRecord& s : r.sources)
      std::cout << fmt::format("      {:<9} {} ({}, {} bytes, sha256 {})\n", s.kind, s.path,
                               s.format == "xlsx" ? s.format : s.encoding, s.size,
                               s.sha256.substr(0, 16));
    if (!r.message.empty()) std::cout << "      " << r.message << "\n";
  }
  return kExitOk;
}

}  // namespace qinglian::cli
