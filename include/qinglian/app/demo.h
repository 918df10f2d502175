// The whole job on synthetic data, through the same library calls as the
// commands: generate the exports, run every model, apply the inspection
// team's feedback as `dispose --file` does, and report (text and a page).
#ifndef QINGLIAN_APP_DEMO_H_
#define QINGLIAN_APP_DEMO_H_

#include <cstdint>
#include <ostream>
#include <string>

#include "qinglian/app/catalog.h"
#include "qinglian/base/status.h"
#include "qinglian/core/audit.h"
#include "qinglian/core/vocab.h"

namespace qinglian {

struct DemoRequest {
  std::string dir = "demo";  // replaced whole; refused unless new, empty or an earlier demo's
  uint64_t seed = 1;
  Lang lang = Lang::kZh;
  const Catalog* catalog = nullptr;
  std::string actor;
  AuditEntry audit;  // the command's entry, for each step that writes
};

// The demo's store, in its folder.
std::string DemoStorePath(const std::string& dir);

// Fails unless `dir` is absent, empty, or an earlier demo's: the marker file a
// demo leaves, and only the names a demo writes.
Status CheckDemoFolder(const std::string& dir);

// Runs the demo, printing each step to `out`. Fails when a step fails; a run
// refused for its reject rate is a failure too.
Status RunDemo(const DemoRequest& request, std::ostream& out);

}  // namespace qinglian

#endif  // QINGLIAN_APP_DEMO_H_
