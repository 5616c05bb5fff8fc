#include "views/screenshot_session.h"

#include <QApplication>
#include <QDir>
#include <QTabWidget>
#include <QTimer>

#include "views/main_window.h"
#include "views/plots_view.h"

namespace kendall::gui {

namespace {

void grab(QWidget* widget, const QString& path) {
  QApplication::processEvents();
  widget->grab().save(path);
}

void shootAll(MainWindow* window, const QString& dir, const QString& stem) {
  const auto name = [&](const QString& view) { return QDir(dir).filePath(stem + QLatin1Char('-') + view + QStringLiteral(".png")); };
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
    } else {
      grab(page, name(page->objectName()));
    }
  }
  window->viewTabs()->setCurrentIndex(0);
}

}  // namespace

void startScreenshotSession(MainWindow* window, const QString& directory, const QString& stem) {
  QDir().mkpath(directory);
  window->resize(1500, 900);
  QObject::connect(window, &MainWindow::simulationFinished, window, [=] {
    // Let the trajectory (recorded after the experiment) arrive before the pictures.
    QTimer::singleShot(1500, window, [=] {
      shootAll(window, directory, stem);
      QApplication::quit();
    });
  });
  QTimer::singleShot(300, window, [window] { window->runSimulation(); });
  // Never hang a script: give up after two minutes.
  QTimer::singleShot(120000, window, [] { QApplication::exit(3); });
}

}  // namespace kendall::gui
