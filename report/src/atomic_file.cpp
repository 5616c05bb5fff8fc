#include "kendall/report/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <sstream>
#include <string>

#include <fmt/format.h>

#include "kendall/error.hpp"

namespace kendall::report {

namespace fs = std::filesystem;

namespace {

fs::path folder_of(const fs::path& path) {
  const fs::path parent = path.parent_path();
  return parent.empty() ? fs::path(".") : parent;
}

// A unique temporary file next to `path`, hidden by a leading dot: ".report.html.XXXXXX".
struct TempFile {
  std::string name;
  int fd = -1;
};

TempFile create_temp_next_to(const fs::path& path) {
  // Built by appending: GCC 12 warns (-Wrestrict, a false positive) on "." + name + "...".
  std::string hidden(1, '.');
  hidden.append(path.filename().string());
  hidden.append(".XXXXXX");
  std::string pattern = (folder_of(path) / hidden).string();
  const int fd = ::mkstemp(pattern.data());
  if (fd < 0) {
    const int error = errno;
    throw InvalidParameter(fmt::format("cannot write '{}': {} in folder '{}'", path.string(),
                                       error == EACCES || error == EROFS
                                           ? "no permission to create a file"
                                           : std::strerror(error),
                                       folder_of(path).string()));
  }
  return {pattern, fd};
}

void write_all(int fd, std::string_view text, const std::string& name) {
  while (!text.empty()) {
    const ssize_t written = ::write(fd, text.data(), text.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      throw Error(fmt::format("writing '{}' failed: {}", name, std::strerror(errno)));
    }
    text.remove_prefix(static_cast<std::size_t>(written));
  }
}

}  // namespace

void check_writable(const fs::path& path) {
  if (path.empty()) throw InvalidParameter("the report path is empty");
  std::error_code ec;
  const fs::path folder = folder_of(path);
  if (!fs::exists(folder, ec)) {
    throw InvalidParameter(fmt::format("cannot write '{}': folder '{}' does not exist",
                                       path.string(), folder.string()));
  }
  if (!fs::is_directory(folder, ec)) {
    throw InvalidParameter(fmt::format("cannot write '{}': '{}' is not a folder", path.string(),
                                       folder.string()));
  }
  if (fs::is_directory(path, ec)) {
    throw InvalidParameter(
        fmt::format("cannot write '{}': it is a folder, expected a file name", path.string()));
  }
  // The only reliable test (permissions, read-only mounts, ACLs): create a file there.
  TempFile probe = create_temp_next_to(path);
  ::close(probe.fd);
  ::unlink(probe.name.c_str());
}

void write_file_atomically(const fs::path& path, std::string_view content) {
  write_file_atomically(path, [content](std::ostream& out) { out << content; });
}

void write_file_atomically(const fs::path& path, const std::function<void(std::ostream&)>& write) {
  if (fs::is_directory(path)) {
    throw InvalidParameter(
        fmt::format("cannot write '{}': it is a folder, expected a file name", path.string()));
  }
  TempFile temp = create_temp_next_to(path);
  try {
    // The text is produced in memory, then written in one go: producing it is what may be
    // interrupted, and then nothing but an unnamed temporary file exists.
    std::ostringstream text;
    write(text);
    const std::string data = std::move(text).str();
    write_all(temp.fd, data, temp.name);
    struct stat existing {};
    const mode_t mode = ::stat(path.c_str(), &existing) == 0 ? (existing.st_mode & 07777) : 0644;
    if (::fchmod(temp.fd, mode) != 0 || ::fsync(temp.fd) != 0) {
      throw Error(fmt::format("writing '{}' failed: {}", temp.name, std::strerror(errno)));
    }
    if (::close(temp.fd) != 0) {
      temp.fd = -1;
      throw Error(fmt::format("writing '{}' failed: {}", temp.name, std::strerror(errno)));
    }
    temp.fd = -1;
    if (::rename(temp.name.c_str(), path.c_str()) != 0) {
      throw Error(fmt::format("cannot replace '{}': {}", path.string(), std::strerror(errno)));
    }
  } catch (...) {
    if (temp.fd >= 0) ::close(temp.fd);
    ::unlink(temp.name.c_str());
    throw;
  }
}

}  // namespace kendall::report
