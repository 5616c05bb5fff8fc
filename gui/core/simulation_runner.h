#pragma once
// Runs simulation experiments off the GUI thread (STYLE.md: Qt's primecounter and mandelbrot
// examples, hotspot's job tracker). The latest request wins: starting a run cancels the one
// before, and a generation counter drops every late signal of older runs. Cancel returns at
// once; the engine stops at its next poll and its partial result arrives later.

#include <atomic>
#include <memory>
#include <mutex>
#include <stop_token>

#include <QObject>
#include <QThreadPool>

#include "kendall/model/scenario.hpp"
#include "kendall/sim/experiment_result.hpp"

#include "core/trajectory.h"

namespace kendall::gui {

using ResultPtr = std::shared_ptr<const sim::ExperimentResult>;
using TrajectoryPtr = std::shared_ptr<const Trajectory>;

class SimulationRunner : public QObject {
  Q_OBJECT
 public:
  explicit SimulationRunner(QObject* parent = nullptr);
  ~SimulationRunner() override;

  /// Worker threads for replications (0 = all cores). Results do not depend on it.
  void setThreads(unsigned threads) { m_threads = threads; }
  /// Also record one replication's trajectory after the experiment (for the plots).
  void setRecordTrajectory(bool on) { m_recordTrajectory = on; }

  /// Starts an experiment of `scenario.run`; a running one is cancelled and forgotten.
  void start(const model::Scenario& scenario);
  /// Requests cancellation of the current run and returns immediately.
  void cancel();
  /// Cancels and forgets the current run: none of its signals arrive any more.
  void discard();
  [[nodiscard]] bool isRunning() const { return m_running; }
  [[nodiscard]] int generation() const { return m_generation; }

 signals:
  void runningChanged(bool running);
  /// fraction in [0, 1]; replications completed / planned.
  void progress(double fraction, int done, int planned);
  /// The estimate over the replications completed so far (intervals narrow as they come).
  void partialResult(kendall::gui::ResultPtr result);
  /// The final result (stop_reason Cancelled when cancelled: the replications completed).
  void finished(kendall::gui::ResultPtr result);
  void trajectoryReady(kendall::gui::TrajectoryPtr trajectory);
  void failed(const QString& message);

 private:
  struct Job;
  void deliverProgress(int generation, double fraction, int done, int planned);
  void deliverPartial(int generation, ResultPtr result);
  void deliverFinished(int generation, ResultPtr result);
  void deliverFailed(int generation, const QString& message);

  QThreadPool m_pool;
  std::shared_ptr<Job> m_job;
  int m_generation = 0;
  bool m_running = false;
  unsigned m_threads = 0;
  bool m_recordTrajectory = true;
};

}  // namespace kendall::gui
