#include "core/autosave.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QStandardPaths>

namespace kendall::gui {

QString Autosave::directory() {
  const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
                      QStringLiteral("/autosave");
  QDir().mkpath(dir);
  return dir;
}

QList<AutosaveEntry> Autosave::leftovers() {
  QList<AutosaveEntry> out;
  const QDir dir(directory());
  for (const QString& name : dir.entryList({QStringLiteral("*.yaml")}, QDir::Files, QDir::Time)) {
    AutosaveEntry e;
    e.autosavePath = dir.filePath(name);
    QFile text(e.autosavePath);
    if (!text.open(QIODevice::ReadOnly)) continue;
    e.text = QString::fromUtf8(text.readAll());
    QFile origin(e.autosavePath + QStringLiteral(".origin"));
    if (origin.open(QIODevice::ReadOnly)) e.originalPath = QString::fromUtf8(origin.readAll());
    out << e;
  }
  return out;
}

void Autosave::write(const QString& text, const QString& originalPath) {
  const QString key = originalPath.isEmpty()
                          ? QStringLiteral("untitled-%1").arg(QCoreApplication::applicationPid())
                          : QString::fromLatin1(QCryptographicHash::hash(originalPath.toUtf8(),
                                                                         QCryptographicHash::Sha1)
                                                    .toHex()
                                                    .left(16));
  const QString path = QDir(directory()).filePath(key + QStringLiteral(".yaml"));
  if (!m_path.isEmpty() && m_path != path) discard();
  m_path = path;
  QSaveFile file(path);
  if (file.open(QIODevice::WriteOnly)) {
    file.write(text.toUtf8());
    file.commit();
  }
  QSaveFile origin(path + QStringLiteral(".origin"));
  if (origin.open(QIODevice::WriteOnly)) {
    origin.write(originalPath.toUtf8());
    origin.commit();
  }
}

void Autosave::discard() {
  if (m_path.isEmpty()) return;
  QFile::remove(m_path);
  QFile::remove(m_path + QStringLiteral(".origin"));
  m_path.clear();
}

void Autosave::remove(const AutosaveEntry& entry) {
  QFile::remove(entry.autosavePath);
  QFile::remove(entry.autosavePath + QStringLiteral(".origin"));
}

}  // namespace kendall::gui
