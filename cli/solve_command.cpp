#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "kendall/error.hpp"
#include "kendall/model/analytic_result.hpp"
#include "kendall/model/queue_query.hpp"
#include "kendall/model/scenario_solver.hpp"
#include "kendall/model/units.hpp"
#include "kendall/report/format.hpp"
#include "kendall/report/solution_report.hpp"

#include "commands.hpp"
#include "exit_codes.hpp"
#include "format_option.hpp"
#include "quantity_flags.hpp"
#include "scenario_input.hpp"

namespace kendall::cli {

namespace {

struct SolveOptions {
  std::string target;
  std::optional<std::string> lambda;
  std::optional<std::string> mu;
  std::optional<std::string> service_mean;
  std::optional<std::string> servers;
  std::optional<std::string> capacity;
  std::optional<std::string> population;
  std::optional<double> arrival_scv;
  std::optional<double> service_scv;
  std::optional<std::string> patience_mean;
  std::optional<std::uint32_t> erlang_k;
  std::vector<std::string> classes;
  bool preemptive = false;
  std::vector<double> quantiles;
  std::optional<std::string> sla;
  std::string time_unit = "s";
  std::string format = "table";
};

// "inf" / "infinity" / "∞" → unbounded; otherwise a whole number ≥ 0.
double parse_count(const std::string& flag, const std::string& text) {
  if (text == "inf" || text == "infinity" || text == "∞") return model::unbounded;
  try {
    std::size_t used = 0;
    const double value = std::stod(text, &used);
    if (used == text.size() && value >= 0 &&
        value == static_cast<double>(static_cast<std::uint64_t>(value))) {
      return value;
    }
  } catch (const std::exception&) {
  }
  throw InvalidParameter(fmt::format("{} must be a whole number or inf, got '{}'", flag, text));
}

// --class NAME:LAMBDA:MEAN[:SCV], in priority order (first = served first).
model::PriorityClass parse_class(const std::string& text, const std::string& unit) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const auto colon = text.find(':', start);
    parts.push_back(text.substr(start, colon - start));
    if (colon == std::string::npos) break;
    start = colon + 1;
  }
  if (parts.size() < 3 || parts.size() > 4 || parts[0].empty()) {
    throw InvalidParameter(fmt::format(
        "--class '{}' is not understood — expected NAME:LAMBDA:SERVICE_MEAN[:SERVICE_SCV], e.g. "
        "gold:1/s:80ms:1",
        text));
  }
  model::PriorityClass c;
  c.name = parts[0];
  c.lambda = parse_rate_flag("--class " + c.name + " arrival rate", parts[1], unit);
  c.service_mean = parse_duration_flag("--class " + c.name + " service mean", parts[2], unit);
  if (parts.size() == 4) {
    try {
      c.service_scv = std::stod(parts[3]);
    } catch (const std::exception&) {
      throw InvalidParameter(
          fmt::format("--class {}: service SCV '{}' is not a number", c.name, parts[3]));
    }
  }
  return c;
}

model::QueryOptions query_options(const SolveOptions& o, const std::string& unit) {
  model::QueryOptions query;
  for (double q : o.quantiles) {
    if (!(q > 0.0 && q < 1.0))
      throw InvalidParameter(fmt::format("--quantiles: {} is not in (0, 1)", q));
  }
  query.quantiles = o.quantiles;
  if (o.sla) query.sla = parse_duration_flag("--sla", *o.sla, unit);
  return query;
}

int solve_scenario_file(const SolveOptions& o, CommandContext& context) {
  const bool queue_flags = o.lambda || o.mu || o.service_mean || o.servers || o.capacity ||
                           o.population || o.arrival_scv || o.service_scv || o.patience_mean ||
                           o.erlang_k || !o.classes.empty();
  if (queue_flags) {
    throw InvalidParameter(
        "flags such as --lambda, --mu and --servers describe a single queue given in Kendall "
        "notation; for a scenario file, change the file instead");
  }
  const model::Scenario scenario = load_scenario_reporting_warnings(o.target, context.err);
  const auto solution = model::solve_scenario(scenario, query_options(o, scenario.time_unit));
  context.out << report::render_solution(scenario, solution, to_format(o.format));
  return exit_ok;
}

int solve_notation(const SolveOptions& o, CommandContext& context) {
  const std::string& unit = o.time_unit;
  model::QueueQuery query;
  query.notation = o.target;
  if (o.lambda) query.lambda = parse_rate_flag("--lambda", *o.lambda, unit);
  if (o.mu && o.service_mean)
    throw InvalidParameter("give either --mu or --service-mean, not both");
  if (o.mu) query.mu = parse_rate_flag("--mu", *o.mu, unit);
  if (o.service_mean) {
    const double mean = parse_duration_flag("--service-mean", *o.service_mean, unit);
    if (!(mean > 0.0)) throw InvalidParameter("--service-mean must be positive");
    query.mu = 1.0 / mean;
  }
  if (o.servers) query.servers = parse_count("--servers", *o.servers);
  if (o.capacity) query.capacity = parse_count("--capacity", *o.capacity);
  if (o.population) query.population = parse_count("--population", *o.population);
  query.arrival_scv = o.arrival_scv;
  query.service_scv = o.service_scv;
  if (o.patience_mean)
    query.patience_mean = parse_duration_flag("--patience-mean", *o.patience_mean, unit);
  query.erlang_k = o.erlang_k;
  for (const auto& c : o.classes) query.classes.push_back(parse_class(c, unit));
  query.priority =
      o.preemptive ? model::PriorityMode::PreemptiveResume : model::PriorityMode::NonPreemptive;
  const auto result = model::solve(query, query_options(o, unit));
  context.out << report::render_result(result, to_format(o.format));
  return exit_ok;
}

int execute(const SolveOptions& options, CommandContext& context) {
  if (!model::canonical_time_unit(options.time_unit)) {
    // time_unit_seconds throws with a did-you-mean.
    (void)model::time_unit_seconds(options.time_unit);
  }
  if (looks_like_scenario_file(options.target)) return solve_scenario_file(options, context);
  return solve_notation(options, context);
}

}  // namespace

void add_solve_command(CLI::App& app, CommandAction& action) {
  auto options = std::make_shared<SolveOptions>();
  CLI::App* cmd = app.add_subcommand(
      "solve", R"(What queueing theory says: exact formulas or labelled approximations.

TARGET is Kendall notation A/S/c[/K[/N]][+M] for one queue, or a scenario file. Numbers in
the notation (M/M/4, M/M/2/10) or flags (--servers 4) give c, K and N; `inf` is accepted.
Rates and times are per --time-unit (default s) unless they carry a unit (120/s, 45ms).

Models: M/M/1, M/M/c, M/M/c/K (incl. M/M/c/c, Erlang B), M/M/inf, M/M/c//N and M/M/c/K/N
(finite source), M/G/1, M/D/1, M/E_k/1 (Pollaczek-Khinchine), M/G/1 with priority classes
(--class, non-preemptive or --preemptive), M/M/c+M (Erlang-A), and the approximations
G/G/1 (Kingman) and G/G/c, M/G/c (Allen-Cunneen). See docs/models.md.

Examples:
  kendall solve M/M/4 --lambda 3.6 --mu 1
  kendall solve M/M/2/10 --lambda 1.5 --mu 1
  kendall solve M/M/c//N --servers 2 --population 20 --lambda 0.1 --mu 1
  kendall solve M/G/1 --lambda 0.8 --mu 1 --service-scv 2
  kendall solve G/G/c --servers 8 --lambda 7 --mu 1 --arrival-scv 1.5 --service-scv 0.5
  kendall solve M/M/c+M --servers 50 --lambda 5/min --service-mean 8min --patience-mean 2min --sla 20s
  kendall solve M/G/1 --class gold:1/s:80ms --class bronze:9/s:80ms --preemptive
  kendall solve M/M/1 --lambda 0.9 --mu 1 --quantiles 0.5,0.9,0.99 --format json
  kendall solve scenarios/three-tier.yaml)");
  cmd->add_option("target", options->target, "Kendall notation (M/M/4) or a scenario file")
      ->required();
  cmd->add_option("--lambda,-l", options->lambda,
                  "Arrival rate (per idle source for //N), e.g. 3.6 or 120/s");
  cmd->add_option("--mu,-m", options->mu, "Service rate of one server, e.g. 1 or 50/s");
  cmd->add_option("--service-mean", options->service_mean,
                  "Mean service time instead of --mu, e.g. 45ms");
  cmd->add_option("--servers,-c", options->servers, "Number of servers c (or inf)");
  cmd->add_option("--capacity,-K", options->capacity, "Most customers in the station K (or inf)");
  cmd->add_option("--population,-N", options->population, "Sources N for finite-source models");
  cmd->add_option("--arrival-scv", options->arrival_scv, "SCV of interarrival times (G arrivals)");
  cmd->add_option("--service-scv", options->service_scv, "SCV of service times (G service)");
  cmd->add_option("--patience-mean", options->patience_mean,
                  "Mean patience for +M (Erlang-A), e.g. 2min");
  cmd->add_option("--erlang-k", options->erlang_k, "Phases k of E_k service");
  cmd->add_option("--class", options->classes,
                  "Priority class NAME:LAMBDA:SERVICE_MEAN[:SCV], highest priority first (repeat)");
  cmd->add_flag("--preemptive", options->preemptive, "Preemptive-resume priority (with --class)");
  cmd->add_option("--quantiles", options->quantiles,
                  "Quantile levels of Wq and W, e.g. 0.5,0.9,0.99")
      ->delimiter(',');
  cmd->add_option("--sla", options->sla, "Service-level target: adds P(Wq <= target), e.g. 20s");
  cmd->add_option("--time-unit", options->time_unit, "Unit of bare numbers: ns|us|ms|s|min|h|d")
      ->default_val("s");
  add_format_option(*cmd, options->format);
  cmd->callback([&action, options] {
    action = [options](CommandContext& context) { return execute(*options, context); };
  });
}

}  // namespace kendall::cli
