#include "kendall/model/analytic/waiting_time.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include <fmt/format.h>

#include "kendall/error.hpp"

namespace kendall::model {

namespace {

void check_time(double t) {
  if (!(t >= 0.0)) {
    throw InvalidParameter(fmt::format("waiting-time argument t must be >= 0, got {}", t));
  }
}

void check_level(double p) {
  if (!(p > 0.0 && p < 1.0)) {
    throw InvalidParameter(fmt::format("quantile level p must be in (0, 1), got {}", p));
  }
}

}  // namespace

WaitingTime::WaitingTime(Tail wait_tail, double wait_scale, std::optional<Tail> sojourn_tail,
                         double sojourn_scale, std::optional<Quantile> wait_quantile,
                         std::optional<Quantile> sojourn_quantile)
    : wait_tail_(std::move(wait_tail)),
      wait_scale_(wait_scale),
      sojourn_tail_(std::move(sojourn_tail)),
      sojourn_scale_(sojourn_scale),
      wait_quantile_(std::move(wait_quantile)),
      sojourn_quantile_(std::move(sojourn_quantile)) {}

double WaitingTime::wait_tail(double t) const {
  check_time(t);
  return std::clamp(wait_tail_(t), 0.0, 1.0);
}

double WaitingTime::service_level(double t) const { return 1.0 - wait_tail(t); }

double WaitingTime::wait_quantile(double p) const {
  check_level(p);
  if (wait_quantile_) return (*wait_quantile_)(p);
  return quantile(wait_tail_, p, wait_scale_);
}

std::optional<double> WaitingTime::sojourn_tail(double t) const {
  check_time(t);
  if (!sojourn_tail_) return std::nullopt;
  return std::clamp((*sojourn_tail_)(t), 0.0, 1.0);
}

std::optional<double> WaitingTime::sojourn_quantile(double p) const {
  check_level(p);
  if (!sojourn_tail_) return std::nullopt;
  if (sojourn_quantile_) return (*sojourn_quantile_)(p);
  return quantile(*sojourn_tail_, p, sojourn_scale_);
}

double WaitingTime::quantile(const Tail& tail, double p, double scale) {
  check_level(p);
  const double target = 1.0 - p;
  if (tail(0.0) <= target) return 0.0;
  double lo = 0.0;
  double hi = (std::isfinite(scale) && scale > 0.0) ? scale : 1.0;
  // Double the bracket until the tail falls to the target. The tails we invert decay at
  // least exponentially, so this ends after a few dozen steps; the cap only guards misuse.
  int doublings = 0;
  while (tail(hi) > target) {
    lo = hi;
    hi *= 2.0;
    if (++doublings > 2100 || !std::isfinite(hi)) {
      throw Error(fmt::format("quantile p={} not bracketed: the tail does not decay", p));
    }
  }
  // Bisect to a relative width of a few ulps (at most ~1100 steps even from lo = 0).
  for (int i = 0; i < 2000; ++i) {
    const double mid = lo + 0.5 * (hi - lo);
    if (!(mid > lo && mid < hi) || hi - lo <= 4.0 * std::numeric_limits<double>::epsilon() * hi) {
      break;
    }
    if (tail(mid) > target) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return hi;
}

}  // namespace kendall::model
