#pragma once
/// \file
/// The rules of a scenario's run settings that files, validation suites and command-line flags
/// share, so that a setting means the same and is refused for the same reason wherever it is
/// written.

#include <cstdint>
#include <optional>
#include <string_view>

#include "kendall/model/scenario.hpp"

namespace kendall::model {

/// The forms a warm-up is written in, for messages.
inline constexpr std::string_view warmup_forms =
    "auto, none, a whole number of customers, or a duration with its unit such as 30s (a bare "
    "number counts customers)";

/// A warm-up as written in a scenario file, a validation suite or `--warmup`: `auto`, `none`, a
/// whole number of customers (0 is the same as none), or a duration with its time unit
/// ("30s", converted to `time_unit`; a bare number counts customers). Empty when the text is
/// none of these forms.
/// \throws InvalidParameter when the text has a time unit but is not a duration >= 0.
[[nodiscard]] std::optional<WarmupSpec> parse_warmup(std::string_view text,
                                                     std::string_view time_unit);

/// What the replication count allows with the interval method.
enum class ReplicationsCheck {
  Ok,
  Zero,                ///< no replication at all
  OneWithoutBatching,  ///< one replication gives no interval across replications
};

/// The one rule on `replications`, for files and flags alike: at least 1, and at least 2
/// unless the interval comes from batch means within one long run.
[[nodiscard]] ReplicationsCheck check_replications(std::uint32_t replications, CiMethod ci);

}  // namespace kendall::model
