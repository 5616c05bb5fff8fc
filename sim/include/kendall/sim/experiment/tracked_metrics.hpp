#pragma once
/// \file
/// The metrics sequential stopping drives to the precision target and batch means checks for
/// correlation: the headline numbers of every station and of the whole network.

#include <array>
#include <string_view>

#include "kendall/model/metrics.hpp"

namespace kendall::sim {

/// Per station: L, W, Wq and throughput. Per-class metrics, quantiles, probabilities and
/// counts are reported with intervals but not tracked: their precision follows from these or
/// is not what users size systems by.
inline constexpr std::array<std::string_view, 4> tracked_station_metrics = {
    model::metric::L, model::metric::W, model::metric::Wq, model::metric::throughput};

/// For the network: end-to-end W.
inline constexpr std::array<std::string_view, 1> tracked_network_metrics = {model::metric::W};

}  // namespace kendall::sim
