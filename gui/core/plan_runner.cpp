#include "core/plan_runner.h"

#include <chrono>
#include <exception>

#include <QMetaObject>
#include <QtConcurrent>

#include "core/background_priority.h"

namespace kendall::gui {

PlanRunner::PlanRunner(QObject* parent) : QObject(parent) {
  // One analytic plan, one full plan, and room for a cancelled one to wind down.
  m_pool.setMaxThreadCount(3);
}

PlanRunner::~PlanRunner() {
  if (m_stop) m_stop->request_stop();
  m_analyticWaiting.reset();
  m_pool.waitForDone();
}

void PlanRunner::requestAnalytic(const model::Scenario& scenario) {
  if (m_analyticBusy) {
    m_analyticWaiting = scenario;  // computed when the one in flight ends
    return;
  }
  runAnalytic(scenario);
}

void PlanRunner::runAnalytic(model::Scenario scenario) {
  m_analyticBusy = true;
  (void)QtConcurrent::run(&m_pool, [this, scenario = std::move(scenario)] {
    PlanPtr plan;
    QString error;
    try {
      planner::PlanOptions options;
      options.no_simulation = true;
      plan = std::make_shared<const planner::PlanResult>(planner::plan(scenario, options));
    } catch (const std::exception& e) {
      error = QString::fromStdString(e.what());
    }
    QMetaObject::invokeMethod(
        this, [this, plan, error] { finishAnalytic(plan, error); }, Qt::QueuedConnection);
  });
}

void PlanRunner::finishAnalytic(PlanPtr plan, const QString& error) {
  m_analyticBusy = false;
  if (m_analyticWaiting) {
    // A newer request came in while this one computed: this answer is already stale.
    model::Scenario next = std::move(*m_analyticWaiting);
    m_analyticWaiting.reset();
    runAnalytic(std::move(next));
    return;
  }
  if (plan)
    emit analyticReady(std::move(plan));
  else
    emit analyticFailed(error);
}

void PlanRunner::startSimulated(const model::Scenario& scenario, bool confirm) {
  if (m_stop) m_stop->request_stop();
  auto stop = std::make_shared<std::stop_source>();
  m_stop = stop;
  const int gen = ++m_generation;
  if (!m_running) {
    m_running = true;
    emit runningChanged(true);
  }
  emit progress(0, 0, tr("starting"));
  const unsigned threads = m_threads;
  (void)QtConcurrent::run(&m_pool, [this, scenario, stop, gen, threads, confirm] {
    lowerCurrentThreadPriority();
    planner::PlanOptions options;
    options.threads = threads;
    options.confirm = confirm;
    planner::PlannerControl control;
    control.stop = stop->get_token();
    auto last = std::make_shared<std::chrono::steady_clock::time_point>();
    control.on_progress = [this, gen, last](const planner::PlannerProgress& p) {
      // Callbacks are serialised by the planner; at most ~20 updates a second are sent.
      const auto now = std::chrono::steady_clock::now();
      if (now - *last < std::chrono::milliseconds(50) && p.done != p.total) return;
      *last = now;
      const QString what = QString::fromStdString(p.what);
      QMetaObject::invokeMethod(
          this,
          [this, gen, p, what] {
            if (gen == m_generation && m_running)
              emit progress(static_cast<int>(p.done), static_cast<int>(p.total), what);
          },
          Qt::QueuedConnection);
    };
    PlanPtr plan;
    QString error;
    try {
      plan = std::make_shared<const planner::PlanResult>(planner::plan(scenario, options, control));
    } catch (const std::exception& e) {
      error = QString::fromStdString(e.what());
    }
    if (control.stop.stop_requested()) return;  // cancelled or superseded: incomplete
    QMetaObject::invokeMethod(
        this,
        [this, gen, plan, error] {
          if (gen != m_generation || !m_running) return;
          m_running = false;
          emit runningChanged(false);
          if (plan)
            emit simulatedReady(plan);
          else
            emit simulatedFailed(error);
        },
        Qt::QueuedConnection);
  });
}

void PlanRunner::cancel() {
  if (!m_running) return;
  if (m_stop) m_stop->request_stop();
  ++m_generation;
  m_running = false;
  emit runningChanged(false);
}

}  // namespace kendall::gui
