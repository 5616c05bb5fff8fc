#include "core/load_sweep.h"

#include <QMetaObject>
#include <QtConcurrent>

#include "kendall/error.hpp"
#include "kendall/model/scenario_solver.hpp"
#include "kendall/sim/experiment.hpp"

#include "core/background_priority.h"

namespace kendall::gui {

namespace {

model::DistributionSpec faster(const model::DistributionSpec& d, double f) {
  using namespace model::dist;
  model::DistributionSpec out = d;
  std::visit(
      [f](auto& x) {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, Exponential>)
          x.rate *= f;
        else if constexpr (std::is_same_v<T, Deterministic>)
          x.value /= f;
        else if constexpr (std::is_same_v<T, Erlang>)
          x.mean /= f;
        else if constexpr (std::is_same_v<T, Gamma>)
          x.scale /= f;
        else if constexpr (std::is_same_v<T, Lognormal>)
          x.mean /= f;
        else if constexpr (std::is_same_v<T, Hyperexponential>) {
          for (double& r : x.rates) r *= f;
        } else if constexpr (std::is_same_v<T, Uniform>) {
          x.low /= f;
          x.high /= f;
        } else if constexpr (std::is_same_v<T, Weibull>)
          x.scale /= f;
        else if constexpr (std::is_same_v<T, Empirical>) {
          for (double& v : x.values) v /= f;
        }
      },
      out);
  return out;
}

}  // namespace

model::Scenario scaleArrivals(const model::Scenario& scenario, double factor) {
  model::Scenario out = scenario;
  for (auto& a : out.arrivals) {
    a.interarrival = faster(a.interarrival, factor);
    if (a.rate_profile) {
      for (double& v : a.rate_profile->values) v *= factor;
    }
  }
  return out;
}

std::vector<LoadPoint> analyticLoadCurve(const model::Scenario& scenario, std::size_t station,
                                         const std::vector<double>& factors) {
  std::vector<LoadPoint> out;
  for (double f : factors) {
    LoadPoint p;
    p.factor = f;
    try {
      const auto solution = model::solve_scenario(scaleArrivals(scenario, f));
      if (station < solution.stations.size() && solution.stations[station].result) {
        const auto& r = *solution.stations[station].result;
        p.utilization = r.metrics.get("utilization").value_or(0.0);
        if (r.stable) {
          p.W = r.metrics.get("W");
          p.Wq = r.metrics.get("Wq");
        }
      }
    } catch (const kendall::Error&) {
    }
    out.push_back(p);
  }
  return out;
}

SweepRunner::SweepRunner(QObject* parent) : QObject(parent) { m_pool.setMaxThreadCount(2); }

SweepRunner::~SweepRunner() {
  if (m_stop) m_stop->request_stop();
  m_pool.waitForDone();
}

void SweepRunner::start(const model::Scenario& scenario, const std::vector<double>& factors,
                        std::uint64_t customers) {
  cancel();
  m_stop = std::make_shared<std::stop_source>();
  const int gen = ++m_generation;
  m_running = true;
  auto stop = m_stop;
  (void)QtConcurrent::run(&m_pool, [this, gen, stop, scenario, factors, customers] {
    lowerCurrentThreadPriority();
    for (double f : factors) {
      if (stop->stop_requested()) break;
      model::Scenario s = scaleArrivals(scenario, f);
      s.run.customers = std::min<std::uint64_t>(s.run.customers.value_or(customers), customers);
      s.run.precision.reset();
      sim::RunControl control;
      control.stop = stop->get_token();
      try {
        auto result =
            std::make_shared<const sim::ExperimentResult>(sim::run_experiment(s, {}, control));
        if (result->stop_reason == sim::StopReason::Cancelled) break;
        QMetaObject::invokeMethod(
            this,
            [this, gen, f, result] {
              if (gen == m_generation) emit pointReady(f, result);
            },
            Qt::QueuedConnection);
      } catch (const std::exception&) {
        // An unstable or unrunnable point is simply not drawn.
      }
    }
    QMetaObject::invokeMethod(
        this,
        [this, gen] {
          if (gen != m_generation) return;
          m_running = false;
          emit done();
        },
        Qt::QueuedConnection);
  });
}

void SweepRunner::cancel() {
  if (m_stop) m_stop->request_stop();
  m_running = false;
}

}  // namespace kendall::gui
