// The sections of a capacity plan that state the verdict: summary, SLOs, stations.

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

page::Section summary_section(const PlanReportInput& in) {
  const auto& p = in.plan;
  page::Section section{"Summary", "summary", {}};
  section.blocks.push_back(page::callout(plan_summary_sentence(in)));
  if (p.defaults_assumed) {
    std::string text = "NO SLOs IN THE SCENARIO — Kendall assumed these defaults: ";
    for (std::size_t i = 0; i < p.assumed_defaults.size(); ++i)
      text += (i ? "; " : "") + p.assumed_defaults[i];
    text += ". Add an slo: section to plan against your own objectives.";
    section.blocks.push_back(page::warning(text));
  }
  std::vector<std::string> points;
  const auto failing_today = std::count_if(p.slos_today.begin(), p.slos_today.end(),
                                           [](const auto& v) { return !v.pass; });
  if (p.schedule) {
    std::size_t intervals = 0, meeting = 0, failing_now = 0;
    for (const auto& st : p.schedule->stations) {
      for (const auto& i : st.intervals) {
        ++intervals;
        meeting += i.meets ? 1 : 0;
        failing_now += i.servers_today < i.stationary_servers ? 1 : 0;
      }
    }
    points.push_back(fmt::format(
        "Time-varying load: {} of {} intervals meet the SLOs with the recommended schedule{}; "
        "today's schedule has fewer servers than the stationary answer in {} of them.",
        meeting, intervals, p.schedule->simulated ? " in the whole-period simulation" : "",
        failing_now));
  }
  if (!p.slos_today.empty())
    points.push_back(failing_today == 0 ? fmt::format("Today's configuration meets all {} SLOs.",
                                                      p.slos_today.size())
                                        : fmt::format("Today's configuration fails {} of {} SLOs.",
                                                      failing_today, p.slos_today.size()));
  points.push_back(p.feasible ? "The recommended configuration meets every SLO."
                              : "No configuration found meets every SLO — see the verdict table.");
  if (p.headroom.factor) {
    points.push_back(fmt::format(
        "Headroom with the plan: all traffic can grow {}× before {} breaks ({}).",
        format_number(*p.headroom.factor, 3),
        p.headroom.bottleneck.empty() ? std::string("an end-to-end SLO") : p.headroom.bottleneck,
        p.headroom.breaking_slo));
  }
  if (p.simulation && p.schedule) {
    // For a schedule the count is of whole-period simulation rounds (propose, simulate, add).
    const auto rounds = p.simulation->configurations_simulated;
    points.push_back(fmt::format(
        "Checked by simulating whole periods: {} round{} of the schedule, {} replications each, "
        "seed {}.",
        rounds, rounds == 1 ? "" : "s", p.simulation->replications, p.simulation->seed));
  } else if (p.simulation) {
    const auto n = p.simulation->configurations_simulated;
    points.push_back(
        fmt::format("Confirmed by simulation: {} configuration{}, {} replications each, seed {}{}.",
                    n, n == 1 ? "" : "s", p.simulation->replications, p.simulation->seed,
                    p.simulation->common_random_numbers ? ", common random numbers" : ""));
  }
  if (!p.disagreements.empty()) {
    points.push_back(
        fmt::format("Theory and simulation disagreed in {} place(s); the plan trusts the "
                    "simulation (see Methods).",
                    p.disagreements.size()));
  }
  section.blocks.push_back(page::bullets(points));
  return section;
}

page::Section slo_section(const PlanReportInput& in) {
  const auto& p = in.plan;
  page::Section section{"SLO verdicts", "slo", {}};
  if (p.slos.empty()) {
    section.blocks.push_back(page::paragraph(p.schedule
                                                 ? "Under a time-varying load the SLOs are judged "
                                                   "interval by interval: see Servers per interval."
                                                 : "No SLO could be judged."));
    return section;
  }
  // Without a verdict for today (a schedule is judged interval by interval) the today columns
  // would be empty: leave them out.
  bool any_today = false;
  for (std::size_t i = 0; i < p.slos.size(); ++i)
    any_today = any_today || matching(p.slos_today, p.slos[i], i) != nullptr;
  page::Table t{{"SLO", "metric", "bound"}, {}, ""};
  if (any_today) t.headers.insert(t.headers.end(), {"today", "verdict today"});
  t.headers.insert(t.headers.end(), {"with the plan", "verdict", "method"});
  for (std::size_t i = 0; i < p.slos.size(); ++i) {
    const auto& v = p.slos[i];
    const SloVerdict* today = matching(p.slos_today, v, i);
    std::vector<Cell> row{v.slo + (v.assumed ? " (assumed)" : ""), v.metric,
                          bound_text(v, p.time_unit)};
    if (any_today) {
      row.emplace_back(today ? value_text(*today, p.time_unit) : "—");
      row.push_back(today ? verdict_cell(*today) : Cell{"—"});
    }
    row.emplace_back(value_text(v, p.time_unit));
    row.push_back(verdict_cell(v));
    row.emplace_back(v.value ? v.value->method : v.reason);
    t.rows.push_back(std::move(row));
  }
  section.blocks.push_back(page::table(std::move(t)));
  section.blocks.push_back(page::paragraph(
      "Values are simulated means with their confidence interval in brackets where the plan was "
      "confirmed by simulation, otherwise theory's value (its method says exact or which "
      "approximation)."));
  return section;
}

page::Section stations_section(const PlanReportInput& in) {
  const auto& p = in.plan;
  const std::string& unit = p.time_unit;
  page::Section section{"Stations", "stations", {}};
  const bool cost = p.cost.has_value();
  page::Table plan_table{
      {"station", "servers today", "recommended", "model", "found by", "confirmed by simulation"},
      {},
      "The plan"};
  if (cost) plan_table.headers.insert(plan_table.headers.begin() + 3, "cheapest");
  for (const auto& s : p.stations) {
    const auto index = in.scenario.find_station(s.name);
    const auto* spec = index ? &in.scenario.stations[*index] : nullptr;
    std::string today = servers_text(s.servers_today);
    if (spec != nullptr && spec->server_schedule) {
      const auto [lo, hi] = std::minmax_element(spec->server_schedule->values.begin(),
                                                spec->server_schedule->values.end());
      today = fmt::format("{}–{} (schedule)", format_number(*lo), format_number(*hi));
    }
    std::vector<Cell> row{s.name, today};
    const bool more =
        s.recommended_servers && s.servers_today && *s.recommended_servers > *s.servers_today;
    if (!s.recommended_servers && schedule_of(p, s.name) != nullptr) {
      row.emplace_back("per interval (see Servers per interval)");
    } else {
      row.emplace_back(
          s.recommended_servers ? std::to_string(*s.recommended_servers) : "none found",
          !s.recommended_servers ? Mark::Fail
          : more                 ? Mark::Warn
                                 : Mark::Pass);
    }
    if (cost) row.emplace_back(s.cheapest_servers ? std::to_string(*s.cheapest_servers) : "—");
    row.emplace_back(s.model);
    row.emplace_back(s.method);
    row.emplace_back(s.confirmed_by_simulation ? "yes" : "no");
    plan_table.rows.push_back(std::move(row));
  }
  section.blocks.push_back(page::table(std::move(plan_table)));
  if (!p.headroom.bottleneck.empty()) {
    section.blocks.push_back(page::paragraph(
        fmt::format("Bottleneck: {} — its SLO is the first to break as traffic grows.",
                    p.headroom.bottleneck)));
  }

  // c−1, c, c+1: the minimality made visible.
  for (const auto& s : p.stations) {
    if (s.around_recommendation.empty()) continue;
    page::Table t{
        {"servers"}, {}, fmt::format("{}: SLO metrics around the recommendation", s.name)};
    for (const auto& v : s.around_recommendation.front().verdicts)
      t.headers.push_back(v.metric + " " + bound_text(v, unit));
    t.headers.push_back("meets every SLO");
    for (const auto& o : s.around_recommendation) {
      std::vector<Cell> row{
          std::to_string(o.servers) +
          (s.recommended_servers && o.servers == *s.recommended_servers ? " (recommended)" : "")};
      for (const auto& v : o.verdicts)
        row.emplace_back(o.stable ? value_text(v, unit) : "unstable",
                         v.pass ? Mark::Pass : Mark::Fail);
      row.emplace_back(o.meets ? Cell{"yes", Mark::Pass} : Cell{"no", Mark::Fail});
      t.rows.push_back(std::move(row));
    }
    section.blocks.push_back(page::table(std::move(t)));
    std::vector<std::string> notes = s.notes;
    if (s.erlang_c_servers && s.recommended_servers) {
      notes.insert(
          notes.begin(),
          fmt::format(
              "Erlang C (ignoring abandonment) would recommend {} servers — {} more than Erlang A.",
              *s.erlang_c_servers,
              static_cast<long>(*s.erlang_c_servers) - static_cast<long>(*s.recommended_servers)));
    }
    if (!notes.empty()) section.blocks.push_back(page::bullets(notes));
  }

  // Theory against simulation for the SLO metrics with the plan.
  page::Table agree{{"station", "metric", "theory", "simulated [interval]", "agreement"},
                    {},
                    "Theory and simulation with the plan"};
  for (const auto& v : p.slos) {
    if (!v.value || !v.value->simulated || !v.value->analytic) continue;
    const auto& e = *v.value->simulated;
    const bool exact = v.value->analytic_method == "exact";
    if (!v.value->simulated_metric.empty() && v.wait_at_most) {
      // A service level simulated as its quantile: the two agree when they give the same
      // verdict (P(Wq ≤ t) ≥ s ⟺ the s-quantile ≤ t); their numbers are not comparable.
      const double t = *v.wait_at_most;
      const bool theory_pass = *v.value->analytic >= v.bound;
      Cell mark{fmt::format("interval reaches {}: cannot tell", format_metric("Wq", t, unit)),
                Mark::Warn};
      if (e.ci_high < t || e.ci_low > t) {
        mark = (e.ci_high < t) == theory_pass
                   ? Cell{fmt::format("✓ same verdict ({} {} {})", v.value->simulated_metric,
                                      theory_pass ? "<" : ">", format_metric("Wq", t, unit)),
                          Mark::Pass}
                   : Cell{"✗ different verdict", Mark::Fail};
      }
      agree.rows.push_back({v.station.empty() ? "(end to end)" : v.station,
                            v.metric + " as " + v.value->simulated_metric,
                            fmt_value(v, *v.value->analytic, unit),
                            format_estimate(v.value->simulated_metric, e, unit), mark});
      continue;
    }
    Cell mark;
    if (e.n >= 2 && exact) {
      mark = e.contains(*v.value->analytic) ? Cell{"✓ inside the interval", Mark::Pass}
                                            : Cell{"✗ outside the interval", Mark::Fail};
    } else if (e.mean != 0.0) {
      const double off = 100.0 * (*v.value->analytic - e.mean) / e.mean;
      mark = Cell{fmt::format("≈ {}, {}% {}", v.value->analytic_method,
                              format_number(std::abs(off), 2), off >= 0 ? "above" : "below"),
                  Mark::Muted};
    }
    agree.rows.push_back({v.station.empty() ? "(end to end)" : v.station, v.metric,
                          fmt_value(v, *v.value->analytic, unit),
                          format_estimate(v.metric, e, unit), mark});
  }
  if (!agree.rows.empty()) section.blocks.push_back(page::table(std::move(agree)));

  // PDQ-style resources from theory, today and with the plan.
  for (const bool recommended : {false, true}) {
    const model::Scenario sc = with_servers(in.scenario, p, recommended);
    model::ScenarioSolution solution;
    try {
      solution = model::solve_scenario(sc);
    } catch (const std::exception&) {
      continue;
    }
    page::Table t{
        {"station", "servers", "utilization", "L", "Lq", "W", "Wq", "throughput", "method"},
        {},
        recommended ? "Resources with the plan (theory)" : "Resources today (theory)"};
    for (std::size_t i = 0; i < sc.stations.size(); ++i) {
      const auto& st = sc.stations[i];
      std::vector<Cell> row{st.name, st.infinite_servers() ? std::string("∞")
                                     : st.server_schedule  ? std::string("schedule")
                                                           : std::to_string(*st.servers)};
      const auto& r = solution.stations[i].result;
      for (const char* m : {"utilization", "L", "Lq", "W", "Wq", "throughput"}) {
        const auto v = (r && r->stable) ? r->metrics.get(m) : std::nullopt;
        row.emplace_back(v ? format_metric(m, *v, sc.time_unit)
                           : std::string(r && !r->stable ? "unstable" : "—"),
                         r && !r->stable ? Mark::Fail : Mark::None);
      }
      row.emplace_back(r ? r->method : "no analytic answer");
      t.rows.push_back(std::move(row));
    }
    const bool any = std::any_of(solution.stations.begin(), solution.stations.end(),
                                 [](const auto& st) { return st.result.has_value(); });
    if (any) section.blocks.push_back(page::table(std::move(t)));
  }
  return section;
}

// SLO values against the load factor from the planner's load table, one chart per kind of
// quantity (times; fractions), with the SLO bounds and today's load marked.

}  // namespace kendall::report::plan_detail
