// "Never a crash, never a silent default": the loader on thousands of mutated example files
// (fixed seed). Each mutant either loads — and then is valid and round-trips through the
// writer — or is refused with a located ScenarioError. Any other exception fails the test.

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "kendall/error.hpp"
#include "kendall/model/scenario_loader.hpp"
#include "kendall/model/scenario_validation.hpp"
#include "kendall/model/scenario_writer.hpp"

#include "repo_root.hpp"

using namespace kendall::model;

namespace {

std::filesystem::path repo_root() { return kendall::test::repo_root(); }

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

/// Tokens that are valid somewhere in the format, or plausibly wrong.
const std::vector<std::string> tokens = {"{",
                                         "}",
                                         "[",
                                         "]",
                                         ":",
                                         ",",
                                         "-",
                                         " ",
                                         "#",
                                         "\t",
                                         "\"",
                                         "'",
                                         "&a",
                                         "*a",
                                         "inf",
                                         "-1",
                                         "0",
                                         "1e999",
                                         "%",
                                         "2.5",
                                         "ms",
                                         "/s",
                                         "exit",
                                         "api",
                                         "db",
                                         "gold",
                                         "dist",
                                         "mean",
                                         "rate",
                                         "next",
                                         "servers",
                                         "~",
                                         "null",
                                         "{dist: empirical, values: []}",
                                         "{shortest_queue: []}",
                                         "[0.5, 2]",
                                         "priority",
                                         "rr",
                                         "1/0s",
                                         "nan"};

std::string mutate(const std::string& text, std::mt19937_64& rng) {
  auto lines = split_lines(text);
  if (lines.empty()) return text;
  const auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
  const std::size_t mutations = 1 + pick(3);
  for (std::size_t m = 0; m < mutations && !lines.empty(); ++m) {
    std::string& line = lines[pick(lines.size())];
    switch (pick(7)) {
      case 0:
        lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(pick(lines.size())));
        break;
      case 1:
        lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(pick(lines.size())), line);
        break;
      case 2:  // insert a token inside a line
        line.insert(pick(line.size() + 1), tokens[pick(tokens.size())]);
        break;
      case 3:  // replace the value after a colon
        if (const auto colon = line.find(": "); colon != std::string::npos) {
          line = line.substr(0, colon + 2) + tokens[pick(tokens.size())];
        }
        break;
      case 4:  // delete a few characters
        if (!line.empty()) {
          const std::size_t at = pick(line.size());
          line.erase(at, 1 + pick(4));
        }
        break;
      case 5:  // change indentation
        line =
            (pick(2) == 0 ? "  " : "") + line.substr(std::min<std::size_t>(line.size(), pick(3)));
        break;
      default:  // truncate the file
        lines.resize(pick(lines.size()) + 1);
        break;
    }
  }
  return join_lines(lines);
}

}  // namespace

TEST_CASE("mutated scenarios load cleanly or give a located error, never anything else",
          "[model][scenario][fuzz]") {
  std::vector<std::pair<std::string, std::string>> examples;
  for (const auto& entry : std::filesystem::directory_iterator(repo_root() / "scenarios")) {
    if (entry.path().extension() != ".yaml") continue;
    std::ifstream in(entry.path());
    std::ostringstream text;
    text << in.rdbuf();
    examples.emplace_back(entry.path().filename().string(), text.str());
  }
  std::sort(examples.begin(), examples.end());
  REQUIRE(examples.size() >= 9);

  std::mt19937_64 rng(42);
  int loaded = 0;
  int refused = 0;
  for (int n = 0; n < 3000; ++n) {
    const auto& [name, original] = examples[static_cast<std::size_t>(n) % examples.size()];
    const std::string text = mutate(original, rng);
    try {
      const Scenario s = parse_scenario(text, name, repo_root() / "scenarios");
      ++loaded;
      // What loads is valid (no silent default hides an error) and can be written back.
      const bool valid = !has_errors(validate_scenario(s));
      Scenario back = parse_scenario(save_scenario_yaml(s), "written.yaml");
      back.source_file = s.source_file;
      if (!valid || !(back == s)) {
        INFO("mutant of " << name << ":\n" << text);
        CHECK(valid);
        CHECK(back == s);
      }
    } catch (const kendall::ScenarioError& e) {
      ++refused;
      // Located at a line of the file (or the whole file when it is empty or has no
      // mapping), with a message that says what was expected.
      const std::string what = e.what();
      if (what.rfind(name + ":", 0) != 0 || what.find(" — ") == std::string::npos) {
        INFO("mutant of " << name << ":\n" << text);
        CHECK(what.rfind(name + ":", 0) == 0);
        CHECK(what.find(" — ") != std::string::npos);
      }
    } catch (const std::exception& e) {
      INFO("mutant of " << name << ":\n" << text);
      FAIL("unexpected exception: " << e.what());
    }
  }
  // Both outcomes occur: the mutations are neither all harmless nor all fatal.
  CHECK(loaded > 100);
  CHECK(refused > 1000);
}
