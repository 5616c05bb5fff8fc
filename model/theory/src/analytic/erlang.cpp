#include "kendall/model/analytic/erlang.hpp"

#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "kendall/error.hpp"

#include "common.hpp"

namespace kendall::model {

double erlang_b(std::uint32_t c, double a) {
  detail::require_non_negative("offered load a", a);
  double b = 1.0;
  for (std::uint32_t k = 1; k <= c; ++k) {
    const double ab = a * b;
    b = ab / (static_cast<double>(k) + ab);
  }
  return b;
}

double log_erlang_b(std::uint32_t c, double a) {
  detail::require_non_negative("offered load a", a);
  if (c == 0) return 0.0;
  if (a == 0.0) return -std::numeric_limits<double>::infinity();
  // g_k = log(1/B(k)) with 1/B(k) = 1 + (k/a)/B(k−1):  g_k = softplus(log(k/a) + g_{k−1}).
  const double log_a = std::log(a);
  double g = 0.0;
  for (std::uint32_t k = 1; k <= c; ++k) {
    const double y = std::log(static_cast<double>(k)) - log_a + g;
    g = y > 0.0 ? y + std::log1p(std::exp(-y)) : std::log1p(std::exp(y));
  }
  return -g;
}

double erlang_c(std::uint32_t c, double a) {
  detail::require_non_negative("offered load a", a);
  if (c == 0) throw InvalidParameter("servers must be at least 1, got 0");
  const double cd = static_cast<double>(c);
  if (!(a < cd)) {
    throw InvalidParameter(fmt::format(
        "Erlang C needs offered load a < c for a steady state, got a = {} with c = {}", a, c));
  }
  const double b = erlang_b(c, a);
  const double rho = a / cd;
  const double one_minus_rho = (cd - a) / cd;
  return b / (one_minus_rho + rho * b);
}

double erlang_c(std::uint32_t c, double lambda, double mu) {
  detail::require_positive("lambda", lambda);
  detail::require_positive("mu", mu);
  if (c == 0) throw InvalidParameter("servers must be at least 1, got 0");
  const double cd = static_cast<double>(c);
  const double capacity = cd * mu;
  const double slack = std::fma(cd, mu, -lambda);  // cμ − λ with a single rounding
  if (!(slack > 0.0)) {
    throw InvalidParameter(
        fmt::format("Erlang C needs lambda < c*mu for a steady state, got lambda = {}, c*mu = {}",
                    lambda, capacity));
  }
  const double a = lambda / mu;
  const double b = erlang_b(c, a);
  const double rho = lambda / capacity;
  const double one_minus_rho = slack / capacity;
  return b / (one_minus_rho + rho * b);
}

}  // namespace kendall::model
