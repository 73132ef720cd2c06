// Running a theorem property with RapidCheck and summarizing it as one check result (the unit of results.json).
#pragma once

#include <cstdint>
#include <functional>
#include <rapidcheck.h>
#include <string>
#include <vector>

#include "optcheck/scalar/registry.hpp"
#include "theorems/verdict.hpp"

namespace optcheck {

/// What one property case produced: the theorem's verdict, or an error (the optimizer threw, returned NaN/Inf or
/// the wrong dimension where the theorem promises finite iterates).
struct CaseOutcome {
  Verdict verdict;
  std::string error;  ///< non-empty: an error, not a theorem violation
  std::string problem;  ///< problem family of the case
};

/// Asserts a case outcome inside a RapidCheck property: errors and violations fail (and shrink), cases outside
/// the theorem's hypotheses are discarded.
void assert_outcome(const CaseOutcome& o);

enum class Status { holds, violated, inconclusive, error };
std::string to_string(Status s);

struct RunParams {
  std::uint64_t seed = 1;
  int cases = 100;
  int max_size = 100;
  bool shrink = true;
};

struct CheckResult {
  std::string theorem, optimizer, precision;
  std::string problem;  ///< the problem family the check draws from
  Status status = Status::holds;
  int cases = 0;            ///< successful cases before the verdict (RapidCheck's numSuccess)
  int cases_requested = 0;  ///< RunParams::cases (the case sizes RapidCheck draws depend on it)
  std::uint64_t seed = 0;
  Verdict worst;               ///< merged over every case run (the worst ratio and where)
  std::string counterexample;  ///< the shrunk failing instance (violated / error)
  std::string failure;         ///< what failed on it
  std::string message;         ///< inconclusive or internal-error explanation
};

/// Runs body (which draws with *gen, runs, checks and returns a CaseOutcome) as a RapidCheck property.
CheckResult run_property(const std::function<CaseOutcome()>& body, const RunParams& params);

/// A registered check: theorem × optimizer × problem family × precision, with the property that runs it.
struct CheckEntry {
  std::string theorem, optimizer, problem;
  Precision precision;
  int default_cases;  ///< cost-aware default (multiprecision runs fewer cases)
  std::function<CaseOutcome()> body;  ///< one property case (draws with *gen; call inside a RapidCheck property)
  std::function<CheckResult(const RunParams&)> run;
};

class Catalogue {
 public:
  void add(std::string theorem, std::string optimizer, std::string problem, Precision precision, int default_cases,
           std::function<CaseOutcome()> body);
  const std::vector<CheckEntry>& entries() const { return entries_; }

 private:
  std::vector<CheckEntry> entries_;
};

/// Every check optcheck ships (all theorems × optimizers × registered precisions).
const Catalogue& catalogue();

}  // namespace optcheck
