#include "core/trajectory.h"

#include <algorithm>
#include <unordered_map>

#include "kendall/sim/engine/observer.hpp"
#include "kendall/sim/engine/simulator.hpp"

namespace kendall::gui {

namespace {

constexpr std::size_t maxPointsPerStation = 200000;

class TrajectoryObserver final : public sim::Observer {
 public:
  explicit TrajectoryObserver(Trajectory& out, std::size_t stations)
      : m_out(out), m_present(stations, 0), m_admitted(stations) {
    m_out.stations.resize(stations);
    for (auto& s : m_out.stations) {
      s.times.push_back(0.0);
      s.counts.push_back(0.0);
    }
  }

  void notify(const sim::Notice& n) override {
    const std::size_t s = n.station;
    if (s >= m_present.size()) return;
    switch (n.kind) {
      case sim::NoticeKind::Admitted:
        m_admitted[s][n.customer] = n.time;
        change(s, n.time, +1);
        break;
      case sim::NoticeKind::ServiceStart: {
        auto it = m_admitted[s].find(n.customer);
        if (it != m_admitted[s].end()) {
          if (m_out.stations[s].waits.size() < maxPointsPerStation) {
            m_out.stations[s].waits.push_back(n.time - it->second);
          }
          m_admitted[s].erase(it);
        }
        break;
      }
      case sim::NoticeKind::Reneged:
        m_admitted[s].erase(n.customer);
        change(s, n.time, -1);
        break;
      case sim::NoticeKind::ServiceComplete:
        change(s, n.time, -1);
        break;
      default:
        break;
    }
  }

 private:
  void change(std::size_t s, double t, int delta) {
    m_present[s] += delta;
    auto& st = m_out.stations[s];
    if (st.times.size() >= maxPointsPerStation) {
      m_out.truncated = true;
      return;
    }
    if (!st.times.empty() && st.times.back() == t) {
      st.counts.back() = static_cast<double>(m_present[s]);
    } else {
      st.times.push_back(t);
      st.counts.push_back(static_cast<double>(m_present[s]));
    }
  }

  Trajectory& m_out;
  std::vector<long long> m_present;
  std::vector<std::unordered_map<std::uint64_t, double>> m_admitted;
};

}  // namespace

std::shared_ptr<const Trajectory> recordTrajectory(const model::Scenario& scenario,
                                                   const sim::RunControl& control) {
  model::Scenario shorter = scenario;
  shorter.run.customers = std::min<std::uint64_t>(
      shorter.run.customers.value_or(trajectoryCustomers), trajectoryCustomers);
  auto out = std::make_shared<Trajectory>();
  out->customersLimit = *shorter.run.customers;
  TrajectoryObserver observer(*out, shorter.stations.size());
  sim::Simulator simulator(shorter, 0);
  simulator.add_observer(observer);
  (void)simulator.run(control);
  return out;
}

}  // namespace kendall::gui
