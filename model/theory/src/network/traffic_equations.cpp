#include "kendall/model/network/traffic_equations.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <optional>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "kendall/error.hpp"

#include "network_detail.hpp"

namespace kendall::model {

namespace {

/// Below this an exit probability is rounding noise (0.7 + 0.3 summing to 0.99999999999999989).
constexpr double exit_tolerance = 1e-12;

std::string station_label(std::span<const std::string> names, std::size_t i) {
  if (i < names.size() && !names[i].empty()) return fmt::format("'{}'", names[i]);
  return fmt::format("#{}", i);
}

std::string station_list(std::span<const std::string> names,
                         const std::vector<std::size_t>& which) {
  std::string out;
  for (std::size_t k = 0; k < which.size(); ++k) {
    if (k > 0) out += ", ";
    out += station_label(names, which[k]);
  }
  return out;
}

/// Stations reachable from the `start` set (inclusive) along positive routing probabilities.
std::vector<bool> forward_closure(const Eigen::MatrixXd& p, std::vector<bool> seed) {
  const auto m = static_cast<std::size_t>(p.rows());
  std::deque<std::size_t> todo;
  for (std::size_t i = 0; i < m; ++i) {
    if (seed[i]) todo.push_back(i);
  }
  while (!todo.empty()) {
    const std::size_t i = todo.front();
    todo.pop_front();
    for (std::size_t j = 0; j < m; ++j) {
      if (!seed[j] && p(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) > 0.0) {
        seed[j] = true;
        todo.push_back(j);
      }
    }
  }
  return seed;
}

/// Stations from which some station of the `target` set is reachable (inclusive).
std::vector<bool> backward_closure(const Eigen::MatrixXd& p, std::vector<bool> target) {
  return forward_closure(p.transpose(), std::move(target));
}

}  // namespace

namespace detail {

namespace {

/// Kahn's topological order of the routing graph, or nothing when it has a cycle.
std::optional<std::vector<Eigen::Index>> topological_order(const Eigen::MatrixXd& p) {
  const Eigen::Index m = p.rows();
  std::vector<int> indegree(static_cast<std::size_t>(m), 0);
  for (Eigen::Index i = 0; i < m; ++i) {
    for (Eigen::Index j = 0; j < m; ++j) {
      if (p(i, j) > 0.0) ++indegree[static_cast<std::size_t>(j)];
    }
  }
  std::vector<Eigen::Index> order;
  std::deque<Eigen::Index> ready;
  for (Eigen::Index i = 0; i < m; ++i) {
    if (indegree[static_cast<std::size_t>(i)] == 0) ready.push_back(i);
  }
  while (!ready.empty()) {
    const Eigen::Index i = ready.front();
    ready.pop_front();
    order.push_back(i);
    for (Eigen::Index j = 0; j < m; ++j) {
      if (p(i, j) > 0.0 && --indegree[static_cast<std::size_t>(j)] == 0) ready.push_back(j);
    }
  }
  if (static_cast<Eigen::Index>(order.size()) != m) return std::nullopt;
  return order;
}

}  // namespace

Eigen::VectorXd solve_flow(const Eigen::MatrixXd& p, const Eigen::VectorXd& gamma) {
  const Eigen::Index m = p.rows();
  if (m == 0) return Eigen::VectorXd(0);
  if (const auto order = topological_order(p)) {
    // Feed-forward routing: plain substitution in topological order gives every rate as the
    // same sum of products one would write by hand (a single station keeps its λ bit for bit).
    Eigen::VectorXd x = gamma;
    for (Eigen::Index i : *order) {
      for (Eigen::Index j = 0; j < m; ++j) {
        if (p(i, j) > 0.0) x(j) += x(i) * p(i, j);
      }
    }
    return x;
  }
  const Eigen::MatrixXd a = Eigen::MatrixXd::Identity(m, m) - p.transpose();
  Eigen::VectorXd x = a.partialPivLu().solve(gamma);
  // I − Pᵀ is a non-singular M-matrix here, so the exact solution is non-negative; clip the
  // rounding noise of tiny components and verify the residual so that a near-singular system
  // cannot slip through as numbers that look fine.
  const double scale = std::max(gamma.cwiseAbs().maxCoeff(), x.cwiseAbs().maxCoeff());
  for (Eigen::Index i = 0; i < m; ++i) {
    if (!(x(i) >= 0.0)) {
      if (std::isfinite(x(i)) && x(i) > -1e-10 * std::max(scale, 1e-300)) {
        x(i) = 0.0;
      } else {
        throw InvalidParameter(
            "traffic equations are numerically singular: the routing keeps customers in the "
            "network almost for ever (an exit probability is too close to zero)");
      }
    }
  }
  const double residual = (a * x - gamma).cwiseAbs().maxCoeff();
  if (!std::isfinite(residual) || residual > 1e-8 * std::max(scale, 1e-300)) {
    throw InvalidParameter(
        "traffic equations are numerically singular: the routing keeps customers in the "
        "network almost for ever (an exit probability is too close to zero)");
  }
  return x;
}

}  // namespace detail

void validate_routing_matrix(const Eigen::MatrixXd& routing,
                             std::span<const std::string> station_names) {
  if (routing.rows() != routing.cols()) {
    throw InvalidParameter(
        fmt::format("routing matrix must be square, got {}x{}", routing.rows(), routing.cols()));
  }
  if (static_cast<std::size_t>(routing.rows()) != station_names.size()) {
    throw InvalidParameter(fmt::format("routing matrix has {} rows but there are {} stations",
                                       routing.rows(), station_names.size()));
  }
  for (Eigen::Index i = 0; i < routing.rows(); ++i) {
    double sum = 0.0;
    for (Eigen::Index j = 0; j < routing.cols(); ++j) {
      const double v = routing(i, j);
      if (!std::isfinite(v) || v < 0.0 || v > 1.0) {
        throw InvalidParameter(fmt::format(
            "routing probability from station {} to station {} is {}; expected a number in [0, 1]",
            station_label(station_names, static_cast<std::size_t>(i)),
            station_label(station_names, static_cast<std::size_t>(j)), v));
      }
      sum += v;
    }
    if (sum > 1.0 + 1e-9) {
      throw InvalidParameter(fmt::format(
          "routing probabilities out of station {} sum to {}; expected at most 1 (the rest leaves "
          "the network)",
          station_label(station_names, static_cast<std::size_t>(i)), sum));
    }
  }
}

Eigen::VectorXd solve_traffic_equations(const Eigen::MatrixXd& routing,
                                        const Eigen::VectorXd& external,
                                        std::span<const std::string> station_names) {
  validate_routing_matrix(routing, station_names);
  const auto m = static_cast<std::size_t>(routing.rows());
  if (static_cast<std::size_t>(external.size()) != m) {
    throw InvalidParameter(
        fmt::format("{} external arrival rates given for {} stations", external.size(), m));
  }
  std::vector<bool> source(m, false);
  for (std::size_t i = 0; i < m; ++i) {
    const double g = external(static_cast<Eigen::Index>(i));
    if (!std::isfinite(g) || g < 0.0) {
      throw InvalidParameter(
          fmt::format("external arrival rate into station {} is {}; expected a finite rate >= 0",
                      station_label(station_names, i), g));
    }
    source[i] = g > 0.0;
  }
  const std::vector<bool> reached = forward_closure(routing, source);

  std::vector<bool> exits(m, false);
  for (std::size_t i = 0; i < m; ++i) {
    exits[i] = 1.0 - routing.row(static_cast<Eigen::Index>(i)).sum() > exit_tolerance;
  }
  const std::vector<bool> can_leave = backward_closure(routing, exits);
  std::vector<std::size_t> trapped;
  for (std::size_t i = 0; i < m; ++i) {
    if (reached[i] && !can_leave[i]) trapped.push_back(i);
  }
  if (!trapped.empty()) {
    throw InvalidParameter(fmt::format(
        "{} {} {} customers but no route out of {} ever leads to exit (a closed loop in an open "
        "network: customers would pile up for ever); give one of them an exit probability",
        trapped.size() == 1 ? "station" : "stations", station_list(station_names, trapped),
        trapped.size() == 1 ? "receives" : "receive", trapped.size() == 1 ? "it" : "them"));
  }

  std::vector<std::size_t> index;
  for (std::size_t i = 0; i < m; ++i) {
    if (reached[i]) index.push_back(i);
  }
  const auto k = static_cast<Eigen::Index>(index.size());
  Eigen::MatrixXd p(k, k);
  Eigen::VectorXd g(k);
  for (Eigen::Index a = 0; a < k; ++a) {
    g(a) = external(static_cast<Eigen::Index>(index[static_cast<std::size_t>(a)]));
    for (Eigen::Index b = 0; b < k; ++b) {
      p(a, b) = routing(static_cast<Eigen::Index>(index[static_cast<std::size_t>(a)]),
                        static_cast<Eigen::Index>(index[static_cast<std::size_t>(b)]));
    }
  }
  const Eigen::VectorXd x = detail::solve_flow(p, g);
  Eigen::VectorXd lambda = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(m));
  for (Eigen::Index a = 0; a < k; ++a)
    lambda(static_cast<Eigen::Index>(index[static_cast<std::size_t>(a)])) = x(a);
  return lambda;
}

Eigen::VectorXd solve_visit_ratios(const Eigen::MatrixXd& routing, std::size_t reference,
                                   std::span<const std::string> station_names) {
  validate_routing_matrix(routing, station_names);
  const auto m = static_cast<std::size_t>(routing.rows());
  if (reference >= m) {
    throw InvalidParameter(fmt::format(
        "reference station index {} is out of range (there are {} stations)", reference, m));
  }
  std::vector<bool> start(m, false);
  start[reference] = true;
  const std::vector<bool> reached = forward_closure(routing, start);
  std::vector<std::size_t> leaking;
  for (std::size_t i = 0; i < m; ++i) {
    if (reached[i] && std::abs(1.0 - routing.row(static_cast<Eigen::Index>(i)).sum()) > 1e-9) {
      leaking.push_back(i);
    }
  }
  if (!leaking.empty()) {
    throw InvalidParameter(fmt::format(
        "in a closed network every customer must go somewhere after service, but the routing "
        "probabilities out of {} do not sum to 1",
        station_list(station_names, leaking)));
  }
  const std::vector<bool> returns = backward_closure(routing, start);
  std::vector<std::size_t> trapped;
  for (std::size_t i = 0; i < m; ++i) {
    if (reached[i] && !returns[i]) trapped.push_back(i);
  }
  if (!trapped.empty()) {
    throw InvalidParameter(fmt::format(
        "customers reach {} but never return from there to the reference station {} (they "
        "would all end up trapped there)",
        station_list(station_names, trapped), station_label(station_names, reference)));
  }
  // Flows into the reference station act as exits and its outgoing row as the source: the
  // open traffic equations on the other reachable stations with γ = P(reference, ·).
  std::vector<std::size_t> index;
  for (std::size_t i = 0; i < m; ++i) {
    if (reached[i] && i != reference) index.push_back(i);
  }
  const auto k = static_cast<Eigen::Index>(index.size());
  Eigen::MatrixXd p(k, k);
  Eigen::VectorXd g(k);
  const auto ref = static_cast<Eigen::Index>(reference);
  for (Eigen::Index a = 0; a < k; ++a) {
    const auto ia = static_cast<Eigen::Index>(index[static_cast<std::size_t>(a)]);
    g(a) = routing(ref, ia);
    for (Eigen::Index b = 0; b < k; ++b) {
      p(a, b) = routing(ia, static_cast<Eigen::Index>(index[static_cast<std::size_t>(b)]));
    }
  }
  const Eigen::VectorXd x = detail::solve_flow(p, g);
  Eigen::VectorXd visits = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(m));
  visits(ref) = 1.0;
  for (Eigen::Index a = 0; a < k; ++a)
    visits(static_cast<Eigen::Index>(index[static_cast<std::size_t>(a)])) = x(a);
  return visits;
}

std::vector<std::vector<bool>> routing_reachability(const Eigen::MatrixXd& routing) {
  const auto m = static_cast<std::size_t>(routing.rows());
  std::vector<std::vector<bool>> reach(m);
  for (std::size_t i = 0; i < m; ++i) {
    // Paths of length >= 1: start from i's direct successors.
    std::vector<bool> seed(m, false);
    for (std::size_t j = 0; j < m; ++j) {
      seed[j] = routing(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) > 0.0;
    }
    reach[i] = forward_closure(routing, std::move(seed));
  }
  return reach;
}

}  // namespace kendall::model
