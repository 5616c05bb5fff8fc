// kendall plan and kendall sweep driven in-process: the documented JSON contract (docs/planner.md),
// exit codes for bad input, and sweep output byte-identical for any thread count.

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "exit_codes.hpp"

using kendall::cli::run_cli;
using nlohmann::json;

namespace {

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

}  // namespace

TEST_CASE("kendall plan --format json follows the plan contract", "[planner][cli][json]") {
  const auto r = kendall_cli({"plan", "scenarios/call-centre.yaml", "--format", "json", "--quiet"});
  INFO(r.err);
  REQUIRE(r.code == kendall::cli::exit_ok);
  const json j = json::parse(r.out);
  CHECK(j.at("scenario") == "Call centre with abandonment");
  CHECK(j.at("feasible") == true);
  CHECK(j.at("defaults_assumed") == false);
  const auto& st = j.at("stations").at(0);
  CHECK(st.at("name") == "agents");
  CHECK(st.at("servers") == 44);
  CHECK(st.at("recommended_servers") == 42);
  CHECK(st.at("erlang_c_servers") == 46);
  REQUIRE(st.at("around_recommendation").size() == 3);
  CHECK(st.at("around_recommendation").at(0).at("servers") == 41);
  CHECK(st.at("around_recommendation").at(0).at("meets") == false);
  CHECK(st.at("around_recommendation").at(1).at("meets") == true);
  const auto& v = j.at("slos").at(0);
  CHECK(v.at("metric") == "service_level");
  CHECK(v.at("pass") == true);
  CHECK(v.at("value").at("method") == "exact");
  CHECK(j.at("headroom").at("factor").get<double>() > 1.0);
  CHECK(j.at("headroom").at("bottleneck") == "agents");
  CHECK(j.at("cost").at("cheapest").at("servers").at(0) == 42);
  // No NaN or null anywhere.
  CHECK(r.out.find("null") == std::string::npos);
  CHECK(r.out.find("NaN") == std::string::npos);
}

TEST_CASE("kendall plan: bad input is exit code 2 with the reason", "[planner][cli][errors]") {
  const auto closed = kendall_cli({"plan", "scenarios/interactive-closed.yaml", "--quiet"});
  CHECK(closed.code == kendall::cli::exit_bad_input);
  CHECK_THAT(closed.err, Catch::Contains("closed network"));
  const auto reps = kendall_cli({"plan", "scenarios/web-api.yaml", "-r", "1", "--quiet"});
  CHECK(reps.code == kendall::cli::exit_bad_input);
  CHECK_THAT(reps.err, Catch::Contains("--replications must be at least 2"));
}

TEST_CASE("kendall sweep output is byte-identical for any thread count", "[planner][cli][sweep]") {
  const std::vector<std::string> base = {"sweep",       "scenarios/web-api.yaml",
                                         "--vary",      "api.servers=8..9",
                                         "--vary",      "arrivals.api.rate=100/s..120/s:2",
                                         "-r",          "3",
                                         "--customers", "2000",
                                         "--format",    "json",
                                         "--quiet"};
  auto with_threads = [&](const char* n) {
    auto args = base;
    args.push_back("-j");
    args.push_back(n);
    return kendall_cli(args);
  };
  const auto one = with_threads("1");
  const auto two = with_threads("2");
  REQUIRE(one.code == kendall::cli::exit_ok);
  CHECK(one.out == two.out);
  const json j = json::parse(one.out);
  CHECK(j.at("points").size() == 4);
  CHECK(j.at("common_random_numbers") == true);
  CHECK(j.at("complete") == true);
  const auto bad =
      kendall_cli({"sweep", "scenarios/web-api.yaml", "--vary", "apx.servers=1..3", "--quiet"});
  CHECK(bad.code == kendall::cli::exit_bad_input);
  CHECK_THAT(bad.err, Catch::Contains("there is no station 'apx'"));
}

TEST_CASE("kendall plan prints each demand case's schedule by its server-hours",
          "[planner][cli][demand]") {
  // scenarios/daily-profile.yaml's desk with an extra e-mail stream of 20/h ± 50%.
  const auto path = std::filesystem::temp_directory_path() / "kendall-demand-schedule.yaml";
  {
    std::ofstream f(path);
    f << "name: t\ntime_unit: min\narrivals:\n"
         "  - {to: desk, profile: {period: 24h, rates: [{from: 0h, rate: 30/h}, {from: 12h, rate: "
         "90/h}]}}\n"
         "  - {to: desk, rate: 24/h ± 50%}\n"
         "stations:\n  - {name: desk, servers: 5, service: {dist: exponential, mean: 4min}}\n"
         "slo:\n  - {station: desk, metric: utilization, below: 0.8}\n";
  }
  const auto r = kendall_cli({"plan", path.string(), "--no-sim", "--quiet"});
  std::filesystem::remove(path);
  INFO(r.out << r.err);
  REQUIRE(r.code == kendall::cli::exit_ok);
  // 12·4 + 12·9, 12·5 + 12·10, 12·6 + 12·11 server-hours (see demand_schedule.test.cpp).
  CHECK(r.out.find("low      156 server-hours, peak servers [9]") != std::string::npos);
  CHECK(r.out.find("high     204 server-hours, peak servers [11]  <- worst case") !=
        std::string::npos);
}
