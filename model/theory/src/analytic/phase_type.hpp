#pragma once
// Internal: survival functions of (possibly defective) phase-type distributions,
// P(X > t) = α e^{Tt} 1, evaluated without cancellation for any t: e^{Th} with Λh = 1
// (Λ = max |T_ii|) by uniformisation — a sum of non-negative terms — then e^{T 2^j h} by
// repeated squaring of non-negative matrices (cached), and the remainder r < h again by
// uniformisation. Cost per evaluation O(log(t/h) d²) after O(log(t/h) d³) caching.

#include <memory>

#include <Eigen/Dense>

namespace kendall::model::detail {

struct PhaseType {
  Eigen::RowVectorXd alpha;  // initial probabilities; 1 − Σα is an atom at 0
  Eigen::MatrixXd T;         // sub-generator
};

/// Shareable, thread-safe P(X > t) for a phase-type distribution.
class PhaseTypeTail {
 public:
  explicit PhaseTypeTail(PhaseType ph);
  double operator()(double t) const;

 private:
  struct State;
  std::shared_ptr<State> state_;
};

/// Waiting time of M/PH/1 FIFO. By Pollaczek–Khinchine, Wq is a geometric(ρ) sum of
/// stationary-excess (ladder-height) variables of the service time (e.g. Asmussen, *Applied
/// Probability and Queues*, 2nd ed., 2003); with PH service the sum is PH: Wq has an atom
/// 1 − ρ at 0 and otherwise is PH(ρ α_e, S + ρ s α_e), α_e = α(−S)^{-1}/E[S] the
/// stationary-excess (residual) representation, s = −S1. Sojourn W = Wq + S is PH with the
/// block generator [[S + ρ s α_e, t α], [0, S]], t = −(S + ρ s α_e)1.
struct MphOneDistributions {
  PhaseType wait;
  PhaseType sojourn;
};
MphOneDistributions mph1_distributions(double lambda, const PhaseType& service);

}  // namespace kendall::model::detail
