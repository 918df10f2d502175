// qinglian models [--format text|json] [--models-dir DIR]
#include <iostream>

#include "cli/command.h"
#include "cli/context.h"
#include "cli/exit.h"
#include "qinglian/output/model_list.h"

namespace qinglian::cli {
namespace {

class ModelsCommand final : public Command {
 public:
  void Define(CLI::App& app) override {
    app.add_option("--format", opt_.format, "text or json")->check(CLI::IsMember({"text", "json"}));
    app.add_option("--models-dir", opt_.models_dir, "directory of model files (*.json)");
  }

  int Run(const Globals& g) override {
    const Result<Catalog> catalog = LoadCatalogFor(g, opt_.models_dir);
    if (!catalog.ok()) return Fail(catalog.status());
    std::cout << (opt_.format == "json" ? FormatModelListJson(catalog->models, catalog->vocabulary)
                                        : FormatModelList(catalog->models, catalog->Labels(),
                                                          catalog->vocabulary, g.language()));
    return kExitOk;
  }

 private:
  struct {
    std::string format = "text", models_dir;
  } opt_;
};

}  // namespace

std::unique_ptr<Command> MakeModelsCommand() { return std::make_unique<ModelsCommand>(); }

}  // namespace qinglian::cli
