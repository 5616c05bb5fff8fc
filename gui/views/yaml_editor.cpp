#include "views/yaml_editor.h"

#include <QFontDatabase>
#include <QHelpEvent>
#include <QScrollBar>
#include <QTextBlock>
#include <QToolTip>

#include "core/scenario_document.h"

namespace kendall::gui {

YamlEditor::YamlEditor(ScenarioDocument* document, QWidget* parent)
    : QPlainTextEdit(parent), m_document(document) {
  setObjectName(QStringLiteral("yamlEditor"));
  setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  setLineWrapMode(QPlainTextEdit::NoWrap);
  // The document's undo stack is the only one: Ctrl+Z must undo form edits too.
  setUndoRedoEnabled(false);
  setTabChangesFocus(false);
  m_debounce.setSingleShot(true);
  m_debounce.setInterval(400);
  connect(&m_debounce, &QTimer::timeout, this, &YamlEditor::flushPending);
  connect(this, &QPlainTextEdit::textChanged, this, [this] {
    if (!m_applying) m_debounce.start();
  });
  connect(document, &ScenarioDocument::textChanged, this, &YamlEditor::syncFromDocument);
  connect(document, &ScenarioDocument::scenarioChanged, this, &YamlEditor::markProblems);
  syncFromDocument();
}

void YamlEditor::flushPending() {
  if (!m_debounce.isActive() && toPlainText() == m_document->text()) return;
  m_debounce.stop();
  m_document->editText(toPlainText());
}

void YamlEditor::syncFromDocument() {
  if (toPlainText() == m_document->text()) {
    markProblems();
    return;
  }
  m_debounce.stop();
  m_applying = true;
  const int position = textCursor().position();
  const int scroll = verticalScrollBar()->value();
  setPlainText(m_document->text());
  QTextCursor cursor = textCursor();
  cursor.setPosition(std::min(position, static_cast<int>(m_document->text().size())));
  setTextCursor(cursor);
  verticalScrollBar()->setValue(scroll);
  m_applying = false;
  markProblems();
}

void YamlEditor::markProblems() {
  QList<QTextEdit::ExtraSelection> marks;
  for (const TextProblem& p : m_document->problems()) {
    if (p.line <= 0) continue;
    const QTextBlock block = document()->findBlockByNumber(p.line - 1);
    if (!block.isValid()) continue;
    QTextEdit::ExtraSelection mark;
    mark.format.setBackground(p.warning ? QColor(0xff, 0xf4, 0xc2) : QColor(0xff, 0xd6, 0xd6));
    mark.format.setProperty(QTextFormat::FullWidthSelection, true);
    mark.cursor = QTextCursor(block);
    marks << mark;
    if (!p.warning && p.column > 0) {
      QTextEdit::ExtraSelection underline;
      underline.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
      underline.format.setUnderlineColor(Qt::red);
      underline.cursor = QTextCursor(block);
      underline.cursor.movePosition(QTextCursor::Right, QTextCursor::MoveAnchor, p.column - 1);
      underline.cursor.movePosition(QTextCursor::EndOfWord, QTextCursor::KeepAnchor);
      marks << underline;
    }
  }
  setExtraSelections(marks);
}

void YamlEditor::goToLine(int line, int column) {
  const QTextBlock block = document()->findBlockByNumber(std::max(0, line - 1));
  QTextCursor cursor(block);
  cursor.movePosition(QTextCursor::Right, QTextCursor::MoveAnchor, std::max(0, column - 1));
  setTextCursor(cursor);
  centerCursor();
  setFocus();
}

bool YamlEditor::event(QEvent* e) {
  if (e->type() == QEvent::ToolTip) {
    auto* help = static_cast<QHelpEvent*>(e);
    const QTextCursor cursor = cursorForPosition(viewport()->mapFromParent(help->pos()));
    const int line = cursor.blockNumber() + 1;
    QStringList messages;
    for (const TextProblem& p : m_document->problems()) {
      if (p.line == line) messages << p.full;
    }
    if (messages.isEmpty())
      QToolTip::hideText();
    else
      QToolTip::showText(help->globalPos(), messages.join(QLatin1Char('\n')), this);
    return true;
  }
  return QPlainTextEdit::event(e);
}

}  // namespace kendall::gui
