// qinglian gen --out DIR [--profile huaihua] [--employees N] [--offences M] [--seed S]
//              [--subsidies N] [--deaths N] [--businesses N] [--as-of DATE] [--utf8]
//              [--near N]
#include <iostream>

#include "cli/command.h"
#include "cli/exit.h"
#include "qinglian/app/gen.h"

namespace qinglian::cli {
namespace {

class GenCommand final : public Command {
 public:
  void Define(CLI::App& app) override {
    app.add_option("--out", opt_.out, "directory to write the files into")->required();
    app.add_option("--profile", opt_.gen.profile,
                   "data profile (huaihua: 7 SOEs, about 6,990 persons)");
    app.add_option("--employees", opt_.gen.employees, "employee records (default 12000)");
    app.add_option("--offences", opt_.gen.offences, "offence records of the city (default 20000)");
    app.add_option("--subsidies", opt_.gen.subsidies,
                   "rows of the allowance register (default half the employee records)");
    app.add_option("--deaths", opt_.gen.deaths,
                   "rows of the death register (default a sixth of the employee records)");
    app.add_option("--businesses", opt_.gen.businesses,
                   "rows of the business register (default 5/12 of the employee records)");
    app.add_option("--near", opt_.gen.near,
                   "plant N near matches for `review` (damaged and mistyped ID numbers, names "
                   "written another way) and N/5 traps; the truth goes to near_truth.csv");
    app.add_option("--seed", opt_.gen.seed, "random seed: the same seed gives the same bytes");
    app.add_option("--as-of", opt_.as_of, "last day of the data (default 2024-12-31)");
    app.add_flag(
        "--utf8", opt_.utf8_only,
        "write every file in UTF-8 (the traffic and allowance files are GB18030 otherwise)");
  }

  int Run(const Globals&) override {
    if (!opt_.as_of.empty()) {
      Result<Date> d = ParseDate(opt_.as_of);
      if (!d.ok()) return Fail("--as-of: " + d.error());
      opt_.gen.as_of = *d;
    }
    opt_.gen.gb18030 = !opt_.utf8_only;
    Result<std::vector<GeneratedFile>> files = GenerateInto(opt_.out, opt_.gen);
    if (!files.ok()) return Fail(files.status());
    for (const GeneratedFile& f : *files) std::cout << f.path << "\n";
    return kExitOk;
  }

 private:
  struct {
    std::string out, as_of;
    GenOptions gen;
    bool utf8_only = false;
  } opt_;
};

}  // namespace

std::unique_ptr<Command> MakeGenCommand() { return std::make_unique<GenCommand>(); }

}  // namespace qinglian::cli
