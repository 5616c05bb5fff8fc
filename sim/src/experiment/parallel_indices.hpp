#pragma once
// The one place replications meet a thread pool: run(begin, end, body) calls body(i) for every
// i in [begin, end), each index exactly once, on the executor's threads. The body must not
// throw and must write only state owned by its index, so results never depend on scheduling.
// One executor serves a whole experiment (warm-up pilots, then every wave of replications), so
// its threads are set up once.
//
// Release builds use oneTBB: a task arena of the requested size, one index per task, and — when
// more threads than the hardware's were asked for — a global_control raising oneTBB's limit
// for the executor's lifetime. Builds with KENDALL_TSAN use plain std::threads pulling indices
// from an atomic counter instead: Debian's libtbb is not instrumented, so ThreadSanitizer cannot
// see its internal synchronization and reports races inside oneTBB's own templates on every
// parallel_for. With the fallback, TSan checks what is ours — the replications running
// concurrently, the progress reporter, cancellation — though not the oneTBB path itself.

#include <cstdint>
#include <functional>
#include <memory>

namespace kendall::sim::detail {

class ParallelIndices {
 public:
  /// `threads` = 0: all hardware threads.
  explicit ParallelIndices(unsigned threads);
  ~ParallelIndices();
  ParallelIndices(const ParallelIndices&) = delete;
  ParallelIndices& operator=(const ParallelIndices&) = delete;

  void run(std::uint32_t begin, std::uint32_t end, const std::function<void(std::uint32_t)>& body);

 private:
  struct Pool;
  std::unique_ptr<Pool> pool_;
};

}  // namespace kendall::sim::detail
