#pragma once
/// \file
/// The report of `kendall sweep --report FILE`: what-if curves with theory as lines and
/// simulation as points with error bars, the table of every point, methods and provenance.
/// HTML, Markdown, JSON (the sweep contract plus "provenance") or tidy CSV by extension.

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "kendall/model/scenario.hpp"
#include "kendall/planner/sweep.hpp"
#include "kendall/report/page.hpp"
#include "kendall/report/provenance.hpp"
#include "kendall/report/report_charts.hpp"
#include "kendall/report/report_file.hpp"

namespace kendall::report {

struct SweepReportInput {
  const model::Scenario& scenario;
  const planner::SweepResult& sweep;
  Provenance provenance;
  /// SLO bounds drawn on the curves (usually charts::slo_lines(scenario)).
  std::vector<charts::SloLine> slos;
};

[[nodiscard]] page::Page build_sweep_page(const SweepReportInput& input);
[[nodiscard]] nlohmann::ordered_json sweep_report_json(const SweepReportInput& input);
/// One tidy row per point × station × metric; the point is "api.servers=9;arrivals.api.rate=0.1".
[[nodiscard]] std::string sweep_report_csv(const SweepReportInput& input);
[[nodiscard]] std::string render_sweep_report(const SweepReportInput& input, ReportFormat format);
void write_sweep_report(const std::filesystem::path& path, const SweepReportInput& input);

}  // namespace kendall::report
