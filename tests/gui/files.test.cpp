// Unsaved-changes prompt (driven without blocking), save/clean state, autosave and recovery
// after a crash, recent files, a file changed on disk.
#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "core/autosave.h"
#include "gui_test_support.h"
#include "views/main_window.h"

using namespace kendall;
using namespace kendall::gui;

namespace {
void editServers(MainWindow& window, std::uint32_t servers) {
  model::Scenario edited = *window.document()->scenario();
  edited.stations[0].servers = servers;
  window.document()->applyFormEdit(edited, QStringLiteral("servers"));
}
}  // namespace

class FilesTest : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    test::isolateSettings("kendall-studio-files-test");
    for (const auto& e : Autosave::leftovers()) Autosave::remove(e);
    QSettings().clear();
  }

  void unsavedChangesPrompt() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("web.yaml"));
    QVERIFY(QFile::copy(test::bundledPath(QStringLiteral("web-api.yaml")), path));
    MainWindow window;
    QVERIFY(window.openFile(path));
    editServers(window, 9);
    QVERIFY(window.document()->isModified());
    QVERIFY(window.isWindowModified());
    const QString edited = window.document()->text();

    // Cancel: nothing happens.
    QString asked;
    test::answerNextMessageBox(QMessageBox::Cancel, &asked);
    QVERIFY(!window.openExample(QStringLiteral("three-tier.yaml")));
    QVERIFY(asked.contains(QStringLiteral("web.yaml")));
    QCOMPARE(window.document()->text(), edited);

    // Save: written, clean, then the example opens.
    test::answerNextMessageBox(QMessageBox::Save);
    QVERIFY(window.openExample(QStringLiteral("three-tier.yaml")));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(file.readAll()), edited);

    // Discard on close: the edit is dropped and the window closes.
    editServers(window, 5);
    test::answerNextMessageBox(QMessageBox::Discard);
    QVERIFY(window.close());
  }

  void savedStateFollowsUndo() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("s.yaml"));
    QVERIFY(QFile::copy(test::bundledPath(QStringLiteral("three-tier.yaml")), path));
    MainWindow window;
    QVERIFY(window.openFile(path));
    editServers(window, 6);
    QVERIFY(window.save());
    QVERIFY(!window.document()->isModified());
    window.document()->undoStack()->undo();
    QVERIFY(window.document()->isModified());  // the saved file has 6 servers
    window.document()->undoStack()->redo();
    QVERIFY(!window.document()->isModified());
    QCOMPARE(QSettings().value(QStringLiteral("recentFiles")).toStringList().value(0),
             QFileInfo(path).absoluteFilePath());
  }

  void autosaveAndRecovery() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("crash.yaml"));
    QVERIFY(QFile::copy(test::bundledPath(QStringLiteral("web-api.yaml")), path));
    QString unsaved;
    {
      MainWindow window;
      QVERIFY(window.openFile(path));
      editServers(window, 11);
      unsaved = window.document()->text();
      QTRY_VERIFY_WITH_TIMEOUT(!Autosave::leftovers().isEmpty(), 5000);
      // "Crash": the window goes away without closeEvent, the copy stays.
    }
    const auto leftovers = Autosave::leftovers();
    QCOMPARE(leftovers.size(), 1);
    QCOMPARE(leftovers.first().text, unsaved);
    QCOMPARE(leftovers.first().originalPath, QFileInfo(path).absoluteFilePath());

    MainWindow next;
    test::answerNextMessageBox(QMessageBox::Yes);
    next.offerRecovery();
    QCOMPARE(next.document()->text(), unsaved);
    QCOMPARE(next.document()->filePath(), QFileInfo(path).absoluteFilePath());
    QVERIFY(next.document()->isModified());
    // Undo goes back to the file on disk.
    next.document()->undoStack()->undo();
    QVERIFY(!next.document()->isModified());
    QVERIFY(Autosave::leftovers().isEmpty());
  }

  void changedOnDiskIsReloaded() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("watched.yaml"));
    QVERIFY(QFile::copy(test::bundledPath(QStringLiteral("web-api.yaml")), path));
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
    MainWindow window;
    QVERIFY(window.openFile(path));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QFile original(test::bundledPath(QStringLiteral("three-tier.yaml")));
    QVERIFY(original.open(QIODevice::ReadOnly));
    const QByteArray other = original.readAll();
    file.write(other);
    file.close();
    QTRY_COMPARE_WITH_TIMEOUT(window.document()->text(), QString::fromUtf8(other), 5000);
    QVERIFY(!window.document()->isModified());
  }
};

QTEST_MAIN(FilesTest)
#include "files.test.moc"
