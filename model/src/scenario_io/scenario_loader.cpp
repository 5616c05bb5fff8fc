#include "kendall/model/scenario_loader.hpp"

#include <algorithm>
#include <deque>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include "kendall/model/scenario_validation.hpp"
#include "kendall/model/units.hpp"

#include "keywords.hpp"
#include "read_context.hpp"
#include "read_sections.hpp"
#include "read_slo.hpp"
#include "suggest.hpp"

namespace kendall::model {

namespace {

/// More than this many problems are summarised: the rest are usually consequences.
constexpr std::size_t max_reported_problems = 50;

std::vector<ScenarioLoadError::Problem> at_least_one(
    std::vector<ScenarioLoadError::Problem> problems) {
  if (problems.empty()) problems.push_back({"", 0, 0, "invalid scenario"});
  return problems;
}

}  // namespace

std::string ScenarioLoadError::Problem::to_string() const {
  if (line <= 0) return fmt::format("{}: {}", file, message);
  if (column <= 0) return fmt::format("{}:{}: {}", file, line, message);
  return fmt::format("{}:{}:{}: {}", file, line, column, message);
}

ScenarioLoadError::ScenarioLoadError(std::vector<Problem> problems)
    : ScenarioLoadError(at_least_one(std::move(problems)), 0) {}

ScenarioLoadError::ScenarioLoadError(std::vector<Problem> problems, int /*tag*/)
    : ScenarioError(problems.front().file, problems.front().line, problems.front().column,
                    problems.front().message),
      problems_(std::move(problems)) {
  for (const auto& p : problems_) {
    if (!all_.empty()) all_ += '\n';
    all_ += p.to_string();
  }
}

namespace {

using detail::Entry;
using detail::KeyPath;
using detail::MapReader;
using detail::ReadContext;

const std::vector<std::string> top_keys = {"name",       "description", "time_unit", "classes",
                                           "population", "start",       "arrivals",  "stations",
                                           "run",        "slo",         "cost"};

const std::vector<std::pair<std::string, std::string>> top_hints = {
    {"units", "did you mean 'time_unit'?"},
    {"unit", "did you mean 'time_unit'?"},
    {"timeunit", "did you mean 'time_unit'?"},
    {"queues", "did you mean 'stations'?"},
    {"nodes", "did you mean 'stations'?"},
    {"customers",
     "'customers' belongs in the run: section (or population: N for a closed network)"},
    {"replications", "'replications' belongs in the run: section"},
    {"seed", "'seed' belongs in the run: section"},
    {"warmup", "'warmup' belongs in the run: section"},
    {"horizon", "'horizon' belongs in the run: section"},
    {"confidence", "'confidence' belongs in the run: section"},
    {"routing", "routing is given per station, with next:"},
};

[[noreturn]] void throw_problems(const ReadContext& ctx) {
  std::vector<ScenarioLoadError::Problem> problems;
  for (const auto& issue : ctx.issues()) {
    problems.push_back({issue.file, issue.line, issue.column, issue.message});
  }
  const std::string& source = ctx.source();
  std::stable_sort(problems.begin(), problems.end(), [&source](const auto& a, const auto& b) {
    const bool a_other = a.file != source;
    const bool b_other = b.file != source;
    if (a_other != b_other) return !a_other;
    if (a.line != b.line) return a.line < b.line;
    return a.column < b.column;
  });
  if (problems.size() > max_reported_problems) {
    const std::size_t more = problems.size() - max_reported_problems;
    problems.resize(max_reported_problems);
    problems.push_back({source, 0, 0, fmt::format("... and {} more problems", more)});
  }
  throw ScenarioLoadError(std::move(problems));
}

std::string line_of(std::string_view text, int line_index) {
  std::size_t start = 0;
  for (int i = 0; i < line_index; ++i) {
    start = text.find('\n', start);
    if (start == std::string_view::npos) return {};
    ++start;
  }
  const std::size_t end = text.find('\n', start);
  return std::string(
      text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
}

/// yaml-cpp's syntax message with a hint for the commonest causes.
std::string syntax_message(std::string_view yaml, const YAML::Exception& e) {
  std::string hint = "expected well-formed YAML (check indentation, brackets and quotes)";
  const std::string line = e.mark.is_null() ? std::string{} : line_of(yaml, e.mark.line);
  const std::string previous =
      e.mark.is_null() || e.mark.line == 0 ? std::string{} : line_of(yaml, e.mark.line - 1);
  const auto leading_tab = [](const std::string& l) {
    for (char c : l) {
      if (c == '\t') return true;
      if (c != ' ') return false;
    }
    return false;
  };
  if (leading_tab(line) || leading_tab(previous))
    hint = "expected spaces for indentation (YAML does not allow tabs)";
  return fmt::format("YAML syntax error: {} — {}", e.msg, hint);
}

/// Where the first `limit` YAML documents of `yaml` start. yaml-cpp's own YAML::LoadAll must
/// not be used: on a stray ',' outside a flow collection its parser yields empty documents
/// for ever without consuming input (yaml-cpp 0.7), so LoadAll never returns.
std::vector<YAML::Mark> document_starts(std::string_view yaml, std::size_t limit) {
  struct StartRecorder : YAML::EventHandler {
    std::vector<YAML::Mark> starts;
    void OnDocumentStart(const YAML::Mark& mark) override { starts.push_back(mark); }
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
    void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
    void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  const std::string&) override {}
    void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                         YAML::EmitterStyle::value) override {}
    void OnSequenceEnd() override {}
    void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                    YAML::EmitterStyle::value) override {}
    void OnMapEnd() override {}
  } recorder;
  std::istringstream in{std::string(yaml)};
  YAML::Parser parser(in);
  for (std::size_t n = 0; n < limit && parser.HandleNextDocument(recorder); ++n) {
  }
  return recorder.starts;
}

std::string trimmed_line(std::string_view yaml, int line_index) {
  std::string line = line_of(yaml, line_index);
  const auto first = line.find_first_not_of(" \t\r");
  if (first == std::string::npos) return {};
  const auto last = line.find_last_not_of(" \t\r");
  return line.substr(first, last - first + 1);
}

/// Reads the scenario's structure; every problem goes to ctx. Per-class coverage is filled
/// for the completeness check.
Scenario read_structure(ReadContext& ctx, const YAML::Node& root,
                        std::vector<detail::PerClassCoverage>& coverage) {
  Scenario s;
  s.source_file = ctx.source();
  const Entry root_entry{"", root, root.Mark(), root.Mark(), {}};
  MapReader top(ctx, root_entry, "the scenario", top_keys, top_hints);
  if (!top.is_map()) return s;

  if (const auto e = top.require("name", "a short title, e.g. name: Checkout API at peak")) {
    if (const auto name = detail::read_text(ctx, *e, "a short title")) {
      s.name = *name;
      if (s.name.empty()) ctx.error(e->mark, "name is empty — expected a short title");
    }
  }
  if (const auto e = top.get("description")) {
    if (const auto text = detail::read_text(ctx, *e, "a text")) s.description = *text;
  }
  if (const auto e = top.get("time_unit")) {
    if (const auto text = detail::read_text(ctx, *e, "a time unit")) {
      if (const auto unit = canonical_time_unit(*text)) {
        s.time_unit = std::string(*unit);
      } else {
        try {
          (void)time_unit_seconds(*text);
        } catch (const std::exception& err) {
          ctx.error(e->mark, fmt::format("time_unit: {}", err.what()));
        }
      }
    }
  }
  ctx.time_unit = s.time_unit;
  s.seconds_per_unit = time_unit_seconds(s.time_unit);

  if (const auto e = top.get("classes")) {
    if (auto classes = detail::read_classes(ctx, *e)) {
      s.classes = std::move(*classes);
      ctx.declared_classes.clear();
      for (const auto& c : s.classes) ctx.declared_classes.push_back(c.name);
      ctx.class_names = ctx.declared_classes;
    } else {
      // Keep reading with the classes that could be named, so that references resolve
      // (reserved names excluded: they would turn distributions into per-class mappings).
      ctx.declared_classes.clear();
      const auto usable = [](const std::string& name) {
        const auto reserved = [&name](const std::vector<std::string>& words) {
          return std::find(words.begin(), words.end(), name) != words.end();
        };
        return !name.empty() && !reserved(detail::distribution_keys()) &&
               !reserved(detail::routing_keywords());
      };
      if (e->value.IsSequence()) {
        for (const auto& item : e->value) {
          if (item.IsScalar() && usable(item.Scalar()))
            ctx.declared_classes.push_back(item.Scalar());
          if (const auto name = detail::scalar_at(item, "name"); name && usable(*name)) {
            ctx.declared_classes.push_back(*name);
          }
        }
      }
      if (!ctx.declared_classes.empty()) ctx.class_names = ctx.declared_classes;
    }
  }

  const auto stations_entry =
      top.require("stations", "a list of stations, each with a name and a service");
  ctx.stations_known = stations_entry && stations_entry->value.IsSequence();
  if (ctx.stations_known) {
    for (const auto& item : stations_entry->value) {
      ctx.station_names.push_back(detail::scalar_at(item, "name").value_or(std::string{}));
    }
  }
  if (stations_entry) {
    if (const auto items =
            detail::read_list(ctx, *stations_entry, "stations, each with a name and a service")) {
      if (items->empty())
        ctx.error(stations_entry->mark, "stations is empty — expected at least one station");
      coverage.resize(items->size());
      for (std::size_t i = 0; i < items->size(); ++i) {
        if (auto st = detail::read_station(ctx, (*items)[i], i, coverage[i]))
          s.stations.push_back(std::move(*st));
      }
    }
  }

  const auto population_entry = top.get("population");
  if (population_entry) s.population = detail::read_count(ctx, *population_entry, 1);
  if (const auto e = top.get("start")) {
    if (!population_entry) {
      ctx.error(
          e->mark,
          "start is only used by a closed network — expected population: N with it, or no start");
    } else if (const auto station = detail::read_station_ref(ctx, *e)) {
      s.population_start = *station;
    }
  }
  if (population_entry && top.get("classes")) {
    ctx.error(top.get("classes")->mark,
              "a closed network (population) has a single customer class — "
              "expected no classes section with population");
  }
  if (const auto e = top.get("arrivals")) {
    if (population_entry) {
      ctx.error(e->mark,
                "a closed network (population) has no arrivals — expected either population "
                "or arrivals, not both");
    } else if (const auto items =
                   detail::read_list(ctx, *e, "arrival streams, e.g. [{to: api, rate: 120/s}]")) {
      for (const auto& item : *items) {
        if (auto a = detail::read_arrival(ctx, item)) {
          s.arrivals.push_back(std::move(*a));
          const YAML::Node& fields = item.value;
          const YAML::Node rate_node = fields.IsMap() ? fields["rate"] : YAML::Node();
          const Entry rate =
              detail::child(item, "rate", rate_node, rate_node ? rate_node.Mark() : item.mark);
          if (rate_node && detail::is_uncertain_rate(rate)) {
            if (auto range = detail::read_rate_range(ctx, rate)) {
              range->arrival = s.arrivals.size() - 1;
              s.rate_ranges.push_back(*range);
            }
          }
        }
      }
    }
  }
  if (const auto e = top.get("run")) {
    if (auto run = detail::read_run(ctx, *e)) s.run = std::move(*run);
  }
  if (const auto e = top.get("slo")) {
    if (auto slos = detail::read_slos(ctx, *e)) s.slos = std::move(*slos);
  }
  if (const auto e = top.get("cost")) s.cost = detail::read_cost(ctx, *e, ctx.station_names.size());
  return s;
}

/// A class may leave out stations it never visits in per-class service and next; one that
/// does visit a station needs both there.
void check_per_class_coverage(ReadContext& ctx, const Scenario& s,
                              const std::vector<detail::PerClassCoverage>& coverage) {
  for (std::size_t c = 0; c < s.classes.size(); ++c) {
    std::vector<bool> seen(s.stations.size(), false);
    std::deque<std::size_t> queue;
    const auto visit = [&](std::size_t i) {
      if (i < s.stations.size() && !seen[i]) {
        seen[i] = true;
        queue.push_back(i);
      }
    };
    if (s.is_closed()) {
      if (c == 0) visit(s.population_start);
    } else {
      for (const auto& a : s.arrivals) {
        if (a.customer_class == c) visit(a.station);
      }
      for (std::size_t i = 0; i < s.stations.size(); ++i) {
        if (c < s.stations[i].backlog.size() && s.stations[i].backlog[c] > 0) visit(i);
      }
    }
    while (!queue.empty()) {
      const std::size_t i = queue.front();
      queue.pop_front();
      const auto& st = s.stations[i];
      if (!coverage[i].service_given[c]) {
        ctx.error(
            coverage[i].service_mark,
            fmt::format("service is given per class but not for class '{}', which reaches "
                        "station '{}' — expected a distribution for every class that visits it",
                        s.classes[c].name, st.name));
      }
      if (!coverage[i].routing_given[c]) {
        ctx.error(coverage[i].next_mark,
                  fmt::format(
                      "next is given per class but not for class '{}', which reaches station "
                      "'{}' — expected an entry for every class that visits it ({}: exit to leave)",
                      s.classes[c].name, st.name, s.classes[c].name));
        continue;
      }
      for (const auto& t : st.routing[c].targets) {
        if (t.station &&
            (st.routing[c].policy != RoutingPolicy::Probabilistic || t.probability > 0.0)) {
          visit(*t.station);
        }
      }
    }
  }
}

LoadedScenario parse_impl(std::string_view yaml, std::string source_name,
                          std::filesystem::path base_directory) {
  if (base_directory.empty()) base_directory = std::filesystem::path(source_name).parent_path();
  ReadContext ctx(source_name, base_directory);
  YAML::Node root;
  std::vector<YAML::Mark> starts;
  try {
    root = YAML::Load(std::string(yaml));
    starts = document_starts(yaml, 2);
  } catch (const YAML::Exception& e) {
    const int line = e.mark.is_null() ? 0 : e.mark.line + 1;
    const int column = e.mark.is_null() ? 0 : e.mark.column + 1;
    throw ScenarioLoadError({{source_name, line, column, syntax_message(yaml, e)}});
  }
  const auto at = [&source_name](const YAML::Mark& m, std::string message) {
    return ScenarioLoadError({{source_name, m.line + 1, m.column + 1, std::move(message)}});
  };
  if (!root.IsDefined() || root.IsNull()) {
    // yaml-cpp reads a document that starts with stray text such as ',' as empty; say so
    // rather than calling a file with content empty.
    const std::string content =
        starts.empty() ? std::string{} : trimmed_line(yaml, starts.front().line);
    if (!content.empty() && content.front() != '#' && content != "---" && content != "...") {
      throw at(starts.front(),
               fmt::format("YAML syntax error: '{}' cannot start a YAML document — expected "
                           "a mapping of keys such as name: and stations:",
                           content));
    }
    throw ScenarioLoadError(
        {{source_name, 0, 0,
          "the scenario is empty — expected a YAML mapping with at least name: and stations:"}});
  }
  if (starts.size() > 1) {
    const std::string content = trimmed_line(yaml, starts[1].line);
    if (content.rfind("---", 0) == 0) {
      throw at(starts[1],
               "the file holds more than one YAML document — expected a single scenario (remove "
               "the '---' separator)");
    }
    throw at(starts[1],
             fmt::format("YAML syntax error: '{}' after the end of the scenario — expected nothing "
                         "more (one scenario per file)",
                         content));
  }
  std::vector<detail::PerClassCoverage> coverage;
  Scenario scenario = read_structure(ctx, root, coverage);
  if (ctx.error_count() > 0) throw_problems(ctx);

  check_per_class_coverage(ctx, scenario, coverage);
  if (ctx.error_count() > 0) throw_problems(ctx);

  LoadedScenario loaded;
  for (const Diagnostic& d : validate_scenario(scenario)) {
    const YAML::Mark m = ctx.position(d.keys);
    if (d.is_error()) {
      ctx.error(m, d.message);
    } else {
      ScenarioLoadError::Problem p{source_name, m.is_null() ? 0 : m.line + 1,
                                   m.is_null() ? 0 : m.column + 1, "warning: " + d.message};
      loaded.warnings.push_back(p.to_string());
    }
  }
  if (ctx.error_count() > 0) throw_problems(ctx);
  loaded.scenario = std::move(scenario);
  return loaded;
}

std::string read_file(const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    throw ScenarioLoadError(
        {{path.string(), 0, 0, "is a directory — expected a scenario file (.yaml)"}});
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw ScenarioLoadError(
        {{path.string(), 0, 0,
          std::filesystem::exists(path, ec)
              ? "cannot read the file — expected a readable scenario file"
              : "no such file — expected the path of a scenario file (.yaml)"}});
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

Scenario load_scenario(const std::filesystem::path& path) {
  return load_scenario_with_warnings(path).scenario;
}

Scenario parse_scenario(std::string_view yaml, std::string source_name,
                        const std::filesystem::path& base_directory) {
  return parse_impl(yaml, std::move(source_name), base_directory).scenario;
}

LoadedScenario load_scenario_with_warnings(const std::filesystem::path& path) {
  const std::string text = read_file(path);
  return parse_impl(text, path.string(), path.parent_path());
}

LoadedScenario parse_scenario_with_warnings(std::string_view yaml, std::string source_name,
                                            const std::filesystem::path& base_directory) {
  return parse_impl(yaml, std::move(source_name), base_directory);
}

}  // namespace kendall::model
