#pragma once
/// \file
/// Portable, reproducible random numbers (STYLE.md guideline 8): xoshiro256++ streams seeded
/// through SplitMix64, one independent stream per replication and per purpose.
///
/// The generator is specified bit for bit, so the same seed gives the same numbers on every
/// compiler and platform. No global state: every stream is an object owned by the code that
/// draws from it.
///
/// Sources: D. Blackman, S. Vigna, "Scrambled linear pseudorandom number generators",
/// ACM TOMS 47(4), 2021 (xoshiro256++ 1.0, https://prng.di.unimi.it/xoshiro256plusplus.c);
/// G. Steele, D. Lea, C. Flood, "Fast splittable pseudorandom number generators",
/// OOPSLA 2014 (SplitMix64, https://prng.di.unimi.it/splitmix64.c).

#include <array>
#include <bit>
#include <cstdint>

namespace kendall::sim {

namespace detail {
// GCC and Clang provide a 128-bit integer; __extension__ keeps -Wpedantic quiet about it.
__extension__ typedef unsigned __int128 Uint128;
}  // namespace detail

/// SplitMix64: advances `state` by the golden gamma and returns the mixed value.
/// With state 0 the first outputs are 0xE220A8397B1DCDAF, 0x6E789E6AA1B965F4, ...
[[nodiscard]] constexpr std::uint64_t splitmix64_next(std::uint64_t& state) noexcept {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

/// SplitMix64's output function on one value (a bijective 64-bit mixer).
[[nodiscard]] constexpr std::uint64_t splitmix64_mix(std::uint64_t x) noexcept {
  return splitmix64_next(x);
}

/// What a stream is used for. Together with an index (arrival stream, station, class) it
/// names the stream, so adding a station or an arrival stream never shifts the numbers the
/// others draw.
enum class StreamPurpose : std::uint8_t {
  Arrival = 1,   ///< interarrival times of one arrival stream (index = arrival stream)
  Service = 2,   ///< service times at a station for one class (index = station, class)
  Routing = 3,   ///< routing decisions after service (index = station, class)
  Patience = 4,  ///< reneging patience (index = station)
  Balking = 5,   ///< balking decisions (index = station)
  Failure = 6,   ///< whether a service attempt fails (index = station)
  Backoff = 7,   ///< retry backoff delays (index = station)
  Discipline =
      8,  ///< random choices of a discipline, e.g. service in random order (index = station)
};

/// The 64-bit stream identifier: purpose in the top byte, station (or arrival stream) in the
/// next 32 bits, customer class in the low 24 bits.
[[nodiscard]] constexpr std::uint64_t stream_id(StreamPurpose purpose, std::uint32_t index,
                                                std::uint32_t customer_class = 0) noexcept {
  return (static_cast<std::uint64_t>(purpose) << 56) | (static_cast<std::uint64_t>(index) << 24) |
         (customer_class & 0xFFFFFFu);
}

/// Seed of one stream: h0 = mix(master), h1 = mix(h0 ^ mix(replication + 1)),
/// seed = mix(h1 ^ mix(stream + 2)), where mix is splitmix64_mix. Distinct
/// (replication, stream) pairs give unrelated seeds; the xoshiro256++ states seeded from them
/// start at unrelated points of a period of 2^256 − 1, so overlaps are negligible.
[[nodiscard]] constexpr std::uint64_t derive_seed(std::uint64_t master_seed,
                                                  std::uint64_t replication,
                                                  std::uint64_t stream) noexcept {
  const std::uint64_t h0 = splitmix64_mix(master_seed);
  const std::uint64_t h1 = splitmix64_mix(h0 ^ splitmix64_mix(replication + 1));
  return splitmix64_mix(h1 ^ splitmix64_mix(stream + 2));
}

/// One xoshiro256++ stream.
class RandomStream {
 public:
  /// The four state words are the first four SplitMix64 outputs from `seed` (the seeding
  /// procedure the xoshiro authors recommend); the state is therefore never all zero.
  explicit constexpr RandomStream(std::uint64_t seed = 0) noexcept {
    std::uint64_t sm = seed;
    for (auto& word : s_) word = splitmix64_next(sm);
  }

  /// A stream with an explicit state (for reference-vector tests). The state must not be
  /// all zero.
  [[nodiscard]] static constexpr RandomStream from_state(
      const std::array<std::uint64_t, 4>& state) noexcept {
    RandomStream r;
    r.s_ = state;
    return r;
  }

  /// Stream `stream` of replication `replication` under `master_seed`.
  [[nodiscard]] static constexpr RandomStream for_purpose(std::uint64_t master_seed,
                                                          std::uint64_t replication,
                                                          std::uint64_t stream) noexcept {
    return RandomStream(derive_seed(master_seed, replication, stream));
  }

  /// Next 64 random bits (xoshiro256++ 1.0).
  [[gnu::always_inline]] constexpr std::uint64_t next_u64() noexcept {
    const std::uint64_t result = std::rotl(s_[0] + s_[3], 23) + s_[0];
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = std::rotl(s_[3], 45);
    return result;
  }

  /// Uniform on [0, 1): the top 53 bits as k · 2^-53.
  [[gnu::always_inline]] constexpr double uniform01() noexcept {
    return static_cast<double>(next_u64() >> 11) * 0x1.0p-53;
  }

  /// Uniform on the open interval (0, 1): (k + 1/2) · 2^-53 — never 0 and never 1, so both
  /// log(u) and log(1 − u) are finite. Used wherever a logarithm is taken.
  [[gnu::always_inline]] constexpr double uniform_open() noexcept {
    return (static_cast<double>(next_u64() >> 11) + 0.5) * 0x1.0p-53;
  }

  /// Uniform integer in [0, n), n ≥ 1, without bias (D. Lemire, "Fast random integer
  /// generation in an interval", ACM TOMACS 29(1), 2019: multiply-shift with rejection).
  constexpr std::uint64_t uniform_index(std::uint64_t n) noexcept {
    detail::Uint128 m = static_cast<detail::Uint128>(next_u64()) * n;
    auto low = static_cast<std::uint64_t>(m);
    if (low < n) {
      const std::uint64_t threshold = (0 - n) % n;
      while (low < threshold) {
        m = static_cast<detail::Uint128>(next_u64()) * n;
        low = static_cast<std::uint64_t>(m);
      }
    }
    return static_cast<std::uint64_t>(m >> 64);
  }

  [[nodiscard]] constexpr const std::array<std::uint64_t, 4>& state() const noexcept { return s_; }

 private:
  std::array<std::uint64_t, 4> s_{};
};

}  // namespace kendall::sim
