// `kendall sweep SCENARIO --vary ...`: theory and simulation over a what-if grid.

#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "kendall/error.hpp"
#include "kendall/planner/planner.hpp"
#include "kendall/report/plan_json.hpp"
#include "kendall/report/report_charts.hpp"
#include "kendall/report/report_file.hpp"
#include "kendall/report/sweep_capacity_report.hpp"

#include "commands.hpp"
#include "exit_codes.hpp"
#include "format_option.hpp"
#include "interrupt.hpp"
#include "progress_bar.hpp"
#include "scenario_input.hpp"

namespace kendall::cli {

namespace {

struct SweepFlags {
  std::string scenario;
  std::vector<std::string> vary;
  bool no_sim = false;
  bool independent = false;
  std::optional<std::uint32_t> replications;
  std::optional<std::uint64_t> seed;
  std::optional<std::uint64_t> customers;
  unsigned threads = 0;
  std::string format = "table";
  std::optional<std::string> report;
  bool quiet = false;
};

std::string cell(const planner::SweepStationValues& st, const char* metric) {
  std::string a = "-", s = "-";
  if (st.analytic && st.analytic->stable) {
    if (const auto v = st.analytic->metrics.get(metric)) a = fmt::format("{:.4g}", *v);
  } else if (st.analytic) {
    a = "unstable";
  }
  if (st.simulated) {
    if (st.simulated->unstable)
      s = "unstable";
    else if (const auto e = st.simulated->metrics.get(metric))
      s = fmt::format("{:.4g}±{:.2g}", e->mean, e->half_width());
  }
  return fmt::format("{} | {}", a, s);
}

std::string sweep_table(const planner::SweepResult& r) {
  std::string out =
      fmt::format("Sweep: {} — theory | simulation (mean ± {:g}% half-width), times in {}\n",
                  r.scenario, 100.0 * r.confidence, r.time_unit);
  std::string head;
  for (const auto& a : r.axes) head += fmt::format("{:>14} ", a.parameter);
  out += head + " station     utilization               Wq                        Wq_p95\n";
  for (const auto& p : r.points) {
    for (const auto& st : p.stations) {
      std::string coords;
      for (double c : p.coordinates) coords += fmt::format("{:>14.6g} ", c);
      out += fmt::format("{} {:<10} {:<25} {:<25} {}{}\n", coords, st.name, cell(st, "utilization"),
                         cell(st, "Wq"), cell(st, "Wq_p95"), p.finished ? "" : "  (not simulated)");
    }
  }
  for (const auto& n : r.notes) out += "note: " + n + "\n";
  return out;
}

int execute(const SweepFlags& flags, CommandContext& context) {
  if (flags.report) report::check_report_path(*flags.report);
  const model::Scenario scenario = load_scenario_reporting_warnings(flags.scenario, context.err);
  if (flags.replications && *flags.replications < 2) {
    throw InvalidParameter("--replications must be at least 2 (a confidence interval needs two)");
  }
  planner::SweepOptions options;
  options.vary = flags.vary;
  options.simulate = !flags.no_sim;
  options.common_random_numbers = !flags.independent;
  options.replications = flags.replications;
  options.seed = flags.seed;
  options.customers = flags.customers;
  options.threads = flags.threads;
  ProgressBar bar("sweeping", flags.quiet);
  planner::PlannerControl control;
  control.stop = interrupt_token();
  control.on_progress = [&bar](const planner::PlannerProgress& p) {
    bar.update(p.total ? static_cast<double>(p.done) / p.total : 0.0, p.what);
  };
  const planner::SweepResult result = planner::sweep(scenario, options, control);
  bar.finish();
  const report::SweepReportInput input{
      scenario, result, report::collect_provenance(context.arguments, flags.scenario, result.seed),
      report::charts::slo_lines(scenario)};
  switch (to_format(flags.format)) {
    case report::Format::Json:
      context.out << report::to_json(result).dump(2) << '\n';
      break;
    case report::Format::Markdown:
      context.out << report::render_sweep_report(input, report::ReportFormat::Markdown);
      break;
    case report::Format::Csv:
      context.out << report::sweep_report_csv(input);
      break;
    case report::Format::Table:
      context.out << sweep_table(result);
      break;
  }
  if (flags.report) {
    report::write_sweep_report(*flags.report, input);
    context.err << fmt::format("kendall: sweep report written to {}\n",
                               std::filesystem::absolute(*flags.report).string());
  }
  if (!result.complete) {
    context.err << "kendall: interrupted; the finished points are above.\n";
    return exit_interrupted;
  }
  return exit_ok;
}

}  // namespace

void add_sweep_command(CLI::App& app, CommandAction& action) {
  auto flags = std::make_shared<SweepFlags>();
  CLI::App* cmd =
      app.add_subcommand("sweep", R"(What-if: theory and simulation over a grid of parameter values.

Each --vary names a parameter and its values; two --vary make a grid. Every point is solved
analytically and simulated with confidence intervals, points in parallel; by default every
point uses the same random numbers (common random numbers), so differences between points are
the parameter's, not noise. Output is identical on rerun and for any thread count. Ctrl-C keeps
the finished points.

  STATION.servers=1..16        STATION.capacity=10..50:5
  STATION.service_mean=20ms..60ms:5   arrivals.STATION.rate=80/s..160/s:9   or a list: 4,8,12

Examples:
  kendall sweep scenarios/web-api.yaml --vary api.servers=6..12
  kendall sweep scenarios/web-api.yaml --vary api.servers=6..10 --vary arrivals.api.rate=80/s..160/s:5)");
  cmd->add_option("scenario", flags->scenario, "Scenario file (YAML)")->required();
  cmd->add_option("--vary", flags->vary, "PARAMETER=VALUES (repeat for a grid)")->required();
  cmd->add_flag("--no-sim", flags->no_sim, "Theory only");
  cmd->add_flag("--independent-seeds", flags->independent,
                "A different seed per point instead of common random numbers");
  cmd->add_option("--replications,-r", flags->replications, "Replications per point (>= 2)");
  cmd->add_option("--seed", flags->seed, "Master seed");
  cmd->add_option("--customers", flags->customers, "Customers per replication");
  cmd->add_option("--threads,-j", flags->threads,
                  "Worker threads (0 = all; results do not depend on it)")
      ->default_val(0);
  add_format_option(*cmd, flags->format);
  cmd->add_option(
      "--report", flags->report,
      "Also write a sweep report; the format from the extension (.html, .md, .json, .csv)");
  cmd->add_flag("--quiet,-q", flags->quiet, "No progress bar");
  cmd->callback([&action, flags] {
    action = [flags](CommandContext& context) { return execute(*flags, context); };
  });
}

}  // namespace kendall::cli
