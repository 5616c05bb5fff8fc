#include "kendall/report/table.hpp"

#include <catch2/catch.hpp>

using namespace kendall::report;

TEST_CASE("format_number keeps significant digits without noise", "[report][format]") {
  CHECK(format_number(0.9) == "0.9");
  CHECK(format_number(12.5) == "12.5");
  CHECK(format_number(1.0 / 3.0) == "0.333333");
  CHECK(format_number(2.0 / 3.0, 3) == "0.667");
  CHECK(format_number(1234567.0) == "1234567");
  CHECK(format_number(0.0) == "0");
  CHECK(format_number(-0.0) == "0");
  CHECK(format_number(1.5e-6) == "1.5e-06");
  CHECK(format_number(std::numeric_limits<double>::infinity()) == "inf");
}

TEST_CASE("tables render as aligned text, Markdown and CSV", "[report][table]") {
  Table t({"metric", "value"});
  t.add_row({"L", "9"});
  t.add_row({"utilization", "0.9"});
  CHECK(t.to_text() ==
        "metric       value\n"
        "-----------  -----\n"
        "L                9\n"
        "utilization    0.9\n");
  CHECK(t.to_markdown() ==
        "| metric | value |\n"
        "| --- | ---: |\n"
        "| L | 9 |\n"
        "| utilization | 0.9 |\n");
  Table c({"name", "note"});
  c.add_row({"a,b", "say \"hi\""});
  CHECK(c.to_csv() == "name,note\r\n\"a,b\",\"say \"\"hi\"\"\"\r\n");
  CHECK_THROWS(c.add_row({"1", "2", "3"}));
  CHECK(display_width("ρ ≥ 1") == 5);
}

TEST_CASE("a column with no header and no content is left out", "[report][table]") {
  Table t({"metric", "value", ""});
  t.add_row({"L", "9"});
  CHECK(t.to_text() == "metric  value\n------  -----\nL           9\n");
  t.add_row({"W", "1", "<- flag"});
  CHECK(t.to_text() ==
        "metric  value\n------  -----  -------\nL           9\nW           1  <- flag\n");
}
