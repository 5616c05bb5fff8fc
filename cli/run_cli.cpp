#include <exception>
#include <ostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "kendall/error.hpp"

#include "commands.hpp"
#include "exit_codes.hpp"

namespace kendall::cli {

namespace {

constexpr const char* description = R"(Kendall — queueing theory, simulation and capacity planning.

Answers three questions about a system of queues, side by side:
  what does theory say (exact formulas, labelled approximations),
  what does simulation say (discrete-event simulation with confidence intervals),
  and where the two disagree.

Examples:
  kendall solve M/M/4 --lambda 3.6 --mu 1
  kendall solve M/M/c+M --servers 50 --lambda 5 --mu 0.125 --patience-mean 2 --sla 0.33
  kendall solve scenarios/web-api.yaml
  kendall run scenarios/web-api.yaml --replications 20 --format json

Exit codes: 0 success, 1 a validation check failed, 2 bad input (flags or scenario file),
130 interrupted with Ctrl-C (partial results printed), 70 internal error (a bug).)";

}  // namespace

int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  CLI::App app{description, "kendall"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "kendall 0.1.0");
  app.get_formatter()->column_width(34);

  CommandAction action;
  add_solve_command(app, action);
  add_run_command(app, action);
  add_validate_command(app, action);
  add_plan_command(app, action);
  add_sweep_command(app, action);

  // CLI11 would answer "A subcommand is required" to a misspelt command; say what is wrong.
  if (argc >= 2 && argv[1][0] != '-') {
    const std::string given = argv[1];
    std::string known;
    bool found = false;
    for (const CLI::App* command : app.get_subcommands([](const CLI::App*) { return true; })) {
      found = found || command->get_name() == given;
      known += (known.empty() ? "" : ", ") + command->get_name();
    }
    if (!found) {
      err << "kendall: unknown command '" << given << "' — expected one of " << known
          << " (kendall --help lists them)\n";
      return exit_bad_input;
    }
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help / --version arrive here too, with exit code 0; app.exit prints the help of the
    // subcommand that asked for it.
    return app.exit(e, out, err) == 0 ? exit_ok : exit_bad_input;
  }

  CommandContext context{out, err, std::vector<std::string>(argv, argv + argc)};
  try {
    return action(context);
  } catch (const ScenarioError& e) {
    err << e.what() << '\n';
    return exit_bad_input;
  } catch (const InvalidParameter& e) {
    err << "kendall: " << e.what() << '\n';
    return exit_bad_input;
  } catch (const Error& e) {
    err << "kendall: " << e.what() << '\n';
    return exit_bad_input;
  } catch (const std::exception& e) {
    err << "kendall: internal error: " << e.what() << "\nPlease report this as a bug.\n";
    return exit_internal_error;
  }
}

}  // namespace kendall::cli
