// The sections of a capacity plan about money and time: cost, the staffing schedule,
// uncertain demand, and the methods used.

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "kendall/model/scenario_solver.hpp"
#include "kendall/model/units.hpp"
#include "kendall/report/display_units.hpp"
#include "kendall/report/report_charts.hpp"
#include "kendall/report/svg_chart.hpp"
#include "kendall/report/table.hpp"

#include "plan_report_parts.hpp"
#include "plan_wait_chart.hpp"

namespace kendall::report::plan_detail {

using page::Cell;
using page::Mark;
using planner::SloVerdict;

page::Section cost_section(const PlanReportInput& in) {
  const auto& c = *in.plan.cost;
  page::Section section{"Cost", "cost", {}};
  const std::string cur = c.currency.empty() ? "" : " (" + c.currency + ")";
  page::Table t{
      {"configuration", "servers", "servers per hour" + cur, "waiting per hour" + cur,
       "lost customers per hour" + cur, "total per hour" + cur, "vs today", "meets every SLO"},
      {},
      ""};
  for (const auto* k : {&c.today, &c.smallest, &c.cheapest}) {
    std::string servers;
    for (std::size_t i = 0; i < k->servers.size(); ++i) {
      servers += (i ? ", " : "") +
                 (i < in.plan.stations.size() ? in.plan.stations[i].name + " " : "") +
                 std::to_string(k->servers[i]);
    }
    const double change = c.today.total_per_hour > 0
                              ? 100.0 * (k->total_per_hour / c.today.total_per_hour - 1.0)
                              : 0.0;
    t.rows.push_back({k->label, servers, format_number(k->servers_per_hour, 4),
                      format_number(k->waiting_per_hour, 4), format_number(k->lost_per_hour, 4),
                      format_number(k->total_per_hour, 4),
                      fmt::format("{}{}%", change >= 0 ? "+" : "", format_number(change, 3)),
                      k->meets ? Cell{"yes", Mark::Pass} : Cell{"no", Mark::Fail}});
  }
  section.blocks.push_back(page::table(std::move(t)));
  section.blocks.push_back(page::paragraph(fmt::format(
      "Smallest = fewest servers meeting every SLO; cheapest = lowest total cost meeting them. "
      "Waiting and losses valued by {}. Total servers: today {}, smallest {}, cheapest {}.",
      c.method.empty() ? "theory" : c.method, total_servers(c.today.servers),
      total_servers(c.smallest.servers), total_servers(c.cheapest.servers))));
  return section;
}

page::Section schedule_section(const PlanReportInput& in) {
  const auto& sp = *in.plan.schedule;
  const std::string& unit = in.plan.time_unit;
  page::Section section{"Servers per interval", "schedule", {}};
  for (const auto& st : sp.stations) {
    page::Table t{{"interval", "arrival rate", "today", "stationary answer", "recommended",
                   "SLOs (stationary theory)", "SLOs (whole-day simulation)", "meets"},
                  {},
                  st.station};
    for (const auto& i : st.intervals) {
      auto list = [&](const std::vector<SloVerdict>& vs) {
        std::string text;
        for (const auto& v : vs)
          text += (text.empty() ? "" : "; ") + v.metric + " " + value_text(v, unit);
        return text.empty() ? std::string("—") : text;
      };
      const bool ramp = i.recommended_servers > i.stationary_servers;
      t.rows.push_back({clock(i.start, unit) + "–" + clock(i.end, unit),
                        format_metric("lambda", i.lambda, unit), std::to_string(i.servers_today),
                        std::to_string(i.stationary_servers),
                        Cell{std::to_string(i.recommended_servers), ramp ? Mark::Warn : Mark::None},
                        list(i.stationary), list(i.simulated),
                        i.meets ? Cell{"yes", Mark::Pass} : Cell{"no", Mark::Fail}});
    }
    section.blocks.push_back(page::table(std::move(t)));
    section.blocks.push_back(page::paragraph(fmt::format(
        "Server-hours per period: today {}, recommended {}. Highlighted: intervals where the "
        "whole-day simulation "
        "needed more servers than the stationary answer (queues carried over from the previous "
        "interval).",
        format_number(st.server_hours_today, 4), format_number(st.server_hours_recommended, 4))));
    if (const auto index = in.scenario.find_station(st.station)) {
      std::vector<charts::ScheduleSeries> extra(2);
      extra[0].label = "stationary answer";
      extra[0].dashed = true;
      extra[1].label = "recommended (after whole-day simulation)";
      for (const auto& i : st.intervals) {
        for (auto& e : extra) e.starts.push_back(i.start);
        extra[0].servers.push_back(i.stationary_servers);
        extra[1].servers.push_back(i.recommended_servers);
      }
      if (auto f = charts::schedule_figure(in.scenario, *index, extra))
        section.blocks.push_back(page::figure(std::move(*f)));
    }
  }
  std::vector<std::string> notes = sp.missing;
  notes.insert(notes.end(), sp.notes.begin(), sp.notes.end());
  notes.push_back(fmt::format("{} round(s) of whole-day simulation and correction{}.",
                              sp.correction_rounds, sp.simulated ? "" : " (not simulated)"));
  section.blocks.push_back(page::bullets(notes));
  return section;
}

page::Section demand_section(const PlanReportInput& in) {
  const auto& d = *in.plan.demand;
  page::Section section{"Uncertain demand", "demand", {}};
  // Under time-varying load each case is a schedule: its server-hours and its peak servers.
  const bool schedules =
      std::any_of(d.cases.begin(), d.cases.end(),
                  [](const planner::DemandCase& c) { return !c.server_hours.empty(); });
  page::Table t{
      {"case", "arrival rates (average)",
       schedules ? "server-hours per period (peak servers)" : "servers per station", "feasible"},
      {},
      ""};
  for (const auto& c : d.cases) {
    std::string rates, servers;
    for (double r : c.arrival_rates)
      rates += (rates.empty() ? "" : ", ") + format_metric("lambda", r, in.plan.time_unit);
    for (std::size_t i = 0; i < c.servers.size(); ++i) {
      if (schedules && (i >= c.server_hours.size() || c.server_hours[i] == 0.0)) continue;
      servers +=
          (servers.empty() ? "" : ", ") +
          (i < in.plan.stations.size() ? in.plan.stations[i].name + " " : "") +
          (schedules ? fmt::format("{} ({})", format_number(c.server_hours[i], 4), c.servers[i])
                     : std::to_string(c.servers[i]));
    }
    t.rows.push_back({Cell{c.label + (c.label == d.worst_case ? " (worst case)" : ""),
                           c.label == d.worst_case ? Mark::Warn : Mark::None},
                      rates, servers,
                      c.feasible ? Cell{"yes", Mark::Pass} : Cell{"no", Mark::Fail}});
  }
  section.blocks.push_back(page::table(std::move(t)));
  section.blocks.push_back(
      page::paragraph("The recommendation covers the worst case: " + d.worst_case + "."));
  if (!d.notes.empty()) section.blocks.push_back(page::bullets(d.notes));
  return section;
}

page::Section methods_section(const PlanReportInput& in) {
  const auto& p = in.plan;
  page::Section section{"Assumptions and methods", "methods", {}};
  std::vector<std::string> lines;
  for (const auto& s : p.stations) {
    lines.push_back(fmt::format("{}: model {}, sized by {}{}.", s.name,
                                s.model.empty() ? "—" : s.model, s.method,
                                s.confirmed_by_simulation ? ", confirmed by simulation" : ""));
  }
  lines.push_back(
      "Sizing: the analytic search first (exact where theory is exact, else a labelled "
      "approximation), "
      "then simulation where theory is not exact, where an SLO is a quantile theory cannot give, "
      "or on request; "
      "where they disagree the plan trusts the simulation.");
  if (p.simulation) {
    lines.push_back(fmt::format(
        "Simulation: {} replications per configuration, seed {}, {}% confidence intervals, {}.",
        p.simulation->replications, p.simulation->seed,
        format_number(100 * p.simulation->confidence, 3),
        p.simulation->common_random_numbers ? "common random numbers across configurations"
                                            : "independent random numbers"));
  } else {
    lines.push_back("Nothing was simulated: every number is theory's.");
  }
  lines.push_back("Warm-up and run length: as in the scenario's run: section (warm-up " +
                  std::string(in.scenario.run.warmup.kind == model::WarmupSpec::Kind::Auto
                                  ? "auto, MSER-5"
                                  : "as given") +
                  ").");
  if (p.defaults_assumed) {
    for (const auto& d : p.assumed_defaults) lines.push_back("Assumed SLO: " + d);
  }
  section.blocks.push_back(page::bullets(lines));
  if (!p.disagreements.empty()) {
    section.blocks.push_back(page::paragraph("Where theory and simulation disagreed:"));
    section.blocks.push_back(page::bullets(p.disagreements));
  }
  std::vector<std::string> notes = p.notes;
  notes.insert(notes.end(), p.headroom.notes.begin(), p.headroom.notes.end());
  if (!notes.empty()) {
    section.blocks.push_back(page::paragraph("Notes:"));
    section.blocks.push_back(page::bullets(notes));
  }
  return section;
}

}  // namespace kendall::report::plan_detail
