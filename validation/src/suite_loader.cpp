// Long on purpose: one reader for the suite file format, with the check of every key next to
// the key it reads.

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "kendall/error.hpp"
#include "kendall/model/run_settings.hpp"
#include "kendall/model/scenario_loader.hpp"
#include "kendall/model/units.hpp"
#include "kendall/validation/statistics.hpp"
#include "kendall/validation/suite.hpp"

#ifndef KENDALL_VALIDATION_SUITES_DIR
#define KENDALL_VALIDATION_SUITES_DIR "validation/suites"
#endif

namespace kendall::validation {

namespace {

class SuiteReader {
 public:
  explicit SuiteReader(std::filesystem::path file) : file_(std::move(file)) {}

  Suite read() {
    YAML::Node root;
    try {
      root = YAML::LoadFile(file_.string());
    } catch (const YAML::BadFile&) {
      throw ScenarioError(file_.string(), 0, 0, "cannot read the suite file — does it exist?");
    } catch (const YAML::ParserException& e) {
      throw ScenarioError(file_.string(), e.mark.line + 1, e.mark.column + 1, e.msg);
    }
    if (!root.IsMap()) fail(root, "a suite is a mapping with title, description and cases");
    check_keys(root, {"title", "description", "cases"}, "suite");
    Suite suite;
    suite.file = file_;
    suite.name = file_.stem().string();
    suite.title = required_string(root, "title", "suite");
    suite.description = optional_string(root, "description");
    const YAML::Node cases = root["cases"];
    if (!cases || !cases.IsSequence() || cases.size() == 0)
      fail(root, "a suite needs a non-empty list 'cases'");
    std::set<std::string> ids;
    for (const auto& node : cases) {
      CaseSpec spec = read_case(node);
      if (!ids.insert(spec.id).second)
        fail(node["id"], fmt::format("duplicate case id '{}'", spec.id));
      suite.cases.push_back(std::move(spec));
    }
    return suite;
  }

 private:
  [[noreturn]] void fail(const YAML::Node& node, const std::string& message) const {
    const auto mark = node.Mark();
    throw ScenarioError(file_.string(), mark.line >= 0 ? mark.line + 1 : 0,
                        mark.column >= 0 ? mark.column + 1 : 0, message);
  }

  void check_keys(const YAML::Node& map, const std::set<std::string>& allowed,
                  const std::string& what) const {
    for (const auto& kv : map) {
      const std::string key = kv.first.as<std::string>();
      if (allowed.count(key) == 0) {
        std::string list;
        for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
        fail(kv.first,
             fmt::format("unknown key '{}' in {} — expected one of: {}", key, what, list));
      }
    }
  }

  std::string scalar(const YAML::Node& node, const std::string& what) const {
    if (!node.IsScalar()) fail(node, fmt::format("{} must be a single value", what));
    return node.Scalar();
  }

  std::string required_string(const YAML::Node& map, const std::string& key,
                              const std::string& what) const {
    const YAML::Node n = map[key];
    if (!n) fail(map, fmt::format("{} needs '{}'", what, key));
    return scalar(n, key);
  }

  std::string optional_string(const YAML::Node& map, const std::string& key) const {
    const YAML::Node n = map[key];
    return n ? scalar(n, key) : std::string();
  }

  double number(const YAML::Node& node, const std::string& what) const {
    try {
      return parse_printed_number(scalar(node, what));
    } catch (const InvalidParameter& e) {
      fail(node, fmt::format("{}: {}", what, e.what()));
    }
  }

  double fraction(const YAML::Node& node, const std::string& what) const {
    double v = 0.0;
    try {
      v = model::parse_fraction(scalar(node, what));
    } catch (const Error& e) {
      fail(node, fmt::format("{}: {}", what, e.what()));
    }
    if (!(v > 0.0))
      fail(node, fmt::format("{} must be positive (a fraction like 2% or 0.02)", what));
    return v;
  }

  std::uint64_t count(const YAML::Node& node, const std::string& what) const {
    const double v = number(node, what);
    if (!(v >= 1.0) || v != std::floor(v) || v > 1e18)
      fail(node, fmt::format("{} must be a whole number ≥ 1", what));
    return static_cast<std::uint64_t>(v);
  }

  bool boolean(const YAML::Node& node, const std::string& what) const {
    const std::string s = scalar(node, what);
    if (s == "true" || s == "yes") return true;
    if (s == "false" || s == "no") return false;
    fail(node, fmt::format("{} must be true or false", what));
  }

  std::vector<std::string> names(const YAML::Node& node, const std::string& what) const {
    std::vector<std::string> out;
    if (node.IsSequence()) {
      for (const auto& n : node) out.push_back(scalar(n, what));
    } else {
      out.push_back(scalar(node, what));
    }
    if (out.empty()) fail(node, fmt::format("{} is empty", what));
    return out;
  }

  CaseSpec read_case(const YAML::Node& node) {
    if (!node.IsMap()) fail(node, "each case is a mapping with id, title, ...");
    check_keys(node,
               {"id",
                "title",
                "description",
                "kind",
                "quick",
                "coverage",
                "coverage_control",
                "coverage_replications",
                "coverage_customers",
                "scenario",
                "scenario_file",
                "run",
                "reference",
                "source",
                "tolerance",
                "accuracy",
                "accuracy_source",
                "checks",
                "table",
                "params",
                "claims"},
               "case");
    CaseSpec spec;
    spec.id = required_string(node, "id", "a case");
    spec.title = required_string(node, "title", fmt::format("case '{}'", spec.id));
    spec.description = optional_string(node, "description");
    spec.source = optional_string(node, "source");
    spec.location = fmt::format("{}:{}", file_.string(), node.Mark().line + 1);
    const std::string what = fmt::format("case '{}'", spec.id);

    if (const auto k = node["kind"]) {
      const std::string kind = scalar(k, "kind");
      if (kind == "simulation") {
        spec.kind = CaseKind::Simulation;
      } else if (kind == "approximation") {
        spec.kind = CaseKind::Approximation;
      } else if (kind == "published") {
        spec.kind = CaseKind::Published;
      } else if (kind == "claims") {
        spec.kind = CaseKind::Claims;
      } else {
        fail(k, fmt::format(
                    "unknown kind '{}' — expected simulation, approximation, published or claims",
                    kind));
      }
    }
    if (const auto q = node["quick"]) spec.quick = boolean(q, "quick");
    if (const auto c = node["coverage"]) spec.coverage = boolean(c, "coverage");
    if (const auto c = node["coverage_control"])
      spec.coverage_control = boolean(c, "coverage_control");
    if (spec.coverage_control && !spec.coverage)
      fail(node, "coverage_control needs coverage: true");
    if (spec.coverage_control && spec.quick)
      fail(node, "a coverage control is not an ordinary case: it cannot be quick");
    if (const auto c = node["coverage_replications"]) {
      spec.coverage_replications = static_cast<std::uint32_t>(count(c, "coverage_replications"));
    }
    if (const auto c = node["coverage_customers"])
      spec.coverage_customers = count(c, "coverage_customers");

    read_scenario(node, spec);
    read_reference(node, spec);

    std::optional<double> tolerance;
    if (const auto t = node["tolerance"]) tolerance = fraction(t, "tolerance");
    if (const auto a = node["accuracy"]) spec.accuracy = fraction(a, "accuracy");
    spec.accuracy_source = optional_string(node, "accuracy_source");

    if (const auto checks = node["checks"]) {
      if (!checks.IsSequence()) fail(checks, "checks is a list");
      for (const auto& c : checks) read_check(c, spec, tolerance);
    }
    if (const auto t = node["table"]) {
      if (spec.kind != CaseKind::Published || spec.reference.kind != ReferenceSpec::Kind::Model) {
        fail(t, "a table is for published cases with reference: {model: ...}");
      }
      read_table(t, spec);
    }
    if (const auto params = node["params"]) {
      if (!params.IsMap()) fail(params, "params is a mapping name: number");
      for (const auto& kv : params)
        spec.params.emplace_back(kv.first.as<std::string>(), number(kv.second, "param"));
    }
    if (const auto claims = node["claims"]) {
      if (!claims.IsSequence()) fail(claims, "claims is a list");
      for (const auto& c : claims) read_claim(c, spec, tolerance);
    }

    // Consistency of the case as a whole.
    if (spec.checks.empty() && spec.claims.empty())
      fail(node, what + " has no checks and no claims");
    if (spec.kind == CaseKind::Published) {
      if (spec.reference.kind == ReferenceSpec::Kind::Values) {
        fail(node, what +
                       ": a published case compares the analytic library (reference: solver or a "
                       "model) with "
                       "the published values");
      }
      if (spec.source.empty())
        fail(node, what + ": a published case needs its source (book, table, page)");
      for (const auto& c : spec.checks) {
        if (!c.value)
          fail(node, what + ": every check of a published case needs the published value");
      }
    } else {
      if (!spec.scenario) fail(node, what + " needs a scenario (scenario: or scenario_file:)");
      if (!tolerance && std::any_of(spec.checks.begin(), spec.checks.end(),
                                    [](const Check& c) { return c.tolerance <= 0.0; })) {
        fail(node,
             what + " needs a tolerance (the largest acceptable relative half-width, e.g. 2%)");
      }
      if (spec.reference.kind == ReferenceSpec::Kind::Values) {
        if (spec.source.empty())
          fail(node, what + ": values in the suite need a source (by hand: say how)");
        for (const auto& c : spec.checks) {
          if (!c.value && !c.expect_unstable)
            fail(node, what + ": reference: values needs a value in every check");
        }
      }
    }
    if (spec.kind == CaseKind::Claims && spec.claims.empty())
      fail(node, what + ": a claims case needs claims");
    if (spec.kind != CaseKind::Claims && !spec.claims.empty())
      fail(node, what + ": claims need kind: claims");
    if (spec.kind != CaseKind::Approximation && spec.accuracy)
      fail(node, what + ": accuracy is for approximation cases");
    if (spec.accuracy && spec.accuracy_source.empty()) {
      fail(node, what + ": an accuracy needs accuracy_source (where that accuracy is documented)");
    }
    if (spec.coverage && spec.kind != CaseKind::Simulation) {
      fail(node,
           what + ": only simulation cases with exact references take part in the coverage study");
    }
    return spec;
  }

  void read_scenario(const YAML::Node& node, CaseSpec& spec) {
    const YAML::Node inline_node = node["scenario"];
    const YAML::Node file_node = node["scenario_file"];
    if (inline_node && file_node)
      fail(file_node, "give either scenario or scenario_file, not both");
    const auto dir = file_.parent_path();
    try {
      if (inline_node) {
        std::string text;
        if (inline_node.IsScalar()) {
          text = inline_node.Scalar();
        } else {
          YAML::Emitter emitter;
          emitter << inline_node;
          text = emitter.c_str();
        }
        spec.scenario =
            model::parse_scenario(text, fmt::format("{}#{}", file_.string(), spec.id), dir);
        spec.scenario_source = "inline";
      } else if (file_node) {
        const std::filesystem::path path = dir / scalar(file_node, "scenario_file");
        spec.scenario = model::load_scenario(path);
        // Shown relative to the repository root (suites live in <root>/validation/suites).
        const auto normal = path.lexically_normal();
        const auto rel =
            normal.lexically_relative(dir.parent_path().parent_path().lexically_normal());
        spec.scenario_source =
            (!rel.empty() && *rel.begin() != "..") ? rel.generic_string() : normal.generic_string();
      }
    } catch (const ScenarioError& e) {
      fail(inline_node ? inline_node : file_node,
           fmt::format("the scenario of case '{}' does not load:\n{}", spec.id, e.what()));
    }
    if (const auto run = node["run"]) {
      if (!spec.scenario) fail(run, "run overrides need a scenario");
      apply_run(run, *spec.scenario);
    }
  }

  void apply_run(const YAML::Node& run, model::Scenario& sc) const {
    if (!run.IsMap())
      fail(run, "run is a mapping (customers, horizon, replications, warmup, seed)");
    check_keys(run, {"customers", "horizon", "replications", "warmup", "seed"}, "run");
    if (const auto c = run["customers"]) {
      sc.run.customers = count(c, "customers");
      if (!run["horizon"]) sc.run.horizon.reset();
    }
    if (const auto h = run["horizon"]) {
      try {
        sc.run.horizon = model::parse_duration(scalar(h, "horizon"), sc.time_unit);
      } catch (const Error& e) {
        fail(h, e.what());
      }
      if (!run["customers"]) sc.run.customers.reset();
    }
    if (const auto r = run["replications"])
      sc.run.replications = static_cast<std::uint32_t>(count(r, "replications"));
    if (const auto s = run["seed"]) sc.run.seed = count(s, "seed");
    if (const auto w = run["warmup"]) {
      const std::string text = scalar(w, "warmup");
      std::optional<model::WarmupSpec> warmup;
      try {
        warmup = model::parse_warmup(text, sc.time_unit);
      } catch (const Error& e) {
        fail(w, e.what());
      }
      if (!warmup) fail(w, fmt::format("warmup is '{}' — expected {}", text, model::warmup_forms));
      sc.run.warmup = *warmup;
    }
  }

  void read_reference(const YAML::Node& node, CaseSpec& spec) {
    const YAML::Node ref = node["reference"];
    if (!ref) {
      spec.reference.kind = ReferenceSpec::Kind::Solver;
      return;
    }
    if (ref.IsScalar()) {
      const std::string s = ref.Scalar();
      if (s == "solver") {
        spec.reference.kind = ReferenceSpec::Kind::Solver;
      } else if (s == "values") {
        spec.reference.kind = ReferenceSpec::Kind::Values;
      } else {
        fail(ref,
             fmt::format(
                 "unknown reference '{}' — expected solver, values, or {{model: name, ...}}", s));
      }
      return;
    }
    if (!ref.IsMap() || !ref["model"])
      fail(ref, "reference is solver, values, or {model: name, arguments...}");
    spec.reference.kind = ReferenceSpec::Kind::Model;
    ModelCall& call = spec.reference.call;
    for (const auto& kv : ref) {
      const std::string key = kv.first.as<std::string>();
      if (key == "model") {
        call.name = scalar(kv.second, "model");
      } else if (key == "notation") {
        call.notation = scalar(kv.second, "notation");
      } else if (key == "classes") {
        if (!kv.second.IsSequence())
          fail(kv.second, "classes is a list of {name, lambda, service_mean, service_scv}");
        for (const auto& c : kv.second) {
          check_keys(c, {"name", "lambda", "service_mean", "service_scv"}, "class");
          model::PriorityClass pc;
          pc.name = required_string(c, "name", "a class");
          pc.lambda = number(c["lambda"], "lambda");
          pc.service_mean = number(c["service_mean"], "service_mean");
          pc.service_scv = c["service_scv"] ? number(c["service_scv"], "service_scv") : 1.0;
          call.classes.push_back(pc);
        }
      } else {
        call.args.emplace_back(key, number(kv.second, key));
      }
    }
  }

  void read_check(const YAML::Node& node, CaseSpec& spec,
                  const std::optional<double>& case_tolerance) {
    if (!node.IsMap()) fail(node, "each check is a mapping, e.g. {station: q, metrics: [L, W]}");
    check_keys(node,
               {"station", "network", "class", "metric", "metrics", "values", "value", "tolerance",
                "value_tolerance", "unstable", "exact", "note", "args"},
               "check");
    Check base;
    base.tolerance = case_tolerance.value_or(0.0);
    if (const auto t = node["tolerance"]) base.tolerance = fraction(t, "tolerance");
    base.note = optional_string(node, "note");
    if (const auto c = node["class"]) base.customer_class = scalar(c, "class");
    if (const auto u = node["unstable"]) base.expect_unstable = boolean(u, "unstable");
    if (const auto e = node["exact"]) base.exact = boolean(e, "exact");
    if (base.exact && spec.kind != CaseKind::Approximation)
      fail(node, "exact: true is for approximation cases");
    if (const auto a = node["args"]) {
      if (spec.kind != CaseKind::Published || spec.reference.kind != ReferenceSpec::Kind::Model) {
        fail(a, "args are for published cases with reference: {model: ...}");
      }
      if (!a.IsMap()) fail(a, "args is a mapping name: number");
      for (const auto& kv : a)
        base.args.emplace_back(kv.first.as<std::string>(), number(kv.second, "arg"));
    }

    std::vector<std::string> metrics;
    if (const auto n = node["network"]) {
      if (node["station"]) fail(n, "a check is about a station or the network, not both");
      // `network: []` with values: the metrics come from the values.
      if (!(n.IsSequence() && n.size() == 0)) metrics = names(n, "network");
    } else if (const auto s = node["station"]) {
      base.station = scalar(s, "station");
    } else if (spec.kind != CaseKind::Published) {
      fail(node, "a check names a station (station: name) or the network (network: [metrics])");
    }
    if (const auto m = node["metric"]) {
      const auto more = names(m, "metric");
      metrics.insert(metrics.end(), more.begin(), more.end());
    }
    if (const auto m = node["metrics"]) {
      const auto more = names(m, "metrics");
      metrics.insert(metrics.end(), more.begin(), more.end());
    }
    std::vector<std::pair<std::string, YAML::Node>> values;
    if (const auto v = node["values"]) {
      if (!v.IsMap()) fail(v, "values is a mapping metric: value");
      for (const auto& kv : v) values.emplace_back(kv.first.as<std::string>(), kv.second);
    }
    if (const auto v = node["value"]) {
      if (metrics.size() != 1) fail(v, "value goes with exactly one metric");
      values.emplace_back(metrics.front(), v);
      metrics.clear();
    }
    if (base.expect_unstable && metrics.empty() && values.empty()) metrics.push_back("growth_rate");
    if (metrics.empty() && values.empty())
      fail(node, "the check names no metric (metric:, metrics: or values:)");
    std::optional<double> value_tolerance;
    if (const auto vt = node["value_tolerance"]) {
      value_tolerance = number(vt, "value_tolerance");
      if (base.note.empty())
        fail(vt,
             "a value_tolerance other than half a unit in the last digit needs a note saying why");
    }
    for (const auto& m : metrics) {
      Check c = base;
      c.metric = m;
      spec.checks.push_back(c);
    }
    for (const auto& [m, v] : values) {
      Check c = base;
      c.metric = m;
      c.value_text = scalar(v, m);
      c.value = number(v, m);
      c.value_tolerance = value_tolerance.value_or(half_unit_in_last_digit(c.value_text));
      spec.checks.push_back(c);
    }
  }

  // A printed table: each row sets `row` (its first entry), each column sets `column`; the
  // other entries are the printed values of `metric`, written as strings to keep their digits.
  void read_table(const YAML::Node& node, CaseSpec& spec) {
    if (!node.IsMap()) fail(node, "table is a mapping: row, column, columns, metric, rows");
    check_keys(node, {"row", "column", "columns", "metric", "rows", "note"}, "table");
    const std::string row_arg = required_string(node, "row", "a table");
    const std::string column_arg = required_string(node, "column", "a table");
    const std::string metric = required_string(node, "metric", "a table");
    const std::string note = optional_string(node, "note");
    const YAML::Node columns = node["columns"];
    const YAML::Node rows = node["rows"];
    if (!columns || !columns.IsSequence() || columns.size() == 0)
      fail(node, "a table needs a list of columns");
    if (!rows || !rows.IsSequence() || rows.size() == 0) fail(node, "a table needs a list of rows");
    std::vector<double> column_values;
    for (const auto& c : columns) column_values.push_back(number(c, "column"));
    for (const auto& r : rows) {
      if (!r.IsSequence() || r.size() != column_values.size() + 1) {
        fail(r, fmt::format("each row is [{}, then {} printed values]", row_arg,
                            column_values.size()));
      }
      const double row_value = number(r[0], row_arg);
      for (std::size_t i = 0; i < column_values.size(); ++i) {
        Check c;
        c.metric = metric;
        c.note = note;
        c.args = {{row_arg, row_value}, {column_arg, column_values[i]}};
        c.value_text = scalar(r[i + 1], metric);
        c.value = number(r[i + 1], metric);
        c.value_tolerance = half_unit_in_last_digit(c.value_text);
        spec.checks.push_back(std::move(c));
      }
    }
  }

  void read_claim(const YAML::Node& node, CaseSpec& spec,
                  const std::optional<double>& case_tolerance) {
    if (!node.IsMap())
      fail(node,
           "each claim is a mapping (display, formula, station, metric, expect, explanation)");
    check_keys(node,
               {"display", "formula", "station", "metric", "expect", "explanation", "tolerance"},
               "claim");
    Claim c;
    c.display = required_string(node, "display", "a claim");
    c.formula = required_string(node, "formula", "a claim");
    c.station = optional_string(node, "station");
    c.metric = required_string(node, "metric", "a claim");
    c.explanation = optional_string(node, "explanation");
    const std::string expect = required_string(node, "expect", "a claim");
    if (expect == "holds") {
      c.expect_holds = true;
    } else if (expect == "fails") {
      c.expect_holds = false;
    } else {
      fail(node["expect"], "expect is holds or fails");
    }
    c.tolerance = case_tolerance.value_or(0.02);
    if (const auto t = node["tolerance"]) c.tolerance = fraction(t, "tolerance");
    spec.claims.push_back(c);
  }

  std::filesystem::path file_;
};

}  // namespace

const char* to_string(CaseKind kind) {
  switch (kind) {
    case CaseKind::Simulation:
      return "simulation";
    case CaseKind::Approximation:
      return "approximation";
    case CaseKind::Published:
      return "published";
    case CaseKind::Claims:
      return "claims";
  }
  return "?";
}

std::string Check::label() const {
  std::string prefix;
  for (const auto& [k, v] : args)
    prefix += fmt::format("{}{} = {}", prefix.empty() ? "" : ", ", k, v);
  if (!prefix.empty()) prefix += ": ";
  if (station.empty() && !args.empty()) return prefix + metric;
  std::string where = station.empty() ? "network" : station;
  if (!customer_class.empty()) where += "[" + customer_class + "]";
  return prefix + where + "." + metric;
}

Suite load_suite(const std::filesystem::path& file) { return SuiteReader(file).read(); }

std::vector<std::filesystem::path> find_suite_files(const std::filesystem::path& directory) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(directory, ec)) {
    if (entry.is_regular_file() && entry.path().extension() == ".yaml")
      files.push_back(entry.path());
  }
  if (ec)
    throw InvalidParameter(
        fmt::format("cannot list the suites in '{}': {}", directory.string(), ec.message()));
  std::sort(files.begin(), files.end());
  return files;
}

std::filesystem::path default_suites_directory() {
  if (const char* env = std::getenv("KENDALL_VALIDATION_SUITES"); env != nullptr && *env != '\0')
    return env;
  return KENDALL_VALIDATION_SUITES_DIR;
}

std::filesystem::path resolve_suite(const std::string& name_or_path,
                                    const std::filesystem::path& directory) {
  std::error_code ec;
  if (std::filesystem::is_regular_file(name_or_path, ec)) return name_or_path;
  const auto candidate = directory / (name_or_path + ".yaml");
  if (std::filesystem::is_regular_file(candidate, ec)) return candidate;
  std::string names;
  for (const auto& f : find_suite_files(directory))
    names += (names.empty() ? "" : ", ") + f.stem().string();
  throw InvalidParameter(fmt::format("no suite '{}' (suites in {}: {})", name_or_path,
                                     directory.string(), names.empty() ? "none" : names));
}

}  // namespace kendall::validation
