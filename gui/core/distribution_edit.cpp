#include "core/distribution_edit.h"

#include <algorithm>
#include <cmath>

namespace kendall::gui {

using namespace kendall::model;

QStringList editableFamilies() {
  return {"exponential", "deterministic",    "erlang",  "gamma",
          "lognormal",   "hyperexponential", "uniform", "weibull"};
}

namespace {
struct Params {
  const char* first;
  const char* second;
  bool firstDuration;
  bool secondDuration;
};

std::optional<Params> paramsOf(const DistributionSpec& d) {
  switch (d.index()) {
    case 0:
      return Params{"mean", "", true, false};  // exponential
    case 1:
      return Params{"value", "", true, false};  // deterministic
    case 2:
      return Params{"mean", "k", true, false};  // erlang
    case 3:
      return Params{"shape", "scale", false, true};  // gamma
    case 4:
      return Params{"mean", "scv", true, false};  // lognormal
    case 5:
      return Params{"mean", "scv", true, false};  // hyperexponential (2-phase fit)
    case 6:
      return Params{"low", "high", true, true};  // uniform
    case 7:
      return Params{"shape", "scale", false, true};  // weibull
    default:
      return std::nullopt;  // empirical
  }
}
}  // namespace

QString parameterName(const DistributionSpec& d, int which) {
  const auto p = paramsOf(d);
  if (!p) return {};
  return QString::fromLatin1(which == 0 ? p->first : p->second);
}

bool parameterIsDuration(const DistributionSpec& d, int which) {
  const auto p = paramsOf(d);
  return p && (which == 0 ? p->firstDuration : p->secondDuration);
}

std::optional<double> parameterValue(const DistributionSpec& d, int which) {
  if (parameterName(d, which).isEmpty()) return std::nullopt;
  if (const auto* x = std::get_if<dist::Exponential>(&d)) return 1.0 / x->rate;
  if (const auto* x = std::get_if<dist::Deterministic>(&d)) return x->value;
  if (const auto* x = std::get_if<dist::Erlang>(&d)) return which == 0 ? x->mean : double(x->k);
  if (const auto* x = std::get_if<dist::Gamma>(&d)) return which == 0 ? x->shape : x->scale;
  if (const auto* x = std::get_if<dist::Lognormal>(&d)) return which == 0 ? x->mean : x->scv;
  if (std::holds_alternative<dist::Hyperexponential>(d)) return which == 0 ? mean(d) : scv(d);
  if (const auto* x = std::get_if<dist::Uniform>(&d)) return which == 0 ? x->low : x->high;
  if (const auto* x = std::get_if<dist::Weibull>(&d)) return which == 0 ? x->shape : x->scale;
  return std::nullopt;
}

std::optional<DistributionSpec> withParameter(const DistributionSpec& d, int which, double value) {
  if (parameterName(d, which).isEmpty() || !std::isfinite(value)) return std::nullopt;
  DistributionSpec out = d;
  if (auto* x = std::get_if<dist::Exponential>(&out)) {
    if (!(value > 0)) return std::nullopt;
    x->rate = 1.0 / value;
  } else if (auto* x = std::get_if<dist::Deterministic>(&out)) {
    x->value = value;
  } else if (auto* x = std::get_if<dist::Erlang>(&out)) {
    if (which == 0)
      x->mean = value;
    else if (value >= 1 && value == std::floor(value))
      x->k = static_cast<std::uint32_t>(value);
    else
      return std::nullopt;
  } else if (auto* x = std::get_if<dist::Gamma>(&out)) {
    (which == 0 ? x->shape : x->scale) = value;
  } else if (auto* x = std::get_if<dist::Lognormal>(&out)) {
    (which == 0 ? x->mean : x->scv) = value;
  } else if (std::holds_alternative<dist::Hyperexponential>(out)) {
    const double m = which == 0 ? value : mean(d);
    const double c = which == 1 ? value : scv(d);
    if (!(m > 0) || !(c >= 1)) return std::nullopt;
    out = fit_hyperexponential(m, c);
  } else if (auto* x = std::get_if<dist::Uniform>(&out)) {
    (which == 0 ? x->low : x->high) = value;
  } else if (auto* x = std::get_if<dist::Weibull>(&out)) {
    (which == 0 ? x->shape : x->scale) = value;
  }
  return out;
}

std::optional<DistributionSpec> convertFamily(const DistributionSpec& d, const QString& family) {
  const double m = mean(d);
  const double c = scv(d);
  if (!(m > 0) || !std::isfinite(m)) return std::nullopt;
  if (family == "exponential") return dist::Exponential{1.0 / m};
  if (family == "deterministic") return dist::Deterministic{m};
  if (family == "erlang") {
    const double k = c > 0 ? std::clamp(std::round(1.0 / c), 1.0, 100.0) : 2.0;
    return dist::Erlang{static_cast<std::uint32_t>(k), m};
  }
  if (family == "gamma") return gamma_from_moments(m, c > 0 ? c : 1.0);
  if (family == "lognormal") return dist::Lognormal{m, c > 0 ? c : 1.0};
  if (family == "hyperexponential") return fit_hyperexponential(m, std::max(c, 1.5));
  if (family == "uniform") {
    // SCV of U[a, b] is (b − a)² / (3 (a + b)²); at most 1/3 with a ≥ 0.
    const double half = std::min(m, m * std::sqrt(3.0 * std::max(c, 0.0)));
    return dist::Uniform{m - half, m + half};
  }
  if (family == "weibull") return dist::Weibull{1.0, m};
  return std::nullopt;
}

}  // namespace kendall::gui
