#include "kendall/error.hpp"

#include <fmt/format.h>

namespace kendall {

namespace {
std::string located(const std::string& file, int line, int column, const std::string& message) {
  if (line <= 0) return fmt::format("{}: {}", file, message);
  if (column <= 0) return fmt::format("{}:{}: {}", file, line, message);
  return fmt::format("{}:{}:{}: {}", file, line, column, message);
}

std::string with_context(const std::string& message, double time, const std::string& station,
                         std::optional<std::uint64_t> customer) {
  std::string where = fmt::format("at t={:g}", time);
  if (!station.empty()) where += fmt::format(" in station '{}'", station);
  if (customer) where += fmt::format(", customer #{}", *customer);
  return fmt::format("simulation error {}: {}", where, message);
}
}  // namespace

ScenarioError::ScenarioError(std::string file, int line, int column, std::string message)
    : Error(located(file, line, column, message)),
      file_(std::move(file)),
      line_(line),
      column_(column),
      message_(std::move(message)) {}

SimulationError::SimulationError(std::string message, double time, std::string station,
                                 std::optional<std::uint64_t> customer)
    : Error(with_context(message, time, station, customer)),
      time_(time),
      station_(std::move(station)),
      customer_(customer),
      message_(std::move(message)) {}

}  // namespace kendall
