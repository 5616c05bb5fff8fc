#pragma once
// Internal helpers shared by the analytic model functions: parameter checks, filling the
// DESIGN.md metric vocabulary in one canonical order, the unstable-system answer, and the
// distribution metrics (quantiles, service level).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kendall/model/analytic/waiting_time.hpp"
#include "kendall/model/analytic_result.hpp"

namespace kendall::model::detail {

/// Throws InvalidParameter unless value is finite and > 0.
void require_positive(std::string_view name, double value);
/// Throws InvalidParameter unless value is finite and ≥ 0.
void require_non_negative(std::string_view name, double value);
/// Throws InvalidParameter unless c ≥ 1.
void require_servers(std::uint64_t c);

/// The requested quantile levels (the defaults when none), each checked to lie in (0, 1).
[[nodiscard]] std::vector<double> quantile_levels(const QueryOptions& options);
/// Checks the levels and the SLA target of the options up front.
void validate_options(const QueryOptions& options);

/// The steady-state numbers every model has. Filled in the canonical metric order.
struct CoreMetrics {
  double utilization = 0.0;
  double L = 0.0;
  double Lq = 0.0;
  double W = 0.0;
  double Wq = 0.0;
  double throughput = 0.0;
  std::optional<double> p_wait;
  std::optional<double> p_block;
  std::optional<double> busy_servers;
};
void set_core_metrics(AnalyticResult& result, const CoreMetrics& m);

/// Marks the result unstable: utilization = offered load per server (may exceed 1),
/// throughput = what the servers carry, growth_rate = λ − capacity, and a note why.
void set_unstable(AnalyticResult& result, double lambda, double service_capacity,
                  std::optional<double> servers);

/// Adds Wq_pXX (and W_pXX when the sojourn distribution is exact) for every requested level,
/// and service_level when options.sla is set.
void add_distribution_metrics(AnalyticResult& result, const WaitingTime& wt,
                              const QueryOptions& options);

/// (1 − e^{−x})/x for x ≥ 0, with value 1 at 0, computed without cancellation.
[[nodiscard]] double one_minus_exp_over_x(double x);

/// P(E_a + E_b > t) for independent exponentials with rates a, b > 0 (hypoexponential tail),
/// symmetric in a and b and free of cancellation even when a == b or a ≈ b.
[[nodiscard]] double hypoexponential2_tail(double a, double b, double t);

/// "inf" or the integer/decimal value, for notes.
[[nodiscard]] std::string format_number(double v);

}  // namespace kendall::model::detail
