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

#include "plan_wait_chart.hpp"

namespace kendall::report {

namespace {

using page::Cell;
using page::Mark;
using planner::SloVerdict;

std::string fmt_value(const SloVerdict& v, double x, const std::string& unit) {
  return format_metric(v.metric, x, unit);
}

// "140 ms [132, 148]" (simulated) or "140 ms" (theory); "—" when unknown. A service level
// simulated as its Wq quantile shows both: "83.4% (Wq_p80 16.6 s [15.4, 17.9])".
std::string value_text(const SloVerdict& v, const std::string& unit) {
  if (!v.value) return "—";
  const auto& sim = v.value->simulated;
  if (sim && sim->n >= 2 && !v.value->simulated_metric.empty()) {
    const std::string quantile = fmt::format(
        "{} {}", v.value->simulated_metric, format_estimate(v.value->simulated_metric, *sim, unit));
    return v.value->analytic ? fmt::format("{} ({})", fmt_value(v, v.value->value, unit), quantile)
                             : quantile;
  }
  if (sim && sim->n >= 2) return format_estimate(v.metric, *sim, unit);
  return fmt_value(v, v.value->value, unit);
}

// The metric in words for a sentence: "Wq_p95", or "P(Wq ≤ 20 s)" for a service level.
std::string metric_words(const SloVerdict& v, const std::string& unit) {
  if (v.metric == "service_level" && v.wait_at_most)
    return fmt::format("P(Wq ≤ {})", format_metric("Wq", *v.wait_at_most, unit));
  return v.metric;
}

Cell verdict_cell(const SloVerdict& v) {
  if (!v.value) return {"not judged", Mark::Warn};
  return v.pass ? Cell{"pass", Mark::Pass} : Cell{"FAIL", Mark::Fail};
}

std::string bound_text(const SloVerdict& v, const std::string& unit) {
  return std::string(v.upper_bound ? "< " : "> ") + fmt_value(v, v.bound, unit);
}

// How close a verdict is to its bound: > 1 fails. Used to pick the SLO that decides.
double tightness(const SloVerdict& v) {
  if (!v.value || v.bound == 0.0) return v.pass ? 0.0 : 1e9;
  const double ratio = v.value->value / v.bound;
  return v.upper_bound ? ratio : (ratio == 0.0 ? 1e9 : 1.0 / ratio);
}

const SloVerdict* matching(const std::vector<SloVerdict>& list, const SloVerdict& v,
                           std::size_t index) {
  if (index < list.size() && list[index].slo == v.slo && list[index].station == v.station)
    return &list[index];
  for (const auto& other : list) {
    if (other.slo == v.slo && other.station == v.station) return &other;
  }
  return nullptr;
}

std::string servers_text(std::optional<std::uint32_t> s) {
  return s ? std::to_string(*s) : "∞ (delay)";
}

std::string clock(double t, const std::string& unit);

const planner::StationSchedule* schedule_of(const planner::PlanResult& p,
                                            const std::string& station) {
  if (!p.schedule) return nullptr;
  for (const auto& st : p.schedule->stations) {
    if (st.station == station) return &st;
  }
  return nullptr;
}

// "desk needs 148 server-hours a day (today 134): 3 instead of 2 at 00:00–06:00, ..."
std::string schedule_clause(const planner::PlanResult& p, const planner::StationSchedule& st) {
  std::string text = fmt::format("{} needs {} server-hours per period (today {})", st.station,
                                 format_number(st.server_hours_recommended, 4),
                                 format_number(st.server_hours_today, 4));
  std::string more, fewer;
  for (const auto& i : st.intervals) {
    const std::string change =
        fmt::format("{} instead of {} at {}–{}", i.recommended_servers, i.servers_today,
                    clock(i.start, p.time_unit), clock(i.end, p.time_unit));
    if (i.recommended_servers > i.servers_today) more += (more.empty() ? "" : ", ") + change;
    if (i.recommended_servers < i.servers_today) fewer += (fewer.empty() ? "" : ", ") + change;
  }
  if (!more.empty()) text += ": more servers — " + more;
  if (!fewer.empty()) text += std::string(more.empty() ? ": " : "; ") + "fewer — " + fewer;
  if (more.empty() && fewer.empty())
    text += ": today's schedule already meets the SLOs in every interval";
  return text;
}

const planner::ServerOption* option_at(const planner::StationPlan& s, std::uint32_t servers) {
  for (const auto& o : s.around_recommendation) {
    if (o.servers == servers) return &o;
  }
  return nullptr;
}

// The verdict in `list` that fails worst, preferring the station's own SLOs over end-to-end
// ones (an end-to-end SLO names no station to blame); null when every one passes.
const SloVerdict* worst_failure(const std::vector<SloVerdict>& list, const std::string& station) {
  const SloVerdict* worst = nullptr;
  for (const bool own : {true, false}) {
    for (const auto& v : list) {
      if (v.pass || (own ? v.station != station : !v.station.empty())) continue;
      if (worst == nullptr || tightness(v) > tightness(*worst)) worst = &v;
    }
    if (worst != nullptr) return worst;
  }
  return nullptr;
}

// The SLO that decides a station's size — the binding one — at today's servers, with the plan
// and at one server fewer than the plan.
struct Binding {
  const SloVerdict* plan = nullptr;
  const SloVerdict* today = nullptr;
  const SloVerdict* fewer = nullptr;  ///< at recommended − 1, when that was evaluated
};

// More servers than today: the SLO that fails worst today (the reason to buy). Otherwise the
// SLO that fails worst at one server fewer than the plan (the reason not to go lower). When
// neither is known, the SLO closest to its bound with the plan.
Binding binding_slo(const planner::PlanResult& p, const planner::StationPlan& s) {
  Binding b;
  const auto index_in_plan = [&](const SloVerdict& v) -> std::optional<std::size_t> {
    for (std::size_t i = 0; i < p.slos.size(); ++i) {
      if (p.slos[i].slo == v.slo && p.slos[i].station == v.station) return i;
    }
    return std::nullopt;
  };
  const planner::ServerOption* fewer = s.recommended_servers && *s.recommended_servers > 1
                                           ? option_at(s, *s.recommended_servers - 1)
                                           : nullptr;
  const SloVerdict* decisive = nullptr;
  if (s.recommended_servers && s.servers_today && *s.recommended_servers > *s.servers_today) {
    std::vector<SloVerdict> own;
    for (const auto& v : p.slos_today) {
      if (v.station == s.name) own.push_back(v);
    }
    if (const SloVerdict* w = worst_failure(own, s.name)) {
      for (const auto& v : p.slos_today) {
        if (v.slo == w->slo && v.station == w->station) decisive = &v;
      }
    }
  }
  if (decisive == nullptr && fewer != nullptr) decisive = worst_failure(fewer->verdicts, s.name);
  if (decisive != nullptr) {
    if (const auto i = index_in_plan(*decisive)) {
      b.plan = &p.slos[*i];
      b.today = matching(p.slos_today, p.slos[*i], *i);
    }
  } else {
    for (std::size_t i = 0; i < p.slos.size(); ++i) {
      if (p.slos[i].station != s.name) continue;
      if (b.plan == nullptr || tightness(p.slos[i]) > tightness(*b.plan)) {
        b.plan = &p.slos[i];
        b.today = matching(p.slos_today, p.slos[i], i);
      }
    }
  }
  if (b.plan != nullptr && fewer != nullptr) b.fewer = matching(fewer->verdicts, *b.plan, 0);
  return b;
}

// "1 server", "9 servers".
std::string servers_count(std::uint32_t n) {
  return fmt::format("{} server{}", n, n == 1 ? "" : "s");
}

std::string station_clause(const PlanReportInput& in, const planner::StationPlan& s) {
  const auto& p = in.plan;
  if (const auto* st = schedule_of(p, s.name); st != nullptr && !s.recommended_servers)
    return schedule_clause(p, *st);
  const std::string& unit = p.time_unit;
  if (!s.recommended_servers) {
    if (!s.servers_today) return fmt::format("{} is a delay station (no servers to size)", s.name);
    return fmt::format("no server count for {} up to the search limit meets its SLOs", s.name);
  }
  const Binding b = binding_slo(p, s);
  const SloVerdict* decisive = b.plan != nullptr && b.plan->value ? b.plan : nullptr;
  const std::uint32_t r = *s.recommended_servers;
  if (!s.servers_today) return fmt::format("{} needs {}", s.name, servers_count(r));
  const std::uint32_t t = *s.servers_today;
  std::string against;
  std::string metric;
  if (decisive != nullptr) {
    against = fmt::format("against the {} SLO", fmt_value(*decisive, decisive->bound, unit));
    if (decisive->station.empty()) against = "against the end-to-end " + against.substr(12);
    metric = metric_words(*decisive, unit);
  }
  const bool known_today = b.today != nullptr && b.today->value;
  // "(8 would give 79.6%)": why one server fewer than the plan is not enough.
  std::string below;
  if (b.fewer != nullptr && b.fewer->value && !b.fewer->pass && r - 1 != t)
    below = fmt::format(" ({} would give {})", r - 1, value_text(*b.fewer, unit));
  if (r > t) {
    std::string text = fmt::format("{} needs {} (today {})", s.name, servers_count(r), t);
    if (decisive != nullptr && known_today) {
      text += fmt::format(": {} goes from {} to {} {}{}", metric, value_text(*b.today, unit),
                          value_text(*decisive, unit), against, below);
    } else if (decisive != nullptr) {
      text +=
          fmt::format(": {} becomes {} {}{}", metric, value_text(*decisive, unit), against, below);
    }
    return text;
  }
  if (r < t) {
    std::string text = fmt::format("{} can do with {} (today {})", s.name, servers_count(r), t);
    if (decisive != nullptr && known_today) {
      text += fmt::format(": {} goes from {} to {} {}{}", metric, value_text(*b.today, unit),
                          value_text(*decisive, unit), against, below);
    } else if (decisive != nullptr) {
      text +=
          fmt::format(": {} is then {} {}{}", metric, value_text(*decisive, unit), against, below);
    }
    return text;
  }
  std::string text = fmt::format("{} keeps its {}", s.name, servers_count(t));
  if (decisive != nullptr) {
    if (b.fewer != nullptr && b.fewer->value && !b.fewer->pass) {
      text += fmt::format(" ({} {} {}; {} would give {})", metric, value_text(*decisive, unit),
                          against, r - 1, value_text(*b.fewer, unit));
    } else {
      text += fmt::format(" ({} {} {})", metric, value_text(*decisive, unit), against);
    }
  }
  return text;
}

double total_servers(const std::vector<std::uint32_t>& s) {
  double n = 0;
  for (auto v : s) n += v;
  return n;
}

// ---- sections ----

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

model::Scenario with_servers(const model::Scenario& sc, const planner::PlanResult& p,
                             bool recommended) {
  model::Scenario out = sc;
  for (const auto& s : p.stations) {
    const auto index = out.find_station(s.name);
    if (!index || out.stations[*index].server_schedule) continue;
    const auto servers = recommended ? s.recommended_servers : s.servers_today;
    if (servers && !out.stations[*index].infinite_servers())
      out.stations[*index].servers = *servers;
  }
  return out;
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
std::vector<page::Figure> load_table_figures(const planner::Headroom& h, const std::string& unit) {
  std::vector<page::Figure> out;
  if (h.load_table.empty()) return out;
  for (const bool times : {true, false}) {
    svg::LineChart chart;
    chart.title = times ? "SLO times as all traffic grows (with the plan)"
                        : "SLO shares and utilizations as all traffic grows (with the plan)";
    chart.x.label = "traffic (× today)";
    double typical = 0.0;
    const auto& first = h.load_table.front().verdicts;
    for (const auto& v : first) {
      if ((metric_kind(v.metric) == MetricKind::Time) == times)
        typical = std::max(typical, v.bound);
    }
    if (typical == 0.0) continue;
    const DisplayUnit u = times ? time_unit_for(typical, unit) : DisplayUnit{"%", 100.0};
    chart.y.label = times ? "time (" + u.name + ")" : "value (%)";
    page::Table data{{"load × today"}, {}, ""};
    double y_top = 0.0;
    for (std::size_t k = 0; k < first.size(); ++k) {
      const auto& proto = first[k];
      if ((metric_kind(proto.metric) == MetricKind::Time) != times) continue;
      data.headers.push_back(proto.slo);
      svg::Series s{proto.slo, svg::SeriesStyle::Line, {}, false, static_cast<int>(k)};
      for (const auto& lp : h.load_table) {
        if (k >= lp.verdicts.size() || !lp.verdicts[k].value) continue;
        const auto& val = *lp.verdicts[k].value;
        svg::Point pt(lp.factor, val.value * u.factor);
        if (val.simulated && val.simulated->n >= 2) {
          pt = svg::Point(lp.factor, val.simulated->mean * u.factor,
                          val.simulated->ci_low * u.factor, val.simulated->ci_high * u.factor);
        }
        s.points.push_back(pt);
      }
      chart.series.push_back(std::move(s));
      chart.reference_lines.push_back({proto.bound * u.factor, "SLO " + proto.slo});
      y_top = std::max(y_top, proto.bound * u.factor);
    }
    for (const auto& lp : h.load_table) {
      std::vector<Cell> row{format_number(lp.factor, 3)};
      for (std::size_t k = 0; k < lp.verdicts.size(); ++k) {
        if ((metric_kind(lp.verdicts[k].metric) == MetricKind::Time) != times) continue;
        row.emplace_back(
            lp.verdicts[k].value ? format_in(lp.verdicts[k].value->value, u) : std::string("—"),
            lp.verdicts[k].pass ? Mark::None : Mark::Fail);
      }
      data.rows.push_back(std::move(row));
    }
    for (const auto& s : chart.series) {
      for (const auto& pt : s.points) {
        if (pt.x == 1.0)
          chart.markers.push_back({1.0, pt.y, chart.markers.empty() ? "today's load" : ""});
      }
    }
    chart.y.max = times ? svg::nice_ticks(0.0, 2.0 * y_top, 5).back() : 100.0;
    page::Figure f;
    f.svg = svg::render(chart);
    f.caption =
        "Each SLO metric at 0.8×, 1×, 1.2×, 1.5× today's traffic and at the breaking factor, with "
        "the "
        "recommended servers (simulated means with intervals where simulated); dashed red lines "
        "are the bounds.";
    f.data = std::move(data);
    out.push_back(std::move(f));
  }
  return out;
}

page::Section headroom_section(const PlanReportInput& in) {
  const auto& p = in.plan;
  page::Section section{"Headroom", "headroom", {}};
  auto describe = [&](const planner::Headroom& h, const char* label) {
    if (h.factor) {
      return fmt::format(
          "{}: all arrival rates can grow together by {}× before {} breaks ({}{}; {}{}).", label,
          format_number(*h.factor, 3), h.bottleneck.empty() ? "an end-to-end SLO" : h.bottleneck,
          h.breaking_slo, h.interval.empty() ? "" : " in " + h.interval, h.method,
          h.confirmed_by_simulation ? ", confirmed by simulation" : "");
    }
    return fmt::format("{}: no growth factor meets every SLO{}.", label,
                       h.notes.empty() ? std::string() : " — " + h.notes.front());
  };
  std::vector<std::string> lines{describe(p.headroom, "With the plan")};
  if (p.headroom_today) lines.push_back(describe(*p.headroom_today, "With today's servers"));
  section.blocks.push_back(page::bullets(lines));
  if (!p.headroom.load_table.empty()) {
    page::Table t{{"traffic × today", "meets every SLO"}, {}, "Load table (with the plan)"};
    for (const auto& v : p.headroom.load_table.front().verdicts) t.headers.push_back(v.slo);
    for (const auto& lp : p.headroom.load_table) {
      std::vector<Cell> row{format_number(lp.factor, 3),
                            lp.meets ? Cell{"yes", Mark::Pass}
                                     : Cell{lp.stable ? "no" : "no (unstable)", Mark::Fail}};
      for (const auto& v : lp.verdicts)
        row.emplace_back(value_text(v, p.time_unit), v.pass ? Mark::None : Mark::Fail);
      t.rows.push_back(std::move(row));
    }
    section.blocks.push_back(page::table(std::move(t)));
  }
  for (auto& f : load_table_figures(p.headroom, p.time_unit))
    section.blocks.push_back(page::figure(std::move(f)));
  // Theory's curve for the bottleneck with the recommended servers.
  const auto b = in.scenario.find_station(p.headroom.bottleneck.empty() && !p.stations.empty()
                                              ? p.stations.front().name
                                              : p.headroom.bottleneck);
  if (b) {
    const model::Scenario sc = with_servers(in.scenario, p, true);
    std::vector<charts::SloLine> slos;
    for (const auto& v : p.slos)
      slos.push_back({v.station, v.metric, v.bound, v.slo, v.upper_bound, v.wait_at_most});
    model::ScenarioSolution solution;
    try {
      solution = model::solve_scenario(sc);
      if (auto f = charts::load_figure(sc, *b, nullptr, slos, charts::max_load_factor(&solution))) {
        f->caption = "With the recommended servers. " + f->caption;
        section.blocks.push_back(page::figure(std::move(*f)));
      }
    } catch (const std::exception&) {
    }
  }
  return section;
}

page::Section wait_section(const PlanReportInput& in) {
  const auto& p = in.plan;
  page::Section section{"Waiting time", "waiting-time", {}};
  for (const auto& s : p.stations) {
    if (auto f = detail::plan_wait_figure(s, p.slos, p.time_unit))
      section.blocks.push_back(page::figure(std::move(*f)));
  }
  return section;
}

page::Section utilization_section(const PlanReportInput& in) {
  const auto& p = in.plan;
  page::Section section{"Utilization", "utilization", {}};
  const model::Scenario today = with_servers(in.scenario, p, false);
  const model::Scenario planned = with_servers(in.scenario, p, true);
  svg::BarChart chart;
  chart.title = "Utilization by station: with the plan (bars) and today (ticks), theory";
  chart.value_label = "utilization (%)";
  chart.bar_legend = "with the plan";
  chart.reference_legend = "today";
  page::Table data{{"station", "today", "with the plan"}, {}, ""};
  try {
    const auto a = model::solve_scenario(today);
    const auto b = model::solve_scenario(planned);
    for (std::size_t i = 0; i < planned.stations.size(); ++i) {
      if (planned.stations[i].infinite_servers()) continue;
      const auto& rb = b.stations[i].result;
      const auto& ra = a.stations[i].result;
      if (!rb) continue;
      const auto ub = rb->metrics.get("utilization");
      if (!ub) continue;
      svg::Bar bar{planned.stations[i].name, 100.0 * *ub, std::nullopt, std::nullopt, std::nullopt};
      std::string today_text = "—";
      if (ra) {
        if (const auto ua = ra->metrics.get("utilization")) {
          bar.reference = 100.0 * *ua;
          today_text = format_number(100.0 * *ua, 3) + "%";
        }
      }
      chart.bars.push_back(bar);
      data.rows.push_back({bar.label, today_text, format_number(bar.value, 3) + "%"});
    }
  } catch (const std::exception&) {
  }
  if (chart.bars.empty()) {
    section.blocks.push_back(
        page::paragraph("Theory gives no utilization for these stations (see Methods)."));
    return section;
  }
  double top = 100.0;
  for (const auto& b : chart.bars) top = std::max({top, b.value, b.reference.value_or(0.0)});
  if (top <= 100.0) chart.max = 100.0;
  for (const auto& v : p.slos) {
    if (v.metric == "utilization") {
      bool seen = false;
      for (const auto& r : chart.reference_lines) seen = seen || r.y == 100.0 * v.bound;
      if (!seen)
        chart.reference_lines.push_back(
            {100.0 * v.bound, "SLO utilization < " + format_number(100.0 * v.bound, 3) + "%"});
    }
  }
  page::Figure f{svg::render(chart),
                 "Bars: utilization with the recommended servers; black ticks: today's.",
                 std::move(data)};
  section.blocks.push_back(page::figure(std::move(f)));
  return section;
}

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

std::string clock(double t, const std::string& unit) {
  const double hours = t * model::time_unit_seconds(unit) / 3600.0;
  const int minutes = static_cast<int>(std::lround(hours * 60.0));
  return fmt::format("{:02}:{:02}", minutes / 60, minutes % 60);
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

}  // namespace

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
