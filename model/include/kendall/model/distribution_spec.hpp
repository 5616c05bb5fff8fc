#pragma once
/// \file
/// Descriptions of probability distributions as they appear in scenario files. Parameters are
/// in the scenario's time unit. These are plain data: model/ computes their moments for the
/// analytic approximations, sim/ builds its own samplers from them.

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace kendall::model::dist {

/// Exponential with the given rate (mean 1/rate). Poisson arrivals use this.
struct Exponential {
  double rate = 1.0;

  bool operator==(const Exponential&) const = default;
};

/// Always `value`.
struct Deterministic {
  double value = 1.0;

  bool operator==(const Deterministic&) const = default;
};

/// Erlang-k: sum of k exponential phases, each of mean mean/k. SCV = 1/k.
struct Erlang {
  std::uint32_t k = 1;
  double mean = 1.0;

  bool operator==(const Erlang&) const = default;
};

/// Gamma with shape α and scale θ: mean αθ, variance αθ².
struct Gamma {
  double shape = 1.0;
  double scale = 1.0;

  bool operator==(const Gamma&) const = default;
};

/// Lognormal given by the mean and SCV of the variable itself (not of its logarithm).
struct Lognormal {
  double mean = 1.0;
  double scv = 1.0;

  bool operator==(const Lognormal&) const = default;
};

/// Mixture of exponentials: with probability probabilities[i], exponential(rates[i]).
/// From (mean, scv ≥ 1) the loader fits two phases with balanced means (Whitt 1982).
struct Hyperexponential {
  std::vector<double> probabilities;
  std::vector<double> rates;

  bool operator==(const Hyperexponential&) const = default;
};

/// Continuous uniform on [low, high].
struct Uniform {
  double low = 0.0;
  double high = 1.0;

  bool operator==(const Uniform&) const = default;
};

/// Weibull with shape k and scale λ: mean λ Γ(1 + 1/k).
struct Weibull {
  double shape = 1.0;
  double scale = 1.0;

  bool operator==(const Weibull&) const = default;
};

/// How an empirical distribution produces values.
enum class EmpiricalMode {
  Sample,  ///< each draw picks one of the values uniformly at random (with replacement)
  Replay,  ///< draws return the values in file order, starting again after the last one
};

/// Observed values (from the file or a CSV trace). Needs at least one value.
struct Empirical {
  std::vector<double> values;
  EmpiricalMode mode = EmpiricalMode::Sample;
  std::string source;  ///< where the values came from ("inline" or the CSV path)

  bool operator==(const Empirical&) const = default;
};

}  // namespace kendall::model::dist

namespace kendall::model {

using DistributionSpec =
    std::variant<dist::Exponential, dist::Deterministic, dist::Erlang, dist::Gamma, dist::Lognormal,
                 dist::Hyperexponential, dist::Uniform, dist::Weibull, dist::Empirical>;

/// Mean of the distribution.
[[nodiscard]] double mean(const DistributionSpec& d);
/// Variance of the distribution.
[[nodiscard]] double variance(const DistributionSpec& d);
/// Squared coefficient of variation, variance / mean².
[[nodiscard]] double scv(const DistributionSpec& d);
/// Scenario-file name of the distribution family ("exponential", "erlang", ...).
[[nodiscard]] std::string family_name(const DistributionSpec& d);
/// One-line human description, e.g. "exponential(mean 45)" or "erlang(k=3, mean 2)".
[[nodiscard]] std::string describe(const DistributionSpec& d);
/// True for the exponential family (memoryless; what product-form results need).
[[nodiscard]] bool is_exponential(const DistributionSpec& d);

/// Throws InvalidParameter when the parameters are outside their domain
/// (non-positive rates or means, negative values, probabilities not summing to 1, ...).
void validate(const DistributionSpec& d);

/// Two-phase hyperexponential with balanced means matching mean and scv (scv must be ≥ 1;
/// scv == 1 gives a single exponential phase).
[[nodiscard]] dist::Hyperexponential fit_hyperexponential(double mean, double scv);

/// Gamma with the given mean and scv (shape 1/scv, scale mean·scv).
[[nodiscard]] dist::Gamma gamma_from_moments(double mean, double scv);

}  // namespace kendall::model
