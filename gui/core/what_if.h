#pragma once
// A what-if on top of the open scenario: every arrival rate multiplied by a factor and some
// stations given another number of servers. The document is not touched; the planner is asked
// about the modified copy.

#include <cstdint>
#include <map>

#include <QString>

#include "kendall/model/scenario.hpp"

namespace kendall::gui {

struct WhatIf {
  double arrivalFactor = 1.0;
  /// Servers per station index; stations not listed keep the file's count.
  std::map<std::size_t, std::uint32_t> servers;

  [[nodiscard]] bool neutral(const model::Scenario& scenario) const;
  /// "arrival rates ×1.20, api 10 servers" (empty when neutral).
  [[nodiscard]] QString describe(const model::Scenario& scenario) const;
  bool operator==(const WhatIf&) const = default;
};

/// Whether the what-if can change the servers of this station (a finite, fixed count: not a
/// delay station and not a schedule).
[[nodiscard]] bool serversAdjustable(const model::StationSpec& station);

/// The scenario with the what-if applied (scaleArrivals for the rates).
[[nodiscard]] model::Scenario applyWhatIf(const model::Scenario& scenario, const WhatIf& whatIf);

}  // namespace kendall::gui
