#include "core/scenario_document.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QUndoCommand>

#include "kendall/error.hpp"
#include "kendall/model/metrics.hpp"
#include "kendall/model/scenario_loader.hpp"
#include "kendall/model/scenario_writer.hpp"

#include "core/yaml_patch.h"

namespace kendall::gui {

namespace {

// Replaces the whole text. Typing in the YAML editor merges into one step while it goes on
// (within two seconds); form edits never merge.
class SetTextCommand : public QUndoCommand {
 public:
  SetTextCommand(ScenarioDocument* doc, QString before, QString after, const QString& what,
                 bool typing, std::optional<model::Scenario> draft)
      : QUndoCommand(what),
        m_doc(doc),
        m_before(std::move(before)),
        m_after(std::move(after)),
        m_typing(typing),
        m_draft(std::move(draft)),
        m_when(QDateTime::currentMSecsSinceEpoch()) {}

  void undo() override { m_doc->setTextInternal(m_before, std::nullopt); }
  void redo() override { m_doc->setTextInternal(m_after, m_draft); }
  [[nodiscard]] int id() const override { return m_typing ? 1 : -1; }
  bool mergeWith(const QUndoCommand* other) override {
    const auto* o = static_cast<const SetTextCommand*>(other);
    if (!o->m_typing || o->m_when - m_when > 2000) return false;
    m_after = o->m_after;
    m_when = o->m_when;
    return true;
  }

 private:
  ScenarioDocument* m_doc;
  QString m_before;
  QString m_after;
  bool m_typing;
  std::optional<model::Scenario> m_draft;
  qint64 m_when;
};

}  // namespace

QString bundledScenariosDir() { return QStringLiteral(KENDALL_SCENARIOS_DIR); }

ScenarioDocument::ScenarioDocument(QObject* parent) : QObject(parent) {
  connect(&m_undoStack, &QUndoStack::cleanChanged, this,
          [this](bool clean) { emit modifiedChanged(!clean); });
  reparse();
}

ScenarioDocument::~ScenarioDocument() {
  // QUndoStack announces cleanChanged while it is destroyed; nobody should hear it.
  m_undoStack.disconnect(this);
  blockSignals(true);
}

QString ScenarioDocument::displayName() const {
  return m_filePath.isEmpty() ? tr("untitled.yaml") : QFileInfo(m_filePath).fileName();
}

const std::optional<model::Scenario>& ScenarioDocument::formScenario() const {
  if (m_current) return m_current;
  if (m_draft) return m_draft;
  return m_lastValid;
}

bool ScenarioDocument::formMatchesText() const {
  return m_current.has_value() || m_draft.has_value();
}

void ScenarioDocument::resetTo(const QString& text, const QString& filePath) {
  m_undoStack.clear();
  m_filePath = filePath;
  m_text = text;
  m_draft.reset();
  m_lastValid.reset();
  reparse();
  m_undoStack.setClean();
  emit filePathChanged(m_filePath);
  emit textChanged();
  emit scenarioChanged();
  emit modifiedChanged(false);
}

QString ScenarioDocument::load(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    return tr("Cannot open %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
  }
  resetTo(QString::fromUtf8(file.readAll()), QFileInfo(path).absoluteFilePath());
  return {};
}

QString ScenarioDocument::save(const QString& path) {
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly)) {
    return tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
  }
  file.write(m_text.toUtf8());
  if (!file.commit()) {
    return tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
  }
  const QString absolute = QFileInfo(path).absoluteFilePath();
  const bool renamed = absolute != m_filePath;
  m_filePath = absolute;
  m_undoStack.setClean();
  if (renamed) {
    emit filePathChanged(m_filePath);
    reparse();  // relative trace paths resolve against the new directory
    emit scenarioChanged();
  }
  return {};
}

void ScenarioDocument::editText(const QString& newText, const QString& description) {
  if (newText == m_text) return;
  m_undoStack.push(new SetTextCommand(this, m_text, newText, description, true, std::nullopt));
}

CommentFate ScenarioDocument::applyFormEdit(const model::Scenario& edited,
                                            const QString& description) {
  const std::string before = m_text.toStdString();
  const bool hadComments = hasComments(before);
  std::optional<std::string> patched;
  if (m_current) patched = patchScenarioText(before, *m_current, edited);
  CommentFate fate = CommentFate::NoneToKeep;
  QString after;
  if (patched) {
    after = QString::fromStdString(*patched);
    fate = hadComments ? CommentFate::Kept : CommentFate::NoneToKeep;
  } else {
    try {
      after = QString::fromStdString(model::save_scenario_yaml(edited));
    } catch (const kendall::Error& e) {
      emit notice(tr("This change cannot be written: %1").arg(QString::fromStdString(e.what())));
      return CommentFate::NoneToKeep;
    }
    if (hadComments) {
      fate = CommentFate::Lost;
      emit notice(
          tr("The form rewrote the YAML: its comments could not be kept (Undo brings "
             "them back). Scalar edits of existing keys keep comments."));
    }
  }
  if (after == m_text) return fate;
  m_undoStack.push(new SetTextCommand(this, m_text, after, description, false, edited));
  return fate;
}

void ScenarioDocument::setTextInternal(const QString& text,
                                       const std::optional<model::Scenario>& draft) {
  m_text = text;
  m_draft = draft;
  reparse();
  emit textChanged();
  emit scenarioChanged();
}

void ScenarioDocument::reparse() {
  m_problems.clear();
  m_current.reset();
  m_solution.reset();
  m_solveError.clear();
  const QString source = m_filePath.isEmpty() ? QStringLiteral("untitled.yaml") : m_filePath;
  try {
    model::LoadedScenario loaded =
        model::parse_scenario_with_warnings(m_text.toStdString(), source.toStdString());
    for (const std::string& w : loaded.warnings) {
      TextProblem p;
      p.full = QString::fromStdString(w);
      p.message = p.full;
      p.warning = true;
      // "file:line:col: warning: ..." — recover the location for the editor marks.
      const QString rest = p.full.mid(source.size());
      const QStringList parts = rest.split(QLatin1Char(':'));
      if (parts.size() > 3) {
        p.line = parts[1].toInt();
        p.column = parts[2].toInt();
        p.message = parts.mid(3).join(QLatin1Char(':')).trimmed();
      }
      m_problems.push_back(p);
    }
    m_current = std::move(loaded.scenario);
    m_lastValid = m_current;
    m_draft.reset();
  } catch (const model::ScenarioLoadError& e) {
    for (const auto& problem : e.problems()) {
      m_problems.push_back({problem.line, problem.column, QString::fromStdString(problem.message),
                            QString::fromStdString(problem.to_string()), false});
    }
  } catch (const kendall::Error& e) {
    m_problems.push_back(
        {0, 0, QString::fromStdString(e.what()), QString::fromStdString(e.what()), false});
  }
  if (!m_current) return;
  try {
    model::QueryOptions query;
    query.quantiles = model::with_default_quantiles(m_current->run.quantiles);
    m_solution = model::solve_scenario(*m_current, query);
  } catch (const kendall::Error& e) {
    m_solveError = QString::fromStdString(e.what());
  }
}

}  // namespace kendall::gui
