#pragma once
/// \file
/// The capacity report of `kendall run --report FILE`: what the simulation and theory say
/// about today's configuration, written for people who did not run it. HTML (self-contained,
/// printable), Markdown (tables only), JSON (the `kendall run` contract plus "provenance")
/// or tidy CSV, chosen by the file's extension.

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "kendall/model/scenario.hpp"
#include "kendall/model/scenario_solver.hpp"
#include "kendall/report/page.hpp"
#include "kendall/report/provenance.hpp"
#include "kendall/report/report_charts.hpp"
#include "kendall/report/report_file.hpp"
#include "kendall/sim/executor/executor_run.hpp"
#include "kendall/sim/experiment_result.hpp"

namespace kendall::report {

struct RunReportInput {
  const model::Scenario& scenario;
  const sim::ExperimentResult& result;
  const model::ScenarioSolution* solution;  ///< may be null (--no-analytic)
  Provenance provenance;
  /// SLO bounds to judge and draw (empty when the scenario states none).
  std::vector<charts::SloLine> slos;
  /// Set when `result` was measured by the executor testbed (`kendall run --engine executor`;
  /// it is then `executor->result`): the report describes that run — real workers in scaled
  /// wall-clock time, batch means over one run, the executor's overheads — instead of DES
  /// replications.
  const sim::executor::ExecutorRun* executor = nullptr;
};

[[nodiscard]] page::Page build_run_page(const RunReportInput& input);

/// The `kendall run --format json` object with "provenance" added.
[[nodiscard]] nlohmann::ordered_json run_report_json(const RunReportInput& input);

/// One tidy row per station × metric (point "today"), with the seed.
[[nodiscard]] std::string run_report_csv(const RunReportInput& input);

[[nodiscard]] std::string render_run_report(const RunReportInput& input, ReportFormat format);

/// Renders in the format of the path's extension and writes atomically.
void write_run_report(const std::filesystem::path& path, const RunReportInput& input);

}  // namespace kendall::report
