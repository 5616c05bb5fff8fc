// Outputs of a pass: the metrics of each observation window (after the warm-up cut, or one per
// batch) as differences of statistics snapshots, with the L-by-segment series.

#include <vector>

#include "kendall/model/metrics.hpp"

#include "engine.hpp"
#include "station.hpp"

namespace kendall::sim::detail {

void Engine::fill_output(ReplicationOutput& out, const StatsState& from,
                         const StatsState& to) const {
  StatsState d = to;
  d.subtract(from);
  const double duration = to.time - from.time;
  out.start_time = from.time;
  out.end_time = to.time;
  const std::vector<double> levels = model::with_default_quantiles(plan_->quantiles);
  const OutputOptions options{levels};  // a span: `levels` must outlive it
  out.stations.resize(stations_.size());
  for (std::size_t s = 0; s < stations_.size(); ++s) {
    StationObservation& obs = out.stations[s];
    fill_station_metrics(obs.metrics, d.stations[s], duration, d.stations[s].area_c,
                         stats_.traits(s), options);
    if (classes_ > 1) {
      obs.classes.resize(classes_);
      for (std::size_t k = 0; k < classes_; ++k) {
        fill_station_metrics(obs.classes[k], d.classes[s * classes_ + k], duration,
                             d.stations[s].area_c, stats_.traits(s), options);
      }
    }
  }
  fill_network_metrics(out.network, d.network, duration, options);
  if (classes_ > 1) {
    out.network_classes.resize(classes_);
    for (std::size_t k = 0; k < classes_; ++k) {
      fill_network_metrics(out.network_classes[k], d.network_classes[k], duration, options);
    }
  }
}

std::vector<ReplicationOutput> Engine::build_outputs(PassSummary& summary) {
  const StatsState end = stats_.snapshot(now_);
  const RunStatus status = stop_.value_or(RunStatus::Cancelled);

  if (auto_warmup_) {
    // MSER-5 on the sojourn times of departures, rounded up to the next candidate snapshot.
    const std::uint64_t truncation = mser_->truncation();
    const GridPoint* chosen = &grid_.front();
    if (truncation > 0) {
      chosen = &grid_.back();
      for (const GridPoint& g : grid_) {
        if (g.observed_exits >= truncation) {
          chosen = &g;
          break;
        }
      }
    }
    cut_ = chosen->state;
    cut_departures_ = chosen->departures;
  }
  if (!cut_) {
    // A fixed warm-up longer than the run: nothing was observed.
    cut_ = end;
    cut_departures_ = end.departures;
  }

  std::vector<const StatsState*> bounds{&*cut_};
  for (const StatsState& b : batch_states_) {
    if (b.departures > cut_->departures && b.time >= cut_->time) bounds.push_back(&b);
  }
  bounds.push_back(&end);

  // L by segment over the whole replication (warm-up included).
  std::vector<double> ends = segment_ends_;
  std::vector<std::vector<double>> areas = segment_areas_;
  if (ends.empty() || now_ > ends.back()) {
    ends.push_back(now_);
    std::vector<double> a(stations_.size());
    for (std::uint32_t s = 0; s < stations_.size(); ++s) a[s] = stats_.area_n_at(s, now_);
    areas.push_back(std::move(a));
  }

  std::vector<ReplicationOutput> outputs;
  for (std::size_t b = 0; b + 1 < bounds.size(); ++b) {
    ReplicationOutput out;
    out.replication = replication_;
    out.batch = static_cast<std::uint32_t>(b);
    out.status = status;
    out.warmup_time = cut_->time;
    out.warmup_customers = cut_departures_;
    out.events = events_;
    fill_output(out, *bounds[b], *bounds[b + 1]);
    for (std::uint32_t s = 0; s < stations_.size(); ++s) {
      StationObservation& obs = out.stations[s];
      double t0 = 0.0;
      double a0 = 0.0;
      for (std::size_t i = 0; i < ends.size(); ++i) {
        const double dt = ends[i] - t0;
        if (dt > 0.0) {
          obs.L_by_segment.push_back((areas[i][s] - a0) / dt);
          obs.segment_ends.push_back(ends[i]);
        }
        t0 = ends[i];
        a0 = areas[i][s];
      }
      obs.number_at_end = static_cast<double>(stations_[s]->present());
    }
    if (status == RunStatus::Drained) out.network.set(model::metric::makespan, now_);
    outputs.push_back(std::move(out));
  }

  summary.status = status;
  summary.cut_departures = cut_departures_;
  summary.cut_time = cut_->time;
  summary.end_departures = end.departures;
  return outputs;
}

}  // namespace kendall::sim::detail
