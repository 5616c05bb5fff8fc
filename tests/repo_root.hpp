#pragma once
// The repository's root, for tests that read scenarios/ and tests/data/. It comes from CMake
// rather than from __FILE__, because a compiler cache (ccache with base_dir) rewrites __FILE__
// to a path relative to the build directory.
#include <filesystem>

namespace kendall::test {

inline std::filesystem::path repo_root() { return std::filesystem::path(KENDALL_SOURCE_DIR); }

}  // namespace kendall::test
