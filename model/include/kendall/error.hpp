#pragma once
/// \file
/// The one exception hierarchy of Kendall (STYLE.md guideline 13): diagnostics before a run,
/// exceptions with context during it.

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

namespace kendall {

/// Base of every exception Kendall throws on purpose.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A parameter outside its domain (negative or NaN rate, c < 1, p outside [0,1], ...).
class InvalidParameter : public Error {
 public:
  using Error::Error;
};

/// A problem in a scenario file. what() reads `file:line:col: message`.
class ScenarioError : public Error {
 public:
  /// \param line, column 1-based; 0 when unknown.
  ScenarioError(std::string file, int line, int column, std::string message);

  [[nodiscard]] const std::string& file() const noexcept { return file_; }
  [[nodiscard]] int line() const noexcept { return line_; }
  [[nodiscard]] int column() const noexcept { return column_; }
  /// The message without the location prefix.
  [[nodiscard]] const std::string& message() const noexcept { return message_; }

 private:
  std::string file_;
  int line_;
  int column_;
  std::string message_;
};

/// A failure while a simulation runs, with where and when it happened.
class SimulationError : public Error {
 public:
  SimulationError(std::string message, double time, std::string station = {},
                  std::optional<std::uint64_t> customer = std::nullopt);

  [[nodiscard]] double time() const noexcept { return time_; }
  [[nodiscard]] const std::string& station() const noexcept { return station_; }
  [[nodiscard]] std::optional<std::uint64_t> customer() const noexcept { return customer_; }
  /// The message without the time/station/customer prefix (so that a caller can add context,
  /// e.g. the replication index, and rethrow with the same location).
  [[nodiscard]] const std::string& message() const noexcept { return message_; }

 private:
  double time_;
  std::string station_;
  std::optional<std::uint64_t> customer_;
  std::string message_;
};

}  // namespace kendall
