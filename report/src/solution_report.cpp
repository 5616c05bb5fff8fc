#include "kendall/report/solution_report.hpp"

#include <sstream>

#include <fmt/format.h>

#include "kendall/report/json.hpp"
#include "kendall/report/metric_descriptions.hpp"
#include "kendall/report/table.hpp"

namespace kendall::report {

using json = nlohmann::ordered_json;

namespace {

std::string kind_name(model::ScenarioKind kind) {
  switch (kind) {
    case model::ScenarioKind::Open:
      return "open";
    case model::ScenarioKind::Closed:
      return "closed";
    case model::ScenarioKind::Backlog:
      return "backlog";
  }
  return "open";
}

std::string kind_sentence(model::ScenarioKind kind) {
  switch (kind) {
    case model::ScenarioKind::Open:
      return "open network";
    case model::ScenarioKind::Closed:
      return "closed network";
    case model::ScenarioKind::Backlog:
      return "backlog run (no arrivals)";
  }
  return "open network";
}

Table metrics_table(const model::Metrics& metrics, bool network = false) {
  Table table({"metric", "value", "meaning"});
  table.set_align(2, Align::Left);
  for (const auto& [name, value] : metrics.entries()) {
    table.add_row({name, format_number(value),
                   network ? describe_network_metric(name) : describe_metric(name)});
  }
  return table;
}

std::string render_table(const Table& table, Format format) {
  return format == Format::Markdown ? table.to_markdown() : table.to_text();
}

void write_notes(std::ostringstream& out, const std::vector<std::string>& notes, Format format) {
  if (notes.empty()) return;
  out << (format == Format::Markdown ? "\n**Notes**\n\n" : "\nNotes:\n");
  for (const auto& note : notes) out << "  - " << note << '\n';
}

void write_result_body(std::ostringstream& out, const model::AnalyticResult& result,
                       Format format) {
  if (const auto sentence = instability_sentence(result); !sentence.empty()) {
    out << sentence << "\n\n";
  }
  out << render_table(metrics_table(result.metrics), format);
  for (const auto& c : result.classes) {
    out << (format == Format::Markdown ? fmt::format("\n*Class {}*\n\n", c.name)
                                       : fmt::format("\nclass {}\n", c.name));
    out << render_table(metrics_table(c.metrics), format);
  }
  write_notes(out, result.notes, format);
}

// Long format: one row per metric, so spreadsheets can pivot on any column.
void add_csv_rows(Table& table, const std::string& station, const model::AnalyticResult& r) {
  const std::string stable = r.stable ? "true" : "false";
  for (const auto& [name, value] : r.metrics.entries()) {
    table.add_row({station, "", r.model, r.method, stable, name, fmt::format("{}", value)});
  }
  for (const auto& c : r.classes) {
    for (const auto& [name, value] : c.metrics.entries()) {
      table.add_row({station, c.name, r.model, r.method, stable, name, fmt::format("{}", value)});
    }
  }
}

Table csv_table() {
  return Table({"station", "class", "model", "method", "stable", "metric", "value"});
}

}  // namespace

std::string headline(const model::AnalyticResult& result) {
  return fmt::format("{} — {}", result.model, result.method);
}

std::string params_line(const model::AnalyticResult& result) {
  std::string line;
  for (const auto& [name, value] : result.params) {
    if (!line.empty()) line += ", ";
    // Inputs are echoed exactly (shortest round-trip form): rounding 0.999999999 to "1" would
    // hide why the queue is nearly unstable.
    line += fmt::format("{} = {}", name, value);
  }
  return line;
}

namespace {

// At utilization exactly 1 the queue is null-recurrent: it has no linear growth rate (the
// rate is 0) yet still grows without bound, like the square root of time.
std::string growth_clause(double rate) {
  if (rate > 0.0) {
    return fmt::format(" grows by about {} customers per time unit", format_number(rate));
  }
  return " has no linear growth rate at utilization exactly 1 but still grows without bound "
         "(like the square root of time)";
}

}  // namespace

std::string instability_sentence(const model::AnalyticResult& result) {
  if (result.stable) return {};
  std::string sentence = "UNSTABLE: the offered load is at or above what the servers can carry";
  if (const auto u = result.metrics.get(model::metric::utilization)) {
    sentence += fmt::format(" (utilization {})", format_number(*u));
  }
  if (result.growth_rate) sentence += growth_clause(*result.growth_rate);
  return sentence + ". There is no steady state: L, Lq, W and Wq do not exist.";
}

std::string render_result(const model::AnalyticResult& result, Format format) {
  if (format == Format::Json) return to_json(result).dump(2) + "\n";
  if (format == Format::Csv) {
    Table table = csv_table();
    add_csv_rows(table, "", result);
    return table.to_csv();
  }
  std::ostringstream out;
  if (format == Format::Markdown) {
    out << "### " << headline(result) << "\n\n" << params_line(result) << "\n\n";
  } else {
    out << headline(result) << '\n' << params_line(result) << "\n\n";
  }
  write_result_body(out, result, format);
  return out.str();
}

json to_json(const model::Scenario& scenario, const model::ScenarioSolution& solution) {
  json out = json::object();
  out["scenario"] = scenario.name;
  out["time_unit"] = scenario.time_unit;
  out["kind"] = kind_name(solution.kind);
  json stations = json::array();
  for (std::size_t i = 0; i < solution.stations.size(); ++i) {
    const auto& s = solution.stations[i];
    json entry = json::object();
    entry["name"] = s.name;
    if (s.result) {
      entry["analytic"] = analytic_block(*s.result);
    } else {
      entry["reason"] = s.reason;
    }
    if (i < solution.visit_ratios.size()) entry["visits"] = solution.visit_ratios[i];
    stations.push_back(std::move(entry));
  }
  out["stations"] = stations;
  if (solution.network) {
    const auto& n = *solution.network;
    json network = json::object();
    network["method"] = n.method;
    network["stable"] = n.stable;
    network["metrics"] = to_json(n.metrics);
    if (n.growth_rate) network["growth_rate"] = *n.growth_rate;
    if (!n.classes.empty()) {
      json classes = json::array();
      for (const auto& c : n.classes)
        classes.push_back({{"name", c.name}, {"metrics", to_json(c.metrics)}});
      network["classes"] = classes;
    }
    if (n.bottleneck) network["bottleneck"] = *n.bottleneck;
    if (n.max_arrival_scaling) network["max_arrival_scaling"] = *n.max_arrival_scaling;
    if (!n.saturated.empty()) network["saturated"] = n.saturated;
    if (!n.notes.empty()) network["notes"] = n.notes;
    out["network"] = network;
  } else {
    out["network_reason"] = solution.network_reason;
  }
  if (solution.bounds) {
    const auto& b = *solution.bounds;
    json bounds = {{"total_demand", b.total_demand},
                   {"think_time", b.think_time},
                   {"max_demand", b.max_demand}};
    if (b.n_star) bounds["n_star"] = *b.n_star;
    if (b.bottleneck && *b.bottleneck < scenario.stations.size()) {
      bounds["bottleneck"] = scenario.stations[*b.bottleneck].name;
    }
    out["bounds"] = bounds;
  }
  if (solution.curves) {
    const auto& c = *solution.curves;
    out["curves"] = {{"throughput", c.throughput},
                     {"response_time", c.response_time},
                     {"cycle_time", c.cycle_time}};
  }
  if (!solution.notes.empty()) out["notes"] = solution.notes;
  return out;
}

namespace {

void write_closed_curves(std::ostringstream& out, const model::ScenarioSolution& solution,
                         Format format) {
  if (!solution.curves || solution.curves->size() == 0) return;
  const auto& c = *solution.curves;
  const std::size_t n_max = c.size();
  Table table({"n", "throughput X(n)", "response R(n)", "cycle time"});
  // About ten rows spread over 1..N, always including N.
  const std::size_t step = std::max<std::size_t>(1, n_max / 10);
  for (std::size_t n = 1; n <= n_max; n += step) {
    if (n_max - n < step && n != n_max) continue;
    table.add_row({std::to_string(n), format_number(c.throughput[n - 1]),
                   format_number(c.response_time[n - 1]), format_number(c.cycle_time[n - 1])});
  }
  if ((n_max - 1) % step != 0) {
    table.add_row({std::to_string(n_max), format_number(c.throughput[n_max - 1]),
                   format_number(c.response_time[n_max - 1]),
                   format_number(c.cycle_time[n_max - 1])});
  }
  out << (format == Format::Markdown ? "\n**Population curve (MVA)**\n\n"
                                     : "\nPopulation curve (MVA):\n");
  out << render_table(table, format);
  if (solution.bounds && solution.bounds->n_star) {
    out << fmt::format(
        "Asymptotic bounds: D = {}, Z = {}, D_max = {}; saturation population N* = {}.\n",
        format_number(solution.bounds->total_demand), format_number(solution.bounds->think_time),
        format_number(solution.bounds->max_demand), format_number(*solution.bounds->n_star));
  }
}

}  // namespace

std::string render_solution(const model::Scenario& scenario,
                            const model::ScenarioSolution& solution, Format format) {
  if (format == Format::Json) return to_json(scenario, solution).dump(2) + "\n";
  if (format == Format::Csv) {
    Table table = csv_table();
    for (const auto& s : solution.stations) {
      if (s.result) add_csv_rows(table, s.name, *s.result);
    }
    if (solution.network) {
      for (const auto& [name, value] : solution.network->metrics.entries()) {
        table.add_row({"(network)", "", "", solution.network->method,
                       solution.network->stable ? "true" : "false", name,
                       fmt::format("{}", value)});
      }
    }
    return table.to_csv();
  }
  const bool md = format == Format::Markdown;
  std::ostringstream out;
  out << (md ? "## " : "") << scenario.name << " — " << kind_sentence(solution.kind)
      << ", times in " << scenario.time_unit << "\n";
  for (std::size_t i = 0; i < solution.stations.size(); ++i) {
    const auto& s = solution.stations[i];
    out << '\n' << (md ? "### " : "") << "Station " << s.name;
    if (!s.result) {
      out << ": no analytic answer\n" << s.reason << '\n';
      continue;
    }
    out << ": " << headline(*s.result) << '\n' << params_line(*s.result);
    if (i < solution.visit_ratios.size()) {
      out << fmt::format(" (visits per customer: {})", format_number(solution.visit_ratios[i]));
    }
    out << "\n\n";
    write_result_body(out, *s.result, format);
  }
  out << '\n' << (md ? "### " : "");
  if (!solution.network) {
    out << "Network: no analytic answer\n" << solution.network_reason << '\n';
  } else {
    const auto& n = *solution.network;
    out << "Network: " << n.method << "\n\n";
    if (!n.stable) {
      out << "UNSTABLE: ";
      if (!n.saturated.empty()) {
        std::string names;
        for (const auto& s : n.saturated) names += (names.empty() ? "" : ", ") + s;
        out << "saturated station(s): " << names << ". ";
      }
      if (n.growth_rate) out << "The number in the system" << growth_clause(*n.growth_rate) << ". ";
      out << "No steady state exists.\n\n";
    }
    out << render_table(metrics_table(n.metrics, true), format);
    for (const auto& c : n.classes) {
      out << (md ? fmt::format("\n*Class {}*\n\n", c.name) : fmt::format("\nclass {}\n", c.name));
      out << render_table(metrics_table(c.metrics, true), format);
    }
    if (n.bottleneck) {
      out << "\nBottleneck: " << *n.bottleneck;
      if (n.max_arrival_scaling) {
        out << fmt::format("; all arrival rates can grow {}x before it saturates",
                           format_number(*n.max_arrival_scaling, 3));
      }
      out << ".\n";
    }
    write_notes(out, n.notes, format);
  }
  write_closed_curves(out, solution, format);
  write_notes(out, solution.notes, format);
  return out.str();
}

}  // namespace kendall::report
