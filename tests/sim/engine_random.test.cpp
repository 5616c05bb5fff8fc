// Known-seed pins for the random number streams (STYLE.md guideline 8 / 14.1), in the manner of
// Catch2's RandomNumberGeneration tests: if one of these changes, every fingerprint and every
// validation seed changes with it.

#include <array>
#include <cmath>
#include <cstdint>
#include <set>

#include <catch2/catch.hpp>

#include "kendall/sim/engine/random_stream.hpp"
#include "kendall/sim/engine/variates.hpp"

using kendall::sim::RandomStream;
using kendall::sim::StreamPurpose;

TEST_CASE("SplitMix64 reproduces the reference outputs for seed 0", "[sim][rng]") {
  // First outputs of Vigna's splitmix64.c with x = 0 (widely published reference values).
  std::uint64_t state = 0;
  CHECK(kendall::sim::splitmix64_next(state) == 0xE220A8397B1DCDAFull);
  CHECK(kendall::sim::splitmix64_next(state) == 0x6E789E6AA1B965F4ull);
  CHECK(kendall::sim::splitmix64_next(state) == 0x06C45D188009454Full);
  CHECK(kendall::sim::splitmix64_next(state) == 0xF88BB8A8724C81ECull);
}

TEST_CASE("xoshiro256++ reproduces the reference implementation", "[sim][rng]") {
  // Reference values for state {0, 0, 0, 1} from the output of the reference C code as tabled
  // in DSCF-1224/xoshiro-fortran, test/README.md ("xoshiro256++ without jump").
  auto rng = RandomStream::from_state({0, 0, 0, 1});
  const std::array<std::uint64_t, 10> expected = {
      0x0000000000800000ull, 0x0000000000800011ull, 0x0002200000800011ull, 0x0002200044000020ull,
      0x00022000448008A1ull, 0x01102100802208A0ull, 0x0114002284200880ull, 0x0402896644A64095ull,
      0x8A14A0A244ACC891ull, 0x8C88BA4680B20495ull};
  for (std::uint64_t value : expected) CHECK(rng.next_u64() == value);
}

TEST_CASE("RandomStream seeding is pinned", "[sim][rng]") {
  // Seeding = four SplitMix64 outputs, so seed 0 gives exactly the reference SplitMix64 words.
  RandomStream zero(0);
  CHECK(zero.state() == std::array<std::uint64_t, 4>{0xE220A8397B1DCDAFull, 0x6E789E6AA1B965F4ull,
                                                     0x06C45D188009454Full, 0xF88BB8A8724C81ECull});
  // Regression pins: the first outputs of a derived stream. Changing them changes every result.
  auto rng = RandomStream::for_purpose(42, 0, kendall::sim::stream_id(StreamPurpose::Service, 0));
  const std::uint64_t a = rng.next_u64();
  const std::uint64_t b = rng.next_u64();
  CHECK(kendall::sim::derive_seed(42, 0, kendall::sim::stream_id(StreamPurpose::Service, 0)) ==
        0x98A0A67861A5CEA7ull);
  CHECK(a == 0xEB84CFACD6907E62ull);
  CHECK(b == 0x25E1AF3D1C3B7B4Cull);
}

TEST_CASE("derive_seed separates replications and purposes", "[sim][rng]") {
  std::set<std::uint64_t> seeds;
  int count = 0;
  for (std::uint64_t rep = 0; rep < 50; ++rep) {
    for (auto purpose : {StreamPurpose::Arrival, StreamPurpose::Service, StreamPurpose::Routing,
                         StreamPurpose::Patience, StreamPurpose::Balking, StreamPurpose::Failure,
                         StreamPurpose::Backoff, StreamPurpose::Discipline}) {
      for (std::uint32_t index = 0; index < 10; ++index) {
        seeds.insert(kendall::sim::derive_seed(7, rep, kendall::sim::stream_id(purpose, index)));
        ++count;
      }
    }
  }
  CHECK(seeds.size() == static_cast<std::size_t>(count));
  CHECK(kendall::sim::derive_seed(1, 0, 0) != kendall::sim::derive_seed(2, 0, 0));
  // The stream identifier keeps the class separate from the station.
  CHECK(kendall::sim::stream_id(StreamPurpose::Service, 1, 0) !=
        kendall::sim::stream_id(StreamPurpose::Service, 0, 1));
}

TEST_CASE("uniform variates stay inside their intervals", "[sim][rng]") {
  RandomStream rng(123);
  double lo = 1.0;
  double hi = 0.0;
  for (int i = 0; i < 1'000'000; ++i) {
    const double u = rng.uniform_open();
    REQUIRE(u > 0.0);
    REQUIRE(u < 1.0);
    lo = std::min(lo, u);
    hi = std::max(hi, u);
    const double v = rng.uniform01();
    REQUIRE(v >= 0.0);
    REQUIRE(v < 1.0);
  }
  CHECK(lo < 1e-5);
  CHECK(hi > 1.0 - 1e-5);
  // The extreme values of uniform_open are (0 + 1/2)·2^-53 and (2^53 − 1/2)·2^-53.
  auto zero_bits = RandomStream::from_state({0, 0, 0, 0});  // all-zero state outputs 0 for ever
  CHECK(zero_bits.uniform_open() == 0x1p-54);
  CHECK(zero_bits.uniform01() == 0.0);
}

TEST_CASE("uniform_index is unbiased over a small range", "[sim][rng]") {
  RandomStream rng(99);
  constexpr int n = 7;
  constexpr int draws = 700'000;
  std::array<int, n> counts{};
  for (int i = 0; i < draws; ++i) {
    const auto k = rng.uniform_index(n);
    REQUIRE(k < static_cast<std::uint64_t>(n));
    ++counts[k];
  }
  // Chi-square with 6 degrees of freedom; 22.46 is its 0.999 quantile.
  double chi2 = 0.0;
  const double expected = static_cast<double>(draws) / n;
  for (int c : counts) chi2 += (c - expected) * (c - expected) / expected;
  CHECK(chi2 < 22.46);
}

TEST_CASE("variates are pinned for a known seed", "[sim][rng]") {
  // Regression pins (printed with %.17g and checked bit for bit): changing a variate algorithm
  // or the order of its draws must show up here, not silently in validation results.
  RandomStream rng(2024);
  const std::array<double, 5> exponential = {1.290880762378869, 2.4422000191403739,
                                             2.8248557799939111, 1.7271296621722827,
                                             0.58019607168563625};
  for (double x : exponential) CHECK(kendall::sim::variate::exponential(rng, 2.0) == x);
  RandomStream normal_rng(2024);
  for (double x : {0.22244165424005105, -1.5098096115760069, 0.60633912402914336}) {
    CHECK(kendall::sim::variate::standard_normal(normal_rng) == x);
  }
  RandomStream gamma_rng(2024);
  for (double x : {0.2531434543170441, 0.85784182179754065, 0.33548872753575992}) {
    CHECK(kendall::sim::variate::standard_gamma(gamma_rng, 0.5) == x);
  }
}
