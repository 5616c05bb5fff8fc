#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "kendall/error.hpp"
#include "kendall/model/run_settings.hpp"
#include "kendall/model/scenario_solver.hpp"
#include "kendall/model/units.hpp"
#include "kendall/report/format.hpp"
#include "kendall/report/report_file.hpp"
#include "kendall/report/run_capacity_report.hpp"
#include "kendall/report/run_report.hpp"
#include "kendall/sim/experiment.hpp"

#include "commands.hpp"
#include "executor_engine.hpp"
#include "exit_codes.hpp"
#include "format_option.hpp"
#include "interrupt.hpp"
#include "progress_bar.hpp"
#include "quantity_flags.hpp"
#include "scenario_input.hpp"

namespace kendall::cli {

namespace {

struct RunOptions {
  std::string scenario;
  std::optional<std::uint64_t> customers;
  std::optional<std::string> horizon;
  std::optional<std::uint32_t> replications;
  std::optional<std::uint64_t> seed;
  unsigned threads = 0;
  std::optional<std::string> warmup;
  std::optional<std::string> precision;
  std::optional<std::string> time_budget;
  std::optional<std::string> confidence;
  std::optional<std::string> ci;
  std::vector<double> quantiles;
  std::string engine = "des";
  ExecutorEngineOptions executor;  // --engine executor|all
  std::string format = "table";
  bool quiet = false;
  bool no_analytic = false;
  std::optional<std::string> report;
};

model::WarmupSpec parse_warmup_flag(const std::string& text, const std::string& unit) {
  std::optional<model::WarmupSpec> warmup;
  try {
    warmup = model::parse_warmup(text, unit);
  } catch (const InvalidParameter& e) {
    throw InvalidParameter(fmt::format("--warmup: {}", e.what()));
  }
  if (!warmup) {
    throw InvalidParameter(
        fmt::format("--warmup '{}' is not understood — expected {}", text, model::warmup_forms));
  }
  return *warmup;
}

double parse_probability_flag(const std::string& flag, const std::string& text, bool allow_zero) {
  const double value = model::parse_fraction(text);
  if (!(value < 1.0) || value < 0.0 || (!allow_zero && value == 0.0)) {
    throw InvalidParameter(
        fmt::format("{} must be between 0 and 1 (or 0% and 100%), got '{}'", flag, text));
  }
  return value;
}

// Flags override the scenario's run: section.
void apply_overrides(model::Scenario& scenario, const RunOptions& o) {
  auto& run = scenario.run;
  const std::string& unit = scenario.time_unit;
  if (o.customers) {
    if (*o.customers == 0) throw InvalidParameter("--customers must be at least 1");
    run.customers = *o.customers;
    if (!o.horizon) run.horizon.reset();
  }
  if (o.horizon) {
    run.horizon = parse_duration_flag("--horizon", *o.horizon, unit);
    if (!(*run.horizon > 0.0)) throw InvalidParameter("--horizon must be a positive duration");
    if (!o.customers) run.customers.reset();
  }
  if (o.replications) run.replications = *o.replications;
  if (o.seed) run.seed = *o.seed;
  if (o.warmup) run.warmup = parse_warmup_flag(*o.warmup, unit);
  if (o.precision) run.precision = parse_probability_flag("--precision", *o.precision, false);
  if (o.time_budget) {
    run.time_budget_seconds = parse_duration_flag("--time-budget", *o.time_budget, "s");
    if (!(*run.time_budget_seconds > 0.0)) throw InvalidParameter("--time-budget must be positive");
  }
  if (o.confidence) run.confidence = parse_probability_flag("--confidence", *o.confidence, false);
  if (o.ci)
    run.ci_method =
        *o.ci == "batch_means" ? model::CiMethod::BatchMeans : model::CiMethod::Replications;
  // The file's rule (model::check_replications), worded for the flags.
  if (o.replications || o.ci) {
    switch (model::check_replications(run.replications, run.ci_method)) {
      case model::ReplicationsCheck::Ok:
        break;
      case model::ReplicationsCheck::Zero:
        throw InvalidParameter("--replications must be at least 1");
      case model::ReplicationsCheck::OneWithoutBatching:
        throw InvalidParameter(
            "--replications must be at least 2 (a confidence interval needs two), or 1 with "
            "--ci batch_means for one long run");
    }
  }
  if (!o.quantiles.empty()) {
    for (double q : o.quantiles) {
      if (!(q > 0.0 && q < 1.0))
        throw InvalidParameter(fmt::format("--quantiles: {} is not in (0, 1)", q));
    }
    run.quantiles = o.quantiles;
  }
}

int execute(const RunOptions& options, CommandContext& context) {
  // A report path that cannot be written is refused before the simulation, not after it.
  if (options.report) report::check_report_path(*options.report);
  model::Scenario scenario = load_scenario_reporting_warnings(options.scenario, context.err);
  apply_overrides(scenario, options);
  // A report judges a service level P(Wq <= t) >= s by the simulated s-quantile of Wq: ask
  // the simulation for it (quantile levels do not change the random streams).
  if (options.report) {
    for (double q : report::charts::slo_quantile_levels(report::charts::slo_lines(scenario)))
      scenario.run.quantiles.push_back(q);
  }

  std::optional<model::ScenarioSolution> solution;
  if (!options.no_analytic) {
    model::QueryOptions query;
    query.quantiles = model::with_default_quantiles(scenario.run.quantiles);
    solution = model::solve_scenario(scenario, query);
  }
  if (options.engine != "des") {
    ExecutorEngineOptions executor = options.executor;
    executor.engine = options.engine;
    executor.quiet = options.quiet;
    executor.format = options.format;
    executor.threads = options.threads;
    executor.report = options.report;
    executor.scenario_file = options.scenario;
    return run_with_executors(scenario, solution ? &*solution : nullptr, executor, context);
  }

  ProgressBar bar("simulating", options.quiet);
  sim::RunControl control;
  control.stop = interrupt_token();
  control.on_progress = [&bar](const sim::Progress& p) {
    bar.update(p.fraction,
               fmt::format("{}/{} replications", p.replications_done, p.replications_planned));
  };
  sim::ExecutionOptions execution;
  execution.threads = options.threads;
  const sim::ExperimentResult result = sim::run_experiment(scenario, execution, control);
  bar.finish();

  context.out << report::render_run(scenario, result, solution ? &*solution : nullptr,
                                    to_format(options.format));
  if (options.report) {
    const report::RunReportInput input{
        scenario, result, solution ? &*solution : nullptr,
        report::collect_provenance(context.arguments, options.scenario, result.seed),
        report::charts::slo_lines(scenario)};
    report::write_run_report(*options.report, input);
    context.err << fmt::format("kendall: capacity report written to {}\n",
                               std::filesystem::absolute(*options.report).string());
  }
  if (result.stop_reason == sim::StopReason::Cancelled) {
    context.err << fmt::format(
        "kendall: interrupted after {} replications; partial results above.\n",
        result.replications);
    return exit_interrupted;
  }
  return exit_ok;
}

}  // namespace

void add_run_command(CLI::App& app, CommandAction& action) {
  auto options = std::make_shared<RunOptions>();
  CLI::App* cmd = app.add_subcommand("run", R"(Simulate a scenario and compare with theory.

Runs independent replications of the scenario's discrete-event simulation in parallel and
prints, per station and end to end, every metric with its confidence interval next to the
analytic value where theory has one. Flags override the scenario's run: section.

Examples:
  kendall run scenarios/web-api.yaml
  kendall run scenarios/call-centre.yaml --replications 30 --seed 7 --format json
  kendall run scenarios/three-tier.yaml --precision 1% --time-budget 60s
  kendall run scenarios/task-queue.yaml --horizon 8h --warmup 30min --format csv
  kendall run scenarios/task-queue.yaml --engine all --executor all
  kendall run scenarios/web-api.yaml --report capacity-report.html)");
  cmd->add_option("scenario", options->scenario, "Scenario file (YAML)")->required();
  cmd->add_option("--customers", options->customers,
                  "Customers per replication (departures from the system)");
  cmd->add_option("--horizon", options->horizon, "Simulated time per replication, e.g. 10min");
  cmd->add_option("--replications,-r", options->replications, "Independent replications (>= 2)");
  cmd->add_option("--seed", options->seed, "Master seed (same seed => identical results)");
  cmd->add_option("--threads,-j", options->threads,
                  "Worker threads (0 = all cores; results do not depend on it)")
      ->default_val(0);
  cmd->add_option("--warmup", options->warmup,
                  "auto (MSER-5) | none | a count of customers | a duration (30s)");
  cmd->add_option("--precision", options->precision,
                  "Add replications until every headline metric's CI half-width is within this "
                  "relative precision, e.g. 1%");
  cmd->add_option("--time-budget", options->time_budget,
                  "Wall-clock limit for --precision, e.g. 60s");
  cmd->add_option("--confidence", options->confidence, "Confidence level, e.g. 95% or 0.99");
  cmd->add_option("--ci", options->ci, "How intervals are formed")
      ->check(CLI::IsMember({"replications", "batch_means"}));
  cmd->add_option("--quantiles", options->quantiles, "Quantile levels of W and Wq, e.g. 0.5,0.99")
      ->delimiter(',');
  cmd->add_option("--engine", options->engine,
                  "des (the simulator), executor (real executors in scaled wall time) or all "
                  "(analytic | DES | executors side by side)")
      ->check(CLI::IsMember({"des", "executor", "all"}))
      ->default_val("des");
  cmd->add_option("--executor", options->executor.executor,
                  "With --engine executor|all: tbb, threads, asio or all")
      ->check(CLI::IsMember({"tbb", "threads", "asio", "all"}))
      ->default_val("threads");
  cmd->add_option("--time-scale", options->executor.time_scale,
                  "Wall time of one model time unit, e.g. 1ms (default: the shortest mean "
                  "service lasts 10ms)");
  cmd->add_option("--max-wall", options->executor.max_wall,
                  "Wall-time limit of the executor runs together, e.g. 60s (the run is "
                  "shortened to fit)")
      ->default_val("30s");
  cmd->add_flag("--calibrate", options->executor.calibrate,
                "Measure executor overheads on the idle pool, predict the Wq bias they cause "
                "and show it next to the measured bias");
  add_format_option(*cmd, options->format);
  cmd->add_flag("--quiet,-q", options->quiet, "No progress bar");
  cmd->add_flag("--no-analytic", options->no_analytic, "Skip the analytic comparison");
  cmd->add_option("--report", options->report,
                  "Also write a capacity report; the format follows the extension: .html "
                  "(self-contained, printable), .md, .json or .csv");
  cmd->callback([&action, options] {
    action = [options](CommandContext& context) { return execute(*options, context); };
  });
}

}  // namespace kendall::cli
