#include "executor_engine.hpp"

#include <chrono>
#include <filesystem>
#include <ostream>

#include <fmt/format.h>

#include "kendall/error.hpp"
#include "kendall/report/engine_comparison.hpp"
#include "kendall/report/provenance.hpp"
#include "kendall/report/report_charts.hpp"
#include "kendall/report/run_capacity_report.hpp"
#include "kendall/sim/executor/executor_run.hpp"
#include "kendall/sim/experiment.hpp"

#include "exit_codes.hpp"
#include "format_option.hpp"
#include "interrupt.hpp"
#include "progress_bar.hpp"
#include "quantity_flags.hpp"

namespace kendall::cli {

namespace {

namespace ex = sim::executor;

std::chrono::nanoseconds wall_duration(const std::string& flag, const std::string& text) {
  const double seconds = parse_duration_flag(flag, text, "s");
  if (!(seconds > 0.0)) throw InvalidParameter(fmt::format("{} must be a positive duration", flag));
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
      std::chrono::duration<double>(seconds));
}

std::vector<ex::ExecutorKind> chosen_kinds(const std::string& name) {
  if (name == "all") {
    std::vector<ex::ExecutorKind> kinds;
    for (auto k : ex::all_kinds()) {
      if (ex::kind_available(k)) kinds.push_back(k);
    }
    return kinds;
  }
  const auto kind = ex::parse_kind(name);
  if (!kind)
    throw InvalidParameter(
        fmt::format("--executor '{}': expected tbb, threads, asio or all", name));
  return {*kind};
}

}  // namespace

int run_with_executors(const model::Scenario& scenario, const model::ScenarioSolution* solution,
                       const ExecutorEngineOptions& options, CommandContext& context) {
  const auto kinds = chosen_kinds(options.executor);
  ex::ExecutorOptions base;
  if (options.time_scale) base.time_scale = wall_duration("--time-scale", *options.time_scale);
  const auto budget = wall_duration("--max-wall", options.max_wall);
  base.max_wall = budget / static_cast<long>(kinds.size());

  // Everything is checked before anything runs.
  const ex::Preflight check = ex::preflight(scenario, base);
  if (!check.runnable()) throw InvalidParameter(check.message());
  const ex::RealTimePlan& plan = *check.plan;
  if (!options.quiet) {
    context.err << fmt::format(
        "kendall: executor testbed: 1 {} = {:.4g} ms of wall time; the scenario's run would "
        "take {:.3g} s per executor{}; {} run(s) of {:.3g} s each follow.\n",
        scenario.time_unit, plan.seconds_per_unit * 1e3, plan.implied_wall_seconds,
        plan.shortened
            ? fmt::format(", more than --max-wall {} allows ({:.3g} s each): "
                          "shortened",
                          options.max_wall, std::chrono::duration<double>(base.max_wall).count())
            : "",
        kinds.size(), plan.planned_wall_seconds);
  }

  sim::RunControl control;
  control.stop = interrupt_token();
  report::EngineComparison comparison;
  if (options.engine == "all") {
    ProgressBar bar("simulating (DES)", options.quiet);
    sim::RunControl des_control = control;
    des_control.on_progress = [&bar](const sim::Progress& p) {
      bar.update(p.fraction,
                 fmt::format("{}/{} replications", p.replications_done, p.replications_planned));
    };
    sim::ExecutionOptions execution;
    execution.threads = options.threads;
    comparison.des = sim::run_experiment(scenario, execution, des_control);
    bar.finish();
  }
  bool interrupted_run =
      comparison.des && comparison.des->stop_reason == sim::StopReason::Cancelled;
  for (const auto kind : kinds) {
    if (interrupted_run) break;
    ex::ExecutorOptions o = base;
    o.kind = kind;
    ProgressBar bar(fmt::format("executor {}", ex::kind_name(kind)), options.quiet);
    sim::RunControl run_control = control;
    run_control.on_progress = [&bar, &plan](const sim::Progress& p) {
      bar.update(p.fraction,
                 fmt::format("{:.0f} s of wall time", p.fraction * plan.planned_wall_seconds));
    };
    report::ExecutorColumn column{ex::run_on_executor(scenario, o, run_control), {}, {}};
    bar.finish();
    if (column.run.result.stop_reason == sim::StopReason::Cancelled) interrupted_run = true;
    if (options.calibrate && !interrupted_run) {
      ProgressBar calibration_bar("calibration (DES)", options.quiet);
      const double spu = column.run.plan.seconds_per_unit;
      column.predicted_wq_bias =
          ex::predict_wq_bias(scenario, ex::typical_hold(column.run.idle_overhead, spu), control)
              .wq_bias;
      column.explained_wq_bias =
          ex::predict_wq_bias(scenario, ex::mean_hold(column.run.overhead, spu), control).wq_bias;
      calibration_bar.finish();
    }
    comparison.executors.push_back(std::move(column));
  }
  if (comparison.executors.empty() && !comparison.des) return exit_interrupted;
  if (comparison.executors.empty()) {
    context.err << "kendall: interrupted before the executors ran.\n";
    return exit_interrupted;
  }
  context.out << report::render_comparison(scenario, comparison, solution,
                                           to_format(options.format));
  if (options.report) {
    // --engine all reports the simulator's run (the executors are its comparison, printed
    // above); --engine executor reports the first executor's measured run.
    const bool des = comparison.des.has_value();
    const sim::ExperimentResult& result =
        des ? *comparison.des : comparison.executors.front().run.result;
    report::RunReportInput input{
        scenario, result, solution,
        report::collect_provenance(context.arguments, options.scenario_file, result.seed),
        report::charts::slo_lines(scenario)};
    if (!des) input.executor = &comparison.executors.front().run;
    report::write_run_report(*options.report, input);
    context.err << fmt::format(
        "kendall: capacity report ({}) written to {}\n",
        des ? "the DES run"
            : fmt::format("the {} executor's run",
                          ex::kind_name(comparison.executors.front().run.kind)),
        std::filesystem::absolute(*options.report).string());
  }
  if (interrupted_run) {
    context.err << "kendall: interrupted; partial results above.\n";
    return exit_interrupted;
  }
  return exit_ok;
}

}  // namespace kendall::cli
