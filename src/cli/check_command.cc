// qinglian check PATH... --kind KIND [--rejects FILE] [--encoding E] [--map 'HEADER=field']
//                [--unit NAME]
// Validates input files of any record kind and prints what happened to every
// row, then the data quality warnings. Writes no database; the rejects file
// only when asked.
#include <iostream>
#include <memory>

#include "cli/command.h"
#include "cli/context.h"
#include "cli/exit.h"
#include "qinglian/base/text.h"
#include "qinglian/compare/data_quality.h"

namespace qinglian::cli {
namespace {

class CheckCommand final : public Command {
 public:
  void Define(CLI::App& app) override {
    app.add_option("paths", opt_.paths, "files to check (CSV or XLSX)")->required();
    app.add_option("--kind", opt_.kind,
                   "what the files hold: employees, offences, subsidies, deaths, businesses, "
                   "feedback")
        ->required();
    app.add_option("--rejects", opt_.rejects, "write rejected rows to this CSV file");
    app.add_option("--unit", opt_.unit,
                   "the unit of every roster row that names none (a single unit's roster)");
    DefineInputFlags(app, &opt_.input);
  }

  int Run(const Globals& g) override {
    if (Status s = CheckOutput(g, "--rejects", opt_.rejects, opt_.paths); !s.ok())
      return Usage(s.message());
    Result<LoadOptions> load = MakeLoadOptions(opt_.input);
    if (!load.ok()) return Fail(load.status());
    const Result<Catalog> catalog = LoadCatalogFor(g);
    if (!catalog.ok()) return Fail(catalog.status());
    const Result<const RecordKind*> kind = catalog->Kind(opt_.kind);
    if (!kind.ok()) return Usage("--kind: " + kind.error());
    load->vocabulary = &catalog->vocabulary;

    RejectsFile rejects;
    if (Status s = rejects.Open(opt_.rejects); !s.ok()) return Fail(s);
    RecordKind checked = **kind;
    load->default_unit = CleanField(opt_.unit);
    if (!load->default_unit.empty() && checked.unit >= 0)
      checked.fields[static_cast<size_t>(checked.unit)].required = false;
    // A roster's records are kept for the warnings about persons.
    const bool roster = checked.unit >= 0 && checked.period;
    RecordLoader loader(checked, *load, nullptr, /*keep=*/roster);
    std::vector<FileSummary> loaded;
    // A file that cannot be read at all is reported, and the others are still checked.
    int exit_code = kExitOk;
    std::string summaries;  // printed once the --map entries are known to be used
    std::vector<std::string> headers, fields;
    for (const FieldSpec& f : (*kind)->fields) fields.push_back(f.name);
    for (const std::string& path : opt_.paths) {
      Result<std::unique_ptr<ByteSource>> source = OpenFileSource(path);
      Result<FileSummary> summary = source.ok() ? loader.Load(**source, rejects.sink())
                                                : Result<FileSummary>(source.status());
      if (!summary.ok()) {
        exit_code = Fail(summary.status());
        continue;
      }
      summaries += TerminalText(FormatSummary(*summary, g.language()), /*keep_newlines=*/true);
      loaded.push_back(*summary);
      headers.insert(headers.end(), summary->headers.begin(), summary->headers.end());
      if (Status s = RequireDataRows(*summary); !s.ok()) exit_code = Fail(s);
    }
    if (exit_code == kExitOk)
      if (Status s = CheckColumnMapUsed(opt_.input.map, headers, fields); !s.ok()) return Fail(s);
    DataQuality quality;
    if (roster) quality = AssessRoster(Roster(loader.records()));
    AddImpreciseDates(loaded, &quality);
    summaries += TerminalText(FormatDataQuality(quality, g.language()), /*keep_newlines=*/true);
    std::cout << summaries;
    if (Status s = rejects.Commit(); !s.ok()) return Fail(s);
    return exit_code;
  }

 private:
  struct {
    std::vector<std::string> paths;
    std::string kind, rejects, unit;
    InputFlags input;
  } opt_;
};

}  // namespace

std::unique_ptr<Command> MakeCheckCommand() { return std::make_unique<CheckCommand>(); }

}  // namespace qinglian::cli
