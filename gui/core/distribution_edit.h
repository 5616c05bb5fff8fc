#pragma once
// Editing a distribution in the form: two named parameters per family, and switching
// family while keeping the mean (and the SCV where the new family can have it).

#include <optional>

#include <QString>
#include <QStringList>

#include "kendall/model/distribution_spec.hpp"

namespace kendall::gui {

/// Families the form offers (empirical distributions are edited in the YAML).
[[nodiscard]] QStringList editableFamilies();

/// Name of parameter 0 or 1 of the distribution's family ("mean", "scv", "k", ...), empty
/// when the family has fewer parameters or the distribution is not editable in the form.
[[nodiscard]] QString parameterName(const model::DistributionSpec& d, int which);
/// True when parameter `which` is a duration (shown and parsed in the scenario's time unit).
[[nodiscard]] bool parameterIsDuration(const model::DistributionSpec& d, int which);
[[nodiscard]] std::optional<double> parameterValue(const model::DistributionSpec& d, int which);
/// The distribution with parameter `which` set to `value` (not validated here).
[[nodiscard]] std::optional<model::DistributionSpec> withParameter(const model::DistributionSpec& d,
                                                                   int which, double value);
/// The closest distribution of `family` with the same mean (and SCV where possible).
[[nodiscard]] std::optional<model::DistributionSpec> convertFamily(const model::DistributionSpec& d,
                                                                   const QString& family);

}  // namespace kendall::gui
