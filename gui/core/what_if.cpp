#include "core/what_if.h"

#include <QStringList>

#include "core/load_sweep.h"

namespace kendall::gui {

bool serversAdjustable(const model::StationSpec& station) {
  return station.servers.has_value() && !station.server_schedule.has_value();
}

bool WhatIf::neutral(const model::Scenario& scenario) const {
  if (arrivalFactor != 1.0) return false;
  for (const auto& [index, count] : servers) {
    if (index < scenario.stations.size() && serversAdjustable(scenario.stations[index]) &&
        scenario.stations[index].servers != count) {
      return false;
    }
  }
  return true;
}

QString WhatIf::describe(const model::Scenario& scenario) const {
  QStringList parts;
  if (arrivalFactor != 1.0) parts << QObject::tr("arrival rates ×%1").arg(arrivalFactor, 0, 'f', 2);
  for (const auto& [index, count] : servers) {
    // A station that became a delay station or got a schedule in the file ignores the what-if.
    if (index >= scenario.stations.size() || !serversAdjustable(scenario.stations[index]) ||
        scenario.stations[index].servers == count) {
      continue;
    }
    parts << QObject::tr("%1: %2 servers (file: %3)")
                 .arg(QString::fromStdString(scenario.stations[index].name))
                 .arg(count)
                 .arg(*scenario.stations[index].servers);
  }
  return parts.join(QStringLiteral(", "));
}

model::Scenario applyWhatIf(const model::Scenario& scenario, const WhatIf& whatIf) {
  model::Scenario s =
      whatIf.arrivalFactor == 1.0 ? scenario : scaleArrivals(scenario, whatIf.arrivalFactor);
  // An uncertain rate (`120/s ± 15%`) grows with its nominal value.
  for (auto& range : s.rate_ranges) {
    range.low *= whatIf.arrivalFactor;
    range.nominal *= whatIf.arrivalFactor;
    range.high *= whatIf.arrivalFactor;
  }
  for (const auto& [index, count] : whatIf.servers) {
    if (index < s.stations.size() && serversAdjustable(s.stations[index]))
      s.stations[index].servers = count;
  }
  return s;
}

}  // namespace kendall::gui
