#pragma once
// W and Wq against load: the scenario with every arrival stream scaled by a factor, solved by
// the analytic library at many factors (instant) and simulated at a few (in the background).

#include <memory>
#include <optional>
#include <stop_token>
#include <vector>

#include <QObject>
#include <QThreadPool>

#include "kendall/model/scenario.hpp"
#include "kendall/sim/experiment_result.hpp"

namespace kendall::gui {

/// The scenario with every external arrival stream `factor` times as fast (interarrival
/// times divided by factor, rate profiles multiplied). Service and routing are unchanged.
[[nodiscard]] model::Scenario scaleArrivals(const model::Scenario& scenario, double factor);

struct LoadPoint {
  double factor = 1.0;
  double utilization = 0.0;  ///< of the station at this factor (analytic)
  std::optional<double> W, Wq;
};

/// Analytic W and Wq of station `station` at each factor (points where theory has no answer
/// or the station is unstable are left without values).
[[nodiscard]] std::vector<LoadPoint> analyticLoadCurve(const model::Scenario& scenario,
                                                       std::size_t station,
                                                       const std::vector<double>& factors);

/// Simulates the scenario at several load factors one after another, off the GUI thread.
class SweepRunner : public QObject {
  Q_OBJECT
 public:
  explicit SweepRunner(QObject* parent = nullptr);
  ~SweepRunner() override;
  /// Starts (cancelling a previous sweep). Each point runs with at most `customers` per
  /// replication so that the sweep stays short.
  void start(const model::Scenario& scenario, const std::vector<double>& factors,
             std::uint64_t customers);
  void cancel();
  [[nodiscard]] bool isRunning() const { return m_running; }

 signals:
  void pointReady(double factor, std::shared_ptr<const kendall::sim::ExperimentResult> result);
  void done();

 private:
  QThreadPool m_pool;
  std::shared_ptr<std::stop_source> m_stop;
  int m_generation = 0;
  bool m_running = false;
};

}  // namespace kendall::gui
