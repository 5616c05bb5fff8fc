#pragma once
/// \file
/// Exact distribution of the waiting time Wq (time from arrival to start of service) and,
/// where available, of the sojourn time W (arrival to departure) of one queueing model.
/// Obtained from the model functions (mm1_waiting_time, mmc_waiting_time, ...); the model
/// functions themselves use it to add `Wq_pXX`, `W_pXX` and `service_level` metrics.

#include <functional>
#include <optional>

namespace kendall::model {

class WaitingTime {
 public:
  /// A survival function t ↦ P(X > t) for t ≥ 0: non-increasing, in [0, 1].
  using Tail = std::function<double(double)>;
  /// A quantile function p ↦ inf{t : P(X ≤ t) ≥ p} for p in (0, 1).
  using Quantile = std::function<double(double)>;

  /// \param wait_tail      P(Wq > t); P(Wq > 0) is the probability of waiting
  /// \param wait_scale     a typical size of Wq (e.g. its mean); only a starting bracket
  /// \param sojourn_tail   P(W > t) when the model has an exact sojourn distribution
  /// \param sojourn_scale  a typical size of W
  /// \param wait_quantile, sojourn_quantile  closed-form inverses when known; otherwise
  ///        quantiles come from bracketing bisection on the tail (see quantile()).
  WaitingTime(Tail wait_tail, double wait_scale, std::optional<Tail> sojourn_tail = std::nullopt,
              double sojourn_scale = 1.0, std::optional<Quantile> wait_quantile = std::nullopt,
              std::optional<Quantile> sojourn_quantile = std::nullopt);

  /// P(Wq > t). \throws InvalidParameter for negative or NaN t.
  [[nodiscard]] double wait_tail(double t) const;
  /// Service level P(Wq ≤ t) = 1 − P(Wq > t).
  [[nodiscard]] double service_level(double t) const;
  /// p-quantile of Wq. Wq has an atom at 0, so it is 0 whenever p ≤ P(Wq = 0).
  /// \throws InvalidParameter when p is outside (0, 1).
  [[nodiscard]] double wait_quantile(double p) const;

  [[nodiscard]] bool has_sojourn() const noexcept { return sojourn_tail_.has_value(); }
  /// P(W > t), or nullopt when the model has no exact sojourn-time distribution.
  [[nodiscard]] std::optional<double> sojourn_tail(double t) const;
  /// p-quantile of W, or nullopt when the model has no exact sojourn-time distribution.
  [[nodiscard]] std::optional<double> sojourn_quantile(double p) const;

  /// Smallest t with tail(t) ≤ 1 − p, found by doubling a bracket from `scale` and bisecting
  /// until the bracket is a few ulps wide (the tail only needs to be monotone). Returns 0 when
  /// tail(0) ≤ 1 − p (the atom at zero).
  [[nodiscard]] static double quantile(const Tail& tail, double p, double scale);

 private:
  Tail wait_tail_;
  double wait_scale_;
  std::optional<Tail> sojourn_tail_;
  double sojourn_scale_;
  std::optional<Quantile> wait_quantile_;
  std::optional<Quantile> sojourn_quantile_;
};

}  // namespace kendall::model
