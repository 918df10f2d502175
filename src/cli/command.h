// The command table: every subcommand is a name, a line of help and a
// command object that declares its own flags (into its own options struct)
// and runs by calling the library (after ninja's subtool table).
#ifndef QINGLIAN_CLI_COMMAND_H_
#define QINGLIAN_CLI_COMMAND_H_

#include <CLI/CLI.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "qinglian/core/vocab.h"

namespace qinglian::cli {

// The flags every command takes, and who is running what.
struct Globals {
  std::string db;        // --db, else $QINGLIAN_DB, else ./qinglian.db
  std::string lang;      // --lang zh|en; empty: the locale
  std::string data_dir;  // --data-dir, else $QINGLIAN_DATA_DIR, else the installed one
  std::string log_level = "info";
  bool quiet = false;
  std::string command;            // the subcommand's name
  std::vector<std::string> args;  // the words after the program name, for the audit trail

  // The language of screens: --lang, else the locale.
  Lang language() const;
};

class Command {
 public:
  virtual ~Command() = default;
  // Declares the command's flags on its subcommand.
  virtual void Define(CLI::App& app) = 0;
  // Runs the command once its flags are parsed; returns the exit code.
  virtual int Run(const Globals& globals) = 0;
};

struct CommandInfo {
  const char* name;
  const char* help;
  std::unique_ptr<Command> (*make)();
};

// The commands, one file each.
std::unique_ptr<Command> MakeRunCommand();
std::unique_ptr<Command> MakeCheckCommand();
std::unique_ptr<Command> MakeLeadsCommand();
std::unique_ptr<Command> MakePersonsCommand();
std::unique_ptr<Command> MakeShowCommand();
std::unique_ptr<Command> MakeDisposeCommand();
std::unique_ptr<Command> MakeExportCommand();
std::unique_ptr<Command> MakeReportCommand();
std::unique_ptr<Command> MakeRunsCommand();
std::unique_ptr<Command> MakeAuditCommand();
std::unique_ptr<Command> MakeModelsCommand();
std::unique_ptr<Command> MakeGenCommand();
std::unique_ptr<Command> MakeDemoCommand();
std::unique_ptr<Command> MakeUnitsCommand();
std::unique_ptr<Command> MakeReviewCommand();

}  // namespace qinglian::cli

#endif  // QINGLIAN_CLI_COMMAND_H_
