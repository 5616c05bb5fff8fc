#pragma once
/// \file
/// Kendall-notation front end of the analytic library: what `kendall solve M/M/4 --lambda 3.6
/// --mu 1` runs. parse_kendall_notation() reads A/S/c[/K[/N]][+M]; solve() combines it with
/// the flag values of a QueueQuery, validates them against each other and dispatches to the
/// model functions of kendall/model/analytic/ (docs/models.md lists them).
///
/// Error messages name the CLI flags (`--servers`, `--capacity`, `--population`, `--lambda`,
/// `--mu`, `--arrival-scv`, `--service-scv`, `--patience-mean`, `--erlang-k`), e.g.
/// "M/M/c needs --servers".

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kendall/model/analytic/priority.hpp"
#include "kendall/model/analytic_result.hpp"

namespace kendall::model {

/// A/S/c/K/N[+M] as written.
struct KendallNotation {
  enum class Arrival {
    Markovian,  ///< M: Poisson arrivals
    General,    ///< G or GI: renewal arrivals described by their SCV
  };
  enum class Service {
    Markovian,      ///< M: exponential
    General,        ///< G or GI: described by its SCV
    Deterministic,  ///< D
    Erlang,         ///< E_k, Ek
  };
  /// One of the c, K, N positions.
  struct Count {
    enum class Kind {
      Absent,    ///< not written (K, N only): "M/M/c", or the empty K of "M/M/c//N"
      Symbol,    ///< a letter (c, s, K, N): the value must come from a flag
      Number,    ///< a number, in `value`
      Infinite,  ///< inf, infinity or ∞
    };
    Kind kind = Kind::Absent;
    std::uint64_t value = 0;
    bool operator==(const Count&) const = default;
  };

  std::string text;  ///< the notation as given (trimmed)
  Arrival arrival = Arrival::Markovian;
  Service service = Service::Markovian;
  /// Phases of E_k when written as a number ("M/E3/1", "M/E_3/1"); nullopt for "E_k".
  std::optional<std::uint32_t> erlang_k;
  Count servers;
  Count capacity;
  Count population;
  /// "+M": exponential patience (Erlang-A).
  bool abandonment = false;
};

/// Parses Kendall notation: `M/M/1`, `M/M/4`, `M/M/c`, `M/M/2/10`, `M/M/c/K`, `M/M/inf`,
/// `M/M/c//N`, `M/M/c/K/N`, `M/G/1`, `M/D/1`, `M/E3/1`, `M/E_3/1`, `M/E_k/1`, `G/G/1`,
/// `G/G/c`, `M/G/c`, `GI/M/1`, `M/M/c+M`, with `inf` (or `∞`) for c, K and N. Letters are
/// case-insensitive; spaces around the parts are ignored.
/// \throws InvalidParameter naming the bad part and what was expected.
[[nodiscard]] KendallNotation parse_kendall_notation(std::string_view text);

enum class PriorityMode { NonPreemptive, PreemptiveResume };

/// A single-queue question: the notation plus the values the CLI flags supply. Counts given
/// both in the notation and as a flag must agree. `unbounded` (∞) is accepted for servers,
/// capacity and population.
struct QueueQuery {
  std::string notation;
  std::optional<double> lambda;           ///< --lambda: arrival rate (per idle source for //N)
  std::optional<double> mu;               ///< --mu: service rate of one server (1/mean)
  std::optional<double> servers;          ///< --servers: c (or unbounded)
  std::optional<double> capacity;         ///< --capacity: K (or unbounded)
  std::optional<double> population;       ///< --population: N (or unbounded)
  std::optional<double> arrival_scv;      ///< --arrival-scv (G arrivals)
  std::optional<double> service_scv;      ///< --service-scv (G service)
  std::optional<double> patience_mean;    ///< --patience-mean (+M)
  std::optional<std::uint32_t> erlang_k;  ///< --erlang-k (E_k service written with a letter)
  /// Priority classes for M/G/1 (and M/M/1, M/D/1, M/E_k/1): class order = priority. When
  /// given, λ and μ come from the classes, not from --lambda/--mu.
  std::vector<PriorityClass> classes;
  PriorityMode priority = PriorityMode::NonPreemptive;
};

/// Solves the query: validates it and calls the model function that fits.
/// \throws InvalidParameter for contradictory or missing values (naming the flag) and for
///         combinations without an analytic model (saying which are supported).
[[nodiscard]] AnalyticResult solve(const QueueQuery& query, const QueryOptions& options = {});

}  // namespace kendall::model
