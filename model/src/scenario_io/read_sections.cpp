// Reading the classes, arrivals and run sections.

#include "read_sections.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "kendall/model/run_settings.hpp"
#include "kendall/model/units.hpp"

#include "keywords.hpp"
#include "read_distribution.hpp"
#include "read_slo.hpp"
#include "suggest.hpp"

namespace kendall::model::detail {

std::optional<std::vector<CustomerClassSpec>> read_classes(ReadContext& ctx, const Entry& e) {
  const auto items =
      read_list(ctx, e, "classes, e.g. [{name: gold, priority: 1}, {name: bronze, priority: 2}]");
  if (!items) return std::nullopt;
  if (items->empty()) {
    ctx.error(e.mark,
              "classes is empty — expected at least one class (or no classes section for a "
              "single class)");
    return std::nullopt;
  }
  std::vector<CustomerClassSpec> classes;
  bool ok = true;
  for (const auto& item : *items) {
    CustomerClassSpec cls;
    std::optional<Entry> name_entry;
    if (item.value.IsScalar()) {
      name_entry = item;  // `- gold` is short for `- {name: gold}`
    } else {
      MapReader map(ctx, item, fmt::format("class {}", item.key), {"name", "priority"});
      if (!map.is_map()) {
        ok = false;
        continue;
      }
      name_entry = map.require("name", "a class name, e.g. name: gold");
      if (const auto p = map.get("priority")) {
        const auto priority = read_count(ctx, *p, 1);
        if (priority && *priority > static_cast<std::uint64_t>(std::numeric_limits<int>::max())) {
          ctx.error(
              p->mark,
              "priority is too large — expected a small whole number >= 1 (1 = served first)");
          ok = false;
        } else if (priority) {
          cls.priority = static_cast<int>(*priority);
        } else {
          ok = false;
        }
      }
    }
    if (!name_entry) {
      ok = false;
      continue;
    }
    const auto name = read_text(ctx, *name_entry, "a class name");
    if (!name) {
      ok = false;
      continue;
    }
    cls.name = *name;
    const auto same = std::find_if(classes.begin(), classes.end(),
                                   [&](const auto& c) { return c.name == cls.name; });
    if (cls.name.empty()) {
      ctx.error(name_entry->mark, "the class name is empty — expected a name");
      ok = false;
    } else if (same != classes.end()) {
      ctx.error(name_entry->mark,
                fmt::format("class name '{}' is already used by classes[{}] — expected "
                            "unique class names",
                            cls.name, same - classes.begin()));
      ok = false;
    } else if (std::find(distribution_keys().begin(), distribution_keys().end(), cls.name) !=
                   distribution_keys().end() ||
               std::find(routing_keywords().begin(), routing_keywords().end(), cls.name) !=
                   routing_keywords().end()) {
      ctx.error(name_entry->mark,
                fmt::format("class name '{}' is reserved (it is a distribution or "
                            "routing keyword) — expected another name",
                            cls.name));
      ok = false;
    }
    classes.push_back(cls);
  }
  if (!ok) return std::nullopt;
  return classes;
}

namespace {

std::optional<PiecewiseConstant> read_profile(ReadContext& ctx, const Entry& e) {
  MapReader map(ctx, e, "profile", {"period", "rates"});
  if (!map.is_map()) return std::nullopt;
  PiecewiseConstant profile;
  bool ok = true;
  if (const auto p = map.get("period")) {
    profile.period = read_duration(ctx, *p, Sign::Positive);
    ok = ok && profile.period.has_value();
  }
  const auto list =
      map.require("rates", "a list such as [{from: 0h, rate: 50/s}, {from: 9h, rate: 200/s}]");
  if (!list) return std::nullopt;
  const auto items =
      read_list(ctx, *list, "rates, e.g. [{from: 0h, rate: 50/s}, {from: 9h, rate: 200/s}]");
  if (!items) return std::nullopt;
  if (items->empty()) {
    ctx.error(list->mark, "the profile has no rates — expected at least {from: 0, rate: ...}");
    return std::nullopt;
  }
  for (const auto& item : *items) {
    MapReader step(ctx, item, fmt::format("profile {}", item.key), {"from", "rate"});
    if (!step.is_map()) {
      ok = false;
      continue;
    }
    const auto from_entry = step.require("from", "the time this rate starts, e.g. from: 9h");
    const auto rate_entry = step.require("rate", "the arrival rate from then on, e.g. rate: 200/s");
    const auto from = read_duration(ctx, from_entry, Sign::NonNegative);
    const auto rate = read_rate(ctx, rate_entry, Sign::NonNegative);
    if (!from || !rate) {
      ok = false;
      continue;
    }
    profile.starts.push_back(*from);
    profile.values.push_back(*rate);
  }
  if (!ok) return std::nullopt;
  if (profile.starts.front() != 0.0) {
    ctx.error((*items)[0].mark,
              "the first rate must start at 0 — expected from: 0 in the first entry");
    return std::nullopt;
  }
  for (std::size_t k = 1; k < profile.starts.size(); ++k) {
    if (!(profile.starts[k] > profile.starts[k - 1])) {
      ctx.error(
          (*items)[k].mark,
          "the 'from' times must increase — expected each entry to start after the previous one");
      return std::nullopt;
    }
  }
  if (profile.period && *profile.period <= profile.starts.back()) {
    ctx.error(map.get("period")->mark,
              "the period ends before the last 'from' — expected a period "
              "longer than every 'from' time");
    return std::nullopt;
  }
  if (!(profile.long_run_average() > 0.0)) {
    if (!profile.period && std::any_of(profile.values.begin(), profile.values.end(),
                                       [](double r) { return r > 0.0; })) {
      ctx.error(items->back().mark,
                "without a period the last rate holds for ever, and it is 0 — expected a "
                "last rate > 0, or a period to repeat the profile");
    } else {
      ctx.error(list->mark, "every rate in the profile is 0 — expected some rate > 0");
    }
    return std::nullopt;
  }
  return profile;
}

}  // namespace

std::optional<ArrivalSpec> read_arrival(ReadContext& ctx, const Entry& item) {
  MapReader map(ctx, item, item.key, {"to", "class", "rate", "mean", "interarrival", "profile"},
                {{"dist", "interarrival distributions go under interarrival: {dist: ...}"},
                 {"station", "did you mean 'to'?"},
                 {"at", "did you mean 'to'?"},
                 {"lambda", "did you mean 'rate'?"},
                 {"customer_class", "did you mean 'class'?"}});
  if (!map.is_map()) return std::nullopt;
  const std::size_t errors_before = ctx.error_count();
  ArrivalSpec a;
  if (const auto to = map.require("to", "the station the customers arrive at, e.g. to: api")) {
    if (const auto s = read_station_ref(ctx, *to)) a.station = *s;
  }
  if (const auto c = map.get("class")) {
    if (const auto cls = read_class_ref(ctx, *c)) a.customer_class = *cls;
  } else if (!ctx.declared_classes.empty()) {
    ctx.error(map.mark(), fmt::format("the arrival stream has no class, but classes are declared — "
                                      "expected class: one of {}",
                                      join_names(ctx.class_names)));
  }
  std::vector<Entry> forms;
  for (const char* key : {"rate", "mean", "interarrival", "profile"}) {
    if (const auto e = map.get(key)) forms.push_back(*e);
  }
  if (forms.empty()) {
    ctx.error(map.mark(),
              "the arrival stream has no rate — expected one of rate (e.g. 120/s), mean "
              "(interarrival time), interarrival (a distribution) or profile");
  } else if (forms.size() > 1) {
    ctx.error(forms[1].mark, fmt::format("both {} and {} are given — expected one of rate, mean, "
                                         "interarrival or profile",
                                         forms[0].key, forms[1].key));
  } else {
    const Entry& e = forms.front();
    KeyPath interarrival_path = item.path;
    interarrival_path.emplace_back("interarrival");
    ctx.remember(interarrival_path, e.mark);
    if (e.key == "rate" && is_uncertain_rate(e)) {
      // The range itself is kept by the loader (Scenario::rate_ranges).
      if (const auto range = read_rate_range(ctx, e))
        a.interarrival = dist::Exponential{range->nominal};
    } else if (e.key == "rate") {
      if (const auto rate = read_rate(ctx, e, Sign::Positive))
        a.interarrival = dist::Exponential{*rate};
    } else if (e.key == "mean") {
      if (const auto m = read_duration(ctx, e, Sign::Positive))
        a.interarrival = dist::Exponential{1.0 / *m};
    } else if (e.key == "interarrival") {
      if (const auto d = read_distribution(ctx, e, DistributionRole::Interarrival))
        a.interarrival = *d;
    } else if (auto profile = read_profile(ctx, e)) {
      a.interarrival = dist::Exponential{profile->long_run_average()};
      a.rate_profile = std::move(profile);
    }
  }
  if (ctx.error_count() != errors_before) return std::nullopt;
  return a;
}

std::optional<RunSpec> read_run(ReadContext& ctx, const Entry& e) {
  MapReader map(ctx, e, "run",
                {"customers", "horizon", "warmup", "replications", "seed", "confidence",
                 "precision", "time_budget", "ci", "quantiles"},
                {{"warm_up", "did you mean 'warmup'?"},
                 {"warm-up", "did you mean 'warmup'?"},
                 {"runs", "did you mean 'replications'?"},
                 {"reps", "did you mean 'replications'?"},
                 {"until", "did you mean 'horizon'?"},
                 {"duration", "did you mean 'horizon'?"},
                 {"budget", "did you mean 'time_budget'?"},
                 {"level", "did you mean 'confidence'?"}});
  if (!map.is_map()) return std::nullopt;
  const std::size_t errors_before = ctx.error_count();
  RunSpec run;
  if (const auto c = map.get("customers")) run.customers = read_count(ctx, *c, 1);
  if (const auto h = map.get("horizon")) run.horizon = read_duration(ctx, *h, Sign::Positive);
  if (const auto w = map.get("warmup")) {
    const auto text =
        read_text(ctx, *w, "auto, none, a number of customers, or a duration such as 30s");
    if (text && has_time_unit_suffix(*text)) {
      // A duration: read here for messages that point into the file.
      if (const auto t = read_duration(ctx, *w, Sign::NonNegative))
        run.warmup = {WarmupSpec::Kind::Time, *t};
    } else if (text) {
      if (const auto warmup = parse_warmup(*text, ctx.time_unit)) {
        run.warmup = *warmup;
      } else {
        ctx.error(w->mark, fmt::format("warmup is '{}' — expected {}", *text, warmup_forms));
      }
    }
  }
  if (const auto r = map.get("replications")) {
    const auto n = read_count(ctx, *r, 1);
    if (n && *n > 1'000'000) {
      ctx.error(r->mark, fmt::format("replications is {} — expected at most 1000000", *n));
    } else if (n) {
      run.replications = static_cast<std::uint32_t>(*n);
    }
  }
  if (const auto s = map.get("seed")) {
    if (const auto seed = read_count(ctx, *s, 0)) run.seed = *seed;
  }
  if (const auto c = map.get("confidence")) {
    if (const auto level = read_open_fraction(ctx, *c, "a confidence level such as 0.95 or 95%"))
      run.confidence = *level;
  }
  if (const auto p = map.get("precision")) {
    run.precision = read_open_fraction(ctx, *p, "a relative half-width such as 1% or 0.01");
  }
  if (const auto t = map.get("time_budget")) {
    // Wall-clock time, so a bare number is in seconds whatever the scenario's time unit.
    const auto text = read_text(ctx, *t, "a wall-clock duration such as 60s or 5min");
    if (text) {
      try {
        const double seconds = parse_duration(*text, "s");
        if (seconds <= 0.0) {
          ctx.error(t->mark,
                    fmt::format("time_budget is {} — expected a wall-clock duration > 0, e.g. 60s",
                                *text));
        } else {
          run.time_budget_seconds = seconds;
        }
      } catch (const std::exception& err) {
        ctx.error(t->mark, fmt::format("time_budget: {}", err.what()));
      }
    }
  }
  if (const auto c = map.get("ci")) {
    const auto text = read_text(ctx, *c, "replications or batch_means");
    if (text && *text == "replications") {
      run.ci_method = CiMethod::Replications;
    } else if (text && *text == "batch_means") {
      run.ci_method = CiMethod::BatchMeans;
    } else if (text) {
      ctx.error(c->mark,
                fmt::format("unknown ci method '{}'{}", *text,
                            suggestion(*text, {"replications", "batch_means"}, "methods")));
    }
  }
  if (const auto q = map.get("quantiles")) {
    if (const auto items = read_list(ctx, *q, "quantile levels, e.g. [0.5, 0.9, 0.99]")) {
      for (const auto& item : *items) {
        if (const auto level =
                read_open_fraction(ctx, item, "a quantile level such as 0.95 or 95%")) {
          run.quantiles.push_back(*level);
        }
      }
    }
  }
  if (ctx.error_count() != errors_before) return std::nullopt;
  return run;
}

}  // namespace kendall::model::detail
