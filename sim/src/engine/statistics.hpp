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

// The current state behind the time integrals. Counts are doubles because under processor
// sharing a class holds a fractional share of the servers. Only n and b are integrated on the
// per-event path: the number waiting is n − b (so ∫q = ∫n − ∫b), and the number of servers
// changes only with a schedule, so its integral is kept up to date at those changes.
struct Level {
  double last = 0.0;
  double n = 0.0;
  double b = 0.0;
  double c = 0.0;        // servers available (station level)
  double c_since = 0.0;  // when c last changed
};

// Cumulative counters of one station (or one class at one station).
struct Tally {
  double area_n = 0.0;  // ∫ number present dt
  double area_b = 0.0;  // ∫ busy servers dt (∫ number waiting = area_n − area_b)
  double area_c = 0.0;  // ∫ servers available dt (station level, finite servers)
  std::uint64_t arrivals = 0;
  std::uint64_t blocked = 0;
  std::uint64_t balked = 0;
  std::uint64_t admitted = 0;
  std::uint64_t reneged = 0;
  std::uint64_t retried = 0;
  std::uint64_t failed = 0;
  std::uint64_t started = 0;    // first service starts
  std::uint64_t waited = 0;     // first waits that ended (service start or abandonment) after > 0
  std::uint64_t completed = 0;  // service completions
  // W and Wq are observed on the same customers — those whose visit ended in the window
  // (completions and abandonments) — with Wq = time present but not in service, so that
  // Lq = λ·Wq holds under preemption and round-robin too. Wq_first (the wait until service
  // first starts) is observed at first starts and abandonments.
  double sum_w = 0.0;
  double sum_wq = 0.0;
  double sum_wq_first = 0.0;
  LogHistogram w;
  LogHistogram wq;
  // The abandonments' share of sum_wq and wq (recorded on abandonment only, off the
  // per-customer path): the served customers' waits are the difference.
  double sum_wq_abandoned = 0.0;
  LogHistogram wq_abandoned;
  // The live state behind the integrals. It travels with the counters so that one index
  // reaches both on the per-event path; subtract() ignores it, and a snapshot integrates its
  // copy up to the snapshot time.
  Level level;
  bool shared = false;  // processor sharing (station level)

  void subtract(const Tally& earlier);
};

struct NetworkTally {
  double area_n = 0.0;  // ∫ number in the system dt
  std::uint64_t entered = 0;
  std::uint64_t served = 0;  // left after service (closed: returned to the start station)
  std::uint64_t lost = 0;    // left unserved: blocked, balked, reneged or failed
  double sum_w = 0.0;
  LogHistogram w;
  Level level;  // live state, as in Tally

  void subtract(const NetworkTally& earlier);
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
  // Approximate memory held (dominated by the histograms).
  [[nodiscard]] std::size_t bytes() const noexcept;
};

// Which metrics apply to a station (a metric that does not apply is left out).
struct StationTraits {
  bool infinite_servers = false;
  bool shared = false;  // processor sharing: busy = min(n, c), no waiting-time observations
  bool finite_capacity = false;
  bool balking = false;
  bool patience = false;
  bool retry = false;
  bool resumable = false;  // preemptive or round-robin: Wq_first differs from Wq
};

class Statistics {
 public:
  Statistics(std::vector<StationTraits> traits, std::size_t classes,
             std::vector<double> initial_servers);

  // --- station notices (hot path) ---
  [[gnu::always_inline]] void arrival(std::uint32_t s, std::uint32_t k) {
    ++state_.stations[s].arrivals;
    if (multi_) ++cls(s, k).arrivals;
  }
  [[gnu::always_inline]] void blocked(std::uint32_t s, std::uint32_t k) {
    ++state_.stations[s].blocked;
    if (multi_) ++cls(s, k).blocked;
  }
  [[gnu::always_inline]] void balked(std::uint32_t s, std::uint32_t k) {
    ++state_.stations[s].balked;
    if (multi_) ++cls(s, k).balked;
  }
  [[gnu::always_inline]] void retried(std::uint32_t s, std::uint32_t k) {
    ++state_.stations[s].retried;
    if (multi_) ++cls(s, k).retried;
  }
  [[gnu::always_inline]] void failed(std::uint32_t s, std::uint32_t k) {
    ++state_.stations[s].failed;
    if (multi_) ++cls(s, k).failed;
  }

  [[gnu::always_inline]] void join(std::uint32_t s, std::uint32_t k, double t) {
    Tally& st = state_.stations[s];
    if (st.shared) return shared_change(s, k, t, +1.0);
    integrate(st, t);
    st.level.n += 1.0;
    ++st.admitted;
    if (multi_) {
      Tally& ct = cls(s, k);
      integrate(ct, t);
      ct.level.n += 1.0;
      ++ct.admitted;
    }
  }

  // First start when `first` (records the wait until then), else a resume after a pause.
  [[gnu::always_inline]] void start(std::uint32_t s, std::uint32_t k, double t, double wait,
                                    bool first) {
    Tally& st = state_.stations[s];
    // A service nearly always starts at the instant of the join or completion that allowed it,
    // which brought the integrals up to t already: integrating again would add n · 0, which
    // changes no bit (n is finite and ≥ 0), at the cost of ~8 instructions per customer.
    if (st.level.last != t) integrate(st, t);
    st.level.b += 1.0;
    if (first) record_first_wait(st, wait);
    if (multi_) {
      Tally& ct = cls(s, k);
      if (ct.level.last != t) integrate(ct, t);
      ct.level.b += 1.0;
      if (first) record_first_wait(ct, wait);
    }
  }

  [[gnu::always_inline]] void pause(std::uint32_t s, std::uint32_t k, double t) {
    Tally& st = state_.stations[s];
    integrate(st, t);
    st.level.b -= 1.0;
    if (multi_) {
      Tally& ct = cls(s, k);
      integrate(ct, t);
      ct.level.b -= 1.0;
    }
  }

  // A service completion after `sojourn` at the station, `queued` of it not in service.
  [[gnu::always_inline]] void complete(std::uint32_t s, std::uint32_t k, double t, double sojourn,
                                       double queued) {
    Tally& st = state_.stations[s];
    if (st.shared) {
      shared_change(s, k, t, -1.0);
    } else {
      record_queued(st, queued);
      if (multi_) record_queued(cls(s, k), queued);
      integrate(st, t);
      st.level.n -= 1.0;
      st.level.b -= 1.0;
      if (multi_) {
        Tally& ct = cls(s, k);
        integrate(ct, t);
        ct.level.n -= 1.0;
        ct.level.b -= 1.0;
      }
    }
    record_sojourn(st, sojourn);
    if (multi_) record_sojourn(cls(s, k), sojourn);
  }

  // A customer who abandons after waiting `wait`: its visit ends, so it is one observation of
  // both Wq and W (with W = Wq), which keeps L = λW and Lq = λWq exact with λ the admission
  // rate (DESIGN.md) and matches the Erlang-A convention of averaging over all callers.
  [[gnu::always_inline]] void renege(std::uint32_t s, std::uint32_t k, double t, double wait) {
    Tally& st = state_.stations[s];
    integrate(st, t);
    st.level.n -= 1.0;
    record_abandon(st, wait);
    if (multi_) {
      Tally& ct = cls(s, k);
      integrate(ct, t);
      ct.level.n -= 1.0;
      record_abandon(ct, wait);
    }
  }

  void servers_changed(std::uint32_t s, double t, double servers);

  // --- network notices ---
  [[gnu::always_inline]] void system_entry(std::uint32_t k, double t) {
    NetworkTally& nt = state_.network;
    integrate(nt, t);
    nt.level.n += 1.0;
    ++nt.entered;
    if (multi_) {
      NetworkTally& nk = state_.network_classes[k];
      integrate(nk, t);
      nk.level.n += 1.0;
      ++nk.entered;
    }
  }
  [[gnu::always_inline]] void system_exit_served(std::uint32_t k, double t, double sojourn) {
    NetworkTally& nt = state_.network;
    integrate(nt, t);
    nt.level.n -= 1.0;
    ++nt.served;
    nt.sum_w += sojourn;
    nt.w.add(sojourn);
    ++state_.observed_exits;
    if (multi_) {
      NetworkTally& nk = state_.network_classes[k];
      integrate(nk, t);
      nk.level.n -= 1.0;
      ++nk.served;
      nk.sum_w += sojourn;
      nk.w.add(sojourn);
    }
  }
  [[gnu::always_inline]] void system_exit_lost(std::uint32_t k, double t) {
    NetworkTally& nt = state_.network;
    integrate(nt, t);
    nt.level.n -= 1.0;
    ++nt.lost;
    if (multi_) {
      NetworkTally& nk = state_.network_classes[k];
      integrate(nk, t);
      nk.level.n -= 1.0;
      ++nk.lost;
    }
  }
  // Counts one departure from the system (the run-limit counter); returns the new count.
  std::uint64_t departure() noexcept { return ++state_.departures; }
  [[nodiscard]] std::uint64_t departures() const noexcept { return state_.departures; }
  [[nodiscard]] std::uint64_t observed_exits() const noexcept { return state_.observed_exits; }

  // Number present at station s now.
  [[nodiscard]] double present(std::uint32_t s) const noexcept {
    return state_.stations[s].level.n;
  }
  // Area under the number present at station s up to time t.
  [[nodiscard]] double area_n_at(std::uint32_t s, double t) const noexcept {
    const Tally& st = state_.stations[s];
    return st.area_n + st.level.n * (t - st.level.last);
  }

  // Cumulative state with every time integral brought up to t (t ≥ the last change).
  [[nodiscard]] StatsState snapshot(double t) const;

  [[nodiscard]] std::size_t stations() const noexcept { return traits_.size(); }
  [[nodiscard]] std::size_t classes() const noexcept { return classes_; }
  [[nodiscard]] const StationTraits& traits(std::size_t s) const noexcept { return traits_[s]; }

 private:
  Tally& cls(std::uint32_t s, std::uint32_t k) noexcept { return state_.classes[s * classes_ + k]; }

  [[gnu::always_inline]] static void record_first_wait(Tally& t, double wait) {
    ++t.started;
    t.waited += wait > 0.0 ? 1 : 0;
    t.sum_wq_first += wait;
  }
  [[gnu::always_inline]] static void record_queued(Tally& t, double queued) {
    t.sum_wq += queued;
    t.wq.add(queued);
  }
  [[gnu::always_inline]] static void record_sojourn(Tally& t, double sojourn) {
    ++t.completed;
    t.sum_w += sojourn;
    t.w.add(sojourn);
  }
  static void record_abandon(Tally& t, double wait) {
    ++t.reneged;
    t.waited += wait > 0.0 ? 1 : 0;
    t.sum_wq_first += wait;
    t.sum_wq += wait;
    t.wq.add(wait);
    t.sum_wq_abandoned += wait;
    t.wq_abandoned.add(wait);
    t.sum_w += wait;
    t.w.add(wait);
  }

  [[gnu::always_inline]] static void integrate(Tally& t, double now) {
    const double dt = now - t.level.last;
    t.area_n += t.level.n * dt;
    t.area_b += t.level.b * dt;
    t.level.last = now;
  }
  [[gnu::always_inline]] static void integrate(NetworkTally& t, double now) {
    t.area_n += t.level.n * (now - t.level.last);
    t.level.last = now;
  }

  void shared_change(std::uint32_t s, std::uint32_t k, double t, double delta);
  void shared_rebalance(std::uint32_t s);

  std::vector<StationTraits> traits_;
  std::size_t classes_;
  bool multi_;
  StatsState state_;
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
