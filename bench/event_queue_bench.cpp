// Chooses the heap arity of the event calendar (event_queue.hpp): the "hold" model of
// calendar benchmarks (Jones, CACM 29(4), 1986) — pop the earliest event, schedule one at
// now + Exp(1) — at several queue sizes, for arities 2, 4 and 8.

#include <benchmark/benchmark.h>

#include "kendall/sim/engine/event_queue.hpp"
#include "kendall/sim/engine/random_stream.hpp"
#include "kendall/sim/engine/variates.hpp"

namespace {

template <unsigned Arity>
void hold(benchmark::State& state) {
  kendall::sim::BasicEventQueue<Arity> q;
  kendall::sim::RandomStream rng(1);
  const auto size = static_cast<std::size_t>(state.range(0));
  for (std::size_t i = 0; i < size; ++i) {
    q.schedule(kendall::sim::variate::exponential(rng, 1.0), kendall::sim::EventKind::ServiceEnd);
  }
  kendall::sim::Event e;
  for (auto _ : state) {
    q.pop(e);
    q.schedule(e.time + kendall::sim::variate::exponential(rng, 1.0),
               static_cast<kendall::sim::EventKind>(e.order & 1 ? 1 : 5));
  }
  state.SetItemsProcessed(state.iterations());
}

}  // namespace

BENCHMARK_TEMPLATE(hold, 2)->RangeMultiplier(8)->Range(2, 1 << 18);
BENCHMARK_TEMPLATE(hold, 4)->RangeMultiplier(8)->Range(2, 1 << 18);
BENCHMARK_TEMPLATE(hold, 8)->RangeMultiplier(8)->Range(2, 1 << 18);

BENCHMARK_MAIN();
