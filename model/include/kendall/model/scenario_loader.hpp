#pragma once
/// \file
/// Reading scenario files (YAML; the format is specified in docs/scenario-format.md and
/// DESIGN.md "Scenario file").
///
/// Errors: every problem is reported as `file:line:col: what is wrong — what was expected`
/// (1-based line and column). The loader reports all the independent problems it finds, one
/// per line, in file order: first every problem in the file's structure (YAML syntax, unknown
/// or duplicate keys, wrong types, bad units, unknown names, missing required keys); once the
/// structure is sound, every rule that relates several parts of the file (routing sums,
/// closed/open network consistency, per-class completeness, ... — the rules of
/// validate_scenario()). A missing or unreadable file is a ScenarioError too.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "kendall/error.hpp"
#include "kendall/model/scenario.hpp"

namespace kendall::model {

/// What the loader throws: a ScenarioError whose file(), line(), column() and message()
/// describe the first problem, and whose what() lists every problem, one per line.
class ScenarioLoadError : public ScenarioError {
 public:
  struct Problem {
    std::string file;
    int line = 0;    ///< 1-based; 0 = unknown
    int column = 0;  ///< 1-based; 0 = unknown
    std::string message;
    /// `file:line:col: message`
    [[nodiscard]] std::string to_string() const;
  };

  /// \pre !problems.empty()
  explicit ScenarioLoadError(std::vector<Problem> problems);

  [[nodiscard]] const std::vector<Problem>& problems() const noexcept { return problems_; }
  [[nodiscard]] const char* what() const noexcept override { return all_.c_str(); }

 private:
  ScenarioLoadError(std::vector<Problem> problems, int non_empty_tag);

  std::vector<Problem> problems_;
  std::string all_;
};

/// Reads and checks a scenario file. Relative trace paths (`file:` of an empirical
/// distribution) are resolved against the file's directory. Throws ScenarioLoadError.
[[nodiscard]] Scenario load_scenario(const std::filesystem::path& path);

/// Parses scenario text; `source_name` is used in messages and as Scenario::source_file.
/// Trace paths are resolved against `base_directory`, or, when it is empty, against the
/// directory part of `source_name`. Throws ScenarioLoadError.
[[nodiscard]] Scenario parse_scenario(std::string_view yaml, std::string source_name,
                                      const std::filesystem::path& base_directory = {});

/// A loaded scenario together with the warnings of validate_scenario(), each located in the
/// file: `file:line:col: warning: station 'x' receives no customers ...`.
struct LoadedScenario {
  Scenario scenario;
  std::vector<std::string> warnings;
};

/// load_scenario() that also returns the warnings.
[[nodiscard]] LoadedScenario load_scenario_with_warnings(const std::filesystem::path& path);

/// parse_scenario() that also returns the warnings.
[[nodiscard]] LoadedScenario parse_scenario_with_warnings(
    std::string_view yaml, std::string source_name,
    const std::filesystem::path& base_directory = {});

}  // namespace kendall::model
