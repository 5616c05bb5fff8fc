// `kendall run --engine executor|all` driven in-process: the JSON contract end to end, and a
// scenario the testbed cannot run refused before anything starts (exit code 2, named).

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "exit_codes.hpp"

namespace {

struct CliResult {
  int code = -1;
  std::string out;
  std::string err;
};

CliResult kendall_cli(const std::vector<std::string>& args) {
  std::vector<const char*> argv{"kendall"};
  for (const auto& a : args) argv.push_back(a.c_str());
  std::ostringstream out;
  std::ostringstream err;
  CliResult r;
  r.code = kendall::cli::run_cli(static_cast<int>(argv.size()), argv.data(), out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

std::string write_scenario(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() / name;
  std::ofstream(path) << text;
  return path.string();
}

}  // namespace

TEST_CASE("kendall run --engine all prints an executor list per station", "[executor][cli]") {
  // M/M/1 at rho 0.9, 2 ms of wall time per second of model time, 1.5 s of wall time.
  const auto r = kendall_cli({"run", "tests/data/scenarios/mm1.yaml", "--engine", "all",
                              "--executor", "threads", "--time-scale", "2ms", "--max-wall",
                              "1500ms", "--replications", "2", "--customers", "2000",
                              "--format", "json", "--quiet"});
  INFO(r.err);
  REQUIRE(r.code == kendall::cli::exit_ok);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["engine"] == "all");
  const auto& entry = j["stations"][0]["executor"][0];
  CHECK(entry["kind"] == "threads");
  CHECK(entry["L"].contains("ci_low"));
  CHECK(entry["overhead"]["dispatch_us"].contains("p99"));
  CHECK(entry["overhead"]["overshoot_us"].contains("max"));
  CHECK(j["executors"][0]["time_scale_seconds"].get<double>() == Approx(0.002));
}

TEST_CASE("kendall run --engine executor refuses what it cannot run, by name",
          "[executor][cli]") {
  const auto path = write_scenario("kendall-executor-refused.yaml", R"(name: impatient
arrivals:
  - to: desk
    rate: 1
stations:
  - name: desk
    servers: 2
    discipline: lifo
    service: {dist: exponential, mean: 1}
    patience: {dist: exponential, mean: 5}
)");
  const auto r = kendall_cli({"run", path, "--engine", "executor", "--quiet"});
  CHECK(r.code == kendall::cli::exit_bad_input);
  CHECK_THAT(r.err, Catch::Contains("patience") && Catch::Contains("'lifo'"));
  CHECK(r.out.empty());
}
