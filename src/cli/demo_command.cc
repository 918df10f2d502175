// qinglian demo [--dir DIR] [--seed S] [--lang zh|en]: the whole job on
// synthetic data (app/demo.h).
#include <iostream>

#include "cli/command.h"
#include "cli/context.h"
#include "cli/exit.h"
#include "qinglian/app/demo.h"

namespace qinglian::cli {
namespace {

class DemoCommand final : public Command {
 public:
  void Define(CLI::App& app) override {
    app.add_option("--dir", opt_.dir, "where the demo's files and database go (default ./demo)");
    app.add_option("--seed", opt_.seed, "random seed of the generated data");
  }

  int Run(const Globals& g) override {
    if (Status s = CheckDemoFolder(opt_.dir); !s.ok())
      return Usage(s.WithContext("--dir " + opt_.dir).message());
    const Result<Catalog> catalog = LoadCatalogFor(g);
    if (!catalog.ok()) return Fail(catalog.status());
    DemoRequest request;
    request.dir = opt_.dir;
    request.seed = opt_.seed;
    request.lang = g.language();
    request.catalog = &*catalog;
    request.actor = OsUser();
    request.audit = MakeAudit(g);
    if (Status s = RunDemo(request, std::cout); !s.ok()) return Fail(s);
    return kExitOk;
  }

 private:
  struct {
    std::string dir = "demo";
    uint64_t seed = 1;
  } opt_;
};

}  // namespace

std::unique_ptr<Command> MakeDemoCommand() { return std::make_unique<DemoCommand>(); }

}  // namespace qinglian::cli
