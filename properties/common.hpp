// Shared plumbing of the property bodies: make the optimizer, run it, check the trace, and classify what went wrong.
#pragma once

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "optcheck/run/run.hpp"
#include "properties/check.hpp"
#include "properties/instances.hpp"
#include "theorems/gradient_step.hpp"

namespace optcheck {

/// A hypothesis of every check, written down because narrow arithmetics make it bite: the instance fits the range of
/// the optimizer's types. With R = ‖x0 − x*‖ (‖x0‖ without x*), the gradients of a run are ≲ L·R and its values
/// ≲ |f(x0)| + L·R²; a draw is kept when these and ‖x0‖∞, times kRangeHeadroom, stay below the largest finite number
/// (fp16: 65504). The headroom covers the overshoot of the non-monotone methods (Nesterov's iterates leave the ball
/// of radius R by a bounded factor) and forming f as a sum. Returns why a draw is outside the range, or nothing.
constexpr double kRangeHeadroom = 16;
template <class S>
std::optional<std::string> outside_range(const Problem<S>& problem, const Vec<S>& x0, const StepArithmetic& a) {
  if (!std::isfinite(a.max_finite)) return std::nullopt;
  const double R = start_distance(problem, x0);
  const double L = to_double(problem.constants().L), f0 = std::abs(to_double(problem.value(x0)));
  const double x_inf = to_double(x0.cwiseAbs().maxCoeff());
  const double largest = std::max({x_inf, std::isfinite(L) ? L * R : 0.0, f0 + (std::isfinite(L) ? L * R * R : 0.0)});
  if (!(largest * kRangeHeadroom <= a.max_finite)) {
    std::ostringstream m;
    m.precision(3);
    m << "the instance does not fit " << a.name << "'s range: max(‖x0‖∞, L·R, |f(x0)| + L·R²) = " << largest << ", times "
      << kRangeHeadroom << " exceeds " << a.max_finite;
    return m.str();
  }
  return std::nullopt;
}

/// Where a run expected to diverge is stopped (RunOptions::divergence_radius, relative to 1 + R): while everything it
/// computes still fits, with outside_range's headroom. At distance d from x*, the optimizer's gradients are ≲ L·d,
/// kept below max_finite / kRangeHeadroom of its arithmetic (fp16: d ≲ 4000/L; beyond, fp16 overflows to Inf, an
/// error, long before divergence is seen). The values the harness records in S are ≲ |f*| + L·d²: d stays below
/// √(max(S)/L) / kRangeHeadroom (float: d ≲ 1.2e18/√L), so L·d² stays below max(S) / kRangeHeadroom², which leaves
/// room for the run's last step past the radius to grow d by up to kRangeHeadroom (the catalogue's divergent GD
/// steps, η = θ·2/λmax with θ ≤ 1.6, multiply it by at most 2.2).
template <class S>
double diverging_run_radius(const Problem<S>& problem, const Vec<S>& x0, const StepArithmetic& a) {
  const double L = std::max(1.0, to_double(problem.constants().L));
  const double gradients_fit = a.max_finite / (kRangeHeadroom * L);
  const double values_fit = std::sqrt(to_double(std::numeric_limits<S>::max()) / L) / kRangeHeadroom;
  return std::min(gradients_fit, values_fit) / (1 + start_distance(problem, x0));
}

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
    StepArithmetic arithmetic = native_arithmetic<S>();
    if constexpr (detail::HasStepArithmetic<decltype(optimizer)>) arithmetic = decltype(optimizer)::step_arithmetic();
    if (const auto why = outside_range(oracle.problem(), x0, arithmetic)) {
      o.verdict.applicable = false;
      o.verdict.inconclusive_reason = *why;
      return o;
    }
    RunOptions<S> bounded = options;
    if (divergence_expected)
      bounded.divergence_radius =
          std::min(options.divergence_radius, diverging_run_radius(oracle.problem(), x0, arithmetic));
    const Trace<S> trace = run(optimizer, oracle, x0, bounded);
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
        auto conformance = theorems::check_gradient_steps(*problem, xs, claimed, t.arithmetic);
        Trace<S> judged = t;
        theorems::use_steps(judged, conformance.steps);
        Verdict v = check(judged, *problem);
        v.merge(conformance.verdict);
        return v;
      });
}

}  // namespace optcheck
