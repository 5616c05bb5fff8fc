#include "views/screenshot_session.h"

#include <functional>
#include <memory>

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QTabWidget>
#include <QTimer>

#include "core/capacity_export.h"
#include "views/main_window.h"
#include "views/planner_panel.h"
#include "views/plots_view.h"

namespace kendall::gui {

namespace {

void grab(QWidget* widget, const QString& path) {
  QApplication::processEvents();
  widget->grab().save(path);
}

void shootAll(MainWindow* window, const QString& dir, const QString& stem) {
  const auto name = [&](const QString& view) {
    return QDir(dir).filePath(stem + QLatin1Char('-') + view + QStringLiteral(".png"));
  };
  window->editTabs()->setCurrentIndex(0);
  window->viewTabs()->setCurrentIndex(0);
  grab(window, name(QStringLiteral("main")));
  window->editTabs()->setCurrentIndex(1);
  window->viewTabs()->setCurrentIndex(1);
  grab(window, name(QStringLiteral("yaml-diagram")));
  window->editTabs()->setCurrentIndex(0);
  for (int i = 0; i < window->viewTabs()->count(); ++i) {
    window->viewTabs()->setCurrentIndex(i);
    QWidget* page = window->viewTabs()->currentWidget();
    if (page == window->plotsView()) {
      QTabWidget* plots = window->plotsView()->tabs();
      for (int p = 0; p < plots->count(); ++p) {
        plots->setCurrentIndex(p);
        grab(page, name(QStringLiteral("plot-%1").arg(p + 1)));
      }
    } else if (page == window->plannerPanel()) {
      grab(page, name(QStringLiteral("planner-analytic")));
    } else {
      grab(page, name(page->objectName()));
    }
  }
  window->viewTabs()->setCurrentIndex(0);
}

void shootSimulatedPlan(MainWindow* window, const std::function<QString(const QString&)>& name);

/// The planner: a what-if (20% more traffic) answered by theory, then the plan confirmed by
/// simulation (whole window), and its capacity report exported as HTML and PDF.
void shootPlanner(MainWindow* window, const QString& dir, const QString& stem) {
  // By value: the connected lambdas below outlive this function.
  const auto name = [dir, stem](const QString& what) {
    return QDir(dir).filePath(stem + QLatin1Char('-') + what);
  };
  PlannerPanel* panel = window->plannerPanel();
  window->viewTabs()->setCurrentWidget(panel);
  if (!panel->plannedScenario()) {
    QApplication::quit();
    return;
  }
  WhatIf more;
  more.arrivalFactor = 1.2;
  panel->setWhatIf(more);
  auto once = std::make_shared<bool>(false);
  QObject::connect(panel, &PlannerPanel::planShown, window, [=] {
    if (*once || panel->runner()->analyticPending() || panel->whatIf().arrivalFactor != 1.2) return;
    *once = true;
    grab(panel, name(QStringLiteral("planner-whatif.png")));
    if (!panel
             ->shownPlan()) {  // the planner cannot plan it (a closed network): its reason is shown
      QApplication::quit();
      return;
    }
    panel->setWhatIf(WhatIf{});
    panel->runSimulatedPlan();
  });
  QObject::connect(panel, &PlannerPanel::simulatedPlanFinished, window, [=] {
    // Let the layouts settle (the tables change height) before the picture.
    QTimer::singleShot(300, window, [=] { shootSimulatedPlan(window, name); });
  });
}

void shootSimulatedPlan(MainWindow* window, const std::function<QString(const QString&)>& name) {
  {
    grab(window, name(QStringLiteral("planner.png")));
    (void)window->exportCapacityReport(name(QStringLiteral("capacity-report.html")));
    (void)window->exportCapacityReport(name(QStringLiteral("capacity-report.pdf")));
    QFile html(name(QStringLiteral("capacity-report.html")));
    if (html.open(QIODevice::ReadOnly)) {
      int page = 0;
      for (const QImage& image : previewPdfPages(QString::fromUtf8(html.readAll()), 3)) {
        image.save(name(QStringLiteral("capacity-report-pdf-page%1.png").arg(++page)));
      }
    }
    QApplication::quit();
  }
}

}  // namespace

void startScreenshotSession(MainWindow* window, const QString& directory, const QString& stem) {
  QDir().mkpath(directory);
  window->resize(1500, 900);
  QObject::connect(window, &MainWindow::simulationFinished, window, [=] {
    // Let the trajectory (recorded after the experiment) arrive before the pictures.
    QTimer::singleShot(1500, window, [=] {
      shootAll(window, directory, stem);
      shootPlanner(window, directory, stem);
    });
  });
  QTimer::singleShot(300, window, [window] { window->runSimulation(); });
  // Never hang a script: give up after three minutes.
  QTimer::singleShot(180000, window, [] { QApplication::exit(3); });
}

}  // namespace kendall::gui
