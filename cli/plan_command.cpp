// `kendall plan SCENARIO`: servers per station against the scenario's SLOs, headroom, cost.

#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>
#include <string>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "kendall/error.hpp"
#include "kendall/planner/planner.hpp"
#include "kendall/report/plan_capacity_report.hpp"
#include "kendall/report/plan_json.hpp"
#include "kendall/report/report_file.hpp"

#include "commands.hpp"
#include "exit_codes.hpp"
#include "format_option.hpp"
#include "interrupt.hpp"
#include "plan_table.hpp"
#include "progress_bar.hpp"
#include "scenario_input.hpp"

namespace kendall::cli {

namespace {

struct PlanFlags {
  std::string scenario;
  bool confirm = false;
  bool no_sim = false;
  std::optional<std::uint32_t> replications;
  std::optional<std::uint64_t> seed;
  std::optional<std::uint64_t> customers;
  unsigned threads = 0;
  std::string format = "table";
  std::optional<std::string> report;
  bool quiet = false;
};

int execute(const PlanFlags& flags, CommandContext& context) {
  if (flags.report) report::check_report_path(*flags.report);
  const model::Scenario scenario = load_scenario_reporting_warnings(flags.scenario, context.err);
  planner::PlanOptions options;
  options.confirm = flags.confirm;
  options.no_simulation = flags.no_sim;
  options.replications = flags.replications;
  if (flags.replications && *flags.replications < 2) {
    throw InvalidParameter("--replications must be at least 2 (a confidence interval needs two)");
  }
  options.seed = flags.seed;
  options.customers = flags.customers;
  options.threads = flags.threads;
  ProgressBar bar("planning", flags.quiet);
  planner::PlannerControl control;
  control.stop = interrupt_token();
  control.on_progress = [&bar](const planner::PlannerProgress& p) {
    bar.update(p.total ? static_cast<double>(p.done) / p.total : 0.0, p.what);
  };
  const planner::PlanResult result = planner::plan(scenario, options, control);
  bar.finish();
  const report::PlanReportInput input{
      scenario, result,
      report::collect_provenance(context.arguments, flags.scenario,
                                 result.simulation ? result.simulation->seed : scenario.run.seed)};
  switch (to_format(flags.format)) {
    case report::Format::Json:
      context.out << report::to_json(result).dump(2) << '\n';
      break;
    case report::Format::Markdown:
      context.out << report::render_plan_report(input, report::ReportFormat::Markdown);
      break;
    case report::Format::Csv:
      context.out << report::plan_report_csv(input);
      break;
    case report::Format::Table:
      context.out << plan_table(result);
      break;
  }
  if (flags.report) {
    report::write_plan_report(*flags.report, input);
    context.err << fmt::format("kendall: capacity report written to {}\n",
                               std::filesystem::absolute(*flags.report).string());
  }
  if (interrupted()) {
    context.err << "kendall: interrupted; the plan above is incomplete.\n";
    return exit_interrupted;
  }
  return exit_ok;
}

}  // namespace

void add_plan_command(CLI::App& app, CommandAction& action) {
  auto flags = std::make_shared<PlanFlags>();
  CLI::App* cmd = app.add_subcommand("plan", R"(Size every station against the scenario's SLOs.

The fewest servers per station that meet every SLO of the scenario's slo: section (or, without
one, the stated defaults: utilization < 0.8, Wq_p95 no worse than today) — by theory first,
shown at c-1, c and c+1, and confirmed by simulation (common random numbers) where theory is
not exact, cannot judge an SLO, or with --confirm. Then the headroom (how far all traffic can
grow), the cost comparison (cost: section), a schedule for daily profiles and the worst case of
uncertain rates (rate: 120/s ± 15%).

Examples:
  kendall plan scenarios/web-api.yaml
  kendall plan scenarios/call-centre.yaml --format json
  kendall plan scenarios/daily-profile.yaml --replications 5
  kendall plan scenarios/web-api.yaml --report capacity-report.html)");
  cmd->add_option("scenario", flags->scenario, "Scenario file (YAML)")->required();
  cmd->add_flag("--confirm", flags->confirm, "Confirm by simulation even where theory is exact");
  cmd->add_flag("--no-sim", flags->no_sim, "Theory only (SLOs theory cannot judge stay unjudged)");
  cmd->add_option("--replications,-r", flags->replications,
                  "Replications per simulated configuration");
  cmd->add_option("--seed", flags->seed, "Master seed (the same for every configuration compared)");
  cmd->add_option("--customers", flags->customers, "Customers per replication");
  cmd->add_option("--threads,-j", flags->threads,
                  "Worker threads (0 = all; results do not depend on it)")
      ->default_val(0);
  add_format_option(*cmd, flags->format);
  cmd->add_option(
      "--report", flags->report,
      "Also write a capacity report; the format from the extension (.html, .md, .json, .csv)");
  cmd->add_flag("--quiet,-q", flags->quiet, "No progress bar");
  cmd->callback([&action, flags] {
    action = [flags](CommandContext& context) { return execute(*flags, context); };
  });
}

}  // namespace kendall::cli
