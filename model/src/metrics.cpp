#include "kendall/model/metrics.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "kendall/error.hpp"

namespace kendall::model {

std::vector<double> with_default_quantiles(const std::vector<double>& requested) {
  std::vector<double> levels(std::begin(default_quantiles), std::end(default_quantiles));
  levels.insert(levels.end(), requested.begin(), requested.end());
  std::sort(levels.begin(), levels.end());
  levels.erase(std::unique(levels.begin(), levels.end()), levels.end());
  return levels;
}

std::string quantile_name(std::string_view base, double p) {
  if (!(p > 0.0 && p < 1.0)) {
    throw InvalidParameter(fmt::format("quantile level must be in (0, 1), got {}", p));
  }
  // Percent with as few digits as needed: 0.95 -> "95", 0.999 -> "99.9", 0.5 -> "50".
  std::string percent = fmt::format("{:.6f}", p * 100.0);
  while (!percent.empty() && percent.back() == '0') percent.pop_back();
  if (!percent.empty() && percent.back() == '.') percent.pop_back();
  return fmt::format("{}_p{}", base, percent);
}

void Metrics::set(std::string_view name, double value) {
  if (!std::isfinite(value)) {
    throw InvalidParameter(fmt::format("metric '{}' must be finite, got {}", name, value));
  }
  for (auto& [key, stored] : entries_) {
    if (key == name) {
      stored = value;
      return;
    }
  }
  entries_.emplace_back(std::string(name), value);
}

bool Metrics::set_if_finite(std::string_view name, double value) {
  if (!std::isfinite(value)) return false;
  set(name, value);
  return true;
}

void Metrics::erase(std::string_view name) {
  std::erase_if(entries_, [&](const Entry& e) { return e.first == name; });
}

std::optional<double> Metrics::get(std::string_view name) const {
  for (const auto& [key, value] : entries_) {
    if (key == name) return value;
  }
  return std::nullopt;
}

double Metrics::at(std::string_view name) const {
  if (auto v = get(name)) return *v;
  throw InvalidParameter(fmt::format("metric '{}' is not available", name));
}

}  // namespace kendall::model
