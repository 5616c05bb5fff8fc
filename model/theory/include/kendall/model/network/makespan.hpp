#pragma once
/// \file
/// Makespan of a backlog by list scheduling: n customers are present at time 0 at a station
/// with c identical servers and no further arrivals; whenever a server is free it takes the
/// next customer in line (FIFO onto the first free server, ties to the lowest-numbered
/// server, which does not change any completion time). With known service times this is a
/// deterministic schedule (Graham, "Bounds on multiprocessing timing anomalies", SIAM J. Appl.
/// Math. 17(2), 1969, list scheduling), so its makespan is exact. Example: service times
/// 2, 3, 4, 5, 6 on 3 servers finish at 9.

#include <cstdint>
#include <optional>
#include <span>

namespace kendall::model {

/// Completion time of the last customer.
/// \param service_times  in service order, each finite and ≥ 0
/// \param servers        c ≥ 1; empty = infinitely many (every customer starts at 0)
/// \returns 0 for an empty backlog.
/// \throws InvalidParameter for a negative/NaN service time or c = 0.
[[nodiscard]] double list_schedule_makespan(std::span<const double> service_times,
                                            std::optional<std::uint32_t> servers);

}  // namespace kendall::model
