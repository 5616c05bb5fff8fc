#pragma once
/// \file
/// Writing a report file so that no reader ever sees half of it: the text goes to a temporary
/// file in the same folder, which is flushed to disk and then renamed over the target (rename
/// within one file system is atomic on POSIX). An interrupted write leaves the old file as it
/// was. check_writable() lets a command refuse an unwritable path before any long work starts.

#include <filesystem>
#include <functional>
#include <iosfwd>
#include <string_view>

namespace kendall::report {

/// Throws InvalidParameter, saying what is wrong ("folder 'out' does not exist", "'x' is a
/// folder", "no permission to write in 'out'"), unless a file can be created next to `path`
/// and `path` is not a folder. Leaves nothing behind.
void check_writable(const std::filesystem::path& path);

/// Writes `content` to `path` atomically (temporary file in the same folder, fsync, rename).
/// An existing file keeps its permissions; a new one gets rw-r--r--.
/// \throws InvalidParameter when the folder cannot be written; Error on an I/O failure.
void write_file_atomically(const std::filesystem::path& path, std::string_view content);

/// The same with the text produced by `write`. If `write` throws, the temporary file is
/// removed, the old file is untouched and the exception propagates.
void write_file_atomically(const std::filesystem::path& path,
                           const std::function<void(std::ostream&)>& write);

}  // namespace kendall::report
