#include "evaluate.hpp"

#include <cmath>
#include <limits>
#include <map>

#include <fmt/format.h>

#include "kendall/model/metrics.hpp"
#include "kendall/model/units.hpp"
#include "kendall/planner/quantity.hpp"

namespace kendall::planner::detail {

namespace {

/// The metric a simulation reports for an SLO ("service_level" at 80% → "Wq_p80").
std::string simulated_metric(const model::SloSpec& spec) {
  if (spec.metric == "service_level") return model::quantile_name("Wq", spec.bound);
  return spec.metric;
}

/// Without patience every admitted customer is served, so Wq_served (and each of its
/// quantiles, Wq_served_p95 ...) is Wq. With patience it is its own metric: theory (Erlang-A)
/// gives its mean, and the simulator reports it, quantiles included, over the served only.
std::string served_as(const std::string& metric, const model::StationSpec& station) {
  constexpr std::string_view served = model::metric::Wq_served;
  if (station.patience || metric.compare(0, served.size(), served) != 0) return metric;
  return std::string(model::metric::Wq) + metric.substr(served.size());
}

bool passes(const model::SloSpec& spec, double value) {
  return spec.upper_bound ? value <= spec.bound : value >= spec.bound;
}

SloVerdict blank_verdict(const SloInstance& slo, const model::Scenario& s) {
  SloVerdict v;
  v.slo = slo.text;
  v.metric = slo.spec.metric;
  v.station = slo.station ? s.stations.at(*slo.station).name : std::string{};
  v.quantity = quantity_of(slo.spec.metric);
  v.upper_bound = slo.spec.upper_bound;
  v.bound = slo.spec.bound;
  v.wait_at_most = slo.spec.wait_at_most;
  v.assumed = slo.assumed;
  return v;
}

/// The analytic value of an SLO's metric, with its method, or why there is none.
struct AnalyticValue {
  std::optional<double> value;
  std::string method;
  std::string reason;
};

AnalyticValue analytic_value(const SloInstance& slo, const model::Scenario& s,
                             const model::ScenarioSolution& sol) {
  std::string metric = slo.spec.metric;
  if (slo.station) {
    const auto& st = sol.stations.at(*slo.station);
    if (!st.result) return {std::nullopt, {}, st.reason.empty() ? "no analytic answer" : st.reason};
    const auto& r = *st.result;
    if (!r.stable) return {std::nullopt, r.method, "unstable: the queue grows without bound"};
    metric = served_as(metric, s.stations.at(*slo.station));
    if (const auto v = r.metrics.get(metric)) return {*v, r.method, {}};
    return {std::nullopt, r.method, fmt::format("theory gives no {} for {}", metric, r.model)};
  }
  if (!sol.network)
    return {
        std::nullopt, {}, sol.network_reason.empty() ? "no analytic answer" : sol.network_reason};
  if (!sol.network->stable)
    return {std::nullopt, sol.network->method, "unstable: the network cannot carry the load"};
  if (const auto v = sol.network->metrics.get(metric)) return {*v, sol.network->method, {}};
  return {std::nullopt, sol.network->method, fmt::format("theory gives no end-to-end {}", metric)};
}

}  // namespace

model::ScenarioSolution solve_for(const model::Scenario& variant,
                                  const std::vector<SloInstance>& slos, std::optional<double> sla) {
  model::QueryOptions q;
  q.quantiles = model::with_default_quantiles(needed_quantiles(slos));
  q.sla = sla;
  return model::solve_scenario(variant, q);
}

bool analytic_stable(const model::ScenarioSolution& solution, std::size_t i) {
  const auto& st = solution.stations.at(i);
  return !st.result || st.result->stable;
}

Evaluation evaluate_analytic(const model::Scenario& variant, const std::vector<SloInstance>& slos) {
  Evaluation e;
  e.solution = solve_for(variant, slos);
  // A service level needs its own wait target; solve again per distinct target.
  std::map<double, model::ScenarioSolution> by_target;
  for (const auto& slo : slos) {
    if (slo.spec.metric == "service_level" && slo.spec.wait_at_most &&
        !by_target.count(*slo.spec.wait_at_most))
      by_target.emplace(*slo.spec.wait_at_most, solve_for(variant, slos, *slo.spec.wait_at_most));
  }
  e.meets = true;
  for (const auto& slo : slos) {
    SloVerdict v = blank_verdict(slo, variant);
    const auto& sol = slo.spec.metric == "service_level" && slo.spec.wait_at_most
                          ? by_target.at(*slo.spec.wait_at_most)
                          : e.solution;
    const AnalyticValue a = analytic_value(slo, variant, sol);
    if (a.value) {
      MetricValue mv;
      mv.value = *a.value;
      mv.analytic = *a.value;
      mv.analytic_method = a.method;
      mv.method = a.method;
      v.value = mv;
      v.pass = passes(slo.spec, *a.value);
      if (a.method != model::method::exact) e.analytic_exact = false;
    } else {
      v.reason = a.reason;
      v.pass = false;
      // "Unstable" is a verdict theory can give; "no answer" is not.
      if (a.reason.rfind("unstable", 0) != 0) e.analytic_complete = false;
    }
    e.meets = e.meets && v.pass;
    e.verdicts.push_back(std::move(v));
  }
  return e;
}

void add_simulation(Evaluation& e, const model::Scenario& variant,
                    const std::vector<SloInstance>& slos, const SimulationPlan& plan) {
  model::Scenario s = variant;
  s.run.replications = plan.replications;
  s.run.seed = plan.seed;
  s.run.precision.reset();
  s.run.time_budget_seconds.reset();
  if (plan.customers) {
    s.run.customers = plan.customers;
    s.run.horizon.reset();
  }
  auto levels = s.run.quantiles;
  for (double q : needed_quantiles(slos)) levels.push_back(q);
  s.run.quantiles = model::with_default_quantiles(levels);
  sim::RunControl control;
  control.stop = plan.stop;
  e.experiment = sim::run_experiment(s, sim::ExecutionOptions{plan.threads}, control);
  e.simulated = true;
  e.meets = true;
  for (std::size_t k = 0; k < slos.size(); ++k) {
    const SloInstance& slo = slos[k];
    SloVerdict& v = e.verdicts[k];
    const std::string metric = simulated_metric(slo.spec);
    std::optional<sim::Estimate> est;
    bool unstable = false;
    if (slo.station) {
      const auto& st = e.experiment->stations.at(*slo.station);
      unstable = st.unstable;
      est = st.metrics.get(served_as(metric, variant.stations.at(*slo.station)));
    } else {
      est = e.experiment->network.get(metric);
    }
    if (unstable) {
      v.pass = false;
      v.reason = "unstable in simulation: the queue grows without bound";
      if (!v.value) v.value = MetricValue{};
      if (v.value) v.value->method = simulation_method;
    } else if (est) {
      MetricValue mv = v.value.value_or(MetricValue{});
      mv.simulated = *est;
      mv.method = simulation_method;
      if (slo.spec.metric == "service_level") {
        // P(Wq <= t) >= share  ⟺  the share-quantile of Wq is <= t.
        mv.method = fmt::format("simulation ({} <= {})", metric,
                                model::format_duration(*slo.spec.wait_at_most, variant.time_unit));
        v.pass = est->mean <= *slo.spec.wait_at_most;
        mv.simulated_metric = metric;
        if (!mv.analytic) mv.value = est->mean;
      } else {
        mv.value = est->mean;
        v.pass = passes(slo.spec, est->mean);
      }
      // An exact theory is overruled only by a significant difference: when the simulation's
      // interval contains the bound, the simulation cannot tell, and theory's verdict stands.
      const double limit =
          slo.spec.metric == "service_level" ? *slo.spec.wait_at_most : slo.spec.bound;
      if (mv.analytic && mv.analytic_method == model::method::exact && est->contains(limit)) {
        v.pass = passes(slo.spec, *mv.analytic);
        mv.value = *mv.analytic;
        mv.method = model::method::exact;
      }
      v.value = mv;
      v.reason.clear();
    } else if (!v.value) {
      v.reason +=
          (v.reason.empty() ? "" : "; ") + fmt::format("the simulator reports no {}", metric);
    }
    e.meets = e.meets && v.pass;
  }
}

Evaluation evaluate(const model::Scenario& variant, const std::vector<SloInstance>& slos,
                    const SimulationPlan& plan, bool simulate) {
  Evaluation e = evaluate_analytic(variant, slos);
  if (simulate && plan.enabled) add_simulation(e, variant, slos, plan);
  return e;
}

std::vector<SloVerdict> verdicts_for_station(const Evaluation& e,
                                             const std::vector<SloInstance>& slos, std::size_t i,
                                             bool with_network) {
  std::vector<SloVerdict> out;
  for (std::size_t k = 0; k < slos.size(); ++k) {
    if ((slos[k].station && *slos[k].station == i) || (!slos[k].station && with_network))
      out.push_back(e.verdicts[k]);
  }
  return out;
}

bool station_meets(const Evaluation& e, const std::vector<SloInstance>& slos, std::size_t i) {
  if (e.simulated) {
    if (e.experiment->stations.at(i).unstable) return false;
  } else if (!analytic_stable(e.solution, i)) {
    return false;
  }
  for (std::size_t k = 0; k < slos.size(); ++k) {
    if (slos[k].station && *slos[k].station == i && !e.verdicts[k].pass) return false;
  }
  return true;
}

bool clearly_meets(const Evaluation& e) {
  if (!e.meets) return false;
  for (const auto& v : e.verdicts) {
    if (!v.value || !v.value->simulated) continue;
    const sim::Estimate& est = *v.value->simulated;
    const double limit = v.metric == "service_level" && v.wait_at_most ? *v.wait_at_most : v.bound;
    const bool upper = v.metric == "service_level" ? true : v.upper_bound;
    if (upper ? est.ci_high > limit : est.ci_low < limit) return false;
  }
  return true;
}

double violation(const SloVerdict& v) {
  if (!v.value) return std::numeric_limits<double>::infinity();
  const double x = v.value->value;
  if (v.upper_bound)
    return v.bound > 0.0 ? x / v.bound : (x > 0.0 ? std::numeric_limits<double>::infinity() : 0.0);
  return x > 0.0 ? v.bound / x : std::numeric_limits<double>::infinity();
}

}  // namespace kendall::planner::detail
