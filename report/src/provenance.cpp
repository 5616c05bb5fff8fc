#include "kendall/report/provenance.hpp"

#include <unistd.h>

#include <array>
#include <chrono>
#include <ctime>

#include <fmt/format.h>

#include "kendall/report/sha256.hpp"

#ifndef KENDALL_VERSION
#define KENDALL_VERSION "unknown"
#endif

namespace kendall::report {

namespace {

std::string utc_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  ::gmtime_r(&now, &utc);
  std::array<char, 32> text{};
  std::strftime(text.data(), text.size(), "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text.data();
}

std::string host_name() {
  std::array<char, 256> name{};
  if (::gethostname(name.data(), name.size() - 1) != 0) return "unknown";
  return name.data();
}

bool needs_quotes(const std::string& arg) {
  if (arg.empty()) return true;
  for (char c : arg) {
    const bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      std::string_view("-_./=:,+%@").find(c) != std::string_view::npos;
    if (!safe) return true;
  }
  return false;
}

}  // namespace

std::string kendall_version() { return KENDALL_VERSION; }

std::string shell_command_line(const std::vector<std::string>& arguments) {
  std::string line;
  for (const auto& arg : arguments) {
    if (!line.empty()) line += ' ';
    if (!needs_quotes(arg)) {
      line += arg;
      continue;
    }
    line += '\'';
    for (char c : arg) line += c == '\'' ? std::string("'\\''") : std::string(1, c);
    line += '\'';
  }
  return line;
}

Provenance collect_provenance(const std::vector<std::string>& arguments,
                              const std::string& scenario_file, std::uint64_t seed) {
  Provenance p;
  p.kendall_version = kendall_version();
  p.command_line = shell_command_line(arguments);
  p.scenario_file = scenario_file;
  try {
    if (!scenario_file.empty()) p.scenario_sha256 = sha256_file(scenario_file);
  } catch (const std::exception&) {
    p.scenario_sha256.clear();  // e.g. a scenario read from a pipe; the footer says so
  }
  p.seed = seed;
  p.date = utc_now();
  p.host = host_name();
  return p;
}

std::vector<std::string> footer_lines(const Provenance& p) {
  return {
      fmt::format("Written by Kendall {} on {} at {} (UTC). Seed {}.", p.kendall_version, p.host,
                  p.date, p.seed),
      "Command: " + p.command_line,
      fmt::format("Scenario file: {} — SHA-256 {}", p.scenario_file,
                  p.scenario_sha256.empty() ? "(not readable)" : p.scenario_sha256),
      "The same command, scenario file and seed give the same numbers, whatever the thread count.",
  };
}

nlohmann::ordered_json to_json(const Provenance& p) {
  return {{"kendall_version", p.kendall_version}, {"command_line", p.command_line},
          {"scenario_file", p.scenario_file},     {"scenario_sha256", p.scenario_sha256},
          {"seed", p.seed},                       {"date", p.date},
          {"host", p.host}};
}

}  // namespace kendall::report
