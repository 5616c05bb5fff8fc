// Broken scenario files: each gives its exact message, `file:line:col: what is wrong — what was
// expected`. Two tables: inline YAML below, and the files in tests/data/broken/, each of which
// lists its expected messages in `# expect:` comment lines. Long on purpose: a table of cases.

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "kendall/error.hpp"
#include "kendall/model/scenario_loader.hpp"

#include "repo_root.hpp"

using namespace kendall::model;

namespace {

std::filesystem::path repo_root() { return kendall::test::repo_root(); }
std::filesystem::path data_dir() { return repo_root() / "tests" / "data"; }

struct BrokenCase {
  const char* what;
  std::string yaml;
  std::string expected;  ///< the whole what(): one line per problem
};

/// What parse_scenario reports for `yaml` (or "no error").
std::string error_of(const std::string& yaml) {
  try {
    (void)parse_scenario(yaml, "broken.yaml", data_dir());
  } catch (const kendall::ScenarioError& e) {
    return e.what();
  }
  return "no error";
}

const std::string arrive_a = "name: x\narrivals: [{to: a, rate: 1}]\nstations:\n";
const std::string arrive_api =
    "name: x\narrivals: [{to: api, rate: 1}]\nstations:\n  - name: api\n";

const std::vector<BrokenCase>& cases() {
  static const std::vector<BrokenCase> table = {
      // --- YAML itself ----------------------------------------------------------------------
      {"YAML syntax error (yaml-cpp's mark)", "name: x\nstations: [a, b\n",
       "broken.yaml:3:1: YAML syntax error: end of sequence flow not found — expected well-formed "
       "YAML "
       "(check indentation, brackets and quotes)"},
      {"tab indentation", "name: x\nstations:\n\t- name: a\n",
       "broken.yaml:3:2: YAML syntax error: illegal block entry — expected spaces for indentation "
       "(YAML does "
       "not allow tabs)"},
      {"empty file", "# nothing here\n",
       "broken.yaml: the scenario is empty — expected a YAML mapping with at least name: and "
       "stations:"},
      {"two documents", "name: x\n---\nname: y\n",
       "broken.yaml:2:1: the file holds more than one YAML document — expected a single scenario "
       "(remove the "
       "'---' separator)"},
      {"stray comma before the scenario (yaml-cpp reads it as an empty document)",
       "# comment\n,\nname: x\nstations: [{name: a, service: {mean: 1}}]\n",
       "broken.yaml:2:1: YAML syntax error: ',' cannot start a YAML document — expected a mapping "
       "of keys such as "
       "name: and stations:"},
      {"stray comma after the end of the document", "name: x\n...\n,\n",
       "broken.yaml:3:1: YAML syntax error: ',' after the end of the scenario — expected nothing "
       "more (one "
       "scenario per file)"},
      {"root is a list", "- name: x\n",
       "broken.yaml:1:1: the scenario is a list — expected a mapping of keys (name, description, "
       "time_unit, "
       "classes, population, start, arrivals, stations, run, slo, cost)"},
      // --- required keys, unknown and duplicate keys ------------------------------------------
      {"missing name", "stations:\n  - {name: a, service: {mean: 1}}\n",
       "broken.yaml:1:1: the scenario has no 'name' — expected a short title, e.g. name: Checkout "
       "API at peak"},
      {"missing stations (and no cascade of unknown stations)",
       "name: x\narrivals: [{to: a, rate: 1}]\n",
       "broken.yaml:1:1: the scenario has no 'stations' — expected a list of stations, each with a "
       "name and a "
       "service"},
      {"empty stations", "name: x\nstations: []\n",
       "broken.yaml:2:11: stations is empty — expected at least one station"},
      {"misspelt top-level key", "name: x\nstatons:\n  - {name: a, service: {mean: 1}}\n",
       "broken.yaml:2:1: unknown key 'statons' in the scenario — did you mean 'stations'?"},
      {"run setting at the top level",
       "name: x\nseed: 3\n" + arrive_a.substr(8) + "  - {name: a, service: {mean: 1}}\n",
       "broken.yaml:2:1: unknown key 'seed' in the scenario — 'seed' belongs in the run: section"},
      {"misspelt station key", arrive_api + "    sevrers: 8\n    service: {mean: 1}\n",
       "broken.yaml:5:5: unknown key 'sevrers' in station 'api' — did you mean 'servers'?"},
      {"station key with a hint",
       arrive_api + "    routing: {api: 0.5}\n    service: {mean: 0.1}\n",
       "broken.yaml:5:5: unknown key 'routing' in station 'api' — did you mean 'next'?"},
      {"duplicate key",
       arrive_a + "  - name: a\n    servers: 2\n    servers: 3\n    service: {mean: 0.1}\n",
       "broken.yaml:6:5: duplicate key 'servers' in station 'a' (first given on line 5) — expected "
       "each key once"},
      {"missing service", arrive_api + "    servers: 2\n",
       "broken.yaml:4:5: station 'api' has no 'service' — expected a service time distribution, "
       "e.g. service: "
       "{dist: exponential, mean: 45ms}"},
      {"empty service", arrive_api + "    service:\n    next: exit\n",
       "broken.yaml:5:5: service is empty — expected a distribution mapping such as {dist: "
       "exponential, mean: "
       "45ms}"},
      {"interarrival distribution at the arrival level",
       "name: x\narrivals:\n  - to: a\n    dist: exponential\n    rate: 2/s\nstations:\n  - {name: "
       "a, service: {mean: 0.1}}\n",
       "broken.yaml:4:5: unknown key 'dist' in arrivals[0] — interarrival distributions go under "
       "interarrival: "
       "{dist: ...}"},
      // --- wrong types and numbers -------------------------------------------------------------
      {"servers: many", arrive_api + "    servers: many\n    service: {mean: 1}\n",
       "broken.yaml:5:14: servers: 'many' is not a whole number — expected a whole number >= 1 or "
       "inf"},
      {"servers: 2.5", arrive_api + "    servers: 2.5\n    service: {mean: 1}\n",
       "broken.yaml:5:14: servers: 2.5 is not a whole number — expected a whole number >= 1 or "
       "inf"},
      {"servers: 0", arrive_api + "    servers: 0\n    service: {mean: 1}\n",
       "broken.yaml:5:14: servers is 0 — expected a whole number >= 1 or inf"},
      {"servers: -1", arrive_api + "    servers: -1\n    service: {mean: 1}\n",
       "broken.yaml:5:14: servers: -1 is negative — expected a whole number >= 1 or inf"},
      {"servers is a list", arrive_api + "    servers: [1, 2]\n    service: {mean: 1}\n",
       "broken.yaml:5:14: servers is a list — expected a whole number >= 1 or inf"},
      {"servers: infinite", arrive_api + "    servers: infinite\n    service: {mean: 1}\n",
       "broken.yaml:5:14: servers: 'infinite' — did you mean 'inf'?"},
      {"capacity below servers",
       arrive_api + "    servers: 8\n    capacity: 4\n    service: {mean: 1}\n",
       "broken.yaml:6:15: capacity 4 is less than servers 8 — expected capacity >= servers "
       "(capacity counts "
       "customers waiting and in service)"},
      {"servers and schedule",
       arrive_a + "  - name: a\n    servers: 2\n    schedule: {servers: [{from: 0, servers: 2}]}\n "
                  "   service: {mean: 0.1}\n",
       "broken.yaml:6:15: both servers and schedule are given — expected one of them (a schedule "
       "sets the "
       "number of servers over time)"},
      {"confidence: 95", arrive_a + "  - {name: a, service: {mean: 0.1}}\nrun:\n  confidence: 95\n",
       "broken.yaml:6:15: confidence is 95, outside (0, 1) — expected a confidence level such as "
       "0.95 or 95%"},
      {"warmup: 5.5", arrive_a + "  - {name: a, service: {mean: 0.1}}\nrun:\n  warmup: 5.5\n",
       "broken.yaml:6:11: warmup is '5.5' — expected auto, none, a whole number of customers, or a "
       "duration "
       "with its unit such as 30s (a bare number counts customers)"},
      // --- units -------------------------------------------------------------------------------
      {"unknown unit in a duration", arrive_a + "  - {name: a, service: {mean: 45 sec}}\n",
       "broken.yaml:4:31: mean: unknown time unit 'sec' in '45 sec' — did you mean 's'? (units: "
       "ns, us, ms, s, "
       "min, h, d)"},
      {"unknown time_unit",
       "name: x\ntime_unit: sec\narrivals: [{to: a, rate: 1}]\nstations:\n  - {name: a, service: "
       "{mean: 0.1}}\n",
       "broken.yaml:2:12: time_unit: unknown time unit 'sec' — did you mean 's'? (units: ns, us, "
       "ms, s, min, h, d)"},
      {"negative rate",
       "name: x\narrivals:\n  - {to: api, rate: -5/s}\nstations:\n  - {name: api, service: {mean: "
       "1}}\n",
       "broken.yaml:3:21: rate: negative rate '-5/s' — expected a rate >= 0"},
      {"zero rate",
       "name: x\narrivals:\n  - {to: api, rate: 0/s}\nstations:\n  - {name: api, service: {mean: "
       "1}}\n",
       "broken.yaml:3:21: rate is 0/s — expected a rate > 0, e.g. 120/s or 7200/h"},
      {"rate written as a duration",
       "name: x\narrivals:\n  - {to: a, rate: 2s}\nstations:\n  - {name: a, service: {mean: "
       "0.1}}\n",
       "broken.yaml:3:19: rate: '2s' is not a rate — expected a number per time unit, e.g. 120/s "
       "or 7200/h ('2s' "
       "is a duration; a rate is written 2/s)"},
      {"missing number", arrive_a + "  - {name: a, service: {mean: ms}}\n",
       "broken.yaml:4:31: mean: 'ms' has no number — expected a duration such as 45ms, 2s or "
       "1.5min"},
      {"zero mean", arrive_a + "  - {name: a, service: {mean: 0ms}}\n",
       "broken.yaml:4:31: mean is 0ms — expected a duration > 0, e.g. 45ms or 2s"},
      // --- names -------------------------------------------------------------------------------
      {"unknown station in arrivals",
       "name: x\narrivals:\n  - to: apj\n    rate: 1/s\nstations:\n  - {name: api, service: {mean: "
       "1}}\n  - {name: db, service: {mean: 1}}\n",
       "broken.yaml:3:9: unknown station 'apj' — did you mean 'api'? (stations: api, db)"},
      {"unknown station in next",
       arrive_api +
           "    service: {mean: 0.1}\n    next: {dbb: 0.5}\n  - {name: db, service: {mean: 0.1}}\n",
       "broken.yaml:6:12: unknown station 'dbb' in next — did you mean 'db'? (targets: api, db, "
       "exit)"},
      {"unknown station without a close match",
       "name: x\narrivals: [{to: frontend, rate: 1}]\nstations:\n  - {name: api, service: {mean: "
       "1}}\n",
       "broken.yaml:2:17: unknown station 'frontend' — expected one of the stations: api"},
      {"unknown distribution", arrive_api + "    service: {dist: lognorm, mean: 45ms, scv: 1.5}\n",
       "broken.yaml:5:21: unknown distribution 'lognorm' — did you mean 'lognormal'? "
       "(distributions: "
       "exponential, deterministic, erlang, gamma, lognormal, hyperexponential, uniform, weibull, "
       "empirical)"},
      {"poisson is not a distribution of times",
       "name: x\narrivals:\n  - to: a\n    interarrival: {dist: poisson, rate: 3/s}\nstations:\n  "
       "- {name: a, service: {mean: 0.1}}\n",
       "broken.yaml:4:26: unknown distribution 'poisson' — did you mean 'exponential'? (Poisson "
       "arrivals have "
       "exponential interarrival times); distributions: exponential, deterministic, erlang, gamma, "
       "lognormal, "
       "hyperexponential, uniform, weibull, empirical"},
      {"unknown discipline", arrive_a + "  - {name: a, discipline: fcfs, service: {mean: 0.1}}\n",
       "broken.yaml:4:27: unknown discipline 'fcfs' — did you mean 'fifo'? (disciplines: fifo, "
       "lifo, random, "
       "priority, priority-preemptive, ps, rr, sjf)"},
      {"duplicate station name",
       arrive_a + "  - {name: a, service: {mean: 0.1}}\n  - {name: a, service: {mean: 0.1}}\n",
       "broken.yaml:5:12: station name 'a' is already used by stations[0] — expected unique "
       "station names"},
      {"station named like a class",
       "name: x\nclasses: [gold, bronze]\narrivals: [{to: gold, class: gold, rate: "
       "1}]\nstations:\n  - {name: gold, service: {mean: 0.1}}\n",
       "broken.yaml:5:12: station 'gold' has the same name as a customer class — expected distinct "
       "names "
       "(per-class settings are keyed by class name)"},
      // --- distributions -----------------------------------------------------------------------
      {"parameter of another family",
       arrive_api + "    service: {dist: exponential, mean: 45ms, scv: 1.5}\n",
       "broken.yaml:5:46: unknown key 'scv' in the exponential distribution of 'service' — "
       "exponential takes rate "
       "or mean; 'scv' is a parameter of gamma, lognormal, hyperexponential"},
      {"incomplete parameters",
       arrive_a + "  - {name: a, service: {dist: gamma, mean: 3, shape: 2}}\n",
       "broken.yaml:4:24: the gamma distribution takes shape + scale, shape + rate, or mean + scv "
       "— got mean, shape"},
      {"ambiguous erlang rate",
       arrive_a + "  - {name: a, service: {dist: erlang, k: 2, rate: 4/s}}\n",
       "broken.yaml:4:45: unknown key 'rate' in the erlang distribution of 'service' — erlang "
       "takes k + mean (the "
       "mean of the whole distribution) or k + phase_rate (the rate of each of the k phases); "
       "'rate' alone would "
       "be ambiguous"},
      {"service as a bare duration", arrive_api + "    service: 45ms\n",
       "broken.yaml:5:14: service is a single value ('45ms') — expected a distribution mapping "
       "such as {dist: "
       "exponential, mean: 45ms} (a constant is {dist: deterministic, value: 45ms})"},
      {"patience as a bare duration", arrive_api + "    service: {mean: 1}\n    patience: 2min\n",
       "broken.yaml:6:15: patience is a single value ('2min') — expected a distribution mapping "
       "such as {dist: "
       "exponential, mean: 45ms} (a constant is {dist: deterministic, value: 2min})"},
      {"hyperexponential with scv < 1",
       arrive_api + "    service: {dist: hyperexponential, mean: 1s, scv: 0.5}\n",
       "broken.yaml:5:54: scv is 0.5, but a hyperexponential has scv >= 1 — expected scv >= 1 (for "
       "scv < 1 use "
       "erlang or gamma)"},
      {"phase probabilities",
       arrive_a + "  - name: a\n    service: {dist: hyperexponential, phases: [{probability: 0.5, "
                  "rate: 2/s}, {probability: 0.4, rate: 1/s}]}\n",
       "broken.yaml:5:47: the phase probabilities sum to 0.9 — expected 1"},
      {"uniform max below min",
       arrive_a + "  - {name: a, service: {dist: uniform, min: 5ms, max: 2ms}}\n",
       "broken.yaml:4:55: max (2ms) is not greater than min (5ms) — expected min < max"},
      {"zero interarrival time",
       "name: x\narrivals:\n  - {to: a, interarrival: {dist: deterministic, value: "
       "0}}\nstations:\n  - {name: a, service: {mean: 0.1}}\n",
       "broken.yaml:3:27: the mean interarrival time is 0 — expected a mean > 0 (arrivals would "
       "come infinitely "
       "fast)"},
      {"two arrival forms",
       "name: x\narrivals:\n  - {to: a, rate: 1/s, mean: 1s}\nstations:\n  - {name: a, service: "
       "{mean: 0.1}}\n",
       "broken.yaml:3:30: both rate and mean are given — expected one of rate, mean, interarrival "
       "or profile"},
      {"profile not starting at 0",
       "name: x\narrivals:\n  - to: a\n    profile: {rates: [{from: 1h, rate: 1/s}]}\nstations:\n  "
       "- {name: a, service: {mean: 0.1}}\n",
       "broken.yaml:4:23: the first rate must start at 0 — expected from: 0 in the first entry"},
      {"profile ending at rate 0 without a period",
       "name: x\narrivals:\n  - to: a\n    profile:\n      rates:\n        - {from: 0h, rate: "
       "5/s}\n        - {from: 1h, rate: 0/s}\nstations:\n  - {name: a, service: {mean: 0.1}}\n",
       "broken.yaml:7:11: without a period the last rate holds for ever, and it is 0 — expected a "
       "last rate > 0, "
       "or a period to repeat the profile"},
      {"profile with every rate 0",
       "name: x\narrivals:\n  - to: a\n    profile: {period: 1d, rates: [{from: 0h, rate: "
       "0/s}]}\nstations:\n  - {name: a, service: {mean: 0.1}}\n",
       "broken.yaml:4:34: every rate in the profile is 0 — expected some rate > 0"},
      // --- routing -----------------------------------------------------------------------------
      {"probability above 1",
       arrive_api +
           "    service: {mean: 0.1}\n    next: {db: 1.5}\n  - {name: db, service: {mean: 0.1}}\n",
       "broken.yaml:6:16: db is 1.5 — expected a probability between 0 and 1, e.g. 0.3 or 30%"},
      {"probabilities summing to more than 1",
       arrive_api + "    service: {mean: 0.1}\n    next: {db: 0.7, cache: 0.5}\n  - {name: db, "
                    "service: {mean: 0.1}}\n  - {name: cache, service: {mean: 0.1}}\n",
       "broken.yaml:6:11: routing probabilities sum to 1.2 — expected a total <= 1 (the remainder "
       "leaves the "
       "system)"},
      {"next as a list",
       arrive_a + "  - {name: a, service: {mean: 0.1}, next: [a, b]}\n  - {name: b, service: "
                  "{mean: 0.1}}\n",
       "broken.yaml:4:43: next is a list — expected a station name, exit, a table {station: "
       "probability, ...}, or "
       "{shortest_queue | round_robin | random: [stations]}"},
      {"exit as a shortest-queue candidate",
       arrive_a + "  - {name: a, service: {mean: 0.1}, next: {shortest_queue: [b, exit]}}\n  - "
                  "{name: b, service: {mean: 0.1}}\n",
       "broken.yaml:4:64: exit cannot be a shortest_queue candidate — expected station names"},
      {"customers trapped in a loop",
       arrive_a + "  - {name: a, service: {mean: 0.1}, next: {b: 0.5}}\n  - {name: b, service: "
                  "{mean: 0.1}, next: c}\n  - {name: c, service: {mean: 0.1}, next: b}\n",
       "broken.yaml:5:43: customers that reach 'b', 'c' can never leave the system (no route from "
       "there leads to "
       "exit) — expected some probability of going to exit"},
      // --- disciplines -------------------------------------------------------------------------
      {"rr without quantum", arrive_api + "    discipline: rr\n    service: {mean: 0.5}\n",
       "broken.yaml:5:17: discipline rr needs a quantum — expected e.g. quantum: 5ms"},
      {"quantum without rr", arrive_api + "    quantum: 5ms\n    service: {mean: 0.5}\n",
       "broken.yaml:5:14: quantum is only used by discipline rr — expected no quantum (or "
       "discipline: rr)"},
      // --- open and closed networks ------------------------------------------------------------
      {"closed network with arrivals",
       "name: x\npopulation: 5\narrivals: [{to: a, rate: 1}]\nstations:\n  - {name: a, service: "
       "{mean: 1}, next: a}\n",
       "broken.yaml:3:11: a closed network (population) has no arrivals — expected either "
       "population or "
       "arrivals, not both"},
      {"closed network with an exit route",
       "name: x\npopulation: 5\nstations:\n  - {name: think, servers: inf, service: {mean: 5}, "
       "next: cpu}\n  - {name: cpu, service: {mean: 0.1}, next: {think: 0.9, exit: 0.1}}\n",
       "broken.yaml:5:45: in a closed network customers never leave, but customers leaving 'cpu' "
       "can exit — "
       "expected routing probabilities to stations summing to 1"},
      {"closed network station without next",
       "name: x\npopulation: 5\nstations:\n  - {name: think, servers: inf, service: {mean: 5}, "
       "next: cpu}\n  - {name: cpu, service: {mean: 0.1}}\n",
       "broken.yaml:5:5: in a closed network customers never leave, but every customer leaving "
       "'cpu' exits (no "
       "next, or next: exit) — expected a route to another station, e.g. next: think"},
      {"closed network with classes",
       "name: x\npopulation: 5\nclasses: [a1, a2]\nstations:\n  - {name: a, service: {mean: 1}, "
       "next: a}\n",
       "broken.yaml:3:10: a closed network (population) has a single customer class — expected no "
       "classes "
       "section with population"},
      {"start in an open network",
       "name: x\nstart: a\narrivals: [{to: a, rate: 1}]\nstations:\n  - {name: a, service: {mean: "
       "0.1}}\n",
       "broken.yaml:2:8: start is only used by a closed network — expected population: N with it, "
       "or no start"},
      {"open network without arrivals or backlog",
       "name: x\nstations:\n  - {name: a, service: {mean: 1}}\n",
       "broken.yaml:1:1: an open network needs arrivals or a backlog — expected an arrivals "
       "section (or "
       "population: N for a closed network, or backlog: N at a station)"},
      {"backlog above capacity",
       "name: x\nstations:\n  - {name: a, capacity: 3, backlog: 5, service: {mean: 0.1}}\n",
       "broken.yaml:3:37: backlog of 5 customers exceeds capacity 3 — expected at most capacity "
       "customers at "
       "time 0"},
      // --- classes -----------------------------------------------------------------------------
      {"arrival without class when classes are declared",
       "name: x\nclasses: [gold, bronze]\narrivals:\n  - {to: a, class: gold, rate: 1}\n  - {to: "
       "a, rate: 1}\nstations:\n  - {name: a, service: {mean: 0.1}}\n",
       "broken.yaml:5:5: the arrival stream has no class, but classes are declared — expected "
       "class: one of gold, "
       "bronze"},
      {"unknown class",
       "name: x\nclasses: [gold, bronze]\narrivals:\n  - {to: a, class: bronz, rate: "
       "1}\nstations:\n  - {name: a, service: {mean: 0.1}}\n",
       "broken.yaml:4:20: unknown class 'bronz' — did you mean 'bronze'? (classes: gold, bronze)"},
      {"class without a classes section",
       "name: x\narrivals:\n  - {to: a, class: gold, rate: 1}\nstations:\n  - {name: a, service: "
       "{mean: 0.1}}\n",
       "broken.yaml:3:20: class 'gold' is not declared — expected a classes section that lists it "
       "(without one, "
       "every customer is of class 'default')"},
      {"per-class service missing a class that reaches the station",
       "name: x\nclasses: [gold, bronze]\narrivals:\n  - {to: a, class: gold, rate: 1}\n  - {to: "
       "a, class: bronze, rate: 1}\nstations:\n  - name: a\n    service:\n      gold: {mean: "
       "0.1}\n",
       "broken.yaml:9:7: service is given per class but not for class 'bronze', which reaches "
       "station 'a' — "
       "expected a distribution for every class that visits it"},
      {"per-class next missing a class that reaches the station",
       "name: x\nclasses: [gold, bronze]\narrivals:\n  - {to: a, class: gold, rate: 1}\n  - {to: "
       "a, class: bronze, rate: 1}\nstations:\n  - name: a\n    service: {mean: 0.1}\n    next: "
       "{gold: exit}\n",
       "broken.yaml:9:11: next is given per class but not for class 'bronze', which reaches "
       "station 'a' — "
       "expected an entry for every class that visits it (bronze: exit to leave)"},
      {"a per-class key that is not a class",
       "name: x\nclasses: [gold, bronze]\narrivals:\n  - {to: a, class: gold, rate: "
       "1}\nstations:\n  - name: a\n    service: {gold: {mean: 0.1}, silver: {mean: 0.2}}\n",
       "broken.yaml:7:34: 'silver' is not a class, but service is written per class — expected one "
       "of the "
       "classes: gold, bronze"},
      {"scalar backlog with classes",
       "name: x\nclasses: [gold, bronze]\nstations:\n  - {name: a, backlog: 4, service: {mean: "
       "0.1}}\n",
       "broken.yaml:4:24: backlog is a single number but classes are declared — expected a count "
       "per class, "
       "e.g. backlog: {gold: 2}"},
      {"reserved class name",
       "name: x\nclasses: [mean, b]\narrivals: [{to: a, class: b, rate: 1}]\nstations:\n  - {name: "
       "a, service: {mean: 0.1}}\n",
       "broken.yaml:2:11: class name 'mean' is reserved (it is a distribution or routing keyword) "
       "— expected "
       "another name"},
  };
  return table;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = text.find('\n', start);
    lines.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return lines;
}

}  // namespace

TEST_CASE("each broken scenario gives its exact located message", "[model][scenario][errors]") {
  for (const auto& c : cases()) {
    INFO(c.what << "\n--- yaml ---\n" << c.yaml);
    CHECK(error_of(c.yaml) == c.expected);
  }
}

TEST_CASE("ScenarioError carries the first problem's position", "[model][scenario][errors]") {
  try {
    (void)parse_scenario(arrive_api + "    servers: many\n    service: {mean: 1}\n", "broken.yaml");
    FAIL("no error");
  } catch (const ScenarioLoadError& e) {
    CHECK(e.file() == "broken.yaml");
    CHECK(e.line() == 5);
    CHECK(e.column() == 14);
    CHECK(e.message() ==
          "servers: 'many' is not a whole number — expected a whole number >= 1 or inf");
    REQUIRE(e.problems().size() == 1);
  }
}

TEST_CASE("independent problems are all reported, one per line, in file order",
          "[model][scenario][errors]") {
  const std::string yaml = R"(name: Checkout
time_unit: ms
arrivals:
  - {to: apii, rate: 120/s}
stations:
  - name: api
    sevrers: 8
    service: {dist: lognormal, mean: 45ms, scv: -1.5}
    next: {db: 0.6, exitt: 0.4}
  - name: db
    servers: 2.5
    service: {dist: exponential, mean: 10 msec}
run: {replications: 0, confidence: 1.5}
)";
  const std::string expected =
      "broken.yaml:4:10: unknown station 'apii' — did you mean 'api'? (stations: api, db)\n"
      "broken.yaml:7:5: unknown key 'sevrers' in station 'api' — did you mean 'servers'?\n"
      "broken.yaml:8:49: scv is -1.5 — expected a number > 0\n"
      "broken.yaml:9:21: unknown station 'exitt' in next — did you mean 'exit'? (targets: api, db, "
      "exit)\n"
      "broken.yaml:11:14: servers: 2.5 is not a whole number — expected a whole number >= 1 or "
      "inf\n"
      "broken.yaml:12:40: mean: unknown time unit 'msec' in '10 msec' — did you mean 'ms'? (units: "
      "ns, us, ms, "
      "s, min, h, d)\n"
      "broken.yaml:13:21: replications is 0 — expected a whole number >= 1\n"
      "broken.yaml:13:36: confidence is 1.5, outside (0, 1) — expected a confidence level such as "
      "0.95 or 95%";
  CHECK(error_of(yaml) == expected);
}

TEST_CASE("rules across the file are checked once the structure is sound",
          "[model][scenario][errors]") {
  // Both problems below are about the whole network; with a structural error present only the
  // structural error is reported, after fixing it both network problems are.
  const std::string network_problems = R"(name: x
population: 3
stations:
  - {name: a, service: {mean: 1}, next: {b: 0.5}}
  - {name: b, service: {mean: 1}, next: exit}
)";
  CHECK(error_of(network_problems + "run: {seed: -1}\n") ==
        "broken.yaml:6:13: seed: -1 is negative — expected a whole number >= 0");
  CHECK(error_of(network_problems) ==
        "broken.yaml:4:41: in a closed network customers never leave, but customers leaving 'a' "
        "can exit — "
        "expected routing probabilities to stations summing to 1\n"
        "broken.yaml:5:41: in a closed network customers never leave, but every customer leaving "
        "'b' exits (no "
        "next, or next: exit) — expected a route to another station, e.g. next: a");
}

TEST_CASE("errors inside a trace file point into the trace", "[model][scenario][errors]") {
  const std::string traces = (data_dir() / "traces").lexically_normal().generic_string();
  const std::string head = "name: x\ntime_unit: ms\narrivals: [{to: a, rate: 1/s}]\nstations:\n";
  CHECK(error_of(head + "  - {name: a, service: {dist: empirical, file: traces/bad_value.csv, "
                        "column: latency_ms}}\n") ==
        traces +
            "/bad_value.csv:3:3: 'fast' has no number — expected a duration such as 45ms, 2s or "
            "1.5min");
  CHECK(error_of(head + "  - {name: a, service: {dist: empirical, file: "
                        "traces/header_only_needs_column.csv}}\n") ==
        traces +
            "/header_only_needs_column.csv:1:1: 'latency_ms' is not a number — if this line is a "
            "header, "
            "name the column to use, e.g. column: latency_ms");
  CHECK(error_of(head + "  - {name: a, service: {dist: empirical, file: traces/requests.csv, "
                        "column: latency}}\n") ==
        traces +
            "/requests.csv:1:1: the header has no column 'latency' — did you mean 'latency_ms'? "
            "(columns: "
            "request_id, latency_ms, status)");
  CHECK(error_of(head + "  - {name: a, service: {dist: empirical, file: traces/requests.csv}}\n") ==
        traces +
            "/requests.csv:1:1: the line has 3 comma-separated fields — expected one number per "
            "line, or name "
            "the column to use with column: <header name>");
  CHECK(error_of(head + "  - {name: a, service: {dist: empirical, file: traces/missing.csv}}\n") ==
        "broken.yaml:5:48: file: " + traces +
            "/missing.csv: cannot open the trace file — expected a readable CSV file (the path is "
            "relative to the "
            "scenario file)");
}

TEST_CASE("broken files in tests/data/broken give the messages they expect",
          "[model][scenario][errors]") {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(data_dir() / "broken")) {
    if (entry.path().extension() == ".yaml") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 5);
  for (const auto& file : files) {
    INFO(file.string());
    // Expected lines: `# expect: <line:col: message>`; the file name is prepended here.
    std::vector<std::string> expected;
    std::ifstream in(file);
    std::string line;
    const std::string marker = "# expect: ";
    while (std::getline(in, line)) {
      if (line.rfind(marker, 0) == 0)
        expected.push_back(file.string() + ":" + line.substr(marker.size()));
    }
    REQUIRE_FALSE(expected.empty());
    std::string actual = "no error";
    try {
      (void)load_scenario(file);
    } catch (const kendall::ScenarioError& e) {
      actual = e.what();
    }
    CHECK(lines_of(actual) == expected);
  }
}
