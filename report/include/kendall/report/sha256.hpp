#pragma once
/// \file
/// SHA-256 (FIPS 180-4) of a scenario file, printed in the reproducibility footer of a
/// capacity report so a reader can check that a report belongs to a given file. A small
/// implementation of our own rather than a dependency: it is tested against the FIPS vectors.

#include <filesystem>
#include <string>
#include <string_view>

namespace kendall::report {

/// Lower-case hex digest (64 characters) of `data`.
[[nodiscard]] std::string sha256_hex(std::string_view data);

/// Digest of a file's bytes. \throws Error when it cannot be read.
[[nodiscard]] std::string sha256_file(const std::filesystem::path& path);

}  // namespace kendall::report
