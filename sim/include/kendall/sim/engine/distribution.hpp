#pragma once
/// \file
/// A sampler built from a model::DistributionSpec that knows its own moments
/// (STYLE.md guideline 4). The simulator draws every service time, interarrival time,
/// patience and backoff through this class.
///
/// It is a concrete class (a tagged union with an inline switch) rather than a virtual
/// hierarchy because a sample is drawn on almost every event: the exponential and
/// deterministic cases are inlined and branch-predictable; the others go out of line.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "kendall/model/distribution_spec.hpp"
#include "kendall/sim/engine/random_stream.hpp"
#include "kendall/sim/engine/variates.hpp"

namespace kendall::sim {

class Distribution {
 public:
  enum class Kind : std::uint8_t {
    Exponential,
    Deterministic,
    Erlang,
    Gamma,
    Lognormal,
    Hyperexponential,
    Uniform,
    Weibull,
    EmpiricalSample,  ///< uniformly chosen observed value (with replacement)
    EmpiricalReplay,  ///< observed values in order, starting again after the last
  };

  /// Builds the sampler. Throws InvalidParameter when the parameters are outside their domain
  /// (the checks of model::validate).
  explicit Distribution(const model::DistributionSpec& spec);

  /// One sample, ≥ 0 for every family the scenario format allows. Draws from `rng`:
  /// exponential, Weibull, uniform 1; deterministic and replay 0; Erlang-k k; hyperexponential
  /// 2; empirical sample 1 (rarely more: unbiased index); gamma, lognormal: a variable number
  /// (rejection). Not const: replay advances its position.
  [[gnu::always_inline]] double sample(RandomStream& rng) {
    if (kind_ == Kind::Exponential) return variate::exponential(rng, a_);
    if (kind_ == Kind::Deterministic) return a_;
    return sample_other(rng);
  }

  /// Fills `out` with samples: the same values, in the same order, as out.size() calls of
  /// sample().
  void sample_block(RandomStream& rng, std::span<double> out) {
    if (kind_ == Kind::Exponential) {
      // All the uniforms first, then all the logarithms: the generator's state then stays in
      // registers instead of being stored and reloaded around every call of log (an opaque
      // call), and the kind is tested once per block.
      const double mean = a_;
      for (double& x : out) x = rng.uniform_open();
      for (double& x : out) x = variate::exponential_of(x, mean);
      return;
    }
    for (double& x : out) x = sample(rng);
  }

  /// Restarts a replayed sequence at its first value.
  void rewind() noexcept { cursor_ = 0; }

  [[nodiscard]] Kind kind() const noexcept { return kind_; }
  /// Mean, from this sampler's own parameters (not from model::mean, so that the two
  /// computations check each other in tests).
  [[nodiscard]] double mean() const noexcept { return mean_; }
  [[nodiscard]] double variance() const noexcept { return variance_; }
  /// Squared coefficient of variation, variance / mean² (infinite when the mean is 0 and the
  /// variance is not; 0 for a point mass at 0).
  [[nodiscard]] double scv() const noexcept;
  /// Smallest and largest values a sample can take (upper may be +∞).
  [[nodiscard]] double lower_bound() const noexcept { return lower_; }
  [[nodiscard]] double upper_bound() const noexcept { return upper_; }
  /// One-line description, e.g. "exponential(mean 2)" or "erlang(k=3, mean 1.5)".
  [[nodiscard]] std::string describe() const;

 private:
  double sample_other(RandomStream& rng);

  Kind kind_ = Kind::Deterministic;
  std::uint32_t k_ = 1;         // Erlang phases
  double a_ = 0.0;              // first parameter (see the constructor)
  double b_ = 0.0;              // second parameter
  std::vector<double> values_;  // empirical values, or hyperexponential cumulative probabilities
  std::vector<double> phase_means_;  // hyperexponential phase means
  std::size_t cursor_ = 0;           // replay position
  double mean_ = 0.0;
  double variance_ = 0.0;
  double lower_ = 0.0;
  double upper_ = 0.0;
  std::string source_;
};

}  // namespace kendall::sim
