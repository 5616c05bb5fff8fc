#pragma once
// Runs the capacity planner (kendall::planner::plan) off the GUI thread, in two modes:
//  - the analytic answer (PlanOptions::no_simulation) on every edit and every what-if move:
//    a few to ~100 ms, so it runs in the background too and only the latest request is
//    computed (requests made while one is computing replace each other);
//  - the full plan, confirmed by simulation where theory is not exact or cannot judge an SLO
//    (what `kendall plan` does), with progress and Cancel. The latest request wins: starting
//    one cancels the previous one, and a generation counter drops late signals.
// Cancel returns at once; the planner stops at its next poll of the stop token.

#include <memory>
#include <optional>
#include <stop_token>

#include <QObject>
#include <QThreadPool>

#include "kendall/model/scenario.hpp"
#include "kendall/planner/planner.hpp"

namespace kendall::gui {

using PlanPtr = std::shared_ptr<const planner::PlanResult>;

class PlanRunner : public QObject {
  Q_OBJECT
 public:
  explicit PlanRunner(QObject* parent = nullptr);
  ~PlanRunner() override;

  /// Worker threads for the simulations of the full plan (0 = all cores; results do not
  /// depend on it). Default 1: the calling thread, at lower priority, leaving the GUI a core.
  void setThreads(unsigned threads) { m_threads = threads; }

  /// Asks for the analytic plan of `scenario`; analyticReady follows (only the latest).
  void requestAnalytic(const model::Scenario& scenario);
  [[nodiscard]] bool analyticPending() const { return m_analyticBusy; }

  /// Starts the full plan (with simulation) of `scenario`; a running one is cancelled.
  /// `confirm`: simulate even where theory is exact (`kendall plan --confirm`).
  void startSimulated(const model::Scenario& scenario, bool confirm = false);
  /// Requests cancellation of the full plan and returns immediately; nothing more arrives
  /// from it (an interrupted plan is incomplete, so it is not shown).
  void cancel();
  [[nodiscard]] bool isRunning() const { return m_running; }

  /// Waits for every background plan to end (tests, shutdown).
  void waitForIdle() { m_pool.waitForDone(); }

 signals:
  void analyticReady(kendall::gui::PlanPtr plan);
  void analyticFailed(const QString& message);
  void runningChanged(bool running);
  void progress(int done, int total, const QString& what);
  void simulatedReady(kendall::gui::PlanPtr plan);
  void simulatedFailed(const QString& message);

 private:
  void runAnalytic(model::Scenario scenario);
  void finishAnalytic(PlanPtr plan, const QString& error);

  QThreadPool m_pool;
  // Analytic: one in flight, at most one waiting (the newest replaces it).
  bool m_analyticBusy = false;
  std::optional<model::Scenario> m_analyticWaiting;
  // Full plan.
  std::shared_ptr<std::stop_source> m_stop;
  int m_generation = 0;
  bool m_running = false;
  unsigned m_threads = 1;
};

}  // namespace kendall::gui
