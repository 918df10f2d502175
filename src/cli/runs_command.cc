// qinglian runs: the history of batch runs.
#include <iostream>

#include "cli/command.h"
#include "cli/context.h"
#include "cli/exit.h"
#include "qinglian/output/run_history.h"

namespace qinglian::cli {
namespace {

class RunsCommand final : public Command {
 public:
  void Define(CLI::App&) override {}

  int Run(const Globals& g) override {
    Result<std::unique_ptr<Store>> store = OpenStore(g, StoreAccess::kRead);
    if (!store.ok()) return Fail(store.status());
    Result<std::vector<RunRecord>> runs = (*store)->Runs();
    if (!runs.ok()) return Fail(runs.status());
    std::cout << FormatRunHistory(*runs, g.language());
    return kExitOk;
  }
};

}  // namespace

std::unique_ptr<Command> MakeRunsCommand() { return std::make_unique<RunsCommand>(); }

}  // namespace qinglian::cli
