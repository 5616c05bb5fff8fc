#pragma once
// `kendall-studio --screenshots DIR scenario.yaml`: opens the scenario, simulates it, and saves
// a PNG of each main view into DIR, then quits (used by gui/tools/screenshots.sh under Xvfb).

#include <QString>

namespace kendall::gui {

class MainWindow;

/// Starts the session on `window`; the application quits when the pictures are written.
void startScreenshotSession(MainWindow* window, const QString& directory, const QString& stem);

}  // namespace kendall::gui
