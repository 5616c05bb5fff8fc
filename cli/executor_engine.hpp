#pragma once
/// \file
/// `kendall run --engine executor|all`: the scenario on real executors (and the DES), checked
/// before anything starts, rendered side by side.

#include <optional>
#include <string>

#include "kendall/model/scenario.hpp"
#include "kendall/model/scenario_solver.hpp"

#include "commands.hpp"

namespace kendall::cli {

struct ExecutorEngineOptions {
  std::string engine = "executor";        ///< executor | all (all adds the DES)
  std::string executor = "threads";       ///< tbb | threads | asio | all
  std::optional<std::string> time_scale;  ///< wall time of one model time unit; empty = auto
  std::string max_wall = "30s";           ///< wall-time budget shared by the executor runs
  bool calibrate = false;
  bool quiet = false;
  std::string format = "table";
  unsigned threads = 0;  ///< DES replication threads
  /// `--report FILE`: a capacity report of the first executor's run (--engine executor) or of
  /// the DES run (--engine all), in the format of the extension.
  std::optional<std::string> report;
  std::string scenario_file;  ///< for the report's footer (SHA-256 of the file)
};

/// Returns the exit code. Throws InvalidParameter when a flag is wrong or the scenario cannot
/// run on the executors (every reason named, with a --time-scale that would work).
int run_with_executors(const model::Scenario& scenario, const model::ScenarioSolution* solution,
                       const ExecutorEngineOptions& options, CommandContext& context);

}  // namespace kendall::cli
