// Long on purpose: the referee's decision rules for every kind of case (simulation, published,
// approximation, claims) share judge_interval and the run helpers; each rule is one function.

#include "kendall/validation/runner.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <exception>
#include <mutex>

#include <fmt/format.h>

#include "kendall/error.hpp"
#include "kendall/report/table.hpp"
#include "kendall/sim/experiment/experiment_runner.hpp"
#include "kendall/sim/replication.hpp"
#include "kendall/validation/expression.hpp"
#include "kendall/validation/reference.hpp"
#include "kendall/validation/statistics.hpp"

#include "number_text.hpp"

namespace kendall::validation {

namespace {

using detail::num;
using detail::pct;

// Wildcard match with '*' (any run of characters).
bool glob_match(std::string_view pattern, std::string_view text) {
  if (pattern.empty()) return text.empty();
  if (pattern.front() == '*') {
    for (std::size_t i = 0; i <= text.size(); ++i) {
      if (glob_match(pattern.substr(1), text.substr(i))) return true;
    }
    return false;
  }
  return !text.empty() && pattern.front() == text.front() &&
         glob_match(pattern.substr(1), text.substr(1));
}

std::string warmup_text(const model::WarmupSpec& w, const std::string& unit) {
  switch (w.kind) {
    case model::WarmupSpec::Kind::Auto:
      return "auto (MSER-5)";
    case model::WarmupSpec::Kind::None:
      return "none";
    case model::WarmupSpec::Kind::Customers:
      return fmt::format("{} customers", num(w.amount));
    case model::WarmupSpec::Kind::Time:
      return fmt::format("{} {}", num(w.amount), unit);
  }
  return "?";
}

// The simulated side of one metric.
struct Simulated {
  std::optional<sim::Estimate> estimate;
  bool unstable = false;
  std::optional<sim::Estimate> growth_rate;
  std::string reason;
};

Simulated find_simulated(const sim::ExperimentResult& result, const std::string& station,
                         const std::string& customer_class, const std::string& metric) {
  Simulated out;
  const sim::EstimateSet* set = nullptr;
  if (station.empty()) {
    set = &result.network;
    if (!customer_class.empty()) {
      set = nullptr;
      for (const auto& c : result.network_classes) {
        if (c.name == customer_class) set = &c.metrics;
      }
    }
  } else {
    const sim::StationResult* st = nullptr;
    for (const auto& s : result.stations) {
      if (s.name == station) st = &s;
    }
    if (st == nullptr) {
      out.reason = fmt::format("the simulation has no station '{}'", station);
      return out;
    }
    out.unstable = st->unstable;
    out.growth_rate = st->growth_rate;
    set = &st->metrics;
    if (!customer_class.empty()) {
      set = nullptr;
      for (const auto& c : st->classes) {
        if (c.name == customer_class) set = &c.metrics;
      }
    }
  }
  if (set == nullptr) {
    out.reason = fmt::format("the simulation has no class '{}'", customer_class);
    return out;
  }
  if (metric == "growth_rate") {
    out.estimate = out.growth_rate;
    if (!out.estimate)
      out.reason = "the simulation reports no growth rate (no unbounded growth detected)";
    return out;
  }
  out.estimate = set->get(metric);
  if (!out.estimate) {
    out.reason = fmt::format("the simulation reported no {} (too few observations?)", metric);
  }
  return out;
}

// A degenerate interval (deterministic run) contains a value equal up to rounding.
bool contains(const sim::Estimate& e, double value) {
  const double slack = 1e-12 * std::max(1.0, std::abs(value));
  return e.ci_low - slack <= value && value <= e.ci_high + slack;
}

std::string interval_text(const sim::Estimate& e) {
  return fmt::format("[{}, {}]", num(e.ci_low), num(e.ci_high));
}

struct IntervalVerdict {
  bool inside;   ///< the interval contains the reference value
  bool precise;  ///< its relative half-width is within the check's tolerance
};

// The two questions every interval check asks, recorded on `r` (a first-stage miss is a
// precise interval that misses: the confirmation run may clear it).
IntervalVerdict judge_interval(CheckResult& r, const sim::Estimate& e, double reference) {
  const double rel = e.relative_half_width();
  r.relative_half_width = rel;
  const IntervalVerdict verdict{contains(e, reference), rel <= r.check.tolerance};
  r.interval_judged = true;
  r.first_stage_miss = !verdict.inside && verdict.precise;
  return verdict;
}

// Exact reference vs simulated interval: inside the interval AND precise enough.
// `rate_identity`: an approximation case's check marked exact (utilization = λ/(cμ),
// throughput = λ hold whatever the distributions), accepted under any method label.
void judge_exact(CheckResult& r, const ReferenceValue& ref, const Simulated& sim,
                 bool rate_identity = false) {
  r.reference = ref.value;
  r.method = ref.method;
  r.model = ref.model;
  r.simulated = sim.estimate;
  if (!ref.value) {
    r.status = Status::Fail;
    r.reason = "no reference: " + ref.reason;
    return;
  }
  if (!ref.exact() && !rate_identity) {
    r.status = Status::Fail;
    r.reason =
        fmt::format("the reference is '{}', but this case expects an exact value", ref.method);
    return;
  }
  if (rate_identity && !ref.exact()) r.method = "exact (rate identity under " + ref.method + ")";
  if (!sim.estimate) {
    r.status = Status::Fail;
    r.reason = sim.reason;
    return;
  }
  const sim::Estimate& e = *sim.estimate;
  const auto [inside, precise] = judge_interval(r, e, *ref.value);
  const double rel = *r.relative_half_width;
  if (inside && precise) {
    r.status = Status::Pass;
    r.reason = fmt::format("exact {} inside {}; half-width {} ≤ {}", num(*ref.value),
                           interval_text(e), pct(rel), pct(r.check.tolerance));
    return;
  }
  r.status = Status::Fail;
  std::string why;
  if (!inside) {
    const double hw = e.half_width();
    why = fmt::format("exact {} outside {} (off by {} half-widths)", num(*ref.value),
                      interval_text(e),
                      hw > 0.0 ? num(std::abs(e.mean - *ref.value) / hw) : std::string("inf"));
  }
  if (!precise) {
    why += fmt::format("{}half-width {} > tolerance {}: too imprecise to tell right from wrong",
                       why.empty() ? "" : "; ", pct(rel), pct(r.check.tolerance));
  }
  r.reason = why;
}

void judge_unstable(CheckResult& r, const ReferenceValue& ref, const Simulated& sim) {
  r.method = ref.method;
  r.model = ref.model;
  r.reference = ref.growth_rate;
  r.simulated = sim.growth_rate;
  if (ref.stable) {
    r.status = Status::Fail;
    r.reason = "expected unstable, but theory says the station is stable" +
               (ref.reason.empty() ? std::string() : " (" + ref.reason + ")");
    return;
  }
  if (!sim.unstable) {
    r.status = Status::Fail;
    r.reason = "expected unstable, but the simulation did not detect unbounded growth";
    return;
  }
  if (r.check.metric != "growth_rate") {
    r.status = Status::Pass;
    r.reason = "unstable in theory and in simulation";
    return;
  }
  if (!ref.growth_rate || !sim.growth_rate) {
    r.status = Status::Fail;
    r.reason =
        !ref.growth_rate ? "theory gives no growth rate" : "the simulation gives no growth rate";
    return;
  }
  const sim::Estimate& e = *sim.growth_rate;
  const auto [inside, precise] = judge_interval(r, e, *ref.growth_rate);
  const double rel = *r.relative_half_width;
  r.status = inside && precise ? Status::Pass : Status::Fail;
  r.reason = fmt::format("unstable in both; growth rate λ − cμ = {} {} {}; half-width {} {} {}",
                         num(*ref.growth_rate), inside ? "inside" : "outside", interval_text(e),
                         pct(rel), precise ? "≤" : ">", pct(r.check.tolerance));
}

void judge_approximation(CheckResult& r, const ReferenceValue& ref, const Simulated& sim,
                         const std::optional<double>& accuracy,
                         const std::string& accuracy_source) {
  r.reference = ref.value;
  r.method = ref.method;
  r.model = ref.model;
  r.simulated = sim.estimate;
  r.accuracy = accuracy;
  if (!ref.value) {
    r.status = Status::Fail;
    r.reason = "no reference: " + ref.reason;
    return;
  }
  if (!sim.estimate) {
    r.status = Status::Fail;
    r.reason = sim.reason;
    return;
  }
  const sim::Estimate& e = *sim.estimate;
  const double rel = e.relative_half_width();
  r.relative_half_width = rel;
  if (e.mean == 0.0) {
    r.status = Status::Fail;
    r.reason = "the simulated mean is 0: no relative error";
    return;
  }
  const double err = (*ref.value - e.mean) / std::abs(e.mean);
  r.relative_error = err;
  if (rel > r.check.tolerance) {
    r.status = Status::Fail;
    r.reason =
        fmt::format("half-width {} > tolerance {}: the error cannot be measured this imprecisely",
                    pct(rel), pct(r.check.tolerance));
    return;
  }
  const std::string label = ref.exact() ? std::string("exact") : ref.method;
  if (!accuracy) {
    r.status = Status::Reported;
    r.reason = fmt::format("{} {} vs simulated {}: error {} (reported, no accuracy claimed)", label,
                           num(*ref.value), interval_text(e), pct(err));
    return;
  }
  // The error is known only up to the interval: accept when some value in the interval is
  // within the documented accuracy of the approximation.
  const bool ok = std::abs(*ref.value - e.mean) <= *accuracy * std::abs(e.mean) + e.half_width();
  r.status = ok ? Status::Pass : Status::Fail;
  r.reason =
      fmt::format("{} {} vs simulated {}: error {} {} the documented ±{}{}", label, num(*ref.value),
                  interval_text(e), pct(err), ok ? "within" : "beyond", pct(*accuracy),
                  accuracy_source.empty() ? "" : " (" + accuracy_source + ")");
}

void judge_published(CheckResult& r, const ReferenceValue& ref) {
  r.analytic = ref.value;
  r.method = ref.method;
  r.model = ref.model;
  r.reference = r.check.value;
  if (!ref.value) {
    r.status = Status::Fail;
    r.reason = "the analytic library gives no value: " + ref.reason;
    return;
  }
  if (!r.check.value) {
    r.status = Status::Fail;
    r.reason = "no published value in the suite";
    return;
  }
  const double diff = std::abs(*ref.value - *r.check.value);
  const bool ok = diff <= r.check.value_tolerance * (1.0 + 1e-9);
  r.status = ok ? Status::Pass : Status::Fail;
  r.reason = fmt::format("analytic {} vs published {}: |difference| {} {} {}", num(*ref.value),
                         r.check.value_text, report::format_number(diff, 3), ok ? "≤" : ">",
                         report::format_number(r.check.value_tolerance, 3));
}

bool steady_state_metric(const std::string& metric) {
  return metric == "L" || metric == "Lq" || metric == "W" || metric == "Wq" ||
         metric.rfind("W_p", 0) == 0 || metric.rfind("Wq_p", 0) == 0;
}

ClaimResult judge_claim(const CaseSpec& spec, const Claim& claim, const Reference& reference,
                        const sim::ExperimentResult& result) {
  ClaimResult c;
  c.claim = claim;
  c.claimed = evaluate_expression(claim.formula, spec.params);
  const ReferenceValue ref = reference.lookup(claim.station, "", claim.metric);
  c.theory = ref.value;
  if (!ref.value) c.theory_note = ref.reason;
  const Simulated sim = find_simulated(result, claim.station, "", claim.metric);
  c.simulated = sim.estimate;
  c.unstable = sim.unstable;
  c.growth_rate = sim.growth_rate;
  if (sim.unstable && steady_state_metric(claim.metric)) {
    c.holds = false;
    c.reason = fmt::format(
        "no steady state: the queue grows without bound{}, so {} has no value to equal {}",
        sim.growth_rate ? fmt::format(" at {} per time unit", num(sim.growth_rate->mean)) : "",
        claim.metric, num(*c.claimed));
  } else if (!sim.estimate) {
    c.status = Status::Fail;
    c.reason = sim.reason;
    return c;
  } else {
    const double rel = sim.estimate->relative_half_width();
    if (rel > claim.tolerance) {
      c.status = Status::Fail;
      c.reason = fmt::format("half-width {} > tolerance {}: too imprecise to judge the claim",
                             pct(rel), pct(claim.tolerance));
      return c;
    }
    c.holds = contains(*sim.estimate, *c.claimed);
    c.first_stage_miss = claim.expect_holds && !c.holds;
    c.reason = fmt::format("claimed {} {} the simulated 99% interval {}", num(*c.claimed),
                           c.holds ? "inside" : "outside", interval_text(*sim.estimate));
  }
  c.status = c.holds == claim.expect_holds ? Status::Pass : Status::Fail;
  if (c.status == Status::Fail) {
    c.reason +=
        fmt::format(" — the case expected the claim to {}", claim.expect_holds ? "hold" : "fail");
  }
  return c;
}

// FAIL if anything failed; REPORTED if some check only reports (an approximation's error),
// even when the case's exact rate identities passed; PASS otherwise.
Status combine(const std::vector<CheckResult>& checks, const std::vector<ClaimResult>& claims) {
  bool any_reported = false;
  for (const auto& c : checks) {
    if (c.status == Status::Fail) return Status::Fail;
    if (c.status == Status::Reported) any_reported = true;
  }
  for (const auto& c : claims) {
    if (c.status == Status::Fail) return Status::Fail;
  }
  return any_reported ? Status::Reported : Status::Pass;
}

}  // namespace

const char* to_string(Status status) {
  switch (status) {
    case Status::Pass:
      return "PASS";
    case Status::Fail:
      return "FAIL";
    case Status::Reported:
      return "REPORTED";
  }
  return "?";
}

const char* status_label(const CaseResult& result) {
  return result.cancelled ? "CANCELLED" : to_string(result.status);
}

bool matches(const Suite& suite, const CaseSpec& spec, const std::vector<std::string>& patterns) {
  if (patterns.empty()) return true;
  const std::string full = suite.name + "/" + spec.id;
  return std::any_of(patterns.begin(), patterns.end(), [&](const std::string& pattern) {
    return glob_match(pattern, spec.id) || glob_match(pattern, full);
  });
}

bool selected(const Suite& suite, const CaseSpec& spec, const RunOptions& options) {
  if (spec.coverage_control) return false;  // a deliberately biased experiment: coverage study only
  if (options.quick_only && !spec.quick) return false;
  return matches(suite, spec, options.case_filter);
}

model::Scenario prepare_scenario(const CaseSpec& spec, double confidence) {
  model::Scenario sc = *spec.scenario;
  sc.run.confidence = confidence;
  std::vector<Check> all = spec.checks;
  for (const auto& claim : spec.claims) {
    Check c;
    c.station = claim.station;
    c.metric = claim.metric;
    all.push_back(c);
  }
  const std::vector<double> levels = requested_quantiles(all);
  for (double q : levels) {
    const bool is_default =
        std::any_of(std::begin(model::default_quantiles), std::end(model::default_quantiles),
                    [q](double d) { return std::abs(d - q) < 1e-12; });
    const bool present = std::any_of(sc.run.quantiles.begin(), sc.run.quantiles.end(),
                                     [q](double d) { return std::abs(d - q) < 1e-12; });
    if (!is_default && !present) sc.run.quantiles.push_back(q);
  }
  if (!sc.run.quantiles.empty()) {
    for (double d : model::default_quantiles) {
      if (std::none_of(sc.run.quantiles.begin(), sc.run.quantiles.end(),
                       [d](double q) { return std::abs(d - q) < 1e-12; })) {
        sc.run.quantiles.push_back(d);
      }
    }
    std::sort(sc.run.quantiles.begin(), sc.run.quantiles.end());
  }
  return sc;
}

sim::ExperimentResult run_with_derived_metrics(const model::Scenario& scenario,
                                               const sim::ExecutionOptions& execution,
                                               const sim::RunControl& control) {
  const sim::ReplicateFunction replicate = [](const model::Scenario& sc,
                                              const sim::ReplicationRequest& request,
                                              const sim::RunControl& ctl) {
    std::vector<sim::ReplicationOutput> outputs = sim::run_replication(sc, request, ctl);
    for (auto& out : outputs) {
      if (out.status == sim::RunStatus::Cancelled) continue;
      for (auto& st : out.stations) {
        auto& m = st.metrics;
        const auto w = m.get(model::metric::W);
        const auto wq = m.get(model::metric::Wq);
        const auto l = m.get(model::metric::L);
        const auto lq = m.get(model::metric::Lq);
        const auto x = m.get(model::metric::throughput);
        if (w && wq) m.set_if_finite(derived::service_time, *w - *wq);
        if (l && x && w && *x * *w > 0.0) m.set_if_finite(derived::little_L_ratio, *l / (*x * *w));
        if (lq && x && wq && *x * *wq > 0.0)
          m.set_if_finite(derived::little_Lq_ratio, *lq / (*x * *wq));
      }
      const auto w = out.network.get(model::metric::W);
      const auto l = out.network.get(model::metric::L);
      const auto x = out.network.get(model::metric::throughput);
      if (l && x && w && *x * *w > 0.0)
        out.network.set_if_finite(derived::little_L_ratio, *l / (*x * *w));
    }
    return outputs;
  };
  return sim::run_experiment_with(scenario, execution, control, replicate);
}

CaseResult run_case(const Suite& suite, const CaseSpec& spec, const RunOptions& options,
                    const std::function<void(double)>& on_fraction) {
  CaseResult out;
  out.suite = suite.name;
  out.spec = spec;
  const auto start = std::chrono::steady_clock::now();
  try {
    if (spec.kind == CaseKind::Published) {
      // A table's entries each make their own call; the case-level call may lack arguments.
      std::optional<Reference> case_reference;
      const bool all_own = std::all_of(spec.checks.begin(), spec.checks.end(),
                                       [](const Check& c) { return !c.args.empty(); });
      if (!all_own) {
        case_reference.emplace(spec);
        out.reference_description = case_reference->description();
      } else {
        out.reference_description =
            fmt::format("model::{} for each table entry", spec.reference.call.name);
      }
      for (const auto& check : spec.checks) {
        CheckResult r;
        r.check = check;
        if (check.args.empty()) {
          judge_published(r, case_reference->lookup(check));
        } else {
          // The check's own call: its arguments over the case's.
          CaseSpec one = spec;
          for (const auto& [k, v] : check.args) {
            auto& args = one.reference.call.args;
            const auto it = std::find_if(args.begin(), args.end(),
                                         [&k](const auto& a) { return a.first == k; });
            if (it != args.end()) {
              it->second = v;
            } else {
              args.emplace_back(k, v);
            }
          }
          one.checks = {check};
          judge_published(r, Reference(one).lookup(check));
        }
        out.checks.push_back(std::move(r));
      }
    } else {
      const Reference reference(spec);
      out.reference_description = reference.description();
      if (!spec.scenario) throw InvalidParameter("this case needs a scenario to simulate");
      const model::Scenario sc = prepare_scenario(spec, acceptance_confidence);
      out.customers = sc.run.customers;
      out.horizon = sc.run.horizon;
      out.warmup = warmup_text(sc.run.warmup, sc.time_unit);
      sim::RunControl control;
      control.stop = options.stop;
      if (on_fraction)
        control.on_progress = [&on_fraction](const sim::Progress& p) { on_fraction(p.fraction); };
      const sim::ExperimentResult result = run_with_derived_metrics(sc, options.execution, control);
      out.replications = result.replications;
      out.events = result.events;
      out.warmup_customers_mean = result.warmup_customers_mean;
      out.notes = result.notes;
      if (result.stop_reason == sim::StopReason::Cancelled) {
        out.cancelled = true;
        out.status = Status::Fail;
        out.error = fmt::format("cancelled after {} replications", result.replications);
        out.wall_seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        return out;
      }
      const auto judge = [&](const Check& check, const sim::ExperimentResult& from) {
        CheckResult r;
        r.check = check;
        const ReferenceValue ref = reference.lookup(check);
        const Simulated sim =
            find_simulated(from, check.station, check.customer_class, check.metric);
        if (check.expect_unstable) {
          judge_unstable(r, ref, sim);
        } else if (spec.kind == CaseKind::Approximation && !check.exact) {
          judge_approximation(r, ref, sim, spec.accuracy, spec.accuracy_source);
        } else {
          judge_exact(r, ref, sim, spec.kind == CaseKind::Approximation && check.exact);
        }
        return r;
      };
      for (const auto& check : spec.checks) out.checks.push_back(judge(check, result));
      for (const auto& claim : spec.claims)
        out.claims.push_back(judge_claim(spec, claim, reference, result));

      const bool any_miss = std::any_of(out.checks.begin(), out.checks.end(),
                                        [](const CheckResult& r) { return r.first_stage_miss; }) ||
                            std::any_of(out.claims.begin(), out.claims.end(),
                                        [](const ClaimResult& r) { return r.first_stage_miss; });
      if (any_miss && !options.strict) {
        model::Scenario confirm = sc;
        confirm.run.seed = sc.run.seed + confirmation_seed_offset;
        confirm.run.replications = sc.run.replications * confirmation_replication_factor;
        out.confirmation_seed = confirm.run.seed;
        out.confirmation_replications = confirm.run.replications;
        sim::RunControl confirm_control;
        confirm_control.stop = options.stop;
        const sim::ExperimentResult second =
            run_with_derived_metrics(confirm, options.execution, confirm_control);
        if (second.stop_reason == sim::StopReason::Cancelled) {
          out.cancelled = true;
          out.error = "cancelled during the confirmation run";
        } else {
          const std::string stage = fmt::format("confirmation run (seed {}, {} replications)",
                                                confirm.run.seed, confirm.run.replications);
          for (auto& r : out.checks) {
            if (!r.first_stage_miss) continue;
            const CheckResult again = judge(r.check, second);
            r.confirmation = again.simulated;
            r.status = again.status;
            r.reason =
                fmt::format("first interval missed: {}; {}: {}", r.reason, stage, again.reason);
          }
          for (auto& c : out.claims) {
            if (!c.first_stage_miss) continue;
            const ClaimResult again = judge_claim(spec, c.claim, reference, second);
            c.confirmation = again.simulated;
            c.holds = again.holds;
            c.status = again.status;
            c.reason =
                fmt::format("first interval missed: {}; {}: {}", c.reason, stage, again.reason);
          }
        }
      }
    }
    out.status = combine(out.checks, out.claims);
  } catch (const std::exception& e) {
    out.status = Status::Fail;
    out.error = e.what();
  }
  out.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return out;
}

std::vector<SuiteResult> run_suites(const std::vector<Suite>& suites, const RunOptions& options) {
  std::size_t count = 0;
  for (const auto& s : suites) {
    for (const auto& c : s.cases) count += selected(s, c, options) ? 1 : 0;
  }
  std::vector<SuiteResult> results;
  std::size_t index = 0;
  std::mutex progress_mutex;
  for (const auto& suite : suites) {
    SuiteResult sr{suite.name, suite.title, suite.description, {}};
    for (const auto& spec : suite.cases) {
      if (!selected(suite, spec, options)) continue;
      if (options.stop.stop_requested()) break;
      RunProgress progress{index, count, suite.name, spec.id, 0.0, nullptr};
      if (options.on_progress) options.on_progress(progress);
      const auto on_fraction = [&](double f) {
        if (!options.on_progress) return;
        const std::lock_guard lock(progress_mutex);
        RunProgress p = progress;
        p.case_fraction = f;
        options.on_progress(p);
      };
      sr.cases.push_back(run_case(suite, spec, options, on_fraction));
      if (options.on_progress) {
        progress.case_fraction = 1.0;
        progress.finished = &sr.cases.back();
        options.on_progress(progress);
      }
      ++index;
    }
    if (!sr.cases.empty()) results.push_back(std::move(sr));
    if (options.stop.stop_requested()) break;
  }
  return results;
}

Summary summarize(const std::vector<SuiteResult>& results) {
  Summary s;
  for (const auto& suite : results) {
    for (const auto& c : suite.cases) {
      s.wall_seconds += c.wall_seconds;
      if (c.cancelled) {
        s.cancelled = true;
        ++s.cancelled_cases;
        continue;
      }
      ++s.cases;
      switch (c.status) {
        case Status::Pass:
          ++s.passed;
          break;
        case Status::Fail:
          ++s.failed;
          break;
        case Status::Reported:
          ++s.reported;
          break;
      }
      const auto count = [&s](Status st) {
        ++s.checks;
        switch (st) {
          case Status::Pass:
            ++s.checks_passed;
            break;
          case Status::Fail:
            ++s.checks_failed;
            break;
          case Status::Reported:
            ++s.checks_reported;
            break;
        }
      };
      const bool has_interval =
          std::any_of(c.checks.begin(), c.checks.end(),
                      [](const CheckResult& r) { return r.interval_judged; }) ||
          std::any_of(c.claims.begin(), c.claims.end(),
                      [](const ClaimResult& r) { return r.claim.expect_holds && r.simulated; });
      const bool has_miss = std::any_of(c.checks.begin(), c.checks.end(),
                                        [](const CheckResult& r) { return r.first_stage_miss; }) ||
                            std::any_of(c.claims.begin(), c.claims.end(),
                                        [](const ClaimResult& r) { return r.first_stage_miss; });
      if (has_interval) ++s.interval_cases;
      if (has_miss) ++s.cases_with_misses;
      for (const auto& r : c.checks) {
        count(r.status);
        if (r.interval_judged) ++s.interval_checks;
        if (r.first_stage_miss) {
          ++s.first_stage_misses;
          if (r.status == Status::Fail) ++s.confirmed_misses;
        }
      }
      for (const auto& r : c.claims) {
        count(r.status);
        if (r.claim.expect_holds && r.simulated) ++s.interval_checks;
        if (r.first_stage_miss) {
          ++s.first_stage_misses;
          if (r.status == Status::Fail) ++s.confirmed_misses;
        }
      }
    }
  }
  return s;
}

}  // namespace kendall::validation
