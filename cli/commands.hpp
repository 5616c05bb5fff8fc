#pragma once
/// \file
/// The `kendall` subcommands. Each `add_*_command` registers its flags on the app and sets
/// `action` to run when the subcommand is chosen. Commands print to the context's streams so
/// tests can drive them in-process through run_cli().

#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace kendall::cli {

struct CommandContext {
  std::ostream& out;
  std::ostream& err;
  /// The command line as typed (argv), for the reproducibility footer of reports.
  std::vector<std::string> arguments = {};
};

/// Returns the process exit code (exit_codes.hpp).
using CommandAction = std::function<int(CommandContext&)>;

void add_solve_command(CLI::App& app, CommandAction& action);
void add_run_command(CLI::App& app, CommandAction& action);
void add_validate_command(CLI::App& app, CommandAction& action);
void add_plan_command(CLI::App& app, CommandAction& action);
void add_sweep_command(CLI::App& app, CommandAction& action);

/// The whole CLI: parses argv, runs the chosen command, maps errors to exit codes and
/// messages on `err`. main() is `return run_cli(argc, argv, std::cout, std::cerr);`.
int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace kendall::cli
