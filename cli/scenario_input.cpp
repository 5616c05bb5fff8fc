#include "scenario_input.hpp"

#include <ostream>

#include "kendall/model/scenario_loader.hpp"

namespace kendall::cli {

bool looks_like_scenario_file(const std::string& target) {
  const std::filesystem::path path(target);
  const auto extension = path.extension().string();
  if (extension == ".yaml" || extension == ".yml") return true;
  std::error_code ignored;
  return std::filesystem::is_regular_file(path, ignored);
}

model::Scenario load_scenario_reporting_warnings(const std::filesystem::path& path,
                                                 std::ostream& err) {
  auto loaded = model::load_scenario_with_warnings(path);
  for (const auto& warning : loaded.warnings) err << warning << '\n';
  return std::move(loaded.scenario);
}

}  // namespace kendall::cli
