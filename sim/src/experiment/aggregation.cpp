#include "kendall/sim/experiment/aggregation.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <tuple>

#include <fmt/format.h>

#include "kendall/error.hpp"
#include "kendall/model/slo.hpp"
#include "kendall/sim/engine/metric_names.hpp"
#include "kendall/sim/experiment/batch_means.hpp"
#include "kendall/sim/experiment/t_interval.hpp"
#include "kendall/sim/experiment/tracked_metrics.hpp"

namespace kendall::sim {

namespace {

/// The values of each metric across observations, metrics in order of first appearance.
class MetricColumns {
 public:
  void add(const model::Metrics& metrics) {
    for (const auto& [name, value] : metrics.entries()) {
      auto [it, inserted] = index_.try_emplace(name, columns_.size());
      if (inserted) columns_.push_back(Column{name, {}});
      columns_[it->second].values.push_back(value);
    }
  }

  struct Column {
    std::string name;
    std::vector<double> values;
  };
  [[nodiscard]] const std::vector<Column>& columns() const { return columns_; }
  [[nodiscard]] const Column* find(std::string_view name) const {
    const auto it = index_.find(std::string(name));
    return it == index_.end() ? nullptr : &columns_[it->second];
  }

 private:
  std::vector<Column> columns_;
  std::map<std::string, std::size_t, std::less<>> index_;
};

struct Context {
  const AggregationOptions& options;
  std::uint32_t observations;  ///< outputs aggregated (replications or batches)
  const char* unit;            ///< "replications" or "batches"
  std::vector<std::string>& notes;
};

/// Estimates for every column; notes for columns without an interval or with gaps.
EstimateSet estimate_columns(const MetricColumns& columns, const std::string& scope,
                             const Context& ctx) {
  EstimateSet set;
  std::vector<std::string> partial;
  for (const auto& column : columns.columns()) {
    const auto n = static_cast<std::uint32_t>(column.values.size());
    if (n < 2) {
      // With a single observation overall, one summary note says it all.
      if (ctx.observations < 2) continue;
      ctx.notes.push_back(fmt::format(
          "{}: {} was observed in only {} of {} {} (value {:.6g}); no confidence interval is "
          "possible, so it is left out",
          scope, column.name, n, ctx.observations, ctx.unit, column.values.front()));
      continue;
    }
    set.set(column.name, *t_interval(column.values, ctx.options.confidence));
    if (n < ctx.observations) {
      partial.push_back(fmt::format("{} ({} of {})", column.name, n, ctx.observations));
    }
  }
  if (!partial.empty()) {
    ctx.notes.push_back(
        fmt::format("{}: some metrics rest on fewer {} than were run, because the others had no "
                    "observations of them: {}",
                    scope, ctx.unit, fmt::join(partial, ", ")));
  }
  return set;
}

/// Batch means: flags tracked metrics whose batch means are serially correlated.
template <std::size_t N>
void check_batch_correlation(const MetricColumns& columns,
                             const std::array<std::string_view, N>& tracked,
                             const std::string& scope, const Context& ctx) {
  const double threshold = lag1_alarm_threshold(ctx.observations);
  std::vector<std::string> flagged;
  for (std::string_view name : tracked) {
    const auto* column = columns.find(name);
    if (column == nullptr || column->values.size() != ctx.observations) continue;
    const auto r1 = lag1_autocorrelation(column->values);
    if (r1 && *r1 > threshold) flagged.push_back(fmt::format("{} ({:.2f})", name, *r1));
  }
  if (!flagged.empty()) {
    ctx.notes.push_back(fmt::format(
        "{}: batch means are serially correlated (lag-1 autocorrelation above {:.2f}): {}; "
        "their intervals may be too narrow — run longer so that each of the {} batches is "
        "longer, or use independent replications",
        scope, threshold, fmt::join(flagged, ", "), ctx.observations));
  }
}

std::string station_scope(const model::Scenario& scenario, std::size_t s) {
  return fmt::format("station '{}'", scenario.stations[s].name);
}

void check_shape(const model::Scenario& scenario, const ReplicationOutput& out) {
  if (out.status == RunStatus::Cancelled) {
    throw InvalidParameter(
        fmt::format("replication {} batch {} was cancelled; partial outputs cannot be aggregated",
                    out.replication, out.batch));
  }
  if (out.stations.size() != scenario.stations.size()) {
    throw Error(fmt::format("replication {} reported {} stations but the scenario has {}",
                            out.replication, out.stations.size(), scenario.stations.size()));
  }
  const std::size_t classes = scenario.has_classes() ? scenario.classes.size() : 0;
  for (std::size_t s = 0; s < out.stations.size(); ++s) {
    const auto& got = out.stations[s].classes.size();
    if (got != 0 && got != classes) {
      throw Error(
          fmt::format("replication {} reported {} classes at station '{}' but the "
                      "scenario has {}",
                      out.replication, got, scenario.stations[s].name, classes));
    }
  }
  if (!out.network_classes.empty() && out.network_classes.size() != classes) {
    throw Error(fmt::format("replication {} reported {} network classes but the scenario has {}",
                            out.replication, out.network_classes.size(), classes));
  }
}

/// Observed arrival rate at a station: mean over observations of arrivals per unit of
/// observed time; falls back to throughput when the engine reports no arrival count.
double arrival_rate(const std::vector<const ReplicationOutput*>& observations, std::size_t s) {
  std::vector<double> rates;
  for (const ReplicationOutput* out : observations) {
    const double window = out->end_time - out->start_time;
    const auto arrivals = out->stations[s].metrics.get(metric::arrivals);
    if (arrivals && window > 0.0) rates.push_back(*arrivals / window);
  }
  if (rates.empty()) {
    for (const ReplicationOutput* out : observations) {
      if (auto x = out->stations[s].metrics.get(model::metric::throughput)) rates.push_back(*x);
    }
  }
  if (rates.empty()) return 0.0;
  return summarize_sample(rates).mean;
}

/// Whether the number in station is bounded by construction (no instability possible).
bool bounded_by_construction(const model::Scenario& scenario, std::size_t s) {
  return scenario.is_closed() || scenario.stations[s].capacity.has_value();
}

void judge_stability(const model::Scenario& scenario,
                     const std::vector<const ReplicationOutput*>& observations,
                     const std::vector<const ReplicationOutput*>& first_of_replication,
                     std::size_t s, StationResult& station, const Context& ctx) {
  if (bounded_by_construction(scenario, s)) return;
  std::vector<SegmentTrend> trends;
  std::vector<double> at_end;
  for (const ReplicationOutput* out : first_of_replication) {
    const StationObservation& obs = out->stations[s];
    if (auto trend = segment_trend(obs.L_by_segment, obs.segment_ends)) {
      trends.push_back(*trend);
      at_end.push_back(obs.number_at_end);
    }
  }
  const double lambda = arrival_rate(observations, s);
  const auto verdict =
      assess_instability(trends, lambda, ctx.options.confidence, ctx.options.instability);
  if (!verdict || !verdict->unstable) return;
  station.unstable = true;
  station.growth_rate = verdict->growth_rate;
  const Estimate& g = verdict->growth_rate;
  const std::string& unit = scenario.time_unit;
  ctx.notes.push_back(fmt::format(
      "{} is UNSTABLE: the number in station grows without bound, by {:.4g} customers per {} "
      "({:g}% CI {:.4g} to {:.4g}; {:.3g}% of its arrival rate of {:.4g} per {}), and "
      "reached {:.4g} on average at the end of the run; its L, Lq, W and Wq grow with the run "
      "length and are not steady-state values",
      station_scope(scenario, s), g.mean, unit, 100.0 * ctx.options.confidence, g.ci_low, g.ci_high,
      100.0 * verdict->growth_fraction, verdict->arrival_rate, unit,
      summarize_sample(at_end).mean));
}

}  // namespace

ExperimentResult aggregate_outputs(const model::Scenario& scenario,
                                   std::vector<ReplicationOutput> outputs,
                                   const AggregationOptions& options) {
  std::sort(outputs.begin(), outputs.end(), [](const auto& a, const auto& b) {
    return std::tie(a.replication, a.batch) < std::tie(b.replication, b.batch);
  });
  for (const ReplicationOutput& out : outputs) check_shape(scenario, out);

  ExperimentResult result;
  result.scenario = scenario.name;
  result.seed = scenario.run.seed;
  result.confidence = options.confidence;
  result.ci_method = options.ci_method;
  result.warmup_requested = scenario.run.warmup;

  std::vector<const ReplicationOutput*> observations;
  std::vector<const ReplicationOutput*> first_of_replication;
  for (const ReplicationOutput& out : outputs) {
    observations.push_back(&out);
    if (first_of_replication.empty() ||
        first_of_replication.back()->replication != out.replication) {
      first_of_replication.push_back(&out);
    }
  }
  result.replications = static_cast<std::uint32_t>(first_of_replication.size());
  const bool batch_means = options.ci_method == model::CiMethod::BatchMeans;
  Context ctx{options, static_cast<std::uint32_t>(observations.size()),
              batch_means ? "batches" : "replications", result.notes};

  if (!first_of_replication.empty()) {
    std::vector<double> warmup_time;
    std::vector<double> warmup_customers;
    for (const ReplicationOutput* out : first_of_replication) {
      warmup_time.push_back(out->warmup_time);
      warmup_customers.push_back(static_cast<double>(out->warmup_customers));
    }
    result.warmup_time_mean = summarize_sample(warmup_time).mean;
    result.warmup_customers_mean = summarize_sample(warmup_customers).mean;
  }
  // Every batch of a replication carries the whole replication's event count.
  for (const ReplicationOutput* out : first_of_replication) result.events += out->events;

  if (observations.size() < 2) {
    const bool one = observations.size() == 1;
    result.notes.push_back(fmt::format(
        "only {} {} completed: a confidence interval needs at least 2, so no metric is reported",
        observations.size(),
        batch_means ? (one ? "batch" : "batches") : (one ? "replication" : "replications")));
  }

  const bool classes = scenario.has_classes();
  for (std::size_t s = 0; s < scenario.stations.size(); ++s) {
    StationResult station;
    station.name = scenario.stations[s].name;
    MetricColumns columns;
    for (const ReplicationOutput* out : observations) columns.add(out->stations[s].metrics);
    const std::string scope = station_scope(scenario, s);
    station.metrics = estimate_columns(columns, scope, ctx);
    if (batch_means) check_batch_correlation(columns, tracked_station_metrics, scope, ctx);
    if (classes) {
      for (std::size_t k = 0; k < scenario.classes.size(); ++k) {
        MetricColumns class_columns;
        for (const ReplicationOutput* out : observations) {
          if (k < out->stations[s].classes.size()) class_columns.add(out->stations[s].classes[k]);
        }
        station.classes.push_back(ClassEstimates{
            scenario.classes[k].name,
            estimate_columns(class_columns,
                             fmt::format("{}, class '{}'", scope, scenario.classes[k].name), ctx)});
      }
    }
    judge_stability(scenario, observations, first_of_replication, s, station, ctx);
    result.stations.push_back(std::move(station));
  }

  MetricColumns network;
  for (const ReplicationOutput* out : observations) network.add(out->network);
  result.network = estimate_columns(network, "network", ctx);
  if (batch_means) check_batch_correlation(network, tracked_network_metrics, "network", ctx);
  if (classes) {
    for (std::size_t k = 0; k < scenario.classes.size(); ++k) {
      MetricColumns class_columns;
      for (const ReplicationOutput* out : observations) {
        if (k < out->network_classes.size()) class_columns.add(out->network_classes[k]);
      }
      result.network_classes.push_back(ClassEstimates{
          scenario.classes[k].name,
          estimate_columns(class_columns,
                           fmt::format("network, class '{}'", scenario.classes[k].name), ctx)});
    }
  }

  std::vector<std::string> unstable;
  for (const StationResult& station : result.stations) {
    if (station.unstable) unstable.push_back(fmt::format("'{}'", station.name));
  }
  if (!unstable.empty()) {
    result.notes.push_back(fmt::format(
        "network: end-to-end W and throughput are not steady-state values either, because "
        "{} {} {} unstable",
        unstable.size() == 1 ? "station" : "stations", fmt::join(unstable, ", "),
        unstable.size() == 1 ? "is" : "are"));
  }
  return result;
}

namespace {

void centre_on(EstimateSet& set, const model::Metrics& whole) {
  const std::vector<EstimateSet::Entry> entries = set.entries();
  for (const auto& [name, estimate] : entries) {
    if (!model::quantile_level(name)) continue;
    const std::optional<double> value = whole.get(name);
    if (!value) continue;
    Estimate centred = estimate;
    const double shift = *value - estimate.mean;
    centred.mean = *value;
    centred.ci_low += shift;
    centred.ci_high += shift;
    set.set(name, centred);
  }
}

}  // namespace

bool centre_quantiles_on_window(ExperimentResult& result, const ReplicationOutput& whole) {
  if (whole.stations.size() != result.stations.size()) return false;
  for (std::size_t s = 0; s < result.stations.size(); ++s) {
    centre_on(result.stations[s].metrics, whole.stations[s].metrics);
    auto& classes = result.stations[s].classes;
    for (std::size_t k = 0; k < classes.size() && k < whole.stations[s].classes.size(); ++k)
      centre_on(classes[k].metrics, whole.stations[s].classes[k]);
  }
  centre_on(result.network, whole.network);
  for (std::size_t k = 0; k < result.network_classes.size() && k < whole.network_classes.size();
       ++k)
    centre_on(result.network_classes[k].metrics, whole.network_classes[k]);
  return true;
}

}  // namespace kendall::sim
