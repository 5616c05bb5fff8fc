// The validation suites as CTest tests: one Catch2 test per suite file, running its quick
// cases (KENDALL_VALIDATION_QUICK=1, label validation-quick, part of the default run) or all of
// them (label validation, opt-in). A case passes under the rule of validation/runner.hpp: the
// exact value inside the simulated 99% interval AND the half-width within the tolerance
// (with the pre-declared confirmation run for a chance miss), or, for published values,
// within half a unit in the last printed digit.

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>

#include <catch2/catch.hpp>

#include "kendall/validation/report.hpp"
#include "kendall/validation/runner.hpp"
#include "kendall/validation/suite.hpp"

#ifndef KENDALL_VALIDATION_QUICK
#define KENDALL_VALIDATION_QUICK 1
#endif

using namespace kendall::validation;

namespace {

constexpr bool quick = KENDALL_VALIDATION_QUICK != 0;

// Distinct test names for the two executables (CTest needs unique names).
#if KENDALL_VALIDATION_QUICK
#define SUITE_TEST(name) TEST_CASE("validation quick: " name, "[validation]")
#else
#define SUITE_TEST(name) TEST_CASE("validation full: " name, "[validation]")
#endif

void run_suite(const std::string& name) {
  const Suite suite = load_suite(resolve_suite(name, default_suites_directory()));
  RunOptions options;
  options.quick_only = quick;
  const auto results = run_suites({suite}, options);
  std::size_t ran = 0;
  for (const auto& s : results) {
    for (const auto& c : s.cases) {
      ++ran;
      INFO(render_case_text(c));
      CHECK(c.status != Status::Fail);
    }
  }
  if (quick) {
    CHECK(ran >= 1);  // every suite contributes to the quick subset
  } else {
    // Every case except the coverage study's negative controls, which only that study runs.
    const auto ordinary = std::count_if(suite.cases.begin(), suite.cases.end(),
                                        [](const auto& c) { return !c.coverage_control; });
    CHECK(ran == static_cast<std::size_t>(ordinary));
  }
}

}  // namespace

SUITE_TEST("markovian") { run_suite("markovian"); }
SUITE_TEST("finite-capacity") { run_suite("finite-capacity"); }
SUITE_TEST("mg1") { run_suite("mg1"); }
SUITE_TEST("priority") { run_suite("priority"); }
SUITE_TEST("erlang-a") { run_suite("erlang-a"); }
SUITE_TEST("networks") { run_suite("networks"); }
SUITE_TEST("approximations") { run_suite("approximations"); }
SUITE_TEST("published") { run_suite("published"); }
SUITE_TEST("formulas-in-the-wild") { run_suite("formulas-in-the-wild"); }

SUITE_TEST("every suite file has a test above") {
  const std::set<std::string> listed = {
      "markovian",      "finite-capacity", "mg1",
      "priority",       "erlang-a",        "networks",
      "approximations", "published",       "formulas-in-the-wild"};
  for (const auto& f : find_suite_files(default_suites_directory())) {
    INFO(f.string());
    CHECK(listed.count(f.stem().string()) == 1);
  }
}
