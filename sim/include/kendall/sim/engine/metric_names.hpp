#pragma once
/// \file
/// Metric names the simulator reports besides the DESIGN.md vocabulary of
/// model/metrics.hpp (which it also uses: L, Lq, W, Wq, utilization, busy_servers,
/// throughput, p_wait, p_block, p_abandon, makespan, W_p95 ...).

#include <string_view>

namespace kendall::sim::metric {

/// Probability that an arriving customer balks (arrivals that balked / arrivals).
inline constexpr std::string_view p_balk = "p_balk";
/// Counts over the observation window.
inline constexpr std::string_view arrivals =
    "arrivals";  ///< arrivals at the station (each retry is a new arrival); network: customers
                 ///< entering
inline constexpr std::string_view departures =
    "departures";  ///< service completions (station); customers leaving served (network)
inline constexpr std::string_view blocked =
    "blocked";  ///< arrivals lost because the station was full
inline constexpr std::string_view balked = "balked";  ///< arrivals that balked
inline constexpr std::string_view reneged =
    "reneged";  ///< admitted customers that abandoned while waiting
inline constexpr std::string_view retried = "retried";  ///< failed attempts followed by a retry
inline constexpr std::string_view failed =
    "failed";  ///< customers that left after their last attempt failed
inline constexpr std::string_view lost =
    "lost";  ///< network: customers that left without being served (blocked, balked, reneged or
             ///< failed anywhere)

}  // namespace kendall::sim::metric
