#include "kendall/model/distribution_spec.hpp"

#include <cmath>
#include <numbers>

#include <catch2/catch.hpp>

#include "kendall/error.hpp"

using namespace kendall::model;
using Catch::Matchers::WithinRel;

TEST_CASE("distribution moments match their closed forms", "[model][distribution]") {
  CHECK_THAT(mean(dist::Exponential{4.0}), WithinRel(0.25, 1e-15));
  CHECK_THAT(scv(dist::Exponential{4.0}), WithinRel(1.0, 1e-15));
  CHECK(scv(dist::Deterministic{3.0}) == 0.0);
  CHECK_THAT(scv(dist::Erlang{4, 2.0}), WithinRel(0.25, 1e-15));
  CHECK_THAT(mean(dist::Gamma{2.0, 3.0}), WithinRel(6.0, 1e-15));
  CHECK_THAT(scv(dist::Gamma{2.0, 3.0}), WithinRel(0.5, 1e-15));
  CHECK_THAT(scv(dist::Lognormal{2.0, 1.5}), WithinRel(1.5, 1e-15));
  CHECK_THAT(mean(dist::Uniform{1.0, 3.0}), WithinRel(2.0, 1e-15));
  CHECK_THAT(variance(dist::Uniform{1.0, 3.0}), WithinRel(1.0 / 3.0, 1e-15));
  // Weibull with shape 1 is exponential with mean = scale.
  CHECK_THAT(mean(dist::Weibull{1.0, 2.0}), WithinRel(2.0, 1e-14));
  CHECK_THAT(scv(dist::Weibull{1.0, 2.0}), WithinRel(1.0, 1e-12));
  // Weibull shape 2 (Rayleigh): mean = scale*sqrt(pi)/2, var = scale^2 (1 - pi/4).
  CHECK_THAT(mean(dist::Weibull{2.0, 1.0}), WithinRel(std::sqrt(std::numbers::pi) / 2.0, 1e-14));
  CHECK_THAT(variance(dist::Weibull{2.0, 1.0}), WithinRel(1.0 - std::numbers::pi / 4.0, 1e-13));
  dist::Empirical e{{2.0, 3.0, 4.0, 5.0, 6.0}, dist::EmpiricalMode::Replay, "inline"};
  CHECK_THAT(mean(e), WithinRel(4.0, 1e-15));
  CHECK_THAT(variance(e), WithinRel(2.0, 1e-15));
}

TEST_CASE("balanced-means hyperexponential fit reproduces mean and scv", "[model][distribution]") {
  for (double target_scv : {1.0, 1.5, 2.0, 4.0, 16.0}) {
    const auto h = fit_hyperexponential(0.75, target_scv);
    CHECK_NOTHROW(validate(DistributionSpec{h}));
    CHECK_THAT(mean(DistributionSpec{h}), WithinRel(0.75, 1e-12));
    CHECK_THAT(scv(DistributionSpec{h}), WithinRel(target_scv, 1e-12));
  }
  CHECK_THROWS_AS(fit_hyperexponential(1.0, 0.5), kendall::InvalidParameter);
}

TEST_CASE("invalid distribution parameters are rejected", "[model][distribution]") {
  CHECK_THROWS_AS(validate(dist::Exponential{-1.0}), kendall::InvalidParameter);
  CHECK_THROWS_AS(validate(dist::Exponential{std::nan("")}), kendall::InvalidParameter);
  CHECK_THROWS_AS(validate(dist::Erlang{0, 1.0}), kendall::InvalidParameter);
  CHECK_THROWS_AS(validate(dist::Uniform{2.0, 1.0}), kendall::InvalidParameter);
  CHECK_THROWS_AS(validate(dist::Hyperexponential{{0.5, 0.6}, {1.0, 2.0}}),
                  kendall::InvalidParameter);
  CHECK_THROWS_AS(validate(dist::Empirical{{}, dist::EmpiricalMode::Sample, "inline"}),
                  kendall::InvalidParameter);
  CHECK_NOTHROW(validate(dist::Deterministic{0.0}));
  CHECK(is_exponential(dist::Erlang{1, 2.0}));
  CHECK_FALSE(is_exponential(dist::Erlang{2, 2.0}));
}
