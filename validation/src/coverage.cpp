#include "kendall/validation/coverage.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

#include <fmt/format.h>

#include "kendall/error.hpp"
#include "kendall/validation/reference.hpp"
#include "kendall/validation/runner.hpp"

namespace kendall::validation {

namespace {

struct Tally {
  Check check;
  double exact = 0.0;
  std::uint32_t n = 0;
  std::uint32_t covered = 0;
  std::uint32_t low = 0;
  std::uint32_t high = 0;
  double sum_rel = 0.0;
  double max_rel = 0.0;
  double sum_hw = 0.0;
  // Welford for the estimates' deviation from the exact value.
  double mean_dev = 0.0;
  double m2 = 0.0;

  void add(const sim::Estimate& e) {
    ++n;
    if (e.ci_low <= exact && exact <= e.ci_high) {
      ++covered;
    } else if (e.ci_high < exact) {
      ++low;
    } else {
      ++high;
    }
    const double rel = e.relative_half_width();
    sum_rel += rel;
    max_rel = std::max(max_rel, rel);
    sum_hw += e.half_width();
    const double dev = e.mean - exact;
    const double delta = dev - mean_dev;
    mean_dev += delta / n;
    m2 += delta * (dev - mean_dev);
  }
};

std::optional<sim::Estimate> find_estimate(const sim::ExperimentResult& r, const Check& c) {
  const sim::EstimateSet* set = &r.network;
  if (!c.station.empty()) {
    set = nullptr;
    for (const auto& s : r.stations) {
      if (s.name != c.station) continue;
      set = &s.metrics;
      if (!c.customer_class.empty()) {
        set = nullptr;
        for (const auto& k : s.classes) {
          if (k.name == c.customer_class) set = &k.metrics;
        }
      }
    }
  } else if (!c.customer_class.empty()) {
    set = nullptr;
    for (const auto& k : r.network_classes) {
      if (k.name == c.customer_class) set = &k.metrics;
    }
  }
  if (set == nullptr) return std::nullopt;
  return set->get(c.metric);
}

std::string warmup_label(const model::WarmupSpec& w) {
  switch (w.kind) {
    case model::WarmupSpec::Kind::Auto:
      return "auto (MSER-5)";
    case model::WarmupSpec::Kind::None:
      return "none";
    case model::WarmupSpec::Kind::Customers:
      return fmt::format("{} customers", w.amount);
    case model::WarmupSpec::Kind::Time:
      return fmt::format("{} time units", w.amount);
  }
  return "?";
}

CoverageCase study_case(const Suite& suite, const CaseSpec& spec, const CoverageOptions& options,
                        const std::function<void(std::uint32_t)>& progress, bool& cancelled) {
  CoverageCase out;
  out.suite = suite.name;
  out.id = spec.id;
  out.title = spec.title;
  out.source = spec.source;
  out.control = spec.coverage_control;
  const auto start = std::chrono::steady_clock::now();
  try {
    const Reference reference(spec);
    std::vector<Tally> tallies;
    for (const auto& check : spec.checks) {
      if (check.expect_unstable) continue;
      if (check.metric == derived::little_L_ratio || check.metric == derived::little_Lq_ratio)
        continue;
      const ReferenceValue ref = reference.lookup(check);
      if (!ref.value || !ref.exact()) {
        throw InvalidParameter(fmt::format("{}: no exact reference ({})", check.label(),
                                           ref.value ? ref.method : ref.reason));
      }
      Tally t;
      t.check = check;
      t.exact = *ref.value;
      tallies.push_back(t);
    }
    model::Scenario base = prepare_scenario(spec, coverage_nominal);
    if (spec.coverage_replications) base.run.replications = *spec.coverage_replications;
    if (spec.coverage_customers) base.run.customers = *spec.coverage_customers;
    out.replications = base.run.replications;
    out.customers = base.run.customers;
    out.horizon = base.run.horizon;
    out.warmup = warmup_label(base.run.warmup);
    const std::uint64_t seed0 = base.run.seed;
    for (std::uint32_t j = 0; j < options.experiments; ++j) {
      if (options.stop.stop_requested()) {
        cancelled = true;
        break;
      }
      model::Scenario sc = base;
      sc.run.seed = seed0 + 1 + j;
      sim::RunControl control;
      control.stop = options.stop;
      const sim::ExperimentResult r = run_with_derived_metrics(sc, options.execution, control);
      if (r.stop_reason == sim::StopReason::Cancelled) {
        cancelled = true;
        break;
      }
      for (auto& t : tallies) {
        const auto e = find_estimate(r, t.check);
        if (!e)
          throw InvalidParameter(fmt::format("experiment {} reported no {}", j, t.check.label()));
        t.add(*e);
      }
      ++out.experiments_done;
      if (progress) progress(out.experiments_done);
    }
    for (const auto& t : tallies) {
      if (t.n == 0) continue;
      CoverageMetric m;
      m.check = t.check;
      m.exact = t.exact;
      m.experiments = t.n;
      m.covered = t.covered;
      m.missed_low = t.low;
      m.missed_high = t.high;
      m.share = static_cast<double>(t.covered) / t.n;
      m.share_interval = clopper_pearson(t.covered, t.n, 0.95);
      m.p_value = binomial_test_two_sided(t.covered, t.n, coverage_nominal);
      m.consistent = m.p_value >= coverage_p_threshold;
      m.mean_relative_half_width = t.sum_rel / t.n;
      m.max_relative_half_width = t.max_rel;
      m.precise = m.mean_relative_half_width <= t.check.tolerance;
      m.bias = t.mean_dev;
      m.bias_standard_error = t.n > 1 ? std::sqrt(t.m2 / (t.n - 1) / t.n) : 0.0;
      const double mean_hw = t.sum_hw / t.n;
      m.bias_over_half_width = mean_hw > 0.0 ? std::abs(m.bias) / mean_hw : 0.0;
      out.metrics.push_back(m);
    }
  } catch (const std::exception& e) {
    out.error = e.what();
  }
  out.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return out;
}

}  // namespace

bool CoverageCase::passed() const {
  if (!error.empty() || metrics.empty()) return false;
  if (control) {
    return std::any_of(metrics.begin(), metrics.end(),
                       [](const CoverageMetric& m) { return !m.consistent; });
  }
  return std::all_of(metrics.begin(), metrics.end(),
                     [](const CoverageMetric& m) { return !m.rejected_familywise && m.precise; });
}

bool CoverageResult::passed() const {
  if (cancelled || cases.empty()) return false;
  return std::all_of(cases.begin(), cases.end(), [](const CoverageCase& c) { return c.passed(); });
}

std::size_t CoverageResult::metric_count() const {
  std::size_t n = 0;
  for (const auto& c : cases) n += c.control ? 0 : c.metrics.size();
  return n;
}

std::size_t CoverageResult::inconsistent_count() const {
  std::size_t n = 0;
  for (const auto& c : cases) {
    if (c.control) continue;
    for (const auto& m : c.metrics) n += m.consistent ? 0 : 1;
  }
  return n;
}

CoverageResult run_coverage(const std::vector<Suite>& suites, const CoverageOptions& options) {
  CoverageResult result;
  result.experiments = options.experiments;
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::pair<const Suite*, const CaseSpec*>> chosen;
  for (const auto& s : suites) {
    for (const auto& c : s.cases) {
      if (c.coverage && matches(s, c, options.case_filter)) chosen.emplace_back(&s, &c);
    }
  }
  for (std::size_t i = 0; i < chosen.size(); ++i) {
    const auto& [suite, spec] = chosen[i];
    if (options.on_progress) options.on_progress(i, chosen.size(), spec->id, 0);
    const auto progress = [&](std::uint32_t done) {
      if (options.on_progress) options.on_progress(i, chosen.size(), spec->id, done);
    };
    result.cases.push_back(study_case(*suite, *spec, options, progress, result.cancelled));
    if (result.cancelled) break;
  }
  // Holm's step-down procedure over the ordinary cases' metrics: sort the p-values, reject
  // while p_(k) ≤ α / (m − k + 1), stop at the first that is not.
  std::vector<CoverageMetric*> all;
  for (auto& c : result.cases) {
    if (c.control) continue;
    for (auto& m : c.metrics) all.push_back(&m);
  }
  std::vector<double> p_values;
  for (const auto* m : all) p_values.push_back(m->p_value);
  const std::vector<bool> rejected = holm_rejections(p_values, coverage_familywise_level);
  for (std::size_t k = 0; k < all.size(); ++k) all[k]->rejected_familywise = rejected[k];
  result.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace kendall::validation
