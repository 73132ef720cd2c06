// `optcheck baseline record | check`: regression baselines for low-precision paths (reference/baselines/*.json).
//
// A baseline holds, per check (theorem × optimizer × problem × precision), three metrics measured with a fixed seed:
//   worst_ratio     the check's worst measured/(bound ± slack) over its cases (1 = the theorem's bound);
//   lowest_in_u     the smallest f − f* (or distance) its profile run reached, in units of u·scale: the floor;
//   deviation_in_u  max over iterates of |q(t) − q_ref(t)|/(u·scale), q the profile's f − f* (or distance) and q_ref
//                   the same instance run by the same optimizer in the widest precision the catalogue has for it
//                   (MPFR for the built-in optimizers);
// with u the precision's unit roundoff (the storage type's for a mixed policy) and scale that of the precision floor
// (|f(x_0)| + |f*|, or ‖x_0‖ + ‖x_T‖). `check` reruns them and fails (exit 1) when a metric exceeds
// expected·(1 + relative) + absolute, the tolerances written in the file, or a check that held does not.
#pragma once

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "cli/workers.hpp"
#include "properties/check.hpp"

namespace optcheck::cli {

/// Bad input to `optcheck baseline` (a malformed or foreign baseline file, an unknown check): exit 2.
struct BaselineInputError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct BaselineRequest {
  std::filesystem::path file;
  std::vector<const CheckEntry*> checks;  ///< record: the checks to cover (check and --update take the file's)
  std::uint64_t seed = 1;
  int cases = 20;
  std::string command;  ///< the command line, written into the header
  WorkerOptions workers;
};

/// The checks a baseline covers by default: every check in a low-precision arithmetic (bf16, fp16, float and the
/// mixed policies).
std::vector<const CheckEntry*> default_baseline_checks(const Catalogue& cat);

/// Runs the checks and their references, writes the baseline file atomically. Exit 0, or 1 when a check does not
/// hold (nothing is written: a baseline records a passing tree).
int baseline_record(const Catalogue& cat, const BaselineRequest& request);

/// Reruns the file's checks with its seed and cases; prints an obtained/expected/ratio table; exit 1 on a
/// regression. update: rewrite the file with what was obtained (exit 0 unless a check does not hold).
int baseline_check(const Catalogue& cat, const BaselineRequest& request, bool update);

}  // namespace optcheck::cli
