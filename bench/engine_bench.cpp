// The engine against a Lindley-recursion baseline drawing the same random numbers. A plain
// timed program, not a test: it prints a table.
//
//   engine_bench [customers]           default 10^7 customers per model, one thread
//   engine_bench --memory [customers]  peak memory (maxrss) of one M/M/1 run, default 10^8
//
// Models: M/M/1 at rho = 0.9; M/M/4 at rho = 0.9; a 3-station open Jackson network (Poisson 1.0
// into station 1, mu = 2; then station 2, mu = 1.5, with probability 0.6, or station 3,
// mu = 1.0, with 0.4; then leave). Baselines use RandomStream and variate::exponential, the
// same engine and variates, with the streams the simulator would use:
//  - M/M/1: Lindley, W_{n+1} = max(0, W_n + S_n − A_{n+1}).
//  - M/M/4: Kiefer–Wolfowitz workload vector (Lindley's recursion for c servers).
//  - Jackson: departure recursion D_n = max(A_n, D_{n−1}) + S_n per station (valid because
//    every station is FIFO with one server and customers reach stations 2 and 3 in the order
//    they leave station 1).

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "kendall/model/scenario.hpp"
#include "kendall/sim/engine/random_stream.hpp"
#include "kendall/sim/engine/simulator.hpp"
#include "kendall/sim/engine/variates.hpp"

using namespace kendall;
namespace md = kendall::model::dist;

namespace {

using Clock = std::chrono::steady_clock;

// CPU time of this thread: on a shared machine wall-clock time also counts other processes.
double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

struct Stopwatch {
  Clock::time_point wall = Clock::now();
  double cpu = cpu_seconds();
};

model::StationSpec station(const char* name, std::uint32_t servers, double mu) {
  model::StationSpec s;
  s.name = name;
  s.servers = servers;
  s.service = {md::Exponential{mu}};
  return s;
}

model::Scenario mmc(std::uint32_t c, double rho, std::uint64_t customers,
                    model::WarmupSpec::Kind warmup) {
  model::Scenario sc;
  sc.name = "M/M/" + std::to_string(c);
  sc.stations.push_back(station("queue", c, 1.0));
  model::ArrivalSpec a;
  a.interarrival = md::Exponential{rho * c};
  sc.arrivals.push_back(a);
  sc.run.customers = customers;
  sc.run.warmup.kind = warmup;
  return sc;
}

model::Scenario jackson(std::uint64_t customers, model::WarmupSpec::Kind warmup) {
  model::Scenario sc;
  sc.name = "Jackson";
  sc.stations.push_back(station("s1", 1, 2.0));
  sc.stations.push_back(station("s2", 1, 1.5));
  sc.stations.push_back(station("s3", 1, 1.0));
  model::RoutingSpec r;
  r.targets = {{1, 0.6}, {2, 0.4}};
  sc.stations[0].routing = {r};
  model::ArrivalSpec a;
  a.interarrival = md::Exponential{1.0};
  sc.arrivals.push_back(a);
  sc.run.customers = customers;
  sc.run.warmup.kind = warmup;
  return sc;
}

sim::RandomStream stream(const model::Scenario& sc, sim::StreamPurpose p, std::uint32_t index) {
  return sim::RandomStream::for_purpose(sc.run.seed, 0, sim::stream_id(p, index, 0));
}

struct Timing {
  double seconds = 0.0;  // CPU time
  double wall_seconds = 0.0;
  double mean_w = 0.0;
  std::uint64_t events = 0;
};

Timing stop(const Stopwatch& w, double mean_w, std::uint64_t events) {
  return {cpu_seconds() - w.cpu, std::chrono::duration<double>(Clock::now() - w.wall).count(),
          mean_w, events};
}

Timing run_engine(const model::Scenario& sc) {
  const Stopwatch w;
  sim::Simulator simulator(sc, 0);
  const auto out = simulator.run();
  return stop(w, out.front().network.at("W"), out.front().events);
}

Timing lindley_mm1(const model::Scenario& sc, std::uint64_t n) {
  const double mean_a = 1.0 / std::get<md::Exponential>(sc.arrivals[0].interarrival).rate;
  const double mean_s = 1.0 / std::get<md::Exponential>(sc.stations[0].service[0]).rate;
  auto arrivals = stream(sc, sim::StreamPurpose::Arrival, 0);
  auto services = stream(sc, sim::StreamPurpose::Service, 0);
  const Stopwatch watch;
  double w = 0.0;
  double sum = 0.0;
  for (std::uint64_t i = 0; i < n; ++i) {
    const double s = sim::variate::exponential(services, mean_s);
    sum += w + s;
    w = std::max(0.0, w + s - sim::variate::exponential(arrivals, mean_a));
  }
  return stop(watch, sum / static_cast<double>(n), 0);
}

Timing kiefer_wolfowitz_mm4(const model::Scenario& sc, std::uint64_t n) {
  const double mean_a = 1.0 / std::get<md::Exponential>(sc.arrivals[0].interarrival).rate;
  const double mean_s = 1.0 / std::get<md::Exponential>(sc.stations[0].service[0]).rate;
  auto arrivals = stream(sc, sim::StreamPurpose::Arrival, 0);
  auto services = stream(sc, sim::StreamPurpose::Service, 0);
  const Stopwatch watch;
  std::array<double, 4> work{};  // sorted ascending: work[0] is the server that frees first
  double sum = 0.0;
  for (std::uint64_t i = 0; i < n; ++i) {
    const double s = sim::variate::exponential(services, mean_s);
    sum += work[0] + s;
    double w = work[0] + s;
    std::size_t j = 1;
    for (; j < 4 && work[j] < w; ++j) work[j - 1] = work[j];
    work[j - 1] = w;
    const double a = sim::variate::exponential(arrivals, mean_a);
    for (double& x : work) x = std::max(0.0, x - a);
  }
  return stop(watch, sum / static_cast<double>(n), 0);
}

Timing departure_recursion_jackson(const model::Scenario& sc, std::uint64_t n) {
  auto arrivals = stream(sc, sim::StreamPurpose::Arrival, 0);
  std::array<sim::RandomStream, 3> services = {stream(sc, sim::StreamPurpose::Service, 0),
                                               stream(sc, sim::StreamPurpose::Service, 1),
                                               stream(sc, sim::StreamPurpose::Service, 2)};
  auto routing = stream(sc, sim::StreamPurpose::Routing, 0);
  const Stopwatch watch;
  double t = 0.0;
  std::array<double, 3> last{};
  double sum = 0.0;
  for (std::uint64_t i = 0; i < n; ++i) {
    t += sim::variate::exponential(arrivals, 1.0);
    last[0] = std::max(t, last[0]) + sim::variate::exponential(services[0], 0.5);
    const bool second = routing.uniform01() < 0.6;
    const std::size_t k = second ? 1 : 2;
    last[k] = std::max(last[0], last[k]) +
              sim::variate::exponential(services[k], second ? 1.0 / 1.5 : 1.0);
    sum += last[k] - t;
  }
  return stop(watch, sum / static_cast<double>(n), 0);
}

void report(const char* name, std::uint64_t n, const Timing& engine, const Timing& baseline) {
  const double cps = static_cast<double>(n) / engine.seconds;
  const double eps = static_cast<double>(engine.events) / engine.seconds;
  const double bps = static_cast<double>(n) / baseline.seconds;
  std::printf("%-24s %8.2f %8.2f %10.2f %10.2f %14.2f %9.2fx %10.4f %10.4f\n", name, engine.seconds,
              engine.wall_seconds, cps / 1e6, eps / 1e6, bps / 1e6, bps / cps, engine.mean_w,
              baseline.mean_w);
}

int memory_run(std::uint64_t n) {
  const pid_t child = fork();
  if (child < 0) {
    std::perror("fork");
    return 1;
  }
  if (child == 0) {
    const auto sc = mmc(1, 0.9, n, model::WarmupSpec::Kind::Auto);
    const Timing t = run_engine(sc);
    std::printf(
        "M/M/1 rho=0.9, %llu customers (auto warm-up): %.1f s CPU (%.1f s wall), %.2f M "
        "customers/s, "
        "W = %.4f\n",
        static_cast<unsigned long long>(n), t.seconds, t.wall_seconds,
        static_cast<double>(n) / t.seconds / 1e6, t.mean_w);
    std::fflush(stdout);
    _exit(0);
  }
  int status = 0;
  waitpid(child, &status, 0);
  rusage usage{};
  getrusage(RUSAGE_CHILDREN, &usage);
  std::printf("peak memory (maxrss of the child process): %.1f MB\n",
              static_cast<double>(usage.ru_maxrss) / 1024.0);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  bool memory = false;
  std::uint64_t n = 0;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--memory") == 0) {
      memory = true;
    } else {
      n = std::strtoull(argv[i], nullptr, 10);
    }
  }
  if (memory) return memory_run(n ? n : 100'000'000ull);
  if (n == 0) n = 10'000'000ull;

  std::printf("%llu customers per model, one thread; rates use CPU time (wall time also shown)\n",
              static_cast<unsigned long long>(n));
  std::printf("%-24s %8s %8s %10s %10s %14s %10s %10s %10s\n", "model", "cpu s", "wall s",
              "Mcust/s", "Mevents/s", "baseline Mc/s", "ratio", "W engine", "W base");
  for (auto warmup : {model::WarmupSpec::Kind::None, model::WarmupSpec::Kind::Auto}) {
    const char* tag = warmup == model::WarmupSpec::Kind::None ? "" : " +MSER";
    const auto m1 = mmc(1, 0.9, n, warmup);
    report((std::string("M/M/1 rho=0.9") + tag).c_str(), n, run_engine(m1), lindley_mm1(m1, n));
    const auto m4 = mmc(4, 0.9, n, warmup);
    report((std::string("M/M/4 rho=0.9") + tag).c_str(), n, run_engine(m4),
           kiefer_wolfowitz_mm4(m4, n));
    const auto j = jackson(n, warmup);
    report((std::string("Jackson 3 stations") + tag).c_str(), n, run_engine(j),
           departure_recursion_jackson(j, n));
  }
  return 0;
}
