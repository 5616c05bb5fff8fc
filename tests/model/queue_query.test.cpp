// Kendall-notation front end: parsing, dispatch to the model functions, flag validation and
// the error messages the CLI prints.
#include "kendall/model/queue_query.hpp"

#include <cmath>

#include <catch2/catch.hpp>

#include "kendall/error.hpp"
#include "kendall/model/analytic.hpp"

using namespace kendall::model;
using Catch::Matchers::Contains;
using Catch::Matchers::WithinRel;
using Kind = KendallNotation::Count::Kind;

namespace {

QueueQuery query(std::string notation, double lambda, double mu) {
  QueueQuery q;
  q.notation = std::move(notation);
  q.lambda = lambda;
  q.mu = mu;
  return q;
}

double param(const AnalyticResult& r, const std::string& name) {
  for (const auto& [k, v] : r.params) {
    if (k == name) return v;
  }
  FAIL("no param " << name);
  return 0.0;
}

}  // namespace

TEST_CASE("parse_kendall_notation understands the supported forms", "[queue_query][parse]") {
  struct Row {
    const char* text;
    KendallNotation::Arrival arrival;
    KendallNotation::Service service;
    Kind c;
    std::uint64_t c_value;
    Kind K;
    std::uint64_t K_value;
    Kind N;
    bool abandonment;
  };
  using A = KendallNotation::Arrival;
  using S = KendallNotation::Service;
  const Row rows[] = {
      {"M/M/1", A::Markovian, S::Markovian, Kind::Number, 1, Kind::Absent, 0, Kind::Absent, false},
      {"M/M/4", A::Markovian, S::Markovian, Kind::Number, 4, Kind::Absent, 0, Kind::Absent, false},
      {"M/M/c", A::Markovian, S::Markovian, Kind::Symbol, 0, Kind::Absent, 0, Kind::Absent, false},
      {"M/M/2/10", A::Markovian, S::Markovian, Kind::Number, 2, Kind::Number, 10, Kind::Absent,
       false},
      {"M/M/c/K", A::Markovian, S::Markovian, Kind::Symbol, 0, Kind::Symbol, 0, Kind::Absent,
       false},
      {"M/M/inf", A::Markovian, S::Markovian, Kind::Infinite, 0, Kind::Absent, 0, Kind::Absent,
       false},
      {"M/M/\u221e", A::Markovian, S::Markovian, Kind::Infinite, 0, Kind::Absent, 0, Kind::Absent,
       false},
      {"M/M/c//N", A::Markovian, S::Markovian, Kind::Symbol, 0, Kind::Absent, 0, Kind::Symbol,
       false},
      {"M/M/c/K/N", A::Markovian, S::Markovian, Kind::Symbol, 0, Kind::Symbol, 0, Kind::Symbol,
       false},
      {"M/M/3/inf", A::Markovian, S::Markovian, Kind::Number, 3, Kind::Infinite, 0, Kind::Absent,
       false},
      {"M/G/1", A::Markovian, S::General, Kind::Number, 1, Kind::Absent, 0, Kind::Absent, false},
      {"M/D/1", A::Markovian, S::Deterministic, Kind::Number, 1, Kind::Absent, 0, Kind::Absent,
       false},
      {"G/G/1", A::General, S::General, Kind::Number, 1, Kind::Absent, 0, Kind::Absent, false},
      {"GI/G/c", A::General, S::General, Kind::Symbol, 0, Kind::Absent, 0, Kind::Absent, false},
      {"M/G/c", A::Markovian, S::General, Kind::Symbol, 0, Kind::Absent, 0, Kind::Absent, false},
      {"M/M/c+M", A::Markovian, S::Markovian, Kind::Symbol, 0, Kind::Absent, 0, Kind::Absent, true},
      {" m/m/s + m ", A::Markovian, S::Markovian, Kind::Symbol, 0, Kind::Absent, 0, Kind::Absent,
       true},
  };
  for (const auto& row : rows) {
    INFO(row.text);
    const auto n = parse_kendall_notation(row.text);
    CHECK(n.arrival == row.arrival);
    CHECK(n.service == row.service);
    CHECK(n.servers.kind == row.c);
    CHECK(n.servers.value == row.c_value);
    CHECK(n.capacity.kind == row.K);
    CHECK(n.capacity.value == row.K_value);
    CHECK(n.population.kind == row.N);
    CHECK(n.abandonment == row.abandonment);
  }
  CHECK(parse_kendall_notation("M/E3/1").erlang_k == 3u);
  CHECK(parse_kendall_notation("M/E_3/1").erlang_k == 3u);
  CHECK_FALSE(parse_kendall_notation("M/E_k/1").erlang_k.has_value());
  CHECK(parse_kendall_notation("M/E_k/1").service == KendallNotation::Service::Erlang);
  CHECK(parse_kendall_notation("M/M/c/K/20").population.value == 20u);
}

TEST_CASE("parse_kendall_notation rejects malformed notation", "[queue_query][parse]") {
  CHECK_THROWS_WITH(parse_kendall_notation(""), Contains("empty Kendall notation"));
  CHECK_THROWS_WITH(parse_kendall_notation("M/M"), Contains("has 2 parts"));
  CHECK_THROWS_WITH(parse_kendall_notation("M/M/1/2/3/4"), Contains("has 6 parts"));
  CHECK_THROWS_WITH(parse_kendall_notation("X/M/1"), Contains("unsupported arrival process 'X'"));
  CHECK_THROWS_WITH(parse_kendall_notation("M/Q/1"),
                    Contains("unsupported service distribution 'Q'"));
  CHECK_THROWS_WITH(parse_kendall_notation("M/M/0"), Contains("at least 1"));
  CHECK_THROWS_WITH(parse_kendall_notation("M/M/two"),
                    Contains("'two' is not a valid number of servers"));
  CHECK_THROWS_WITH(parse_kendall_notation("M/M//"), Contains("servers position is empty"));
  CHECK_THROWS_WITH(parse_kendall_notation("M/M/c+G"), Contains("only exponential patience"));
  CHECK_THROWS_WITH(parse_kendall_notation("M/E_x/1"), Contains("not a valid Erlang service"));
  CHECK_THROWS_WITH(parse_kendall_notation("M/M/1/K/0"), Contains("population must be at least 1"));
  CHECK_THROWS_AS(parse_kendall_notation("M/M/-1"), kendall::InvalidParameter);
}

TEST_CASE("solve dispatches to the model functions", "[queue_query][solve]") {
  {
    const auto r = solve(query("M/M/4", 3.6, 1.0));
    CHECK(r.model == "M/M/c");
    CHECK(param(r, "servers") == 4.0);
    CHECK_THAT(r.metrics.at("Wq"), WithinRel(mmc(3.6, 1.0, 4).metrics.at("Wq"), 1e-15));
  }
  CHECK(solve(query("M/M/1", 0.5, 1.0)).model == "M/M/1");
  {
    auto q = query("M/M/c", 0.5, 1.0);
    q.servers = 1;
    CHECK(solve(q).model == "M/M/1");
  }
  {
    const auto r = solve(query("M/M/2/10", 1.5, 1.0));
    CHECK(r.model == "M/M/c/K");
    CHECK(param(r, "capacity") == 10.0);
    CHECK_THAT(r.metrics.at("p_block"),
               WithinRel(mmck(1.5, 1.0, 2, 10).metrics.at("p_block"), 1e-15));
  }
  CHECK(solve(query("M/M/1/10", 0.5, 1.0)).model == "M/M/1/K");
  CHECK(solve(query("M/M/3/3", 2.0, 1.0)).model == "M/M/c/c");
  CHECK(solve(query("M/M/inf", 2.0, 1.0)).model == "M/M/inf");
  CHECK(solve(query("M/M/3/inf", 2.0, 1.0)).model == "M/M/c");
  {
    auto q = query("M/M/c//N", 0.1, 1.0);
    q.servers = 3;
    q.population = 20;
    const auto r = solve(q);
    CHECK(r.model == "M/M/c//N");
    CHECK_THAT(r.metrics.at("L"), WithinRel(mmcn(0.1, 1.0, 3, 20).metrics.at("L"), 1e-15));
  }
  {
    auto q = query("M/M/c/K/N", 0.1, 1.0);
    q.servers = 3;
    q.capacity = 6;
    q.population = 20;
    CHECK(solve(q).model == "M/M/c/K/N");
  }
  {
    auto q = query("M/M/inf//N", 0.1, 1.0);
    q.population = 5;
    const auto r = solve(q);  // every source served at once: c = N
    CHECK(r.metrics.at("Lq") == 0.0);
  }
  {
    auto q = query("M/G/1", 0.8, 1.0);
    q.service_scv = 2.0;
    const auto r = solve(q);
    CHECK(r.model == "M/G/1");
    CHECK_THAT(r.metrics.at("Wq"), WithinRel(6.0, 1e-14));
  }
  CHECK(solve(query("M/D/1", 0.8, 1.0)).model == "M/D/1");
  {
    const auto r = solve(query("M/E3/1", 0.8, 1.0));
    CHECK(r.model == "M/E_k/1");
    CHECK(param(r, "k") == 3.0);
    auto q = query("M/E_k/1", 0.8, 1.0);
    q.erlang_k = 3;
    CHECK_THAT(solve(q).metrics.at("Wq_p95"), WithinRel(r.metrics.at("Wq_p95"), 1e-15));
  }
  {
    auto q = query("G/G/1", 0.8, 1.0);
    q.arrival_scv = 1.5;
    q.service_scv = 0.5;
    const auto r = solve(q);
    CHECK(r.model == "G/G/1");
    CHECK(r.method == "approximation (Kingman)");
  }
  {
    auto q = query("G/G/c", 7.0, 1.0);
    q.servers = 8;
    q.arrival_scv = 1.5;
    q.service_scv = 0.5;
    const auto r = solve(q);
    CHECK(r.model == "G/G/c");
    CHECK(r.method == "approximation (Allen-Cunneen)");
  }
  {
    auto q = query("M/G/c", 7.0, 1.0);
    q.servers = 8;
    q.service_scv = 0.5;
    CHECK(solve(q).model == "M/G/c");
    CHECK(solve(query("M/D/8", 7.0, 1.0)).model == "M/G/c");
  }
  CHECK(solve(query("M/G/inf", 7.0, 1.0)).model == "M/G/inf");
  {
    auto q = query("M/M/c+M", 1.0 / 30.0, 1.0 / 300.0);
    q.servers = 11;
    q.patience_mean = 120.0;
    QueryOptions o;
    o.sla = 20.0;
    o.quantiles = {0.5, 0.9, 0.99};
    const auto r = solve(q, o);
    CHECK(r.model == "M/M/c+M");
    CHECK(r.metrics.has("service_level"));
    CHECK(r.metrics.has("Wq_p99"));
    CHECK_FALSE(r.metrics.has("Wq_p95"));
  }
}

TEST_CASE("solve: priority classes", "[queue_query][solve]") {
  QueueQuery q;
  q.notation = "M/G/1";
  q.classes = {{"gold", 1.0, 1.0 / 12.0, 1.0}, {"bronze", 9.0, 1.0 / 12.0, 1.0}};
  CHECK(solve(q).model == "M/G/1 (priority)");
  q.priority = PriorityMode::PreemptiveResume;
  CHECK(solve(q).model == "M/G/1 (preemptive priority)");
  q.notation = "M/M/1";
  CHECK(solve(q).classes.size() == 2);
  q.classes[1].service_scv = 2.0;
  CHECK_THROWS_WITH(solve(q), Contains("class 'bronze' has service scv 2"));
  q.notation = "M/M/2";
  CHECK_THROWS_WITH(solve(q), Contains("priority classes are supported for single-server"));
  q.notation = "M/G/1";
  q.lambda = 3.0;
  CHECK_THROWS_WITH(solve(q), Contains("remove --lambda"));
}

TEST_CASE("solve: missing flags are named", "[queue_query][errors]") {
  CHECK_THROWS_WITH(solve(query("M/M/c", 1.0, 1.0)), Contains("M/M/c needs --servers"));
  {
    auto q = query("M/M/c/K", 1.0, 1.0);
    q.servers = 2;
    CHECK_THROWS_WITH(solve(q), Contains("M/M/c/K needs --capacity"));
  }
  {
    auto q = query("M/M/c//N", 1.0, 1.0);
    q.servers = 2;
    CHECK_THROWS_WITH(solve(q), Contains("M/M/c//N needs --population"));
  }
  CHECK_THROWS_WITH(solve(query("M/G/1", 0.5, 1.0)), Contains("M/G/1 needs --service-scv"));
  {
    auto q = query("G/G/c", 0.5, 1.0);
    q.servers = 2;
    q.service_scv = 1.0;
    CHECK_THROWS_WITH(solve(q), Contains("G/G/c needs --arrival-scv"));
  }
  {
    auto q = query("M/M/c+M", 0.5, 1.0);
    q.servers = 2;
    CHECK_THROWS_WITH(solve(q), Contains("M/M/c+M needs --patience-mean"));
  }
  CHECK_THROWS_WITH(solve(query("M/E_k/1", 0.5, 1.0)), Contains("needs --erlang-k"));
  QueueQuery no_rates;
  no_rates.notation = "M/M/1";
  CHECK_THROWS_WITH(solve(no_rates), Contains("M/M/1 needs --lambda"));
  no_rates.lambda = 0.5;
  CHECK_THROWS_WITH(solve(no_rates), Contains("M/M/1 needs --mu"));
}

TEST_CASE("solve: contradictions and unsupported combinations", "[queue_query][errors]") {
  {
    auto q = query("M/M/4", 1.0, 1.0);
    q.servers = 5;
    CHECK_THROWS_WITH(solve(q), Contains("'M/M/4' says 4 but --servers is 5"));
    q.servers = 4;  // agreeing is fine
    CHECK(solve(q).model == "M/M/c");
  }
  {
    auto q = query("M/M/2/10", 1.0, 1.0);
    q.capacity = 12;
    CHECK_THROWS_WITH(solve(q), Contains("--capacity is 12"));
  }
  {
    auto q = query("M/M/c", 1.0, 1.0);
    q.servers = 2.5;
    CHECK_THROWS_WITH(solve(q), Contains("--servers must be a whole number"));
    q.servers = 0;
    CHECK_THROWS_WITH(solve(q), Contains("--servers must be a whole number >= 1"));
    q.servers = unbounded;
    CHECK(solve(q).model == "M/M/inf");
  }
  {
    auto q = query("M/M/c/K", 1.0, 1.0);
    q.servers = 4;
    q.capacity = 3;
    CHECK_THROWS_WITH(solve(q), Contains("smaller than servers"));
    q.capacity = unbounded;
    CHECK(solve(q).model == "M/M/c");
  }
  {
    auto q = query("M/M/1", 0.5, 1.0);
    q.service_scv = 2.0;
    CHECK_THROWS_WITH(solve(q), Contains("use M/G/... for general service"));
    q.service_scv = 1.0;  // consistent: accepted
    CHECK(solve(q).model == "M/M/1");
    q.arrival_scv = 3.0;
    CHECK_THROWS_WITH(solve(q), Contains("Poisson arrivals"));
  }
  {
    auto q = query("M/D/1", 0.5, 1.0);
    q.service_scv = 0.5;
    CHECK_THROWS_WITH(solve(q), Contains("service scv 0"));
  }
  {
    auto q = query("M/M/1", 0.5, 1.0);
    q.patience_mean = 10.0;
    CHECK_THROWS_WITH(solve(q), Contains("--patience-mean only applies"));
    q.erlang_k = 2;
    q.patience_mean.reset();
    CHECK_THROWS_WITH(solve(q), Contains("--erlang-k only applies"));
  }
  {
    auto q = query("M/E3/1", 0.5, 1.0);
    q.erlang_k = 4;
    CHECK_THROWS_WITH(solve(q), Contains("k = 3 but --erlang-k is 4"));
  }
  {
    auto q = query("M/G/1/10", 0.5, 1.0);
    q.service_scv = 2.0;
    CHECK_THROWS_WITH(solve(q), Contains("no analytic model for 'M/G/1/10'"));
  }
  {
    auto q = query("M/M/c/K+M", 0.5, 1.0);
    q.servers = 2;
    q.capacity = 5;
    q.patience_mean = 3.0;
    CHECK_THROWS_WITH(solve(q), Contains("abandonment (+M) is supported without a capacity"));
  }
  CHECK_THROWS_WITH(solve(query("M/M/inf/5", 1.0, 1.0)), Contains("never binds"));
  // Invalid rates come through from the model functions.
  CHECK_THROWS_WITH(solve(query("M/M/1", -0.5, 1.0)), Contains("lambda must be a positive"));
  CHECK_THROWS_WITH(solve(query("M/M/1", std::nan(""), 1.0)), Contains("lambda"));
  QueryOptions bad;
  bad.quantiles = {1.5};
  CHECK_THROWS_WITH(solve(query("M/M/1", 0.5, 1.0), bad), Contains("quantile level"));
}
