#include "core/simulation_runner.h"

#include <chrono>
#include <vector>

#include <QMetaObject>
#include <QtConcurrent>

#include "kendall/error.hpp"
#include "kendall/sim/experiment/aggregation.hpp"
#include "kendall/sim/experiment/experiment_runner.hpp"
#include "kendall/sim/experiment/warmup_pilot.hpp"
#include "kendall/sim/replication.hpp"

#include "core/background_priority.h"

namespace kendall::gui {

struct SimulationRunner::Job {
  std::stop_source stop;
  int generation = 0;
  std::mutex mutex;  // guards outputs and lastProgress
  std::vector<sim::ReplicationOutput> outputs;
  std::chrono::steady_clock::time_point lastProgress{};
};

SimulationRunner::SimulationRunner(QObject* parent) : QObject(parent) {
  // Room for a new run to start while the cancelled one winds down.
  m_pool.setMaxThreadCount(4);
}

SimulationRunner::~SimulationRunner() {
  if (m_job) m_job->stop.request_stop();
  m_pool.waitForDone();
}

void SimulationRunner::start(const model::Scenario& scenario) {
  if (m_job) m_job->stop.request_stop();
  auto job = std::make_shared<Job>();
  job->generation = ++m_generation;
  m_job = job;
  const bool wasRunning = m_running;
  m_running = true;
  if (!wasRunning) emit runningChanged(true);
  emit progress(0.0, 0, static_cast<int>(scenario.run.replications));

  const unsigned threads = m_threads;
  const bool wantTrajectory = m_recordTrajectory;
  (void)QtConcurrent::run(&m_pool, [this, job, scenario, threads, wantTrajectory] {
    lowerCurrentThreadPriority();
    const int gen = job->generation;
    sim::RunControl control;
    control.stop = job->stop.get_token();
    control.on_progress = [this, job, gen](const sim::Progress& p) {
      // At most ~20 updates a second reach the GUI thread.
      const auto now = std::chrono::steady_clock::now();
      {
        std::lock_guard lock(job->mutex);
        if (now - job->lastProgress < std::chrono::milliseconds(50)) return;
        job->lastProgress = now;
      }
      QMetaObject::invokeMethod(
          this,
          [this, gen, p] {
            deliverProgress(gen, p.fraction, static_cast<int>(p.replications_done),
                            static_cast<int>(p.replications_planned));
          },
          Qt::QueuedConnection);
    };
    const bool replications = scenario.run.ci_method == model::CiMethod::Replications;
    // Each completed replication joins the partial estimate (pilots of warm-up auto do not).
    sim::ReplicateFunction replicate = [this, job, gen, replications](
                                           const model::Scenario& measured,
                                           const sim::ReplicationRequest& request,
                                           const sim::RunControl& inner) {
      lowerCurrentThreadPriority();
      auto out = sim::run_replication(measured, request, inner);
      if (!replications || request.index >= sim::warmup_pilot_first_index) return out;
      for (const auto& o : out) {
        if (o.status == sim::RunStatus::Cancelled) return out;
      }
      std::vector<sim::ReplicationOutput> snapshot;
      {
        std::lock_guard lock(job->mutex);
        job->outputs.insert(job->outputs.end(), out.begin(), out.end());
        snapshot = job->outputs;
      }
      if (snapshot.size() >= 2) {
        sim::AggregationOptions options;
        options.confidence = measured.run.confidence;
        try {
          auto partial = std::make_shared<sim::ExperimentResult>(
              sim::aggregate_outputs(measured, std::move(snapshot), options));
          QMetaObject::invokeMethod(
              this, [this, gen, partial] { deliverPartial(gen, partial); }, Qt::QueuedConnection);
        } catch (const kendall::Error&) {
          // A partial view is a convenience; the final result reports real problems.
        }
      }
      return out;
    };
    try {
      sim::ExecutionOptions execution;
      execution.threads = threads;
      auto result = std::make_shared<sim::ExperimentResult>(
          sim::run_experiment_with(scenario, execution, control, replicate));
      const bool cancelled = result->stop_reason == sim::StopReason::Cancelled;
      QMetaObject::invokeMethod(
          this, [this, gen, result] { deliverFinished(gen, result); }, Qt::QueuedConnection);
      if (wantTrajectory && !cancelled) {
        TrajectoryPtr trajectory =
            kendall::gui::recordTrajectory(scenario, sim::RunControl{control.stop, {}, 65536});
        QMetaObject::invokeMethod(
            this,
            [this, gen, trajectory] {
              if (gen == m_generation) emit trajectoryReady(trajectory);
            },
            Qt::QueuedConnection);
      }
    } catch (const std::exception& e) {
      const QString message = QString::fromStdString(e.what());
      QMetaObject::invokeMethod(
          this, [this, gen, message] { deliverFailed(gen, message); }, Qt::QueuedConnection);
    }
  });
}

void SimulationRunner::cancel() {
  if (!m_job || !m_running) return;
  m_job->stop.request_stop();
  m_running = false;
  emit runningChanged(false);
}

void SimulationRunner::discard() {
  cancel();
  ++m_generation;
}

void SimulationRunner::deliverProgress(int generation, double fraction, int done, int planned) {
  if (generation != m_generation || !m_running) return;
  emit progress(fraction, done, planned);
}

void SimulationRunner::deliverPartial(int generation, ResultPtr result) {
  if (generation != m_generation || !m_running) return;
  emit partialResult(std::move(result));
}

void SimulationRunner::deliverFinished(int generation, ResultPtr result) {
  if (generation != m_generation) return;
  if (m_running) {
    m_running = false;
    emit runningChanged(false);
  }
  emit finished(std::move(result));
}

void SimulationRunner::deliverFailed(int generation, const QString& message) {
  if (generation != m_generation) return;
  if (m_running) {
    m_running = false;
    emit runningChanged(false);
  }
  emit failed(message);
}

}  // namespace kendall::gui
