#include "variant.hpp"

#include <type_traits>
#include <variant>

namespace kendall::planner::detail {

namespace dist = model::dist;

model::DistributionSpec scale_time(const model::DistributionSpec& d, double f) {
  return std::visit(
      [f](auto copy) -> model::DistributionSpec {
        using T = std::decay_t<decltype(copy)>;
        if constexpr (std::is_same_v<T, dist::Exponential>)
          copy.rate /= f;
        else if constexpr (std::is_same_v<T, dist::Deterministic>)
          copy.value *= f;
        else if constexpr (std::is_same_v<T, dist::Erlang>)
          copy.mean *= f;
        else if constexpr (std::is_same_v<T, dist::Gamma>)
          copy.scale *= f;
        else if constexpr (std::is_same_v<T, dist::Lognormal>)
          copy.mean *= f;
        else if constexpr (std::is_same_v<T, dist::Hyperexponential>) {
          for (double& r : copy.rates) r /= f;
        } else if constexpr (std::is_same_v<T, dist::Uniform>) {
          copy.low *= f;
          copy.high *= f;
        } else if constexpr (std::is_same_v<T, dist::Weibull>)
          copy.scale *= f;
        else if constexpr (std::is_same_v<T, dist::Empirical>) {
          for (double& v : copy.values) v *= f;
        }
        return copy;
      },
      d);
}

void scale_arrivals(model::Scenario& s, double factor) {
  for (auto& a : s.arrivals) {
    a.interarrival = scale_time(a.interarrival, 1.0 / factor);
    if (a.rate_profile) {
      for (double& v : a.rate_profile->values) v *= factor;
    }
  }
  for (auto& r : s.rate_ranges) {
    r.low *= factor;
    r.nominal *= factor;
    r.high *= factor;
  }
}

void set_arrival_rate(model::Scenario& s, std::size_t index, double rate) {
  auto& a = s.arrivals.at(index);
  const double now = a.rate();
  if (a.rate_profile || !std::holds_alternative<dist::Exponential>(a.interarrival)) {
    const double f = rate / now;
    a.interarrival = scale_time(a.interarrival, 1.0 / f);
    if (a.rate_profile) {
      for (double& v : a.rate_profile->values) v *= f;
    }
  } else {
    a.interarrival = dist::Exponential{rate};
  }
  std::erase_if(s.rate_ranges, [index](const model::RateRange& r) { return r.arrival == index; });
}

Servers servers_of(const model::Scenario& s) {
  Servers out;
  for (const auto& st : s.stations) out.push_back(st.servers);
  return out;
}

model::Scenario with_servers(const model::Scenario& s, const Servers& servers) {
  model::Scenario copy = s;
  for (std::size_t i = 0; i < copy.stations.size() && i < servers.size(); ++i) {
    if (!copy.stations[i].server_schedule) copy.stations[i].servers = servers[i];
  }
  return copy;
}

bool sizable(const model::StationSpec& st) { return st.servers.has_value() && !st.server_schedule; }

}  // namespace kendall::planner::detail
