#pragma once
// Per-replication statistics: the built-in observer (STYLE.md guideline 7). Stations never
// touch these numbers; the engine forwards their notices here with direct (non-virtual) calls
// because this observer runs on every event.
//
// Everything is cumulative from t = 0 and can be copied as a StatsState at any time; the
// statistics of a window [a, b) are snapshot(b) − snapshot(a). That one mechanism gives the
// warm-up cut (fixed or MSER), the batches of batch means, and partial results on cancellation,
// and makes every metric — time averages, customer averages, counts and quantiles — cut at the
// same point.
//
// Memory: per station (and per station and class) a fixed set of numbers and two
// LogHistograms; nothing grows with the number of customers.

#include <algorithm>
#include <cstdint>
#include <span>
#include <vector>

#include "kendall/model/metrics.hpp"
#include "kendall/sim/engine/log_histogram.hpp"

namespace kendall::sim::detail {

// Cumulative counters of one station (or one class at one station).
struct Tally {
  double area_n = 0.0;  // ∫ number present dt
  double area_q = 0.0;  // ∫ number waiting dt
  double area_b = 0.0;  // ∫ busy servers dt
  double area_c = 0.0;  // ∫ servers available dt (station level, finite servers)
  std::uint64_t arrivals = 0;
  std::uint64_t blocked = 0;
  std::uint64_t balked = 0;
  std::uint64_t admitted = 0;
  std::uint64_t reneged = 0;
  std::uint64_t retried = 0;
  std::uint64_t failed = 0;
  std::uint64_t started = 0;    // first service starts
  std::uint64_t waited = 0;     // first starts after a positive wait
  std::uint64_t completed = 0;  // service completions
  double sum_w = 0.0;
  double sum_wq = 0.0;
  LogHistogram w;
  LogHistogram wq;

  void subtract(const Tally& earlier);
};

struct NetworkTally {
  double area_n = 0.0;  // ∫ number in the system dt
  std::uint64_t entered = 0;
  std::uint64_t served = 0;  // left after service (closed: returned to the start station)
  std::uint64_t lost = 0;    // left unserved: blocked, balked, reneged or failed
  double sum_w = 0.0;
  LogHistogram w;

  void subtract(const NetworkTally& earlier);
};

// The current state behind the time integrals. Counts are doubles because under processor
// sharing a class holds a fractional share of the servers.
struct Level {
  double last = 0.0;
  double n = 0.0;
  double q = 0.0;
  double b = 0.0;
  double c = 0.0;  // servers available (station level)
};

struct StatsState {
  double time = 0.0;
  std::uint64_t departures = 0;      // departures from the system (the run-limit counter)
  std::uint64_t observed_exits = 0;  // network sojourn observations (the MSER series)
  std::vector<Tally> stations;
  std::vector<Tally> classes;  // [station * classes + class], multi-class scenarios only
  NetworkTally network;
  std::vector<NetworkTally> network_classes;  // multi-class scenarios only

  void subtract(const StatsState& earlier);
};

// Which metrics apply to a station (a metric that does not apply is left out).
struct StationTraits {
  bool infinite_servers = false;
  bool shared = false;  // processor sharing: busy = min(n, c), no waiting-time observations
  bool finite_capacity = false;
  bool balking = false;
  bool patience = false;
  bool retry = false;
};

class Statistics {
public:
  Statistics(std::vector<StationTraits> traits, std::size_t classes, std::vector<double> initial_servers);

  // --- station notices (hot path) ---
  void arrival(std::uint32_t s, std::uint32_t k) {
    ++state_.stations[s].arrivals;
    if (multi_) ++cls(s, k).arrivals;
  }
  void blocked(std::uint32_t s, std::uint32_t k) {
    ++state_.stations[s].blocked;
    if (multi_) ++cls(s, k).blocked;
  }
  void balked(std::uint32_t s, std::uint32_t k) {
    ++state_.stations[s].balked;
    if (multi_) ++cls(s, k).balked;
  }
  void retried(std::uint32_t s, std::uint32_t k) {
    ++state_.stations[s].retried;
    if (multi_) ++cls(s, k).retried;
  }
  void failed(std::uint32_t s, std::uint32_t k) {
    ++state_.stations[s].failed;
    if (multi_) ++cls(s, k).failed;
  }

  void join(std::uint32_t s, std::uint32_t k, double t) {
    if (traits_[s].shared) return shared_change(s, k, t, +1.0);
    Level& l = advance(s, t);
    l.n += 1.0;
    l.q += 1.0;
    ++state_.stations[s].admitted;
    if (multi_) {
      Level& lk = advance_class(s, k, t);
      lk.n += 1.0;
      lk.q += 1.0;
      ++cls(s, k).admitted;
    }
  }

  // First start when `first` (records the wait), else a resume after a pause.
  void start(std::uint32_t s, std::uint32_t k, double t, double wait, bool first) {
    Level& l = advance(s, t);
    l.q -= 1.0;
    l.b += 1.0;
    Tally& st = state_.stations[s];
    if (first) record_wait(st, wait);
    if (multi_) {
      Level& lk = advance_class(s, k, t);
      lk.q -= 1.0;
      lk.b += 1.0;
      if (first) record_wait(cls(s, k), wait);
    }
  }

  void pause(std::uint32_t s, std::uint32_t k, double t) {
    Level& l = advance(s, t);
    l.q += 1.0;
    l.b -= 1.0;
    if (multi_) {
      Level& lk = advance_class(s, k, t);
      lk.q += 1.0;
      lk.b -= 1.0;
    }
  }

  void complete(std::uint32_t s, std::uint32_t k, double t, double sojourn) {
    if (traits_[s].shared) {
      shared_change(s, k, t, -1.0);
    } else {
      Level& l = advance(s, t);
      l.n -= 1.0;
      l.b -= 1.0;
      if (multi_) {
        Level& lk = advance_class(s, k, t);
        lk.n -= 1.0;
        lk.b -= 1.0;
      }
    }
    record_sojourn(state_.stations[s], sojourn);
    if (multi_) record_sojourn(cls(s, k), sojourn);
  }

  void renege(std::uint32_t s, std::uint32_t k, double t) {
    Level& l = advance(s, t);
    l.n -= 1.0;
    l.q -= 1.0;
    ++state_.stations[s].reneged;
    if (multi_) {
      Level& lk = advance_class(s, k, t);
      lk.n -= 1.0;
      lk.q -= 1.0;
      ++cls(s, k).reneged;
    }
  }

  void servers_changed(std::uint32_t s, double t, double servers);

  // --- network notices ---
  void system_entry(std::uint32_t k, double t) {
    advance_network(t).n += 1.0;
    ++state_.network.entered;
    if (multi_) {
      advance_network_class(k, t).n += 1.0;
      ++state_.network_classes[k].entered;
    }
  }
  void system_exit_served(std::uint32_t k, double t, double sojourn) {
    advance_network(t).n -= 1.0;
    NetworkTally& nt = state_.network;
    ++nt.served;
    nt.sum_w += sojourn;
    nt.w.add(sojourn);
    ++state_.observed_exits;
    if (multi_) {
      advance_network_class(k, t).n -= 1.0;
      NetworkTally& nk = state_.network_classes[k];
      ++nk.served;
      nk.sum_w += sojourn;
      nk.w.add(sojourn);
    }
  }
  void system_exit_lost(std::uint32_t k, double t) {
    advance_network(t).n -= 1.0;
    ++state_.network.lost;
    if (multi_) {
      advance_network_class(k, t).n -= 1.0;
      ++state_.network_classes[k].lost;
    }
  }
  // Counts one departure from the system (the run-limit counter); returns the new count.
  std::uint64_t departure() noexcept { return ++state_.departures; }
  [[nodiscard]] std::uint64_t departures() const noexcept { return state_.departures; }
  [[nodiscard]] std::uint64_t observed_exits() const noexcept { return state_.observed_exits; }

  // Number present at station s now.
  [[nodiscard]] double present(std::uint32_t s) const noexcept { return levels_[s].n; }
  // Area under the number present at station s up to time t.
  [[nodiscard]] double area_n_at(std::uint32_t s, double t) const noexcept {
    const Level& l = levels_[s];
    return state_.stations[s].area_n + l.n * (t - l.last);
  }

  // Cumulative state with every time integral brought up to t (t ≥ the last change).
  [[nodiscard]] StatsState snapshot(double t) const;

  [[nodiscard]] std::size_t stations() const noexcept { return traits_.size(); }
  [[nodiscard]] std::size_t classes() const noexcept { return classes_; }
  [[nodiscard]] const StationTraits& traits(std::size_t s) const noexcept { return traits_[s]; }

private:
  Tally& cls(std::uint32_t s, std::uint32_t k) noexcept { return state_.classes[s * classes_ + k]; }

  static void record_wait(Tally& t, double wait) {
    ++t.started;
    t.waited += wait > 0.0 ? 1 : 0;
    t.sum_wq += wait;
    t.wq.add(wait);
  }
  static void record_sojourn(Tally& t, double sojourn) {
    ++t.completed;
    t.sum_w += sojourn;
    t.w.add(sojourn);
  }

  static void integrate(Tally& t, Level& l, double now) {
    const double dt = now - l.last;
    t.area_n += l.n * dt;
    t.area_q += l.q * dt;
    t.area_b += l.b * dt;
    t.area_c += l.c * dt;
    l.last = now;
  }
  Level& advance(std::uint32_t s, double now) {
    Level& l = levels_[s];
    integrate(state_.stations[s], l, now);
    return l;
  }
  Level& advance_class(std::uint32_t s, std::uint32_t k, double now) {
    Level& l = class_levels_[s * classes_ + k];
    integrate(cls(s, k), l, now);
    return l;
  }
  Level& advance_network(double now) {
    Level& l = network_level_;
    state_.network.area_n += l.n * (now - l.last);
    l.last = now;
    return l;
  }
  Level& advance_network_class(std::uint32_t k, double now) {
    Level& l = network_class_levels_[k];
    state_.network_classes[k].area_n += l.n * (now - l.last);
    l.last = now;
    return l;
  }

  void shared_change(std::uint32_t s, std::uint32_t k, double t, double delta);
  void shared_rebalance(std::uint32_t s);

  std::vector<StationTraits> traits_;
  std::size_t classes_;
  bool multi_;
  StatsState state_;
  std::vector<Level> levels_;
  std::vector<Level> class_levels_;
  Level network_level_;
  std::vector<Level> network_class_levels_;
};

// Metrics of one window, from the difference of two snapshots.
struct OutputOptions {
  std::span<const double> quantiles;  // quantile levels for W and Wq
};

// `server_time` is ∫ servers dt of the station (for a class: of its station), the
// denominator of utilization.
void fill_station_metrics(model::Metrics& m, const Tally& t, double duration, double server_time,
                          const StationTraits& traits, const OutputOptions& options);
void fill_network_metrics(model::Metrics& m, const NetworkTally& t, double duration,
                          const OutputOptions& options);

}  // namespace kendall::sim::detail
