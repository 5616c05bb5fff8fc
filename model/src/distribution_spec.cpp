#include "kendall/model/distribution_spec.hpp"

#include <cmath>
#include <numeric>

#include <fmt/format.h>

#include "kendall/error.hpp"

namespace kendall::model {

namespace {

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

struct Moments {
  double mean;
  double variance;
};

Moments moments(const DistributionSpec& d) {
  return std::visit(Overloaded{
                        [](const dist::Exponential& e) {
                          return Moments{1.0 / e.rate, 1.0 / (e.rate * e.rate)};
                        },
                        [](const dist::Deterministic& e) {
                          return Moments{e.value, 0.0};
                        },
                        [](const dist::Erlang& e) {
                          return Moments{e.mean, e.mean * e.mean / e.k};
                        },
                        [](const dist::Gamma& e) {
                          return Moments{e.shape * e.scale, e.shape * e.scale * e.scale};
                        },
                        [](const dist::Lognormal& e) {
                          return Moments{e.mean, e.scv * e.mean * e.mean};
                        },
                        [](const dist::Hyperexponential& e) {
                          double m = 0.0;
                          double m2 = 0.0;
                          for (std::size_t i = 0; i < e.rates.size(); ++i) {
                            m += e.probabilities[i] / e.rates[i];
                            m2 += 2.0 * e.probabilities[i] / (e.rates[i] * e.rates[i]);
                          }
                          return Moments{m, m2 - m * m};
                        },
                        [](const dist::Uniform& e) {
                          const double w = e.high - e.low;
                          return Moments{0.5 * (e.low + e.high), w * w / 12.0};
                        },
                        [](const dist::Weibull& e) {
                          const double g1 = std::tgamma(1.0 + 1.0 / e.shape);
                          const double g2 = std::tgamma(1.0 + 2.0 / e.shape);
                          return Moments{e.scale * g1, e.scale * e.scale * (g2 - g1 * g1)};
                        },
                        [](const dist::Empirical& e) {
                          const double n = static_cast<double>(e.values.size());
                          const double m =
                              std::accumulate(e.values.begin(), e.values.end(), 0.0) / n;
                          double ss = 0.0;
                          for (double v : e.values) ss += (v - m) * (v - m);
                          return Moments{m, ss / n};
                        },
                    },
                    d);
}

void require(bool ok, std::string_view family, std::string_view what) {
  if (!ok) throw InvalidParameter(fmt::format("{} distribution: {}", family, what));
}

bool positive_finite(double x) { return std::isfinite(x) && x > 0.0; }

}  // namespace

double mean(const DistributionSpec& d) { return moments(d).mean; }

double variance(const DistributionSpec& d) { return std::max(0.0, moments(d).variance); }

double scv(const DistributionSpec& d) {
  const Moments m = moments(d);
  return std::max(0.0, m.variance) / (m.mean * m.mean);
}

std::string family_name(const DistributionSpec& d) {
  return std::visit(Overloaded{
                        [](const dist::Exponential&) { return "exponential"; },
                        [](const dist::Deterministic&) { return "deterministic"; },
                        [](const dist::Erlang&) { return "erlang"; },
                        [](const dist::Gamma&) { return "gamma"; },
                        [](const dist::Lognormal&) { return "lognormal"; },
                        [](const dist::Hyperexponential&) { return "hyperexponential"; },
                        [](const dist::Uniform&) { return "uniform"; },
                        [](const dist::Weibull&) { return "weibull"; },
                        [](const dist::Empirical&) { return "empirical"; },
                    },
                    d);
}

std::string describe(const DistributionSpec& d) {
  return std::visit(
      Overloaded{
          [](const dist::Exponential& e) {
            return fmt::format("exponential(mean {:g})", 1.0 / e.rate);
          },
          [](const dist::Deterministic& e) { return fmt::format("deterministic({:g})", e.value); },
          [](const dist::Erlang& e) { return fmt::format("erlang(k={}, mean {:g})", e.k, e.mean); },
          [](const dist::Gamma& e) {
            return fmt::format("gamma(shape {:g}, scale {:g})", e.shape, e.scale);
          },
          [](const dist::Lognormal& e) {
            return fmt::format("lognormal(mean {:g}, scv {:g})", e.mean, e.scv);
          },
          [&d](const dist::Hyperexponential& e) {
            return fmt::format("hyperexponential({} phases, mean {:g}, scv {:g})", e.rates.size(),
                               mean(d), scv(d));
          },
          [](const dist::Uniform& e) { return fmt::format("uniform({:g}, {:g})", e.low, e.high); },
          [](const dist::Weibull& e) {
            return fmt::format("weibull(shape {:g}, scale {:g})", e.shape, e.scale);
          },
          [&d](const dist::Empirical& e) {
            return fmt::format(
                "empirical({} values, {}, mean {:g})", e.values.size(),
                e.mode == dist::EmpiricalMode::Replay ? "replayed in order" : "sampled", mean(d));
          },
      },
      d);
}

bool is_exponential(const DistributionSpec& d) {
  if (std::holds_alternative<dist::Exponential>(d)) return true;
  if (const auto* e = std::get_if<dist::Erlang>(&d)) return e->k == 1;
  if (const auto* h = std::get_if<dist::Hyperexponential>(&d)) {
    for (double r : h->rates) {
      if (r != h->rates.front()) return false;
    }
    return !h->rates.empty();
  }
  if (const auto* g = std::get_if<dist::Gamma>(&d)) return g->shape == 1.0;
  return false;
}

void validate(const DistributionSpec& d) {
  std::visit(
      Overloaded{
          [](const dist::Exponential& e) {
            require(positive_finite(e.rate), "exponential", "rate must be a positive number");
          },
          [](const dist::Deterministic& e) {
            require(std::isfinite(e.value) && e.value >= 0.0, "deterministic",
                    "value must be a non-negative number");
          },
          [](const dist::Erlang& e) {
            require(e.k >= 1, "erlang", "k must be at least 1");
            require(positive_finite(e.mean), "erlang", "mean must be a positive number");
          },
          [](const dist::Gamma& e) {
            require(positive_finite(e.shape), "gamma", "shape must be a positive number");
            require(positive_finite(e.scale), "gamma", "scale must be a positive number");
          },
          [](const dist::Lognormal& e) {
            require(positive_finite(e.mean), "lognormal", "mean must be a positive number");
            require(positive_finite(e.scv), "lognormal", "scv must be a positive number");
          },
          [](const dist::Hyperexponential& e) {
            require(!e.rates.empty() && e.rates.size() == e.probabilities.size(),
                    "hyperexponential", "needs one probability per phase and at least one phase");
            double total = 0.0;
            for (std::size_t i = 0; i < e.rates.size(); ++i) {
              require(positive_finite(e.rates[i]), "hyperexponential",
                      "every phase rate must be a positive number");
              require(std::isfinite(e.probabilities[i]) && e.probabilities[i] >= 0.0,
                      "hyperexponential", "phase probabilities must be in [0, 1]");
              total += e.probabilities[i];
            }
            require(std::abs(total - 1.0) <= 1e-9, "hyperexponential",
                    fmt::format("phase probabilities must sum to 1 (they sum to {:g})", total));
          },
          [](const dist::Uniform& e) {
            require(std::isfinite(e.low) && std::isfinite(e.high) && e.low >= 0.0 && e.high > e.low,
                    "uniform", "needs 0 <= low < high");
          },
          [](const dist::Weibull& e) {
            require(positive_finite(e.shape), "weibull", "shape must be a positive number");
            require(positive_finite(e.scale), "weibull", "scale must be a positive number");
          },
          [](const dist::Empirical& e) {
            require(!e.values.empty(), "empirical", "needs at least one value");
            bool any_positive = false;
            for (double v : e.values) {
              require(std::isfinite(v) && v >= 0.0, "empirical",
                      "values must be non-negative numbers");
              any_positive = any_positive || v > 0.0;
            }
            require(any_positive, "empirical", "at least one value must be positive");
          },
      },
      d);
}

dist::Hyperexponential fit_hyperexponential(double mean_value, double scv_value) {
  if (!positive_finite(mean_value)) {
    throw InvalidParameter("hyperexponential distribution: mean must be a positive number");
  }
  if (!(std::isfinite(scv_value) && scv_value >= 1.0)) {
    throw InvalidParameter(fmt::format(
        "hyperexponential distribution: scv must be >= 1 (got {:g}); use erlang or gamma for "
        "scv < 1",
        scv_value));
  }
  if (scv_value == 1.0) return dist::Hyperexponential{{1.0}, {1.0 / mean_value}};
  // Balanced means: p1/μ1 = p2/μ2 (Whitt 1982); matches the first two moments exactly.
  const double p1 = 0.5 * (1.0 + std::sqrt((scv_value - 1.0) / (scv_value + 1.0)));
  const double p2 = 1.0 - p1;
  return dist::Hyperexponential{{p1, p2}, {2.0 * p1 / mean_value, 2.0 * p2 / mean_value}};
}

dist::Gamma gamma_from_moments(double mean_value, double scv_value) {
  if (!positive_finite(mean_value) || !positive_finite(scv_value)) {
    throw InvalidParameter("gamma distribution: mean and scv must be positive numbers");
  }
  return dist::Gamma{1.0 / scv_value, mean_value * scv_value};
}

}  // namespace kendall::model
