#include "kendall/model/units.hpp"

#include <cmath>
#include <limits>
#include <string>

#include <catch2/catch.hpp>

#include "kendall/error.hpp"

using namespace kendall::model;
using Catch::Matchers::Contains;
using Catch::Matchers::Equals;

TEST_CASE("every time unit has its length in seconds", "[model][units]") {
  CHECK(time_unit_seconds("ns") == 1e-9);
  CHECK(time_unit_seconds("us") == 1e-6);
  CHECK(time_unit_seconds("µs") == 1e-6);
  CHECK(time_unit_seconds("ms") == 1e-3);
  CHECK(time_unit_seconds("s") == 1.0);
  CHECK(time_unit_seconds("min") == 60.0);
  CHECK(time_unit_seconds("h") == 3600.0);
  CHECK(time_unit_seconds("d") == 86400.0);
  CHECK_THROWS_WITH(
      time_unit_seconds("sec"),
      Equals("unknown time unit 'sec' — did you mean 's'? (units: ns, us, ms, s, min, h, d)"));
  CHECK_THROWS_AS(time_unit_seconds(""), kendall::InvalidParameter);
  CHECK(canonical_time_unit("μs") == "us");
  CHECK_FALSE(canonical_time_unit("S").has_value());
}

TEST_CASE("durations in every unit convert to the target unit", "[model][units]") {
  CHECK(parse_duration("250ns") == 250e-9);
  CHECK(parse_duration("100us") == 100e-6);
  CHECK(parse_duration("45ms") == 0.045);
  CHECK(parse_duration("2s") == 2.0);
  CHECK(parse_duration("1.5min") == 90.0);
  CHECK(parse_duration("2h") == 7200.0);
  CHECK(parse_duration("1d") == 86400.0);
  // Into other target units: one exact integer scaling, so these are exact.
  CHECK(parse_duration("2s", "ms") == 2000.0);
  CHECK(parse_duration("45ms", "ms") == 45.0);
  CHECK(parse_duration("24h", "ms") == 86'400'000.0);
  CHECK(parse_duration("1.5min", "h") == 0.025);
  CHECK(parse_duration("250ns", "us") == 0.25);
  // Bare numbers are already in the target unit.
  CHECK(parse_duration("45", "ms") == 45.0);
  CHECK(parse_duration("0.5") == 0.5);
  // Spelling variants: spaces, exponents, leading '+', leading '.'.
  CHECK(parse_duration(" 45 ms ") == 0.045);
  CHECK(parse_duration("1e3ms") == 1.0);
  CHECK(parse_duration("1E-3s", "ms") == 1.0);
  CHECK(parse_duration("+2s") == 2.0);
  CHECK(parse_duration(".5s") == 0.5);
  CHECK(parse_duration("0s") == 0.0);
}

TEST_CASE("bad durations say what is wrong and what was expected", "[model][units]") {
  CHECK_THROWS_WITH(parse_duration("2sec"),
                    Equals("unknown time unit 'sec' in '2sec' — did you mean 's'? (units: ns, "
                           "us, ms, s, min, h, d)"));
  CHECK_THROWS_WITH(parse_duration("5m"), Contains("did you mean 'min'?"));
  CHECK_THROWS_WITH(parse_duration("3hours"), Contains("did you mean 'h'?"));
  CHECK_THROWS_WITH(parse_duration("3 fortnights"),
                    Equals("unknown time unit 'fortnights' in '3 fortnights' — expected one of "
                           "the units: ns, us, ms, s, min, h, d"));
  CHECK_THROWS_WITH(parse_duration("-5s"),
                    Equals("negative duration '-5s' — expected a duration >= 0"));
  CHECK_THROWS_WITH(parse_duration("ms"),
                    Equals("'ms' has no number — expected a duration such as 45ms, 2s or 1.5min"));
  CHECK_THROWS_WITH(parse_duration(""), Contains("empty duration"));
  CHECK_THROWS_WITH(parse_duration("inf"), Contains("has no number"));
  CHECK_THROWS_WITH(parse_duration("1e999s"), Contains("out of range"));
  CHECK_THROWS_WITH(parse_duration("2e"), Contains("unknown time unit 'e'"));
  CHECK_THROWS_WITH(parse_duration("120/s"), Contains("unknown time unit '/s'"));
  CHECK_THROWS_WITH(parse_duration("45ms", "sec"), Contains("unknown time unit 'sec'"));
  CHECK_THROWS_AS(parse_duration("--5s"), kendall::InvalidParameter);
}

TEST_CASE("rates in every unit convert to the target unit", "[model][units]") {
  CHECK(parse_rate("120/s") == 120.0);
  CHECK(parse_rate("7200/h") == 2.0);
  CHECK(parse_rate("3/min") == 0.05);
  CHECK(parse_rate("0.5/ms") == 500.0);
  CHECK(parse_rate("1/us") == 1e6);
  CHECK(parse_rate("2/ns") == 2e9);
  CHECK(parse_rate("86400/d") == 1.0);
  CHECK(parse_rate("120/s", "ms") == 0.12);
  CHECK(parse_rate("120 / s", "min") == 7200.0);
  CHECK(parse_rate("4", "ms") == 4.0);  // bare: per target unit
  CHECK(parse_rate("0/s") == 0.0);      // allowed here; positivity is the caller's rule
}

TEST_CASE("bad rates say what is wrong and what was expected", "[model][units]") {
  CHECK_THROWS_WITH(parse_rate("120/sec"),
                    Contains("unknown time unit 'sec' in '120/sec' — did you mean 's'?"));
  CHECK_THROWS_WITH(parse_rate("-3/s"), Equals("negative rate '-3/s' — expected a rate >= 0"));
  CHECK_THROWS_WITH(parse_rate("/s"),
                    Equals("'/s' has no number — expected a rate such as 120/s or 7200/h"));
  CHECK_THROWS_WITH(parse_rate("120/"), Contains("has no time unit after '/'"));
  CHECK_THROWS_WITH(parse_rate("2s"),
                    Equals("'2s' is not a rate — expected a number per time unit, e.g. 120/s or "
                           "7200/h ('2s' is a duration; a rate is written 2/s)"));
  CHECK_THROWS_WITH(parse_rate("many"), Contains("has no number"));
}

TEST_CASE("fractions are numbers or percentages", "[model][units]") {
  CHECK(parse_fraction("1%") == 0.01);
  CHECK(parse_fraction("95%") == 0.95);
  CHECK(parse_fraction("0.95") == 0.95);
  CHECK(parse_fraction("12.5 %") == 0.125);
  CHECK_THROWS_WITH(
      parse_fraction("95 percent"),
      Equals("'95 percent' is not a number or a percentage — expected e.g. 0.95 or 95%"));
  CHECK_THROWS_AS(parse_fraction("%"), kendall::InvalidParameter);
  CHECK(has_time_unit_suffix("30s"));
  CHECK(has_time_unit_suffix("30 min"));
  CHECK_FALSE(has_time_unit_suffix("30"));
  CHECK_FALSE(has_time_unit_suffix("30%"));
  CHECK_FALSE(has_time_unit_suffix("auto"));
}

TEST_CASE("formatted durations and rates parse back to the same double", "[model][units]") {
  CHECK(format_duration(45.0, "ms") == "45ms");
  CHECK(format_rate(0.12, "ms") == "0.12/ms");
  for (double value : {0.0, 0.1, 1.0 / 3.0, 1e-7, 123456789.123, 2.5e17, 5e-300}) {
    for (std::string_view unit : time_unit_names) {
      CHECK(parse_duration(format_duration(value, unit), unit) == value);
      CHECK(parse_rate(format_rate(value, unit), unit) == value);
    }
  }
}

TEST_CASE("unit conversions are consistent both ways", "[model][units]") {
  CHECK(convert_duration(1.0, "h", "s") == 3600.0);
  CHECK(convert_duration(3600.0, "s", "h") == 1.0);
  CHECK(convert_rate(120.0, "s", "ms") == 0.12);
  CHECK(convert_rate(0.12, "ms", "s") == 120.0);
  CHECK(convert_duration(0.045, "s", "s") == 0.045);
}
