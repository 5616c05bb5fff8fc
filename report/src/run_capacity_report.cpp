// Long on purpose: one page of sections (summary, SLO judgement, stations, charts, methods) that
// share the estimate wording and the SLO judgement; each section is one function.

#include "kendall/report/run_capacity_report.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "kendall/model/metrics.hpp"
#include "kendall/model/units.hpp"
#include "kendall/report/atomic_file.hpp"
#include "kendall/report/display_units.hpp"
#include "kendall/report/metric_descriptions.hpp"
#include "kendall/report/run_report.hpp"
#include "kendall/report/table.hpp"
#include "kendall/report/tidy_csv.hpp"

namespace kendall::report {

namespace {

using page::Cell;
using page::Mark;

const model::AnalyticResult* analytic_of(const RunReportInput& in, std::size_t i) {
  if (in.solution == nullptr || i >= in.solution->stations.size()) return nullptr;
  const auto& s = in.solution->stations[i];
  return s.result ? &*s.result : nullptr;
}

bool exact(const model::AnalyticResult& a) { return a.method == "exact" && a.stable; }

std::string servers_text(const model::StationSpec& s) {
  if (s.server_schedule) {
    const auto [lo, hi] =
        std::minmax_element(s.server_schedule->values.begin(), s.server_schedule->values.end());
    return fmt::format("{}–{} (schedule)", format_number(*lo), format_number(*hi));
  }
  if (s.infinite_servers()) return "∞ (delay)";
  return std::to_string(*s.servers);
}

double total_arrival_rate(const model::Scenario& s) {
  double rate = 0.0;
  for (const auto& a : s.arrivals) rate += a.rate();
  return rate;
}

bool time_varying(const model::Scenario& s) {
  return std::any_of(s.arrivals.begin(), s.arrivals.end(),
                     [](const auto& a) { return a.rate_profile.has_value(); });
}

// Finite-server station with the highest simulated utilization.
std::optional<std::size_t> busiest(const RunReportInput& in) {
  std::optional<std::size_t> best;
  double best_u = -1.0;
  for (std::size_t i = 0; i < in.result.stations.size(); ++i) {
    if (i < in.scenario.stations.size() && in.scenario.stations[i].infinite_servers()) continue;
    if (const auto u = in.result.stations[i].metrics.get("utilization"); u && u->mean > best_u) {
      best_u = u->mean;
      best = i;
    }
  }
  return best;
}

std::string est(std::string_view metric, const sim::Estimate& e, const std::string& unit) {
  return format_estimate(metric, e, unit);
}

std::string value(std::string_view metric, const sim::EstimateSet& set, const std::string& unit) {
  const auto e = set.get(metric);
  return e ? format_metric(metric, e->mean, unit) : std::string("—");
}

struct SloJudgement {
  charts::SloLine slo;
  std::optional<sim::Estimate> value;
  Mark mark = Mark::Muted;
  std::string verdict;
  /// The metric whose estimate is `value` when it is not the SLO's own ("Wq_p80" for a
  /// service level, "Wq" for Wq_served at a station without patience).
  std::string measured_as;
  /// How the verdict was reached, for the method column.
  std::string method = "simulation";
};

const model::StationSpec* station_named(const model::Scenario& s, const std::string& name) {
  for (const auto& st : s.stations) {
    if (st.name == name) return &st;
  }
  return nullptr;
}

// The simulated metric that answers an SLO, and the method in words:
// - a service level P(Wq <= t) >= s is judged by the s-quantile of Wq (Wq_p{s} <= t): the two
//   statements are equivalent for any distribution, so this is the verdict itself, not an
//   approximation of it (the quantile carries the histogram's relative error, <= 2^-7);
// - without patience every admitted customer is served, so Wq_served (and its quantiles) is Wq.
void choose_measurement(const RunReportInput& in, SloJudgement& j) {
  const auto& slo = j.slo;
  const std::string& unit = in.scenario.time_unit;
  if (slo.metric == "service_level" && slo.wait_at_most) {
    j.measured_as = model::quantile_name("Wq", slo.bound);
    j.method = fmt::format("{}: {} ≤ {} ⟺ P(Wq ≤ {}) ≥ {}", j.method, j.measured_as,
                           format_metric("Wq", *slo.wait_at_most, unit),
                           format_metric("Wq", *slo.wait_at_most, unit),
                           format_metric("service_level", slo.bound, unit));
    return;
  }
  constexpr std::string_view served = model::metric::Wq_served;
  const model::StationSpec* st = station_named(in.scenario, slo.station);
  if (st != nullptr && !st->patience && slo.metric.starts_with(served)) {
    j.measured_as = std::string(model::metric::Wq) + slo.metric.substr(served.size());
    j.method = fmt::format("{}: {} (no patience: every customer admitted is served)", j.method,
                           j.measured_as);
  }
}

std::vector<SloJudgement> judge(const RunReportInput& in) {
  std::vector<SloJudgement> out;
  for (const auto& slo : in.slos) {
    // The method says where the value comes from: the simulation, or the executor testbed.
    SloJudgement j{slo,         std::nullopt,
                   Mark::Muted, "not measured",
                   {},          in.executor != nullptr ? "executor testbed" : "simulation"};
    choose_measurement(in, j);
    const sim::EstimateSet* set = &in.result.network;
    if (!slo.station.empty()) {
      set = nullptr;
      for (const auto& s : in.result.stations) {
        if (s.name == slo.station) set = &s.metrics;
      }
    }
    const std::string& metric = j.measured_as.empty() ? slo.metric : j.measured_as;
    if (set != nullptr) j.value = set->get(metric);
    // A service level as its quantile: "Wq_p80 at most t", an upper bound on a time.
    const bool as_quantile = slo.metric == "service_level" && slo.wait_at_most;
    const bool upper = as_quantile ? true : slo.upper_bound;
    const double bound = as_quantile ? *slo.wait_at_most : slo.bound;
    if (j.value) {
      // Judged as "value below the bound"; a lower bound is the same with signs flipped.
      const double sign = upper ? 1.0 : -1.0;
      const double worst = upper ? j.value->ci_high : j.value->ci_low;
      if (sign * worst < sign * bound) {
        j.mark = Mark::Pass;
        j.verdict = "pass";
      } else if (sign * j.value->mean >= sign * bound) {
        j.mark = Mark::Fail;
        j.verdict = "FAIL";
      } else {
        j.mark = Mark::Warn;
        j.verdict = "pass, but the interval reaches the bound";
      }
    } else if (as_quantile) {
      j.verdict = fmt::format("not measured: the {} has no {} (add {:g} to the run's quantiles)",
                              in.executor != nullptr ? "run" : "simulation", metric, slo.bound);
    }
    out.push_back(std::move(j));
  }
  return out;
}

// ---- sections -------------------------------------------------------------------------

page::Section summary_section(const RunReportInput& in, const std::vector<SloJudgement>& slos) {
  const auto& sc = in.scenario;
  const auto& r = in.result;
  const std::string& unit = sc.time_unit;
  page::Section section{"Summary", "summary", {}};

  std::string answer;
  const auto b = busiest(in);
  const std::string load_text =
      sc.is_closed() ? fmt::format("{} customers circulating", *sc.population)
      : time_varying(sc)
          ? fmt::format("a time-varying load averaging {}",
                        format_metric("lambda", total_arrival_rate(sc), unit))
          : fmt::format("{} arriving", format_metric("lambda", total_arrival_rate(sc), unit));
  if (b) {
    const auto& s = r.stations[*b];
    const auto& spec = sc.stations[*b];
    answer = fmt::format(
        "With {}, {} is the busiest station: utilization {} on {}", load_text, s.name,
        value("utilization", s.metrics, unit),
        spec.server_schedule
            ? servers_text(spec).substr(0, servers_text(spec).find(" (")) + " servers by schedule"
            : servers_text(spec) + " servers");
    if (s.unstable) {
      answer += "; its queue grows without bound (unstable) — it needs more servers.";
    } else {
      answer += fmt::format("; customers wait {} there on average", value("Wq", s.metrics, unit));
      if (s.metrics.has("Wq_p95"))
        answer += fmt::format(" and {} at the 95th percentile", value("Wq_p95", s.metrics, unit));
      answer += ".";
    }
  } else {
    answer = fmt::format("With {}:", load_text);
  }
  if (const auto w = r.network.get("W");
      w && std::none_of(r.stations.begin(), r.stations.end(),
                        [](const auto& s) { return s.unstable; })) {
    answer += fmt::format(" End to end a customer spends {} in the system.",
                          format_metric("W", w->mean, unit));
  }
  section.blocks.push_back(page::callout(answer));

  std::vector<std::string> points;
  if (!slos.empty()) {
    const auto failed =
        std::count_if(slos.begin(), slos.end(), [](const auto& j) { return j.mark == Mark::Fail; });
    const auto unsure =
        std::count_if(slos.begin(), slos.end(), [](const auto& j) { return j.mark == Mark::Warn; });
    points.push_back(
        failed == 0
            ? fmt::format(
                  "SLOs: all {} met{}.", slos.size(),
                  unsure > 0
                      ? fmt::format(" ({} only just: the interval reaches the bound)", unsure)
                      : "")
            : fmt::format("SLOs: {} of {} FAIL — see the verdict table.", failed, slos.size()));
  }
  if (in.solution != nullptr && in.solution->network && in.solution->network->max_arrival_scaling &&
      in.solution->network->bottleneck) {
    points.push_back(fmt::format(
        "Headroom (theory): all traffic can grow {}× before {} saturates; waiting times climb "
        "steeply well before that (see the load chart). `kendall plan` finds the growth that "
        "still meets the SLOs.",
        format_number(*in.solution->network->max_arrival_scaling, 3),
        *in.solution->network->bottleneck));
  }
  std::size_t compared = 0, outside = 0, approximate = 0;
  for (std::size_t i = 0; i < r.stations.size(); ++i) {
    const auto* a = analytic_of(in, i);
    if (a == nullptr) continue;
    if (!exact(*a)) {
      ++approximate;
      continue;
    }
    for (const auto& [name, e] : r.stations[i].metrics.entries()) {
      if (const auto v = a->metrics.get(name); v && e.n >= 2) {
        ++compared;
        if (disagrees(e, *v, true)) ++outside;
      }
    }
  }
  if (compared > 0) {
    points.push_back(outside == 0
                         ? fmt::format("Theory and simulation agree: all {} exact values lie "
                                       "inside their {}% intervals.",
                                       compared, format_number(r.confidence * 100, 3))
                         : fmt::format("{} of {} exact values lie outside their {}% intervals "
                                       "(about {}% are expected to by chance).",
                                       outside, compared, format_number(r.confidence * 100, 3),
                                       format_number(100 - r.confidence * 100, 3)));
  }
  if (approximate > 0) {
    points.push_back(
        fmt::format("{} station(s) have only an approximate analytic answer; the simulation is the "
                    "reference there.",
                    approximate));
  }
  if (in.solution != nullptr) {
    std::size_t none = 0;
    for (const auto& s : in.solution->stations) none += s.result ? 0 : 1;
    if (none > 0)
      points.push_back(
          fmt::format("{} station(s) have no analytic answer (reasons under Methods); the numbers "
                      "are the simulation's.",
                      none));
  }
  for (const auto& s : r.stations) {
    if (s.unstable)
      points.push_back(fmt::format("UNSTABLE: the queue at {} grows without bound.", s.name));
  }
  if (in.executor != nullptr) {
    const auto& ex = *in.executor;
    if (r.stop_reason == sim::StopReason::Cancelled) {
      points.push_back(fmt::format(
          "INTERRUPTED: only {} batches completed; intervals are wider than planned.", ex.batches));
    }
    points.push_back(fmt::format(
        "Measured on the {} executor testbed — real workers in scaled wall-clock time (1 {} of "
        "model time = {} of wall time) — not simulated: one run cut into {} batches, {}% "
        "confidence intervals from the batch means; numbers in brackets are the interval.",
        sim::executor::kind_name(ex.kind), unit, format_metric("W", ex.plan.seconds_per_unit, "s"),
        ex.batches, format_number(r.confidence * 100, 3)));
  } else {
    if (r.stop_reason == sim::StopReason::Cancelled) {
      points.push_back(fmt::format(
          "INTERRUPTED: only {} replications completed; intervals are wider than planned.",
          r.replications));
    }
    points.push_back(fmt::format(
        "Simulated: {} replications, {}% confidence intervals; numbers in brackets are the "
        "interval.",
        r.replications, format_number(r.confidence * 100, 3)));
  }
  section.blocks.push_back(page::bullets(points));
  return section;
}

page::Section slo_section(const RunReportInput& in, const std::vector<SloJudgement>& slos) {
  page::Section section{"Service-level objectives", "slo", {}};
  if (slos.empty()) {
    section.blocks.push_back(page::paragraph(
        "The scenario states no SLOs. Add an slo: section (for example {station: api, metric: "
        "Wq_p95, below: 200ms}) and run `kendall plan` to size every station against it."));
    return section;
  }
  page::Table t{
      {"SLO", "metric", "bound",
       in.executor != nullptr ? "measured value [interval]" : "simulated value [interval]",
       "verdict", "method"},
      {},
      ""};
  for (const auto& j : slos) {
    t.rows.push_back({j.slo.text, j.slo.metric,
                      std::string(j.slo.upper_bound ? "< " : "> ") +
                          format_metric(j.slo.metric, j.slo.bound, in.scenario.time_unit),
                      j.value ? est(j.measured_as.empty() ? j.slo.metric : j.measured_as, *j.value,
                                    in.scenario.time_unit)
                              : "—",
                      Cell{j.verdict, j.mark}, j.method});
  }
  section.blocks.push_back(page::table(std::move(t)));
  section.blocks.push_back(page::paragraph(
      "pass: the whole confidence interval is within the bound; FAIL: the simulated mean is not; "
      "a warning when the mean is within but the interval reaches the bound (run more "
      "replications)."));
  if (std::any_of(slos.begin(), slos.end(),
                  [](const SloJudgement& j) { return j.slo.metric == "service_level"; })) {
    section.blocks.push_back(page::paragraph(
        "A service level P(Wq ≤ t) ≥ s is judged by the simulated s-quantile of the wait: P(Wq "
        "≤ t) ≥ s holds exactly when that quantile is at most t, so the value column shows the "
        "quantile (a time) and the verdict compares it with t."));
  }
  return section;
}

page::Section stations_section(const RunReportInput& in) {
  const auto& r = in.result;
  const std::string& unit = in.scenario.time_unit;
  page::Section section{"Stations", "stations", {}};
  page::Table resources{{"station", "servers", "utilization", "L", "Lq", "W", "Wq", "throughput"},
                        {},
                        "Resources (simulated means, intervals in brackets)"};
  for (std::size_t i = 0; i < r.stations.size(); ++i) {
    const auto& s = r.stations[i];
    std::vector<Cell> row{s.name, servers_text(in.scenario.stations[i])};
    for (const char* m : {"utilization", "L", "Lq", "W", "Wq", "throughput"}) {
      const auto e = s.metrics.get(m);
      const bool steady = !(s.unstable && std::string_view(m) != "utilization" &&
                            std::string_view(m) != "throughput");
      row.emplace_back(e && steady ? est(m, *e, unit) : std::string(s.unstable ? "unstable" : "—"),
                       s.unstable ? Mark::Fail : Mark::None);
    }
    resources.rows.push_back(std::move(row));
  }
  section.blocks.push_back(page::table(std::move(resources)));
  if (const auto b = busiest(in)) {
    std::string text = fmt::format("Bottleneck: {} (highest utilization).", r.stations[*b].name);
    if (in.solution != nullptr && in.solution->network && in.solution->network->bottleneck &&
        *in.solution->network->bottleneck != r.stations[*b].name) {
      text += fmt::format(" Theory names {} instead.", *in.solution->network->bottleneck);
    }
    section.blocks.push_back(page::paragraph(text));
  }

  for (std::size_t i = 0; i < r.stations.size(); ++i) {
    const auto& s = r.stations[i];
    const auto* a = analytic_of(in, i);
    page::Table t{{"metric", "meaning", "theory", "simulated [interval]", "agreement"}, {}, ""};
    t.caption = a != nullptr ? fmt::format("{} — theory: {}, {}", s.name, a->model, a->method)
                             : fmt::format("{} — no analytic answer", s.name);
    for (const auto& [name, e] : s.metrics.entries()) {
      if (s.unstable && name != "utilization" && name != "throughput") continue;
      if (name == "arrivals" || name == "departures") continue;  // counts per replication
      const DisplayUnit u = unit_for(name, e.mean, unit);
      std::string theory;
      Cell agreement;
      if (a != nullptr) {
        if (const auto v = a->metrics.get(name)) {
          theory = format_in(*v, u);
          if (e.n < 2) {
          } else if (exact(*a)) {
            agreement = disagrees(e, *v, true) ? Cell{"✗ outside the interval", Mark::Fail}
                                               : Cell{"✓ inside the interval", Mark::Pass};
          } else if (e.mean != 0.0) {
            const double off = 100.0 * (*v - e.mean) / e.mean;
            agreement = Cell{fmt::format("≈ approximation, {}% {}", format_number(std::abs(off), 2),
                                         off >= 0 ? "above" : "below"),
                             Mark::Muted};
          }
        }
      }
      t.rows.push_back({name, describe_metric(name), theory, est(name, e, unit), agreement});
    }
    section.blocks.push_back(page::table(std::move(t)));
  }
  // End to end.
  page::Table net{
      {"metric", "meaning", "theory", "simulated [interval]"}, {}, "Network (end to end)"};
  const model::Metrics* an =
      (in.solution != nullptr && in.solution->network) ? &in.solution->network->metrics : nullptr;
  for (const auto& [name, e] : r.network.entries()) {
    if (name == "arrivals" || name == "departures") continue;
    std::string theory;
    if (an != nullptr) {
      if (const auto v = an->get(name)) theory = format_in(*v, unit_for(name, e.mean, unit));
    }
    net.rows.push_back({name, describe_network_metric(name), theory, est(name, e, unit)});
  }
  if (!net.rows.empty()) section.blocks.push_back(page::table(std::move(net)));
  return section;
}

page::Section charts_section(const RunReportInput& in) {
  page::Section section{"Charts", "charts", {}};
  const auto& sc = in.scenario;
  const double max_factor = charts::max_load_factor(in.solution);
  const auto b = busiest(in);
  // The load chart of the bottleneck first, then of the other stations.
  std::vector<std::size_t> order;
  if (b) order.push_back(*b);
  for (std::size_t i = 0; i < sc.stations.size(); ++i) {
    if (!b || i != *b) order.push_back(i);
  }
  bool any_load = false;
  for (std::size_t i : order) {
    if (i >= in.result.stations.size()) continue;
    if (auto f = charts::load_figure(sc, i, &in.result.stations[i], in.slos, max_factor)) {
      section.blocks.push_back(page::figure(std::move(*f)));
      any_load = true;
    }
  }
  if (!any_load) {
    section.blocks.push_back(page::paragraph(
        "No load curves: theory has no steady-state answer for these stations (for example a "
        "time-varying arrival rate or a staffing schedule), so only simulated values are shown."));
  }
  if (auto f = charts::utilization_figure(sc, in.result.stations, in.solution, in.slos)) {
    section.blocks.push_back(page::figure(std::move(*f)));
  }
  for (std::size_t i : order) {
    if (i >= in.result.stations.size()) continue;
    if (auto f = charts::wait_cdf_figure(sc, i, in.result.stations[i]))
      section.blocks.push_back(page::figure(std::move(*f)));
  }
  for (std::size_t i = 0; i < sc.stations.size(); ++i) {
    if (auto f = charts::schedule_figure(sc, i))
      section.blocks.push_back(page::figure(std::move(*f)));
  }
  return section;
}

std::string warmup_text(const sim::ExperimentResult& r, const std::string& unit) {
  switch (r.warmup_requested.kind) {
    case model::WarmupSpec::Kind::Auto:
      return fmt::format(
          "chosen by MSER-5 on pilot replications: the first {} customers ({}) of each replication "
          "were discarded",
          format_number(r.warmup_customers_mean, 4), format_metric("W", r.warmup_time_mean, unit));
    case model::WarmupSpec::Kind::None:
      return "none (every customer counted)";
    case model::WarmupSpec::Kind::Customers:
      return fmt::format("the first {} customers of each replication were discarded",
                         format_number(r.warmup_requested.amount));
    case model::WarmupSpec::Kind::Time:
      return fmt::format("everything before {} of each replication was discarded",
                         format_metric("W", r.warmup_requested.amount, unit));
  }
  return "";
}

std::string stop_text(const sim::ExperimentResult& r) {
  switch (r.stop_reason) {
    case sim::StopReason::Completed:
      return "the planned replications completed";
    case sim::StopReason::PrecisionReached:
      return "the precision target was reached";
    case sim::StopReason::TimeBudget:
      return "the time budget ran out before the precision target";
    case sim::StopReason::MaxReplications:
      return "the replication cap was hit before the precision target";
    case sim::StopReason::Cancelled:
      return "interrupted (Ctrl-C); results cover the replications completed";
  }
  return "";
}

std::vector<std::string> simulation_lines(const RunReportInput& in) {
  const auto& sc = in.scenario;
  const auto& r = in.result;
  std::vector<std::string> sim_lines;
  sim_lines.push_back(
      fmt::format("Discrete-event simulation (engine {}), {} independent replications, seed {}.",
                  r.engine, r.replications, r.seed));
  if (sc.run.customers)
    sim_lines.push_back(
        fmt::format("Each replication ran until {} customers had left.", *sc.run.customers));
  if (sc.run.horizon)
    sim_lines.push_back(fmt::format("Each replication simulated {}.",
                                    format_metric("W", *sc.run.horizon, sc.time_unit)));
  sim_lines.push_back("Warm-up: " + warmup_text(r, sc.time_unit) + ".");
  sim_lines.push_back(fmt::format(
      "Intervals: {}% confidence, {}.", format_number(r.confidence * 100, 3),
      r.ci_method == model::CiMethod::BatchMeans ? "batch means (Student t)"
                                                 : "Student t across replication means"));
  if (r.precision_target) {
    sim_lines.push_back(
        fmt::format("Precision: target relative half-width {}%, reached {}%.",
                    format_number(*r.precision_target * 100, 3),
                    r.precision_reached ? format_number(*r.precision_reached * 100, 3) : "n/a"));
  } else {
    double worst = 0.0;
    for (const auto& s : r.stations) {
      for (const char* m : {"W", "Wq", "L"}) {
        if (const auto e = s.metrics.get(m); e && e->mean > 0 && e->n >= 2)
          worst = std::max(worst, e->relative_half_width());
      }
    }
    if (worst > 0.0)
      sim_lines.push_back(
          fmt::format("Precision reached: the widest relative half-width of L, W and Wq is {}%.",
                      format_number(worst * 100, 3)));
  }
  sim_lines.push_back(fmt::format("Stopped because {}; {} events in {} s of wall time.",
                                  stop_text(r), r.events, format_number(r.wall_seconds, 3)));
  return sim_lines;
}

std::string overhead_text(const sim::executor::OverheadSummary& o) {
  return fmt::format("p50 {} µs, p99 {} µs, max {} µs", format_number(o.p50_us, 3),
                     format_number(o.p99_us, 3), format_number(o.max_us, 3));
}

// What the executor testbed did, in the report's words: it measured, it did not simulate.
std::vector<std::string> executor_lines(const RunReportInput& in) {
  const auto& sc = in.scenario;
  const auto& r = in.result;
  const auto& ex = *in.executor;
  std::vector<std::string> lines;
  lines.push_back(fmt::format(
      "Executor testbed (engine {}): each station a pool of its servers as real workers taking "
      "jobs from a real queue; arrivals submitted at the scenario's random times (seed {}) and "
      "each job held for its sampled service time, in scaled wall-clock time: 1 {} of model time "
      "= {} of wall time. Waits are measured with steady_clock and scaled back to model time.",
      r.engine, r.seed, sc.time_unit, format_metric("W", ex.plan.seconds_per_unit, "s")));
  lines.push_back(fmt::format("One run of {} of model time, {} of wall time{}.",
                              format_metric("W", ex.plan.horizon, sc.time_unit),
                              format_metric("W", ex.plan.planned_wall_seconds, "s"),
                              ex.plan.shortened ? " (shortened to fit the wall-time limit)" : ""));
  if (!ex.plan.warmup.empty()) lines.push_back("Warm-up: " + ex.plan.warmup + ".");
  lines.push_back(
      fmt::format("Intervals: {}% confidence, Student t over {} batch means of the run.",
                  format_number(r.confidence * 100, 3), ex.batches));
  for (std::size_t i = 0; i < ex.overhead.size() && i < sc.stations.size(); ++i) {
    lines.push_back(
        fmt::format("{}: dispatch (job ready → service starts) {}; service overshoot "
                    "{}.",
                    sc.stations[i].name, overhead_text(ex.overhead[i].dispatch),
                    overhead_text(ex.overhead[i].overshoot)));
  }
  lines.push_back("Arrival generator lateness: " + overhead_text(ex.arrival_lag) + ".");
  if (ex.in_flight_at_stop > 0)
    lines.push_back(
        fmt::format("{} customers were in the stations when the run stopped (not "
                    "counted).",
                    ex.in_flight_at_stop));
  lines.push_back(r.stop_reason == sim::StopReason::Cancelled
                      ? std::string("Interrupted (Ctrl-C): results cover the batches completed.")
                      : std::string("The run completed."));
  return lines;
}

page::Section methods_section(const RunReportInput& in) {
  const auto& sc = in.scenario;
  const auto& r = in.result;
  page::Section section{"Assumptions and methods", "methods", {}};
  std::vector<std::string> models;
  for (std::size_t i = 0; i < sc.stations.size(); ++i) {
    const auto& st = sc.stations[i];
    std::string line =
        fmt::format("{}: {} servers, {} service ({}), discipline {}", st.name, servers_text(st),
                    model::family_name(st.service.front()),
                    format_metric("W", model::mean(st.service.front()), sc.time_unit) +
                        " mean, SCV " + format_number(model::scv(st.service.front()), 3),
                    model::discipline_name(st.discipline));
    if (const auto* a = analytic_of(in, i)) {
      line += fmt::format(
          ". Theory: {} — {}", a->model,
          exact(*a) ? "exact" : a->method + " (not exact: expect a few percent difference)");
      for (const auto& note : a->notes) line += ". " + note;
    } else if (in.solution != nullptr && i < in.solution->stations.size()) {
      line += ". No analytic answer: " + in.solution->stations[i].reason;
    }
    models.push_back(line);
  }
  section.blocks.push_back(page::paragraph("Models, station by station:"));
  section.blocks.push_back(page::bullets(models));
  if (in.executor != nullptr) {
    section.blocks.push_back(page::paragraph("Measurement (executor testbed):"));
    section.blocks.push_back(page::bullets(executor_lines(in)));
  } else {
    section.blocks.push_back(page::paragraph("Simulation:"));
    section.blocks.push_back(page::bullets(simulation_lines(in)));
  }
  std::vector<std::string> notes = r.notes;

  if (in.solution != nullptr)
    notes.insert(notes.end(), in.solution->notes.begin(), in.solution->notes.end());
  if (!notes.empty()) {
    section.blocks.push_back(page::paragraph("Notes:"));
    section.blocks.push_back(page::bullets(notes));
  }
  section.blocks.push_back(page::paragraph(
      "Units: times are shown in ms, s, min or h and rates per second, minute or hour, whichever "
      "reads best; the scenario's own unit is " +
      sc.time_unit + " (the JSON and CSV forms use it)."));
  return section;
}

}  // namespace

page::Page build_run_page(const RunReportInput& in) {
  const auto slos = judge(in);
  page::Page p;
  p.title =
      "Capacity report — " + (in.scenario.name.empty() ? in.result.scenario : in.scenario.name);
  p.subtitle = in.scenario.description;
  p.sections.push_back(summary_section(in, slos));
  p.sections.push_back(slo_section(in, slos));
  p.sections.push_back(stations_section(in));
  p.sections.push_back(charts_section(in));
  p.sections.push_back(methods_section(in));
  p.footer = footer_lines(in.provenance);
  return p;
}

nlohmann::ordered_json run_report_json(const RunReportInput& in) {
  nlohmann::ordered_json out = to_json(in.scenario, in.result, in.solution);
  out["provenance"] = to_json(in.provenance);
  return out;
}

std::string run_report_csv(const RunReportInput& in) {
  std::vector<TidyRow> rows;
  const std::string scenario = in.scenario.name;
  auto add = [&](const std::string& station, const std::string& cls, const sim::EstimateSet& set,
                 const model::Metrics* analytic, const std::string& method) {
    for (const auto& [name, e] : set.entries()) {
      TidyRow row{
          scenario,      "today", station, cls, name, std::nullopt, "", e, in.scenario.time_unit,
          in.result.seed};
      if (analytic != nullptr) {
        row.analytic = analytic->get(name);
        row.analytic_method = method;
      }
      rows.push_back(std::move(row));
    }
  };
  for (std::size_t i = 0; i < in.result.stations.size(); ++i) {
    const auto& s = in.result.stations[i];
    const auto* a = analytic_of(in, i);
    add(s.name, "", s.metrics, a != nullptr ? &a->metrics : nullptr, a != nullptr ? a->method : "");
    for (std::size_t c = 0; c < s.classes.size(); ++c) {
      const model::Metrics* ac =
          (a != nullptr && c < a->classes.size()) ? &a->classes[c].metrics : nullptr;
      add(s.name, s.classes[c].name, s.classes[c].metrics, ac, a != nullptr ? a->method : "");
    }
  }
  const bool net = in.solution != nullptr && in.solution->network.has_value();
  add("(network)", "", in.result.network, net ? &in.solution->network->metrics : nullptr,
      net ? in.solution->network->method : "");
  return to_csv(rows);
}

std::string render_run_report(const RunReportInput& in, ReportFormat format) {
  switch (format) {
    case ReportFormat::Html:
      return page::to_html(build_run_page(in));
    case ReportFormat::Markdown:
      return page::to_markdown(build_run_page(in));
    case ReportFormat::Json:
      return run_report_json(in).dump(2) + "\n";
    case ReportFormat::Csv:
      return run_report_csv(in);
  }
  return {};
}

void write_run_report(const std::filesystem::path& path, const RunReportInput& input) {
  const ReportFormat format = report_format_for(path);
  write_file_atomically(path, [&](std::ostream& out) { out << render_run_report(input, format); });
}

}  // namespace kendall::report
