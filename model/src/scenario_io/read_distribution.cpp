// Long on purpose: the table of distribution families with each family's keys, and the one
// reader that checks every key next to the key it reads, so that every message is written once.

#include "read_distribution.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "kendall/error.hpp"
#include "kendall/model/units.hpp"

#include "keywords.hpp"
#include "read_trace.hpp"
#include "suggest.hpp"

namespace kendall::model::detail {

namespace {

struct Family {
  std::string name;
  /// Each accepted combination of parameters (besides `dist` and the optional keys).
  std::vector<std::vector<std::string>> forms;
  std::vector<std::string> optional;
  /// How to say the forms in a message.
  std::string forms_text;
};

const std::vector<Family>& families() {
  static const std::vector<Family> table = {
      {"exponential", {{"rate"}, {"mean"}}, {}, "rate or mean"},
      {"deterministic", {{"value"}, {"mean"}}, {}, "value (or mean)"},
      {"erlang",
       {{"k", "mean"}, {"k", "phase_rate"}},
       {},
       "k + mean, or k + phase_rate (the rate of each of the k phases)"},
      {"gamma",
       {{"shape", "scale"}, {"shape", "rate"}, {"mean", "scv"}},
       {},
       "shape + scale, shape + rate, or mean + scv"},
      {"lognormal",
       {{"mean", "scv"}, {"mean", "sd"}, {"mu", "sigma"}},
       {},
       "mean + scv, mean + sd, or mu + sigma (of the logarithm)"},
      {"hyperexponential", {{"mean", "scv"}, {"phases"}}, {}, "mean + scv (scv >= 1), or phases"},
      {"uniform", {{"min", "max"}}, {}, "min + max"},
      {"weibull", {{"shape", "scale"}, {"shape", "mean"}}, {}, "shape + scale, or shape + mean"},
      {"empirical",
       {{"values"}, {"file"}},
       {"mode", "source", "column", "unit"},
       "values or file (with optional mode, and column/unit for a file)"},
  };
  return table;
}

/// Words people write for a family that is called something else here.
std::optional<std::string> family_hint(std::string_view word) {
  if (word == "constant" || word == "const" || word == "fixed")
    return "did you mean 'deterministic'?";
  if (word == "poisson") {
    return "did you mean 'exponential'? (Poisson arrivals have exponential interarrival times)";
  }
  if (word == "h2" || word == "hyperexp" || word == "hyper")
    return "did you mean 'hyperexponential'?";
  if (word == "normal" || word == "gaussian") {
    return "did you mean 'lognormal'? (times cannot be negative, so there is no normal "
           "distribution)";
  }
  if (word == "trace" || word == "replay") return "did you mean 'empirical'?";
  return std::nullopt;
}

std::string keys_list(const std::vector<std::string>& keys) {
  std::string out;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (i > 0) out += ", ";
    out += keys[i];
  }
  return out;
}

/// Families (other than `self`) that take `key`, for "'scv' belongs to ..." hints.
std::string families_with(const std::string& key, const std::string& self) {
  std::vector<std::string> names;
  for (const auto& f : families()) {
    if (f.name == self) continue;
    bool has = std::find(f.optional.begin(), f.optional.end(), key) != f.optional.end();
    for (const auto& form : f.forms)
      has = has || std::find(form.begin(), form.end(), key) != form.end();
    if (has) names.push_back(f.name);
  }
  return join_names(names);
}

class DistributionReader {
 public:
  DistributionReader(ReadContext& ctx, const Entry& e, const Family& family)
      : ctx_(ctx),
        family_(family),
        errors_at_start_(ctx.error_count()),
        map_(ctx, e, make_what(e, family), allowed(family), hints(family)) {}

  std::optional<DistributionSpec> read() {
    // Unknown keys are reported by the MapReader; the form check would only repeat them.
    if (!map_.is_map() || ctx_.error_count() != errors_at_start_) return std::nullopt;
    const auto form = matching_form();
    if (!form) return std::nullopt;
    std::optional<DistributionSpec> spec = build(*form);
    if (!spec || ctx_.error_count() != errors_at_start_) return std::nullopt;
    try {
      validate(*spec);
    } catch (const InvalidParameter& err) {
      ctx_.error(map_.mark(), fmt::format("{} — expected {}", err.what(), family_.forms_text));
      return std::nullopt;
    }
    return spec;
  }

 private:
  static std::string make_what(const Entry& e, const Family& f) {
    return fmt::format("the {} distribution of '{}'", f.name, e.key);
  }
  static std::vector<std::string> allowed(const Family& f) {
    std::vector<std::string> keys{"dist"};
    for (const auto& form : f.forms) {
      for (const auto& k : form) {
        if (std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(k);
      }
    }
    keys.insert(keys.end(), f.optional.begin(), f.optional.end());
    return keys;
  }
  static std::vector<std::pair<std::string, std::string>> hints(const Family& f) {
    std::vector<std::pair<std::string, std::string>> out;
    if (f.name == "erlang") {
      out.emplace_back(
          "rate",
          "erlang takes k + mean (the mean of the whole distribution) or k + "
          "phase_rate (the rate of each of the k phases); 'rate' alone would be ambiguous");
    }
    const auto mine = allowed(f);
    for (const auto& key : distribution_keys()) {
      if (std::find(mine.begin(), mine.end(), key) != mine.end()) continue;
      const std::string owners = families_with(key, f.name);
      if (owners.empty()) continue;
      out.emplace_back(key, fmt::format("{} takes {}; '{}' is a parameter of {}", f.name,
                                        f.forms_text, key, owners));
    }
    return out;
  }

  std::optional<std::vector<std::string>> matching_form() {
    std::set<std::string> given;
    for (const auto& e : map_.entries()) {
      if (e.key == "dist" || std::find(family_.optional.begin(), family_.optional.end(), e.key) !=
                                 family_.optional.end()) {
        continue;
      }
      given.insert(e.key);
    }
    for (const auto& form : family_.forms) {
      if (std::set<std::string>(form.begin(), form.end()) == given) return form;
    }
    ctx_.error(map_.mark(), fmt::format("the {} distribution takes {} — got {}", family_.name,
                                        family_.forms_text,
                                        given.empty() ? std::string("no parameters")
                                                      : keys_list({given.begin(), given.end()})));
    return std::nullopt;
  }

  Entry at(std::string_view key) const { return *map_.get(key); }
  bool has(std::string_view key) const { return map_.has(key); }

  std::optional<DistributionSpec> build(const std::vector<std::string>& form) {
    const std::string& f = family_.name;
    const auto is_form = [&form](std::initializer_list<const char*> keys) {
      return std::vector<std::string>(keys.begin(), keys.end()) == form;
    };
    if (f == "exponential") {
      if (is_form({"rate"})) {
        const auto rate = read_rate(ctx_, at("rate"), Sign::Positive);
        if (!rate) return std::nullopt;
        return dist::Exponential{*rate};
      }
      const auto m = read_duration(ctx_, at("mean"), Sign::Positive);
      if (!m) return std::nullopt;
      return dist::Exponential{1.0 / *m};
    }
    if (f == "deterministic") {
      const auto v = read_duration(ctx_, at(form.front()), Sign::NonNegative);
      if (!v) return std::nullopt;
      return dist::Deterministic{*v};
    }
    if (f == "erlang") {
      const auto k = read_count(ctx_, at("k"), 1);
      if (!k) return std::nullopt;
      if (*k > 1'000'000) {
        ctx_.error(at("k").mark, fmt::format("k is {} — expected at most 1000000 phases (use "
                                             "deterministic for a constant)",
                                             *k));
        return std::nullopt;
      }
      if (is_form({"k", "mean"})) {
        const auto m = read_duration(ctx_, at("mean"), Sign::Positive);
        if (!m) return std::nullopt;
        return dist::Erlang{static_cast<std::uint32_t>(*k), *m};
      }
      const auto phase_rate = read_rate(ctx_, at("phase_rate"), Sign::Positive);
      if (!phase_rate) return std::nullopt;
      return dist::Erlang{static_cast<std::uint32_t>(*k), static_cast<double>(*k) / *phase_rate};
    }
    if (f == "gamma") {
      if (is_form({"mean", "scv"})) {
        const auto m = read_duration(ctx_, at("mean"), Sign::Positive);
        const auto c = read_positive_number(ctx_, at("scv"));
        if (!m || !c) return std::nullopt;
        return gamma_from_moments(*m, *c);
      }
      const auto shape = read_positive_number(ctx_, at("shape"));
      if (is_form({"shape", "scale"})) {
        const auto scale = read_duration(ctx_, at("scale"), Sign::Positive);
        if (!shape || !scale) return std::nullopt;
        return dist::Gamma{*shape, *scale};
      }
      const auto rate = read_rate(ctx_, at("rate"), Sign::Positive);
      if (!shape || !rate) return std::nullopt;
      return dist::Gamma{*shape, 1.0 / *rate};
    }
    if (f == "lognormal") {
      if (is_form({"mu", "sigma"})) {
        const auto mu = read_number(
            ctx_, at("mu"), fmt::format("a number: the mean of ln(time in {})", ctx_.time_unit));
        const auto sigma = read_positive_number(ctx_, at("sigma"));
        if (!mu || !sigma) return std::nullopt;
        const double m = std::exp(*mu + 0.5 * *sigma * *sigma);
        const double c = std::expm1(*sigma * *sigma);
        if (!std::isfinite(m) || !std::isfinite(c) || m <= 0.0) {
          ctx_.error(map_.mark(), fmt::format("mu = {:g} and sigma = {:g} give a mean or variance "
                                              "out of range — expected moderate values",
                                              *mu, *sigma));
          return std::nullopt;
        }
        return dist::Lognormal{m, c};
      }
      const auto m = read_duration(ctx_, at("mean"), Sign::Positive);
      if (is_form({"mean", "scv"})) {
        const auto c = read_positive_number(ctx_, at("scv"));
        if (!m || !c) return std::nullopt;
        return dist::Lognormal{*m, *c};
      }
      const auto sd = read_duration(ctx_, at("sd"), Sign::Positive);
      if (!m || !sd) return std::nullopt;
      return dist::Lognormal{*m, (*sd / *m) * (*sd / *m)};
    }
    if (f == "hyperexponential") {
      if (is_form({"mean", "scv"})) {
        const auto m = read_duration(ctx_, at("mean"), Sign::Positive);
        const auto c = read_positive_number(ctx_, at("scv"));
        if (!m || !c) return std::nullopt;
        if (*c < 1.0) {
          ctx_.error(at("scv").mark,
                     fmt::format("scv is {:g}, but a hyperexponential has scv >= 1 — "
                                 "expected scv >= 1 (for scv < 1 use erlang or gamma)",
                                 *c));
          return std::nullopt;
        }
        return fit_hyperexponential(*m, *c);
      }
      return read_phases();
    }
    if (f == "uniform") {
      const auto low = read_duration(ctx_, at("min"), Sign::NonNegative);
      const auto high = read_duration(ctx_, at("max"), Sign::NonNegative);
      if (!low || !high) return std::nullopt;
      if (!(*high > *low)) {
        ctx_.error(at("max").mark, fmt::format("max ({}) is not greater than min ({}) — expected "
                                               "min < max",
                                               at("max").value.Scalar(), at("min").value.Scalar()));
        return std::nullopt;
      }
      return dist::Uniform{*low, *high};
    }
    if (f == "weibull") {
      const auto shape = read_positive_number(ctx_, at("shape"));
      if (is_form({"shape", "scale"})) {
        const auto scale = read_duration(ctx_, at("scale"), Sign::Positive);
        if (!shape || !scale) return std::nullopt;
        return dist::Weibull{*shape, *scale};
      }
      const auto m = read_duration(ctx_, at("mean"), Sign::Positive);
      if (!shape || !m) return std::nullopt;
      const double g = std::tgamma(1.0 + 1.0 / *shape);
      if (!std::isfinite(g)) {
        ctx_.error(at("shape").mark,
                   fmt::format("shape {:g} is too small — expected a shape above 0.01", *shape));
        return std::nullopt;
      }
      return dist::Weibull{*shape, *m / g};
    }
    return read_empirical(form);
  }

  std::optional<DistributionSpec> read_phases() {
    const auto items =
        read_list(ctx_, at("phases"), "phases, e.g. [{probability: 0.4, rate: 2/s}, ...]");
    if (!items) return std::nullopt;
    if (items->empty()) {
      ctx_.error(at("phases").mark, "phases is empty — expected at least one phase");
      return std::nullopt;
    }
    dist::Hyperexponential h;
    bool ok = true;
    double total = 0.0;
    for (const auto& item : *items) {
      MapReader phase(ctx_, item, fmt::format("hyperexponential {}", item.key),
                      {"probability", "rate", "mean"});
      if (!phase.is_map()) {
        ok = false;
        continue;
      }
      const auto p_entry = phase.require("probability", "the probability of this phase, e.g. 0.4");
      double probability = 0.0;
      bool have_probability = false;
      if (p_entry) {
        if (const auto v = read_probability(ctx_, *p_entry)) {
          probability = *v;
          have_probability = true;
        }
      }
      std::optional<double> rate;
      if (phase.has("rate") == phase.has("mean")) {
        ctx_.error(phase.mark(),
                   fmt::format("hyperexponential {} needs either rate or mean — got {}", item.key,
                               phase.has("rate") ? "both" : "neither"));
      } else if (phase.has("rate")) {
        rate = read_rate(ctx_, *phase.get("rate"), Sign::Positive);
      } else if (const auto m = read_duration(ctx_, *phase.get("mean"), Sign::Positive)) {
        rate = 1.0 / *m;
      }
      if (!have_probability || !rate) {
        ok = false;
        continue;
      }
      h.probabilities.push_back(probability);
      h.rates.push_back(*rate);
      total += probability;
    }
    if (!ok) return std::nullopt;
    if (std::abs(total - 1.0) > 1e-9) {
      ctx_.error(at("phases").mark,
                 fmt::format("the phase probabilities sum to {:g} — expected 1", total));
      return std::nullopt;
    }
    return h;
  }

  std::optional<DistributionSpec> read_empirical(const std::vector<std::string>& form) {
    dist::Empirical e;
    bool ok = true;
    if (const auto m = map_.get("mode")) {
      const auto text = read_text(ctx_, *m, "sample or replay");
      if (text && *text == "replay") {
        e.mode = dist::EmpiricalMode::Replay;
      } else if (text && *text == "sample") {
        e.mode = dist::EmpiricalMode::Sample;
      } else if (text) {
        ctx_.error(m->mark, fmt::format("unknown mode '{}'{}", *text,
                                        suggestion(*text, {"sample", "replay"}, "modes")));
        ok = false;
      } else {
        ok = false;
      }
    }
    if (form.front() == "values") {
      for (const char* key : {"column", "unit"}) {
        if (const auto k = map_.get(key)) {
          ctx_.error(k->mark,
                     fmt::format("'{}' only applies to a trace file — expected it with file: "
                                 "(inline values carry their own units, e.g. 45ms)",
                                 key));
          ok = false;
        }
      }
      e.source = "inline";
      if (const auto s = map_.get("source")) {
        const auto text = read_text(ctx_, *s, "a note saying where the values come from");
        if (!text) ok = false;
        if (text) e.source = *text;
      }
      const auto items = read_list(ctx_, at("values"), "durations, e.g. [2s, 3s, 4s]");
      if (!items) return std::nullopt;
      for (const auto& item : *items) {
        const auto v = read_duration(ctx_, item, Sign::NonNegative);
        if (!v) {
          ok = false;
          continue;
        }
        e.values.push_back(*v);
      }
      if (ok && e.values.empty()) {
        ctx_.error(at("values").mark, "values is empty — expected at least one value");
        return std::nullopt;
      }
    } else {
      if (const auto s = map_.get("source")) {
        ctx_.error(s->mark,
                   "'source' is for inline values; a trace's source is its file — expected no "
                   "source with file:");
        ok = false;
      }
      const Entry file_entry = at("file");
      const auto file =
          read_text(ctx_, file_entry, "the path of a CSV trace, relative to the scenario file");
      std::optional<std::string> column;
      if (const auto c = map_.get("column")) {
        column = read_text(ctx_, *c, "the name of a column in the trace's header");
        ok = ok && column.has_value();
      }
      std::string unit = ctx_.time_unit;
      if (const auto u = map_.get("unit")) {
        const auto text = read_text(ctx_, *u, "a time unit");
        std::optional<std::string_view> canonical;
        if (text) canonical = canonical_time_unit(*text);
        if (canonical) {
          unit = std::string(*canonical);
        } else if (text) {
          ctx_.error(u->mark,
                     fmt::format("unknown time unit '{}'{}", *text,
                                 suggestion(*text, {time_unit_names.begin(), time_unit_names.end()},
                                            "units")));
          ok = false;
        } else {
          ok = false;
        }
      }
      if (!file || !ok) return std::nullopt;
      const std::filesystem::path path = ctx_.base_directory() / *file;
      const std::string display = path.lexically_normal().generic_string();
      try {
        e.values = read_trace(path, display, column, unit, ctx_.time_unit);
      } catch (const ScenarioError& err) {
        if (err.line() == 0) {
          ctx_.error(file_entry.mark, fmt::format("file: {}: {}", display, err.message()));
        } else {
          ctx_.error_in(err.file(), err.line(), err.column(), err.message());
        }
        return std::nullopt;
      }
      e.source = column ? fmt::format("{} (column {})", *file, *column) : *file;
    }
    if (!ok) return std::nullopt;
    return e;
  }

  ReadContext& ctx_;
  const Family& family_;
  std::size_t errors_at_start_;
  MapReader map_;
};

}  // namespace

std::optional<DistributionSpec> read_distribution(ReadContext& ctx, const Entry& e,
                                                  DistributionRole role) {
  const std::string example = "{dist: exponential, mean: 45ms}";
  if (e.value.IsScalar()) {
    if (role == DistributionRole::Backoff) {
      const auto v = read_duration(ctx, e, Sign::NonNegative);
      if (!v) return std::nullopt;
      return dist::Deterministic{*v};
    }
    const std::string text = e.value.Scalar();
    const auto& names = distribution_families();
    if (std::find(names.begin(), names.end(), text) != names.end()) {
      ctx.error(e.mark, fmt::format("{} names a distribution but gives no parameters — expected a "
                                    "mapping such as {{dist: {}, ...}}",
                                    e.key, text));
    } else {
      ctx.error(e.mark, fmt::format("{} is a single value ('{}') — expected a distribution mapping "
                                    "such as {} (a constant is {{dist: deterministic, value: {}}})",
                                    e.key, text, example, text));
    }
    return std::nullopt;
  }
  if (!e.value.IsMap()) {
    ctx.error(e.mark, fmt::format("{} is {} — expected a distribution mapping such as {}", e.key,
                                  node_kind(e.value), example));
    return std::nullopt;
  }
  std::string family_name = "exponential";  // documented default when `dist` is omitted
  const YAML::Node dist_node = e.value["dist"];
  if (dist_node.IsDefined()) {
    if (!dist_node.IsScalar()) {
      ctx.error(dist_node.Mark(),
                fmt::format("dist is {} — expected a distribution name ({})", node_kind(dist_node),
                            join_names(distribution_families())));
      return std::nullopt;
    }
    family_name = dist_node.Scalar();
  }
  const auto& table = families();
  const auto family = std::find_if(table.begin(), table.end(),
                                   [&](const Family& f) { return f.name == family_name; });
  if (family == table.end()) {
    const auto hint = family_hint(family_name);
    ctx.error(dist_node.Mark(),
              hint
                  ? fmt::format("unknown distribution '{}' — {}; distributions: {}", family_name,
                                *hint, join_names(distribution_families()))
                  : fmt::format("unknown distribution '{}'{}", family_name,
                                suggestion(family_name, distribution_families(), "distributions")));
    return std::nullopt;
  }
  return DistributionReader(ctx, e, *family).read();
}

}  // namespace kendall::model::detail
