#pragma once
/// \file
/// Validation suites: YAML files under validation/suites/ that say, case by case, which system
/// to run (a scenario, inline or from scenarios/), what it is checked against (the analytic
/// library or a published value with its source) and how precisely (validation/README.md
/// documents the format).
///
/// Four kinds of case:
///  - Simulation: the simulated 99% confidence interval must contain the exact reference AND
///    its relative half-width must be at most the check's tolerance (STYLE.md guideline 14),
///    so a run too short to tell right from wrong cannot pass.
///  - Approximation: the reference is a labelled approximation (Kingman, Allen–Cunneen, QNA,
///    Schweitzer ...). It is not expected inside the interval: the measured relative error is
///    reported, and accepted only within the approximation's documented accuracy (with its
///    source); without a stated accuracy the error is reported and never decides PASS/FAIL.
///  - Published: an analytic value against digits printed in a book or table; accepted within
///    half a unit in the last printed digit.
///  - Claims: "formulas in the wild" — a formula as an article states it, evaluated from the
///    article's parameters, against simulation and theory; each claim is expected to hold or
///    to fail, and the case passes when the measurement says what the case expects.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "kendall/model/analytic/priority.hpp"
#include "kendall/model/scenario.hpp"

namespace kendall::validation {

enum class CaseKind {
  Simulation,     ///< simulation vs an exact reference
  Approximation,  ///< simulation vs a labelled approximation
  Published,      ///< analytic library vs published digits
  Claims,         ///< formulas in the wild: claimed values vs simulation and theory
};

/// "simulation", "approximation", "published", "claims".
[[nodiscard]] const char* to_string(CaseKind kind);

/// A call of one named function of the analytic library (model_call.hpp lists the names).
struct ModelCall {
  std::string name;
  /// Named numeric arguments (lambda, mu, servers, capacity, population, ...).
  std::vector<std::pair<std::string, double>> args;
  /// Priority classes (mg1_priority, mg1_preemptive_priority, query).
  std::vector<model::PriorityClass> classes;
  /// Kendall notation for `query` (the `kendall solve M/M/4 ...` front end).
  std::string notation;
};

/// Where the reference values of a case come from.
struct ReferenceSpec {
  enum class Kind {
    Solver,  ///< model::solve_scenario on the case's scenario (what `kendall solve` answers)
    Model,   ///< one named model function, `call`
    Values,  ///< the values written in the checks (hand-computed or published)
  };
  Kind kind = Kind::Solver;
  ModelCall call;
};

/// One metric to check.
struct Check {
  /// Station name; empty = the network as a whole (end to end).
  std::string station;
  /// Customer class name (per-class metrics); empty = all classes together.
  std::string customer_class;
  /// Metric name in the DESIGN.md vocabulary (L, Wq, p_block, Wq_p95, makespan ...), or a
  /// validation-derived metric (runner.hpp: service_time, little_L_ratio, little_Lq_ratio).
  std::string metric;
  /// Largest acceptable relative half-width of the simulated 99% interval.
  double tolerance = 0.02;
  /// A value written in the suite (ReferenceSpec::Values, or the published digits of a
  /// Published case), with its text as printed.
  std::optional<double> value;
  std::string value_text;
  /// Published cases: largest acceptable |analytic − published|; by default half a unit in
  /// the last printed digit of value_text.
  double value_tolerance = 0.0;
  /// Expect the station to be unstable (no steady state): the check passes when both the
  /// simulation detects unbounded growth and theory says unstable; `metric` is then
  /// growth_rate and the analytic growth rate must lie in the simulated interval.
  bool expect_unstable = false;
  /// Approximation cases only: this metric is exact even under the approximation (arrival and
  /// service rates fix utilization and throughput), so it is judged like a simulation check.
  bool exact = false;
  /// Free-text remark shown next to the check (e.g. how the published value was rounded).
  std::string note;
  /// Published cases with a model reference: arguments of this check's own call, merged over
  /// the case's (a row and column of a printed table).
  std::vector<std::pair<std::string, double>> args;

  /// "station.metric", "station[class].metric" or "network.metric", prefixed by the check's
  /// own arguments ("servers = 5, p_block = 0.01: load").
  [[nodiscard]] std::string label() const;
};

/// One claim of the "formulas in the wild" case study.
struct Claim {
  /// The claim as the article writes it: "Lq = λ/μ".
  std::string display;
  /// The claimed value as an arithmetic expression over the case's params ("lambda/mu").
  std::string formula;
  /// What the claim says the formula equals: a station metric or (empty station) a network one.
  std::string station;
  std::string metric;
  /// True when the formula is expected to hold (the case fails when it does not, and vice
  /// versa: a case study that does not show what it says is a failure too).
  bool expect_holds = false;
  /// Why it holds or not; the correct formula.
  std::string explanation;
  /// Largest acceptable relative half-width of the measurement (99% interval).
  double tolerance = 0.02;
};

/// One case of a suite.
struct CaseSpec {
  std::string id;
  std::string title;
  std::string description;
  CaseKind kind = CaseKind::Simulation;
  /// Part of the quick subset run by the default CTest run.
  bool quick = false;
  /// Part of the coverage study (needs an exact reference).
  bool coverage = false;
  /// A negative control of the coverage study: a deliberately biased experiment (e.g. no
  /// warm-up after a large initial backlog) that the study must find inconsistent with 95%.
  /// Run only by the coverage study, never as an ordinary case.
  bool coverage_control = false;
  /// Replications per experiment in the coverage study (the case's own count otherwise).
  std::optional<std::uint32_t> coverage_replications;
  /// Customers per replication in the coverage study (the case's own count otherwise).
  std::optional<std::uint64_t> coverage_customers;
  /// The system, loaded and validated (absent for Published cases that call a model).
  std::optional<model::Scenario> scenario;
  /// Where the scenario came from: a path, or "inline".
  std::string scenario_source;
  ReferenceSpec reference;
  std::vector<Check> checks;
  /// Citation of the reference: book, table, page, or "Kendall analytic library".
  std::string source;
  /// Approximation cases: the documented accuracy (largest relative error accepted) and where
  /// it is documented; empty = report the error only.
  std::optional<double> accuracy;
  std::string accuracy_source;
  /// Claims cases: the article's parameters and its claims.
  std::vector<std::pair<std::string, double>> params;
  std::vector<Claim> claims;
  /// Suite file and line of the case, for messages.
  std::string location;
};

struct Suite {
  std::string name;  ///< file stem, e.g. "markovian"
  std::string title;
  std::string description;
  std::filesystem::path file;
  std::vector<CaseSpec> cases;
};

/// Reads a suite file. Inline scenarios are parsed with the scenario loader; scenario files
/// are resolved relative to the suite file. Throws kendall::ScenarioError located at the
/// suite file's line and column for every problem (unknown key, missing field, bad value,
/// a scenario that does not load).
[[nodiscard]] Suite load_suite(const std::filesystem::path& file);

/// The suite files (*.yaml) of a directory, sorted by name.
[[nodiscard]] std::vector<std::filesystem::path> find_suite_files(
    const std::filesystem::path& directory);

/// Where Kendall's own suites live: $KENDALL_VALIDATION_SUITES when set, else the source
/// tree's validation/suites (compiled in).
[[nodiscard]] std::filesystem::path default_suites_directory();

/// Resolves a suite argument: an existing path, or a suite name ("markovian") in `directory`.
/// Throws InvalidParameter listing the available suites when neither exists.
[[nodiscard]] std::filesystem::path resolve_suite(const std::string& name_or_path,
                                                  const std::filesystem::path& directory);

}  // namespace kendall::validation
