#pragma once
// One scenario being edited: its YAML text is the single source of truth. The form and the
// YAML editor are two views of it; every change (form or text) is one QUndoCommand that
// replaces the text, so undo/redo, the clean state and the saved file always agree.

#include <optional>
#include <vector>

#include <QObject>
#include <QString>
#include <QStringList>
#include <QUndoStack>

#include "kendall/model/scenario.hpp"
#include "kendall/model/scenario_solver.hpp"

namespace kendall::gui {

/// A problem found in the text, located as the library reports it.
struct TextProblem {
  int line = 0;     ///< 1-based; 0 = unknown
  int column = 0;   ///< 1-based; 0 = unknown
  QString message;  ///< without the location
  QString full;     ///< `file:line:col: message`, exactly as the library wrote it
  bool warning = false;
};

/// Where a form edit left the YAML comments.
enum class CommentFate { NoneToKeep, Kept, Lost };

class ScenarioDocument : public QObject {
  Q_OBJECT
 public:
  explicit ScenarioDocument(QObject* parent = nullptr);
  ~ScenarioDocument() override;

  [[nodiscard]] const QString& text() const { return m_text; }
  [[nodiscard]] const QString& filePath() const { return m_filePath; }
  /// File name for titles and messages ("untitled.yaml" before the first save).
  [[nodiscard]] QString displayName() const;
  [[nodiscard]] bool isModified() const { return !m_undoStack.isClean(); }
  [[nodiscard]] QUndoStack* undoStack() { return &m_undoStack; }

  /// True when the current text parsed and validated.
  [[nodiscard]] bool isValid() const { return m_current.has_value(); }
  /// The scenario of the current text, when valid.
  [[nodiscard]] const std::optional<model::Scenario>& scenario() const { return m_current; }
  /// What the form shows: the current scenario; after a form edit that made the text invalid,
  /// the edited (invalid) scenario; after a text edit that broke the file, the last valid one.
  [[nodiscard]] const std::optional<model::Scenario>& formScenario() const;
  /// False when the form shows an older scenario than the text (the text does not parse).
  [[nodiscard]] bool formMatchesText() const;
  [[nodiscard]] const std::vector<TextProblem>& problems() const { return m_problems; }

  /// Analytic solution of the current scenario (computed on every valid change; instant).
  [[nodiscard]] const std::optional<model::ScenarioSolution>& solution() const {
    return m_solution;
  }
  /// Why there is no solution (empty when there is one or the text is invalid).
  [[nodiscard]] const QString& solveError() const { return m_solveError; }

  /// Replaces the document (no undo history): a file read from disk, a bundled example.
  void resetTo(const QString& text, const QString& filePath);
  /// Reads a file; returns an error message or an empty string.
  QString load(const QString& path);
  /// Writes the text to `path` (becoming the document's file) and marks it clean.
  QString save(const QString& path);

  /// A text edit (from the YAML editor). Consecutive typing merges into one undo step.
  void editText(const QString& newText, const QString& description = tr("Edit YAML"));
  /// A form edit: the text becomes `edited`. Scalar changes are patched into the existing
  /// text so that comments and layout survive; otherwise the text is rewritten by the
  /// library's writer and the comments are lost (the return value says which).
  CommentFate applyFormEdit(const model::Scenario& edited, const QString& description);

  /// Internal: applies a text (used by the undo commands).
  void setTextInternal(const QString& text, const std::optional<model::Scenario>& draft);

 signals:
  void textChanged();
  void scenarioChanged();
  void modifiedChanged(bool modified);
  void filePathChanged(const QString& path);
  /// A form edit could not keep the comments of the YAML (message for the status bar).
  void notice(const QString& message);

 private:
  void reparse();

  QString m_text;
  QString m_filePath;
  QUndoStack m_undoStack;
  std::optional<model::Scenario> m_current;
  std::optional<model::Scenario> m_lastValid;
  std::optional<model::Scenario> m_draft;  ///< form edit that made the text invalid
  std::vector<TextProblem> m_problems;
  std::optional<model::ScenarioSolution> m_solution;
  QString m_solveError;
};

/// Base directory of bundled example scenarios (the source tree's scenarios/).
[[nodiscard]] QString bundledScenariosDir();

}  // namespace kendall::gui
