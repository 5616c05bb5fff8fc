// The parts of a capacity plan report, shared by its section files (plan_report_*.cpp): the
// wording helpers and one function per section. Internal to report/.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kendall/model/scenario.hpp"
#include "kendall/report/page.hpp"
#include "kendall/report/plan_capacity_report.hpp"

namespace kendall::report::plan_detail {

// ---- wording (plan_report_wording.cpp) ----
std::string fmt_value(const planner::SloVerdict& v, double x, const std::string& unit);
std::string value_text(const planner::SloVerdict& v, const std::string& unit);
std::string metric_words(const planner::SloVerdict& v, const std::string& unit);
page::Cell verdict_cell(const planner::SloVerdict& v);
std::string bound_text(const planner::SloVerdict& v, const std::string& unit);
double tightness(const planner::SloVerdict& v);
const planner::SloVerdict* matching(const std::vector<planner::SloVerdict>& list,
                                    const planner::SloVerdict& v, std::size_t index);
std::string servers_text(std::optional<std::uint32_t> s);
std::string clock(double t, const std::string& unit);
const planner::StationSchedule* schedule_of(const planner::PlanResult& p,
                                            const std::string& station);
std::string schedule_clause(const planner::PlanResult& p, const planner::StationSchedule& st);
const planner::ServerOption* option_at(const planner::StationPlan& s, std::uint32_t servers);
const planner::SloVerdict* worst_failure(const std::vector<planner::SloVerdict>& list,
                                         const std::string& station);

// The SLO that decides a station's size — the binding one — at today's servers, with the plan
// and at one server fewer than the plan.
struct Binding {
  const planner::SloVerdict* plan = nullptr;
  const planner::SloVerdict* today = nullptr;
  const planner::SloVerdict* fewer = nullptr;  ///< at recommended − 1, when that was evaluated
};
Binding binding_slo(const planner::PlanResult& p, const planner::StationPlan& s);
std::string servers_count(std::uint32_t n);
std::string station_clause(const PlanReportInput& in, const planner::StationPlan& s);
double total_servers(const std::vector<std::uint32_t>& s);
// The scenario with today's or the recommended servers.
model::Scenario with_servers(const model::Scenario& sc, const planner::PlanResult& p,
                             bool recommended);

// ---- sections ----
page::Section summary_section(const PlanReportInput& in);   // plan_report_verdict_sections
page::Section slo_section(const PlanReportInput& in);       // plan_report_verdict_sections
page::Section stations_section(const PlanReportInput& in);  // plan_report_verdict_sections
std::vector<page::Figure> load_table_figures(const planner::Headroom& h,
                                             const std::string& unit);  // load_sections
page::Section headroom_section(const PlanReportInput& in);              // plan_report_load_sections
page::Section wait_section(const PlanReportInput& in);                  // plan_report_load_sections
page::Section utilization_section(const PlanReportInput& in);           // plan_report_load_sections
page::Section cost_section(const PlanReportInput& in);                  // plan_report_cost_sections
page::Section schedule_section(const PlanReportInput& in);              // plan_report_cost_sections
page::Section demand_section(const PlanReportInput& in);                // plan_report_cost_sections
page::Section methods_section(const PlanReportInput& in);               // plan_report_cost_sections

}  // namespace kendall::report::plan_detail
