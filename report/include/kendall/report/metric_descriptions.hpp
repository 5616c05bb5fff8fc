#pragma once
/// \file
/// One-line meanings of the metric vocabulary (docs/glossary.md), shown next to numbers in
/// human-facing tables so a reader never has to guess what `Lq` means.

#include <string>
#include <string_view>

namespace kendall::report {

/// "mean number waiting (not in service)" for "Lq"; quantile names ("Wq_p95") are described
/// from their parts; unknown names give an empty string.
[[nodiscard]] std::string describe_metric(std::string_view name);

/// The same for end-to-end (network) metrics: "L" is the mean number in the whole system,
/// "W" the mean time from entering to leaving it.
[[nodiscard]] std::string describe_network_metric(std::string_view name);

}  // namespace kendall::report
