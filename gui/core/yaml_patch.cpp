#include "core/yaml_patch.h"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "kendall/model/scenario_loader.hpp"
#include "kendall/model/units.hpp"
#include "kendall/planner/quantity.hpp"

namespace kendall::gui {

namespace {

struct ScalarChange {
  std::vector<std::string> path;  // keys; list items as decimal indices
  std::string value;
};

std::string countText(std::optional<std::uint64_t> v) {
  return v ? std::to_string(*v) : std::string("inf");
}

std::string shortest(double v) { return fmt::format("{}", v); }

// Parameter keys of one distribution as the file may spell them, with their new text.
std::vector<std::pair<std::string, std::string>> distributionKeys(const model::DistributionSpec& d,
                                                                  const std::string& unit) {
  using namespace model;
  std::vector<std::pair<std::string, std::string>> keys;
  std::visit(
      [&](const auto& x) {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, dist::Exponential>) {
          keys = {{"rate", format_rate(x.rate, unit)},
                  {"mean", format_duration(1.0 / x.rate, unit)}};
        } else if constexpr (std::is_same_v<T, dist::Deterministic>) {
          keys = {{"value", format_duration(x.value, unit)},
                  {"mean", format_duration(x.value, unit)}};
        } else if constexpr (std::is_same_v<T, dist::Erlang>) {
          keys = {{"k", std::to_string(x.k)}, {"mean", format_duration(x.mean, unit)}};
        } else if constexpr (std::is_same_v<T, dist::Gamma>) {
          keys = {{"shape", shortest(x.shape)}, {"scale", format_duration(x.scale, unit)}};
        } else if constexpr (std::is_same_v<T, dist::Lognormal>) {
          keys = {{"mean", format_duration(x.mean, unit)}, {"scv", shortest(x.scv)}};
        } else if constexpr (std::is_same_v<T, dist::Uniform>) {
          keys = {{"low", format_duration(x.low, unit)}, {"high", format_duration(x.high, unit)}};
        } else if constexpr (std::is_same_v<T, dist::Weibull>) {
          keys = {{"shape", shortest(x.shape)}, {"scale", format_duration(x.scale, unit)}};
        } else if constexpr (std::is_same_v<T, dist::Hyperexponential>) {
          const double m = model::mean(d);
          keys = {{"mean", format_duration(m, unit)}, {"scv", shortest(model::scv(d))}};
        }
      },
      d);
  return keys;
}

std::string warmupText(const model::WarmupSpec& w, const std::string& unit) {
  switch (w.kind) {
    case model::WarmupSpec::Kind::Auto:
      return "auto";
    case model::WarmupSpec::Kind::None:
      return "none";
    case model::WarmupSpec::Kind::Customers:
      return shortest(w.amount);
    case model::WarmupSpec::Kind::Time:
      return model::format_duration(w.amount, unit);
  }
  return "auto";
}

// Finds the scalar node at `path` and the byte range of its text in the source.
std::optional<std::pair<std::size_t, std::size_t>> scalarRange(
    const std::string& text, const YAML::Node& root, const std::vector<std::string>& path) {
  YAML::Node node = root;
  for (const std::string& key : path) {
    if (node.IsSequence()) {
      const std::size_t i = std::stoul(key);
      if (i >= node.size()) return std::nullopt;
      node = node[i];
    } else if (node.IsMap()) {
      YAML::Node child = node[key];
      if (!child) return std::nullopt;
      node = child;
    } else {
      return std::nullopt;
    }
  }
  if (!node.IsScalar()) return std::nullopt;
  const YAML::Mark mark = node.Mark();
  if (mark.pos < 0) return std::nullopt;
  const auto pos = static_cast<std::size_t>(mark.pos);
  const std::string& scalar = node.Scalar();
  // Only plain (unquoted) scalars whose source is exactly their value are patched.
  if (text.compare(pos, scalar.size(), scalar) != 0) return std::nullopt;
  return std::make_pair(pos, scalar.size());
}

// The scalars that differ, under the key names the file already uses.
std::optional<std::vector<ScalarChange>> scalarChanges(const YAML::Node& root,
                                                       const model::Scenario& a,
                                                       const model::Scenario& b) {
  std::vector<ScalarChange> changes;
  if (a.stations.size() != b.stations.size() || a.arrivals.size() != b.arrivals.size()) {
    return std::nullopt;
  }
  const std::string& unit = b.time_unit;
  for (std::size_t i = 0; i < b.stations.size(); ++i) {
    const auto& s = a.stations[i];
    const auto& t = b.stations[i];
    const std::string idx = std::to_string(i);
    if (s.servers != t.servers)
      changes.push_back({{"stations", idx, "servers"}, countText(t.servers)});
    if (s.capacity != t.capacity)
      changes.push_back({{"stations", idx, "capacity"}, countText(t.capacity)});
    if (s.discipline != t.discipline) {
      changes.push_back(
          {{"stations", idx, "discipline"}, std::string(model::discipline_name(t.discipline))});
    }
    if (s.service != t.service) {
      if (t.service.empty() || s.service.empty() || s.service[0].index() != t.service[0].index()) {
        return std::nullopt;
      }
      YAML::Node service = root["stations"][i]["service"];
      if (!service || !service.IsMap() || !service["dist"]) return std::nullopt;
      for (const auto& [key, value] : distributionKeys(t.service[0], unit)) {
        if (service[key]) changes.push_back({{"stations", idx, "service", key}, value});
      }
    }
  }
  for (std::size_t i = 0; i < b.arrivals.size(); ++i) {
    if (a.arrivals[i].interarrival != b.arrivals[i].interarrival) {
      const auto* e = std::get_if<model::dist::Exponential>(&b.arrivals[i].interarrival);
      if (!e) return std::nullopt;
      changes.push_back(
          {{"arrivals", std::to_string(i), "rate"}, model::format_rate(e->rate, unit)});
    }
  }
  // SLO bounds (the form edits only the bound; any other SLO change goes to the writer).
  if (a.slos.size() != b.slos.size()) return std::nullopt;
  for (std::size_t k = 0; k < b.slos.size(); ++k) {
    const auto& x = a.slos[k];
    const auto& y = b.slos[k];
    if (x.bound == y.bound) continue;
    const std::string item = std::to_string(k);
    const std::string text = planner::quantity_of(y.metric) == planner::Quantity::Time
                                 ? model::format_duration(y.bound, unit)
                                 : shortest(y.bound);
    if (y.metric == "service_level")
      changes.push_back({{"slo", item, "service_level", "share"}, text});
    else
      changes.push_back({{"slo", item, y.upper_bound ? "below" : "above"}, text});
  }
  const auto& r = a.run;
  const auto& q = b.run;
  if (r.replications != q.replications)
    changes.push_back({{"run", "replications"}, std::to_string(q.replications)});
  if (r.seed != q.seed) changes.push_back({{"run", "seed"}, std::to_string(q.seed)});
  if (r.customers != q.customers) {
    if (!q.customers) return std::nullopt;
    changes.push_back({{"run", "customers"}, std::to_string(*q.customers)});
  }
  if (r.horizon != q.horizon) {
    if (!q.horizon) return std::nullopt;
    changes.push_back({{"run", "horizon"}, model::format_duration(*q.horizon, unit)});
  }
  if (r.warmup != q.warmup) changes.push_back({{"run", "warmup"}, warmupText(q.warmup, unit)});
  return changes;
}

}  // namespace

std::optional<std::string> patchScenarioText(const std::string& text, const model::Scenario& before,
                                             const model::Scenario& after) {
  try {
    const YAML::Node root = YAML::Load(text);
    const auto changes = scalarChanges(root, before, after);
    if (!changes || changes->empty()) return std::nullopt;
    struct Edit {
      std::size_t pos, length;
      std::string value;
    };
    std::vector<Edit> edits;
    for (const ScalarChange& c : *changes) {
      const auto range = scalarRange(text, root, c.path);
      if (!range) return std::nullopt;
      edits.push_back({range->first, range->second, c.value});
    }
    // Apply from the end so that earlier offsets stay valid.
    std::sort(edits.begin(), edits.end(),
              [](const Edit& x, const Edit& y) { return x.pos > y.pos; });
    std::string patched = text;
    for (const Edit& e : edits) patched.replace(e.pos, e.length, e.value);
    model::Scenario check = model::parse_scenario(
        patched, after.source_file.empty() ? "scenario.yaml" : after.source_file);
    check.source_file = after.source_file;
    if (!(check == after)) return std::nullopt;
    return patched;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

FieldLocation locateLine(const std::string& text, int line) {
  FieldLocation best;
  try {
    const YAML::Node root = YAML::Load(text);
    if (!root.IsMap()) return best;
    int bestLine = -1;
    const auto consider = [&](const YAML::Node& keyNode, const std::string& section, int index,
                              const std::string& key) {
      const int l = keyNode.Mark().line + 1;
      if (l <= line && l >= bestLine) {
        bestLine = l;
        best = {section, index, key};
      }
    };
    for (const auto& top : root) {
      const std::string section = top.first.as<std::string>();
      consider(top.first, section, -1, "");
      const YAML::Node& value = top.second;
      if (value.IsSequence()) {
        for (std::size_t i = 0; i < value.size(); ++i) {
          const YAML::Node item = value[i];
          if (item.Mark().line + 1 <= line && item.Mark().line + 1 >= bestLine) {
            bestLine = item.Mark().line + 1;
            best = {section, static_cast<int>(i), ""};
          }
          if (item.IsMap()) {
            for (const auto& kv : item)
              consider(kv.first, section, static_cast<int>(i), kv.first.as<std::string>());
          }
        }
      } else if (value.IsMap()) {
        for (const auto& kv : value) consider(kv.first, section, -1, kv.first.as<std::string>());
      }
    }
  } catch (const std::exception&) {
    return {};
  }
  return best;
}

bool hasComments(const std::string& text) {
  bool inSingle = false, inDouble = false;
  char previous = '\n';
  for (char c : text) {
    if (c == '\n')
      inSingle = inDouble = false;
    else if (c == '\'' && !inDouble)
      inSingle = !inSingle;
    else if (c == '"' && !inSingle)
      inDouble = !inDouble;
    else if (c == '#' && !inSingle && !inDouble &&
             (previous == ' ' || previous == '\n' || previous == '\t'))
      return true;
    previous = c;
  }
  return false;
}

}  // namespace kendall::gui
