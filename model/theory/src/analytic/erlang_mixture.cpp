#include "erlang_mixture.hpp"

#include <cmath>
#include <limits>
#include <memory>
#include <utility>

#include "kendall/model/analytic/poisson.hpp"

#include "birth_death.hpp"
#include "weighted_sum.hpp"

namespace kendall::model::detail {

namespace {

struct MixtureData {
  double mu = 1.0;
  double pool_rate = 1.0;  // cμ
  double r = 0.0;          // 1 − 1/c
  double p_wait = 0.0;
  std::vector<double> Q;  // Q[k], k = 0..M−1
  std::vector<double> G;  // G[k], k = 0..M
};

// Σ_{k=lo..hi} Pois(k; x)·g(k) from the mode of Poisson(x) outward.
template <class G>
double poisson_weighted_sum(double x, std::uint64_t lo, std::uint64_t hi, const G& g) {
  if (lo > hi) return 0.0;
  if (x == 0.0) return lo == 0 ? g(0) : 0.0;
  const double mode_d = std::floor(x);
  std::uint64_t start = mode_d >= static_cast<double>(hi) ? hi : static_cast<std::uint64_t>(mode_d);
  if (start < lo) start = lo;
  return unimodal_weighted_sum(
      start, lo, hi, poisson_pmf(start, x),
      [x](std::uint64_t k) { return x / static_cast<double>(k + 1); },
      [x](std::uint64_t k) { return static_cast<double>(k) / x; }, g);
}

}  // namespace

WaitingTime erlang_mixture_waiting_time(double mu, std::uint32_t c, std::vector<double> q,
                                        double wq_mean, double w_mean) {
  auto data = std::make_shared<MixtureData>();
  data->mu = mu;
  data->pool_rate = static_cast<double>(c) * mu;
  data->r = 1.0 - 1.0 / static_cast<double>(c);
  const std::size_t M = q.size();
  data->Q.assign(M, 0.0);
  {
    CompensatedSum suffix;  // from the far end, so small tails keep their relative precision
    for (std::size_t k = M; k > 0; --k) {
      suffix.add(q[k - 1]);
      data->Q[k - 1] = suffix.value();  // Q[k−1] = Σ_{m ≥ k} q_m
    }
  }
  data->p_wait = M > 0 ? data->Q[0] : 0.0;
  data->G.assign(M + 1, 0.0);
  for (std::size_t k = 1; k <= M; ++k) data->G[k] = data->r * data->G[k - 1] + q[k - 1];

  auto wait_tail = [data](double t) {
    const std::size_t M = data->Q.size();
    if (M == 0) return 0.0;
    const double x = data->pool_rate * t;
    return poisson_weighted_sum(x, 0, M - 1, [&](std::uint64_t k) { return data->Q[k]; });
  };
  auto sojourn_tail = [data](double t) {
    const std::size_t M = data->Q.size();
    const double x = data->pool_rate * t;
    const double G_M = data->G[M];
    const double r = data->r;
    // Beyond M, G_k = G_M r^{k−M}; with r = 0 (c = 1) or G_M = 0 it vanishes after k = M.
    const std::uint64_t hi =
        (r == 0.0 || G_M == 0.0) ? M : std::numeric_limits<std::uint64_t>::max() - 1;
    const double mixture = poisson_weighted_sum(x, 0, hi, [&](std::uint64_t k) {
      if (k < M) return data->Q[k] + data->G[k];
      if (k == M) return G_M;
      return G_M * std::pow(r, static_cast<double>(k - M));
    });
    return (1.0 - data->p_wait) * std::exp(-data->mu * t) + mixture;
  };
  return WaitingTime(wait_tail, wq_mean > 0.0 ? wq_mean : 1.0 / data->pool_rate, sojourn_tail,
                     w_mean);
}

}  // namespace kendall::model::detail
