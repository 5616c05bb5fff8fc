#include "kendall/model/network/makespan.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <vector>

#include <fmt/format.h>
#include <queue>

#include "kendall/error.hpp"

namespace kendall::model {

double list_schedule_makespan(std::span<const double> service_times,
                              std::optional<std::uint32_t> servers) {
  if (servers && *servers == 0) throw InvalidParameter("list scheduling needs at least one server");
  for (std::size_t i = 0; i < service_times.size(); ++i) {
    if (!std::isfinite(service_times[i]) || service_times[i] < 0.0) {
      throw InvalidParameter(fmt::format("service time #{} is {}; expected a finite time >= 0",
                                         i + 1, service_times[i]));
    }
  }
  if (service_times.empty()) return 0.0;
  if (!servers || *servers >= service_times.size()) {
    return *std::max_element(service_times.begin(), service_times.end());
  }
  // Min-heap of the times at which each server becomes free.
  std::priority_queue<double, std::vector<double>, std::greater<>> free_at;
  for (std::uint32_t k = 0; k < *servers; ++k) free_at.push(0.0);
  double makespan = 0.0;
  for (double s : service_times) {
    const double start = free_at.top();
    free_at.pop();
    const double end = start + s;
    makespan = std::max(makespan, end);
    free_at.push(end);
  }
  return makespan;
}

}  // namespace kendall::model
