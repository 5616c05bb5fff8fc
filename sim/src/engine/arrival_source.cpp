#include "arrival_source.hpp"

#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "kendall/error.hpp"
#include "kendall/sim/engine/variates.hpp"

namespace kendall::sim::detail {

namespace {

void check_piecewise(const model::PiecewiseConstant& f, const char* what) {
  if (f.starts.empty() || f.starts.size() != f.values.size()) {
    throw InvalidParameter(
        fmt::format("{}: needs one value per start time (got {} starts, {} values)", what,
                    f.starts.size(), f.values.size()));
  }
  if (f.starts.front() != 0.0) {
    throw InvalidParameter(fmt::format("{}: the first piece must start at time 0", what));
  }
  for (std::size_t i = 1; i < f.starts.size(); ++i) {
    if (!(f.starts[i] > f.starts[i - 1]) || !std::isfinite(f.starts[i])) {
      throw InvalidParameter(
          fmt::format("{}: start times must be finite and strictly increasing", what));
    }
  }
  for (double v : f.values) {
    if (!(v >= 0.0) || !std::isfinite(v)) {
      throw InvalidParameter(fmt::format("{}: values must be finite and >= 0 (got {})", what, v));
    }
  }
  if (f.period && !(*f.period > f.starts.back() && std::isfinite(*f.period))) {
    throw InvalidParameter(
        fmt::format("{}: the period must be finite and longer than the last start", what));
  }
}

}  // namespace

PiecewiseCursor::PiecewiseCursor(const model::PiecewiseConstant& f)
    : starts_(f.starts), values_(f.values), period_(f.period) {
  check_piecewise(f, "piecewise-constant profile");
}

double PiecewiseCursor::piece_start() const noexcept {
  const double base = period_ ? static_cast<double>(cycle_) * *period_ : 0.0;
  return base + starts_[piece_];
}

double PiecewiseCursor::piece_end() const noexcept {
  const double base = period_ ? static_cast<double>(cycle_) * *period_ : 0.0;
  if (piece_ + 1 < starts_.size()) return base + starts_[piece_ + 1];
  if (period_) return base + *period_;
  return std::numeric_limits<double>::infinity();
}

bool PiecewiseCursor::advance() noexcept {
  if (piece_ + 1 < starts_.size()) {
    ++piece_;
    return true;
  }
  if (!period_) return false;
  piece_ = 0;
  ++cycle_;
  return true;
}

ArrivalSource::ArrivalSource(const model::ArrivalSpec& spec, RandomStream rng)
    : station(static_cast<std::uint32_t>(spec.station)),
      customer_class(static_cast<std::uint32_t>(spec.customer_class)),
      rng_(rng) {
  if (spec.rate_profile) {
    nhpp_ = true;
    rate_.emplace(*spec.rate_profile);
    const auto& f = *spec.rate_profile;
    if (f.period) {
      for (std::size_t i = 0; i < f.values.size(); ++i) {
        const double end = i + 1 < f.starts.size() ? f.starts[i + 1] : *f.period;
        period_mass_ += f.values[i] * (end - f.starts[i]);
      }
    }
  } else {
    interarrival_.emplace(Distribution(spec.interarrival), rng);
  }
}

std::optional<double> ArrivalSource::next_nhpp(double t) {
  // Invariant: t lies in the cursor's current piece (arrivals are generated in time order).
  double mass = variate::exponential(rng_, 1.0);
  PiecewiseCursor& c = *rate_;
  for (;;) {
    const double end = c.piece_end();
    const double rate = c.value();
    if (rate > 0.0) {
      const double available = (end - t) * rate;
      if (available >= mass) return t + mass / rate;
      mass -= available;
    }
    if (!c.advance()) return std::nullopt;  // the last piece has rate 0 for ever
    t = c.piece_start();
    if (c.at_cycle_start()) {
      if (period_mass_ <= 0.0) return std::nullopt;  // every period is empty
      if (mass > period_mass_) {
        // Skip whole periods in one step instead of walking through them.
        // Keep a positive remainder so the arrival falls inside a piece with a positive rate.
        double cycles = std::floor(mass / period_mass_);
        if (mass - cycles * period_mass_ <= 0.0) cycles -= 1.0;
        if (cycles >= 1.0) {
          mass -= cycles * period_mass_;
          c.skip_cycles(static_cast<std::uint64_t>(cycles));
          t = c.piece_start();
        }
      }
    }
  }
}

}  // namespace kendall::sim::detail
