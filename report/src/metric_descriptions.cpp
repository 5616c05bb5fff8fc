#include "kendall/report/metric_descriptions.hpp"

#include <array>
#include <utility>

#include <fmt/format.h>

namespace kendall::report {

namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 30> descriptions{{
    {"lambda", "arrival rate"},
    {"mu", "service rate of one server"},
    {"servers", "number of servers"},
    {"capacity", "most customers in the station"},
    {"population", "customers in the closed network"},
    {"utilization", "busy fraction of each server"},
    {"busy_servers", "mean number of busy servers"},
    {"L", "mean number in station"},
    {"Lq", "mean number waiting"},
    {"W", "mean time in station (wait + service)"},
    {"Wq", "mean wait before service"},
    {"Wq_served", "mean wait of customers served"},
    {"Wq_abandoned", "mean wait of customers who abandon"},
    {"Wq_first", "mean wait until service first starts"},
    {"throughput", "departures per time unit"},
    {"p_wait", "probability a customer waits"},
    {"p_block", "probability an arrival is lost (full)"},
    {"p_abandon", "probability a customer abandons"},
    {"p_balk", "probability an arrival balks"},
    {"service_level", "probability the wait is within the target"},
    {"makespan", "time the last customer leaves"},
    {"cycle_time", "mean time of one full cycle"},
    {"arrivals", "arrivals per replication"},
    {"departures", "departures per replication"},
    {"blocked", "customers lost (station full) per replication"},
    {"balked", "customers who balked per replication"},
    {"reneged", "customers who abandoned per replication"},
    {"retried", "service retries per replication"},
    {"failed", "customers failed after their last retry"},
    {"lost", "customers who left unserved (blocked, balked, abandoned, failed)"},
}};

}  // namespace

std::string describe_metric(std::string_view name) {
  for (const auto& [key, text] : descriptions) {
    if (key == name) return std::string(text);
  }
  // Quantiles: "Wq_p95" -> "95th percentile of the wait".
  const auto underscore = name.rfind("_p");
  if (underscore != std::string_view::npos) {
    const std::string_view base = name.substr(0, underscore);
    const std::string_view level = name.substr(underscore + 2);
    if (base == "Wq") return fmt::format("{}th percentile of the wait", level);
    if (base == "W") return fmt::format("{}th percentile of the time in station", level);
    if (base == "Wq_served")
      return fmt::format("{}th percentile of the wait of customers served", level);
    if (base == "Wq_abandoned")
      return fmt::format("{}th percentile of the time until abandonment", level);
  }
  return {};
}

std::string describe_network_metric(std::string_view name) {
  if (name == "L") return "mean number in the system";
  if (name == "W") return "mean time from entering to leaving";
  if (name == "throughput") return "customers leaving served per time unit";
  if (name.starts_with("W_p")) {
    return fmt::format("{}th percentile of the time in the system", name.substr(3));
  }
  return describe_metric(name);
}

}  // namespace kendall::report
