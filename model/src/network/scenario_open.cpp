// Open scenarios: which stations are exact (product form, or Poisson-fed single queues),
// which are QNA approximations, and which have no analytic answer; then the network.

#include <algorithm>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "kendall/error.hpp"
#include "kendall/model/network/open_network.hpp"
#include "kendall/model/network/qna.hpp"
#include "kendall/model/network/traffic_equations.hpp"
#include "network_detail.hpp"
#include "scenario_detail.hpp"

namespace kendall::model::detail {

namespace {

bool constant_profile(const PiecewiseConstant& p) {
  return std::all_of(p.values.begin(), p.values.end(), [&](double v) { return v == p.values.front(); });
}

/// A stream is stationary unless its rate profile really varies.
bool stationary(const ArrivalSpec& a) { return !a.rate_profile || constant_profile(*a.rate_profile); }

bool poisson_stream(const ArrivalSpec& a) {
  return stationary(a) && (a.rate_profile || is_exponential(a.interarrival));
}

double stream_rate(const ArrivalSpec& a) {
  if (a.rate_profile) return a.rate_profile->long_run_average();
  // The rate itself, not 1/(1/rate), so that a single station sees the λ of the file bit for bit.
  if (const auto* e = std::get_if<dist::Exponential>(&a.interarrival)) return e->rate;
  return a.rate();
}

double stream_scv(const ArrivalSpec& a) { return poisson_stream(a) ? 1.0 : scv(a.interarrival); }

bool has_balking(const StationSpec& st) { return st.balking && st.balking->probability > 0.0; }

bool has_retries(const StationSpec& st) {
  return st.retry && st.retry->failure_probability > 0.0 && st.retry->max_attempts > 1;
}

/// Failed customers that are not retried leave instead of being routed on.
double retry_pass(const StationSpec& st) {
  if (st.retry && st.retry->failure_probability > 0.0 && st.retry->max_attempts <= 1) {
    return 1.0 - st.retry->failure_probability;
  }
  return 1.0;
}

bool has_schedule(const StationSpec& st) { return st.server_schedule && !constant_schedule(st); }

/// Long-run routing fractions of class k out of every station.
Eigen::MatrixXd routing_matrix(const Scenario& sc, std::size_t k) {
  const auto m = static_cast<Eigen::Index>(sc.stations.size());
  Eigen::MatrixXd p = Eigen::MatrixXd::Zero(m, m);
  for (Eigen::Index i = 0; i < m; ++i) {
    const auto& r = sc.stations[static_cast<std::size_t>(i)].routing.at(k);
    if (r.policy == RoutingPolicy::Probabilistic) {
      for (const auto& t : r.targets) {
        if (t.station) p(i, static_cast<Eigen::Index>(*t.station)) += t.probability;
      }
    } else if (!r.targets.empty()) {
      // Random and round robin send 1/n of the customers to each candidate in the long run;
      // join-shortest-queue does not (it is flagged separately, this is only a placeholder).
      const double share = 1.0 / static_cast<double>(r.targets.size());
      for (const auto& t : r.targets) {
        if (t.station) p(i, static_cast<Eigen::Index>(*t.station)) += share;
      }
    }
  }
  return p;
}

struct Analysis {
  std::size_t m = 0;
  std::size_t k = 0;
  std::vector<std::string> names;
  std::vector<Eigen::MatrixXd> routing;     // per class
  std::vector<Eigen::VectorXd> external;    // per class, long-run rates
  Eigen::MatrixXd any_route;                // union of the classes' routing
  std::vector<std::vector<bool>> reach;     // reach[i][j]: i leads to j
  std::vector<bool> on_cycle;
  std::vector<bool> round_robin_out;        // every visiting class leaves by round robin
  std::vector<bool> jsq_out;
  std::vector<bool> non_bernoulli_out;      // some class leaves by round robin or JSQ
  std::vector<std::vector<bool>> visited;   // visited[i][k]: class k can reach station i
  /// Why the station has no answer of its own (schedule, balking, retries, time-varying input).
  std::vector<std::optional<std::string>> own;
  /// Why the station's input is unknown or not stationary (set from upstream).
  std::vector<std::optional<std::string>> taint;
};

void taint_downstream(Analysis& a, std::size_t source, bool include_source, const std::string& reason) {
  for (std::size_t j = 0; j < a.m; ++j) {
    if ((a.reach[source][j] || (include_source && j == source)) && !a.taint[j]) a.taint[j] = reason;
  }
}

Analysis analyse(const Scenario& sc) {
  Analysis a;
  a.m = sc.stations.size();
  a.k = sc.classes.size();
  for (const auto& st : sc.stations) a.names.push_back(st.name);
  const auto m = static_cast<Eigen::Index>(a.m);
  a.any_route = Eigen::MatrixXd::Zero(m, m);
  for (std::size_t k = 0; k < a.k; ++k) {
    a.routing.push_back(routing_matrix(sc, k));
    a.any_route += a.routing.back();
    a.external.push_back(Eigen::VectorXd::Zero(m));
  }
  for (const auto& arr : sc.arrivals) {
    a.external[arr.customer_class](static_cast<Eigen::Index>(arr.station)) += stream_rate(arr);
  }
  a.reach = routing_reachability(a.any_route);
  a.visited.assign(a.m, std::vector<bool>(a.k, false));
  for (std::size_t k = 0; k < a.k; ++k) {
    const auto class_reach = routing_reachability(a.routing[k]);
    for (const auto& arr : sc.arrivals) {
      if (arr.customer_class != k) continue;
      a.visited[arr.station][k] = true;
      for (std::size_t j = 0; j < a.m; ++j) {
        if (class_reach[arr.station][j]) a.visited[j][k] = true;
      }
    }
  }
  a.on_cycle.assign(a.m, false);
  for (std::size_t i = 0; i < a.m; ++i) a.on_cycle[i] = a.reach[i][i];
  a.round_robin_out.assign(a.m, false);
  a.jsq_out.assign(a.m, false);
  a.non_bernoulli_out.assign(a.m, false);
  a.own.assign(a.m, std::nullopt);
  a.taint.assign(a.m, std::nullopt);
  for (std::size_t i = 0; i < a.m; ++i) {
    bool all_rr = true;
    for (const auto& r : sc.stations[i].routing) {
      if (r.policy == RoutingPolicy::RoundRobin) a.non_bernoulli_out[i] = true;
      if (r.policy == RoutingPolicy::JoinShortestQueue) {
        a.jsq_out[i] = true;
        a.non_bernoulli_out[i] = true;
      }
      if (r.policy != RoutingPolicy::RoundRobin) all_rr = false;
    }
    a.round_robin_out[i] = all_rr && !sc.stations[i].routing.empty();
  }

  // Sources of "no steady state" / "unknown flows", strongest first.
  for (std::size_t s = 0; s < sc.arrivals.size(); ++s) {
    const auto& arr = sc.arrivals[s];
    if (stationary(arr)) continue;
    const auto& name = a.names[arr.station];
    if (!a.own[arr.station]) {
      a.own[arr.station] = fmt::format(
          "its arrivals follow a time-varying rate profile (arrivals[{}]): there is no steady state to compute",
          s);
    }
    taint_downstream(a, arr.station, false,
                     fmt::format("it receives customers from '{}', whose arrival rate varies over time: there is "
                                 "no steady state",
                                 name));
  }
  for (std::size_t i = 0; i < a.m; ++i) {
    const auto& st = sc.stations[i];
    std::optional<std::string> why;
    std::string downstream;
    if (has_schedule(st)) {
      why = "its number of servers follows a schedule: there is no steady state to compute";
      downstream = fmt::format("it receives customers from '{}', whose server schedule makes its output vary over time",
                               st.name);
    } else if (has_balking(st)) {
      why = fmt::format(
          "customers balk (do not join when {} or more are waiting, with probability {}): balking queues have no "
          "closed form here",
          st.balking->threshold, st.balking->probability);
      downstream = fmt::format("it receives customers from '{}', whose balking losses are unknown", st.name);
    } else if (has_retries(st)) {
      why = fmt::format(
          "failed services are retried (failure probability {}, up to {} attempts, after a backoff): the retries "
          "form a delayed feedback stream with no closed form",
          st.retry->failure_probability, st.retry->max_attempts);
      downstream = fmt::format("it receives customers from '{}', whose retries change its output in ways with no "
                               "closed form",
                               st.name);
    } else if (auto loss = loss_unknown_reason(sc, i, a.visited[i])) {
      downstream = fmt::format("it receives customers from '{}', whose losses cannot be computed ({})", st.name,
                               *loss);
    }
    if (why && !a.own[i]) a.own[i] = why;
    if (!downstream.empty()) taint_downstream(a, i, false, downstream);
    if (a.jsq_out[i]) {
      for (std::size_t k = 0; k < a.k; ++k) {
        const auto& r = st.routing[k];
        if (r.policy != RoutingPolicy::JoinShortestQueue) continue;
        for (const auto& t : r.targets) {
          if (!t.station) continue;
          const std::string reason = fmt::format(
              "it receives customers that '{}' routes to the shortest queue: how many come here depends on the "
              "queue lengths, which no closed form gives",
              st.name);
          taint_downstream(a, *t.station, true, reason);
        }
      }
    }
  }
  return a;
}

std::vector<bool> visiting_classes(const Eigen::MatrixXd& lambda, std::size_t i) {
  std::vector<bool> v(static_cast<std::size_t>(lambda.cols()), false);
  for (Eigen::Index k = 0; k < lambda.cols(); ++k) v[static_cast<std::size_t>(k)] = lambda(static_cast<Eigen::Index>(i), k) > 0.0;
  return v;
}

std::vector<double> row(const Eigen::MatrixXd& lambda, std::size_t i) {
  std::vector<double> r(static_cast<std::size_t>(lambda.cols()));
  for (Eigen::Index k = 0; k < lambda.cols(); ++k) r[static_cast<std::size_t>(k)] = lambda(static_cast<Eigen::Index>(i), k);
  return r;
}

/// λ_ir with service-completion pass-through θ_i (losses leave instead of being routed).
Eigen::MatrixXd flows(const Analysis& a, const std::vector<double>& theta) {
  Eigen::MatrixXd lambda(static_cast<Eigen::Index>(a.m), static_cast<Eigen::Index>(a.k));
  Eigen::VectorXd t(static_cast<Eigen::Index>(a.m));
  for (std::size_t i = 0; i < a.m; ++i) t(static_cast<Eigen::Index>(i)) = theta[i];
  for (std::size_t k = 0; k < a.k; ++k) {
    const Eigen::MatrixXd p = t.asDiagonal() * a.routing[k];
    lambda.col(static_cast<Eigen::Index>(k)) = solve_traffic_equations(p, a.external[k], a.names);
  }
  return lambda;
}

double offered_load_per_server(const Scenario& sc, std::size_t i, const std::vector<double>& rates) {
  const auto& st = sc.stations[i];
  std::optional<std::uint32_t> c = st.servers;
  if (st.server_schedule) c = constant_schedule(st);
  if (!c) return 0.0;
  double work = 0.0;
  for (std::size_t k = 0; k < rates.size(); ++k) {
    if (rates[k] > 0.0) work += rates[k] * mean(st.service.at(k));
  }
  return work / static_cast<double>(*c);
}

double mixture_scv(const StationSpec& st, const std::vector<double>& rates) {
  double lambda = 0.0;
  double m1 = 0.0;
  double m2 = 0.0;
  for (std::size_t k = 0; k < rates.size(); ++k) {
    if (!(rates[k] > 0.0)) continue;
    const double mk = mean(st.service.at(k));
    lambda += rates[k];
    m1 += rates[k] * mk;
    m2 += rates[k] * (variance(st.service.at(k)) + mk * mk);
  }
  if (!(lambda > 0.0)) return 1.0;
  m1 /= lambda;
  m2 /= lambda;
  return std::max(0.0, m2 / (m1 * m1) - 1.0);
}

std::string least_exact_method(const std::vector<StationSolution>& stations) {
  std::set<std::string> approx;
  for (const auto& s : stations) {
    if (s.result && s.result->method != method::exact) approx.insert(s.result->method);
  }
  if (approx.empty()) return method::exact;
  if (approx.size() == 1) return *approx.begin();
  return "approximation (combines the stations' approximations)";
}

}  // namespace

ScenarioSolution solve_open(const Scenario& sc, const QueryOptions& options) {
  ScenarioSolution sol;
  sol.name = sc.name;
  sol.kind = ScenarioKind::Open;
  Analysis a = analyse(sc);

  // Stations whose losses (capacity, patience) feed back into the flows: iterate the
  // pass-through fractions to a fixed point (exact in feed-forward networks after as many
  // rounds as the network is deep).
  std::vector<double> theta(a.m, 1.0);
  for (std::size_t i = 0; i < a.m; ++i) theta[i] = retry_pass(sc.stations[i]);
  std::vector<double> admitted(a.m, 1.0);
  std::vector<double> served(a.m, 1.0);
  Eigen::MatrixXd lambda;
  bool converged = false;
  for (int round = 0; round < 500 && !converged; ++round) {
    lambda = flows(a, theta);
    converged = true;
    for (std::size_t i = 0; i < a.m; ++i) {
      const auto& st = sc.stations[i];
      if (!(st.capacity || st.patience) || a.own[i] || a.taint[i] || loss_unknown_reason(sc, i, a.visited[i])) continue;
      StationInput in;
      in.class_rates = row(lambda, i);
      const StationAnswer ans = solve_station_model(sc, i, in, {});
      const double t = ans.served * retry_pass(st);
      admitted[i] = ans.admitted;
      served[i] = ans.served;
      if (std::abs(t - theta[i]) > 1e-14 * std::max(1.0, theta[i])) converged = false;
      theta[i] = t;
    }
  }
  if (!converged) {
    sol.notes.push_back("the flows through stations with losses did not settle to a fixed point; the rates are the "
                        "last iterate");
  }

  // Saturated stations (unlimited waiting room, offered load ≥ servers).
  std::vector<bool> saturated(a.m, false);
  for (std::size_t i = 0; i < a.m; ++i) {
    const auto& st = sc.stations[i];
    if (a.own[i] || a.taint[i] || st.capacity || st.patience) continue;
    if (st.discipline != Discipline::ProcessorSharing && !st.infinite_servers() &&
        offered_load_per_server(sc, i, row(lambda, i)) >= 1.0) {
      saturated[i] = true;
    }
    if (st.discipline == Discipline::ProcessorSharing && offered_load_per_server(sc, i, row(lambda, i)) >= 1.0) {
      saturated[i] = true;
    }
  }

  // Product-form stations and the "Jackson network" case.
  std::vector<std::optional<std::string>> not_pf(a.m);
  for (std::size_t i = 0; i < a.m; ++i) {
    if (a.non_bernoulli_out[i]) {
      not_pf[i] = "its routing is not probabilistic";
    } else {
      not_pf[i] = not_product_form_reason(sc, i, visiting_classes(lambda, i));
    }
  }
  std::vector<bool> stream_poisson(a.m, true);
  for (const auto& arr : sc.arrivals) {
    if (!poisson_stream(arr)) stream_poisson[arr.station] = false;
  }
  const bool jackson = std::all_of(not_pf.begin(), not_pf.end(), [](const auto& r) { return !r; }) &&
                       std::all_of(stream_poisson.begin(), stream_poisson.end(), [](bool b) { return b; }) &&
                       std::all_of(a.own.begin(), a.own.end(), [](const auto& r) { return !r; }) &&
                       std::all_of(a.taint.begin(), a.taint.end(), [](const auto& r) { return !r; });

  std::optional<OpenNetworkResult> open;
  if (jackson) {
    // Exactly a Jackson/BCMP network: its solver also handles saturation (Goodman–Massey).
    OpenNetwork net;
    for (std::size_t i = 0; i < a.m; ++i) {
      const auto& st = sc.stations[i];
      OpenStation os;
      os.name = st.name;
      os.servers = st.server_schedule ? constant_schedule(st) : st.servers;
      os.type = !os.servers ? OpenStationType::InfiniteServer
                : st.discipline == Discipline::ProcessorSharing ? OpenStationType::ProcessorSharing
                                                                 : OpenStationType::Fcfs;
      for (const auto& d : st.service) os.mean_service.push_back(mean(d));
      net.stations.push_back(std::move(os));
    }
    Eigen::VectorXd pass(static_cast<Eigen::Index>(a.m));
    for (std::size_t i = 0; i < a.m; ++i) pass(static_cast<Eigen::Index>(i)) = retry_pass(sc.stations[i]);
    for (std::size_t k = 0; k < a.k; ++k) {
      net.classes.push_back({sc.classes[k].name, a.external[k], pass.asDiagonal() * a.routing[k]});
    }
    open = solve_open_network(net, options);
    lambda = open->class_arrival_rates;
    sol.notes.push_back(
        "product-form network (Jackson/BCMP): every station's result and the end-to-end figures are exact");
    std::fill(saturated.begin(), saturated.end(), false);
    for (auto i : open->saturated) saturated[i] = true;
  }

  // Anything downstream of a saturated station has no stationary input (outside the Jackson case).
  if (!jackson) {
    for (std::size_t i = 0; i < a.m; ++i) {
      if (!saturated[i]) continue;
      taint_downstream(a, i, false,
                       fmt::format("it receives customers from '{}', which is saturated: its output is not that of "
                                   "a stable station",
                                   a.names[i]));
    }
  }

  // Which stations see exactly Poisson arrivals / exact product-form marginals.
  std::vector<bool> exact_input(a.m, false);
  for (std::size_t i = 0; i < a.m; ++i) {
    bool upstream_ok = stream_poisson[i];
    for (std::size_t j = 0; j < a.m; ++j) {
      if (j == i || !a.reach[j][i]) continue;
      if (not_pf[j] || !stream_poisson[j] || saturated[j]) upstream_ok = false;
    }
    // R1: itself product form too (its marginal is the BCMP one even on a cycle);
    // R2: not on a cycle (its arrivals are the Poisson exits of the upstream network).
    exact_input[i] = jackson || (upstream_ok && (!not_pf[i] || !a.on_cycle[i]));
  }

  // QNA for the others.
  Eigen::VectorXd arrival_scv = Eigen::VectorXd::Ones(static_cast<Eigen::Index>(a.m));
  bool need_qna = false;
  for (std::size_t i = 0; i < a.m; ++i) need_qna = need_qna || (!exact_input[i] && !a.own[i] && !a.taint[i]);
  need_qna = need_qna && !jackson;
  if (need_qna) {
    std::vector<QnaStation> qs(a.m);
    const auto m = static_cast<Eigen::Index>(a.m);
    Eigen::MatrixXd q = Eigen::MatrixXd::Zero(m, m);
    for (std::size_t i = 0; i < a.m; ++i) {
      const auto& st = sc.stations[i];
      const auto rates = row(lambda, i);
      double total = 0.0;
      for (double v : rates) total += v;
      qs[i].arrival_rate = total;
      qs[i].servers = st.server_schedule ? constant_schedule(st) : st.servers;
      qs[i].utilization = std::clamp(offered_load_per_server(sc, i, rates) * admitted[i], 0.0, 0.999999);
      qs[i].service_scv = mixture_scv(st, rates);
      qs[i].splitting = a.round_robin_out[i] ? QnaSplitting::Cyclic : QnaSplitting::Bernoulli;
      if (total > 0.0) {
        for (std::size_t k = 0; k < a.k; ++k) {
          q.row(static_cast<Eigen::Index>(i)) += rates[k] * theta[i] * a.routing[k].row(static_cast<Eigen::Index>(i)) / total;
        }
      }
    }
    std::vector<QnaExternalStream> ext;
    for (const auto& arr : sc.arrivals) ext.push_back({arr.station, stream_rate(arr), stream_scv(arr)});
    arrival_scv = qna_arrival_scv(qs, q, ext);
  }

  // Station results.
  sol.stations.resize(a.m);
  for (std::size_t i = 0; i < a.m; ++i) {
    auto& out = sol.stations[i];
    out.name = a.names[i];
    if (a.own[i]) {
      out.reason = *a.own[i];
      continue;
    }
    if (a.taint[i]) {
      out.reason = *a.taint[i];
      continue;
    }
    if (open && !open->stations[i]) {
      out.reason = open->station_reasons[i];
      continue;
    }
    StationInput in;
    in.class_rates = row(lambda, i);
    in.poisson = exact_input[i];
    in.arrival_scv = arrival_scv(static_cast<Eigen::Index>(i));
    bool fed_by_stations = false;
    for (std::size_t j = 0; j < a.m; ++j) fed_by_stations = fed_by_stations || a.reach[j][i];
    in.scv_source = fed_by_stations ? "from QNA's linkage equations" : "of the external renewal arrivals";
    in.scv_from_qna = fed_by_stations || std::count_if(sc.arrivals.begin(), sc.arrivals.end(),
                                                       [&](const ArrivalSpec& arr) { return arr.station == i; }) > 1;
    StationAnswer ans = solve_station_model(sc, i, in, options);
    if (ans.result) {
      if (exact_input[i] && ans.result->method == method::exact && not_pf[i] && fed_by_stations) {
        ans.result->notes.push_back(
            "its arrivals are exactly Poisson: everything upstream is a product-form network fed by Poisson "
            "streams, and this station is on no routing cycle");
      }
      if (sc.stations[i].server_schedule) {
        ans.result->notes.push_back("the server schedule never changes the number of servers");
      }
      if (retry_pass(sc.stations[i]) < 1.0) {
        ans.result->notes.push_back(fmt::format(
            "{:.4g} of the customers fail their only attempt and leave instead of being routed on",
            1.0 - retry_pass(sc.stations[i])));
      }
    }
    out.result = std::move(ans.result);
    out.reason = std::move(ans.reason);
  }

  // A lossy station left without a result leaves its downstream flows unknown too.
  for (std::size_t i = 0; i < a.m; ++i) {
    const auto& st = sc.stations[i];
    if (sol.stations[i].result || !(st.capacity || st.patience)) continue;
    for (std::size_t j = 0; j < a.m; ++j) {
      if (!a.reach[i][j] || !sol.stations[j].result) continue;
      sol.stations[j].result.reset();
      sol.stations[j].reason = fmt::format(
          "it receives customers from '{}', which has no analytic result, so its arrival rate is unknown", st.name);
    }
  }

  // Visit ratios per entering customer.
  double gamma_total = 0.0;
  for (const auto& e : a.external) gamma_total += e.sum();
  for (std::size_t i = 0; i < a.m; ++i) {
    sol.visit_ratios.push_back(gamma_total > 0.0 ? lambda.row(static_cast<Eigen::Index>(i)).sum() / gamma_total : 0.0);
  }
  for (const auto& st : sc.stations) {
    if (st.total_backlog() > 0) {
      sol.notes.push_back("backlogs at time 0 only affect the start of a run; steady-state results ignore them");
      break;
    }
  }

  // The network.
  std::vector<std::size_t> missing;
  std::vector<std::size_t> unstable;
  for (std::size_t i = 0; i < a.m; ++i) {
    if (!sol.stations[i].result) {
      missing.push_back(i);
    } else if (!sol.stations[i].result->stable) {
      unstable.push_back(i);
    }
  }
  NetworkSolution net;
  net.method = least_exact_method(sol.stations);
  // Bottleneck among finite-server stations.
  double rho_max = -1.0;
  bool lossy = false;
  for (std::size_t i = 0; i < a.m; ++i) {
    const auto& st = sc.stations[i];
    lossy = lossy || st.capacity || st.patience || retry_pass(st) < 1.0;
    if (st.infinite_servers() && !st.server_schedule) continue;
    if (a.own[i] || a.taint[i]) continue;
    const double rho = offered_load_per_server(sc, i, row(jackson ? open->class_arrival_rates : lambda, i));
    if (rho > rho_max) {
      rho_max = rho;
      net.bottleneck = a.names[i];
    }
  }
  if (!unstable.empty()) {
    net.stable = false;
    double growth = 0.0;
    bool growth_known = missing.empty();
    for (auto i : unstable) {
      net.saturated.push_back(a.names[i]);
      if (auto g = sol.stations[i].result->growth_rate) {
        growth += *g;
      } else {
        growth_known = false;
      }
    }
    if (jackson && open->growth_rate) {
      net.growth_rate = *open->growth_rate;
      net.metrics.set(metric::throughput, open->network.at(metric::throughput));
    } else if (growth_known) {
      net.growth_rate = growth;
    }
    net.notes.push_back(fmt::format("saturated: {}; customers accumulate there without bound, so the network has "
                                    "no steady-state L or W",
                                    quoted_names(sc, unstable)));
    if (!lossy && rho_max > 0.0) net.max_arrival_scaling = 1.0 / rho_max;
    sol.network = std::move(net);
    return sol;
  }
  if (!missing.empty()) {
    sol.network_reason = fmt::format(
        "no end-to-end result: {} {} no analytic result (see {})", missing.size() == 1 ? "station" : "stations",
        quoted_names(sc, missing), missing.size() == 1 ? "its reason" : "their reasons");
    return sol;
  }

  // Everything known. L counts every customer present; throughput the customers leaving after
  // service; W is the mean time in the system of those customers (the simulator's end-to-end
  // W). Customers lost on the way (blocked, abandoned, failed) are excluded from W by the
  // probability s_ir that a class-r customer arriving at station i eventually leaves served:
  //   s = θ ∘ (e + P s)   (θ_i = served fraction at i, e_i = exit probability),
  // and the served customers' share of the time present, L_served = Σ λ_ir s_ir W_ir^served,
  // where W^served is the sojourn of customers served at the station (Wq_served + S after
  // abandonment). This is exact when losses happen only where a customer enters the system
  // or by an independent coin (failures); for customers lost further downstream it assumes
  // that their fate does not depend on how long they spent upstream.
  double l_total = 0.0;
  std::vector<double> l_class(a.k, 0.0);
  for (std::size_t i = 0; i < a.m; ++i) {
    const auto& r = *sol.stations[i].result;
    l_total += r.metrics.at(metric::L);
    if (a.k > 1) {
      for (std::size_t k = 0; k < a.k && k < r.classes.size(); ++k) l_class[k] += r.classes[k].metrics.get(metric::L).value_or(0.0);
    }
  }
  // Sojourn at station i of the class-k customers served there.
  auto served_sojourn = [&](std::size_t i, std::size_t k) -> double {
    const auto& r = *sol.stations[i].result;
    const Metrics* m = &r.metrics;
    if (a.k > 1 && k < r.classes.size()) m = &r.classes[k].metrics;
    if (auto wq = r.metrics.get("Wq_served")) return *wq + mean(sc.stations[i].service.at(k));
    return m->get(metric::W).value_or(0.0);
  };
  bool downstream_losses = false;
  for (std::size_t i = 0; i < a.m; ++i) {
    const bool fed = std::any_of(a.reach.begin(), a.reach.end(), [&](const auto& row_i) { return row_i[i]; });
    if (fed && (admitted[i] < 1.0 || served[i] < 1.0)) downstream_losses = true;
  }
  std::vector<double> served_l(a.k, 0.0);
  std::vector<double> leaving(a.k, 0.0);
  const auto m = static_cast<Eigen::Index>(a.m);
  Eigen::VectorXd t(m);
  for (std::size_t i = 0; i < a.m; ++i) t(static_cast<Eigen::Index>(i)) = theta[i];
  for (std::size_t k = 0; k < a.k; ++k) {
    Eigen::VectorXd e(m);
    for (Eigen::Index i = 0; i < m; ++i) e(i) = std::max(0.0, 1.0 - a.routing[k].row(i).sum());
    const Eigen::MatrixXd carried = t.asDiagonal() * a.routing[k];
    const Eigen::VectorXd survive = solve_flow(carried.transpose(), t.asDiagonal() * e);
    for (std::size_t i = 0; i < a.m; ++i) {
      const double rate = lambda(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(k));
      if (!(rate > 0.0)) continue;
      served_l[k] += rate * survive(static_cast<Eigen::Index>(i)) * served_sojourn(i, k);
      leaving[k] += rate * theta[i] * e(static_cast<Eigen::Index>(i));
    }
  }
  double served_total = 0.0;
  double out_total = 0.0;
  for (std::size_t k = 0; k < a.k; ++k) {
    served_total += served_l[k];
    out_total += leaving[k];
  }
  net.metrics.set(metric::L, l_total);
  if (out_total > 0.0) net.metrics.set(metric::W, served_total / out_total);
  net.metrics.set(metric::throughput, out_total);
  if (a.k > 1) {
    for (std::size_t k = 0; k < a.k; ++k) {
      ClassMetrics cm{sc.classes[k].name, {}};
      cm.metrics.set(metric::throughput, leaving[k]);
      cm.metrics.set(metric::L, l_class[k]);
      if (leaving[k] > 0.0) cm.metrics.set(metric::W, served_l[k] / leaving[k]);
      net.classes.push_back(std::move(cm));
    }
  }
  if (downstream_losses) {
    if (net.method == method::exact) net.method = "approximation (losses downstream)";
    net.notes.push_back(
        "customers are lost after spending time at other stations; W assumes that whether a customer is lost "
        "does not depend on how long it spent upstream");
  }
  if (!lossy && rho_max > 0.0) {
    net.max_arrival_scaling = 1.0 / rho_max;
  } else if (lossy) {
    net.notes.push_back("no arrival headroom figure: with losses (capacity, abandonment, failures) utilization is "
                        "not proportional to the arrival rate");
  }
  if (net.method != method::exact) {
    net.notes.push_back("end-to-end figures add up the stations' approximations");
  }
  if (lossy) {
    net.notes.push_back("L counts every customer present; throughput and W count the customers that leave after "
                        "service (blocked, abandoning and failed customers are excluded)");
  }
  sol.network = std::move(net);
  return sol;
}

std::optional<std::string> not_product_form_reason(const Scenario& sc, std::size_t i, const std::vector<bool>& visiting) {
  const auto& st = sc.stations[i];
  if (has_schedule(st)) return std::string("it has a server schedule");
  if (has_balking(st)) return std::string("customers balk");
  if (has_retries(st)) return std::string("failed services are retried");
  const bool delay_station = !st.server_schedule && st.infinite_servers();
  if (st.capacity) return fmt::format("its capacity of {} loses customers", *st.capacity);
  // Nobody waits at a delay station, so patience never runs out there.
  if (st.patience && !delay_station) return std::string("customers abandon (patience)");
  std::optional<double> rate;
  bool exponential_same = true;
  std::set<int> levels;
  for (std::size_t k = 0; k < visiting.size(); ++k) {
    if (!visiting[k]) continue;
    const auto policy = st.routing.at(k).policy;
    if (policy == RoutingPolicy::RoundRobin || policy == RoutingPolicy::JoinShortestQueue) {
      return std::string("its routing is not probabilistic");
    }
    const auto& d = st.service.at(k);
    if (!is_exponential(d) || (rate && std::abs(*rate - mean(d)) > 1e-12 * *rate)) exponential_same = false;
    if (!rate) rate = mean(d);
    levels.insert(sc.classes[k].priority);
  }
  if (delay_station || st.discipline == Discipline::ProcessorSharing) return std::nullopt;
  if (st.discipline == Discipline::ShortestJobFirst) return std::string("it serves the shortest job first");
  if ((st.discipline == Discipline::Priority || st.discipline == Discipline::PriorityPreemptive) && levels.size() > 1) {
    return std::string("it serves priority classes");
  }
  if (!exponential_same) {
    return std::string("its service is not exponential with one rate for every class");
  }
  return std::nullopt;
}

std::string quoted_names(const Scenario& sc, const std::vector<std::size_t>& stations) {
  std::string out;
  for (auto i : stations) {
    if (!out.empty()) out += ", ";
    out += fmt::format("'{}'", sc.stations[i].name);
  }
  return out;
}

}  // namespace kendall::model::detail
