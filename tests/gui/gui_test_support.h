#pragma once
// Shared helpers of the Kendall Studio tests.

#include <functional>

#include <QApplication>
#include <QDir>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardPaths>
#include <QStringList>
#include <QTimer>

#include "core/scenario_document.h"

namespace kendall::gui::test {

/// Every bundled example scenario (file names).
inline QStringList bundledScenarios() {
  return QDir(bundledScenariosDir()).entryList({QStringLiteral("*.yaml")}, QDir::Files, QDir::Name);
}

inline QString bundledPath(const QString& name) {
  return QDir(bundledScenariosDir()).filePath(name);
}

/// Settings and autosaves go to a throw-away test location.
inline void isolateSettings(const char* app) {
  QStandardPaths::setTestModeEnabled(true);
  QApplication::setOrganizationName(QStringLiteral("KendallTest"));
  QApplication::setApplicationName(QString::fromLatin1(app));
}

/// Answers the next modal message box with `button` without blocking the test: polls for the
/// box from the event loop that the dialog's exec() runs.
inline void answerNextMessageBox(QMessageBox::StandardButton button, QString* seenText = nullptr) {
  auto* timer = new QTimer;
  timer->setInterval(10);
  QObject::connect(timer, &QTimer::timeout, timer, [timer, button, seenText] {
    auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
    if (!box) return;
    if (seenText) *seenText = box->text();
    if (QAbstractButton* b = box->button(button)) b->click();
    timer->stop();
    timer->deleteLater();
  });
  timer->start();
}

}  // namespace kendall::gui::test
