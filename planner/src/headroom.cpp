#include "headroom.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace kendall::planner::detail {

namespace {

model::Scenario scaled(const model::Scenario& s, const Servers& servers, double factor) {
  model::Scenario v = with_servers(s, servers);
  scale_arrivals(v, factor);
  return v;
}

/// The failing verdict that fails worst (the SLO that breaks first as load grows).
const SloVerdict* worst_failure(const Evaluation& e) {
  const SloVerdict* worst = nullptr;
  double top = -1.0;
  for (const auto& v : e.verdicts) {
    if (v.pass) continue;
    const double x = violation(v);
    if (x > top) {
      top = x;
      worst = &v;
    }
  }
  return worst;
}

}  // namespace

Headroom compute_headroom(const model::Scenario& s, const std::vector<SloInstance>& slos,
                          const Servers& servers, std::string configuration,
                          const SimulationPlan& plan, bool confirm) {
  Headroom h;
  h.configuration = std::move(configuration);
  const Evaluation at_one = evaluate_analytic(scaled(s, servers, 1.0), slos);
  const bool by_theory = at_one.analytic_complete;
  if (!by_theory && !plan.enabled) {
    h.notes.push_back("theory cannot judge every SLO and simulation is off: no headroom");
    return h;
  }
  const bool simulate = !by_theory;
  auto judge = [&](double f) { return evaluate(scaled(s, servers, f), slos, plan, simulate); };
  h.method = simulate ? simulation_method
                      : (at_one.analytic_exact ? model::method::exact : "approximation");
  if (by_theory && !at_one.analytic_exact) {
    for (const auto& st : at_one.solution.stations) {
      if (st.result && st.result->method != model::method::exact) {
        h.method = st.result->method;
        break;
      }
    }
  }

  Evaluation lo_eval = simulate ? judge(1.0) : at_one;
  if (!lo_eval.meets) {
    h.notes.push_back("the SLOs are not met even at today's load (factor 1)");
    if (const auto* w = worst_failure(lo_eval)) {
      h.bottleneck = w->station;
      h.breaking_slo = w->slo;
    }
  } else {
    double lo = 1.0, hi = 2.0;
    Evaluation hi_eval = judge(hi);
    const int max_doublings = simulate ? 6 : 40;
    for (int k = 0; k < max_doublings && hi_eval.meets; ++k) {
      lo = hi;
      lo_eval = std::move(hi_eval);
      hi *= 2.0;
      hi_eval = judge(hi);
    }
    if (hi_eval.meets) {
      h.notes.push_back(
          fmt::format("every SLO still holds at {:g}x today's traffic; no SLO limits growth", hi));
      h.factor = hi;
    } else {
      const int steps = simulate ? 7 : 60;
      for (int k = 0; k < steps && (hi - lo) > 1e-5 * lo && !plan.stop.stop_requested(); ++k) {
        const double mid = 0.5 * (lo + hi);
        Evaluation m = judge(mid);
        if (m.meets) {
          lo = mid;
          lo_eval = std::move(m);
        } else {
          hi = mid;
          hi_eval = std::move(m);
        }
      }
      h.factor = lo;
      if (const auto* w = worst_failure(hi_eval)) {
        h.bottleneck = w->station;
        h.breaking_slo = w->slo;
      }
    }
  }
  h.confirmed_by_simulation = simulate;
  if (confirm && by_theory && plan.enabled && h.factor && !plan.stop.stop_requested()) {
    Evaluation check = evaluate(scaled(s, servers, *h.factor), slos, plan, true);
    if (check.meets) {
      h.confirmed_by_simulation = true;
      h.notes.push_back(fmt::format("the simulation confirms the SLOs hold at {:.3g}x", *h.factor));
    } else {
      double lo = 1.0, hi = *h.factor;
      Evaluation base = evaluate(scaled(s, servers, 1.0), slos, plan, true);
      if (!base.meets) {
        h.notes.push_back(
            "the simulation does not meet the SLOs even at today's load; trusting the simulation");
        h.factor.reset();
      } else {
        for (int k = 0; k < 7; ++k) {
          const double mid = 0.5 * (lo + hi);
          (evaluate(scaled(s, servers, mid), slos, plan, true).meets ? lo : hi) = mid;
        }
        h.notes.push_back(
            fmt::format("theory said {:.3g}x but the simulation breaks an SLO there; trusting the "
                        "simulation: {:.3g}x",
                        *h.factor, lo));
        h.factor = lo;
        h.method = simulation_method;
      }
      h.confirmed_by_simulation = true;
    }
  }
  std::vector<double> factors = {0.8, 1.0, 1.2, 1.5};
  if (h.factor && std::find(factors.begin(), factors.end(), *h.factor) == factors.end())
    factors.push_back(*h.factor);
  std::sort(factors.begin(), factors.end());
  for (double f : factors) {
    const Evaluation e = simulate ? judge(f) : evaluate_analytic(scaled(s, servers, f), slos);
    LoadPoint p;
    p.factor = f;
    p.meets = e.meets;
    p.verdicts = e.verdicts;
    p.stable = true;
    for (std::size_t i = 0; i < s.stations.size(); ++i) {
      const bool unstable =
          e.simulated ? e.experiment->stations.at(i).unstable : !analytic_stable(e.solution, i);
      if (unstable) p.stable = false;
    }
    h.load_table.push_back(std::move(p));
  }
  return h;
}

}  // namespace kendall::planner::detail
