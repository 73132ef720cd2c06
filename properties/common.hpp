// Shared plumbing of the property bodies: make the optimizer, run it, check the trace, and classify what went wrong.
#pragma once

#include <functional>
#include <stdexcept>

#include "optcheck/run/run.hpp"
#include "properties/check.hpp"
#include "properties/instances.hpp"
#include "theorems/gradient_step.hpp"

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
    const bool stopped_badly = !trace.ok() &&
                               !(divergence_expected && trace.termination == Termination::diverged);
    if (o.verdict.holds && stopped_badly)
      o.error = "run ended at t=" + std::to_string(trace.termination_iterate) + ": " + to_string(trace.termination) +
                (trace.termination_detail.empty() ? "" : " (" + trace.termination_detail + ")");
  } catch (const std::invalid_argument& e) {
    o.error = std::string("optimizer rejected its hyperparameters: ") + e.what();
  }
  return o;
}

/// Where a single-trace property takes the step sizes its theorem uses from: the optimizer's report (only for
/// methods whose step is not a gradient step along x_k), the claim's constant step, or recomputed from the iterates
/// (line searches). The last two also check that the iterates are gradient steps (theorems/gradient_step.hpp).
template <class S>
struct StepSource {
  enum class Kind { reported, claimed, recomputed } kind = Kind::reported;
  std::function<S(const Problem<S>&)> claimed;  ///< Kind::claimed: the constant step on the case's problem
  static StepSource constant(std::function<S(const Problem<S>&)> eta) { return {Kind::claimed, std::move(eta)}; }
  static StepSource line_search() { return {Kind::recomputed, nullptr}; }
};

/// The common shape of the single-trace properties: build the problem a spec describes, start at x0 (from
/// start(problem)), run make(problem) for `horizon` steps, and judge the trace with check(trace, problem).
template <class S, class Start, class Make, class Check>
CaseOutcome problem_case(const AnyProblemSpec& spec, int horizon, Start&& start, Make&& make, Check&& check,
                         const StepSource<S>& steps = {}) {
  const auto problem = make_problem<S>(spec);
  Oracle<S> oracle(*problem);
  RunOptions<S> ro;
  ro.horizon = horizon;
  std::vector<Vec<S>> xs;
  if (steps.kind != StepSource<S>::Kind::reported) ro.on_iterate = [&](long, const Vec<S>& x) { xs.push_back(x); };
  return run_case<S>(
      oracle, start(*problem), ro, [&] { return make(*problem); },
      [&](const Trace<S>& t) {
        if (steps.kind == StepSource<S>::Kind::reported) return check(t, *problem);
        const std::optional<S> claimed =
            steps.kind == StepSource<S>::Kind::claimed ? std::optional<S>(steps.claimed(*problem)) : std::nullopt;
        auto conformance = theorems::check_gradient_steps(*problem, xs, claimed);
        Trace<S> judged = t;
        theorems::use_steps(judged, conformance.steps);
        Verdict v = check(judged, *problem);
        v.merge(conformance.verdict);
        return v;
      });
}

}  // namespace optcheck
