// Open scenarios: which stations are exact (product form, or Poisson-fed single queues),
// which are QNA approximations, and which have no analytic answer; then the network. The flow
// analysis that decides which is in open_analysis.cpp. Long on purpose: one named function
// per step of solve_open, in the order it calls them.

#include <algorithm>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "kendall/error.hpp"
#include "kendall/model/network/open_network.hpp"
#include "kendall/model/network/qna.hpp"
#include "kendall/model/network/traffic_equations.hpp"

#include "../network/network_detail.hpp"
#include "open_analysis.hpp"
#include "scenario_detail.hpp"

namespace kendall::model::detail {

namespace {

std::vector<bool> visiting_classes(const Eigen::MatrixXd& lambda, std::size_t i) {
  std::vector<bool> v(static_cast<std::size_t>(lambda.cols()), false);
  for (Eigen::Index k = 0; k < lambda.cols(); ++k)
    v[static_cast<std::size_t>(k)] = lambda(static_cast<Eigen::Index>(i), k) > 0.0;
  return v;
}

std::vector<double> row(const Eigen::MatrixXd& lambda, std::size_t i) {
  std::vector<double> r(static_cast<std::size_t>(lambda.cols()));
  for (Eigen::Index k = 0; k < lambda.cols(); ++k)
    r[static_cast<std::size_t>(k)] = lambda(static_cast<Eigen::Index>(i), k);
  return r;
}

/// λ_ir with service-completion pass-through θ_i (losses leave instead of being routed).
Eigen::MatrixXd flows(const Analysis& a, const std::vector<double>& theta) {
  Eigen::MatrixXd lambda(static_cast<Eigen::Index>(a.stations),
                         static_cast<Eigen::Index>(a.classes));
  Eigen::VectorXd t(static_cast<Eigen::Index>(a.stations));
  for (std::size_t i = 0; i < a.stations; ++i) t(static_cast<Eigen::Index>(i)) = theta[i];
  for (std::size_t k = 0; k < a.classes; ++k) {
    const Eigen::MatrixXd p = t.asDiagonal() * a.routing[k];
    lambda.col(static_cast<Eigen::Index>(k)) = solve_traffic_equations(p, a.external[k], a.names);
  }
  return lambda;
}

double offered_load_per_server(const Scenario& sc, std::size_t i,
                               const std::vector<double>& rates) {
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

/// The flows with the losses of stations that lose customers (capacity, patience): the
/// fractions passed on (θ) and the stations' admitted and served fractions, iterated to a
/// fixed point (exact in feed-forward networks after as many rounds as the network is deep).
struct SettledFlows {
  Eigen::MatrixXd lambda;            // λ_ir
  std::vector<double> pass_through;  // θ_i: fraction of arrivals at i routed on
  std::vector<double> admitted;      // 1 − p_block
  std::vector<double> served;        // admitted and not abandoned
  bool converged = false;
};

SettledFlows settle_flows_with_losses(const Scenario& sc, const Analysis& a) {
  SettledFlows f;
  f.pass_through.assign(a.stations, 1.0);
  for (std::size_t i = 0; i < a.stations; ++i) f.pass_through[i] = retry_pass(sc.stations[i]);
  f.admitted.assign(a.stations, 1.0);
  f.served.assign(a.stations, 1.0);
  for (int round = 0; round < 500 && !f.converged; ++round) {
    f.lambda = flows(a, f.pass_through);
    f.converged = true;
    for (std::size_t i = 0; i < a.stations; ++i) {
      const auto& st = sc.stations[i];
      if (!(st.capacity || st.patience) || a.unsolvable[i] || a.input_unknown[i] ||
          loss_unknown_reason(sc, i, a.visited[i])) {
        continue;
      }
      StationInput in;
      in.class_rates = row(f.lambda, i);
      const StationAnswer ans = solve_station_model(sc, i, in, {});
      const double t = ans.served * retry_pass(st);
      f.admitted[i] = ans.admitted;
      f.served[i] = ans.served;
      if (std::abs(t - f.pass_through[i]) > 1e-14 * std::max(1.0, f.pass_through[i]))
        f.converged = false;
      f.pass_through[i] = t;
    }
  }
  return f;
}

/// Stations with unlimited waiting room whose offered load reaches their servers.
std::vector<bool> saturated_stations(const Scenario& sc, const Analysis& a,
                                     const Eigen::MatrixXd& lambda) {
  std::vector<bool> saturated(a.stations, false);
  for (std::size_t i = 0; i < a.stations; ++i) {
    const auto& st = sc.stations[i];
    if (a.unsolvable[i] || a.input_unknown[i] || st.capacity || st.patience) continue;
    if (st.discipline != Discipline::ProcessorSharing && !st.infinite_servers() &&
        offered_load_per_server(sc, i, row(lambda, i)) >= 1.0) {
      saturated[i] = true;
    }
    if (st.discipline == Discipline::ProcessorSharing &&
        offered_load_per_server(sc, i, row(lambda, i)) >= 1.0) {
      saturated[i] = true;
    }
  }
  return saturated;
}

/// Why each station is not a product-form station (empty when it is).
std::vector<std::optional<std::string>> product_form_obstacles(const Scenario& sc,
                                                               const Analysis& a,
                                                               const Eigen::MatrixXd& lambda) {
  std::vector<std::optional<std::string>> not_product_form(a.stations);
  for (std::size_t i = 0; i < a.stations; ++i) {
    if (a.non_bernoulli_out[i]) {
      not_product_form[i] = "its routing is not probabilistic";
    } else {
      not_product_form[i] = not_product_form_reason(sc, i, visiting_classes(lambda, i));
    }
  }
  return not_product_form;
}

/// Stations whose external arrivals (if any) are all Poisson.
std::vector<bool> poisson_fed_stations(const Scenario& sc, std::size_t stations) {
  std::vector<bool> stream_poisson(stations, true);
  for (const auto& arr : sc.arrivals) {
    if (!poisson_stream(arr)) stream_poisson[arr.station] = false;
  }
  return stream_poisson;
}

/// The scenario as the Jackson/BCMP network it is (every station product form, every stream
/// Poisson, nothing unknown); its solver also handles saturation (Goodman–Massey).
OpenNetworkResult solve_as_jackson_network(const Scenario& sc, const Analysis& a,
                                           const QueryOptions& options) {
  OpenNetwork net;
  for (std::size_t i = 0; i < a.stations; ++i) {
    const auto& st = sc.stations[i];
    OpenStation os;
    os.name = st.name;
    os.servers = st.server_schedule ? constant_schedule(st) : st.servers;
    os.type = !os.servers                                     ? OpenStationType::InfiniteServer
              : st.discipline == Discipline::ProcessorSharing ? OpenStationType::ProcessorSharing
                                                              : OpenStationType::Fcfs;
    for (const auto& d : st.service) os.mean_service.push_back(mean(d));
    net.stations.push_back(std::move(os));
  }
  Eigen::VectorXd pass(static_cast<Eigen::Index>(a.stations));
  for (std::size_t i = 0; i < a.stations; ++i)
    pass(static_cast<Eigen::Index>(i)) = retry_pass(sc.stations[i]);
  for (std::size_t k = 0; k < a.classes; ++k) {
    net.classes.push_back({sc.classes[k].name, a.external[k], pass.asDiagonal() * a.routing[k]});
  }
  return solve_open_network(net, options);
}

/// Which stations see exactly Poisson arrivals (or exact product-form marginals).
std::vector<bool> exact_input_stations(
    const Analysis& a, const std::vector<bool>& stream_poisson,
    const std::vector<std::optional<std::string>>& not_product_form,
    const std::vector<bool>& saturated, bool jackson) {
  std::vector<bool> exact_input(a.stations, false);
  for (std::size_t i = 0; i < a.stations; ++i) {
    bool upstream_ok = stream_poisson[i];
    for (std::size_t j = 0; j < a.stations; ++j) {
      if (j == i || !a.reach[j][i]) continue;
      if (not_product_form[j] || !stream_poisson[j] || saturated[j]) upstream_ok = false;
    }
    // R1: itself product form too (its marginal is the BCMP one even on a cycle);
    // R2: not on a cycle (its arrivals are the Poisson exits of the upstream network).
    exact_input[i] = jackson || (upstream_ok && (!not_product_form[i] || !a.on_cycle[i]));
  }
  return exact_input;
}

/// Interarrival SCV at every station by QNA's linkage equations (all 1 when no station needs
/// them).
Eigen::VectorXd qna_arrival_scvs(const Scenario& sc, const Analysis& a, const SettledFlows& f,
                                 const std::vector<bool>& exact_input, bool jackson) {
  Eigen::VectorXd arrival_scv = Eigen::VectorXd::Ones(static_cast<Eigen::Index>(a.stations));
  bool need_qna = false;
  for (std::size_t i = 0; i < a.stations; ++i) {
    need_qna = need_qna || (!exact_input[i] && !a.unsolvable[i] && !a.input_unknown[i]);
  }
  if (!need_qna || jackson) return arrival_scv;
  std::vector<QnaStation> qs(a.stations);
  const auto m = static_cast<Eigen::Index>(a.stations);
  Eigen::MatrixXd q = Eigen::MatrixXd::Zero(m, m);
  for (std::size_t i = 0; i < a.stations; ++i) {
    const auto& st = sc.stations[i];
    const auto rates = row(f.lambda, i);
    double total = 0.0;
    for (double v : rates) total += v;
    qs[i].arrival_rate = total;
    qs[i].servers = st.server_schedule ? constant_schedule(st) : st.servers;
    qs[i].utilization =
        std::clamp(offered_load_per_server(sc, i, rates) * f.admitted[i], 0.0, 0.999999);
    qs[i].service_scv = mixture_scv(st, rates);
    qs[i].splitting = a.round_robin_out[i] ? QnaSplitting::Cyclic : QnaSplitting::Bernoulli;
    if (total > 0.0) {
      for (std::size_t k = 0; k < a.classes; ++k) {
        q.row(static_cast<Eigen::Index>(i)) +=
            rates[k] * f.pass_through[i] * a.routing[k].row(static_cast<Eigen::Index>(i)) / total;
      }
    }
  }
  std::vector<QnaExternalStream> ext;
  for (const auto& arr : sc.arrivals)
    ext.push_back({arr.station, stream_rate(arr), stream_scv(arr)});
  return qna_arrival_scv(qs, q, ext);
}

/// What the stations' single-queue answers need besides the scenario.
struct StationInputs {
  const Eigen::MatrixXd& lambda;
  const std::vector<bool>& exact_input;
  const Eigen::VectorXd& arrival_scv;
  const std::vector<std::optional<std::string>>& not_product_form;
  const std::optional<OpenNetworkResult>& jackson;
};

/// One station's result, or why it has none.
StationSolution station_solution(const Scenario& sc, const Analysis& a, std::size_t i,
                                 const StationInputs& inputs, const QueryOptions& options) {
  StationSolution out;
  out.name = a.names[i];
  if (a.unsolvable[i]) {
    out.reason = *a.unsolvable[i];
    return out;
  }
  if (a.input_unknown[i]) {
    out.reason = *a.input_unknown[i];
    return out;
  }
  if (inputs.jackson && !inputs.jackson->stations[i]) {
    out.reason = inputs.jackson->station_reasons[i];
    return out;
  }
  StationInput in;
  in.class_rates = row(inputs.lambda, i);
  in.poisson = inputs.exact_input[i];
  in.arrival_scv = inputs.arrival_scv(static_cast<Eigen::Index>(i));
  bool fed_by_stations = false;
  for (std::size_t j = 0; j < a.stations; ++j) fed_by_stations = fed_by_stations || a.reach[j][i];
  in.scv_source =
      fed_by_stations ? "from QNA's linkage equations" : "of the external renewal arrivals";
  in.scv_from_qna = fed_by_stations ||
                    std::count_if(sc.arrivals.begin(), sc.arrivals.end(),
                                  [&](const ArrivalSpec& arr) { return arr.station == i; }) > 1;
  StationAnswer ans = solve_station_model(sc, i, in, options);
  if (ans.result) {
    if (inputs.exact_input[i] && ans.result->method == method::exact &&
        inputs.not_product_form[i] && fed_by_stations) {
      ans.result->notes.push_back(
          "its arrivals are exactly Poisson: everything upstream is a product-form network fed by "
          "Poisson "
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
  return out;
}

/// A lossy station left without a result leaves its downstream flows unknown too.
void drop_results_downstream_of_unknown_losses(const Scenario& sc, const Analysis& a,
                                               ScenarioSolution& sol) {
  for (std::size_t i = 0; i < a.stations; ++i) {
    const auto& st = sc.stations[i];
    if (sol.stations[i].result || !(st.capacity || st.patience)) continue;
    for (std::size_t j = 0; j < a.stations; ++j) {
      if (!a.reach[i][j] || !sol.stations[j].result) continue;
      sol.stations[j].result.reset();
      sol.stations[j].reason = fmt::format(
          "it receives customers from '{}', which has no analytic result, so its arrival rate is "
          "unknown",
          st.name);
    }
  }
}

/// Visit ratios per entering customer, and the note that backlogs do not enter steady state.
void add_visit_ratios(const Scenario& sc, const Analysis& a, const Eigen::MatrixXd& lambda,
                      ScenarioSolution& sol) {
  double gamma_total = 0.0;
  for (const auto& e : a.external) gamma_total += e.sum();
  for (std::size_t i = 0; i < a.stations; ++i) {
    sol.visit_ratios.push_back(
        gamma_total > 0.0 ? lambda.row(static_cast<Eigen::Index>(i)).sum() / gamma_total : 0.0);
  }
  for (const auto& st : sc.stations) {
    if (st.total_backlog() > 0) {
      sol.notes.push_back(
          "backlogs at time 0 only affect the start of a run; steady-state results ignore them");
      break;
    }
  }
}

/// The end-to-end figures when every station has a stable result. L counts every customer
/// present; throughput the customers leaving after service; W is the mean time in the system
/// of those customers (the simulator's end-to-end W). Customers lost on the way (blocked,
/// abandoned, failed) are excluded from W by the probability s_ir that a class-r customer
/// arriving at station i eventually leaves served:
///   s = θ ∘ (e + P s)   (θ_i = served fraction at i, e_i = exit probability),
/// and the served customers' share of the time present, L_served = Σ λ_ir s_ir W_ir^served,
/// where W^served is the sojourn of customers served at the station (Wq_served + S after
/// abandonment). This is exact when losses happen only where a customer enters the system
/// or by an independent coin (failures); for customers lost further downstream it assumes
/// that their fate does not depend on how long they spent upstream.
void add_end_to_end_metrics(const Scenario& sc, const Analysis& a, const ScenarioSolution& sol,
                            const SettledFlows& f, const Eigen::MatrixXd& lambda,
                            NetworkSolution& net) {
  double l_total = 0.0;
  std::vector<double> l_class(a.classes, 0.0);
  for (std::size_t i = 0; i < a.stations; ++i) {
    const auto& r = *sol.stations[i].result;
    l_total += r.metrics.at(metric::L);
    if (a.classes > 1) {
      for (std::size_t k = 0; k < a.classes && k < r.classes.size(); ++k) {
        l_class[k] += r.classes[k].metrics.get(metric::L).value_or(0.0);
      }
    }
  }
  // Sojourn at station i of the class-k customers served there.
  auto served_sojourn = [&](std::size_t i, std::size_t k) -> double {
    const auto& r = *sol.stations[i].result;
    const Metrics* m = &r.metrics;
    if (a.classes > 1 && k < r.classes.size()) m = &r.classes[k].metrics;
    if (auto wq = r.metrics.get(metric::Wq_served)) return *wq + mean(sc.stations[i].service.at(k));
    return m->get(metric::W).value_or(0.0);
  };
  bool downstream_losses = false;
  for (std::size_t i = 0; i < a.stations; ++i) {
    const bool fed =
        std::any_of(a.reach.begin(), a.reach.end(), [&](const auto& row_i) { return row_i[i]; });
    if (fed && (f.admitted[i] < 1.0 || f.served[i] < 1.0)) downstream_losses = true;
  }
  std::vector<double> served_l(a.classes, 0.0);
  std::vector<double> leaving(a.classes, 0.0);
  const auto m = static_cast<Eigen::Index>(a.stations);
  Eigen::VectorXd t(m);
  for (std::size_t i = 0; i < a.stations; ++i) t(static_cast<Eigen::Index>(i)) = f.pass_through[i];
  for (std::size_t k = 0; k < a.classes; ++k) {
    Eigen::VectorXd e(m);
    for (Eigen::Index i = 0; i < m; ++i) e(i) = std::max(0.0, 1.0 - a.routing[k].row(i).sum());
    const Eigen::MatrixXd carried = t.asDiagonal() * a.routing[k];
    const Eigen::VectorXd survive = solve_flow(carried.transpose(), t.asDiagonal() * e);
    for (std::size_t i = 0; i < a.stations; ++i) {
      const double rate = lambda(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(k));
      if (!(rate > 0.0)) continue;
      served_l[k] += rate * survive(static_cast<Eigen::Index>(i)) * served_sojourn(i, k);
      leaving[k] += rate * f.pass_through[i] * e(static_cast<Eigen::Index>(i));
    }
  }
  double served_total = 0.0;
  double out_total = 0.0;
  for (std::size_t k = 0; k < a.classes; ++k) {
    served_total += served_l[k];
    out_total += leaving[k];
  }
  net.metrics.set(metric::L, l_total);
  if (out_total > 0.0) net.metrics.set(metric::W, served_total / out_total);
  net.metrics.set(metric::throughput, out_total);
  if (a.classes > 1) {
    for (std::size_t k = 0; k < a.classes; ++k) {
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
        "customers are lost after spending time at other stations; W assumes that whether a "
        "customer is lost "
        "does not depend on how long it spent upstream");
  }
}

/// The network as a whole: unstable (with the growth rate), unknown (some station has no
/// result), or its end-to-end figures.
void solve_network_level(const Scenario& sc, const Analysis& a, const SettledFlows& f,
                         const Eigen::MatrixXd& lambda,
                         const std::optional<OpenNetworkResult>& jackson, ScenarioSolution& sol) {
  std::vector<std::size_t> missing;
  std::vector<std::size_t> unstable;
  for (std::size_t i = 0; i < a.stations; ++i) {
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
  for (std::size_t i = 0; i < a.stations; ++i) {
    const auto& st = sc.stations[i];
    lossy = lossy || st.capacity || st.patience || retry_pass(st) < 1.0;
    if (st.infinite_servers() && !st.server_schedule) continue;
    if (a.unsolvable[i] || a.input_unknown[i]) continue;
    const double rho =
        offered_load_per_server(sc, i, row(jackson ? jackson->class_arrival_rates : lambda, i));
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
    if (jackson && jackson->growth_rate) {
      net.growth_rate = *jackson->growth_rate;
      net.metrics.set(metric::throughput, jackson->network.at(metric::throughput));
    } else if (growth_known) {
      net.growth_rate = growth;
    }
    net.notes.push_back(
        fmt::format("saturated: {}; customers accumulate there without bound, so the network has "
                    "no steady-state L or W",
                    quoted_names(sc, unstable)));
    if (!lossy && rho_max > 0.0) net.max_arrival_scaling = 1.0 / rho_max;
    sol.network = std::move(net);
    return;
  }
  if (!missing.empty()) {
    sol.network_reason =
        fmt::format("no end-to-end result: {} {} no analytic result (see {})",
                    missing.size() == 1 ? "station" : "stations", quoted_names(sc, missing),
                    missing.size() == 1 ? "its reason" : "their reasons");
    return;
  }
  add_end_to_end_metrics(sc, a, sol, f, lambda, net);
  if (!lossy && rho_max > 0.0) {
    net.max_arrival_scaling = 1.0 / rho_max;
  } else if (lossy) {
    net.notes.push_back(
        "no arrival headroom figure: with losses (capacity, abandonment, failures) utilization is "
        "not proportional to the arrival rate");
  }
  if (net.method != method::exact) {
    net.notes.push_back("end-to-end figures add up the stations' approximations");
  }
  if (lossy) {
    net.notes.push_back(
        "L counts every customer present; throughput and W count the customers that leave after "
        "service (blocked, abandoning and failed customers are excluded)");
  }
  sol.network = std::move(net);
}

}  // namespace

ScenarioSolution solve_open(const Scenario& sc, const QueryOptions& options) {
  ScenarioSolution sol;
  sol.name = sc.name;
  sol.kind = ScenarioKind::Open;
  Analysis a = analyse(sc);

  const SettledFlows settled = settle_flows_with_losses(sc, a);
  if (!settled.converged) {
    sol.notes.push_back(
        "the flows through stations with losses did not settle to a fixed point; the rates are the "
        "last iterate");
  }
  Eigen::MatrixXd lambda = settled.lambda;
  std::vector<bool> saturated = saturated_stations(sc, a, lambda);
  const auto not_product_form = product_form_obstacles(sc, a, lambda);
  const std::vector<bool> stream_poisson = poisson_fed_stations(sc, a.stations);
  auto none = [](const auto& reasons) {
    return std::all_of(reasons.begin(), reasons.end(), [](const auto& r) { return !r; });
  };
  const bool is_jackson =
      none(not_product_form) &&
      std::all_of(stream_poisson.begin(), stream_poisson.end(), [](bool b) { return b; }) &&
      none(a.unsolvable) && none(a.input_unknown);

  std::optional<OpenNetworkResult> jackson;
  if (is_jackson) {
    jackson = solve_as_jackson_network(sc, a, options);
    lambda = jackson->class_arrival_rates;
    sol.notes.push_back(
        "product-form network (Jackson/BCMP): every station's result and the end-to-end figures "
        "are exact");
    std::fill(saturated.begin(), saturated.end(), false);
    for (auto i : jackson->saturated) saturated[i] = true;
  } else {
    // Anything downstream of a saturated station has no stationary input.
    for (std::size_t i = 0; i < a.stations; ++i) {
      if (!saturated[i]) continue;
      mark_input_unknown_downstream(
          a, i, false,
          fmt::format("it receives customers from '{}', which is saturated: its output "
                      "is not that of a stable station",
                      a.names[i]));
    }
  }

  const std::vector<bool> exact_input =
      exact_input_stations(a, stream_poisson, not_product_form, saturated, is_jackson);
  const Eigen::VectorXd arrival_scv = qna_arrival_scvs(sc, a, settled, exact_input, is_jackson);
  const StationInputs inputs{lambda, exact_input, arrival_scv, not_product_form, jackson};
  for (std::size_t i = 0; i < a.stations; ++i)
    sol.stations.push_back(station_solution(sc, a, i, inputs, options));
  drop_results_downstream_of_unknown_losses(sc, a, sol);
  add_visit_ratios(sc, a, lambda, sol);
  solve_network_level(sc, a, settled, lambda, jackson, sol);
  return sol;
}

std::optional<std::string> not_product_form_reason(const Scenario& sc, std::size_t i,
                                                   const std::vector<bool>& visiting) {
  const auto& st = sc.stations[i];
  if (has_schedule(st)) return std::string("it has a server schedule");
  if (has_balking(st)) return std::string("customers balk");
  if (has_retries(st)) return std::string("failed services are retried");
  const bool delay_station = !st.server_schedule && st.infinite_servers();
  if (st.capacity) return fmt::format("its capacity of {} loses customers", *st.capacity);
  // Nobody waits at a delay station, so patience never runs out there.
  if (st.patience && !delay_station) return std::string("customers abandon (patience)");
  std::optional<double> first_mean;
  bool exponential_same = true;
  std::set<int> levels;
  for (std::size_t k = 0; k < visiting.size(); ++k) {
    if (!visiting[k]) continue;
    const auto policy = st.routing.at(k).policy;
    if (policy == RoutingPolicy::RoundRobin || policy == RoutingPolicy::JoinShortestQueue) {
      return std::string("its routing is not probabilistic");
    }
    const auto& d = st.service.at(k);
    if (!is_exponential(d) ||
        (first_mean && std::abs(*first_mean - mean(d)) > 1e-12 * *first_mean)) {
      exponential_same = false;
    }
    if (!first_mean) first_mean = mean(d);
    levels.insert(sc.classes[k].priority);
  }
  if (delay_station || st.discipline == Discipline::ProcessorSharing) return std::nullopt;
  if (st.discipline == Discipline::ShortestJobFirst)
    return std::string("it serves the shortest job first");
  if ((st.discipline == Discipline::Priority || st.discipline == Discipline::PriorityPreemptive) &&
      levels.size() > 1) {
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
