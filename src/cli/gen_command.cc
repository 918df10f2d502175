// qinglian gen --out DIR [--profile huaihua] [--employees N] [--offences M] [--seed S]
#include <filesystem>
#include <iostream>

#include "cli/command.h"
#include "qinglian/app/gen.h"
#include "qinglian/base/output_file.h"

namespace qinglian::cli {
namespace {

struct GenFlags {
  std::string out;
  GenOptions gen;
  std::string as_of;
  bool utf8_only = false;
} opt;

}  // namespace

Status GenerateInto(const std::string& dir, const GenOptions& options, std::ostream& log) {
  Result<std::unique_ptr<Generator>> gen = Generator::Create(options);
  if (!gen.ok()) return gen.status();
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Status::Error(dir + ": " + ec.message());
  struct {
    const char* name;
    void (Generator::*write)(std::ostream&) const;
  } files[] = {{kGenEmployeesFile, &Generator::WriteEmployees},
               {kGenTrafficFile, &Generator::WriteTrafficOffences},
               {kGenPublicSecurityFile, &Generator::WritePublicSecurityOffences}};
  for (const auto& f : files) {
    const std::string path = (std::filesystem::path(dir) / f.name).string();
    if (Status s = WriteOutputFile(path, [&](std::ostream& out) { ((**gen).*f.write)(out); });
        !s.ok())
      return s;
    log << path << "\n";
  }
  return Status::Ok();
}

void DefineGen(CLI::App& app) {
  app.add_option("--out", opt.out, "directory to write the files into")->required();
  app.add_option("--profile", opt.gen.profile,
                 "data profile (huaihua: 7 SOEs, about 6,990 persons)");
  app.add_option("--employees", opt.gen.employees, "employee records (default 12000)");
  app.add_option("--offences", opt.gen.offences, "offence records of the city (default 20000)");
  app.add_option("--seed", opt.gen.seed, "random seed: the same seed gives the same bytes");
  app.add_option("--as-of", opt.as_of, "last day of the data (default 2024-12-31)");
  app.add_flag("--utf8", opt.utf8_only,
               "write every file in UTF-8 (the traffic file is GB18030 otherwise)");
}

int RunGen(const GlobalOptions&) {
  if (!opt.as_of.empty()) {
    Result<Date> d = ParseDate(opt.as_of);
    if (!d.ok()) return Fail("--as-of: " + d.error());
    opt.gen.as_of = *d;
  }
  opt.gen.gb18030 = !opt.utf8_only;
  if (Status s = GenerateInto(opt.out, opt.gen, std::cout); !s.ok()) return Fail(s.message());
  return kExitOk;
}

}  // namespace qinglian::cli
