#include "kendall/report/plan_capacity_report.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "kendall/model/scenario_solver.hpp"
#include "kendall/model/units.hpp"
#include "kendall/report/atomic_file.hpp"
#include "kendall/report/display_units.hpp"
#include "kendall/report/plan_json.hpp"
#include "kendall/report/report_charts.hpp"
#include "kendall/report/svg_chart.hpp"
#include "kendall/report/table.hpp"
#include "kendall/report/tidy_csv.hpp"

#include "plan_report_parts.hpp"
#include "plan_wait_chart.hpp"

namespace kendall::report {

using namespace plan_detail;
using planner::SloVerdict;

std::string plan_summary_sentence(const PlanReportInput& in) {
  const auto& p = in.plan;
  std::vector<std::string> clauses;
  bool changed = false;
  for (const auto& s : p.stations) {
    if (!s.servers_today && !s.recommended_servers) continue;
    changed = changed || (s.recommended_servers != s.servers_today);
    clauses.push_back(station_clause(in, s));
  }
  std::string text;
  for (std::size_t i = 0; i < clauses.size(); ++i) text += (i ? "; " : "") + clauses[i];
  if (p.headroom.factor && p.schedule) {
    // A schedule's clause names no SLO: say which one the growth breaks.
    text += fmt::format("; with that schedule traffic can grow {}× before {} breaks",
                        format_number(*p.headroom.factor, 3),
                        p.headroom.breaking_slo.empty()
                            ? fmt::format("an SLO of {}", p.headroom.bottleneck)
                            : fmt::format("the {} SLO", p.headroom.breaking_slo)) +
            (p.headroom.interval.empty() ? "" : " (first in " + p.headroom.interval + ")");
  } else if (p.headroom.factor) {
    if (p.headroom.bottleneck.empty() && p.headroom.breaking_slo.empty()) {
      // Nothing broke: the search stopped at its largest factor.
      text += fmt::format("; no SLO limits traffic growth (checked up to {}×)",
                          format_number(*p.headroom.factor, 3));
    } else {
      // An end-to-end SLO has no station to name: name the SLO instead.
      const std::string breaker = p.headroom.bottleneck.empty()
                                      ? fmt::format("the {} SLO", p.headroom.breaking_slo)
                                      : p.headroom.bottleneck;
      text +=
          fmt::format("; traffic can {}grow {}× before {} breaks{}", changed ? "then " : "",
                      format_number(*p.headroom.factor, 3), breaker,
                      !p.headroom.bottleneck.empty() ? (changed ? " it again" : " an SLO") : "");
    }
  }
  if (p.cost && p.cost->today.total_per_hour > 0) {
    const double change =
        100.0 * (p.cost->smallest.total_per_hour / p.cost->today.total_per_hour - 1.0);
    text += fmt::format("; cost {}{}%", change >= 0 ? "+" : "", format_number(change, 2));
    if (p.cost->cheapest.total_per_hour < p.cost->smallest.total_per_hour) {
      text += fmt::format(
          " (the cheapest configuration that meets the SLOs: {}{}%)",
          p.cost->cheapest.total_per_hour >= p.cost->today.total_per_hour ? "+" : "",
          format_number(
              100.0 * (p.cost->cheapest.total_per_hour / p.cost->today.total_per_hour - 1.0), 2));
    }
  }
  if (!p.feasible) text += " — but no configuration found meets every SLO";
  return text + ".";
}

page::Page build_plan_page(const PlanReportInput& in) {
  page::Page pg;
  pg.title = "Capacity plan — " + in.plan.scenario;
  pg.subtitle = in.scenario.description;
  pg.sections.push_back(summary_section(in));
  pg.sections.push_back(slo_section(in));
  pg.sections.push_back(stations_section(in));
  if (auto wait = wait_section(in); !wait.blocks.empty()) pg.sections.push_back(std::move(wait));
  // For a daily profile there is no stationary headroom or utilization: the interval table
  // says it all.
  const bool stationary = !in.plan.schedule;
  if (stationary || in.plan.headroom.factor || !in.plan.headroom.load_table.empty()) {
    pg.sections.push_back(headroom_section(in));
  }
  if (stationary) pg.sections.push_back(utilization_section(in));
  if (in.plan.cost) pg.sections.push_back(cost_section(in));
  if (in.plan.schedule) pg.sections.push_back(schedule_section(in));
  if (in.plan.demand) pg.sections.push_back(demand_section(in));
  pg.sections.push_back(methods_section(in));
  pg.footer = footer_lines(in.provenance);
  return pg;
}

nlohmann::ordered_json plan_report_json(const PlanReportInput& in) {
  auto out = to_json(in.plan);
  out["provenance"] = to_json(in.provenance);
  return out;
}

std::string plan_report_csv(const PlanReportInput& in) {
  const auto& p = in.plan;
  std::vector<TidyRow> rows;
  const std::uint64_t seed = p.simulation ? p.simulation->seed : in.provenance.seed;
  auto add = [&](const std::string& point, const std::vector<SloVerdict>& vs) {
    for (const auto& v : vs) {
      TidyRow r{p.scenario, point,        v.station.empty() ? "(network)" : v.station,
                "",         v.metric,     std::nullopt,
                "",         std::nullopt, p.time_unit,
                seed};
      if (v.value) {
        r.analytic = v.value->analytic;
        r.analytic_method = v.value->analytic_method;
        r.simulated = v.value->simulated;
        if (!r.analytic && !r.simulated) {
          r.analytic = v.value->value;
          r.analytic_method = v.value->method;
        }
      }
      rows.push_back(std::move(r));
    }
  };
  add("today", p.slos_today);
  add("plan", p.slos);
  for (const auto& s : p.stations) {
    for (const auto& o : s.around_recommendation)
      add(fmt::format("{}.servers={}", s.name, o.servers), o.verdicts);
  }
  for (const auto& lp : p.headroom.load_table)
    add(fmt::format("load={}x", format_number(lp.factor, 4)), lp.verdicts);
  if (p.schedule) {
    for (const auto& st : p.schedule->stations) {
      for (const auto& i : st.intervals) {
        const std::string when = clock(i.start, p.time_unit) + "-" + clock(i.end, p.time_unit);
        add("interval=" + when + " stationary", i.stationary);
        add("interval=" + when + " simulated", i.simulated);
      }
    }
  }
  return to_csv(rows);
}

std::string render_plan_report(const PlanReportInput& in, ReportFormat format) {
  switch (format) {
    case ReportFormat::Html:
      return page::to_html(build_plan_page(in));
    case ReportFormat::Markdown:
      return page::to_markdown(build_plan_page(in));
    case ReportFormat::Json:
      return plan_report_json(in).dump(2) + "\n";
    case ReportFormat::Csv:
      return plan_report_csv(in);
  }
  return {};
}

void write_plan_report(const std::filesystem::path& path, const PlanReportInput& input) {
  const ReportFormat format = report_format_for(path);
  write_file_atomically(path, [&](std::ostream& out) { out << render_plan_report(input, format); });
}

}  // namespace kendall::report
