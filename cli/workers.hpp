// Checks run in worker processes: one child per check, at most --jobs at a time, each under a watchdog. The code
// under test runs in the child, so an optimizer step that never returns, a crash or an abort costs its own check (an
// `error` verdict with the reason) and nothing else; the parent only collects results. Results come back in the order
// of the checks, whatever order the children finish in: results.json does not depend on --jobs.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "properties/check.hpp"

namespace optcheck::cli {

/// One check's outcome as the parent needs it.
struct CheckOutput {
  nlohmann::ordered_json entry;   ///< the check's results.json entry
  std::string trace_name, trace;  ///< its worst-case trace file (empty when it has none)
  Status status = Status::error;
  double seconds = 0;             ///< wall time of the check (timings.json)
  std::string console;            ///< what the run prints for it
  /// The profile's rate quantity (f − f* or the distance) at every iterate, (t, value) at full precision: what
  /// `optcheck baseline` compares with a reference run of the same instance. Not written to results.json.
  std::vector<std::pair<long, double>> profile_curve;
};

struct WorkerOptions {
  int jobs = 1;                  ///< children at a time
  double timeout_seconds = 900;  ///< wall time after which a check's child is killed and the check is an error
};

/// Formats a check's console lines (given its result and wall time).
using ConsoleFormat = std::function<std::string(const CheckResult&, double seconds)>;

/// Runs checks[i] with params[i] in child processes. on_done(output, finished_so_far) runs in the parent as each
/// check finishes (completion order); the returned outputs are in the order of checks.
std::vector<CheckOutput> run_in_workers(const std::vector<const CheckEntry*>& checks, const std::vector<RunParams>& params,
                                        const ConsoleFormat& console, const WorkerOptions& options,
                                        const std::function<void(const CheckOutput&, std::size_t)>& on_done);

/// The number of processors online (the default of --jobs).
int processors();

}  // namespace optcheck::cli
