#include "parallel_indices.hpp"

#ifdef KENDALL_TSAN
#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>
#else
#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/info.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/partitioner.h>
#include <oneapi/tbb/task_arena.h>
#endif

namespace kendall::sim::detail {

#ifdef KENDALL_TSAN

struct ParallelIndices::Pool {
  unsigned threads;
};

ParallelIndices::ParallelIndices(unsigned threads)
    : pool_(std::make_unique<Pool>(
          Pool{threads == 0 ? std::max(1u, std::thread::hardware_concurrency()) : threads})) {}

void ParallelIndices::run(std::uint32_t begin, std::uint32_t end,
                          const std::function<void(std::uint32_t)>& body) {
  if (begin >= end) return;
  const unsigned count = std::min<unsigned>(pool_->threads, end - begin);
  std::atomic<std::uint32_t> next{begin};
  const auto work = [&] {
    for (std::uint32_t i = next++; i < end; i = next++) body(i);
  };
  std::vector<std::jthread> workers;
  for (unsigned t = 1; t < count; ++t) workers.emplace_back(work);
  work();
}

#else

struct ParallelIndices::Pool {
  // oneTBB's worker pool defaults to the hardware concurrency; more threads than that were
  // asked for explicitly, so the process-wide limit is raised while this executor lives (it
  // changes only the degree of parallelism, never a result). Declared before the arena.
  std::unique_ptr<tbb::global_control> allow;
  tbb::task_arena arena;

  explicit Pool(unsigned threads)
      : allow(threads > static_cast<unsigned>(tbb::info::default_concurrency())
                  ? std::make_unique<tbb::global_control>(
                        tbb::global_control::max_allowed_parallelism, threads)
                  : nullptr),
        arena(threads == 0 ? tbb::task_arena::automatic : static_cast<int>(threads)) {}
};

ParallelIndices::ParallelIndices(unsigned threads) : pool_(std::make_unique<Pool>(threads)) {}

void ParallelIndices::run(std::uint32_t begin, std::uint32_t end,
                          const std::function<void(std::uint32_t)>& body) {
  if (begin >= end) return;
  pool_->arena.execute([&] {
    tbb::parallel_for(
        tbb::blocked_range<std::uint32_t>(begin, end, 1),
        [&](const tbb::blocked_range<std::uint32_t>& range) {
          for (std::uint32_t i = range.begin(); i != range.end(); ++i) body(i);
        },
        tbb::simple_partitioner());
  });
}

#endif

ParallelIndices::~ParallelIndices() = default;

}  // namespace kendall::sim::detail
