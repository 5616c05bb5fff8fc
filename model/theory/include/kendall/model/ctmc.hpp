#pragma once
/// \file
/// Steady state of a finite continuous-time Markov chain: π Q = 0, Σ π = 1.
///
/// Generic on purpose: the tests use it as the independent method that cross-checks every
/// finite-state formula of the analytic library (M/M/c/K, M/M/c//N, Erlang-A, ...), and the
/// network code uses it where no product form exists. Nothing in it knows about queues.
///
/// Methods:
///  - DenseGth: Grassmann–Taksar–Heyman state reduction (Grassmann, Taksar & Heyman,
///    "Regenerative analysis and steady state distributions for Markov chains", Operations
///    Research 33(5), 1985; Stewart, *Introduction to the Numerical Solution of Markov
///    Chains*, 1994, ch. 2). Subtraction-free, so every π_i — also the tiny ones — has a small
///    *relative* error. O(n³) time, O(n²) memory.
///  - SparseGth: the same state reduction on adjacency lists, eliminating states in a
///    dynamic minimum-degree order (no fill for birth–death and other banded chains, moderate
///    fill for 2-D grids). Same relative accuracy as DenseGth; 10^5 states of a birth–death
///    chain take milliseconds, a 320 × 320 grid about a second.
///  - SparseLu: one state is pinned to 1, the remaining n − 1 balance equations are solved
///    with Eigen::SparseLU (COLAMD ordering) and two steps of iterative refinement; the pin is
///    moved to the most likely state when the first pin was badly chosen. Small absolute
///    error (~1e-15 of the largest probability) but, unlike GTH, no relative accuracy for
///    probabilities far below the largest one.
///  - Iterative: the same pinned system with Eigen::BiCGSTAB and an incomplete-LU
///    preconditioner, tolerance 1e-14; absolute accuracy only, as SparseLu.
///  - Automatic: DenseGth up to dense_limit states, SparseGth above.
///  Back-substitution rescales on the fly, so probabilities spanning more than the double
///  range do not overflow (the states more than ~1e-300 less likely than the most likely one
///  come out as 0).
///
/// Structure: the chain need not be irreducible, but it must have exactly one closed
/// communicating class; transient states get probability 0. Several closed classes (no
/// unique stationary distribution) → InvalidParameter naming two of them.

#include <cstddef>
#include <span>
#include <vector>

#include <Eigen/Dense>
#include <Eigen/Sparse>

namespace kendall::model {

/// One off-diagonal entry of the generator: rate of jumping from `from` to `to`.
struct CtmcTransition {
  std::size_t from = 0;
  std::size_t to = 0;
  double rate = 0.0;
};

enum class CtmcMethod { Automatic, DenseGth, SparseGth, SparseLu, Iterative };

struct CtmcOptions {
  CtmcMethod method = CtmcMethod::Automatic;
  /// Automatic uses DenseGth for closed classes of at most this many states, SparseGth above.
  std::size_t dense_limit = 400;
};

/// A CTMC on states 0..n−1, built transition by transition.
class Ctmc {
 public:
  /// \throws InvalidParameter when states == 0.
  explicit Ctmc(std::size_t states);

  /// Adds rate to the transition from → to (repeated calls accumulate). Self-transitions do
  /// not change a CTMC and are dropped; zero rates are dropped.
  /// \throws InvalidParameter for a state index ≥ states() or a rate that is negative or not
  ///         finite.
  void add(std::size_t from, std::size_t to, double rate);

  [[nodiscard]] std::size_t states() const noexcept { return states_; }
  /// The stored off-diagonal transitions (accumulated duplicates are still separate).
  [[nodiscard]] const std::vector<CtmcTransition>& transitions() const noexcept {
    return transitions_;
  }
  /// The generator Q (off-diagonal rates, diagonal = −row sum), row-major sparse.
  [[nodiscard]] Eigen::SparseMatrix<double, Eigen::RowMajor> generator() const;

  /// Stationary distribution π (size states(), non-negative, sums to 1).
  /// \throws InvalidParameter when the stationary distribution is not unique;
  ///         kendall::Error when the linear solver fails.
  [[nodiscard]] Eigen::VectorXd steady_state(const CtmcOptions& options = {}) const;

 private:
  std::size_t states_;
  std::vector<CtmcTransition> transitions_;
};

/// Steady state from a list of transitions on states 0..states−1 (see Ctmc::add).
[[nodiscard]] Eigen::VectorXd ctmc_steady_state(std::size_t states,
                                                std::span<const CtmcTransition> transitions,
                                                const CtmcOptions& options = {});

/// Steady state from a generator matrix. Off-diagonal entries must be ≥ 0; each diagonal
/// entry must equal minus the sum of the off-diagonal entries of its row (to 1e-9 relative,
/// explicit zeros allowed), otherwise InvalidParameter.
[[nodiscard]] Eigen::VectorXd ctmc_steady_state(const Eigen::SparseMatrix<double>& generator,
                                                const CtmcOptions& options = {});

/// ‖π Q‖_∞ / max_i |Q_ii|: the scaled residual of a candidate stationary vector.
[[nodiscard]] double ctmc_residual(const Ctmc& chain, const Eigen::VectorXd& pi);

}  // namespace kendall::model
