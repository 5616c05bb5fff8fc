// kendall-studio [scenario.yaml]: the Kendall desktop app.
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QTimer>

#include "views/main_window.h"
#include "views/screenshot_session.h"

int main(int argc, char* argv[]) {
  QApplication app(argc, argv);
  QApplication::setOrganizationName(QStringLiteral("Kendall"));
  QApplication::setApplicationName(QStringLiteral("Kendall Studio"));
  QApplication::setApplicationVersion(QStringLiteral(KENDALL_VERSION));

  QCommandLineParser parser;
  parser.setApplicationDescription(
      QStringLiteral("Kendall Studio: queueing theory and simulation side by side"));
  parser.addHelpOption();
  parser.addVersionOption();
  parser.addPositionalArgument(QStringLiteral("scenario"),
                               QStringLiteral("Scenario file to open (YAML)"));
  QCommandLineOption screenshots(
      QStringLiteral("screenshots"),
      QStringLiteral("Simulate the scenario, save PNGs of the main views into DIR, quit"),
      QStringLiteral("DIR"));
  parser.addOption(screenshots);
  parser.process(app);

  kendall::gui::MainWindow window;
  window.show();
  const QStringList files = parser.positionalArguments();
  if (!files.isEmpty()) {
    window.openFile(QDir::current().absoluteFilePath(files.first()));
  } else {
    window.openExample(QStringLiteral("web-api.yaml"));
  }
  if (parser.isSet(screenshots)) {
    const QString stem =
        files.isEmpty() ? QStringLiteral("web-api") : QFileInfo(files.first()).completeBaseName();
    kendall::gui::startScreenshotSession(&window, parser.value(screenshots), stem);
    return QApplication::exec();
  }
  // After the window is up: offer edits a crashed session left behind.
  QTimer::singleShot(0, &window, &kendall::gui::MainWindow::offerRecovery);
  return QApplication::exec();
}
