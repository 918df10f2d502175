// qinglian: compares rosters of state-owned enterprises' staff with other
// offices' records and keeps the problem leads. main() parses the global
// flags and hands the subcommand to its command object.
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <new>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "cli/command.h"
#include "cli/exit.h"
#include "cli/messages.h"

namespace qinglian::cli {
namespace {

const CommandInfo kCommands[] = {
    {"run", "compare the roster with other offices' records and record new leads", MakeRunCommand},
    {"check", "validate input files and count what happens to every row, writing no database",
     MakeCheckCommand},
    {"leads", "list problem leads by unit, type or status", MakeLeadsCommand},
    {"persons", "list persons with leads: their units, types and statuses, repeat offenders",
     MakePersonsCommand},
    {"show", "show one lead with its evidence and history", MakeShowCommand},
    {"review", "list near matches (damaged or mistyped ID numbers) or judge one",
     MakeReviewCommand},
    {"dispose", "record what happened to a lead (transferred, closed, outcome)",
     MakeDisposeCommand},
    {"export", "write leads to CSV or XLSX for the units and the commission", MakeExportCommand},
    {"report", "summarise coverage, leads, cases, sanctions and money recovered",
     MakeReportCommand},
    {"runs", "list the history of batch runs", MakeRunsCommand},
    {"units", "list units with coverage and expected headcounts; store their aliases",
     MakeUnitsCommand},
    {"audit", "list the audit trail, verify it, or print its head", MakeAuditCommand},
    {"models", "list the models: what each compares, and when a record becomes a lead",
     MakeModelsCommand},
    {"gen", "generate synthetic exports of every record kind", MakeGenCommand},
    {"demo", "generate demo data and run the whole job end to end", MakeDemoCommand},
};

// Fault injection for the tests of the last line of defence in main():
// QINGLIAN_FAULT=throw or bad-alloc throws as the command starts.
void InjectFault() {
  const char* fault = std::getenv("QINGLIAN_FAULT");
  if (!fault) return;
  if (std::string_view(fault) == "throw") throw std::runtime_error("injected fault");
  if (std::string_view(fault) == "bad-alloc") throw std::bad_alloc();
}

// The language of messages before the flags are parsed: --lang as the
// command line has it (anywhere: a global flag may follow the command), else
// the locale, as Globals::language() decides once they are.
Lang LangOfCommandLine(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    std::optional<Lang> l;
    if (arg == "--lang" && i + 1 < argc) l = ParseLang(argv[i + 1]);
    if (arg.starts_with("--lang=")) l = ParseLang(arg.substr(7));
    if (l) return *l;
  }
  return LangFromEnvironment();
}

void SetUpLogging(const Globals& g) {
  auto logger = spdlog::stderr_color_mt("qinglian");
  logger->set_pattern("%^%l%$: %v");
  spdlog::set_default_logger(logger);
  spdlog::set_level(g.quiet ? spdlog::level::err : spdlog::level::from_str(g.log_level));
}

int Main(int argc, char** argv) {
  CLI::App app{
      "qinglian: compare staff rosters with other offices' records and keep problem "
      "leads"};
  app.set_version_flag("--version", std::string("qinglian ") + QINGLIAN_VERSION);
  app.require_subcommand(1);
  // A global flag may also follow the command: qinglian report --lang en.
  app.fallthrough();

  Globals global;
  if (const char* env = std::getenv("QINGLIAN_DB"); env && *env) global.db = env;
  if (global.db.empty()) global.db = "qinglian.db";
  app.add_option("--db", global.db,
                 "SQLite database file (default $QINGLIAN_DB, else ./qinglian.db)");
  app.add_option("--lang", global.lang, "language of screens: zh or en (default: the locale)")
      ->check(CLI::IsMember({"zh", "en"}));
  app.add_option("--data-dir", global.data_dir,
                 "folder of record kinds, models and the offence vocabulary (default "
                 "$QINGLIAN_DATA_DIR, else the installed share/qinglian)");
  app.add_option("--log-level", global.log_level, "trace, debug, info, warn, error or off")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}));
  app.add_flag("-q,--quiet", global.quiet, "print errors only");

  std::vector<std::pair<CLI::App*, std::unique_ptr<Command>>> subs;
  for (const CommandInfo& c : kCommands) {
    CLI::App* sub = app.add_subcommand(c.name, c.help);
    std::unique_ptr<Command> command = c.make();
    command->Define(*sub);
    subs.emplace_back(sub, std::move(command));
  }

  SetMessageLang(LangOfCommandLine(argc, argv));
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version print what was asked for; a mistake is one line.
    if (e.get_exit_code() == 0) return app.exit(e);
    const std::string what = e.what();
    // Our own checks speak the message language already; CLI11's are translated.
    const bool said = Translate(what, MessageLang()) != what ||
                      std::any_of(what.begin(), what.end(), [](char c) { return c & 0x80; });
    return Usage(said ? what : Say(Msg::kBadOption, what));
  }
  // SQLite takes an empty name for a temporary database: the run would vanish.
  if (global.db.empty()) return Usage("--db: the database file name is empty");
  SetUpLogging(global);
  global.args.assign(argv + 1, argv + argc);
  for (auto& [sub, command] : subs) {
    if (!sub->parsed()) continue;
    global.command = sub->get_name();
    InjectFault();
    return command->Run(global);
  }
  return kExitUsage;
}

}  // namespace
}  // namespace qinglian::cli

// The last line of defence: the library returns errors as values, but an
// exception nobody foresaw (from the standard library, a dependency, or
// memory running out) is still one line and exit 1, never an abort.
int main(int argc, char** argv) {
  try {
    return qinglian::cli::Main(argc, argv);
  } catch (const std::bad_alloc&) {
    // No allocation here: there may be no memory for one.
    std::fputs("qinglian: internal error: out of memory\n", stderr);
  } catch (const std::exception& e) {
    std::string what = e.what();
    std::replace(what.begin(), what.end(), '\n', ' ');
    std::cerr << "qinglian: internal error: " << what << "\n";
  } catch (...) {
    std::fputs("qinglian: internal error: unknown exception\n", stderr);
  }
  return qinglian::cli::kExitFailure;
}
