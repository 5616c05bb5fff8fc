#include "kendall/report/run_report.hpp"

#include <sstream>

#include <fmt/format.h>

#include "kendall/report/json.hpp"
#include "kendall/report/metric_descriptions.hpp"
#include "kendall/report/solution_report.hpp"
#include "kendall/report/table.hpp"

namespace kendall::report {

using json = nlohmann::ordered_json;

namespace {

std::string stop_reason_name(sim::StopReason reason) {
  switch (reason) {
    case sim::StopReason::Completed:
      return "completed";
    case sim::StopReason::PrecisionReached:
      return "precision_reached";
    case sim::StopReason::TimeBudget:
      return "time_budget";
    case sim::StopReason::MaxReplications:
      return "max_replications";
    case sim::StopReason::Cancelled:
      return "cancelled";
  }
  return "completed";
}

std::string warmup_name(const model::WarmupSpec& w) {
  switch (w.kind) {
    case model::WarmupSpec::Kind::Auto:
      return "auto (MSER-5 on pilot replications)";
    case model::WarmupSpec::Kind::None:
      return "none";
    case model::WarmupSpec::Kind::Customers:
      return fmt::format("{} customers", format_number(w.amount));
    case model::WarmupSpec::Kind::Time:
      return fmt::format("time {}", format_number(w.amount));
  }
  return "auto";
}

// Only an exact steady-state value is expected inside the interval: approximations are not,
// and an unstable result's utilization is the offered load, not a measurable busy fraction.
bool is_exact(const model::AnalyticResult& r) { return r.method == "exact" && r.stable; }

// Metrics of an unstable station that describe a steady state that does not exist.
bool steady_state_only(std::string_view name) {
  return name == "L" || name == "Lq" || name == "W" || name == "Wq" || name.starts_with("W_p") ||
         name.starts_with("Wq_p");
}

const model::AnalyticResult* station_analytic(const model::ScenarioSolution* solution,
                                              std::size_t index) {
  if (solution == nullptr || index >= solution->stations.size()) return nullptr;
  const auto& s = solution->stations[index];
  return s.result ? &*s.result : nullptr;
}

const model::Metrics* network_class_analytic(const model::ScenarioSolution* solution,
                                             const std::string& class_name) {
  if (solution == nullptr || !solution->network) return nullptr;
  for (const auto& c : solution->network->classes) {
    if (c.name == class_name) return &c.metrics;
  }
  return nullptr;
}

}  // namespace

bool disagrees(const sim::Estimate& simulated, double analytic, bool exact) {
  return exact && !simulated.contains(analytic);
}

json to_json(const model::Scenario& scenario, const sim::ExperimentResult& result,
             const model::ScenarioSolution* solution) {
  json out = json::object();
  out["scenario"] = result.scenario.empty() ? scenario.name : result.scenario;
  out["time_unit"] = scenario.time_unit;
  out["engine"] = result.engine;
  out["replications"] = result.replications;
  out["seed"] = result.seed;
  out["confidence"] = result.confidence;
  out["ci_method"] =
      result.ci_method == model::CiMethod::BatchMeans ? "batch_means" : "replications";
  out["warmup"] = {{"requested", warmup_name(result.warmup_requested)},
                   {"time_mean", result.warmup_time_mean},
                   {"customers_mean", result.warmup_customers_mean}};
  json stop = {{"reason", stop_reason_name(result.stop_reason)}};
  if (result.precision_target) stop["precision_target"] = *result.precision_target;
  if (result.precision_reached) stop["precision_reached"] = *result.precision_reached;
  out["stop"] = stop;
  json stations = json::array();
  for (std::size_t i = 0; i < result.stations.size(); ++i) {
    const auto& s = result.stations[i];
    json entry = json::object();
    entry["name"] = s.name;
    if (const auto* a = station_analytic(solution, i)) {
      entry["analytic"] = analytic_block(*a);
    } else if (solution != nullptr && i < solution->stations.size()) {
      entry["analytic_reason"] = solution->stations[i].reason;
    }
    entry["simulated"] = simulated_block(s);
    stations.push_back(std::move(entry));
  }
  out["stations"] = stations;
  json network = to_json(result.network);
  if (!result.network_classes.empty()) {
    json classes = json::array();
    for (const auto& c : result.network_classes) {
      json entry = to_json(c.metrics);
      entry["name"] = c.name;
      classes.push_back(std::move(entry));
    }
    network["classes"] = classes;
  }
  if (solution != nullptr && solution->network) {
    const auto& n = *solution->network;
    json analytic = {{"method", n.method}, {"stable", n.stable}, {"metrics", to_json(n.metrics)}};
    if (!n.classes.empty()) {
      json classes = json::array();
      for (const auto& c : n.classes)
        classes.push_back({{"name", c.name}, {"metrics", to_json(c.metrics)}});
      analytic["classes"] = classes;
    }
    if (n.bottleneck) analytic["bottleneck"] = *n.bottleneck;
    network["analytic"] = analytic;
  }
  out["network"] = network;
  out["events"] = result.events;
  out["wall_seconds"] = result.wall_seconds;
  if (!result.notes.empty()) out["notes"] = result.notes;
  return out;
}

namespace {

struct Rows {
  Table table{{"metric", "analytic", "simulated", "CI low", "CI high", ""}};
  bool any_flag = false;
};

void add_rows(Rows& rows, const sim::EstimateSet& simulated, const model::Metrics* analytic,
              bool exact, bool unstable) {
  for (const auto& [name, estimate] : simulated.entries()) {
    if (unstable && steady_state_only(name)) continue;
    std::string analytic_text;
    std::string flag;
    if (analytic != nullptr) {
      if (const auto value = analytic->get(name)) {
        analytic_text = format_number(*value);
        if (disagrees(estimate, *value, exact)) {
          flag = "<- outside CI";
          rows.any_flag = true;
        }
      }
    }
    const bool has_interval = estimate.n >= 2;
    rows.table.add_row({name, analytic_text, format_number(estimate.mean),
                        has_interval ? format_number(estimate.ci_low) : "",
                        has_interval ? format_number(estimate.ci_high) : "", flag});
  }
}

std::string render(const Table& t, Format format) {
  return format == Format::Markdown ? t.to_markdown() : t.to_text();
}

std::string render_csv(const model::Scenario& scenario, const sim::ExperimentResult& result,
                       const model::ScenarioSolution* solution) {
  (void)scenario;
  Table table({"station", "class", "metric", "analytic", "mean", "ci_low", "ci_high", "n"});
  auto add = [&](const std::string& station, const std::string& cls, const sim::EstimateSet& set,
                 const model::Metrics* analytic) {
    for (const auto& [name, e] : set.entries()) {
      std::string a;
      if (analytic != nullptr) {
        if (const auto v = analytic->get(name)) a = fmt::format("{}", *v);
      }
      table.add_row({station, cls, name, a, fmt::format("{}", e.mean), fmt::format("{}", e.ci_low),
                     fmt::format("{}", e.ci_high), std::to_string(e.n)});
    }
  };
  for (std::size_t i = 0; i < result.stations.size(); ++i) {
    const auto& s = result.stations[i];
    const auto* a = station_analytic(solution, i);
    add(s.name, "", s.metrics, a != nullptr ? &a->metrics : nullptr);
    for (std::size_t c = 0; c < s.classes.size(); ++c) {
      const model::Metrics* ac =
          (a != nullptr && c < a->classes.size()) ? &a->classes[c].metrics : nullptr;
      add(s.name, s.classes[c].name, s.classes[c].metrics, ac);
    }
  }
  const model::Metrics* an =
      (solution != nullptr && solution->network) ? &solution->network->metrics : nullptr;
  add("(network)", "", result.network, an);
  for (const auto& c : result.network_classes) {
    add("(network)", c.name, c.metrics, network_class_analytic(solution, c.name));
  }
  return table.to_csv();
}

}  // namespace

std::string render_run(const model::Scenario& scenario, const sim::ExperimentResult& result,
                       const model::ScenarioSolution* solution, Format format) {
  if (format == Format::Json) return to_json(scenario, result, solution).dump(2) + "\n";
  if (format == Format::Csv) return render_csv(scenario, result, solution);
  const bool md = format == Format::Markdown;
  std::ostringstream out;
  const double confidence_percent = result.confidence * 100.0;
  out << (md ? "## " : "") << (result.scenario.empty() ? scenario.name : result.scenario)
      << " — simulation (" << result.engine << "), times in " << scenario.time_unit << "\n";
  out << fmt::format(
      "{} {}, seed {}, {}% confidence intervals ({}), warm-up {}", result.replications,
      result.ci_method == model::CiMethod::BatchMeans ? "batches" : "replications", result.seed,
      format_number(confidence_percent, 4),
      result.ci_method == model::CiMethod::BatchMeans ? "batch means, Student t"
                                                      : "Student t across replications",
      warmup_name(result.warmup_requested));
  if (result.warmup_requested.kind == model::WarmupSpec::Kind::Auto) {
    out << (result.replications == 0
                ? std::string(" — no cut chosen (stopped before any replication completed)")
                : fmt::format(" — cut {} customers / t = {} (mean over replications)",
                              format_number(result.warmup_customers_mean, 4),
                              format_number(result.warmup_time_mean, 4)));
  }
  out << ".\n";
  if (result.precision_target) {
    out << fmt::format(
        "Sequential stopping: target relative half-width {}%, reached {}% ({}).\n",
        format_number(*result.precision_target * 100.0, 3),
        result.precision_reached ? format_number(*result.precision_reached * 100.0, 3) : "n/a",
        stop_reason_name(result.stop_reason));
  }
  if (result.stop_reason == sim::StopReason::Cancelled) {
    out << "INTERRUPTED: these results cover only the replications completed before the stop.\n";
  }

  bool any_flag = false;
  for (std::size_t i = 0; i < result.stations.size(); ++i) {
    const auto& s = result.stations[i];
    const auto* a = station_analytic(solution, i);
    out << '\n' << (md ? "### " : "") << "Station " << s.name;
    if (a != nullptr) {
      out << " — theory: " << a->model << ", " << a->method;
    } else if (solution != nullptr && i < solution->stations.size()) {
      out << " — theory: none (" << solution->stations[i].reason << ")";
    }
    out << "\n";
    if (s.unstable) {
      out << "UNSTABLE: the number in this station grows without bound";
      if (s.growth_rate) {
        out << fmt::format(
            " at about {} customers per time unit ({}% CI {} to {})",
            format_number(s.growth_rate->mean, 4), format_number(confidence_percent, 4),
            format_number(s.growth_rate->ci_low, 4), format_number(s.growth_rate->ci_high, 4));
      }
      out << ". L, Lq, W, Wq and their quantiles have no steady-state value and are not shown.\n";
    }
    if (a != nullptr && !a->stable) out << "Theory: " << instability_sentence(*a) << '\n';
    out << '\n';
    Rows rows;
    add_rows(rows, s.metrics, a != nullptr ? &a->metrics : nullptr, a != nullptr && is_exact(*a),
             s.unstable);
    out << render(rows.table, format);
    any_flag = any_flag || rows.any_flag;
    for (std::size_t c = 0; c < s.classes.size(); ++c) {
      const model::Metrics* ac =
          (a != nullptr && c < a->classes.size()) ? &a->classes[c].metrics : nullptr;
      Rows class_rows;
      add_rows(class_rows, s.classes[c].metrics, ac, a != nullptr && is_exact(*a), s.unstable);
      out << (md ? fmt::format("\n*Class {}*\n\n", s.classes[c].name)
                 : fmt::format("\n  class {}\n", s.classes[c].name));
      out << render(class_rows.table, format);
      any_flag = any_flag || class_rows.any_flag;
    }
  }

  out << '\n' << (md ? "### " : "") << "Network (end to end)";
  const model::Metrics* an = nullptr;
  bool network_exact = false;
  if (solution != nullptr && solution->network) {
    an = &solution->network->metrics;
    network_exact = solution->network->method == "exact" && solution->network->stable;
    out << " — theory: " << solution->network->method;
  }
  out << "\n";
  std::string unstable_names;
  for (const auto& s : result.stations) {
    if (s.unstable) unstable_names += (unstable_names.empty() ? "" : ", ") + s.name;
  }
  const bool network_unstable = !unstable_names.empty();
  if (network_unstable) {
    out << "UNSTABLE: " << unstable_names
        << " grows without bound, so end-to-end L, W and their quantiles have no steady-state "
           "value and are not shown.\n";
  }
  out << "\n";
  Rows network_rows;
  add_rows(network_rows, result.network, an, network_exact, network_unstable);
  out << render(network_rows.table, format);
  any_flag = any_flag || network_rows.any_flag;
  for (const auto& c : result.network_classes) {
    Rows class_rows;
    add_rows(class_rows, c.metrics, network_class_analytic(solution, c.name), network_exact,
             network_unstable);
    out << (md ? fmt::format("\n*Class {}*\n\n", c.name) : fmt::format("\n  class {}\n", c.name));
    out << render(class_rows.table, format);
  }

  out << fmt::format("\nCI = {}% confidence interval of the simulated mean.",
                     format_number(confidence_percent, 4));
  if (any_flag) {
    out << " '<- outside CI' marks an exact analytic value outside the interval: expected for "
           "about "
        << format_number(100.0 - confidence_percent, 3)
        << "% of intervals by chance. The metrics of one station move together (L, W, Wq and the "
           "quantiles come from the same customers), so chance misses come in clusters; a "
           "disagreement shows as misses that persist with another --seed and more --replications.";
  }
  out << fmt::format("\n{} events in {} s of wall time.\n", result.events,
                     format_number(result.wall_seconds, 3));
  if (!result.notes.empty()) {
    out << (md ? "\n**Notes**\n\n" : "\nNotes:\n");
    for (const auto& note : result.notes) out << "  - " << note << '\n';
  }
  return out.str();
}

}  // namespace kendall::report
