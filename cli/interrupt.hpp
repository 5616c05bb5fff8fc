#pragma once
/// \file
/// Maps SIGINT (Ctrl-C) to a std::stop_source so long runs stop cleanly and report what they
/// completed (STYLE.md guideline 10). A second Ctrl-C exits at once.

#include <stop_token>

namespace kendall::cli {

/// Installs the SIGINT handler (once) and returns the token it triggers.
[[nodiscard]] std::stop_token interrupt_token();
/// True when SIGINT has been received.
[[nodiscard]] bool interrupted();

}  // namespace kendall::cli
