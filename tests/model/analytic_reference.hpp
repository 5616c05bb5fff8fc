#pragma once
// Independent reference computations for the analytic tests. Nothing here calls the
// analytic library: birth–death chains are solved by the generic CTMC solver, and closed
// forms are evaluated directly in long double.

#include <cmath>
#include <cstddef>
#include <functional>
#include <vector>

#include "kendall/model/ctmc.hpp"

namespace kendall::test {

/// Stationary distribution of a birth–death chain on 0..n_max, solved as a generic CTMC
/// (GTH by default), with birth(n) = rate n → n+1 and death(n) = rate n → n−1.
inline std::vector<double> ctmc_birth_death(
    std::size_t n_max, const std::function<double(std::size_t)>& birth,
    const std::function<double(std::size_t)>& death,
    model::CtmcMethod method = model::CtmcMethod::Automatic) {
  model::Ctmc chain(n_max + 1);
  for (std::size_t n = 0; n < n_max; ++n) {
    chain.add(n, n + 1, birth(n));
    chain.add(n + 1, n, death(n + 1));
  }
  const Eigen::VectorXd pi = chain.steady_state({method});
  return {pi.data(), pi.data() + pi.size()};
}

/// Σ f(n) p_n in long double.
inline double expect(const std::vector<double>& p,
                     const std::function<long double(std::size_t)>& f) {
  long double s = 0.0L;
  for (std::size_t n = 0; n < p.size(); ++n) s += f(n) * static_cast<long double>(p[n]);
  return static_cast<double>(s);
}

/// log(a^k / k!) in long double.
inline long double log_term(long double a, std::size_t k) {
  return static_cast<long double>(k) * std::log(a) -
         std::lgamma(static_cast<long double>(k) + 1.0L);
}

/// Erlang B by direct summation of a^k/k! in log space, long double (an independent method
/// from the library's recursion).
inline double erlang_b_direct(std::size_t c, long double a) {
  long double top = log_term(a, c);
  long double max = top;
  for (std::size_t k = 0; k <= c; ++k) max = std::max(max, log_term(a, k));
  long double sum = 0.0L;
  for (std::size_t k = 0; k <= c; ++k) sum += std::exp(log_term(a, k) - max);
  return static_cast<double>(std::exp(top - max) / sum);
}

/// Erlang C from the textbook formula (Gross et al. eq. 2.33 form), long double.
inline double erlang_c_direct(std::size_t c, long double a) {
  const long double b = erlang_b_direct(c, a);
  const long double rho = a / static_cast<long double>(c);
  return static_cast<double>(b / (1.0L - rho * (1.0L - b)));
}

/// Upper tail P(Erlang(m, rate) > t) = P(Poisson(rate t) ≤ m − 1), long double direct sum.
inline long double erlang_tail(std::size_t m, long double rate, long double t) {
  const long double x = rate * t;
  long double term = std::exp(-x);
  long double sum = term;
  for (std::size_t j = 1; j < m; ++j) {
    term *= x / static_cast<long double>(j);
    sum += term;
  }
  return sum;
}

/// Composite Simpson integral of f over [a, b] with n (even) panels.
inline double simpson(const std::function<double(double)>& f, double a, double b, int n) {
  const double h = (b - a) / n;
  double s = f(a) + f(b);
  for (int i = 1; i < n; ++i) s += f(a + i * h) * (i % 2 ? 4.0 : 2.0);
  return s * h / 3.0;
}

}  // namespace kendall::test
