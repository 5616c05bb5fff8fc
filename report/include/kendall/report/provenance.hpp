#pragma once
/// \file
/// The reproducibility footer of a capacity report: which Kendall, which command, which
/// scenario file (by SHA-256), which seed, when and where — enough to rerun it and to check
/// that a report belongs to a file.

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace kendall::report {

struct Provenance {
  std::string kendall_version;
  std::string command_line;     ///< the exact command, arguments quoted where needed
  std::string scenario_file;    ///< as given on the command line
  std::string scenario_sha256;  ///< empty when the file could not be read
  std::uint64_t seed = 0;
  std::string date;  ///< UTC, ISO 8601 ("2026-12-05T09:12:44Z")
  std::string host;
};

/// This build's version ("0.1.0").
[[nodiscard]] std::string kendall_version();

/// Fills every field: hashes the scenario file, reads the clock and the host name.
/// `arguments` is argv as the user typed it (argv[0] first).
[[nodiscard]] Provenance collect_provenance(const std::vector<std::string>& arguments,
                                            const std::string& scenario_file, std::uint64_t seed);

/// Arguments joined with spaces, each quoted for a POSIX shell when it needs it.
[[nodiscard]] std::string shell_command_line(const std::vector<std::string>& arguments);

/// Footer lines, e.g. "Kendall 0.1.0 · seed 42 · 2026-12-05T09:12:44Z on host build-1".
[[nodiscard]] std::vector<std::string> footer_lines(const Provenance& p);

/// `{"kendall_version", "command_line", "scenario_file", "scenario_sha256", "seed", "date",
/// "host"}`.
[[nodiscard]] nlohmann::ordered_json to_json(const Provenance& p);

}  // namespace kendall::report
