// The event calendar: (time, priority, sequence) order, the documented tie rules, cancellation,
// and a randomized comparison with a std::set reference model.

#include <cstdint>
#include <set>
#include <tuple>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "kendall/sim/engine/event_queue.hpp"
#include "kendall/sim/engine/random_stream.hpp"

using kendall::sim::Event;
using kendall::sim::EventHandle;
using kendall::sim::EventKind;

TEMPLATE_TEST_CASE_SIG("events come out by time, then kind, then scheduling order",
                       "[sim][event_queue]", ((unsigned A), A), 2, 4, 8) {
  kendall::sim::BasicEventQueue<A> q;
  q.schedule(2.0, EventKind::Arrival, 1);
  q.schedule(1.0, EventKind::Arrival, 2);
  q.schedule(1.0, EventKind::ServiceEnd, 3);
  q.schedule(1.0, EventKind::Checkpoint, 4);
  q.schedule(1.0, EventKind::Arrival, 5);
  q.schedule(1.0, EventKind::Abandonment, 6);
  q.schedule(1.0, EventKind::CapacityChange, 7);
  q.schedule(1.0, EventKind::RetryReturn, 8);
  q.schedule(0.5, EventKind::Arrival, 9);
  std::vector<std::uint32_t> order;
  Event e;
  while (q.pop(e)) order.push_back(e.target);
  CHECK(order == std::vector<std::uint32_t>{9, 4, 3, 7, 6, 8, 2, 5, 1});
  CHECK(q.empty());
}

TEST_CASE("a departure at t is processed before an arrival at t", "[sim][event_queue]") {
  kendall::sim::EventQueue q;
  q.schedule(3.0, EventKind::Arrival, 1);
  q.schedule(3.0, EventKind::ServiceEnd, 2);
  Event e;
  REQUIRE(q.pop(e));
  CHECK(e.kind() == EventKind::ServiceEnd);
  REQUIRE(q.pop(e));
  CHECK(e.kind() == EventKind::Arrival);
}

TEST_CASE("cancelled events are never delivered", "[sim][event_queue]") {
  kendall::sim::EventQueue q;
  const EventHandle a = q.schedule(1.0, EventKind::Abandonment, 1);
  q.schedule(2.0, EventKind::Arrival, 2);
  const EventHandle c = q.schedule(0.5, EventKind::ServiceEnd, 3);
  CHECK(q.size() == 3);
  q.cancel(a);
  q.cancel(c);
  CHECK(q.size() == 1);
  Event e;
  REQUIRE(q.pop(e));
  CHECK(e.target == 2);
  CHECK_FALSE(q.pop(e));
}

TEST_CASE("mass cancellation compacts the heap", "[sim][event_queue]") {
  kendall::sim::EventQueue q;
  std::vector<EventHandle> handles;
  for (int i = 0; i < 10'000; ++i) {
    handles.push_back(
        q.schedule(static_cast<double>(i), EventKind::Abandonment, static_cast<std::uint32_t>(i)));
  }
  for (int i = 0; i < 10'000; ++i) {
    if (i % 10 != 0) q.cancel(handles[static_cast<std::size_t>(i)]);
  }
  CHECK(q.size() == 1000);
  CHECK(q.stored() < 2100);  // compaction kept memory near the live count
  Event e;
  std::uint32_t expected = 0;
  while (q.pop(e)) {
    CHECK(e.target == expected);
    expected += 10;
  }
  CHECK(expected == 10'000);
}

// Regression: compaction re-heaped with a reference into the entry being overwritten, which
// duplicated some events and lost others once times arrived out of order (found as a crash in
// an under-loaded Erlang-A run, where most patience events are cancelled).
TEMPLATE_TEST_CASE_SIG("compaction of an unsorted heap keeps exactly the live events in order",
                       "[sim][event_queue]", ((unsigned A), A), 2, 4) {
  kendall::sim::BasicEventQueue<A> q;
  kendall::sim::RandomStream rng(7);
  std::multiset<std::pair<double, std::uint32_t>> live;
  std::vector<std::pair<EventHandle, std::pair<double, std::uint32_t>>> handles;
  for (std::uint32_t i = 0; i < 5'000; ++i) {
    const double t = rng.uniform01() * 100.0;
    handles.push_back({q.schedule(t, EventKind::Abandonment, i), {t, i}});
  }
  for (std::size_t i = 0; i < handles.size(); ++i) {
    if (i % 7 == 3) {
      live.insert(handles[i].second);
    } else {
      q.cancel(handles[i].first);
    }
  }
  REQUIRE(q.size() == live.size());
  CHECK(q.stored() < 2 * live.size() + 64);  // compacted at least once
  Event e;
  for (const auto& [t, target] : live) {
    REQUIRE(q.pop(e));
    CHECK(e.time == t);
    CHECK(e.target == target);
  }
  CHECK_FALSE(q.pop(e));
}

TEMPLATE_TEST_CASE_SIG("random schedule/cancel/pop sequences match a reference ordered set",
                       "[sim][event_queue]", ((unsigned A), A), 2, 4) {
  kendall::sim::BasicEventQueue<A> q;
  // Reference: the ordered set simmer uses, keyed (time, kind, sequence).
  std::set<std::tuple<double, int, std::uint64_t>> reference;
  std::vector<std::tuple<double, int, std::uint64_t>> pending;
  kendall::sim::RandomStream rng(31);
  double now = 0.0;
  for (int step = 0; step < 200'000; ++step) {
    const auto action = rng.uniform_index(10);
    if (action < 5) {
      // Coarse times make ties common.
      const double t = now + static_cast<double>(rng.uniform_index(8));
      const auto kind = static_cast<int>(rng.uniform_index(6));
      const EventHandle h = q.schedule(t, static_cast<EventKind>(kind));
      reference.emplace(t, kind, h.sequence);
      pending.emplace_back(t, kind, h.sequence);
    } else if (action < 7 && !pending.empty()) {
      const auto i = rng.uniform_index(pending.size());
      const auto key = pending[i];
      pending[i] = pending.back();
      pending.pop_back();
      if (reference.erase(key) == 1) q.cancel({std::get<2>(key)});
    } else {
      Event e;
      const bool got = q.pop(e);
      REQUIRE(got == !reference.empty());
      if (!got) continue;
      const auto expected = *reference.begin();
      reference.erase(reference.begin());
      REQUIRE(e.time == std::get<0>(expected));
      REQUIRE(static_cast<int>(e.kind()) == std::get<1>(expected));
      REQUIRE(e.sequence() == std::get<2>(expected));
      now = e.time;
    }
    REQUIRE(q.size() == reference.size());
  }
}

TEST_CASE("the cancelled-sequence set survives heavy insert/erase churn", "[sim][event_queue]") {
  kendall::sim::detail::SequenceSet set;
  std::set<std::uint64_t> reference;
  kendall::sim::RandomStream rng(8);
  for (int i = 0; i < 100'000; ++i) {
    const std::uint64_t key = rng.uniform_index(5000);
    if (rng.uniform_index(2) == 0) {
      set.insert(key);
      reference.insert(key);
    } else {
      REQUIRE(set.erase(key) == (reference.erase(key) == 1));
    }
    REQUIRE(set.size() == reference.size());
  }
  for (std::uint64_t k = 0; k < 5000; ++k) REQUIRE(set.contains(k) == (reference.count(k) == 1));
}
