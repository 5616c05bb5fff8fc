// Reading the slo and cost sections and uncertain arrival rates.

#include "read_slo.hpp"

#include <algorithm>
#include <string>

#include <fmt/format.h>

#include "kendall/model/units.hpp"

#include "suggest.hpp"

namespace kendall::model::detail {

namespace {

/// Model inputs: the planner chooses or is given them; they are not outcomes to bound.
const std::vector<std::string> input_names = {"lambda", "mu", "servers", "capacity", "population"};

bool is_time_metric(const std::string& m) {
  return m == "W" || m == "Wq" || m == "Wq_served" || m == "makespan" ||
         quantile_level(m).has_value();
}

/// The bound of `metric`, read in the metric's own unit.
std::optional<double> read_bound(ReadContext& ctx, const Entry& e, const std::string& metric) {
  if (is_time_metric(metric)) return read_duration(ctx, e, Sign::NonNegative);
  if (metric == "throughput") return read_rate(ctx, e, Sign::NonNegative);
  if (metric == "utilization" || metric.rfind("p_", 0) == 0) return read_probability(ctx, e);
  const auto value = read_number(ctx, e, "a number >= 0");
  if (value && *value < 0.0) {
    ctx.error(e.mark, fmt::format("{} is {:g} — expected a number >= 0", e.key, *value));
    return std::nullopt;
  }
  return value;
}

/// Checks the metric name for the scope; reports what is wrong with a suggestion.
bool check_metric(ReadContext& ctx, const Entry& e, const std::string& metric, SloScope scope) {
  if (is_slo_metric(metric, scope)) return true;
  if (std::find(input_names.begin(), input_names.end(), metric) != input_names.end()) {
    ctx.error(e.mark,
              fmt::format("metric '{}' is an input of the model, not an outcome — the planner "
                          "chooses servers; expected an outcome such as Wq_p95, utilization "
                          "or p_block",
                          metric));
    return false;
  }
  if (scope == SloScope::Network && is_slo_metric(metric, SloScope::Station)) {
    ctx.error(e.mark, fmt::format("metric '{}' has no end-to-end value — expected a station "
                                  "(station: NAME or station: all), or an end-to-end metric: {}",
                                  metric, join_names(network_slo_metrics())));
    return false;
  }
  const auto& names = scope == SloScope::Network ? network_slo_metrics() : station_slo_metrics();
  ctx.error(e.mark, fmt::format("metric '{}' cannot be bounded{}", metric,
                                suggestion(metric, names, "metrics")));
  return false;
}

/// `service_level: {wait_at_most: 20s, share: 80%}` into `slo`.
bool read_service_level(ReadContext& ctx, const Entry& e, SloSpec& slo) {
  MapReader map(ctx, e, "service_level", {"wait_at_most", "share"},
                {{"within", "did you mean 'wait_at_most'?"},
                 {"target", "did you mean 'share'?"},
                 {"percent", "did you mean 'share'?"}});
  if (!map.is_map()) return false;
  const auto wait =
      read_duration(ctx, map.require("wait_at_most", "the wait target, e.g. wait_at_most: 20s"),
                    Sign::NonNegative);
  const auto share =
      read_probability(ctx, map.require("share", "the share of customers, e.g. share: 80%"));
  if (!wait || !share) return false;
  slo.metric = "service_level";
  slo.upper_bound = false;
  slo.bound = *share;
  slo.wait_at_most = *wait;
  return true;
}

std::optional<SloSpec> read_slo(ReadContext& ctx, const Entry& item) {
  MapReader map(ctx, item, fmt::format("slo {}", item.key),
                {"station", "metric", "below", "above", "service_level"},
                {{"max", "did you mean 'below'?"},
                 {"under", "did you mean 'below'?"},
                 {"less_than", "did you mean 'below'?"},
                 {"min", "did you mean 'above'?"},
                 {"over", "did you mean 'above'?"},
                 {"to", "did you mean 'station'?"},
                 {"at", "did you mean 'station'?"}});
  if (!map.is_map()) return std::nullopt;
  const std::size_t errors_before = ctx.error_count();
  SloSpec slo;
  slo.scope = SloScope::Network;
  std::string station_name;
  if (const auto st = map.get("station")) {
    if (const auto name = scalar_at(item.value, "station"); name && *name == "all") {
      slo.scope = SloScope::AllStations;
    } else if (const auto index = read_station_ref(ctx, *st)) {
      slo.scope = SloScope::Station;
      slo.station = *index;
      station_name = ctx.station_names[*index];
    } else {
      return std::nullopt;  // the unknown station is reported; its metric cannot be judged
    }
  }
  const auto level = map.get("service_level");
  const auto metric = map.get("metric");
  if (level) {
    if (slo.scope == SloScope::Network) {
      ctx.error(level->mark,
                "a service level is a station's — expected station: NAME (or all) with it");
    }
    if (metric)
      ctx.error(metric->mark, "both metric and service_level are given — expected one of them");
    for (const char* key : {"below", "above"}) {
      if (const auto b = map.get(key)) {
        ctx.error(
            b->mark,
            fmt::format("{} does not go with service_level — the share in it is the bound", key));
      }
    }
    if (ctx.error_count() == errors_before) read_service_level(ctx, *level, slo);
  } else if (metric) {
    if (const auto name = read_text(ctx, *metric, "a metric name, e.g. Wq_p95")) {
      slo.metric = *name;
      if (check_metric(ctx, *metric, slo.metric, slo.scope)) {
        const auto below = map.get("below");
        const auto above = map.get("above");
        if (below && above) {
          ctx.error(above->mark, "both below and above are given — expected one bound per SLO");
        } else if (!below && !above) {
          ctx.error(map.mark(),
                    fmt::format("the SLO on {} has no bound — expected below: or above:, e.g. "
                                "{{metric: {}, below: ...}}",
                                slo.metric, slo.metric));
        } else if (slo.metric == "service_level") {
          ctx.error(metric->mark,
                    "service_level needs its wait target — expected service_level: "
                    "{wait_at_most: 20s, share: 80%}");
        } else {
          slo.upper_bound = below.has_value();
          if (const auto b = read_bound(ctx, below ? *below : *above, slo.metric)) slo.bound = *b;
        }
      }
    }
  } else {
    ctx.error(map.mark(),
              "the SLO names no metric — expected metric: NAME with below: or above:, or "
              "service_level: {wait_at_most: 20s, share: 80%}");
  }
  if (ctx.error_count() != errors_before) return std::nullopt;
  slo.text = slo_text(slo, station_name, ctx.time_unit);
  return slo;
}

std::optional<double> read_money(ReadContext& ctx, const Entry& e) {
  const auto value = read_number(ctx, e, "an amount >= 0, e.g. 0.12");
  if (value && *value < 0.0) {
    ctx.error(e.mark, fmt::format("{} is {:g} — expected an amount >= 0", e.key, *value));
    return std::nullopt;
  }
  return value;
}

/// "120/s ± 15%" or "120/s +- 15%": the rate and the relative spread.
struct Spread {
  std::string rate;
  std::string spread;
};

std::optional<Spread> split_spread(const std::string& text) {
  for (const std::string sep : {"±", "+-", "+/-"}) {
    if (const auto at = text.find(sep); at != std::string::npos) {
      return Spread{text.substr(0, at), text.substr(at + sep.size())};
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::vector<SloSpec>> read_slos(ReadContext& ctx, const Entry& e) {
  const auto items = read_list(ctx, e, "SLOs, e.g. [{station: api, metric: Wq_p95, below: 200ms}]");
  if (!items) return std::nullopt;
  std::vector<SloSpec> slos;
  bool ok = true;
  for (const auto& item : *items) {
    if (auto slo = read_slo(ctx, item)) {
      slos.push_back(std::move(*slo));
    } else {
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return slos;
}

std::optional<CostSpec> read_cost(ReadContext& ctx, const Entry& e, std::size_t station_count) {
  MapReader map(ctx, e, "cost",
                {"per_server_hour", "per_waiting_hour", "per_lost_customer", "currency"},
                {{"server", "did you mean 'per_server_hour'?"},
                 {"servers", "did you mean 'per_server_hour'?"},
                 {"waiting", "did you mean 'per_waiting_hour'?"},
                 {"lost", "did you mean 'per_lost_customer'?"},
                 {"abandoned", "did you mean 'per_lost_customer'?"}});
  if (!map.is_map()) return std::nullopt;
  const std::size_t errors_before = ctx.error_count();
  CostSpec cost;
  cost.per_server_hour.assign(station_count, std::nullopt);
  if (const auto p = map.get("per_server_hour")) {
    if (p->value.IsScalar()) {
      if (const auto v = read_money(ctx, *p)) cost.per_server_hour.assign(station_count, *v);
    } else if (const auto stations = read_named_map(ctx, *p,
                                                    "a cost per server hour, one number or per "
                                                    "station, e.g. {api: 0.12, db: 0.40}")) {
      for (const auto& s : *stations) {
        Entry name_entry = s;
        name_entry.value.reset(YAML::Node(s.key));
        name_entry.mark = s.key_mark;
        const auto index = read_station_ref(ctx, name_entry);
        const auto v = read_money(ctx, s);
        if (index && v && *index < station_count) cost.per_server_hour[*index] = *v;
      }
    }
  }
  if (const auto w = map.get("per_waiting_hour")) {
    if (const auto v = read_money(ctx, *w)) cost.per_waiting_hour = *v;
  }
  if (const auto l = map.get("per_lost_customer")) {
    if (const auto v = read_money(ctx, *l)) cost.per_lost_customer = *v;
  }
  if (const auto c = map.get("currency")) {
    if (const auto text = read_text(ctx, *c, "a currency label, e.g. EUR")) cost.currency = *text;
  }
  if (ctx.error_count() != errors_before) return std::nullopt;
  return cost;
}

bool is_uncertain_rate(const Entry& e) {
  if (e.value.IsMap()) return true;
  return e.value.IsScalar() && split_spread(e.value.Scalar()).has_value();
}

std::optional<RateRange> read_rate_range(ReadContext& ctx, const Entry& e) {
  const std::size_t errors_before = ctx.error_count();
  RateRange range;
  if (e.value.IsMap()) {
    MapReader map(ctx, e, "rate", {"low", "high", "nominal"},
                  {{"min", "did you mean 'low'?"}, {"max", "did you mean 'high'?"}});
    if (!map.is_map()) return std::nullopt;
    const auto low = read_rate(ctx, map.require("low", "the lowest rate expected, e.g. low: 100/s"),
                               Sign::Positive);
    const auto high = read_rate(
        ctx, map.require("high", "the highest rate expected, e.g. high: 140/s"), Sign::Positive);
    const auto nominal_entry = map.get("nominal");
    const auto nominal = read_rate(ctx, nominal_entry, Sign::Positive);
    if (ctx.error_count() != errors_before || !low || !high) return std::nullopt;
    if (*low > *high) {
      ctx.error(e.mark, "rate: low is above high — expected low <= high");
      return std::nullopt;
    }
    range.low = *low;
    range.high = *high;
    range.nominal = nominal ? *nominal : 0.5 * (*low + *high);
    if (range.nominal < range.low || range.nominal > range.high) {
      ctx.error(nominal_entry->mark,
                "rate: nominal is outside [low, high] — expected low <= nominal <= high");
      return std::nullopt;
    }
    return range;
  }
  const auto parts = split_spread(e.value.Scalar());
  if (!parts) return std::nullopt;
  Entry rate_entry = e;
  rate_entry.value.reset(YAML::Node(parts->rate));
  Entry spread_entry = e;
  spread_entry.key = "spread";
  spread_entry.value.reset(YAML::Node(parts->spread));
  const auto rate = read_rate(ctx, rate_entry, Sign::Positive);
  const auto spread = read_probability(ctx, spread_entry);
  if (!rate || !spread) return std::nullopt;
  if (*spread >= 1.0) {
    ctx.error(e.mark,
              "rate: a spread of 100% or more leaves no traffic at the low end — expected a "
              "spread below 100%, e.g. 120/s ± 15%");
    return std::nullopt;
  }
  range.nominal = *rate;
  range.low = *rate * (1.0 - *spread);
  range.high = *rate * (1.0 + *spread);
  return range;
}

}  // namespace kendall::model::detail
