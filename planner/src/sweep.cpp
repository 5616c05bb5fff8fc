// sweep(): a what-if grid, theory and simulation at every point. Points run in parallel on
// oneTBB; each point's simulation depends only on the point (same seed everywhere by default:
// common random numbers), so the output is the same for any thread count.

#include <atomic>
#include <mutex>

#include <fmt/format.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include "kendall/error.hpp"
#include "kendall/model/scenario_solver.hpp"
#include "kendall/planner/planner.hpp"
#include "kendall/sim/experiment.hpp"

#include "vary.hpp"

namespace kendall::planner {

namespace {

/// Seed of point `index` with independent streams: a SplitMix64 step of (seed, index).
std::uint64_t independent_seed(std::uint64_t seed, std::size_t index) {
  std::uint64_t z = seed + 0x9E3779B97F4A7C15ULL * (static_cast<std::uint64_t>(index) + 1);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

SweepPoint solve_point(const model::Scenario& v, std::vector<double> coordinates) {
  SweepPoint p;
  p.coordinates = std::move(coordinates);
  model::QueryOptions q;
  q.quantiles = model::with_default_quantiles(v.run.quantiles);
  try {
    const model::ScenarioSolution sol = model::solve_scenario(v, q);
    for (const auto& st : sol.stations) {
      SweepStationValues sv;
      sv.name = st.name;
      sv.analytic = st.result;
      sv.analytic_reason = st.reason;
      if (st.result && !st.result->stable) p.stable = false;
      p.stations.push_back(std::move(sv));
    }
    if (sol.network) {
      p.network_analytic = sol.network->metrics;
      p.network_method = sol.network->method;
    }
  } catch (const InvalidParameter& e) {
    p.notes.push_back(fmt::format("theory: {}", e.what()));
    for (const auto& st : v.stations)
      p.stations.push_back(SweepStationValues{st.name, std::nullopt, e.what(), {}});
  }
  return p;
}

}  // namespace

SweepResult sweep(const model::Scenario& scenario, const SweepOptions& options,
                  const PlannerControl& control) {
  if (options.vary.empty())
    throw InvalidParameter("sweep needs at least one --vary, e.g. --vary api.servers=1..16");
  SweepResult out;
  out.scenario = scenario.name;
  out.source_file = scenario.source_file;
  out.time_unit = scenario.time_unit;
  out.seconds_per_unit = scenario.seconds_per_unit;
  out.replications = options.replications.value_or(scenario.run.replications);
  out.seed = options.seed.value_or(scenario.run.seed);
  out.confidence = scenario.run.confidence;
  out.common_random_numbers = options.common_random_numbers;
  out.simulated = options.simulate;
  for (const auto& spec : options.vary) out.axes.push_back(detail::parse_vary(spec, scenario));
  std::size_t total = 1;
  for (const auto& a : out.axes) total *= a.values.size();
  if (total > 100000)
    throw InvalidParameter(fmt::format("the sweep has {} points; at most 100000", total));

  // Every point's scenario, row-major (last axis fastest).
  std::vector<model::Scenario> variants;
  std::vector<std::vector<double>> coordinates;
  for (std::size_t n = 0; n < total; ++n) {
    model::Scenario v = scenario;
    std::vector<double> coords(out.axes.size());
    std::size_t rest = n;
    for (std::size_t k = out.axes.size(); k-- > 0;) {
      const auto& axis = out.axes[k];
      coords[k] = axis.values[rest % axis.values.size()];
      rest /= axis.values.size();
    }
    for (std::size_t k = 0; k < out.axes.size(); ++k) detail::apply_axis(v, out.axes[k], coords[k]);
    v.run.replications = out.replications;
    v.run.seed = options.common_random_numbers ? out.seed : independent_seed(out.seed, n);
    if (options.customers) {
      v.run.customers = options.customers;
      v.run.horizon.reset();
    }
    v.run.precision.reset();
    v.run.time_budget_seconds.reset();
    variants.push_back(std::move(v));
    coordinates.push_back(std::move(coords));
  }
  out.points.resize(total);
  std::atomic<std::uint32_t> done{0};
  std::mutex progress_mutex;
  auto run_point = [&](std::size_t n) {
    SweepPoint p = solve_point(variants[n], coordinates[n]);
    if (options.simulate && !control.stop.stop_requested()) {
      sim::RunControl rc;
      rc.stop = control.stop;
      try {
        const sim::ExperimentResult r =
            sim::run_experiment(variants[n], sim::ExecutionOptions{1}, rc);
        if (r.stop_reason != sim::StopReason::Cancelled) {
          for (std::size_t i = 0; i < p.stations.size() && i < r.stations.size(); ++i)
            p.stations[i].simulated = r.stations[i];
          p.network_simulated = r.network;
          p.finished = true;
          for (const auto& st : r.stations) {
            if (st.unstable && p.stations.size() > 0) p.stable = false;
          }
        }
      } catch (const Error& e) {
        p.notes.push_back(fmt::format("simulation: {}", e.what()));
        p.finished = true;
      }
    } else if (!options.simulate) {
      p.finished = true;
    }
    out.points[n] = std::move(p);
    const std::uint32_t k = ++done;
    if (control.on_progress) {
      std::lock_guard lock(progress_mutex);
      control.on_progress(PlannerProgress{k, static_cast<std::uint32_t>(total),
                                          fmt::format("point {} of {}", k, total)});
    }
  };
  tbb::task_arena arena(options.threads == 0 ? tbb::task_arena::automatic
                                             : static_cast<int>(options.threads));
  arena.execute(
      [&] { tbb::parallel_for(std::size_t{0}, total, [&](std::size_t n) { run_point(n); }); });
  for (const auto& p : out.points) out.complete = out.complete && p.finished;
  if (!out.complete)
    out.notes.push_back("interrupted: points without a simulation were not finished");
  if (out.common_random_numbers) {
    out.notes.push_back(
        "common random numbers: every point uses the same seed stream per replication, so "
        "differences between neighbouring points carry little simulation noise");
  }
  return out;
}

}  // namespace kendall::planner
