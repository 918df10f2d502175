// The command table: every subcommand is a name, a line of help, a function
// that declares its flags and one that runs it (after ninja's subtool table).
#ifndef QINGLIAN_CLI_COMMAND_H_
#define QINGLIAN_CLI_COMMAND_H_

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace qinglian::cli {

// Exit codes shared by every command.
constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

struct GlobalOptions {
  std::string db;  // --db, else $QINGLIAN_DB, else ./qinglian.db
  std::string log_level = "info";
  bool quiet = false;
  std::string command;            // the subcommand's name
  std::vector<std::string> args;  // the words after the program name, for the audit trail
};

struct Command {
  const char* name;
  const char* help;
  // Declares the command's own flags on its subcommand. May be null.
  void (*define)(CLI::App& app);
  // Runs the command once its flags are parsed; returns the exit code.
  int (*run)(const GlobalOptions& global);
};

// Prints "qinglian: <message>" on stderr and returns kExitFailure.
int Fail(const std::string& message);

// The commands, one file each.
void DefineCheck(CLI::App& app);
int RunCheck(const GlobalOptions& global);
void DefineGen(CLI::App& app);
int RunGen(const GlobalOptions& global);
void DefineRun(CLI::App& app);
int RunRun(const GlobalOptions& global);
int RunRuns(const GlobalOptions& global);
void DefineLeads(CLI::App& app);
int RunLeads(const GlobalOptions& global);
void DefineShow(CLI::App& app);
int RunShow(const GlobalOptions& global);
void DefineDispose(CLI::App& app);
int RunDispose(const GlobalOptions& global);
void DefineExport(CLI::App& app);
int RunExport(const GlobalOptions& global);
void DefineAudit(CLI::App& app);
int RunAudit(const GlobalOptions& global);
void DefineReport(CLI::App& app);
int RunReportCommand(const GlobalOptions& global);
void DefineDemo(CLI::App& app);
int RunDemo(const GlobalOptions& global);

}  // namespace qinglian::cli

#endif  // QINGLIAN_CLI_COMMAND_H_
