#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>

#include "kendall/error.hpp"
#include "kendall/report/atomic_file.hpp"

using namespace kendall::report;
namespace fs = std::filesystem;

namespace {

// A fresh folder per test case, removed at the end.
struct ScratchFolder {
  fs::path path;
  ScratchFolder() {
    path = fs::temp_directory_path() / ("kendall-atomic-" + std::to_string(::getpid()) + "-" +
                                        std::to_string(counter()++));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~ScratchFolder() {
    std::error_code ec;
    fs::permissions(path, fs::perms::owner_all, ec);
    fs::remove_all(path, ec);
  }
  static int& counter() {
    static int n = 0;
    return n;
  }
};

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::size_t files_in(const fs::path& folder) {
  return static_cast<std::size_t>(std::distance(fs::directory_iterator(folder), fs::directory_iterator()));
}

}  // namespace

TEST_CASE("a report is written whole and replaces the old one", "[report][atomic]") {
  ScratchFolder dir;
  const fs::path target = dir.path / "report.html";
  write_file_atomically(target, "first");
  CHECK(read(target) == "first");
  write_file_atomically(target, "second, longer");
  CHECK(read(target) == "second, longer");
  CHECK(files_in(dir.path) == 1);  // no temporary file left behind
  struct stat info {};
  REQUIRE(::stat(target.c_str(), &info) == 0);
  CHECK((info.st_mode & 0444) == 0444);  // readable by others, like any file a user writes
}

TEST_CASE("a write that fails half-way leaves the old file intact", "[report][atomic]") {
  ScratchFolder dir;
  const fs::path target = dir.path / "report.md";
  write_file_atomically(target, "old report");
  CHECK_THROWS_AS(write_file_atomically(target,
                                        [](std::ostream& out) {
                                          out << "half of the new rep";
                                          throw std::runtime_error("interrupted");
                                        }),
                  std::runtime_error);
  CHECK(read(target) == "old report");
  CHECK(files_in(dir.path) == 1);
}

TEST_CASE("a process killed in the middle of writing leaves the old file intact",
          "[report][atomic]") {
  ScratchFolder dir;
  const fs::path target = dir.path / "report.csv";
  write_file_atomically(target, "old,report\n");
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    // The child dies (SIGKILL: no handler, no clean-up) while producing the new text.
    write_file_atomically(target, [](std::ostream& out) {
      out << "new,rep";
      out.flush();
      ::raise(SIGKILL);
    });
    ::_exit(0);  // not reached
  }
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  REQUIRE(WIFSIGNALED(status));
  CHECK(WTERMSIG(status) == SIGKILL);
  CHECK(read(target) == "old,report\n");
  // Whatever the killed process left is a hidden temporary file, never the report itself.
  for (const auto& entry : fs::directory_iterator(dir.path)) {
    if (entry.path() != target) CHECK(entry.path().filename().string().starts_with(".report.csv."));
  }
}

TEST_CASE("an unwritable path is refused up front with a clear message", "[report][atomic]") {
  ScratchFolder dir;
  CHECK_NOTHROW(check_writable(dir.path / "ok.html"));
  CHECK(files_in(dir.path) == 0);  // the probe leaves nothing behind

  CHECK_THROWS_WITH(check_writable(dir.path / "missing" / "r.html"),
                    Catch::Contains("folder") && Catch::Contains("does not exist"));
  CHECK_THROWS_WITH(check_writable(dir.path), Catch::Contains("it is a folder"));
  CHECK_THROWS_AS(check_writable(""), kendall::InvalidParameter);

  if (::geteuid() != 0) {  // root may write anywhere
    const fs::path locked = dir.path / "locked";
    fs::create_directories(locked);
    fs::permissions(locked, fs::perms::owner_read | fs::perms::owner_exec);
    CHECK_THROWS_WITH(check_writable(locked / "r.html"), Catch::Contains("no permission"));
    fs::permissions(locked, fs::perms::owner_all);
  }
}
