// Shared plumbing of the property bodies: make the optimizer, run it, check the trace, and classify what went wrong.
#pragma once

#include <stdexcept>

#include "optcheck/run/run.hpp"
#include "properties/check.hpp"
#include "properties/instances.hpp"

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
    o.trace = trace_points(trace, oracle.problem().constants(), o.verdict);
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

/// The common shape of the single-trace properties: build the problem a spec describes, start at x0 (from
/// start(problem)), run make(problem) for `horizon` steps, and judge the trace with check(trace, problem).
template <class S, class Start, class Make, class Check>
CaseOutcome problem_case(const AnyProblemSpec& spec, int horizon, Start&& start, Make&& make, Check&& check) {
  const auto problem = make_problem<S>(spec);
  Oracle<S> oracle(*problem);
  RunOptions<S> ro;
  ro.horizon = horizon;
  return run_case<S>(
      oracle, start(*problem), ro, [&] { return make(*problem); },
      [&](const Trace<S>& t) { return check(t, *problem); });
}

}  // namespace optcheck
