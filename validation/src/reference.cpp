#include "kendall/validation/reference.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "kendall/error.hpp"
#include "kendall/model/network/closed_network.hpp"
#include "kendall/model/network/mva.hpp"
#include "kendall/validation/model_call.hpp"

namespace kendall::validation {

namespace {

bool is_quantile(const std::string& metric) { return metric.find("_p") != std::string::npos; }

std::string describe_call(const ModelCall& call) {
  std::string args;
  if (!call.notation.empty()) args = call.notation;
  for (const auto& [k, v] : call.args)
    args += fmt::format("{}{} = {}", args.empty() ? "" : ", ", k, v);
  if (!call.classes.empty())
    args += fmt::format("{}{} classes", args.empty() ? "" : ", ", call.classes.size());
  return fmt::format("model::{}({})", call.name == "query" ? "solve" : call.name, args);
}

// A closed single-class scenario as MVA sees it; visit ratios from the scenario solver.
model::ClosedNetwork closed_network_of(const model::Scenario& sc) {
  if (!sc.is_closed())
    throw InvalidParameter("mva / schweitzer_mva need a closed scenario (population:)");
  const model::ScenarioSolution solution = model::solve_scenario(sc);
  if (solution.visit_ratios.size() != sc.stations.size()) {
    throw InvalidParameter("the scenario solver gave no visit ratios for this closed network");
  }
  model::ClosedNetwork net;
  net.population = *sc.population;
  net.reference = sc.population_start;
  for (std::size_t i = 0; i < sc.stations.size(); ++i) {
    const auto& st = sc.stations[i];
    model::ClosedStation cs;
    cs.name = st.name;
    if (st.infinite_servers()) {
      cs.kind = model::ClosedStationKind::Delay;
    } else {
      cs.kind = st.discipline == model::Discipline::ProcessorSharing
                    ? model::ClosedStationKind::ProcessorSharing
                    : model::ClosedStationKind::Fcfs;
      cs.servers = *st.servers;
    }
    cs.visits = solution.visit_ratios[i];
    cs.service_time = model::mean(st.service.at(0));
    cs.service_scv = model::scv(st.service.at(0));
    net.stations.push_back(cs);
  }
  return net;
}

}  // namespace

std::vector<double> requested_quantiles(const std::vector<Check>& checks) {
  std::vector<double> levels;
  for (const auto& c : checks) {
    const auto pos = c.metric.find("_p");
    if (pos == std::string::npos) continue;
    const std::string digits = c.metric.substr(pos + 2);
    try {
      std::size_t used = 0;
      const double pct = std::stod(digits, &used);
      if (used == digits.size() && pct > 0.0 && pct < 100.0) levels.push_back(pct / 100.0);
    } catch (const std::exception&) {
    }
  }
  for (double d : model::default_quantiles) levels.push_back(d);
  std::sort(levels.begin(), levels.end());
  levels.erase(std::unique(levels.begin(), levels.end(),
                           [](double a, double b) { return std::abs(a - b) < 1e-12; }),
               levels.end());
  return levels;
}

Reference::Reference(const CaseSpec& spec) : kind_(spec.reference.kind) {
  model::QueryOptions options;
  options.quantiles = requested_quantiles(spec.checks);
  switch (kind_) {
    case ReferenceSpec::Kind::Values:
      description_ = "values in the suite";
      values_ = spec.checks;
      return;
    case ReferenceSpec::Kind::Model: {
      const ModelCall& call = spec.reference.call;
      description_ = describe_call(call);
      if (call.name == "mva" || call.name == "schweitzer_mva") {
        if (!spec.scenario)
          throw InvalidParameter(fmt::format("model '{}' needs the case's scenario", call.name));
        const model::ClosedNetwork net = closed_network_of(*spec.scenario);
        const model::MvaSolution sol =
            call.name == "mva" ? model::mva(net) : model::schweitzer_mva(net);
        const auto results = model::closed_station_results(net, sol);
        for (std::size_t i = 0; i < results.size(); ++i) {
          model::AnalyticResult r = results[i];
          r.method = sol.method;
          stations_.push_back({net.stations[i].name, r, {}});
        }
        network_ = model::closed_network_metrics(net, sol);
        network_method_ = sol.method;
        description_ = fmt::format("model::{} on the scenario's closed network", call.name);
        return;
      }
      single_ = call_model(call, options);
      return;
    }
    case ReferenceSpec::Kind::Solver: {
      description_ = "model::solve_scenario";
      if (!spec.scenario) throw InvalidParameter("reference: solver needs a scenario");
      const model::ScenarioSolution sol = model::solve_scenario(*spec.scenario, options);
      for (const auto& st : sol.stations) stations_.push_back({st.name, st.result, st.reason});
      if (sol.network) {
        network_ = sol.network->metrics;
        network_method_ = sol.network->method;
        network_stable_ = sol.network->stable;
        network_growth_ = sol.network->growth_rate;
      } else {
        network_reason_ = sol.network_reason.empty() ? "no network result" : sol.network_reason;
      }
      return;
    }
  }
}

ReferenceValue Reference::from_result(const model::AnalyticResult& result,
                                      const std::string& customer_class,
                                      const std::string& metric) const {
  ReferenceValue out;
  out.method = result.method;
  out.model = result.model;
  out.stable = result.stable;
  out.growth_rate = result.growth_rate;
  const model::Metrics* metrics = &result.metrics;
  if (!customer_class.empty()) {
    metrics = nullptr;
    for (const auto& c : result.classes) {
      if (c.name == customer_class) metrics = &c.metrics;
    }
    if (metrics == nullptr) {
      out.reason = fmt::format("the {} result has no class '{}'", result.model, customer_class);
      return out;
    }
  }
  if (metric == derived::service_time) {
    const auto w = metrics->get(model::metric::W);
    const auto wq = metrics->get(model::metric::Wq);
    if (w && wq) {
      out.value = *w - *wq;
    } else {
      out.reason = "no W and Wq to derive the service time from";
    }
    return out;
  }
  if (metric == derived::little_L_ratio || metric == derived::little_Lq_ratio) {
    out.value = 1.0;
    out.method = model::method::exact;
    out.model = "Little's law";
    return out;
  }
  if (metric == "growth_rate") {
    if (result.growth_rate) {
      out.value = *result.growth_rate;
    } else {
      out.reason = "theory reports no growth rate (the station is stable)";
    }
    return out;
  }
  out.value = metrics->get(metric);
  if (!out.value) {
    if (!result.stable) {
      out.reason = fmt::format("{} has no steady state (unstable), so no {}", result.model, metric);
    } else if (is_quantile(metric)) {
      out.reason = fmt::format("the {} result ({}) has no {} (no exact distribution)", result.model,
                               result.method, metric);
    } else {
      out.reason = fmt::format("the {} result has no metric {}", result.model, metric);
    }
  }
  return out;
}

ReferenceValue Reference::lookup(const Check& check) const {
  if (kind_ == ReferenceSpec::Kind::Values) {
    ReferenceValue out;
    out.method = "value in the suite";
    out.model = "suite";
    out.value = check.value;
    if (!out.value) out.reason = "the check gives no value";
    return out;
  }
  return lookup(check.station, check.customer_class, check.metric);
}

ReferenceValue Reference::lookup(const std::string& station, const std::string& customer_class,
                                 const std::string& metric) const {
  if (single_) return from_result(*single_, customer_class, metric);
  if (station.empty()) {
    ReferenceValue out;
    out.method = network_method_;
    out.model = "network";
    out.stable = network_stable_;
    out.growth_rate = network_growth_;
    if (!network_) {
      out.reason = network_reason_;
      return out;
    }
    if (!customer_class.empty()) {
      out.reason = "per-class network references are not looked up";
      return out;
    }
    if (metric == derived::little_L_ratio) {
      out.value = 1.0;
      out.method = model::method::exact;
      return out;
    }
    out.value = network_->get(metric);
    if (!out.value) out.reason = fmt::format("the network result has no metric {}", metric);
    return out;
  }
  for (const auto& s : stations_) {
    if (s.name != station) continue;
    if (!s.result) {
      ReferenceValue out;
      out.reason = s.reason.empty() ? "no analytic result" : s.reason;
      return out;
    }
    return from_result(*s.result, customer_class, metric);
  }
  ReferenceValue out;
  out.reason = fmt::format("no station '{}' in the reference", station);
  return out;
}

}  // namespace kendall::validation
