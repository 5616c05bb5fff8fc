#include "kendall/report/engine_comparison.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include <fmt/format.h>

#include "kendall/report/json.hpp"
#include "kendall/report/run_report.hpp"
#include "kendall/report/table.hpp"

namespace kendall::report {

using json = nlohmann::ordered_json;
namespace ex = sim::executor;

namespace {

const sim::ExperimentResult& reference(const EngineComparison& c) {
  return c.des ? *c.des : c.executors.front().run.result;
}

json overhead_json(const ex::OverheadSummary& o) {
  return {{"p50", o.p50_us}, {"p99", o.p99_us}, {"max", o.max_us}, {"mean", o.mean_us},
          {"samples", o.samples}};
}

json overhead_model_json(const ex::OverheadSummary& o, double seconds_per_unit) {
  const double f = 1e-6 / seconds_per_unit;
  return {{"p50", o.p50_us * f}, {"p99", o.p99_us * f}, {"max", o.max_us * f},
          {"mean", o.mean_us * f}};
}

json station_overhead_json(const ex::StationOverhead& o, double seconds_per_unit) {
  return {{"dispatch_us", overhead_json(o.dispatch)},
          {"overshoot_us", overhead_json(o.overshoot)},
          {"dispatch_model", overhead_model_json(o.dispatch, seconds_per_unit)},
          {"overshoot_model", overhead_model_json(o.overshoot, seconds_per_unit)}};
}

std::string stop_name(sim::StopReason r) {
  return r == sim::StopReason::Cancelled ? "cancelled" : "completed";
}

std::string estimate_cell(const std::optional<sim::Estimate>& e) {
  if (!e) return "";
  if (e->n < 2) return format_number(e->mean, 4);
  return fmt::format("{} ± {}", format_number(e->mean, 4), format_number(e->half_width(), 2));
}

std::string triple(const ex::OverheadSummary& o) {
  if (o.samples == 0) return "";
  return fmt::format("{} / {} / {}", format_number(o.p50_us, 3), format_number(o.p99_us, 3),
                     format_number(o.max_us, 3));
}

std::string render(const Table& t, Format format) {
  return format == Format::Markdown ? t.to_markdown() : t.to_text();
}

const model::AnalyticResult* station_analytic(const model::ScenarioSolution* solution,
                                              std::size_t i) {
  if (solution == nullptr || i >= solution->stations.size()) return nullptr;
  const auto& s = solution->stations[i];
  return s.result ? &*s.result : nullptr;
}

// Metric names in the reference's order, then any only the executors have.
std::vector<std::string> metric_names(const EngineComparison& c,
                                      const sim::EstimateSet& (*pick)(const sim::ExperimentResult&,
                                                                      std::size_t),
                                      std::size_t station) {
  std::vector<std::string> names;
  auto add = [&](const sim::EstimateSet& set) {
    for (const auto& [name, e] : set.entries()) {
      if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    }
  };
  add(pick(reference(c), station));
  for (const auto& col : c.executors) add(pick(col.run.result, station));
  return names;
}

const sim::EstimateSet& station_set(const sim::ExperimentResult& r, std::size_t s) {
  static const sim::EstimateSet empty;
  return s < r.stations.size() ? r.stations[s].metrics : empty;
}
const sim::EstimateSet& network_set(const sim::ExperimentResult& r, std::size_t) {
  return r.network;
}

Table side_by_side(const EngineComparison& c, const sim::EstimateSet& (*pick)(
                                                  const sim::ExperimentResult&, std::size_t),
                   std::size_t station, const model::Metrics* analytic) {
  std::vector<std::string> headers{"metric", "analytic"};
  if (c.des) headers.emplace_back("DES");
  for (const auto& col : c.executors) headers.emplace_back(std::string(ex::kind_name(col.run.kind)));
  Table table(headers);
  for (const auto& name : metric_names(c, pick, station)) {
    std::vector<std::string> row{name, ""};
    if (analytic != nullptr) {
      if (const auto v = analytic->get(name)) row[1] = format_number(*v);
    }
    if (c.des) row.push_back(estimate_cell(pick(*c.des, station).get(name)));
    for (const auto& col : c.executors) row.push_back(estimate_cell(pick(col.run.result, station).get(name)));
    table.add_row(row);
  }
  return table;
}

}  // namespace

std::optional<sim::Estimate> wq_bias(const sim::StationResult& executor,
                                     const sim::StationResult& des) {
  const auto a = executor.metrics.get("Wq");
  const auto b = des.metrics.get("Wq");
  if (!a || !b) return std::nullopt;
  sim::Estimate e;
  e.mean = a->mean - b->mean;
  const double h = std::hypot(a->half_width(), b->half_width());
  e.ci_low = e.mean - h;
  e.ci_high = e.mean + h;
  e.n = std::min(a->n, b->n);
  return e;
}

json to_json(const model::Scenario& scenario, const EngineComparison& c,
             const model::ScenarioSolution* solution) {
  json out = to_json(scenario, reference(c), solution);
  out["engine"] = c.des ? (c.executors.empty() ? "des" : "all") : "executor";
  json runs = json::array();
  for (const auto& col : c.executors) {
    const auto& r = col.run;
    json entry = {{"kind", ex::kind_name(r.kind)},
                  {"time_scale_seconds", r.plan.seconds_per_unit},
                  {"horizon", r.plan.horizon},
                  {"implied_wall_seconds", r.plan.implied_wall_seconds},
                  {"planned_wall_seconds", r.plan.planned_wall_seconds},
                  {"shortened", r.plan.shortened},
                  {"warmup", r.plan.warmup},
                  {"batches", r.result.replications == 0 ? 0 : 20},
                  {"stop", stop_name(r.result.stop_reason)},
                  {"customers", r.result.events},
                  {"in_flight_at_stop", r.in_flight_at_stop},
                  {"wall_seconds", r.result.wall_seconds}};
    if (!r.result.notes.empty()) entry["notes"] = r.result.notes;
    runs.push_back(std::move(entry));
  }
  out["executors"] = runs;
  for (std::size_t s = 0; s < out["stations"].size(); ++s) {
    json list = json::array();
    for (const auto& col : c.executors) {
      const auto& r = col.run;
      if (s >= r.result.stations.size()) continue;
      json entry = {{"kind", ex::kind_name(r.kind)}};
      const json metrics = simulated_block(r.result.stations[s]);
      for (const auto& [key, value] : metrics.items()) entry[key] = value;
      if (s < r.overhead.size())
        entry["overhead"] = station_overhead_json(r.overhead[s], r.plan.seconds_per_unit);
      if (s < r.idle_overhead.size())
        entry["idle_overhead"] = station_overhead_json(r.idle_overhead[s], r.plan.seconds_per_unit);
      if (c.des && s < c.des->stations.size()) {
        if (const auto bias = wq_bias(r.result.stations[s], c.des->stations[s])) {
          entry["wq_bias_vs_des"] = {{"mean", bias->mean}, {"ci_low", bias->ci_low},
                                     {"ci_high", bias->ci_high}};
        }
      }
      if (s < col.predicted_wq_bias.size() && col.predicted_wq_bias[s])
        entry["predicted_wq_bias"] = *col.predicted_wq_bias[s];
      list.push_back(std::move(entry));
    }
    out["stations"][s]["executor"] = list;
  }
  return out;
}

std::string render_comparison(const model::Scenario& scenario, const EngineComparison& c,
                              const model::ScenarioSolution* solution, Format format) {
  if (format == Format::Json) return to_json(scenario, c, solution).dump(2) + "\n";
  const sim::ExperimentResult& ref = reference(c);
  if (format == Format::Csv) {
    Table table({"station", "engine", "metric", "mean", "ci_low", "ci_high", "n"});
    auto add = [&](const std::string& where, const sim::ExperimentResult& r,
                   const sim::EstimateSet& set) {
      for (const auto& [name, e] : set.entries()) {
        table.add_row({where, r.engine, name, fmt::format("{}", e.mean), fmt::format("{}", e.ci_low),
                       fmt::format("{}", e.ci_high), std::to_string(e.n)});
      }
    };
    for (std::size_t s = 0; s < ref.stations.size(); ++s) {
      if (c.des) add(ref.stations[s].name, *c.des, c.des->stations[s].metrics);
      for (const auto& col : c.executors)
        add(ref.stations[s].name, col.run.result, station_set(col.run.result, s));
    }
    if (c.des) add("(network)", *c.des, c.des->network);
    for (const auto& col : c.executors) add("(network)", col.run.result, col.run.result.network);
    return table.to_csv();
  }
  const bool md = format == Format::Markdown;
  std::ostringstream out;
  out << (md ? "## " : "") << scenario.name << " — " << (c.des ? "analytic | DES | " : "analytic | ")
      << "executors, times in " << scenario.time_unit << "\n";
  if (c.des) {
    out << fmt::format("DES: {} {}, seed {}. ", c.des->replications,
                       c.des->ci_method == model::CiMethod::BatchMeans ? "batches" : "replications",
                       c.des->seed);
  }
  out << "Executors: one real-time run each, 20 batches (batch means), seed "
      << ref.seed << "; cells are mean ± half-width of the "
      << format_number(ref.confidence * 100.0, 4) << "% interval.\n";
  for (const auto& col : c.executors) {
    const auto& p = col.run.plan;
    out << fmt::format("  {}: 1 {} = {} ms of wall time; {} {} in {} s{}{}\n",
                       ex::kind_name(col.run.kind), scenario.time_unit,
                       format_number(p.seconds_per_unit * 1e3, 4), format_number(p.horizon, 5),
                       scenario.time_unit, format_number(p.planned_wall_seconds, 3),
                       p.shortened ? fmt::format(" (the full run would take {} s: shortened to "
                                                 "--max-wall)",
                                                 format_number(p.implied_wall_seconds, 3))
                                   : "",
                       col.run.result.stop_reason == sim::StopReason::Cancelled
                           ? " — INTERRUPTED"
                           : "");
  }
  for (std::size_t s = 0; s < ref.stations.size(); ++s) {
    const auto* a = station_analytic(solution, s);
    out << '\n' << (md ? "### " : "") << "Station " << ref.stations[s].name;
    if (a != nullptr) {
      out << " — theory: " << a->model << ", " << a->method;
    } else if (solution != nullptr && s < solution->stations.size()) {
      out << " — theory: none (" << solution->stations[s].reason << ")";
    }
    out << "\n\n";
    out << render(side_by_side(c, station_set, s, a != nullptr ? &a->metrics : nullptr), format);
    // What each executor cost at this station.
    Table cost({"executor", "dispatch µs p50/p99/max", "overshoot µs p50/p99/max",
                "idle pool: dispatch / overshoot p50 µs", "extra hold (model)", "Wq − DES",
                "predicted"});
    for (const auto& col : c.executors) {
      const auto& r = col.run;
      if (s >= r.overhead.size()) continue;
      const auto& o = r.overhead[s];
      std::string idle;
      if (s < r.idle_overhead.size()) {
        idle = fmt::format("{} / {}", format_number(r.idle_overhead[s].dispatch.p50_us, 3),
                           format_number(r.idle_overhead[s].overshoot.p50_us, 3));
      }
      const double extra =
          (o.dispatch.mean_us + o.overshoot.mean_us) * 1e-6 / r.plan.seconds_per_unit;
      std::string bias;
      std::optional<sim::Estimate> measured;
      if (c.des && s < c.des->stations.size() && s < r.result.stations.size()) {
        measured = wq_bias(r.result.stations[s], c.des->stations[s]);
        if (measured) bias = estimate_cell(measured);
      }
      std::string predicted;
      if (s < col.predicted_wq_bias.size() && col.predicted_wq_bias[s]) {
        // The check of the calibration: is the prediction inside the measured bias's interval?
        predicted = format_number(*col.predicted_wq_bias[s], 3);
        if (measured) {
          predicted += measured->contains(*col.predicted_wq_bias[s]) ? " (inside)" : " (outside)";
        }
      }
      cost.add_row({std::string(ex::kind_name(r.kind)), triple(o.dispatch), triple(o.overshoot),
                    idle, format_number(extra, 3), bias, predicted});
    }
    out << '\n' << render(cost, format);
  }
  out << '\n' << (md ? "### " : "") << "Network (end to end)";
  if (solution != nullptr && solution->network) out << " — theory: " << solution->network->method;
  out << "\n\n";
  const model::Metrics* an =
      (solution != nullptr && solution->network) ? &solution->network->metrics : nullptr;
  out << render(side_by_side(c, network_set, 0, an), format);
  out << "\nDispatch: a customer ready (queued, and the worker that takes it free) until its "
         "service starts. Overshoot: actual − sampled service time. Extra hold: mean dispatch + "
         "overshoot per customer, in "
      << scenario.time_unit
      << ". Wq − DES: the executor's Wq bias against the DES (interval from both). Executor "
         "counts (arrivals, departures, …) are per batch."
      << (c.executors.empty() || c.executors.front().predicted_wq_bias.empty()
              ? ""
              : " Predicted: from the idle-pool calibration (DES with services stretched by "
                "the idle extra hold, common random numbers, plus one dispatch); inside/outside: "
                "whether the measured bias's interval holds it.")
      << '\n';
  std::vector<std::string> notes;
  if (c.des) {
    for (const auto& n : c.des->notes) notes.push_back("DES: " + n);
  }
  for (const auto& col : c.executors) {
    for (const auto& n : col.run.result.notes) {
      notes.push_back(n.starts_with("executor ")
                          ? n
                          : fmt::format("executor {}: {}", ex::kind_name(col.run.kind), n));
    }
  }
  if (!notes.empty()) {
    out << (md ? "\n**Notes**\n\n" : "\nNotes:\n");
    for (const auto& n : notes) out << "  - " << n << '\n';
  }
  return out.str();
}

}  // namespace kendall::report
