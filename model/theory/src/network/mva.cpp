#include "kendall/model/network/mva.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "kendall/error.hpp"

namespace kendall::model {

namespace {

constexpr double neg_inf = -std::numeric_limits<double>::infinity();

/// How the recursion treats a station at this population.
enum class Role {
  Idle,    ///< zero demand: never holds a customer
  Delay,   ///< infinite server, or c ≥ N servers (never more than c customers present)
  Single,  ///< one server
  Multi,   ///< 2 ≤ c < N servers: needs the marginal probabilities p(j | n), j ≤ c − 2
};

struct Prepared {
  std::vector<double> demand;
  std::vector<Role> role;
  std::vector<std::uint32_t> servers;  // c for Single/Multi (and Delay stations with finite c)
  std::vector<double> scv;             // FIFO service SCV; 1 for PS and delay
  std::uint64_t population = 0;
  std::size_t reference = 0;
};

Prepared prepare(const ClosedNetwork& network) {
  validate(network);
  Prepared p;
  p.demand = service_demands(network);
  p.population = network.population;
  p.reference = network.reference;
  for (std::size_t i = 0; i < network.stations.size(); ++i) {
    const auto& s = network.stations[i];
    p.servers.push_back(s.kind == ClosedStationKind::Delay ? 0U : s.servers);
    p.scv.push_back(s.kind == ClosedStationKind::Fcfs ? s.service_scv : 1.0);
    Role r = Role::Delay;
    if (p.demand[i] == 0.0) {
      r = Role::Idle;
    } else if (s.kind == ClosedStationKind::Delay || s.servers >= network.population) {
      r = Role::Delay;
    } else if (s.servers == 1) {
      r = Role::Single;
    } else {
      r = Role::Multi;
    }
    p.role.push_back(r);
  }
  return p;
}

double log_add(double a, double b) {
  if (a == neg_inf) return b;
  if (b == neg_inf) return a;
  const double hi = std::max(a, b);
  const double lo = std::min(a, b);
  return hi + std::log1p(std::exp(lo - hi));
}

/// In place: lg ← lg ⊛ f for a c-server station of demand d, in log space, where
/// f(k) = d^k / k! for k ≤ c and f(k) = f(c) (d/c)^{k−c} beyond. The geometric tail is summed
/// by the recursion T(n) = (d/c) T(n−1) + f(c) g(n−c), so the cost is O(N·c).
void convolve_multi_server(std::vector<double>& lg, double d, std::uint32_t c) {
  const std::size_t n_max = lg.size() - 1;
  std::vector<double> lf(static_cast<std::size_t>(c) + 1);
  const double log_d = std::log(d);
  for (std::size_t k = 0; k <= c; ++k) {
    lf[k] = static_cast<double>(k) * log_d - std::lgamma(static_cast<double>(k) + 1.0);
  }
  const double log_ratio = std::log(d / static_cast<double>(c));
  const std::vector<double> old = lg;
  double tail = neg_inf;
  std::vector<double> terms;
  for (std::size_t n = 0; n <= n_max; ++n) {
    if (n >= c) tail = log_add(log_ratio + tail, lf[c] + old[n - c]);
    const std::size_t k_max = std::min<std::size_t>(n, c - 1);
    double hi = neg_inf;
    terms.assign(k_max + 1, neg_inf);
    for (std::size_t k = 0; k <= k_max; ++k) {
      terms[k] = lf[k] + old[n - k];
      hi = std::max(hi, terms[k]);
    }
    double head = neg_inf;
    if (hi != neg_inf) {
      double sum = 0.0;
      for (double t : terms) sum += std::exp(t - hi);
      head = hi + std::log(sum);
    }
    lg[n] = log_add(head, tail);
  }
}

/// log G_{−skip}(n), n = 0..N: normalising constants of the network without station `skip`,
/// with demands relative to the reference station.
std::vector<double> log_complement_constants(const Prepared& p, std::size_t skip) {
  const std::size_t n_max = p.population;
  std::vector<double> lg(n_max + 1, neg_inf);
  double think = 0.0;
  for (std::size_t i = 0; i < p.demand.size(); ++i) {
    if (i != skip && p.role[i] == Role::Delay) think += p.demand[i];
  }
  if (think > 0.0) {
    const double log_z = std::log(think);
    for (std::size_t n = 0; n <= n_max; ++n) {
      lg[n] = static_cast<double>(n) * log_z - std::lgamma(static_cast<double>(n) + 1.0);
    }
  } else {
    lg[0] = 0.0;
  }
  for (std::size_t i = 0; i < p.demand.size(); ++i) {
    if (i == skip) continue;
    if (p.role[i] == Role::Single) {
      const double log_d = std::log(p.demand[i]);
      for (std::size_t n = 1; n <= n_max; ++n) lg[n] = log_add(lg[n], log_d + lg[n - 1]);
    } else if (p.role[i] == Role::Multi) {
      convolve_multi_server(lg, p.demand[i], p.servers[i]);
    }
  }
  return lg;
}

MvaCurves make_curves(std::size_t stations, std::uint64_t population) {
  MvaCurves c;
  const auto n = static_cast<std::size_t>(population);
  c.throughput.reserve(n);
  c.response_time.reserve(n);
  c.cycle_time.reserve(n);
  c.queue_length.assign(stations, {});
  c.residence_time.assign(stations, {});
  c.utilization.assign(stations, {});
  for (std::size_t i = 0; i < stations; ++i) {
    c.queue_length[i].reserve(n);
    c.residence_time[i].reserve(n);
    c.utilization[i].reserve(n);
  }
  return c;
}

/// Records population n's solution given the residence times per cycle.
void record(MvaCurves& curves, const Prepared& p, double n, const std::vector<double>& residence,
            double cycle) {
  const double x = n / cycle;
  curves.throughput.push_back(x);
  curves.cycle_time.push_back(cycle);
  curves.response_time.push_back(std::max(0.0, cycle - residence[p.reference]));
  for (std::size_t i = 0; i < residence.size(); ++i) {
    curves.residence_time[i].push_back(residence[i]);
    curves.queue_length[i].push_back(x * residence[i]);
    const double busy = x * p.demand[i];
    curves.utilization[i].push_back(p.servers[i] > 0 ? busy / static_cast<double>(p.servers[i])
                                                     : busy);
  }
}

}  // namespace

MvaSolution mva(const ClosedNetwork& network) {
  const Prepared p = prepare(network);
  const std::size_t m = p.demand.size();
  MvaSolution solution;
  const bool product_form = is_product_form(network);
  solution.method = product_form ? method::exact : mva_general_fifo_method;

  // Marginal probabilities p_i(j | n) for j = 0..c−2 of multi-server stations, and their
  // complement constants.
  std::vector<std::vector<double>> marginal(m);
  std::vector<std::vector<double>> log_complement(m);
  for (std::size_t i = 0; i < m; ++i) {
    if (p.role[i] != Role::Multi) continue;
    marginal[i].assign(p.servers[i] - 1, 0.0);
    marginal[i][0] = 1.0;
    log_complement[i] = log_complement_constants(p, i);
    if (!product_form && std::abs(p.scv[i] - 1.0) > 1e-12) {
      solution.notes.push_back(fmt::format(
          "station '{}' has {} FIFO servers and service SCV {:.4g}: its service variability is "
          "ignored (treated as exponential)",
          network.stations[i].name, p.servers[i], p.scv[i]));
    }
  }
  for (std::size_t i = 0; i < m; ++i) {
    if (p.role[i] == Role::Single && std::abs(p.scv[i] - 1.0) > 1e-12) {
      solution.notes.push_back(
          fmt::format("station '{}' is FIFO with non-exponential service (SCV {:.4g}), which "
                      "breaks product form; "
                      "its residence time uses the residual-service correction",
                      network.stations[i].name, p.scv[i]));
    }
  }

  solution.curves = make_curves(m, p.population);
  std::vector<double> queue(m, 0.0);
  std::vector<double> residence(m, 0.0);
  double x_prev = 0.0;
  for (std::uint64_t n = 1; n <= p.population; ++n) {
    double cycle = 0.0;
    for (std::size_t i = 0; i < m; ++i) {
      const double d = p.demand[i];
      switch (p.role[i]) {
        case Role::Idle:
          residence[i] = 0.0;
          break;
        case Role::Delay:
          residence[i] = d;
          break;
        case Role::Single: {
          const double busy = x_prev * d;  // U_i(n − 1)
          residence[i] = d * (1.0 + queue[i] + busy * (p.scv[i] - 1.0) / 2.0);
          break;
        }
        case Role::Multi: {
          const double c = static_cast<double>(p.servers[i]);
          double extra = 0.0;
          for (std::size_t j = 0; j < marginal[i].size(); ++j) {
            extra += (c - 1.0 - static_cast<double>(j)) * marginal[i][j];
          }
          residence[i] = d / c * (1.0 + queue[i] + extra);
          break;
        }
      }
      cycle += residence[i];
    }
    const double nd = static_cast<double>(n);
    const double x = nd / cycle;
    for (std::size_t i = 0; i < m; ++i) queue[i] = x * residence[i];
    for (std::size_t i = 0; i < m; ++i) {
      if (p.role[i] != Role::Multi) continue;
      auto& pm = marginal[i];
      const double dx = p.demand[i] * x;
      for (std::size_t j = pm.size() - 1; j >= 1; --j)
        pm[j] = dx / static_cast<double>(j) * pm[j - 1];
      const auto& lg = log_complement[i];
      pm[0] = lg[n] == neg_inf ? 0.0 : pm[0] * x * std::exp(lg[n] - lg[n - 1]);
    }
    record(solution.curves, p, nd, residence, cycle);
    x_prev = x;
  }
  return solution;
}

MvaSolution schweitzer_mva(const ClosedNetwork& network) {
  const Prepared p = prepare(network);
  const std::size_t m = p.demand.size();
  MvaSolution solution;
  solution.method = method::schweitzer;
  solution.notes.push_back(
      "Schweitzer's approximation: the queue an arriving customer sees is taken as (N-1)/N of the "
      "time-average queue; typically within a few percent of exact MVA");

  // Seidmann: a c-server station of demand D = a single server of demand D/c plus a delay of
  // D(c−1)/c.
  std::vector<double> queueing(m, 0.0);
  std::vector<double> delay(m, 0.0);
  bool seidmann = false;
  for (std::size_t i = 0; i < m; ++i) {
    const double d = p.demand[i];
    if (network.stations[i].kind == ClosedStationKind::Delay) {
      delay[i] = d;
    } else {
      const double c = static_cast<double>(network.stations[i].servers);
      queueing[i] = d / c;
      delay[i] = d - d / c;
      seidmann = seidmann || (c > 1.0 && d > 0.0);
    }
  }
  if (seidmann) {
    solution.notes.push_back(
        "multi-server stations are approximated as a single server of demand D/c followed by a "
        "delay of D(c-1)/c (Seidmann, Schweitzer & Shalev-Oren 1987)");
  }
  if (!is_product_form(network)) {
    solution.notes.push_back(
        "FIFO stations with non-exponential service are treated as exponential (the network is not "
        "product form)");
  }
  double think = 0.0;
  double total = 0.0;
  double d_max = 0.0;
  for (std::size_t i = 0; i < m; ++i) {
    think += delay[i];
    total += queueing[i];
    d_max = std::max(d_max, queueing[i]);
  }

  solution.curves = make_curves(m, p.population);
  std::vector<double> residence(m, 0.0);
  for (std::uint64_t n = 1; n <= p.population; ++n) {
    const double nd = static_cast<double>(n);
    const double a = (nd - 1.0) / nd;
    // X lies in (0, hi]: f(hi) ≥ 0 at both n/(Z + D) and 1/D_max (see mva.hpp).
    double x = nd / (think + total);
    if (d_max > 0.0) x = std::min(x, 1.0 / d_max);
    if (a > 0.0) {
      // Newton from the right on the increasing convex f converges monotonically to the root.
      for (int iteration = 0; iteration < 200; ++iteration) {
        double f = x * think - nd;
        double df = think;
        for (std::size_t i = 0; i < m; ++i) {
          const double d = queueing[i];
          if (d == 0.0) continue;
          const double denom = 1.0 - a * x * d;
          f += x * d / denom;
          df += d / (denom * denom);
        }
        if (f <= 0.0) break;
        const double step = f / df;
        x -= step;
        if (step <= 1e-15 * x) break;
      }
    }
    double cycle = 0.0;
    for (std::size_t i = 0; i < m; ++i) {
      const double d = queueing[i];
      const double q = d > 0.0 ? x * d / (1.0 - a * x * d) : 0.0;
      residence[i] = (d > 0.0 ? q / x : 0.0) + delay[i];
      cycle += residence[i];
    }
    record(solution.curves, p, nd, residence, cycle);
  }
  return solution;
}

std::vector<AnalyticResult> closed_station_results(const ClosedNetwork& network,
                                                   const MvaSolution& solution) {
  std::vector<AnalyticResult> out;
  const std::size_t last = solution.curves.size() - 1;
  const double x = solution.curves.throughput[last];
  const double v_ref = network.stations[network.reference].visits;
  for (std::size_t i = 0; i < network.stations.size(); ++i) {
    const auto& s = network.stations[i];
    AnalyticResult r;
    r.model = "closed network (MVA)";
    r.method = solution.method;
    const bool delay = s.kind == ClosedStationKind::Delay;
    r.add_param("servers", delay ? unbounded : static_cast<double>(s.servers));
    if (s.service_time > 0.0) r.add_param("mu", 1.0 / s.service_time);
    r.add_param("visits", s.visits / v_ref);
    r.add_param("population", static_cast<double>(network.population));
    const double visits = s.visits / v_ref;
    const double throughput = x * visits;
    const double busy = throughput * s.service_time;
    const double q = solution.curves.queue_length[i][last];
    if (!delay) r.metrics.set(metric::utilization, busy / static_cast<double>(s.servers));
    r.metrics.set(metric::busy_servers, busy);
    r.metrics.set(metric::L, q);
    if (visits > 0.0 && throughput > 0.0) {
      const double w = solution.curves.residence_time[i][last] / visits;
      r.metrics.set(metric::W, w);
      if (s.kind != ClosedStationKind::ProcessorSharing) {
        r.metrics.set(metric::Lq, std::max(0.0, q - busy));
        r.metrics.set(metric::Wq, std::max(0.0, w - s.service_time));
      }
    } else {
      r.notes.push_back("no customer ever visits this station");
    }
    r.metrics.set(metric::throughput, throughput);
    out.push_back(std::move(r));
  }
  return out;
}

Metrics closed_network_metrics(const ClosedNetwork& network, const MvaSolution& solution) {
  Metrics m;
  const std::size_t last = solution.curves.size() - 1;
  const double x = solution.curves.throughput[last];
  const double w = solution.curves.response_time[last];
  m.set(metric::throughput, x);
  m.set(metric::W, w);
  m.set(metric::L, static_cast<double>(network.population) -
                       solution.curves.queue_length[network.reference][last]);
  m.set(cycle_time_metric, solution.curves.cycle_time[last]);
  return m;
}

}  // namespace kendall::model
