#include "schedule_headroom.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "headroom.hpp"
#include "schedule.hpp"
#include "variant.hpp"

namespace kendall::planner::detail {

namespace {

using ServerGrid = std::vector<std::vector<std::uint32_t>>;  ///< [station][interval]

/// The recommended servers per station and interval, from the schedule plan.
ServerGrid grid_of(const model::Scenario& s, const SchedulePlan& schedule, std::size_t intervals) {
  ServerGrid grid(s.stations.size(), std::vector<std::uint32_t>(intervals, 0));
  for (const auto& st : schedule.stations) {
    const auto i = s.find_station(st.station);
    if (!i) continue;
    for (std::size_t k = 0; k < intervals && k < st.intervals.size(); ++k)
      grid[*i][k] = st.intervals[k].recommended_servers;
  }
  return grid;
}

/// Interval k of the period as a stationary scenario with the schedule's servers.
model::Scenario interval_scenario(const model::Scenario& s, const std::vector<double>& starts,
                                  const ServerGrid& grid, std::size_t k) {
  model::Scenario v = frozen_at(s, starts[k]);
  for (std::size_t i = 0; i < v.stations.size(); ++i) {
    if (grid[i][k] > 0) v.stations[i].servers = grid[i][k];
  }
  return v;
}

/// "06:00" for 6 h into the period (hours and minutes of wall-clock time).
std::string clock(double t, double seconds_per_unit) {
  const long minutes = std::lround(t * seconds_per_unit / 60.0);
  return fmt::format("{:02}:{:02}", minutes / 60, minutes % 60);
}

std::string interval_text(const model::Scenario& s, const std::vector<double>& starts,
                          double period, std::size_t k) {
  const double end = k + 1 < starts.size() ? starts[k + 1] : period;
  return fmt::format("{}–{}", clock(starts[k], s.seconds_per_unit), clock(end, s.seconds_per_unit));
}

/// One verdict per SLO: its worst over every list (a failing one before a passing one).
std::vector<SloVerdict> worst_per_slo(const std::vector<SloInstance>& slos,
                                      const std::vector<const std::vector<SloVerdict>*>& lists) {
  std::vector<SloVerdict> out;
  for (const auto& slo : slos) {
    std::optional<SloVerdict> worst;
    for (const auto* list : lists) {
      for (const auto& v : *list) {
        if (v.slo != slo.text || !v.value) continue;
        if (!worst || (!v.pass && worst->pass) ||
            (v.pass == worst->pass && violation(v) > violation(*worst)))
          worst = v;
      }
    }
    if (worst) out.push_back(*worst);
  }
  return out;
}

std::vector<const std::vector<SloVerdict>*> lists_of(const PeriodSimulation& run) {
  std::vector<const std::vector<SloVerdict>*> lists;
  for (const auto& station : run.verdicts) {
    for (const auto& interval : station) lists.push_back(&interval);
  }
  return lists;
}

/// The failing verdict that fails worst in a whole-period simulation, and its interval.
struct Breaking {
  const SloVerdict* verdict = nullptr;
  std::size_t interval = 0;
};
Breaking worst_failure(const PeriodSimulation& run) {
  Breaking b;
  for (const auto& station : run.verdicts) {
    for (std::size_t k = 0; k < station.size(); ++k) {
      for (const auto& v : station[k]) {
        if (v.pass || !v.value) continue;
        if (b.verdict == nullptr || violation(v) > violation(*b.verdict)) b = {&v, k};
      }
    }
  }
  return b;
}

}  // namespace

Headroom schedule_headroom(const model::Scenario& s, const std::vector<SloInstance>& slos,
                           const SchedulePlan& schedule, const SimulationPlan& plan) {
  Headroom h;
  h.configuration = "recommended";
  double period = 0.0;
  const std::vector<double> starts = boundaries(s, period);
  const std::size_t K = starts.size();
  const ServerGrid grid = grid_of(s, schedule, K);

  // 1. Theory: each interval as a stationary period; the period's headroom is the smallest.
  SimulationPlan theory_only = plan;
  theory_only.enabled = false;
  std::optional<double> analytic;
  std::vector<std::string> unjudged;
  for (std::size_t k = 0; k < K; ++k) {
    const model::Scenario v = interval_scenario(s, starts, grid, k);
    const Headroom hk = compute_headroom(v, slos, servers_of(v), "recommended", theory_only, false);
    if (!hk.factor) {
      unjudged.push_back(interval_text(s, starts, period, k));
      continue;
    }
    if (!analytic || *hk.factor < *analytic) {
      analytic = hk.factor;
      h.bottleneck = hk.bottleneck;
      h.breaking_slo = hk.breaking_slo;
      h.interval = interval_text(s, starts, period, k);
      h.method = hk.method;
      h.notes.assign(
          1, fmt::format("theory, each interval a stationary period: {:.4g}x, limited in {} ({})",
                         *hk.factor, interval_text(s, starts, period, k),
                         hk.breaking_slo.empty() ? "no SLO" : hk.breaking_slo));
    }
  }
  if (!unjudged.empty()) {
    std::string list;
    for (const auto& u : unjudged) list += (list.empty() ? "" : ", ") + u;
    h.notes.push_back("theory gives no headroom for " + list +
                      " (it cannot judge every SLO there, or they fail "
                      "already)");
  }
  h.factor = unjudged.empty() ? analytic : std::nullopt;

  // 2. The whole-period simulation with the schedule: queues carried across intervals.
  const double from = first_measured(s, period);
  const auto simulate = [&](double f) {
    model::Scenario v = s;
    scale_arrivals(v, f);
    return simulate_periods(v, slos, starts, period, from, grid, plan);
  };
  if (plan.enabled && !plan.stop.stop_requested()) {
    // An SLO no growth breaks in theory (factor 2^40) is checked at a growth worth drawing.
    const double first = std::min(analytic.value_or(2.0), 4.0);
    const PeriodSimulation check = simulate(first);
    if (check.all_meet && h.factor && *h.factor <= first) {
      h.confirmed_by_simulation = true;
      h.notes.push_back(
          fmt::format("the whole-period simulation confirms the SLOs hold in every interval at "
                      "{:.3g}x",
                      first));
    } else if (!simulate(1.0).all_meet) {
      h.notes.push_back(
          "the whole-period simulation does not meet the SLOs even at today's load: no headroom");
      h.factor.reset();
      h.method = simulation_method;
      h.confirmed_by_simulation = true;
    } else {
      double lo = 1.0, hi = first;
      PeriodSimulation hi_run = check;
      for (int k = 0; k < 3 && hi_run.all_meet; ++k) {  // no theory: grow until something breaks
        lo = hi;
        hi *= 2.0;
        hi_run = simulate(hi);
      }
      for (int k = 0; k < 7 && !hi_run.all_meet && !plan.stop.stop_requested(); ++k) {
        const double mid = 0.5 * (lo + hi);
        PeriodSimulation m = simulate(mid);
        if (m.all_meet) {
          lo = mid;
        } else {
          hi = mid;
          hi_run = std::move(m);
        }
      }
      if (hi_run.all_meet) {
        h.notes.push_back(
            fmt::format("every SLO still holds in the whole-period simulation at {:g}x", hi));
        h.factor = hi;
      } else {
        const Breaking b = worst_failure(hi_run);
        if (b.verdict != nullptr) {
          h.bottleneck = b.verdict->station;
          h.breaking_slo = b.verdict->slo;
          h.interval = interval_text(s, starts, period, b.interval);
          h.notes.push_back(
              fmt::format("{}the whole-period simulation (queues carried across intervals) breaks "
                          "{} first, in {}: {:.4g}x",
                          analytic ? fmt::format("theory said {:.4g}x; ", *analytic) : "",
                          b.verdict->slo, interval_text(s, starts, period, b.interval), lo));
        }
        h.factor = lo;
      }
      h.method = simulation_method;
      h.confirmed_by_simulation = true;
    }
  }

  // 3. Load table: simulated whole periods where simulated, else the worst stationary interval.
  std::vector<double> factors = {0.8, 1.0, 1.2, 1.5};
  // The breaking factor joins the table unless it would print as one of the others (1.198 ≈ 1.2).
  if (h.factor && *h.factor < 1e6 && std::none_of(factors.begin(), factors.end(), [&](double f) {
        return std::abs(f - *h.factor) < 0.005;
      }))
    factors.push_back(*h.factor);
  std::sort(factors.begin(), factors.end());
  for (double f : factors) {
    LoadPoint p;
    p.factor = f;
    if (plan.enabled) {
      const PeriodSimulation run = simulate(f);
      p.verdicts = worst_per_slo(slos, lists_of(run));
      p.meets = run.all_meet;
    } else {
      std::vector<Evaluation> per_interval;
      for (std::size_t k = 0; k < K; ++k) {
        model::Scenario v = interval_scenario(s, starts, grid, k);
        scale_arrivals(v, f);
        per_interval.push_back(evaluate_analytic(v, slos));
      }
      std::vector<const std::vector<SloVerdict>*> lists;
      for (const auto& e : per_interval) lists.push_back(&e.verdicts);
      p.verdicts = worst_per_slo(slos, lists);
      p.meets = std::all_of(per_interval.begin(), per_interval.end(),
                            [](const Evaluation& e) { return e.meets; });
    }
    p.stable = true;
    h.load_table.push_back(std::move(p));
  }
  return h;
}

}  // namespace kendall::planner::detail
