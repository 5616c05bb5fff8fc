#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "kendall/report/svg_chart.hpp"
#include "markup_check.hpp"

using namespace kendall::report::svg;
using kendall::report::testing::markup_problem;

namespace {

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("nice ticks are 1, 2 or 5 times a power of ten and cover the range", "[report][svg]") {
  const auto ticks = nice_ticks(0.0, 310.0, 5);
  REQUIRE(ticks.size() == 5);
  CHECK(ticks.front() == 0.0);
  CHECK(ticks[1] == Approx(100.0));
  CHECK(ticks.back() == Approx(400.0));

  const auto fine = nice_ticks(0.013, 0.087, 5);  // step 0.02
  CHECK(fine.front() == Approx(0.0));
  CHECK(fine[1] == Approx(0.02));
  CHECK(fine.back() == Approx(0.1));

  const auto negative = nice_ticks(-3.2, 7.9, 5);  // 11.1 / 5 = 2.22, rounded up to 5
  CHECK(negative.front() <= -3.2);
  CHECK(negative.back() >= 7.9);
  for (std::size_t i = 1; i < negative.size(); ++i) {
    CHECK(negative[i] - negative[i - 1] == Approx(5.0));
  }

  // Every step is 1, 2 or 5 × 10^k; the count stays near the target.
  for (double hi : {0.7, 3.0, 17.0, 123.0, 999.0, 45000.0}) {
    const auto t = nice_ticks(0.0, hi, 5);
    const double step = t[1] - t[0];
    const double mantissa = step / std::pow(10.0, std::floor(std::log10(step) + 1e-9));
    CHECK((mantissa == Approx(1.0) || mantissa == Approx(2.0) || mantissa == Approx(5.0)));
    CHECK(t.size() >= 3);
    CHECK(t.size() <= 11);
    CHECK(t.back() >= hi);
  }

  // A single value still gets a range around it.
  const auto single = nice_ticks(4.0, 4.0, 5);
  CHECK(single.front() < 4.0);
  CHECK(single.back() > 4.0);
}

TEST_CASE("log ticks are powers of ten, with 2 and 5 over short ranges", "[report][svg]") {
  const auto wide = log_ticks(0.003, 250.0);
  REQUIRE(wide.size() == 7);  // 0.001 … 1000
  CHECK(wide.front() == Approx(0.001));
  CHECK(wide.back() == Approx(1000.0));

  const auto narrow = log_ticks(3.0, 40.0);
  CHECK(narrow.front() == Approx(2.0));
  CHECK(narrow.back() == Approx(50.0));
  CHECK(std::find_if(narrow.begin(), narrow.end(), [](double t) { return std::abs(t - 10.0) < 1e-9; }) !=
        narrow.end());

  CHECK_THROWS(log_ticks(0.0, 10.0));
}

TEST_CASE("tick labels carry no floating-point noise", "[report][svg]") {
  CHECK(tick_label(0.1 + 0.2) == "0.3");
  CHECK(tick_label(3 * 0.1) == "0.3");
  CHECK(tick_label(2000.0) == "2000");
  CHECK(tick_label(45000.0) == "45000");
  CHECK(tick_label(1e-5) == "1e-05");
  CHECK(tick_label(-0.0) == "0");
  CHECK(tick_label(1e-17) == "0");
}

TEST_CASE("scales map the domain onto pixels, linearly or logarithmically", "[report][svg]") {
  const Scale linear{0.0, 10.0, 100.0, 300.0, false};
  CHECK(linear(0.0) == Approx(100.0));
  CHECK(linear(5.0) == Approx(200.0));
  CHECK(linear(10.0) == Approx(300.0));
  const Scale inverted{0.0, 1.0, 300.0, 50.0, false};  // y grows upwards
  CHECK(inverted(0.25) == Approx(237.5));
  const Scale log{1.0, 1000.0, 0.0, 300.0, true};
  CHECK(log(10.0) == Approx(100.0));
  CHECK(log(100.0) == Approx(200.0));
}

TEST_CASE("a line chart is well-formed SVG with legend, error bars, SLO line and marker",
          "[report][svg]") {
  LineChart chart;
  chart.title = "Wq at api against load <& \"today\">";
  chart.x.label = "traffic (× today)";
  chart.y.label = "Wq (ms)";
  Series theory{"Wq, theory", SeriesStyle::Line, {}, false, -1};
  for (double f = 0.1; f < 1.4; f += 0.1) theory.points.push_back({f, 10.0 * f / (1.5 - f)});
  Series simulated{"Wq, simulated (95% CI)", SeriesStyle::Scatter, {{1.0, 20.0, 18.0, 22.5}}, false, -1};
  chart.series = {theory, simulated};
  chart.reference_lines = {{200.0, "SLO Wq < 200 ms"}};
  chart.markers = {{1.0, 20.0, "today"}};
  const std::string svg = render(chart);

  CHECK(markup_problem(svg, false).empty());
  INFO(markup_problem(svg, false));
  CHECK(svg.starts_with("<svg "));
  CHECK(svg.find("http") == std::string::npos);  // inlined: no xmlns, no address at all
  CHECK(svg.find("&lt;&amp; &quot;today&quot;&gt;") != std::string::npos);
  CHECK(svg.find("Wq, theory") != std::string::npos);
  CHECK(svg.find("SLO Wq &lt; 200 ms") != std::string::npos);
  CHECK(count(svg, "<circle") >= 2);  // legend swatch + the simulated point
  CHECK(svg.find("stroke-dasharray=\"8 4\"") != std::string::npos);  // the SLO line

  chart.standalone = true;
  CHECK(render(chart).find("xmlns=\"http://www.w3.org/2000/svg\"") != std::string::npos);
}

TEST_CASE("points outside a fixed range are not drawn", "[report][svg]") {
  LineChart chart;
  chart.y.max = 10.0;
  chart.series = {{"s", SeriesStyle::Scatter, {{1.0, 5.0}, {2.0, 50.0}, {3.0, 7.0}}, false, -1}};
  const std::string svg = render(chart);
  CHECK(count(svg, "<circle") == 2 + 1);  // two points + the legend swatch
  CHECK(markup_problem(svg, false).empty());
}

TEST_CASE("log axes leave out non-positive values", "[report][svg]") {
  LineChart chart;
  chart.y.log = true;
  chart.series = {{"s", SeriesStyle::Line, {{0.0, 0.0}, {1.0, 1.0}, {2.0, 100.0}}, false, -1}};
  const std::string svg = render(chart);
  CHECK(markup_problem(svg, false).empty());
  CHECK(svg.find(">100<") != std::string::npos);  // a decade tick
  // No coordinate became NaN or infinite (log of 0).
  for (const char* bad : {"\"nan", "\"-nan", "\"inf", "\"-inf", "Mnan", "Lnan", "Linf", "L-inf"}) {
    INFO(bad);
    CHECK(svg.find(bad) == std::string::npos);
  }
}

TEST_CASE("a step series draws horizontal then vertical moves", "[report][svg]") {
  LineChart chart;
  chart.series = {{"servers", SeriesStyle::Step, {{0, 2}, {6, 4}, {8, 8}, {24, 8}}, false, -1}};
  const std::string svg = render(chart);
  CHECK(svg.find(" H") != std::string::npos);
  CHECK(svg.find(" V") != std::string::npos);
  CHECK(svg.find(" L") == std::string::npos);
  CHECK(markup_problem(svg, false).empty());
}

TEST_CASE("a bar chart has one bar per station with its interval and theory tick",
          "[report][svg]") {
  BarChart chart;
  chart.title = "Utilization by station";
  chart.value_label = "utilization (%)";
  chart.max = 100.0;
  chart.bars = {{"api", 67.5, 67.0, 68.0, 67.5}, {"db", 43.0, 42.5, 43.6, std::nullopt}};
  chart.reference_lines = {{80.0, "SLO 80%"}};
  const std::string svg = render(chart);
  CHECK(markup_problem(svg, false).empty());
  CHECK(count(svg, "<rect") == 1 + 1 + 2);  // background + legend swatch + two bars
  CHECK(svg.find(">api<") != std::string::npos);
  CHECK(svg.find(">db<") != std::string::npos);
  CHECK(svg.find(">100<") != std::string::npos);  // the fixed top is a tick
}

TEST_CASE("the checker itself finds broken markup", "[report][svg]") {
  CHECK_FALSE(markup_problem("<svg><g></svg>", false).empty());
  CHECK_FALSE(markup_problem("<svg a=1></svg>", false).empty());
  CHECK_FALSE(markup_problem("<p>a & b</p>", true).empty());
  CHECK(markup_problem("<p>a &amp; b<br></p>", true).empty());
}
