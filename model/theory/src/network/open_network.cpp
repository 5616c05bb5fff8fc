// Long on purpose: BCMP/Jackson open networks in one place — per-station product-form solution,
// the Goodman–Massey bottleneck analysis for unstable networks, validation and network metrics.

#include "kendall/model/network/open_network.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <string_view>

#include <fmt/format.h>

#include "kendall/error.hpp"
#include "kendall/model/analytic/markovian.hpp"
#include "kendall/model/network/traffic_equations.hpp"

namespace kendall::model {

namespace {

bool is_quantile(std::string_view name, std::string_view base) {
  return name.size() > base.size() + 2 && name.substr(0, base.size()) == base &&
         name.substr(base.size(), 2) == "_p";
}

/// Keeps only the listed metrics (and, when keep_wait_quantiles, the Wq_p* ones).
void keep_only(Metrics& m, std::initializer_list<std::string_view> names,
               bool keep_wait_quantiles = false) {
  Metrics kept;
  for (const auto& [name, value] : m.entries()) {
    const bool listed = std::find(names.begin(), names.end(), name) != names.end();
    if (listed || (keep_wait_quantiles && is_quantile(name, metric::Wq))) kept.set(name, value);
  }
  m = kept;
}

std::vector<std::string> station_names(const OpenNetwork& network) {
  std::vector<std::string> names;
  for (const auto& s : network.stations) names.push_back(s.name);
  return names;
}

bool finite_servers(const OpenStation& s) {
  return s.type != OpenStationType::InfiniteServer && s.servers.has_value();
}

double server_count(const OpenStation& s) { return static_cast<double>(*s.servers); }

/// Aggregate mean service time at station i over the classes that visit it.
double mean_service(const OpenStation& s, const Eigen::RowVectorXd& lambda_class) {
  const double total = lambda_class.sum();
  if (!(total > 0.0)) {
    for (double v : s.mean_service) {
      if (v > 0.0) return v;
    }
    return 0.0;
  }
  double work = 0.0;
  Eigen::Index visiting = 0;
  Eigen::Index only = 0;
  for (Eigen::Index r = 0; r < lambda_class.size(); ++r) {
    if (lambda_class(r) > 0.0) {
      work += lambda_class(r) * s.mean_service[static_cast<std::size_t>(r)];
      ++visiting;
      only = r;
    }
  }
  // One class: its own mean, bit for bit.
  if (visiting == 1) return s.mean_service[static_cast<std::size_t>(only)];
  return work / total;
}

std::string type_model(const OpenStation& s) {
  switch (s.type) {
    case OpenStationType::Fcfs:
      if (!s.servers) return "M/M/inf";
      return *s.servers == 1 ? "M/M/1" : "M/M/c";
    case OpenStationType::ProcessorSharing:
      if (!s.servers) return "M/G/inf";
      return *s.servers == 1 ? "M/G/1-PS" : "M/G/c-PS";
    case OpenStationType::InfiniteServer:
      return "M/G/inf";
    case OpenStationType::LcfsPreemptiveResume:
      return "M/G/1-LCFS-PR";
  }
  return "M/M/c";
}

/// Result for a station no customer reaches.
AnalyticResult idle_station(const OpenStation& s, double service) {
  AnalyticResult r;
  r.model = type_model(s);
  r.add_param("lambda", 0.0);
  if (service > 0.0) r.add_param("mu", 1.0 / service);
  r.add_param("servers", finite_servers(s) ? server_count(s) : unbounded);
  if (finite_servers(s)) r.metrics.set(metric::utilization, 0.0);
  r.metrics.set(metric::L, 0.0);
  if (s.type == OpenStationType::Fcfs || s.type == OpenStationType::InfiniteServer)
    r.metrics.set(metric::Lq, 0.0);
  r.metrics.set(metric::throughput, 0.0);
  r.notes.push_back("no customer ever reaches this station");
  return r;
}

}  // namespace

AnalyticResult bcmp_station(const OpenStation& s, const Eigen::RowVectorXd& lambda_class,
                            const std::vector<std::string>& class_names,
                            const QueryOptions& options) {
  const double lambda = lambda_class.sum();
  const double service = mean_service(s, lambda_class);
  if (!(lambda > 0.0)) return idle_station(s, service);
  const double mu = 1.0 / service;
  const bool multi_class = class_names.size() > 1;
  AnalyticResult r;
  switch (s.type) {
    case OpenStationType::Fcfs:
      if (!s.servers) {
        r = mminf(lambda, mu, options);
      } else if (*s.servers == 1) {
        r = mm1(lambda, mu, options);
      } else {
        r = mmc(lambda, mu, *s.servers, options);
      }
      break;
    case OpenStationType::ProcessorSharing:
      if (!s.servers) {
        r = mminf(lambda, mu, options);
        keep_only(r.metrics,
                  {metric::L, metric::Lq, metric::W, metric::Wq, metric::throughput,
                   metric::busy_servers, metric::p_wait},
                  true);
      } else {
        // Kelly's symmetric queue: the number present is that of M/M/c with the same load,
        // whatever the service distributions (insensitivity).
        r = *s.servers == 1 ? mm1(lambda, mu) : mmc(lambda, mu, *s.servers);
        keep_only(r.metrics, {metric::utilization, metric::L, metric::W, metric::throughput,
                              metric::busy_servers});
        r.notes.push_back(
            "processor sharing is insensitive: L and W depend on the service distribution only "
            "through its mean; nobody waits without being served, so Lq/Wq do not apply");
      }
      break;
    case OpenStationType::InfiniteServer:
      r = mminf(lambda, mu, options);
      // W is distributed as the service time, which only the mean describes here.
      keep_only(r.metrics,
                {metric::L, metric::Lq, metric::W, metric::Wq, metric::throughput,
                 metric::busy_servers, metric::p_wait, metric::service_level},
                true);
      break;
    case OpenStationType::LcfsPreemptiveResume:
      r = mm1(lambda, mu);
      keep_only(r.metrics, {metric::utilization, metric::L, metric::W, metric::throughput,
                            metric::busy_servers});
      r.notes.push_back(
          "LCFS preemptive-resume is insensitive: L and W are those of M/M/1 with the same load");
      break;
  }
  r.model = type_model(s);
  if (!multi_class || !r.stable) return r;

  // Per-class figures at the station.
  const double w = r.metrics.get(metric::W).value_or(0.0);
  const double l = r.metrics.get(metric::L).value_or(0.0);
  double offered = 0.0;
  for (Eigen::Index k = 0; k < lambda_class.size(); ++k) {
    if (lambda_class(k) > 0.0)
      offered += lambda_class(k) * s.mean_service[static_cast<std::size_t>(k)];
  }
  for (std::size_t k = 0; k < class_names.size(); ++k) {
    const double lk = lambda_class(static_cast<Eigen::Index>(k));
    ClassMetrics cm{class_names[k], {}};
    cm.metrics.set(metric::throughput, lk);
    if (lk > 0.0) {
      const double sk = s.mean_service[k];
      switch (s.type) {
        case OpenStationType::Fcfs:
          // Same exponential service for every class and a class-blind order: every class
          // sees the same sojourn time distribution.
          for (const auto& [name, value] : r.metrics.entries()) {
            if (name == metric::W || name == metric::Wq || is_quantile(name, metric::W) ||
                is_quantile(name, metric::Wq) || name == metric::p_wait ||
                name == metric::service_level) {
              cm.metrics.set(name, value);
            }
          }
          cm.metrics.set(metric::L, lk * w);
          if (auto wq = r.metrics.get(metric::Wq)) cm.metrics.set(metric::Lq, lk * *wq);
          break;
        case OpenStationType::InfiniteServer:
          cm.metrics.set(metric::L, lk * sk);
          cm.metrics.set(metric::W, sk);
          cm.metrics.set(metric::Wq, 0.0);
          break;
        case OpenStationType::ProcessorSharing:
        case OpenStationType::LcfsPreemptiveResume:
          // E[n_k] = (a_k / a) E[n] (symmetric queue), so W_k = L S_k / a.
          cm.metrics.set(metric::L, l * lk * sk / offered);
          cm.metrics.set(metric::W, l * sk / offered);
          break;
      }
    } else {
      cm.metrics.set(metric::L, 0.0);
    }
    r.classes.push_back(std::move(cm));
  }
  return r;
}

namespace {

/// Goodman & Massey's long-run rates of a single-class network (see the header).
Eigen::VectorXd goodman_massey(const OpenNetwork& net, const std::vector<std::string>& names,
                               const Eigen::VectorXd& nominal, std::set<std::size_t>& saturated) {
  const auto m = static_cast<Eigen::Index>(net.stations.size());
  const auto& cls = net.classes.front();
  auto capacity_rate = [&](Eigen::Index i) {
    const auto& s = net.stations[static_cast<std::size_t>(i)];
    return server_count(s) / s.mean_service.front();
  };
  auto saturates = [&](Eigen::Index i, double lambda) {
    const auto& s = net.stations[static_cast<std::size_t>(i)];
    return finite_servers(s) && lambda * s.mean_service.front() >= server_count(s);
  };
  Eigen::VectorXd lambda = nominal;
  saturated.clear();
  for (Eigen::Index i = 0; i < m; ++i) {
    if (saturates(i, lambda(i))) saturated.insert(static_cast<std::size_t>(i));
  }
  if (saturated.empty()) return lambda;
  for (std::size_t round = 0; round <= net.stations.size(); ++round) {
    std::vector<Eigen::Index> free;
    for (Eigen::Index i = 0; i < m; ++i) {
      if (!saturated.contains(static_cast<std::size_t>(i))) free.push_back(i);
    }
    const auto k = static_cast<Eigen::Index>(free.size());
    // Saturated stations send out c μ per time unit, whatever arrives.
    Eigen::VectorXd fixed_out = Eigen::VectorXd::Zero(m);
    for (auto j : saturated)
      fixed_out(static_cast<Eigen::Index>(j)) = capacity_rate(static_cast<Eigen::Index>(j));
    const Eigen::VectorXd from_saturated = cls.routing.transpose() * fixed_out;
    Eigen::MatrixXd p(k, k);
    Eigen::VectorXd g(k);
    std::vector<std::string> sub_names;
    for (Eigen::Index a = 0; a < k; ++a) {
      g(a) = cls.external(free[static_cast<std::size_t>(a)]) +
             from_saturated(free[static_cast<std::size_t>(a)]);
      sub_names.push_back(names[static_cast<std::size_t>(free[static_cast<std::size_t>(a)])]);
      for (Eigen::Index b = 0; b < k; ++b) {
        p(a, b) = cls.routing(free[static_cast<std::size_t>(a)], free[static_cast<std::size_t>(b)]);
      }
    }
    const Eigen::VectorXd x = k > 0 ? solve_traffic_equations(p, g, sub_names) : Eigen::VectorXd(0);
    Eigen::VectorXd out = fixed_out;
    for (Eigen::Index a = 0; a < k; ++a) {
      lambda(free[static_cast<std::size_t>(a)]) = x(a);
      out(free[static_cast<std::size_t>(a)]) = x(a);
    }
    const Eigen::VectorXd inflow = cls.external + cls.routing.transpose() * out;
    for (auto j : saturated)
      lambda(static_cast<Eigen::Index>(j)) = inflow(static_cast<Eigen::Index>(j));
    bool grew = false;
    for (Eigen::Index i = 0; i < m; ++i) {
      if (!saturated.contains(static_cast<std::size_t>(i)) && saturates(i, lambda(i))) {
        saturated.insert(static_cast<std::size_t>(i));
        grew = true;
      }
    }
    if (!grew) return lambda;
  }
  return lambda;
}

std::string name_list(const std::vector<std::string>& names, const std::set<std::size_t>& which) {
  std::string out;
  for (auto i : which) {
    if (!out.empty()) out += ", ";
    out += fmt::format("'{}'", names[i]);
  }
  return out;
}

}  // namespace

void validate(const OpenNetwork& network) {
  if (network.stations.empty())
    throw InvalidParameter("an open network needs at least one station");
  if (network.classes.empty())
    throw InvalidParameter("an open network needs at least one customer class");
  const auto m = static_cast<Eigen::Index>(network.stations.size());
  const std::size_t k = network.classes.size();
  double total = 0.0;
  for (const auto& c : network.classes) {
    if (c.external.size() != m) {
      throw InvalidParameter(fmt::format("class '{}': {} external arrival rates for {} stations",
                                         c.name, c.external.size(), m));
    }
    if (c.routing.rows() != m || c.routing.cols() != m) {
      throw InvalidParameter(fmt::format("class '{}': routing matrix is {}x{}, expected {}x{}",
                                         c.name, c.routing.rows(), c.routing.cols(), m, m));
    }
    for (Eigen::Index i = 0; i < m; ++i) {
      if (!std::isfinite(c.external(i)) || c.external(i) < 0.0) {
        throw InvalidParameter(
            fmt::format("class '{}': external arrival rate into '{}' is {}; expected a "
                        "finite rate >= 0",
                        c.name, network.stations[static_cast<std::size_t>(i)].name, c.external(i)));
      }
      total += c.external(i);
    }
  }
  if (!(total > 0.0))
    throw InvalidParameter("an open network needs external arrivals (every rate is 0)");
  for (const auto& s : network.stations) {
    if (s.mean_service.size() != k) {
      throw InvalidParameter(fmt::format("station '{}': {} mean service times for {} classes",
                                         s.name, s.mean_service.size(), k));
    }
    for (double v : s.mean_service) {
      if (!std::isfinite(v) || v < 0.0) {
        throw InvalidParameter(
            fmt::format("station '{}': mean service time {} is not a finite time >= 0", s.name, v));
      }
    }
    if (s.servers && *s.servers < 1) {
      throw InvalidParameter(fmt::format("station '{}': servers must be at least 1", s.name));
    }
    if (s.type == OpenStationType::LcfsPreemptiveResume && (!s.servers || *s.servers != 1)) {
      throw InvalidParameter(fmt::format(
          "station '{}': LCFS preemptive-resume is a product-form station only with one server",
          s.name));
    }
  }
}

OpenNetworkResult solve_open_network(const OpenNetwork& network, const QueryOptions& options) {
  validate(network);
  const std::vector<std::string> names = station_names(network);
  const auto m = static_cast<Eigen::Index>(network.stations.size());
  const auto k = static_cast<Eigen::Index>(network.classes.size());
  std::vector<std::string> class_names;
  for (const auto& c : network.classes) class_names.push_back(c.name);

  OpenNetworkResult res;
  Eigen::MatrixXd lambda_class(m, k);
  for (Eigen::Index r = 0; r < k; ++r) {
    const auto& c = network.classes[static_cast<std::size_t>(r)];
    lambda_class.col(r) = solve_traffic_equations(c.routing, c.external, names);
  }

  // Service times must be given (> 0) wherever customers go, and FCFS needs one mean.
  for (Eigen::Index i = 0; i < m; ++i) {
    const auto& s = network.stations[static_cast<std::size_t>(i)];
    std::optional<double> first;
    for (Eigen::Index r = 0; r < k; ++r) {
      if (!(lambda_class(i, r) > 0.0)) continue;
      const double v = s.mean_service[static_cast<std::size_t>(r)];
      if (!(v > 0.0)) {
        throw InvalidParameter(fmt::format(
            "station '{}': class '{}' visits it but its mean service time is {}; expected > 0",
            s.name, class_names[static_cast<std::size_t>(r)], v));
      }
      if (s.type == OpenStationType::Fcfs && first && std::abs(v - *first) > 1e-9 * *first) {
        throw InvalidParameter(fmt::format(
            "station '{}' is FIFO with different mean service times per class ({} and {}): not a "
            "product-form (BCMP) station; FIFO needs the same exponential service for every class",
            s.name, *first, v));
      }
      if (!first) first = v;
    }
  }

  const Eigen::VectorXd nominal = lambda_class.rowwise().sum();
  double gamma = 0.0;
  Eigen::VectorXd gamma_class(k);
  for (Eigen::Index r = 0; r < k; ++r) {
    gamma_class(r) = network.classes[static_cast<std::size_t>(r)].external.sum();
    gamma += gamma_class(r);
  }

  // Bottleneck and headroom from the offered loads (linear in the arrival rates).
  double rho_max = 0.0;
  for (Eigen::Index i = 0; i < m; ++i) {
    const auto& s = network.stations[static_cast<std::size_t>(i)];
    if (!finite_servers(s)) continue;
    const double rho = nominal(i) * mean_service(s, lambda_class.row(i)) / server_count(s);
    if (!res.bottleneck || rho > rho_max) {
      res.bottleneck = static_cast<std::size_t>(i);
      rho_max = rho;
    }
  }
  if (res.bottleneck && rho_max > 0.0) res.max_arrival_scaling = 1.0 / rho_max;

  res.stations.assign(static_cast<std::size_t>(m), std::nullopt);
  res.station_reasons.assign(static_cast<std::size_t>(m), std::string{});
  std::set<std::size_t> saturated;
  std::set<std::size_t> unknown;
  if (k == 1) {
    lambda_class.col(0) = goodman_massey(network, names, nominal, saturated);
  } else {
    for (Eigen::Index i = 0; i < m; ++i) {
      const auto& s = network.stations[static_cast<std::size_t>(i)];
      if (finite_servers(s) &&
          nominal(i) * mean_service(s, lambda_class.row(i)) >= server_count(s)) {
        saturated.insert(static_cast<std::size_t>(i));
      }
    }
    if (!saturated.empty()) {
      Eigen::MatrixXd any_route = Eigen::MatrixXd::Zero(m, m);
      for (const auto& c : network.classes) any_route += c.routing;
      const auto reach = routing_reachability(any_route);
      for (auto j : saturated) {
        for (std::size_t i = 0; i < static_cast<std::size_t>(m); ++i) {
          if (reach[j][i]) unknown.insert(i);
        }
      }
      const std::string sources = name_list(names, saturated);
      for (auto i : unknown) {
        saturated.erase(i);
        res.station_reasons[i] = fmt::format(
            "customers reach this station through the saturated station(s) {}; with several "
            "classes the long-run arrival rates downstream of a saturated station depend on how it "
            "splits its output among the classes, which is not computed",
            sources);
      }
      res.notes.push_back(
          fmt::format("offered load reaches or exceeds the capacity of {}", sources));
    }
  }
  res.class_arrival_rates = lambda_class;
  res.arrival_rates = lambda_class.rowwise().sum();
  res.visit_ratios = res.arrival_rates / gamma;
  res.class_visit_ratios = Eigen::MatrixXd::Zero(m, k);
  for (Eigen::Index r = 0; r < k; ++r) {
    if (gamma_class(r) > 0.0) res.class_visit_ratios.col(r) = lambda_class.col(r) / gamma_class(r);
  }

  for (Eigen::Index i = 0; i < m; ++i) {
    const auto idx = static_cast<std::size_t>(i);
    if (unknown.contains(idx)) continue;
    res.stations[idx] =
        bcmp_station(network.stations[idx], lambda_class.row(i), class_names, options);
  }

  res.saturated.assign(saturated.begin(), saturated.end());
  res.stable = saturated.empty() && unknown.empty();
  if (!saturated.empty()) {
    double growth = 0.0;
    for (auto i : saturated) growth += res.stations[i]->growth_rate.value_or(0.0);
    res.notes.push_back(
        fmt::format("saturated: {} (utilization >= 1); the number of customers there "
                    "grows without bound",
                    name_list(names, saturated)));
    if (unknown.empty()) {
      res.growth_rate = growth;
      res.network.set(metric::throughput, gamma - growth);
    }
    if (k == 1) {
      res.notes.push_back(
          "stations that are not saturated keep exact results, with the long-run arrival rates of "
          "Goodman & Massey (1984)");
    }
    return res;
  }

  if (!unknown.empty()) return res;

  double l_total = 0.0;
  for (const auto& s : res.stations) l_total += s->metrics.at(metric::L);
  res.network.set(metric::L, l_total);
  res.network.set(metric::W, l_total / gamma);
  res.network.set(metric::throughput, gamma);
  if (k > 1) {
    for (Eigen::Index r = 0; r < k; ++r) {
      ClassMetrics cm{class_names[static_cast<std::size_t>(r)], {}};
      cm.metrics.set(metric::throughput, gamma_class(r));
      if (gamma_class(r) > 0.0) {
        double lr = 0.0;
        for (const auto& s : res.stations) {
          for (const auto& c : s->classes) {
            if (c.name == cm.name) lr += c.metrics.get(metric::L).value_or(0.0);
          }
        }
        cm.metrics.set(metric::L, lr);
        cm.metrics.set(metric::W, lr / gamma_class(r));
      }
      res.network_classes.push_back(std::move(cm));
    }
  }
  return res;
}

OpenNetwork jackson_network(std::vector<std::string> names,
                            std::vector<std::optional<std::uint32_t>> servers,
                            const std::vector<double>& mu, Eigen::VectorXd gamma,
                            Eigen::MatrixXd routing) {
  if (servers.size() != names.size() || mu.size() != names.size()) {
    throw InvalidParameter(
        fmt::format("jackson_network: {} names, {} server counts and {} service rates",
                    names.size(), servers.size(), mu.size()));
  }
  OpenNetwork net;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (!std::isfinite(mu[i]) || !(mu[i] > 0.0)) {
      throw InvalidParameter(fmt::format(
          "station '{}': service rate {} is not a positive finite rate", names[i], mu[i]));
    }
    OpenStation s;
    s.name = std::move(names[i]);
    s.type = OpenStationType::Fcfs;
    s.servers = servers[i];
    s.mean_service = {1.0 / mu[i]};
    net.stations.push_back(std::move(s));
  }
  OpenClass c;
  c.name = "default";
  c.external = std::move(gamma);
  c.routing = std::move(routing);
  net.classes.push_back(std::move(c));
  return net;
}

}  // namespace kendall::model
