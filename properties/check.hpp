// Running a theorem property with RapidCheck and summarizing it as one check result (the unit of results.json).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <rapidcheck.h>
#include <string>
#include <vector>

#include "optcheck/scalar/registry.hpp"
#include "theorems/verdict.hpp"

namespace optcheck {

/// What one property case produced: the theorem's verdict, or an error (the optimizer threw, returned NaN/Inf or
/// the wrong dimension where the theorem promises finite iterates).
/// One iterate of a case's trace, in double (for traces/*.csv and rate fits; never for checks).
struct TracePoint {
  long t;
  double suboptimality, gradient_norm, step_norm, x_norm, distance, step_size;
};

/// What the theory predicts for the quantity the theorem bounds.
struct TheoreticalRate {
  enum class Kind { none, linear, sublinear } kind = Kind::none;
  double value = 0;          ///< linear: contraction factor per iterate; sublinear: exponent of t
  std::string quantity;      ///< "f - f*" or "distance"
};

struct CaseOutcome {
  Verdict verdict;
  std::string error;  ///< non-empty: an error, not a theorem violation
  std::string problem;  ///< problem family of the case
  std::vector<TracePoint> trace;  ///< the case's iterates (the mean over replicates for SGD)
  TheoreticalRate theory;
};

/// The trace of a run as TracePoints.
template <class TraceT>
std::vector<TracePoint> trace_points(const TraceT& trace) {
  std::vector<TracePoint> out;
  out.reserve(trace.records.size());
  for (const auto& r : trace.records)
    out.push_back({r.t, to_double(r.suboptimality), to_double(r.gradient_norm), to_double(r.step_norm),
                   to_double(r.x_norm), to_double(r.distance), to_double(r.step_size)});
  return out;
}

/// Least-squares fit of the observed rate on a trace: linear kind → contraction factor exp(slope of log y over t);
/// sublinear → slope of log y over log t (t ≥ 1). Points at or below floor are left out (rounding has taken over).
/// Returns {estimate, low, high} with ±2 standard errors, or nothing when fewer than 3 points qualify.
struct RateFit {
  double estimate = 0, low = 0, high = 0;
  long points = 0;
};
std::optional<RateFit> fit_rate(const std::vector<TracePoint>& trace, const TheoreticalRate& theory, double floor);

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
  std::vector<TracePoint> worst_trace;  ///< the trace of the case with the worst ratio
  TheoreticalRate theory;               ///< of that case
  std::optional<RateFit> observed_rate; ///< fitted on worst_trace
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
