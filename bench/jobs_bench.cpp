// The default suite (`optcheck run`, the Quick start's checks) with --jobs 2 against --jobs 1: wall time of the
// whole command, so process start-up, workers and writing the report are included.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "bench/ratio.hpp"

namespace {

void default_suite(benchmark::State& state) {
  const auto out = std::filesystem::temp_directory_path() / ("optcheck-bench-jobs-" + std::to_string(state.range(0)));
  const std::string command = std::string("'") + OPTCHECK_CLI + "' run --quiet --seed 1 --jobs " +
                              std::to_string(state.range(0)) + " --out '" + out.string() + "' >/dev/null";
  for (auto _ : state) {
    if (std::system(command.c_str()) != 0) state.SkipWithError(("failed: " + command).c_str());
  }
  std::filesystem::remove_all(out);
}

BENCHMARK(default_suite)->ArgName("jobs")->Arg(1)->Arg(2)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();

const bool declared = optcheck::bench::declare_ratio(
    "default_suite/jobs:1", "default_suite/jobs:2", optcheck::bench::Goal::at_least, 1.8,
    "speed-up of the default suite from --jobs 2 (time with --jobs 1 over time with --jobs 2)");

}  // namespace
