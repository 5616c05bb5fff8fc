#pragma once
// The YAML view of the document: plain text, monospace, the lines with problems marked
// (errors red, warnings yellow) and the library's message shown on hover. Typing reaches the
// document after a short pause, as one undo step per burst.

#include <QPlainTextEdit>
#include <QTimer>

namespace kendall::gui {

class ScenarioDocument;

class YamlEditor : public QPlainTextEdit {
  Q_OBJECT
 public:
  explicit YamlEditor(ScenarioDocument* document, QWidget* parent = nullptr);

  /// Sends pending typing to the document now (before undo, save, run).
  void flushPending();
  /// Moves the cursor to a 1-based line and column and shows it.
  void goToLine(int line, int column = 1);

 protected:
  bool event(QEvent* e) override;

 private:
  void syncFromDocument();
  void markProblems();

  ScenarioDocument* m_document;
  QTimer m_debounce;
  bool m_applying = false;
};

}  // namespace kendall::gui
