#pragma once
/// \file
/// Process exit codes of `kendall`, documented in `kendall --help`.

namespace kendall::cli {

inline constexpr int exit_ok = 0;
/// `kendall validate`: at least one case failed.
inline constexpr int exit_check_failed = 1;
/// Bad input: unknown flag, invalid parameter, a scenario file with an error.
inline constexpr int exit_bad_input = 2;
/// Interrupted (Ctrl-C): partial results were printed.
inline constexpr int exit_interrupted = 130;
/// An internal error — a bug: please report it.
inline constexpr int exit_internal_error = 70;

}  // namespace kendall::cli
