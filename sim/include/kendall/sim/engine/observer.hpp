#pragma once
/// \file
/// Observation kept apart from mechanics (STYLE.md guideline 7): stations and arrival sources
/// only announce what happens; observers decide what to record. The per-replication
/// statistics are one such observer (built in, called without virtual dispatch); traces,
/// fingerprints and user probes attach through this interface.

#include <cstdint>
#include <string_view>

namespace kendall::sim {

/// What happened. One customer visit at a station produces, in order:
/// Arrival, then Blocked or Balked (and SystemExit), or Admitted, ServiceStart ...
/// ServiceComplete — with ServicePause/ServiceResume pairs for preemption and round-robin
/// quanta, or Reneged (and SystemExit) instead of service. After ServiceComplete:
/// RetryScheduled (off-station backoff, then a new Arrival at the same station), Failed
/// (and SystemExit), an Arrival at the next station, or SystemExit.
enum class NoticeKind : std::uint8_t {
  Arrival,          ///< a customer arrives at a station (before the admission decision)
  Blocked,          ///< the station was full (capacity K): the customer is lost
  Balked,           ///< the customer saw the queue and did not join
  Admitted,         ///< the customer joined the station
  ServiceStart,     ///< first service start of this visit
  ServicePause,     ///< service interrupted (preempted, or end of a round-robin quantum)
  ServiceResume,    ///< service continues after a pause
  ServiceComplete,  ///< service at this station finished (successfully or not)
  Reneged,          ///< patience ran out while waiting: the customer abandons
  RetryScheduled,   ///< the service attempt failed; the customer will retry after a backoff
  Failed,           ///< the last allowed attempt failed: the customer leaves as failed
  SystemExit,       ///< the customer left the system (closed networks: returned to the start)
  CapacityChange,   ///< a server schedule changed the number of servers (customer = servers)
};

[[nodiscard]] std::string_view notice_name(NoticeKind kind) noexcept;

/// One announcement. `customer` is the customer's number (0, 1, 2 ... in order of creation),
/// except for CapacityChange where it is the new number of servers.
struct Notice {
  double time = 0.0;
  NoticeKind kind = NoticeKind::Arrival;
  std::uint32_t station = 0;
  std::uint32_t customer_class = 0;
  std::uint64_t customer = 0;
};

class Observer {
 public:
  virtual ~Observer() = default;
  /// Called synchronously for every notice, in simulation order. An exception thrown here
  /// aborts the replication as a SimulationError carrying the time and station.
  virtual void notify(const Notice& notice) = 0;
};

}  // namespace kendall::sim
