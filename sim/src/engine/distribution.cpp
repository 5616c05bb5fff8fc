#include "kendall/sim/engine/distribution.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <variant>

#include <fmt/format.h>

#include "kendall/error.hpp"

namespace kendall::sim {

namespace {

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

constexpr double infinity = std::numeric_limits<double>::infinity();

}  // namespace

Distribution::Distribution(const model::DistributionSpec& spec) {
  model::validate(spec);
  std::visit(Overloaded{
                 [this](const model::dist::Exponential& e) {
                   kind_ = Kind::Exponential;
                   a_ = 1.0 / e.rate;  // mean
                   mean_ = a_;
                   variance_ = a_ * a_;
                   upper_ = infinity;
                 },
                 [this](const model::dist::Deterministic& e) {
                   kind_ = Kind::Deterministic;
                   a_ = e.value;
                   mean_ = a_;
                   lower_ = upper_ = a_;
                 },
                 [this](const model::dist::Erlang& e) {
                   kind_ = Kind::Erlang;
                   k_ = e.k;
                   a_ = e.mean;
                   mean_ = a_;
                   variance_ = a_ * a_ / static_cast<double>(k_);
                   upper_ = infinity;
                 },
                 [this](const model::dist::Gamma& e) {
                   kind_ = Kind::Gamma;
                   a_ = e.shape;
                   b_ = e.scale;
                   mean_ = a_ * b_;
                   variance_ = a_ * b_ * b_;
                   upper_ = infinity;
                 },
                 [this](const model::dist::Lognormal& e) {
                   // Parameters of the logarithm from the mean m and SCV c² of the variable:
                   // σ² = ln(1 + c²), μ = ln m − σ²/2 (Law, Simulation Modeling and Analysis, 5th
                   // ed., section 6.2.2, table 6.3).
                   kind_ = Kind::Lognormal;
                   const double sigma2 = std::log1p(e.scv);
                   a_ = std::log(e.mean) - 0.5 * sigma2;  // μ
                   b_ = std::sqrt(sigma2);                // σ
                   mean_ = std::exp(a_ + 0.5 * sigma2);
                   variance_ = std::expm1(sigma2) * std::exp(2.0 * a_ + sigma2);
                   upper_ = infinity;
                 },
                 [this](const model::dist::Hyperexponential& e) {
                   kind_ = Kind::Hyperexponential;
                   const double total =
                       std::accumulate(e.probabilities.begin(), e.probabilities.end(), 0.0);
                   double cumulative = 0.0;
                   double m1 = 0.0;
                   double m2 = 0.0;
                   for (std::size_t i = 0; i < e.rates.size(); ++i) {
                     const double p = e.probabilities[i] / total;
                     const double m = 1.0 / e.rates[i];
                     cumulative += p;
                     values_.push_back(cumulative);
                     phase_means_.push_back(m);
                     m1 += p * m;
                     m2 += 2.0 * p * m * m;
                   }
                   values_.back() = 1.0;  // the last phase takes whatever rounding left over
                   mean_ = m1;
                   variance_ = std::max(0.0, m2 - m1 * m1);
                   upper_ = infinity;
                 },
                 [this](const model::dist::Uniform& e) {
                   kind_ = Kind::Uniform;
                   a_ = e.low;
                   b_ = e.high;
                   mean_ = 0.5 * (a_ + b_);
                   variance_ = (b_ - a_) * (b_ - a_) / 12.0;
                   lower_ = a_;
                   upper_ = b_;
                 },
                 [this](const model::dist::Weibull& e) {
                   kind_ = Kind::Weibull;
                   a_ = e.shape;
                   b_ = e.scale;
                   const double g1 = std::tgamma(1.0 + 1.0 / a_);
                   const double g2 = std::tgamma(1.0 + 2.0 / a_);
                   mean_ = b_ * g1;
                   variance_ = std::max(0.0, b_ * b_ * (g2 - g1 * g1));
                   upper_ = infinity;
                 },
                 [this](const model::dist::Empirical& e) {
                   kind_ = e.mode == model::dist::EmpiricalMode::Replay ? Kind::EmpiricalReplay
                                                                        : Kind::EmpiricalSample;
                   values_ = e.values;
                   source_ = e.source;
                   const double n = static_cast<double>(values_.size());
                   // Two-pass mean and population variance: the moments of one draw (sample mode)
                   // and the long-run moments of a replayed cycle.
                   mean_ = std::accumulate(values_.begin(), values_.end(), 0.0) / n;
                   double ss = 0.0;
                   for (double v : values_) ss += (v - mean_) * (v - mean_);
                   variance_ = ss / n;
                   lower_ = *std::min_element(values_.begin(), values_.end());
                   upper_ = *std::max_element(values_.begin(), values_.end());
                 },
             },
             spec);
}

double Distribution::scv() const noexcept {
  if (variance_ == 0.0) return 0.0;
  if (mean_ == 0.0) return infinity;
  return variance_ / (mean_ * mean_);
}

double Distribution::sample_other(RandomStream& rng) {
  switch (kind_) {
    case Kind::Exponential:
      return variate::exponential(rng, a_);
    case Kind::Deterministic:
      return a_;
    case Kind::Erlang:
      return variate::erlang(rng, k_, a_);
    case Kind::Gamma:
      return variate::standard_gamma(rng, a_) * b_;
    case Kind::Lognormal:
      return variate::lognormal(rng, a_, b_);
    case Kind::Hyperexponential: {
      const double u = rng.uniform01();
      std::size_t phase = 0;
      while (u >= values_[phase]) ++phase;  // values_.back() == 1 > u ends the walk
      return variate::exponential(rng, phase_means_[phase]);
    }
    case Kind::Uniform:
      return variate::uniform(rng, a_, b_);
    case Kind::Weibull:
      return variate::weibull(rng, a_, b_);
    case Kind::EmpiricalSample:
      return values_[rng.uniform_index(values_.size())];
    case Kind::EmpiricalReplay: {
      const double v = values_[cursor_];
      if (++cursor_ == values_.size()) cursor_ = 0;
      return v;
    }
  }
  return a_;  // unreachable: every Kind is handled above
}

std::string Distribution::describe() const {
  switch (kind_) {
    case Kind::Exponential:
      return fmt::format("exponential(mean {:g})", mean_);
    case Kind::Deterministic:
      return fmt::format("deterministic({:g})", a_);
    case Kind::Erlang:
      return fmt::format("erlang(k={}, mean {:g})", k_, a_);
    case Kind::Gamma:
      return fmt::format("gamma(shape {:g}, scale {:g})", a_, b_);
    case Kind::Lognormal:
      return fmt::format("lognormal(mean {:g}, scv {:g})", mean_, scv());
    case Kind::Hyperexponential:
      return fmt::format("hyperexponential({} phases, mean {:g}, scv {:g})", phase_means_.size(),
                         mean_, scv());
    case Kind::Uniform:
      return fmt::format("uniform({:g}, {:g})", a_, b_);
    case Kind::Weibull:
      return fmt::format("weibull(shape {:g}, scale {:g})", a_, b_);
    case Kind::EmpiricalSample:
    case Kind::EmpiricalReplay:
      return fmt::format("empirical({} values{}, {}, mean {:g})", values_.size(),
                         source_.empty() ? std::string() : " from " + source_,
                         kind_ == Kind::EmpiricalReplay ? "replayed in order" : "sampled", mean_);
  }
  return "unknown";
}

}  // namespace kendall::sim
