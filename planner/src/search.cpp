#include "search.hpp"

#include <algorithm>
#include <limits>

#include <fmt/format.h>

namespace kendall::planner::detail {

namespace {

/// Station i meets what theory can judge of its SLOs; `unjudged` is set when some SLO of it
/// had no analytic value (other than "unstable").
bool analytic_ok(const model::Scenario& s, const std::vector<SloInstance>& slos,
                 const Servers& servers, std::size_t i, bool& unjudged) {
  const Evaluation e = evaluate_analytic(with_servers(s, servers), slos);
  if (!analytic_stable(e.solution, i)) return false;
  for (std::size_t k = 0; k < slos.size(); ++k) {
    if (!slos[k].station || *slos[k].station != i) continue;
    const auto& v = e.verdicts[k];
    if (v.pass) continue;
    if (!v.value && v.reason.rfind("unstable", 0) != 0) {
      unjudged = true;
      continue;
    }
    return false;
  }
  return true;
}

/// Smallest c in [1, max] with ok(c), assuming ok is monotone; 0 when none.
template <typename Ok>
std::uint32_t smallest(std::uint32_t max, Ok ok) {
  std::uint32_t bad = 0, good = 1;
  while (!ok(good)) {
    bad = good;
    if (good >= max) return 0;
    good = std::min<std::uint32_t>(max, good * 2);
  }
  while (good - bad > 1) {
    const std::uint32_t mid = bad + (good - bad) / 2;
    (ok(mid) ? good : bad) = mid;
  }
  return good;
}

bool network_judgeable_fail(const Evaluation& e, const std::vector<SloInstance>& slos,
                            double& worst) {
  bool failing = false;
  worst = 0.0;
  for (std::size_t k = 0; k < slos.size(); ++k) {
    if (slos[k].station || e.verdicts[k].pass) continue;
    failing = true;
    worst = std::max(worst, violation(e.verdicts[k]));
  }
  return failing;
}

/// Finite-server station with the highest utilization in the evaluation.
std::optional<std::size_t> busiest(const model::Scenario& s, const Evaluation& e) {
  std::optional<std::size_t> best;
  double top = -1.0;
  for (std::size_t i = 0; i < s.stations.size(); ++i) {
    if (!sizable(s.stations[i])) continue;
    std::optional<double> u;
    if (e.experiment) {
      if (const auto est = e.experiment->stations.at(i).metrics.get("utilization")) u = est->mean;
    }
    if (!u && e.solution.stations.at(i).result)
      u = e.solution.stations.at(i).result->metrics.get("utilization");
    if (u && *u > top) {
      top = *u;
      best = i;
    }
  }
  return best;
}

}  // namespace

SearchResult analytic_search(const model::Scenario& s, const std::vector<SloInstance>& slos,
                             const Servers& start, std::uint32_t max_servers) {
  SearchResult r;
  r.servers = start;
  r.unjudged.assign(s.stations.size(), false);
  r.feasible = true;
  for (int pass = 0; pass < 4; ++pass) {
    bool changed = false;
    for (std::size_t i = 0; i < s.stations.size(); ++i) {
      if (!sizable(s.stations[i])) continue;
      bool unjudged = false;
      const std::uint32_t c = smallest(max_servers, [&](std::uint32_t n) {
        Servers trial = r.servers;
        trial[i] = n;
        return analytic_ok(s, slos, trial, i, unjudged);
      });
      r.unjudged[i] = r.unjudged[i] || unjudged;
      if (c == 0) {
        r.feasible = false;
        r.notes.push_back(fmt::format("{}: no server count up to {} meets its SLOs",
                                      s.stations[i].name, max_servers));
        continue;
      }
      if (r.servers[i] != c) changed = true;
      r.servers[i] = c;
    }
    // End-to-end SLOs: add the server that reduces the worst violation most.
    for (int step = 0; step < 1000; ++step) {
      double worst = 0.0;
      const Evaluation e = evaluate_analytic(with_servers(s, r.servers), slos);
      if (!network_judgeable_fail(e, slos, worst) || !std::isfinite(worst)) break;
      std::optional<std::size_t> best;
      double best_worst = worst;
      for (std::size_t i = 0; i < s.stations.size(); ++i) {
        if (!sizable(s.stations[i]) || *r.servers[i] >= max_servers) continue;
        Servers trial = r.servers;
        trial[i] = *trial[i] + 1;
        double w = 0.0;
        const bool fails =
            network_judgeable_fail(evaluate_analytic(with_servers(s, trial), slos), slos, w);
        if (!fails) w = 0.0;
        if (w < best_worst) {
          best_worst = w;
          best = i;
        }
      }
      if (!best) {
        r.notes.push_back("no single extra server improves the failing end-to-end SLO");
        r.feasible = false;
        break;
      }
      r.servers[*best] = *r.servers[*best] + 1;
      changed = true;
    }
    if (!changed) break;
  }
  return r;
}

SimulatedSearch simulated_search(const model::Scenario& s, const std::vector<SloInstance>& slos,
                                 const Servers& start, const SimulationPlan& plan) {
  SimulatedSearch r;
  r.servers = start;
  auto run = [&](const Servers& servers) {
    ++r.simulations;
    return evaluate(with_servers(s, servers), slos, plan, true);
  };
  r.evaluation = run(r.servers);
  // Up: add servers where the simulation says an SLO fails, doubling the step each round
  // (theory may have had nothing to say, and then the answer can be far away).
  std::vector<std::uint32_t> known_fail(s.stations.size(), 0);
  std::uint32_t step = 1;
  for (int round = 0; round < 16 && !r.evaluation.meets && !plan.stop.stop_requested();
       ++round, step *= 2) {
    Servers next = r.servers;
    std::vector<std::size_t> failing;
    for (std::size_t i = 0; i < s.stations.size(); ++i) {
      if (sizable(s.stations[i]) && !station_meets(r.evaluation, slos, i)) failing.push_back(i);
    }
    if (failing.empty()) {
      if (const auto b = busiest(s, r.evaluation)) failing.push_back(*b);
    }
    if (failing.empty()) break;
    for (std::size_t i : failing) {
      known_fail[i] = *r.servers[i];
      next[i] = *next[i] + step;
      r.disagreements.push_back(fmt::format(
          "{}: the simulation does not meet the SLOs at {} servers{}; trusting the simulation and "
          "trying {}",
          s.stations[i].name, *r.servers[i], round == 0 ? " (theory's answer)" : "", *next[i]));
    }
    r.servers = next;
    r.evaluation = run(r.servers);
  }
  // Down: between the last count known to fail and the current one, bisect by simulation;
  // where nothing failed (theory may over-staff), try up to three servers fewer. A count is
  // accepted only when every SLO holds with its whole confidence interval.
  for (std::size_t i = 0; i < s.stations.size() && r.evaluation.meets; ++i) {
    if (!sizable(s.stations[i])) continue;
    auto try_count = [&](std::uint32_t n) {
      Servers fewer = r.servers;
      fewer[i] = n;
      Evaluation e = run(fewer);
      if (!clearly_meets(e)) return false;
      r.servers = fewer;
      r.evaluation = std::move(e);
      return true;
    };
    if (known_fail[i] > 0) {
      std::uint32_t bad = known_fail[i];
      while (*r.servers[i] - bad > 1 && !plan.stop.stop_requested()) {
        const std::uint32_t mid = bad + (*r.servers[i] - bad) / 2;
        if (!try_count(mid)) bad = mid;
      }
      continue;
    }
    for (int k = 0; k < 3 && *r.servers[i] > 1 && !plan.stop.stop_requested(); ++k) {
      const std::uint32_t from = *r.servers[i];
      if (!try_count(from - 1)) break;
      r.disagreements.push_back(
          fmt::format("{}: the simulation meets every SLO with {} servers, one fewer than {}; "
                      "trusting the simulation",
                      s.stations[i].name, from - 1, from));
    }
  }
  return r;
}

}  // namespace kendall::planner::detail
