#pragma once
/// \file
/// The semantic rules of a scenario, for scenarios built in code (CLI flags, the GUI editor)
/// as much as for files: the scenario loader runs the same rules and turns each diagnostic
/// into `file:line:col: message`. See docs/scenario-format.md, "Validation rules".

#include <string>
#include <vector>

#include "kendall/model/scenario.hpp"

namespace kendall::model {

/// One finding of validate_scenario().
struct Diagnostic {
  enum class Severity {
    Error,    ///< the scenario cannot be solved or simulated as it stands
    Warning,  ///< legal, but probably not what was meant (e.g. a station nothing reaches)
  };
  Severity severity = Severity::Error;
  /// Where, for people: `stations[2] 'db' .next`, `arrivals[0] .interarrival`,
  /// `run .confidence`; per-class fields add the class: `stations[0] 'api' .service 'gold'`.
  std::string path;
  /// The same place as scenario-file keys, outermost first, e.g. {"stations", "2", "next",
  /// "gold", "db"}. Per-class fields carry the class name only when the scenario has more
  /// than one class. The loader maps these to a line and column of the file.
  std::vector<std::string> keys;
  /// What is wrong — what was expected.
  std::string message;

  [[nodiscard]] bool is_error() const { return severity == Severity::Error; }
  /// `error: stations[2] 'db' .next: routing probabilities sum to 1.2 — ...`
  [[nodiscard]] std::string to_string() const;
};

/// Checks every rule that does not need the file's text: names (unique, non-empty, not
/// reserved), servers/capacity/backlog, discipline and quantum, distributions, routing
/// (indices, probabilities in [0, 1] summing to <= 1 + 1e-9, candidates of non-probabilistic
/// policies), arrivals and rate profiles, server schedules, balking/patience/retry, open vs
/// closed network consistency (a closed network has no arrivals, no backlog, a single class
/// and no route to exit; an open network has arrivals or a backlog, and every customer can
/// eventually leave), and the run settings. Errors first in scenario order, then warnings.
/// Never throws.
[[nodiscard]] std::vector<Diagnostic> validate_scenario(const Scenario& scenario);

/// True if any diagnostic is an error.
[[nodiscard]] bool has_errors(const std::vector<Diagnostic>& diagnostics);

/// Throws kendall::InvalidParameter whose message lists every error, one per line
/// (warnings are not reported). Does nothing for a valid scenario.
void require_valid_scenario(const Scenario& scenario);

}  // namespace kendall::model
