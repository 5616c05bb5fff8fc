#pragma once
/// \file
/// A one-line progress bar on stderr, drawn only when stderr is a terminal.

#include <chrono>
#include <mutex>
#include <string>

namespace kendall::cli {

class ProgressBar {
 public:
  /// `label` precedes the bar ("simulating"). Disabled when stderr is not a TTY or quiet.
  explicit ProgressBar(std::string label, bool quiet = false);
  ~ProgressBar();
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  /// fraction in [0, 1]; `detail` is appended ("7/10 replications"). Thread-safe; redraws at
  /// most ten times a second.
  void update(double fraction, const std::string& detail);
  /// Clears the line.
  void finish();

 private:
  std::string label_;
  bool enabled_;
  bool drawn_ = false;
  std::mutex mutex_;
  std::chrono::steady_clock::time_point last_draw_{};
};

}  // namespace kendall::cli
