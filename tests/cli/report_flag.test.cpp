// `--report FILE` on kendall run, plan and sweep: the path is refused before any work, the
// format follows the extension, the file is written whole.
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "exit_codes.hpp"

namespace {

namespace fs = std::filesystem;
using kendall::cli::run_cli;

struct CliResult {
  int code = -1;
  std::string out;
  std::string err;
};

CliResult kendall_cli(const std::vector<std::string>& args) {
  std::vector<const char*> argv{"kendall"};
  for (const auto& a : args) argv.push_back(a.c_str());
  std::ostringstream out, err;
  CliResult r;
  r.code = run_cli(static_cast<int>(argv.size()), argv.data(), out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

std::string read(const fs::path& p) {
  std::ifstream in(p);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

struct Folder {
  fs::path path = fs::temp_directory_path() / ("kendall-report-flag-" + std::to_string(::getpid()));
  Folder() { fs::create_directories(path); }
  ~Folder() { fs::remove_all(path); }
};

const std::string scenario = "tests/data/scenarios/mm1.yaml";

}  // namespace

TEST_CASE("run --report refuses a bad path before simulating", "[cli][report]") {
  Folder dir;
  for (const std::string command : {"run", "plan", "sweep"}) {
    INFO(command);
    auto args = [&](const fs::path& report) {
      std::vector<std::string> a{command, scenario, "--report", report.string()};
      if (command == "sweep") a.insert(a.end(), {"--vary", "queue.servers=1..3"});
      return a;
    };
    const auto pdf = kendall_cli(args(dir.path / "r.pdf"));
    CHECK(pdf.code == kendall::cli::exit_bad_input);
    CHECK(pdf.err.find(".html, .md, .json or .csv") != std::string::npos);
    CHECK(pdf.out.empty());  // nothing ran

    const auto missing = kendall_cli(args(dir.path / "no" / "r.html"));
    CHECK(missing.code == kendall::cli::exit_bad_input);
    CHECK(missing.err.find("does not exist") != std::string::npos);
    CHECK(missing.out.empty());
  }
}

TEST_CASE("run --report writes the report in the extension's format", "[cli][report]") {
  Folder dir;
  const fs::path json_path = dir.path / "r.json";
  const auto r = kendall_cli(
      {"run", scenario, "--customers", "2000", "-r", "2", "-q", "--report", json_path.string()});
  REQUIRE(r.code == kendall::cli::exit_ok);
  CHECK(r.err.find("capacity report written to") != std::string::npos);
  const auto j = nlohmann::json::parse(read(json_path));
  CHECK(j.at("replications") == 2);
  CHECK(j.at("provenance").at("command_line").get<std::string>().find("--report") !=
        std::string::npos);
  CHECK(j.at("provenance").at("scenario_sha256").get<std::string>().size() == 64);

  const fs::path html_path = dir.path / "r.html";
  REQUIRE(kendall_cli({"run", scenario, "--customers", "2000", "-r", "2", "-q", "--report",
                       html_path.string()})
              .code == kendall::cli::exit_ok);
  const std::string html = read(html_path);
  CHECK(html.starts_with("<!DOCTYPE html>"));
  CHECK(html.find("http") == std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
  // Only the two reports: no temporary file left in the folder.
  CHECK(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()) == 2);
}

TEST_CASE("run --engine executor --report describes the measured run, not a simulation",
          "[cli][report][executor]") {
  // The executor testbed returns the simulator's result type with the same vocabulary, so the
  // run report takes it; what changes is how the numbers were obtained, and the report says so.
  Folder dir;
  const fs::path md = dir.path / "executor.md";
  const auto r =
      kendall_cli({"run", scenario, "--engine", "executor", "--executor", "threads", "--time-scale",
                   "2ms", "--max-wall", "1200ms", "--quiet", "--report", md.string()});
  INFO(r.err);
  REQUIRE(r.code == kendall::cli::exit_ok);
  CHECK(r.err.find("capacity report (the threads executor's run) written to") != std::string::npos);
  const std::string text = read(md);
  CHECK(text.find("Measured on the threads executor testbed") != std::string::npos);
  CHECK(text.find("Measurement (executor testbed):") != std::string::npos);
  CHECK(text.find("Executor testbed (engine executor:threads)") != std::string::npos);
  CHECK(text.find("batch means of the run") != std::string::npos);
  CHECK(text.find("Discrete-event simulation") == std::string::npos);
  CHECK(text.find("independent replications, seed") == std::string::npos);
  // The station's figures are the executor's: the JSON form carries its engine name.
  const fs::path json = dir.path / "executor.json";
  const auto j =
      kendall_cli({"run", scenario, "--engine", "executor", "--executor", "threads", "--time-scale",
                   "2ms", "--max-wall", "1200ms", "--quiet", "--report", json.string()});
  REQUIRE(j.code == kendall::cli::exit_ok);
  const auto parsed = nlohmann::json::parse(read(json));
  CHECK(parsed.at("engine") == "executor:threads");
  CHECK(parsed.at("stations").at(0).at("simulated").contains("Wq"));
}

TEST_CASE("run --engine all --report reports the DES run beside which the executors ran",
          "[cli][report][executor]") {
  Folder dir;
  const fs::path md = dir.path / "all.md";
  const auto r = kendall_cli({"run", scenario, "--engine", "all", "--executor", "threads",
                              "--time-scale", "2ms", "--max-wall", "1200ms", "--replications", "2",
                              "--customers", "2000", "--quiet", "--report", md.string()});
  INFO(r.err);
  REQUIRE(r.code == kendall::cli::exit_ok);
  CHECK(r.err.find("capacity report (the DES run) written to") != std::string::npos);
  const std::string text = read(md);
  CHECK(text.find("Discrete-event simulation (engine des), 2 independent replications") !=
        std::string::npos);
  CHECK(text.find("executor testbed") == std::string::npos);
}
