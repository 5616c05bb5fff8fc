#include "phase_type.hpp"

#include <cmath>
#include <cstdint>
#include <mutex>
#include <utility>
#include <vector>

#include "kendall/model/analytic/poisson.hpp"

namespace kendall::model::detail {

struct PhaseTypeTail::State {
  Eigen::RowVectorXd alpha;
  Eigen::MatrixXd P;  // I + T/Λ, non-negative and substochastic
  double rate = 1.0;  // Λ
  std::mutex mutex;
  std::vector<Eigen::MatrixXd> powers;  // powers[j] = e^{T 2^j / Λ}

  // v e^{T s} for Λs ≤ 1 by uniformisation: Σ_n Pois(n; Λs) v P^n (all terms ≥ 0).
  Eigen::RowVectorXd short_step(const Eigen::RowVectorXd& v, double s) const {
    const double x = rate * s;
    Eigen::RowVectorXd term = v;
    Eigen::RowVectorXd sum = poisson_pmf(0, x) * v;
    if (x == 0.0) return sum;
    for (std::uint64_t n = 1; n <= 40; ++n) {
      term = term * P;
      sum += poisson_pmf(n, x) * term;
    }
    return sum;
  }

  const Eigen::MatrixXd& power(std::size_t j) {
    std::lock_guard<std::mutex> lock(mutex);
    if (powers.empty()) {
      // e^{T/Λ} = e^{−1} Σ P^n / n!, 40 terms leave < 1e-48.
      const auto d = P.rows();
      Eigen::MatrixXd term = Eigen::MatrixXd::Identity(d, d);
      Eigen::MatrixXd sum = poisson_pmf(0, 1.0) * term;
      for (std::uint64_t n = 1; n <= 40; ++n) {
        term = term * P;
        sum += poisson_pmf(n, 1.0) * term;
      }
      powers.push_back(std::move(sum));
    }
    while (powers.size() <= j) {
      const Eigen::MatrixXd next = powers.back() * powers.back();
      powers.push_back(next);
    }
    return powers[j];
  }
};

PhaseTypeTail::PhaseTypeTail(PhaseType ph) : state_(std::make_shared<State>()) {
  const auto d = ph.T.rows();
  double rate = 0.0;
  for (Eigen::Index i = 0; i < d; ++i) rate = std::max(rate, -ph.T(i, i));
  state_->rate = rate;
  state_->alpha = std::move(ph.alpha);
  state_->P = Eigen::MatrixXd::Identity(d, d) + ph.T / rate;
}

double PhaseTypeTail::operator()(double t) const {
  State& s = *state_;
  const double steps = std::floor(t * s.rate);
  if (steps > 9.0e18) return 0.0;  // beyond any useful horizon: e^{T t} has decayed
  auto m = static_cast<std::uint64_t>(steps);
  const double rest = t - steps / s.rate;
  Eigen::RowVectorXd v = s.alpha;
  for (std::size_t j = 0; m != 0; ++j, m >>= 1) {
    if (m & 1U) v = v * s.power(j);
  }
  v = s.short_step(v, std::max(0.0, rest));
  return v.sum();
}

MphOneDistributions mph1_distributions(double lambda, const PhaseType& service) {
  const auto d = service.T.rows();
  const Eigen::MatrixXd& S = service.T;
  const Eigen::VectorXd ones = Eigen::VectorXd::Ones(d);
  const Eigen::VectorXd exit = -S * ones;
  // α(−S)^{-1}: expected time spent in each phase; its sum is E[S].
  const Eigen::RowVectorXd occupancy =
      (-S).transpose().partialPivLu().solve(service.alpha.transpose()).transpose();
  const double mean = occupancy.sum();
  const double rho = lambda * mean;
  const Eigen::RowVectorXd alpha_e = occupancy / mean;
  MphOneDistributions out;
  out.wait.alpha = rho * alpha_e;
  out.wait.T = S + rho * exit * alpha_e;
  const Eigen::VectorXd wait_exit = -out.wait.T * ones;
  out.sojourn.alpha.resize(2 * d);
  out.sojourn.alpha << out.wait.alpha, (1.0 - rho) * service.alpha;
  out.sojourn.T = Eigen::MatrixXd::Zero(2 * d, 2 * d);
  out.sojourn.T.topLeftCorner(d, d) = out.wait.T;
  out.sojourn.T.topRightCorner(d, d) = wait_exit * service.alpha;
  out.sojourn.T.bottomRightCorner(d, d) = S;
  return out;
}

}  // namespace kendall::model::detail
