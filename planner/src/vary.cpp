#include "vary.hpp"

#include <cmath>

#include <fmt/format.h>

#include "kendall/error.hpp"
#include "kendall/model/units.hpp"

#include "variant.hpp"

namespace kendall::planner::detail {

namespace {

std::string trim(const std::string& t) {
  const auto a = t.find_first_not_of(" \t");
  if (a == std::string::npos) return {};
  return t.substr(a, t.find_last_not_of(" \t") - a + 1);
}

std::string station_list(const model::Scenario& s) {
  std::string out;
  for (const auto& st : s.stations) out += (out.empty() ? "" : ", ") + st.name;
  return out;
}

double parse_value(const std::string& field, const std::string& text, const model::Scenario& s,
                   const std::string& spec) {
  try {
    if (field == "rate") return model::parse_rate(trim(text), s.time_unit);
    if (field == "service_mean") return model::parse_duration(trim(text), s.time_unit);
    std::size_t used = 0;
    const double v = std::stod(trim(text), &used);
    if (used != trim(text).size() || v < 1 || v != std::floor(v))
      throw InvalidParameter("not a whole number");
    return v;
  } catch (const std::exception& e) {
    throw InvalidParameter(fmt::format("--vary {}: '{}' is not a valid {} ({}) — expected e.g. {}",
                                       spec, trim(text), field, e.what(),
                                       field == "rate"           ? "80/s"
                                       : field == "service_mean" ? "45ms"
                                                                 : "a whole number >= 1"));
  }
}

}  // namespace

SweepAxis parse_vary(const std::string& spec, const model::Scenario& s) {
  const auto eq = spec.find('=');
  if (eq == std::string::npos) {
    throw InvalidParameter(
        fmt::format("--vary '{}' has no '=' — expected e.g. api.servers=1..16 or "
                    "arrivals.api.rate=80/s..160/s:9",
                    spec));
  }
  SweepAxis axis;
  axis.parameter = trim(spec.substr(0, eq));
  const std::string values = trim(spec.substr(eq + 1));
  std::string station_part = axis.parameter;
  if (station_part.rfind("arrivals.", 0) == 0) {
    station_part = station_part.substr(9);
    const auto dot = station_part.rfind('.');
    if (dot == std::string::npos || station_part.substr(dot + 1) != "rate") {
      throw InvalidParameter(fmt::format("--vary {}: expected arrivals.STATION.rate", spec));
    }
    axis.field = "rate";
    axis.station = station_part.substr(0, dot);
  } else {
    const auto dot = station_part.rfind('.');
    if (dot == std::string::npos) {
      throw InvalidParameter(
          fmt::format("--vary {}: expected STATION.FIELD (servers, capacity, service_mean) "
                      "or arrivals.STATION.rate",
                      spec));
    }
    axis.station = station_part.substr(0, dot);
    axis.field = station_part.substr(dot + 1);
    if (axis.field != "servers" && axis.field != "capacity" && axis.field != "service_mean") {
      throw InvalidParameter(
          fmt::format("--vary {}: '{}' cannot be varied — expected servers, capacity or "
                      "service_mean (or arrivals.STATION.rate)",
                      spec, axis.field));
    }
  }
  if (!s.find_station(axis.station)) {
    throw InvalidParameter(fmt::format("--vary {}: there is no station '{}' — stations: {}", spec,
                                       axis.station, station_list(s)));
  }
  if (axis.field == "rate") {
    bool any = false;
    for (const auto& a : s.arrivals) any = any || a.station == *s.find_station(axis.station);
    if (!any)
      throw InvalidParameter(fmt::format("--vary {}: no arrivals go to '{}'", spec, axis.station));
  }
  const bool whole = axis.field == "servers" || axis.field == "capacity";
  if (const auto range = values.find(".."); range != std::string::npos) {
    std::string hi_text = values.substr(range + 2);
    std::optional<int> count;
    if (const auto colon = hi_text.find(':'); colon != std::string::npos) {
      try {
        count = std::stoi(hi_text.substr(colon + 1));
      } catch (const std::exception&) {
        count = 0;
      }
      if (*count < 2 || *count > 10000)
        throw InvalidParameter(
            fmt::format("--vary {}: the count after ':' must be 2..10000", spec));
      hi_text = hi_text.substr(0, colon);
    }
    const double lo = parse_value(axis.field, values.substr(0, range), s, spec);
    const double hi = parse_value(axis.field, hi_text, s, spec);
    if (!(hi >= lo))
      throw InvalidParameter(fmt::format("--vary {}: the range ends below its start", spec));
    if (!count && !whole) {
      throw InvalidParameter(fmt::format("--vary {}: a range of {} needs a count, e.g. {}:9", spec,
                                         axis.field, values));
    }
    if (!count) {
      if (hi - lo > 100000)
        throw InvalidParameter(fmt::format("--vary {}: more than 100000 values", spec));
      for (double v = lo; v <= hi; v += 1.0) axis.values.push_back(v);
    } else {
      for (int k = 0; k < *count; ++k) {
        double v = lo + (hi - lo) * k / (*count - 1);
        if (whole) v = std::round(v);
        if (axis.values.empty() || axis.values.back() != v) axis.values.push_back(v);
      }
    }
  } else {
    std::size_t from = 0;
    while (from <= values.size()) {
      const auto comma = values.find(',', from);
      const std::string item =
          values.substr(from, comma == std::string::npos ? std::string::npos : comma - from);
      axis.values.push_back(parse_value(axis.field, item, s, spec));
      if (comma == std::string::npos) break;
      from = comma + 1;
    }
  }
  return axis;
}

void apply_axis(model::Scenario& s, const SweepAxis& axis, double value) {
  const std::size_t i = *s.find_station(axis.station);
  auto& st = s.stations[i];
  if (axis.field == "servers") {
    st.server_schedule.reset();
    st.servers = static_cast<std::uint32_t>(value);
  } else if (axis.field == "capacity") {
    st.capacity = static_cast<std::uint64_t>(value);
  } else if (axis.field == "service_mean") {
    for (auto& d : st.service) d = scale_time(d, value / model::mean(d));
  } else if (axis.field == "rate") {
    double total = 0.0;
    for (const auto& a : s.arrivals) {
      if (a.station == i) total += a.rate();
    }
    for (std::size_t k = 0; k < s.arrivals.size(); ++k) {
      if (s.arrivals[k].station == i) set_arrival_rate(s, k, s.arrivals[k].rate() * value / total);
    }
  }
}

}  // namespace kendall::planner::detail
