#pragma once
/// \file
/// The capacity report of `kendall plan --report FILE`: what to buy and why. The answer first
/// in plain words ("api needs 9 servers (today 8): Wq_p95 goes from 310 ms to 140 ms against
/// the 200 ms SLO; traffic can then grow 1.31× before api breaks it again; cost +12%"), then
/// the SLO verdicts, the stations with c−1, c, c+1, headroom, cost, the daily schedule, the
/// uncertain demand, methods and a reproducibility footer. HTML, Markdown, JSON (the plan
/// contract plus "provenance") or tidy CSV, chosen by the file's extension.

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "kendall/model/scenario.hpp"
#include "kendall/planner/plan.hpp"
#include "kendall/report/page.hpp"
#include "kendall/report/provenance.hpp"
#include "kendall/report/report_file.hpp"

namespace kendall::report {

struct PlanReportInput {
  const model::Scenario& scenario;
  const planner::PlanResult& plan;
  Provenance provenance;
};

/// The executive summary sentence (the report's first line).
[[nodiscard]] std::string plan_summary_sentence(const PlanReportInput& input);

[[nodiscard]] page::Page build_plan_page(const PlanReportInput& input);
[[nodiscard]] nlohmann::ordered_json plan_report_json(const PlanReportInput& input);
/// Tidy rows: every SLO metric today ("today"), with the plan ("plan"), around the
/// recommendation ("servers=9"), in the load table ("load=1.2x") and per interval.
[[nodiscard]] std::string plan_report_csv(const PlanReportInput& input);
[[nodiscard]] std::string render_plan_report(const PlanReportInput& input, ReportFormat format);

/// Renders in the format of the path's extension and writes atomically.
void write_plan_report(const std::filesystem::path& path, const PlanReportInput& input);

}  // namespace kendall::report
