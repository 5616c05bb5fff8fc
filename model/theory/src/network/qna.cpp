#include "kendall/model/network/qna.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "kendall/error.hpp"

namespace kendall::model {

Eigen::VectorXd qna_arrival_scv(const std::vector<QnaStation>& stations,
                                const Eigen::MatrixXd& routing,
                                const std::vector<QnaExternalStream>& external) {
  const auto m = static_cast<Eigen::Index>(stations.size());
  if (routing.rows() != m || routing.cols() != m) {
    throw InvalidParameter(
        fmt::format("QNA: routing is {}x{} for {} stations", routing.rows(), routing.cols(), m));
  }
  for (const auto& s : stations) {
    if (!(s.utilization >= 0.0 && s.utilization < 1.0) || !(s.arrival_rate >= 0.0) ||
        !std::isfinite(s.arrival_rate) || !(s.service_scv >= 0.0) ||
        !std::isfinite(s.service_scv)) {
      throw InvalidParameter(
          fmt::format("QNA needs stable stations with finite rates and SCVs (got utilization {}, "
                      "rate {}, scv {})",
                      s.utilization, s.arrival_rate, s.service_scv));
    }
  }
  // Effective per-server load seen by the departure and superposition formulas.
  auto rho = [&](Eigen::Index i) {
    const auto& s = stations[static_cast<std::size_t>(i)];
    return s.servers ? s.utilization : 0.0;
  };
  auto x_factor = [&](Eigen::Index i) {
    const auto& s = stations[static_cast<std::size_t>(i)];
    if (!s.servers) return 1.0;
    return 1.0 + (std::max(s.service_scv, 0.2) - 1.0) / std::sqrt(static_cast<double>(*s.servers));
  };

  Eigen::MatrixXd b = Eigen::MatrixXd::Zero(m, m);  // b(i, j)
  Eigen::VectorXd a = Eigen::VectorXd::Ones(m);
  for (Eigen::Index j = 0; j < m; ++j) {
    const double lambda_j = stations[static_cast<std::size_t>(j)].arrival_rate;
    if (!(lambda_j > 0.0)) continue;
    double sum_sq = 0.0;
    double external_part = 0.0;
    for (const auto& e : external) {
      if (static_cast<Eigen::Index>(e.station) != j || !(e.rate > 0.0)) continue;
      const double p = e.rate / lambda_j;
      sum_sq += p * p;
      external_part += p * e.scv;
    }
    std::vector<double> share(static_cast<std::size_t>(m), 0.0);
    for (Eigen::Index i = 0; i < m; ++i) {
      const double p =
          stations[static_cast<std::size_t>(i)].arrival_rate * routing(i, j) / lambda_j;
      share[static_cast<std::size_t>(i)] = p;
      sum_sq += p * p;
    }
    const double v = 1.0 / sum_sq;
    const double one_minus_rho = 1.0 - rho(j);
    const double w = 1.0 / (1.0 + 4.0 * one_minus_rho * one_minus_rho * (v - 1.0));
    double internal_part = 0.0;
    for (Eigen::Index i = 0; i < m; ++i) {
      const double p = share[static_cast<std::size_t>(i)];
      if (p == 0.0) continue;
      const double q = routing(i, j);
      const double r2 = rho(i) * rho(i);
      const bool cyclic = stations[static_cast<std::size_t>(i)].splitting == QnaSplitting::Cyclic;
      internal_part += p * ((cyclic ? 0.0 : 1.0 - q) + q * r2 * x_factor(i));
      b(i, j) = w * p * q * (1.0 - r2);
    }
    a(j) = 1.0 + w * (external_part - 1.0 + internal_part);
  }
  const Eigen::MatrixXd system = Eigen::MatrixXd::Identity(m, m) - b.transpose();
  Eigen::VectorXd c2 = system.partialPivLu().solve(a);
  for (Eigen::Index j = 0; j < m; ++j) {
    if (!std::isfinite(c2(j)))
      throw InvalidParameter("QNA linkage equations have no finite solution");
    c2(j) = std::max(c2(j), 0.0);
  }
  return c2;
}

std::optional<double> qna_klb_factor(double utilization, double arrival_scv, double service_scv) {
  const double rho = utilization;
  const double ca2 = arrival_scv;
  const double cs2 = service_scv;
  if (!(ca2 < 1.0) || !(rho > 0.0) || !(ca2 + cs2 > 0.0)) return std::nullopt;
  return std::exp(-2.0 * (1.0 - rho) * (1.0 - ca2) * (1.0 - ca2) / (3.0 * rho * (ca2 + cs2)));
}

}  // namespace kendall::model
