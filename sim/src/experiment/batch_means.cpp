#include "kendall/sim/experiment/batch_means.hpp"

#include <cmath>

#include "kendall/sim/experiment/normal_distribution.hpp"

namespace kendall::sim {

std::optional<double> lag1_autocorrelation(std::span<const double> values) {
  const std::size_t n = values.size();
  if (n < 3) return std::nullopt;
  double sum = 0.0;
  for (double v : values) sum += v;
  const double mean = sum / static_cast<double>(n);
  double denominator = 0.0;
  for (double v : values) denominator += (v - mean) * (v - mean);
  if (!(denominator > 0.0)) return std::nullopt;
  double numerator = 0.0;
  for (std::size_t i = 0; i + 1 < n; ++i) numerator += (values[i] - mean) * (values[i + 1] - mean);
  return numerator / denominator;
}

double lag1_alarm_threshold(std::uint32_t batches) {
  const double b = static_cast<double>(batches);
  return -1.0 / b + normal_quantile(0.95) / std::sqrt(b);
}

}  // namespace kendall::sim
