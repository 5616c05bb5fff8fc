#include <chrono>
#include <ctime>
#include <fstream>
#include <memory>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <sys/utsname.h>
#include <thread>
#include <unistd.h>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "kendall/error.hpp"
#include "kendall/validation/coverage.hpp"
#include "kendall/validation/report.hpp"
#include "kendall/validation/runner.hpp"
#include "kendall/validation/suite.hpp"

#include "commands.hpp"
#include "exit_codes.hpp"
#include "interrupt.hpp"

namespace kendall::cli {

namespace {

struct ValidateOptions {
  std::vector<std::string> suites;
  std::string suites_dir;
  bool list = false;
  bool quick = false;
  bool strict = false;
  std::vector<std::string> cases;
  std::uint32_t coverage = 0;
  bool coverage_only = false;
  std::string report;
  std::string results;
  std::string format = "text";
  unsigned threads = 0;
  bool quiet = false;
};

std::string now_text() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[64];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%d %H:%M UTC", &tm);
  return buffer;
}

std::string machine_text() {
  std::string cpu;
  std::ifstream info("/proc/cpuinfo");
  for (std::string line; std::getline(info, line);) {
    if (line.rfind("model name", 0) == 0) {
      const auto colon = line.find(':');
      if (colon != std::string::npos) cpu = line.substr(colon + 2);
      break;
    }
  }
  utsname u{};
  std::string os;
  if (uname(&u) == 0) os = fmt::format("{} {} {}", u.sysname, u.release, u.machine);
  return fmt::format("{}{}{} hardware threads; {}", cpu, cpu.empty() ? "" : ", ",
                     std::thread::hardware_concurrency(), os);
}

std::string command_text(const ValidateOptions& o) {
  std::string s = "kendall validate";
  for (const auto& x : o.suites) s += " " + x;
  if (!o.suites_dir.empty()) s += " --suites-dir " + o.suites_dir;
  if (o.quick) s += " --quick";
  if (o.strict) s += " --strict";
  for (const auto& c : o.cases) s += " --case " + c;
  if (o.coverage > 0) s += fmt::format(" --coverage {}", o.coverage);
  if (o.coverage_only) s += " --coverage-only";
  if (!o.report.empty()) s += " --report " + o.report;
  if (!o.results.empty()) s += " --results " + o.results;
  if (o.format != "text") s += " --format " + o.format;
  if (o.threads != 0) s += fmt::format(" --threads {}", o.threads);
  return s;
}

std::string report_format_of(const std::string& path) {
  const auto dot = path.rfind('.');
  const std::string ext = dot == std::string::npos ? "" : path.substr(dot + 1);
  if (ext == "html" || ext == "htm") return "html";
  if (ext == "md" || ext == "markdown") return "markdown";
  if (ext == "json") return "json";
  throw InvalidParameter(
      fmt::format("--report '{}': the file name must end in .html, .md or .json", path));
}

std::string render(const std::string& format, const std::vector<validation::SuiteResult>& results,
                   const validation::CoverageResult* coverage,
                   const validation::ReportContext& context) {
  if (format == "html") return validation::render_html(results, coverage, context);
  if (format == "markdown") return validation::render_markdown(results, coverage, context);
  if (format == "json") return validation::to_json(results, coverage, context).dump(2) + "\n";
  std::string out;
  for (const auto& s : results) {
    for (const auto& c : s.cases) out += validation::render_case_text(c);
  }
  if (coverage != nullptr) out += validation::render_coverage_text(*coverage);
  out += validation::render_summary_text(results, coverage);
  return out;
}

int execute(const ValidateOptions& o, CommandContext& context) {
  if (o.coverage_only && o.coverage == 0)
    throw InvalidParameter("--coverage-only needs --coverage N");
  const std::filesystem::path dir = o.suites_dir.empty() ? validation::default_suites_directory()
                                                         : std::filesystem::path(o.suites_dir);
  std::vector<std::filesystem::path> files;
  if (o.suites.empty()) {
    files = validation::find_suite_files(dir);
    if (files.empty())
      throw InvalidParameter(fmt::format("no suite files (*.yaml) in '{}'", dir.string()));
  } else {
    for (const auto& s : o.suites) files.push_back(validation::resolve_suite(s, dir));
  }
  std::vector<validation::Suite> suites;
  for (const auto& f : files) suites.push_back(validation::load_suite(f));

  if (o.list) {
    context.out << validation::render_list(suites);
    return exit_ok;
  }
  const std::string report_format = o.report.empty() ? std::string() : report_format_of(o.report);

  const auto start = std::chrono::steady_clock::now();
  const std::stop_token stop = interrupt_token();
  const bool stream_text = o.format == "text";
  std::vector<validation::SuiteResult> results;
  if (!o.coverage_only) {
    validation::RunOptions run;
    run.execution.threads = o.threads;
    run.quick_only = o.quick;
    run.strict = o.strict;
    run.case_filter = o.cases;
    run.stop = stop;
    run.on_progress = [&](const validation::RunProgress& p) {
      if (p.finished != nullptr) {
        if (!o.quiet) {
          context.err << fmt::format(
              "[{}/{}] {}/{} {} ({:.1f} s)\n", p.case_index + 1, p.case_count, p.suite, p.case_id,
              validation::status_label(*p.finished), p.finished->wall_seconds);
        }
        if (stream_text) context.out << validation::render_case_text(*p.finished) << std::flush;
      } else if (p.case_fraction == 0.0 && !o.quiet && isatty(STDERR_FILENO) != 0) {
        context.err << fmt::format("[{}/{}] {}/{} ...\r", p.case_index + 1, p.case_count, p.suite,
                                   p.case_id)
                    << std::flush;
      }
    };
    results = validation::run_suites(suites, run);
    std::size_t selected = 0;
    for (const auto& s : results) selected += s.cases.size();
    if (selected == 0 && !interrupted()) {
      throw InvalidParameter("no case matches the selection (see kendall validate --list)");
    }
  }

  std::optional<validation::CoverageResult> coverage;
  if (o.coverage > 0 && !interrupted()) {
    validation::CoverageOptions cov;
    cov.experiments = o.coverage;
    cov.execution.threads = o.threads;
    cov.stop = stop;
    cov.case_filter = o.cases;
    cov.on_progress = [&](std::size_t i, std::size_t n, const std::string& id, std::uint32_t done) {
      if (o.quiet) return;
      const std::uint32_t step = std::max<std::uint32_t>(1, o.coverage / 10);
      if (done == 0 || done % step == 0 || done == o.coverage) {
        context.err << fmt::format("coverage [{}/{}] {}: {}/{} experiments\n", i + 1, n, id, done,
                                   o.coverage);
      }
    };
    coverage = validation::run_coverage(suites, cov);
    if (coverage->cases.empty() && !coverage->cancelled) {
      throw InvalidParameter(
          "no coverage case matches the selection (cases marked coverage: true)");
    }
  }

  validation::ReportContext ctx;
  ctx.command = command_text(o);
  ctx.date = now_text();
  ctx.machine = machine_text();
  ctx.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const validation::CoverageResult* cov_ptr = coverage ? &*coverage : nullptr;

  if (stream_text) {
    if (cov_ptr != nullptr) context.out << validation::render_coverage_text(*cov_ptr);
    context.out << validation::render_summary_text(results, cov_ptr);
  } else {
    context.out << render(o.format, results, cov_ptr, ctx);
  }
  if (!o.report.empty()) {
    std::ofstream file(o.report, std::ios::binary);
    if (!file) throw InvalidParameter(fmt::format("--report: cannot write '{}'", o.report));
    file << render(report_format, results, cov_ptr, ctx);
    if (!file) throw InvalidParameter(fmt::format("--report: writing '{}' failed", o.report));
    if (!o.quiet) context.err << "report written to " << o.report << '\n';
  }

  if (!o.results.empty()) {
    std::ofstream file(o.results, std::ios::binary);
    if (!file) throw InvalidParameter(fmt::format("--results: cannot write '{}'", o.results));
    file << validation::render_results_markdown(results, cov_ptr, ctx);
    if (!file) throw InvalidParameter(fmt::format("--results: writing '{}' failed", o.results));
    if (!o.quiet) context.err << "results summary written to " << o.results << '\n';
  }

  const validation::Summary summary = validation::summarize(results);
  if (summary.cancelled || (coverage && coverage->cancelled) || interrupted()) {
    context.err << "kendall: interrupted; the results above cover what completed.\n";
    return exit_interrupted;
  }
  const bool failed = summary.failed > 0 || (coverage && !coverage->passed());
  return failed ? exit_check_failed : exit_ok;
}

}  // namespace

void add_validate_command(CLI::App& app, CommandAction& action) {
  auto options = std::make_shared<ValidateOptions>();
  CLI::App* cmd =
      app.add_subcommand("validate", R"(Check Kendall against theory and published values.

Runs the validation suites (validation/suites/*.yaml): every simulated interval is checked
against the exact analytic value (it must contain it at 99% and be narrower than the case's
tolerance), the analytic library against published tables and worked examples, labelled
approximations against simulation, and the "formulas in the wild" case study. Exit code 1
when any case fails.

Examples:
  kendall validate --list
  kendall validate --quick
  kendall validate markovian networks --report validation.html
  kendall validate --case 'mm1*' --format markdown
  kendall validate --coverage 200 --coverage-only --report coverage.html)");
  cmd->add_option("suites", options->suites,
                  "Suite names (markovian) or files; default: every suite");
  cmd->add_option("--suites-dir", options->suites_dir,
                  "Directory of the suites (default: Kendall's validation/suites, or "
                  "$KENDALL_VALIDATION_SUITES)");
  cmd->add_flag("--list", options->list, "List the suites and their cases, run nothing");
  cmd->add_flag("--quick", options->quick,
                "Only the quick subset (what the default CTest run checks)");
  cmd->add_flag(
      "--strict", options->strict,
      "Single-stage acceptance: no confirmation run for a check whose first 99% interval misses");
  cmd->add_option("--case", options->cases,
                  "Only cases whose id (or suite/id) matches; '*' wildcards; repeatable")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd->add_option("--coverage", options->coverage,
                  "Also run the coverage study with N independent experiments per coverage case");
  cmd->add_flag("--coverage-only", options->coverage_only, "Run only the coverage study");
  cmd->add_option("--report", options->report,
                  "Write the report to a file: .html (self-contained), .md or .json");
  cmd->add_option("--results", options->results,
                  "Write the compact Markdown summary (validation/RESULTS.md's format) to a file");
  cmd->add_option("--format,-f", options->format, "Output on stdout: text | markdown | html | json")
      ->check(CLI::IsMember({"text", "table", "markdown", "html", "json"}))
      ->default_str("text");
  cmd->add_option("--threads,-j", options->threads,
                  "Worker threads for replications (0 = all cores)")
      ->default_val(0);
  cmd->add_flag("--quiet,-q", options->quiet, "No progress on stderr");
  cmd->callback([&action, options] {
    if (options->format == "table") options->format = "text";
    action = [options](CommandContext& context) { return execute(*options, context); };
  });
}

}  // namespace kendall::cli
