// The log-bucketed histogram: quantiles within the stated relative error of the exact
// empirical quantiles, an exact atom at zero, snapshots that subtract exactly.

#include <algorithm>
#include <cmath>
#include <vector>

#include <catch2/catch.hpp>

#include "kendall/sim/engine/log_histogram.hpp"
#include "kendall/sim/engine/random_stream.hpp"
#include "kendall/sim/engine/variates.hpp"

using kendall::sim::LogHistogram;
using kendall::sim::RandomStream;

namespace {

double exact_quantile(std::vector<double> sorted, double p) {
  std::sort(sorted.begin(), sorted.end());
  auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(sorted.size())));
  rank = std::clamp<std::size_t>(rank, 1, sorted.size());
  return sorted[rank - 1];
}

void check_quantiles(const std::vector<double>& values, const LogHistogram& h) {
  for (double p : {0.0, 0.01, 0.1, 0.25, 0.5, 0.9, 0.95, 0.99, 0.999, 1.0}) {
    INFO("p = " << p);
    const double exact = exact_quantile(values, p);
    const double estimate = h.quantile(p);
    if (exact == 0.0) {
      CHECK(estimate == 0.0);
    } else {
      CHECK(std::abs(estimate - exact) <= LogHistogram::relative_error * exact);
    }
  }
}

}  // namespace

TEST_CASE("quantiles are within 2^-7 relative error of the exact empirical quantiles",
          "[sim][histogram]") {
  RandomStream rng(3);
  std::vector<double> values;
  LogHistogram h;
  SECTION("exponential") {
    for (int i = 0; i < 100'000; ++i)
      values.push_back(kendall::sim::variate::exponential(rng, 3.0));
  }
  SECTION("lognormal spanning many binades") {
    for (int i = 0; i < 100'000; ++i)
      values.push_back(kendall::sim::variate::lognormal(rng, 0.0, 4.0));
  }
  SECTION("waiting times with an atom at zero") {
    for (int i = 0; i < 100'000; ++i) {
      values.push_back(rng.uniform01() < 0.3 ? 0.0 : kendall::sim::variate::exponential(rng, 0.01));
    }
  }
  SECTION("a few discrete values") {
    for (int i = 0; i < 1000; ++i) values.push_back(static_cast<double>(1 + i % 3));
  }
  for (double v : values) h.add(v);
  REQUIRE(h.count() == values.size());
  check_quantiles(values, h);
}

TEST_CASE("the atom at zero is exact", "[sim][histogram]") {
  LogHistogram h;
  for (int i = 0; i < 90; ++i) h.add(0.0);
  for (int i = 0; i < 10; ++i) h.add(5.0);
  CHECK(h.zeros() == 90);
  CHECK(h.quantile(0.9) == 0.0);
  CHECK(h.quantile(0.91) > 4.9);
  CHECK(h.fraction_at_most(0.0) == 0.9);
  CHECK(h.fraction_at_most(-1.0) == 0.0);
  CHECK(h.fraction_at_most(100.0) == 1.0);
}

TEST_CASE("subtracting a snapshot leaves exactly the later values", "[sim][histogram]") {
  RandomStream rng(4);
  LogHistogram running;
  for (int i = 0; i < 5000; ++i) running.add(kendall::sim::variate::exponential(rng, 1.0));
  const LogHistogram snapshot = running;
  std::vector<double> later;
  LogHistogram only_later;
  for (int i = 0; i < 20'000; ++i) {
    // Values far outside the snapshot's range force the histogram to widen.
    const double v = kendall::sim::variate::exponential(rng, i % 2 == 0 ? 1e-6 : 1e4);
    later.push_back(v);
    running.add(v);
    only_later.add(v);
  }
  running.subtract(snapshot);
  CHECK(running.count() == only_later.count());
  for (double p : {0.1, 0.5, 0.9, 0.99}) CHECK(running.quantile(p) == only_later.quantile(p));
  check_quantiles(later, running);

  LogHistogram merged = snapshot;
  merged.merge(only_later);
  CHECK(merged.count() == snapshot.count() + only_later.count());
}

TEST_CASE("fraction_at_most agrees with the empirical distribution function", "[sim][histogram]") {
  RandomStream rng(5);
  std::vector<double> values;
  LogHistogram h;
  for (int i = 0; i < 50'000; ++i) {
    values.push_back(kendall::sim::variate::exponential(rng, 2.0));
    h.add(values.back());
  }
  std::sort(values.begin(), values.end());
  for (double x : {0.1, 1.0, 2.0, 5.0}) {
    const double exact =
        static_cast<double>(std::upper_bound(values.begin(), values.end(), x) - values.begin()) /
        static_cast<double>(values.size());
    // Error at most the mass of one bucket around x (a 2^-7-wide bucket holds < 1% of it here).
    CHECK(std::abs(h.fraction_at_most(x) - exact) < 0.01);
  }
}

TEST_CASE("32-bit counters carry past 2^32 - 1", "[sim][histogram]") {
  // Build a bucket holding 2^32 − 1 values by binary doubling, then add one more: the counter
  // wraps and must carry into the high word.
  LogHistogram unit;
  unit.add(1.0);
  LogHistogram acc;
  for (int bit = 0; bit < 32; ++bit) {
    acc.merge(unit);
    unit.merge(unit);
  }
  REQUIRE(acc.count() == 0xFFFFFFFFull);
  const LogHistogram before = acc;
  acc.add(1.0);
  acc.add(3.0);
  CHECK(acc.count() == 0x100000001ull);
  CHECK(acc.quantile(0.5) == Approx(1.0).epsilon(LogHistogram::relative_error));
  CHECK(acc.quantile(1.0) == Approx(3.0).epsilon(LogHistogram::relative_error));
  CHECK(acc.fraction_at_most(2.0) == Approx(1.0 - 1.0 / 4294967297.0));
  LogHistogram later = acc;
  later.subtract(before);
  CHECK(later.count() == 2);
  CHECK(later.quantile(0.5) == Approx(1.0).epsilon(LogHistogram::relative_error));
  CHECK(later.quantile(1.0) == Approx(3.0).epsilon(LogHistogram::relative_error));
  // Doubling further keeps counting exactly in 64 bits.
  unit.merge(unit);
  CHECK(unit.count() == (std::uint64_t{1} << 33));
  CHECK(unit.quantile(0.999) == Approx(1.0).epsilon(LogHistogram::relative_error));
}

TEST_CASE("equal values give their value as every quantile, not a bucket edge",
          "[sim][histogram]") {
  LogHistogram h;
  for (int i = 0; i < 1000; ++i) h.add(3.0);
  for (double p : {0.0, 0.5, 0.9, 0.99, 1.0}) CHECK(h.quantile(p) == 3.0);
  // Only the ends of the observed range are known exactly: the largest value's bucket is cut
  // at 6, the smallest's starts at 2 but is interpolated over the rest of its bucket.
  LogHistogram two;
  for (int i = 0; i < 10; ++i) two.add(i < 5 ? 2.0 : 6.0);
  CHECK(two.quantile(0.9) == 6.0);
  CHECK(two.quantile(0.5) >= 2.0);
  CHECK(two.quantile(0.5) < 2.0 * (1.0 + LogHistogram::relative_error));
  // After a warm-up snapshot is subtracted, the window's quantiles stay inside the range.
  LogHistogram window = two;
  const LogHistogram snapshot = window;
  for (int i = 0; i < 10; ++i) window.add(6.0);
  window.subtract(snapshot);
  CHECK(window.quantile(0.5) == 6.0);
}
