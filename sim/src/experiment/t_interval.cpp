#include "kendall/sim/experiment/t_interval.hpp"

#include <cmath>

#include <fmt/format.h>

#include "kendall/error.hpp"
#include "kendall/sim/experiment/student_t.hpp"

namespace kendall::sim {

SampleSummary summarize_sample(std::span<const double> values) {
  SampleSummary s;
  s.n = static_cast<std::uint32_t>(values.size());
  if (values.empty()) return s;
  double sum = 0.0;
  for (double v : values) {
    if (!std::isfinite(v)) {
      throw InvalidParameter(fmt::format("sample values must be finite, got {}", v));
    }
    sum += v;
  }
  s.mean = sum / static_cast<double>(s.n);
  if (s.n < 2) return s;
  // Second pass about the mean: no cancellation between Σx² and n·x̄².
  double squares = 0.0;
  for (double v : values) {
    const double d = v - s.mean;
    squares += d * d;
  }
  s.variance = squares / static_cast<double>(s.n - 1);
  return s;
}

std::optional<Estimate> t_interval(const SampleSummary& summary, double confidence) {
  if (!(confidence > 0.0 && confidence < 1.0)) {
    throw InvalidParameter(fmt::format("confidence level must be in (0, 1), got {}", confidence));
  }
  if (summary.n < 2) return std::nullopt;
  const double t = student_t_critical(confidence, static_cast<double>(summary.n - 1));
  const double half = t * std::sqrt(summary.variance / static_cast<double>(summary.n));
  return Estimate{summary.mean, summary.mean - half, summary.mean + half, summary.n};
}

std::optional<Estimate> t_interval(std::span<const double> values, double confidence) {
  return t_interval(summarize_sample(values), confidence);
}

}  // namespace kendall::sim
