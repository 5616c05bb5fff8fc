#pragma once
/// \file
/// The table of queue disciplines and routing policies the engine implements, by the names
/// scenario files use (STYLE.md guideline 5). A name that is not in the table is an error that
/// lists the valid names — never a silent default, never a null strategy.

#include <span>
#include <string>
#include <string_view>

#include "kendall/model/scenario.hpp"

namespace kendall::sim {

struct DisciplineEntry {
  std::string_view name;
  model::Discipline discipline;
  std::string_view description;
};

struct RoutingEntry {
  std::string_view name;
  model::RoutingPolicy policy;
  std::string_view description;
};

/// Every discipline the engine implements, in documentation order.
[[nodiscard]] std::span<const DisciplineEntry> discipline_table() noexcept;
/// Every routing policy the engine implements.
[[nodiscard]] std::span<const RoutingEntry> routing_table() noexcept;

/// The discipline called `name`; throws InvalidParameter listing the valid names otherwise.
[[nodiscard]] model::Discipline discipline_from_name(std::string_view name);
[[nodiscard]] std::string_view discipline_name(model::Discipline discipline) noexcept;

/// The routing policy called `name`; throws InvalidParameter listing the valid names otherwise.
[[nodiscard]] model::RoutingPolicy routing_from_name(std::string_view name);
[[nodiscard]] std::string_view routing_name(model::RoutingPolicy policy) noexcept;

}  // namespace kendall::sim
