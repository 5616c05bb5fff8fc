#pragma once
// Unsaved edits are written aside (QStandardPaths::AppDataLocation/autosave) a moment after
// each change and removed when the document is saved or deliberately discarded. Whatever is
// still there at start-up was left by a session that crashed or was killed, and is offered
// back.

#include <QList>
#include <QString>

namespace kendall::gui {

struct AutosaveEntry {
  QString autosavePath;  ///< the copy of the unsaved text
  QString originalPath;  ///< the file it belongs to (empty for an untitled document)
  QString text;
};

class Autosave {
 public:
  /// The folder; created on demand.
  [[nodiscard]] static QString directory();
  /// Copies left by an earlier session.
  [[nodiscard]] static QList<AutosaveEntry> leftovers();

  /// Writes `text` as the unsaved state of the document whose file is `originalPath`.
  void write(const QString& text, const QString& originalPath);
  /// Removes this session's copy (after a save, or when the edits are discarded).
  void discard();
  /// Removes one leftover (after it was restored or declined).
  static void remove(const AutosaveEntry& entry);

 private:
  QString m_path;  ///< this session's copy, if written
};

}  // namespace kendall::gui
