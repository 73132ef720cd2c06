// Shared plumbing of the property bodies: make the optimizer, run it, check the trace, and classify what went wrong.
#pragma once

#include <stdexcept>

#include "optcheck/run/run.hpp"
#include "properties/check.hpp"

namespace optcheck {

/// Runs the optimizer made by make() and checks its trace. Order of judgement: a theorem violation on the recorded
/// prefix is a violation; otherwise an exception, NaN/Inf, wrong dimension, time-out or (unless expected) divergence
/// is an error; otherwise the verdict stands.
template <class S, class Make, class Check>
CaseOutcome run_case(Oracle<S>& oracle, const Vec<S>& x0, const RunOptions<S>& options, Make&& make, Check&& check,
                     bool divergence_expected = false) {
  CaseOutcome o;
  o.problem = oracle.problem().name();
  try {
    auto optimizer = make();
    const Trace<S> trace = run(optimizer, oracle, x0, options);
    o.verdict = check(trace);
    const bool stopped_badly = trace.termination != Termination::horizon &&
                               !(divergence_expected && trace.termination == Termination::diverged);
    if (o.verdict.holds && stopped_badly)
      o.error = "run ended at t=" + std::to_string(trace.termination_iterate) + ": " + to_string(trace.termination) +
                (trace.termination_detail.empty() ? "" : " (" + trace.termination_detail + ")");
  } catch (const std::invalid_argument& e) {
    o.error = std::string("optimizer rejected its hyperparameters: ") + e.what();
  }
  return o;
}

}  // namespace optcheck
