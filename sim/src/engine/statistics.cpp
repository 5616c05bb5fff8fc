#include "statistics.hpp"

#include <algorithm>

#include "kendall/sim/engine/metric_names.hpp"

namespace kendall::sim::detail {

void Tally::subtract(const Tally& e) {
  area_n -= e.area_n;
  area_b -= e.area_b;
  area_c -= e.area_c;
  arrivals -= e.arrivals;
  blocked -= e.blocked;
  balked -= e.balked;
  admitted -= e.admitted;
  reneged -= e.reneged;
  retried -= e.retried;
  failed -= e.failed;
  started -= e.started;
  waited -= e.waited;
  completed -= e.completed;
  sum_w -= e.sum_w;
  sum_wq -= e.sum_wq;
  sum_wq_first -= e.sum_wq_first;
  w.subtract(e.w);
  wq.subtract(e.wq);
  sum_wq_abandoned -= e.sum_wq_abandoned;
  wq_abandoned.subtract(e.wq_abandoned);
}

void NetworkTally::subtract(const NetworkTally& e) {
  area_n -= e.area_n;
  entered -= e.entered;
  served -= e.served;
  lost -= e.lost;
  sum_w -= e.sum_w;
  w.subtract(e.w);
}

void StatsState::subtract(const StatsState& e) {
  departures -= e.departures;
  observed_exits -= e.observed_exits;
  for (std::size_t i = 0; i < stations.size(); ++i) stations[i].subtract(e.stations[i]);
  for (std::size_t i = 0; i < classes.size(); ++i) classes[i].subtract(e.classes[i]);
  network.subtract(e.network);
  for (std::size_t i = 0; i < network_classes.size(); ++i)
    network_classes[i].subtract(e.network_classes[i]);
}

std::size_t StatsState::bytes() const noexcept {
  std::size_t total = sizeof(StatsState) + (stations.size() + classes.size()) * sizeof(Tally) +
                      network_classes.size() * sizeof(NetworkTally);
  const auto buckets = [](const LogHistogram& h) { return h.buckets() * sizeof(std::uint64_t); };
  for (const Tally& t : stations) total += buckets(t.w) + buckets(t.wq) + buckets(t.wq_abandoned);
  for (const Tally& t : classes) total += buckets(t.w) + buckets(t.wq) + buckets(t.wq_abandoned);
  total += buckets(network.w);
  for (const NetworkTally& t : network_classes) total += buckets(t.w);
  return total;
}

Statistics::Statistics(std::vector<StationTraits> traits, std::size_t classes,
                       std::vector<double> initial_servers)
    : traits_(std::move(traits)), classes_(classes), multi_(classes > 1) {
  const std::size_t n = traits_.size();
  state_.stations.resize(n);
  // area_c of a station is ∫ c dt up to level.c_since; the rest is added by snapshot().
  for (std::size_t s = 0; s < n; ++s) {
    state_.stations[s].level.c = traits_[s].infinite_servers ? 0.0 : initial_servers[s];
    state_.stations[s].shared = traits_[s].shared;
  }
  if (multi_) {
    state_.classes.resize(n * classes_);
    state_.network_classes.resize(classes_);
  }
}

void Statistics::servers_changed(std::uint32_t s, double t, double servers) {
  Tally& st = state_.stations[s];
  integrate(st, t);
  st.area_c += st.level.c * (t - st.level.c_since);
  st.level.c_since = t;
  st.level.c = servers;
  if (st.shared) {
    if (multi_) {
      for (std::uint32_t k = 0; k < classes_; ++k) integrate(cls(s, k), t);
    }
    shared_rebalance(s);
  }
}

void Statistics::shared_change(std::uint32_t s, std::uint32_t k, double t, double delta) {
  // Under processor sharing every customer present is served at rate min(1, c/n): the busy
  // servers are min(n, c), and class k holds n_k · min(1, c/n) of them. A change of n moves
  // every class's share, so every class of the station is brought up to t first.
  Tally& st = state_.stations[s];
  integrate(st, t);
  st.level.n += delta;
  if (delta > 0) ++st.admitted;
  if (multi_) {
    for (std::uint32_t j = 0; j < classes_; ++j) integrate(cls(s, j), t);
    cls(s, k).level.n += delta;
    if (delta > 0) ++cls(s, k).admitted;
  }
  shared_rebalance(s);
}

void Statistics::shared_rebalance(std::uint32_t s) {
  Level& l = state_.stations[s].level;
  const double c = traits_[s].infinite_servers ? l.n : l.c;
  l.b = std::min(l.n, c);
  if (multi_) {
    const double share = l.n > 0.0 ? l.b / l.n : 0.0;
    for (std::uint32_t k = 0; k < classes_; ++k) {
      Level& lk = cls(s, k).level;
      lk.b = lk.n * share;
    }
  }
}

StatsState Statistics::snapshot(double t) const {
  StatsState out = state_;
  out.time = t;
  for (Tally& st : out.stations) {
    integrate(st, t);
    st.area_c += st.level.c * (t - st.level.c_since);
  }
  for (Tally& ct : out.classes) integrate(ct, t);
  integrate(out.network, t);
  for (NetworkTally& nk : out.network_classes) integrate(nk, t);
  return out;
}

namespace {

void set_quantiles(model::Metrics& m, std::string_view base, const LogHistogram& h,
                   std::span<const double> levels) {
  if (h.empty()) return;
  for (double p : levels) m.set(model::quantile_name(base, p), h.quantile(p));
}

double count(std::uint64_t n) { return static_cast<double>(n); }

// At a station with patience, the wait of the customers served and of those who abandoned,
// as Erlang-A reports them: the served customers' waits are Wq's observations minus the
// abandonments'.
void fill_wait_by_fate(model::Metrics& m, const Tally& t, const OutputOptions& options) {
  namespace km = model::metric;
  if (t.completed > 0) {
    m.set(km::Wq_served, std::max(0.0, t.sum_wq - t.sum_wq_abandoned) / count(t.completed));
    LogHistogram served = t.wq;
    served.subtract(t.wq_abandoned);
    set_quantiles(m, km::Wq_served, served, options.quantiles);
  }
  if (t.reneged > 0) {
    m.set(km::Wq_abandoned, t.sum_wq_abandoned / count(t.reneged));
    set_quantiles(m, km::Wq_abandoned, t.wq_abandoned, options.quantiles);
  }
}

}  // namespace

void fill_station_metrics(model::Metrics& m, const Tally& t, double duration, double server_time,
                          const StationTraits& traits, const OutputOptions& options) {
  namespace km = model::metric;
  if (duration > 0.0) {
    m.set(km::L, t.area_n / duration);
    m.set(km::Lq, std::max(0.0, t.area_n - t.area_b) / duration);
    m.set(km::busy_servers, t.area_b / duration);
    if (!traits.infinite_servers && server_time > 0.0)
      m.set(km::utilization, t.area_b / server_time);
    m.set(km::throughput, count(t.completed) / duration);
  }
  // Customers who abandon count in W and Wq with their time in the queue (W = Wq for them).
  const std::uint64_t sojourns = t.completed + t.reneged;
  const std::uint64_t waits = t.started + t.reneged;
  if (sojourns > 0) {
    m.set(km::W, t.sum_w / count(sojourns));
    if (!traits.shared) m.set(km::Wq, t.sum_wq / count(sojourns));
  }
  if (waits > 0) {
    if (traits.resumable) m.set(model::metric::Wq_first, t.sum_wq_first / count(waits));
    m.set(km::p_wait, count(t.waited) / count(waits));
  }
  if (t.arrivals > 0) {
    m.set(km::p_block, count(t.blocked) / count(t.arrivals));
    if (traits.balking) m.set(metric::p_balk, count(t.balked) / count(t.arrivals));
  }
  if (traits.patience && t.admitted > 0) m.set(km::p_abandon, count(t.reneged) / count(t.admitted));
  set_quantiles(m, km::W, t.w, options.quantiles);
  set_quantiles(m, km::Wq, t.wq, options.quantiles);
  if (traits.patience) fill_wait_by_fate(m, t, options);
  m.set(metric::arrivals, count(t.arrivals));
  m.set(metric::departures, count(t.completed));
  if (traits.finite_capacity) m.set(metric::blocked, count(t.blocked));
  if (traits.balking) m.set(metric::balked, count(t.balked));
  if (traits.patience) m.set(metric::reneged, count(t.reneged));
  if (traits.retry) {
    m.set(metric::retried, count(t.retried));
    m.set(metric::failed, count(t.failed));
  }
}

void fill_network_metrics(model::Metrics& m, const NetworkTally& t, double duration,
                          const OutputOptions& options) {
  namespace km = model::metric;
  if (t.served > 0) m.set(km::W, t.sum_w / count(t.served));
  if (duration > 0.0) {
    m.set(km::throughput, count(t.served) / duration);
    m.set(km::L, t.area_n / duration);
  }
  set_quantiles(m, km::W, t.w, options.quantiles);
  m.set(metric::arrivals, count(t.entered));
  m.set(metric::departures, count(t.served));
  m.set(metric::lost, count(t.lost));
}

}  // namespace kendall::sim::detail
