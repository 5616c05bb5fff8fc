// The words of a capacity plan: verdict values and bounds, server counts, the binding SLO of a
// station and the clause of the summary sentence that says why it has its servers.

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

std::string clock(double t, const std::string& unit) {
  const double hours = t * model::time_unit_seconds(unit) / 3600.0;
  const int minutes = static_cast<int>(std::lround(hours * 60.0));
  return fmt::format("{:02}:{:02}", minutes / 60, minutes % 60);
}

}  // namespace kendall::report::plan_detail
