#include <cmath>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "exit_codes.hpp"

namespace {

using kendall::cli::run_cli;
using nlohmann::json;

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
  r.code = run_cli(static_cast<int>(argv.size()), argv.data(), out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

// Erlang C by the Erlang B recursion, written here independently of model/.
double erlang_c(int c, double a) {
  double b = 1.0;
  for (int k = 1; k <= c; ++k) b = a * b / (k + a * b);
  const double rho = a / c;
  return b / (1.0 - rho * (1.0 - b));
}

// DESIGN.md: metrics that do not apply are left out, never null or NaN.
void require_finite_numbers(const json& metrics) {
  for (const auto& [name, value] : metrics.items()) {
    INFO(name);
    REQUIRE(value.is_number());
    REQUIRE(std::isfinite(value.get<double>()));
  }
}

std::vector<std::string> example_scenarios() {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator("scenarios")) {
    if (entry.path().extension() == ".yaml") files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

TEST_CASE("kendall solve prints DESIGN.md's JSON contract", "[cli][solve]") {
  const auto r =
      kendall_cli({"solve", "M/M/4", "--lambda", "3.6", "--mu", "1", "--format", "json"});
  INFO(r.err);
  REQUIRE(r.code == kendall::cli::exit_ok);
  const json j = json::parse(r.out);
  CHECK(j["model"] == "M/M/c");
  CHECK(j["method"] == "exact");
  CHECK(j["stable"] == true);
  CHECK(j["params"]["lambda"] == 3.6);
  CHECK(j["params"]["mu"] == 1.0);
  CHECK(j["params"]["servers"] == 4);
  CHECK(j["params"]["capacity"] == "inf");
  const json& m = j["metrics"];
  require_finite_numbers(m);
  for (const char* name : {"utilization", "L", "Lq", "W", "Wq", "throughput", "p_wait", "Wq_p95"}) {
    INFO(name);
    CHECK(m.contains(name));
  }
  const double c = erlang_c(4, 3.6);
  CHECK(m["p_wait"].get<double>() == Approx(c).epsilon(1e-12));
  CHECK(m["Lq"].get<double>() == Approx(c * 0.9 / 0.1).epsilon(1e-12));
  CHECK(m["utilization"].get<double>() == Approx(0.9).epsilon(1e-15));
  CHECK(m["L"].get<double>() ==
        Approx(m["throughput"].get<double>() * m["W"].get<double>()).epsilon(1e-12));
}

TEST_CASE("an unstable queue is reported as unstable, without steady-state numbers",
          "[cli][solve]") {
  const auto r = kendall_cli({"solve", "M/M/1", "--lambda", "3", "--mu", "2", "--format", "json"});
  REQUIRE(r.code == kendall::cli::exit_ok);
  const json j = json::parse(r.out);
  CHECK(j["stable"] == false);
  require_finite_numbers(j["metrics"]);
  CHECK(j["metrics"]["utilization"] == 1.5);
  for (const char* name : {"L", "Lq", "W", "Wq"}) CHECK_FALSE(j["metrics"].contains(name));

  const auto table = kendall_cli({"solve", "M/M/1", "--lambda", "3", "--mu", "2"});
  CHECK_THAT(table.out,
             Catch::Contains("UNSTABLE") && Catch::Contains("grows by about 1 customers"));
  // At utilization exactly 1 there is no linear growth, but the queue still has no steady state.
  const auto critical = kendall_cli({"solve", "M/M/1", "--lambda", "1", "--mu", "1"});
  CHECK_THAT(critical.out, Catch::Contains("UNSTABLE") && Catch::Contains("grows without bound") &&
                               !Catch::Contains("grows by about 0"));
}

TEST_CASE("bad input gives one clear message on stderr and exit code 2", "[cli][errors]") {
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  const std::vector<Case> cases = {
      {{}, "A subcommand is required"},
      {{"frobnicate"}, "unknown command 'frobnicate' — expected one of solve, run, validate"},
      {{"solve", "M/M/1", "--lambda", "-1", "--mu", "1"}, "--lambda: negative rate '-1'"},
      {{"solve", "M/M/1", "--lambda", "nan", "--mu", "1"}, "--lambda: 'nan' has no number"},
      {{"solve", "M/M/1", "--lambda", "1/s", "--mu", "2ms"},
       "'2ms' is a duration; a rate is written 2/ms"},
      {{"solve", "M/M/0", "--lambda", "1", "--mu", "1"},
       "the number of servers must be at least 1"},
      {{"solve", "X/M/1"}, "unsupported arrival process 'X'"},
      {{"solve", "M/M/c", "--lambda", "1", "--mu", "1"}, "M/M/c needs --servers"},
      {{"solve", "M/M/2/1", "--lambda", "1", "--mu", "1"}, "must be >= c"},
      {{"solve", "M/G/1", "--lambda", "0.5", "--mu", "1"}, "M/G/1 needs --service-scv"},
      {{"solve", "M/M/c+M", "--servers", "2", "--lambda", "5", "--mu", "1"},
       "needs --patience-mean"},
      {{"solve", "M/M/1", "--lambda", "0.5", "--mu", "1", "--quantiles", "1.5"},
       "--quantiles: 1.5 is not in (0, 1)"},
      {{"solve", "M/M/1", "--lambda", "0.5", "--mu", "1", "--sla", "-3s"},
       "--sla: negative duration"},
      {{"solve", "M/M/1", "--lambda", "0.5", "--mu", "1", "--format", "xml"}, "xml not in"},
      {{"run", "no-such-file.yaml"}, "no-such-file.yaml: no such file"},
      {{"run", "scenarios/web-api.yaml", "--replications", "1"},
       "--replications must be at least 2"},
      {{"run", "scenarios/web-api.yaml", "--customers", "0"}, "--customers must be at least 1"},
      {{"run", "scenarios/web-api.yaml", "--horizon", "-5s"}, "--horizon: negative duration"},
      {{"run", "scenarios/web-api.yaml", "--warmup", "banana"},
       "--warmup 'banana' is not understood"},
      {{"run", "scenarios/web-api.yaml", "--confidence", "150%"},
       "--confidence must be between 0 and 1"},
      {{"run", "tests/data/broken/routing-sum.yaml"},
       "tests/data/broken/routing-sum.yaml:8:11: routing probabilities sum to 1.1 — expected a "
       "total <= 1"},
      {{"solve", "tests/data/broken/web-api-typos.yaml"},
       "tests/data/broken/web-api-typos.yaml:9:5: unknown key 'severs' in station 'api' — did you "
       "mean 'servers'?"},
  };
  for (const auto& c : cases) {
    std::string joined;
    for (const auto& a : c.args) joined += a + " ";
    INFO("kendall " << joined);
    const auto r = kendall_cli(c.args);
    INFO("stderr: " << r.err);
    CHECK(r.code == kendall::cli::exit_bad_input);
    CHECK_THAT(r.err, Catch::Contains(c.message));
    CHECK(r.out.empty());
  }
}

TEST_CASE("--help teaches with examples and exits 0", "[cli][help]") {
  for (const char* command : {"solve", "run", "validate"}) {
    INFO(command);
    const auto r = kendall_cli({command, "--help"});
    CHECK(r.code == kendall::cli::exit_ok);
    CHECK_THAT(r.out,
               Catch::Contains("Examples:") && Catch::Contains(std::string("kendall ") + command));
  }
  const auto top = kendall_cli({"--help"});
  CHECK(top.code == kendall::cli::exit_ok);
  CHECK_THAT(top.out, Catch::Contains("Exit codes:"));
}

TEST_CASE("every example scenario solves and runs from the CLI", "[cli][scenarios]") {
  const auto files = example_scenarios();
  REQUIRE(files.size() >= 6);
  for (const auto& file : files) {
    INFO(file);
    const auto solved = kendall_cli({"solve", file, "--format", "json"});
    INFO("solve stderr: " << solved.err);
    CHECK(solved.code == kendall::cli::exit_ok);
    CHECK(json::parse(solved.out).contains("stations"));

    // Short runs: the point is that every file goes through run and gives the JSON shape.
    const auto ran = kendall_cli(
        {"run", file, "-q", "--format", "json", "--replications", "2", "--threads", "1"});
    INFO("run stderr: " << ran.err);
    REQUIRE(ran.code == kendall::cli::exit_ok);
    const json j = json::parse(ran.out);
    for (const char* key : {"scenario", "engine", "replications", "seed", "stations", "network"}) {
      INFO(key);
      CHECK(j.contains(key));
    }
    CHECK(j["engine"] == "des");
    // The one unstable example is flagged as such, with its growth rate.
    if (file.find("one-server") != std::string::npos) {
      CHECK(j["stations"][0]["simulated"]["unstable"] == true);
      CHECK(j["stations"][0]["simulated"]["growth_rate"]["mean"].get<double>() > 0.0);
    }
    for (const auto& station : j["stations"]) {
      INFO(station["name"]);
      for (const auto& [name, interval] : station["simulated"].items()) {
        if (name == "classes" || name == "unstable") continue;
        INFO(name);
        REQUIRE(interval.contains("mean"));
        CHECK(interval["mean"].is_number());
      }
    }
  }
}

TEST_CASE("kendall run: flags override the run section and the JSON carries intervals",
          "[cli][run]") {
  const auto r =
      kendall_cli({"run", "scenarios/web-api.yaml", "-q", "--format", "json", "--customers",
                   "20000", "--replications", "4", "--seed", "7", "--confidence", "99%"});
  INFO(r.err);
  REQUIRE(r.code == kendall::cli::exit_ok);
  const json j = json::parse(r.out);
  CHECK(j["replications"] == 4);
  CHECK(j["seed"] == 7);
  CHECK(j["confidence"] == 0.99);
  const json& w = j["network"]["W"];
  CHECK(w["ci_low"].get<double>() <= w["mean"].get<double>());
  CHECK(w["mean"].get<double>() <= w["ci_high"].get<double>());

  // Same seed, different thread counts: the same bytes (wall time aside).
  auto without_wall_time = [](json x) {
    x.erase("wall_seconds");
    return x;
  };
  const auto one =
      kendall_cli({"run", "scenarios/web-api.yaml", "-q", "--format", "json", "--customers",
                   "20000", "--replications", "4", "--seed", "7", "--threads", "1"});
  const auto two =
      kendall_cli({"run", "scenarios/web-api.yaml", "-q", "--format", "json", "--customers",
                   "20000", "--replications", "4", "--seed", "7", "--threads", "2"});
  REQUIRE(one.code == 0);
  REQUIRE(two.code == 0);
  CHECK(without_wall_time(json::parse(one.out)) == without_wall_time(json::parse(two.out)));
}

TEST_CASE("kendall run asks theory for every quantile level the simulation reports", "[cli][run]") {
  // call-centre.yaml requests 0.5, 0.8, 0.95; the simulation adds the defaults 0.9 and 0.99.
  const auto r = kendall_cli({"run", "scenarios/call-centre.yaml", "-q", "--format", "json",
                              "--customers", "2000", "--replications", "2"});
  INFO(r.err);
  REQUIRE(r.code == kendall::cli::exit_ok);
  const json station = json::parse(r.out)["stations"][0];
  for (const char* name : {"Wq_p50", "Wq_p80", "Wq_p90", "Wq_p95", "Wq_p99"}) {
    INFO(name);
    CHECK(station["simulated"].contains(name));
    CHECK(station["analytic"]["metrics"].contains(name));
  }
}
