#pragma once
/// \file
/// MSER-5 warm-up detection in bounded memory.
///
/// MSER (K. P. White, "An effective truncation heuristic for bias reduction in simulation
/// output", Simulation 69(6), 1997; MSER-5: White, Cobb, Spratt, WSC 2000) chooses the
/// truncation point d* that minimises the marginal standard error of the remaining batch
/// means Y_1 … Y_n (batches of 5 observations):
///
///     MSER(d) = Σ_{j>d} (Y_j − Ȳ_d)² / (n − d)²,   d = 0 … ⌊n/2⌋,
///
/// where Ȳ_d is the mean of Y_{d+1} … Y_n. The search stops at n/2 as the authors recommend
/// (a minimum in the second half means the run is too short to tell).
///
/// Bounded memory: at most `capacity` batch means are kept. When the array is full,
/// neighbouring batches are merged pairwise (their means averaged), halving the array and
/// doubling the batch size (5, 10, 20 …), so the truncation point is found with a resolution
/// of one (current) batch. Memory: `capacity` doubles, whatever the run length.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace kendall::sim {

class MserAccumulator {
 public:
  /// \param batch     initial batch size (5 for MSER-5)
  /// \param capacity  most batch means kept (even, ≥ 4)
  explicit MserAccumulator(std::size_t batch = 5, std::size_t capacity = 4096);

  void add(double x);

  /// Number of leading observations MSER says to delete (a multiple of the current batch
  /// size); 0 when fewer than `minimum_batches` complete batches exist.
  [[nodiscard]] std::uint64_t truncation() const;

  [[nodiscard]] std::uint64_t observations() const noexcept { return observations_; }
  [[nodiscard]] std::size_t batch_size() const noexcept { return batch_; }
  [[nodiscard]] std::size_t batches() const noexcept { return means_.size(); }

  /// Fewer complete batches than this: no truncation (too little data to judge).
  static constexpr std::size_t minimum_batches = 10;

 private:
  std::size_t batch_;
  std::size_t capacity_;
  std::vector<double> means_;
  double partial_sum_ = 0.0;
  std::size_t partial_count_ = 0;
  std::uint64_t observations_ = 0;
};

}  // namespace kendall::sim
