#pragma once
// Synthetic replications for testing the experiment layer without the DES engine: each
// replication's numbers come from its own deterministic RNG seeded by (seed, index), as the
// engine's do, so results must not depend on thread count or completion order.

#include <bit>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "kendall/error.hpp"
#include "kendall/model/scenario.hpp"
#include "kendall/sim/experiment/experiment_runner.hpp"
#include "kendall/sim/experiment_result.hpp"
#include "kendall/sim/replication_output.hpp"

namespace kendall::sim::testing {

/// SplitMix64 (Steele, Lea & Flood 2014): tiny, portable, good enough for test data.
class TestRng {
 public:
  explicit TestRng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  /// Uniform in (0, 1).
  double uniform() { return (static_cast<double>(next() >> 11) + 0.5) * 0x1.0p-53; }
  double normal() {  // Box–Muller, one value per call
    const double u = uniform();
    const double v = uniform();
    return std::sqrt(-2.0 * std::log(u)) * std::cos(6.283185307179586 * v);
  }
  double exponential() { return -std::log(uniform()); }

 private:
  std::uint64_t state_;
};

inline std::uint64_t mix(std::uint64_t seed, std::uint64_t index, std::uint64_t purpose = 0) {
  TestRng r(seed ^ (index * 0xd1342543de82ef95ULL) ^ (purpose << 56));
  return r.next();
}

/// A plain open scenario with `stations` M/M/1 stations in tandem and optional classes.
inline model::Scenario synthetic_scenario(std::size_t stations, std::uint32_t replications,
                                          const std::vector<std::string>& classes = {}) {
  model::Scenario s;
  s.name = "synthetic";
  if (!classes.empty()) {
    s.classes.clear();
    int priority = 1;
    for (const auto& c : classes) s.classes.push_back({c, priority++});
  }
  for (std::size_t i = 0; i < stations; ++i) {
    model::StationSpec st;
    st.name = std::to_string(i);
    st.name.insert(0, 1, 's');  // not "s" + ...: GCC 12 -Wrestrict false positive
    st.service.assign(s.classes.size(), model::dist::Exponential{2.0});
    st.routing.assign(s.classes.size(), model::RoutingSpec{});
    s.stations.push_back(st);
  }
  for (std::size_t k = 0; k < s.classes.size(); ++k) {
    model::ArrivalSpec a;
    a.station = 0;
    a.customer_class = k;
    a.interarrival = model::dist::Exponential{1.0};
    s.arrivals.push_back(a);
  }
  s.run.replications = replications;
  s.run.seed = 42;
  return s;
}

/// What a synthetic replication looks like.
struct SyntheticSpec {
  double L_mean = 10.0;
  double L_sd = 1.0;
  /// Linear growth of the segment averages (customers per time unit); 0 = stationary.
  double growth = 0.0;
  double arrival_rate = 1.0;
  double run_length = 1000.0;
  /// Simulated work: `steps` steps of `step_time` each, polling the stop token in between.
  int steps = 1;
  std::chrono::microseconds step_time{0};
  /// Replication indices that throw a SimulationError.
  std::vector<std::uint32_t> throw_at;
};

/// One synthetic output: station metrics drawn from the replication's own RNG.
inline ReplicationOutput synthetic_output(const model::Scenario& scenario,
                                          const SyntheticSpec& spec, std::uint32_t replication,
                                          std::uint32_t batch) {
  TestRng rng(mix(scenario.run.seed, replication, batch + 1));
  ReplicationOutput out;
  out.replication = replication;
  out.batch = batch;
  out.status = RunStatus::ReachedCustomers;
  out.warmup_time = 10.0 + replication;
  out.warmup_customers = 100 + replication;
  out.start_time = out.warmup_time;
  out.end_time = spec.run_length;
  out.events = 1000 + replication;
  for (std::size_t s = 0; s < scenario.stations.size(); ++s) {
    StationObservation obs;
    const double L = spec.L_mean * (1.0 + static_cast<double>(s)) + spec.L_sd * rng.normal();
    obs.metrics.set(model::metric::L, L);
    obs.metrics.set(model::metric::W, L / spec.arrival_rate);
    obs.metrics.set(model::metric::throughput, spec.arrival_rate * (1.0 + 0.01 * rng.normal()));
    obs.metrics.set("arrivals", spec.arrival_rate * (out.end_time - out.start_time));
    if (scenario.has_classes()) {
      for (std::size_t k = 0; k < scenario.classes.size(); ++k) {
        model::Metrics m;
        m.set(model::metric::W,
              L / spec.arrival_rate * (1.0 + 0.1 * static_cast<double>(k)) + 0.1 * rng.normal());
        obs.classes.push_back(m);
      }
    }
    const int segments = 8;
    for (int i = 0; i < segments; ++i) {
      const double end = spec.run_length * (i + 1) / segments;
      const double mid = spec.run_length * (i + 0.5) / segments;
      obs.segment_ends.push_back(end);
      obs.L_by_segment.push_back(spec.L_mean + spec.growth * mid + spec.L_sd * rng.normal());
    }
    obs.number_at_end = obs.L_by_segment.back();
    out.stations.push_back(obs);
  }
  out.network.set(model::metric::W, 3.0 + 0.3 * rng.normal());
  out.network.set(model::metric::throughput, spec.arrival_rate);
  if (scenario.has_classes()) {
    for (std::size_t k = 0; k < scenario.classes.size(); ++k) {
      model::Metrics m;
      m.set(model::metric::W, 3.0 + static_cast<double>(k) + 0.3 * rng.normal());
      out.network_classes.push_back(m);
    }
  }
  return out;
}

/// A replicate function with run_replication's contract built on synthetic_output.
inline ReplicateFunction synthetic_replicate(SyntheticSpec spec) {
  return [spec](const model::Scenario& scenario, const ReplicationRequest& request,
                const RunControl& control) {
    for (std::uint32_t t : spec.throw_at) {
      if (t == request.index) {
        throw SimulationError("synthetic failure", 12.5, "s0", 7);
      }
    }
    for (int step = 0; step < spec.steps; ++step) {
      if (control.stop.stop_requested()) {
        ReplicationOutput partial;
        partial.replication = request.index;
        partial.status = RunStatus::Cancelled;
        return std::vector<ReplicationOutput>{partial};
      }
      if (spec.step_time.count() > 0) std::this_thread::sleep_for(spec.step_time);
      if (control.on_progress) {
        Progress p;
        p.fraction = static_cast<double>(step + 1) / spec.steps;
        control.on_progress(p);
      }
    }
    std::vector<ReplicationOutput> outs;
    for (std::uint32_t b = 0; b < request.batches; ++b) {
      outs.push_back(synthetic_output(scenario, spec, request.index, b));
    }
    return outs;
  };
}

/// Bitwise equality of two doubles (distinguishes -0.0 and NaN payloads).
inline bool same_bits(double a, double b) {
  return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

inline bool same_estimates(const EstimateSet& a, const EstimateSet& b) {
  if (a.entries().size() != b.entries().size()) return false;
  for (std::size_t i = 0; i < a.entries().size(); ++i) {
    const auto& [na, ea] = a.entries()[i];
    const auto& [nb, eb] = b.entries()[i];
    if (na != nb || ea.n != eb.n || !same_bits(ea.mean, eb.mean) ||
        !same_bits(ea.ci_low, eb.ci_low) || !same_bits(ea.ci_high, eb.ci_high)) {
      return false;
    }
  }
  return true;
}

/// Every number and note of two results bitwise equal (wall time excluded).
inline bool same_result(const ExperimentResult& a, const ExperimentResult& b) {
  if (a.replications != b.replications || a.stations.size() != b.stations.size() ||
      a.events != b.events || !same_bits(a.warmup_time_mean, b.warmup_time_mean) ||
      !same_bits(a.warmup_customers_mean, b.warmup_customers_mean) ||
      a.stop_reason != b.stop_reason || a.notes != b.notes ||
      !same_estimates(a.network, b.network) ||
      a.network_classes.size() != b.network_classes.size() ||
      a.precision_reached.has_value() != b.precision_reached.has_value() ||
      (a.precision_reached && !same_bits(*a.precision_reached, *b.precision_reached))) {
    return false;
  }
  for (std::size_t k = 0; k < a.network_classes.size(); ++k) {
    if (!same_estimates(a.network_classes[k].metrics, b.network_classes[k].metrics)) return false;
  }
  for (std::size_t s = 0; s < a.stations.size(); ++s) {
    const auto& x = a.stations[s];
    const auto& y = b.stations[s];
    if (x.name != y.name || x.unstable != y.unstable || !same_estimates(x.metrics, y.metrics) ||
        x.classes.size() != y.classes.size() ||
        x.growth_rate.has_value() != y.growth_rate.has_value()) {
      return false;
    }
    if (x.growth_rate && (!same_bits(x.growth_rate->mean, y.growth_rate->mean) ||
                          !same_bits(x.growth_rate->ci_low, y.growth_rate->ci_low))) {
      return false;
    }
    for (std::size_t k = 0; k < x.classes.size(); ++k) {
      if (!same_estimates(x.classes[k].metrics, y.classes[k].metrics)) return false;
    }
  }
  return true;
}

}  // namespace kendall::sim::testing
