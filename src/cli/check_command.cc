// qinglian check PATH... --kind employees|offences [--rejects FILE]
// Validates input files and prints what happened to every row. Writes no
// database; the rejects file only when asked.
#include <iostream>
#include <memory>

#include "cli/command.h"
#include "cli/util.h"
#include "qinglian/base/text.h"
#include "qinglian/input/loader.h"

namespace qinglian::cli {
namespace {

struct CheckOptions {
  std::vector<std::string> paths;
  std::string kind;
  std::string rejects;
  std::string encoding = "auto";
  std::vector<std::string> map;
} opt;

}  // namespace

void DefineCheck(CLI::App& app) {
  app.add_option("paths", opt.paths, "CSV files to check")->required();
  app.add_option("--kind", opt.kind, "what the files hold")
      ->required()
      ->check(CLI::IsMember({"employees", "offences"}));
  app.add_option("--rejects", opt.rejects, "write rejected rows to this CSV file");
  app.add_option("--encoding", opt.encoding, "auto, utf-8, gb18030 or utf-16");
  app.add_option("--map", opt.map, "name a column the aliases do not know: 'HEADER=field'");
}

int RunCheck(const GlobalOptions& g) {
  if (Status s = CheckOutput(g, "--rejects", opt.rejects, opt.paths); !s.ok())
    return Usage(s.message());
  LoadOptions load;
  const Result<Encoding> encoding = ParseEncodingName(opt.encoding);
  if (!encoding.ok()) return Fail(encoding.error());
  load.encoding = *encoding;
  load.column_map = opt.map;

  RejectsFile rejects;
  if (Status s = rejects.Open(opt.rejects); !s.ok()) return Fail(s.message());
  const RejectSink sink = rejects.sink();

  EmployeeLoader employees(load);
  OffenceLoader offences(load, nullptr, /*keep=*/false);
  // A file that cannot be read at all is reported, and the others are still checked.
  int exit_code = kExitOk;
  std::string summaries;  // printed once the --map entries are known to be used
  std::vector<std::string> headers;
  for (const std::string& path : opt.paths) {
    Result<std::unique_ptr<ByteSource>> source = OpenFileSource(path);
    Result<FileSummary> summary = !source.ok()              ? Result<FileSummary>(source.status())
                                  : opt.kind == "employees" ? employees.Load(**source, sink)
                                                            : offences.Load(**source, sink);
    if (!summary.ok()) {
      exit_code = Fail(summary.error());
      continue;
    }
    summaries += TerminalText(FormatSummary(*summary), /*keep_newlines=*/true);
    headers.insert(headers.end(), summary->headers.begin(), summary->headers.end());
    if (Status s = RequireDataRows(*summary); !s.ok()) exit_code = Fail(s.message());
  }
  if (exit_code == kExitOk)
    if (Status s = CheckColumnMapUsed(opt.map, headers); !s.ok()) return Fail(s.message());
  std::cout << summaries;
  if (Status s = rejects.Commit(); !s.ok()) return Fail(s.message());
  return exit_code;
}

}  // namespace qinglian::cli
