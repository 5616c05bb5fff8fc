// Tests of the generic CTMC steady-state solver. Reference solutions come from chains whose
// stationary distribution is known in closed form (computed here in long double), never
// from the analytic queueing library.
#include "kendall/model/ctmc.hpp"

#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include <catch2/catch.hpp>

#include "kendall/error.hpp"

using namespace kendall::model;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

namespace {

// Birth–death chain on 0..K with constant rates: π_n ∝ ρ^n, exact in long double.
std::vector<long double> geometric_reference(std::size_t K, long double rho) {
  std::vector<long double> p(K + 1);
  long double w = 1.0L;
  long double sum = 0.0L;
  for (std::size_t n = 0; n <= K; ++n) {
    p[n] = w;
    sum += w;
    w *= rho;
  }
  for (auto& x : p) x /= sum;
  return p;
}

Ctmc birth_death(std::size_t K, double birth, double death) {
  Ctmc chain(K + 1);
  for (std::size_t n = 0; n < K; ++n) {
    chain.add(n, n + 1, birth);
    chain.add(n + 1, n, death);
  }
  return chain;
}

}  // namespace

TEST_CASE("two-state chain", "[ctmc]") {
  Ctmc chain(2);
  chain.add(0, 1, 3.0);
  chain.add(1, 0, 1.0);
  for (auto method : {CtmcMethod::DenseGth, CtmcMethod::SparseLu, CtmcMethod::Iterative}) {
    const auto pi = chain.steady_state({method});
    CHECK_THAT(pi[0], WithinRel(0.25, 1e-14));
    CHECK_THAT(pi[1], WithinRel(0.75, 1e-14));
  }
}

TEST_CASE("single state and accumulated duplicate transitions", "[ctmc]") {
  Ctmc one(1);
  CHECK(one.steady_state()[0] == 1.0);
  Ctmc chain(2);
  chain.add(0, 1, 1.0);
  chain.add(0, 1, 2.0);  // accumulates to 3
  chain.add(1, 0, 1.0);
  chain.add(1, 1, 5.0);  // self-loop: no effect
  const auto pi = chain.steady_state();
  CHECK_THAT(pi[1], WithinRel(0.75, 1e-14));
}

TEST_CASE("birth-death chains match the geometric distribution to 1e-12 relative", "[ctmc]") {
  const double rho = GENERATE(0.3, 0.95, 1.0, 1.7);
  const std::size_t K = 200;
  const auto chain = birth_death(K, rho, 1.0);
  const auto ref = geometric_reference(K, rho);
  for (auto method : {CtmcMethod::DenseGth, CtmcMethod::SparseGth}) {
    const auto pi = chain.steady_state({method});
    for (std::size_t n = 0; n <= K; ++n) {
      // GTH keeps relative precision even for the tiny tail probabilities (0.3^200 ~ 1e-105).
      INFO("method " << static_cast<int>(method) << " rho " << rho << " n " << n);
      CHECK_THAT(pi[static_cast<Eigen::Index>(n)], WithinRel(static_cast<double>(ref[n]), 1e-12));
    }
  }
  // LU has small absolute error only: relative accuracy for the likely states.
  for (auto method : {CtmcMethod::SparseLu, CtmcMethod::Iterative}) {
    const auto pi = chain.steady_state({method});
    for (std::size_t n = 0; n <= K; ++n) {
      INFO("method " << static_cast<int>(method) << " rho " << rho << " n " << n);
      CHECK_THAT(pi[static_cast<Eigen::Index>(n)], WithinAbs(static_cast<double>(ref[n]), 1e-13));
      if (ref[n] > 1e-4L) {
        CHECK_THAT(pi[static_cast<Eigen::Index>(n)], WithinRel(static_cast<double>(ref[n]), 1e-9));
      }
    }
  }
}

TEST_CASE("probabilities spanning 600 orders of magnitude neither overflow nor vanish", "[ctmc]") {
  // ρ = 1e-3 over 200 states: π_200/π_0 = 1e-600 underflows double; the pinned sparse solve
  // must re-pin at the likely end instead of producing inf/NaN.
  const auto down = birth_death(200, 1e-3, 1.0);
  const auto up = birth_death(200, 1.0, 1e-3);  // mass at the top end
  for (auto method : {CtmcMethod::DenseGth, CtmcMethod::SparseGth, CtmcMethod::SparseLu}) {
    INFO("method " << static_cast<int>(method));
    const auto pi = down.steady_state({method});
    REQUIRE(pi.allFinite());
    CHECK_THAT(pi[0], WithinRel(1.0 - 1e-3, 1e-12));
    CHECK_THAT(pi[1], WithinRel((1.0 - 1e-3) * 1e-3, 1e-12));
    CHECK(pi.minCoeff() >= 0.0);
    const auto pj = up.steady_state({method});
    REQUIRE(pj.allFinite());
    CHECK_THAT(pj[200], WithinRel(1.0 - 1e-3, 1e-12));
    CHECK_THAT(pj[199], WithinRel((1.0 - 1e-3) * 1e-3, 1e-12));
    CHECK(pj.minCoeff() >= 0.0);
  }
  // GTH keeps relative precision down to the underflow threshold.
  const auto pi = down.steady_state({CtmcMethod::SparseGth});
  CHECK_THAT(pi[100], WithinRel((1.0 - 1e-3) * 1e-300, 1e-11));
}

TEST_CASE("random sparse chains: the three methods agree and the residual is tiny", "[ctmc]") {
  std::mt19937_64 rng(12345);
  std::uniform_real_distribution<double> rate(0.01, 10.0);
  std::uniform_int_distribution<std::size_t> pick(0, 299);
  const std::size_t n = 300;
  Ctmc chain(n);
  for (std::size_t i = 0; i < n; ++i) {
    chain.add(i, (i + 1) % n, rate(rng));  // a ring makes it irreducible
    for (int k = 0; k < 4; ++k) chain.add(i, pick(rng), rate(rng));
  }
  const auto gth = chain.steady_state({CtmcMethod::DenseGth});
  const auto sgth = chain.steady_state({CtmcMethod::SparseGth});
  const auto lu = chain.steady_state({CtmcMethod::SparseLu});
  const auto it = chain.steady_state({CtmcMethod::Iterative});
  CHECK_THAT(gth.sum(), WithinAbs(1.0, 1e-14));
  CHECK(ctmc_residual(chain, gth) < 1e-15);
  CHECK(ctmc_residual(chain, sgth) < 1e-15);
  CHECK(ctmc_residual(chain, lu) < 1e-15);
  for (Eigen::Index i = 0; i < gth.size(); ++i) {
    CHECK_THAT(sgth[i], WithinRel(gth[i], 1e-12));
    CHECK_THAT(lu[i], WithinRel(gth[i], 1e-11));
    CHECK_THAT(it[i], WithinRel(gth[i], 1e-8));
  }
}

TEST_CASE("transient states get probability zero", "[ctmc]") {
  // 0 -> 1 only; {1, 2} is the closed class.
  Ctmc chain(3);
  chain.add(0, 1, 1.0);
  chain.add(1, 2, 2.0);
  chain.add(2, 1, 1.0);
  for (auto method : {CtmcMethod::DenseGth, CtmcMethod::SparseLu}) {
    const auto pi = chain.steady_state({method});
    CHECK(pi[0] == 0.0);
    CHECK_THAT(pi[1], WithinRel(1.0 / 3.0, 1e-14));
    CHECK_THAT(pi[2], WithinRel(2.0 / 3.0, 1e-14));
  }
}

TEST_CASE("several closed classes and bad input are rejected with a clear message", "[ctmc]") {
  Ctmc chain(4);
  chain.add(0, 1, 1.0);
  chain.add(1, 0, 1.0);
  chain.add(2, 3, 1.0);
  chain.add(3, 2, 1.0);
  CHECK_THROWS_WITH(chain.steady_state(), Catch::Contains("2 closed communicating classes"));
  CHECK_THROWS_AS(chain.add(0, 4, 1.0), kendall::InvalidParameter);
  CHECK_THROWS_AS(chain.add(0, 1, -1.0), kendall::InvalidParameter);
  CHECK_THROWS_AS(chain.add(0, 1, std::nan("")), kendall::InvalidParameter);
  CHECK_THROWS_AS(Ctmc(0), kendall::InvalidParameter);
}

TEST_CASE("generator-matrix input", "[ctmc]") {
  Eigen::SparseMatrix<double> Q(3, 3);
  Q.insert(0, 0) = -2.0;
  Q.insert(0, 1) = 2.0;
  Q.insert(1, 0) = 1.0;
  Q.insert(1, 1) = -3.0;
  Q.insert(1, 2) = 2.0;
  Q.insert(2, 1) = 4.0;
  Q.insert(2, 2) = -4.0;
  const auto pi = ctmc_steady_state(Q);
  // Birth–death: π ∝ (1, 2, 1).
  CHECK_THAT(pi[0], WithinRel(0.25, 1e-14));
  CHECK_THAT(pi[1], WithinRel(0.5, 1e-14));
  CHECK_THAT(pi[2], WithinRel(0.25, 1e-14));
  Q.coeffRef(2, 2) = -3.0;  // row no longer sums to zero
  CHECK_THROWS_WITH(ctmc_steady_state(Q), Catch::Contains("row 2 of the generator"));
  Q.coeffRef(2, 2) = -4.0;
  Q.coeffRef(0, 1) = -2.0;
  Q.coeffRef(0, 0) = 2.0;
  CHECK_THROWS_AS(ctmc_steady_state(Q), kendall::InvalidParameter);
}

TEST_CASE("10^5-state birth-death chain (sparse GTH and sparse LU)", "[ctmc][large]") {
  const std::size_t K = 99'999;  // 100,000 states
  const double rho = 0.9999;
  const auto chain = birth_death(K, rho, 1.0);
  const auto ref = geometric_reference(K, rho);
  for (auto method : {CtmcMethod::Automatic, CtmcMethod::SparseLu}) {
    const auto pi = chain.steady_state({method});  // Automatic picks SparseGth
    for (std::size_t n : {std::size_t{0}, std::size_t{1}, std::size_t{5000}, std::size_t{50'000},
                          std::size_t{99'999}}) {
      CHECK_THAT(pi[static_cast<Eigen::Index>(n)], WithinRel(static_cast<double>(ref[n]), 1e-9));
    }
  }
}

TEST_CASE("10^5-state two-dimensional chain: product of two independent queues", "[ctmc][large]") {
  // Two independent M/M/1/K queues as one CTMC on (i, j): π(i, j) = π1(i) π2(j).
  const std::size_t K1 = 319;
  const std::size_t K2 = 319;  // 320 x 320 = 102,400 states
  const double rho1 = 0.9;
  const double rho2 = 0.97;
  auto id = [&](std::size_t i, std::size_t j) { return i * (K2 + 1) + j; };
  Ctmc chain((K1 + 1) * (K2 + 1));
  for (std::size_t i = 0; i <= K1; ++i) {
    for (std::size_t j = 0; j <= K2; ++j) {
      if (i < K1) chain.add(id(i, j), id(i + 1, j), rho1);
      if (i > 0) chain.add(id(i, j), id(i - 1, j), 1.0);
      if (j < K2) chain.add(id(i, j), id(i, j + 1), rho2);
      if (j > 0) chain.add(id(i, j), id(i, j - 1), 1.0);
    }
  }
  const auto pi = chain.steady_state();
  const auto p1 = geometric_reference(K1, rho1);
  const auto p2 = geometric_reference(K2, rho2);
  for (auto [i, j] : {std::pair<std::size_t, std::size_t>{0, 0}, {3, 7}, {10, 100}, {50, 319}}) {
    CHECK_THAT(pi[static_cast<Eigen::Index>(id(i, j))],
               WithinRel(static_cast<double>(p1[i] * p2[j]), 1e-9));
  }
}
