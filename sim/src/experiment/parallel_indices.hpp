#pragma once
// The one place replications meet a thread pool: runs body(i) for every i in [begin, end),
// each index exactly once, on `threads` threads (0 = all hardware threads). The body must not
// throw and must write only state owned by its index, so results never depend on scheduling.
//
// Release builds use oneTBB (a task arena of the requested size, one index per task). Builds
// with KENDALL_TSAN use plain std::threads pulling indices from an atomic counter instead:
// Debian's libtbb is not instrumented, so ThreadSanitizer cannot see its internal
// synchronization and reports races inside oneTBB's own templates on every parallel_for. With
// the fallback, TSan checks what is ours — the replications running concurrently, the
// progress reporter, cancellation — though not the oneTBB path itself.

#include <cstdint>
#include <functional>

namespace kendall::sim::detail {

void for_each_index_in_parallel(std::uint32_t begin, std::uint32_t end, unsigned threads,
                                const std::function<void(std::uint32_t)>& body);

}  // namespace kendall::sim::detail
