#include "kendall/report/json.hpp"

#include <cmath>

namespace kendall::report {

using json = nlohmann::ordered_json;

json param_value(double value) {
  if (std::isinf(value) && value > 0) return "inf";
  if (value == std::floor(value) && std::abs(value) < 9.0e15) {
    return static_cast<std::int64_t>(value);
  }
  return value;
}

json to_json(const model::Metrics& metrics) {
  json out = json::object();
  for (const auto& [name, value] : metrics.entries()) out[name] = value;
  return out;
}

namespace {

json classes_json(const std::vector<model::ClassMetrics>& classes) {
  json list = json::array();
  for (const auto& c : classes) list.push_back({{"name", c.name}, {"metrics", to_json(c.metrics)}});
  return list;
}

}  // namespace

json to_json(const model::AnalyticResult& result) {
  json out = json::object();
  out["model"] = result.model;
  out["method"] = result.method;
  out["stable"] = result.stable;
  json params = json::object();
  for (const auto& [name, value] : result.params) params[name] = param_value(value);
  out["params"] = params;
  out["metrics"] = to_json(result.metrics);
  if (!result.classes.empty()) out["classes"] = classes_json(result.classes);
  if (result.growth_rate) out["growth_rate"] = *result.growth_rate;
  if (!result.notes.empty()) out["notes"] = result.notes;
  return out;
}

json analytic_block(const model::AnalyticResult& result) {
  json out = json::object();
  out["model"] = result.model;
  out["method"] = result.method;
  out["stable"] = result.stable;
  out["metrics"] = to_json(result.metrics);
  if (!result.classes.empty()) out["classes"] = classes_json(result.classes);
  if (result.growth_rate) out["growth_rate"] = *result.growth_rate;
  if (!result.notes.empty()) out["notes"] = result.notes;
  return out;
}

json to_json(const sim::Estimate& estimate) {
  return {{"mean", estimate.mean},
          {"ci_low", estimate.ci_low},
          {"ci_high", estimate.ci_high},
          {"n", estimate.n}};
}

json to_json(const sim::EstimateSet& estimates) {
  json out = json::object();
  for (const auto& [name, estimate] : estimates.entries()) out[name] = to_json(estimate);
  return out;
}

json simulated_block(const sim::StationResult& station) {
  json out = to_json(station.metrics);
  if (!station.classes.empty()) {
    json list = json::array();
    for (const auto& c : station.classes) {
      json entry = to_json(c.metrics);
      entry["name"] = c.name;
      list.push_back(std::move(entry));
    }
    out["classes"] = list;
  }
  if (station.unstable) {
    out["unstable"] = true;
    if (station.growth_rate) out["growth_rate"] = to_json(*station.growth_rate);
  }
  return out;
}

}  // namespace kendall::report
