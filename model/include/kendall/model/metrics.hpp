#pragma once
/// \file
/// An ordered set of named metric values using the vocabulary of DESIGN.md
/// (`utilization`, `L`, `Lq`, `W`, `Wq`, `throughput`, `p_wait`, `p_block`, `Wq_p95`, ...).
/// A metric that does not apply or is unknown is simply absent — never NaN.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kendall::model {

/// Canonical metric names (DESIGN.md vocabulary). Use these constants, not string literals,
/// in library code so that a typo is a compile error.
namespace metric {
inline constexpr std::string_view utilization = "utilization";
inline constexpr std::string_view L = "L";
inline constexpr std::string_view Lq = "Lq";
inline constexpr std::string_view W = "W";
inline constexpr std::string_view Wq = "Wq";
/// Mean wait until service first starts; differs from Wq only under preemption or round-robin
/// (Wq also counts the time between service periods).
inline constexpr std::string_view Wq_first = "Wq_first";
inline constexpr std::string_view throughput = "throughput";
inline constexpr std::string_view p_wait = "p_wait";
inline constexpr std::string_view p_block = "p_block";
/// Probability that an admitted customer abandons (reneges) before service (Erlang-A).
inline constexpr std::string_view p_abandon = "p_abandon";
/// Mean wait of the customers who are eventually served (stations with patience).
inline constexpr std::string_view Wq_served = "Wq_served";
/// Mean time until abandonment of the customers who abandon (stations with patience).
inline constexpr std::string_view Wq_abandoned = "Wq_abandoned";
/// P(Wq <= sla) for the requested service-level target (`--sla`).
inline constexpr std::string_view service_level = "service_level";
/// Mean number of busy servers (= offered load actually carried, λ_eff / μ).
inline constexpr std::string_view busy_servers = "busy_servers";
inline constexpr std::string_view makespan = "makespan";
}  // namespace metric

/// Name of a quantile metric: quantile_name("Wq", 0.95) == "Wq_p95",
/// quantile_name("W", 0.999) == "W_p99.9".
[[nodiscard]] std::string quantile_name(std::string_view base, double p);

/// The default quantile levels reported when none are requested.
inline constexpr double default_quantiles[] = {0.5, 0.9, 0.95, 0.99};

/// The levels a simulation reports: the defaults plus the requested ones, ascending, without
/// repeats. `kendall run` asks theory for the same levels so both columns line up.
[[nodiscard]] std::vector<double> with_default_quantiles(const std::vector<double>& requested);

/// Insertion-ordered name → value map. Values must be finite.
class Metrics {
 public:
  using Entry = std::pair<std::string, double>;

  /// Sets (or replaces) a metric. Throws InvalidParameter when value is not finite: a metric
  /// that is unknown must be left out instead.
  void set(std::string_view name, double value);
  /// Sets the metric only when value is finite; returns whether it was set.
  bool set_if_finite(std::string_view name, double value);
  void erase(std::string_view name);

  [[nodiscard]] std::optional<double> get(std::string_view name) const;
  [[nodiscard]] bool has(std::string_view name) const { return get(name).has_value(); }
  /// The value, or throws InvalidParameter naming the missing metric.
  [[nodiscard]] double at(std::string_view name) const;

  [[nodiscard]] const std::vector<Entry>& entries() const noexcept { return entries_; }
  [[nodiscard]] bool empty() const noexcept { return entries_.empty(); }
  [[nodiscard]] std::size_t size() const noexcept { return entries_.size(); }

 private:
  std::vector<Entry> entries_;
};

}  // namespace kendall::model
