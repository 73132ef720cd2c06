// run(optimizer, oracle, x0, options) → Trace: drives any optimizer that satisfies the Optimizer concept and records
// every iterate. NaN, Inf, divergence, exceptions and wrong dimensions end the run as recorded results.
#pragma once

#include <chrono>
#include <concepts>
#include <exception>
#include <functional>
#include <optional>
#include <sstream>
#include <type_traits>

#include "optcheck/run/oracle.hpp"
#include "optcheck/run/trace.hpp"

namespace optcheck {

/// What step() may return instead of a bare step size: the step size it used, or that it has stopped (converged,
/// or gave up) and took no step. A stop ends the trace at the previous iterate: it is neither an error nor a discard.
template <class S>
struct StepReport {
  S step_size{0};
  bool stopped = false;
  static StepReport stop() { return {S(0), true}; }
};

namespace detail {
template <class O, class S>
concept ResetsFromStart = requires(O o, const Vec<S>& x0) { o.reset(x0); };
template <class O, class S>
concept ResetsWithOracle = requires(O o, const Vec<S>& x0, Oracle<S>& oracle) { o.reset(x0, oracle); };
template <class O, class S>
concept StepsReportingSize = requires(O o, Oracle<S>& oracle) {
  { o.step(oracle) } -> std::convertible_to<S>;
};
template <class O, class S>
concept StepsReportingStop = requires(O o, Oracle<S>& oracle) {
  { o.step(oracle) } -> std::same_as<StepReport<S>>;
};
/// Optimizers run under an arithmetic policy (optimizers/in_policy.hpp) say how their steps are rounded.
template <class O>
concept HasStepArithmetic = requires { { O::step_arithmetic() } -> std::same_as<StepArithmetic>; };
template <class O, class S>
concept StepsSilently = requires(O o, Oracle<S>& oracle) {
  { o.step(oracle) } -> std::same_as<void>;
};
}  // namespace detail

/// What optcheck needs from an optimizer: start from x0 (`reset(x0)` or `reset(x0, oracle)`), take one step through
/// the oracle (returning the step size it used, a StepReport, or nothing), and expose the iterate the theorems speak
/// about (`x()`). Step sizes an optimizer reports are information: the checks of the public API judge the step its
/// claim fixes, or the one recomputed from the iterates.
template <class O, class S>
concept Optimizer =
    (detail::ResetsFromStart<O, S> || detail::ResetsWithOracle<O, S>) &&
    (detail::StepsReportingSize<O, S> || detail::StepsReportingStop<O, S> || detail::StepsSilently<O, S>) &&
    requires(const O o) {
      { o.x() } -> std::convertible_to<Vec<S>>;
    };

/// Compile-time diagnosis for a type that should be an Optimizer: one sentence per missing piece, telling the user
/// what to add (call it where a user's type enters, so the message is the first error they see).
template <class O, class S>
constexpr bool assert_optimizer() {
  static_assert(detail::ResetsFromStart<O, S> || detail::ResetsWithOracle<O, S>,
                "optcheck: your optimizer needs a member `void reset(const optcheck::Vec<S>& x0)` (or "
                "`reset(x0, optcheck::Oracle<S>& oracle)`) that restarts it at x0; S is the scalar being checked");
  static_assert(detail::StepsReportingSize<O, S> || detail::StepsReportingStop<O, S> || detail::StepsSilently<O, S>,
                "optcheck: your optimizer needs a member `step(optcheck::Oracle<S>& oracle)` that takes one step using "
                "oracle.gradient(x) / oracle.value(x), returning the step size (S), an optcheck::StepReport<S> (to "
                "say it stopped), or void");
  static_assert(requires(const O o) {
    { o.x() } -> std::convertible_to<Vec<S>>;
  }, "optcheck: your optimizer needs a const member `x()` returning the current iterate as an optcheck::Vec<S> "
     "(an Eigen::Matrix<S, Eigen::Dynamic, 1>)");
  return true;
}

/// R = ‖x0 − x*‖ (‖x0‖ when x* is unknown): the scale a run's divergence radius and a draw's range are measured in.
template <class S>
double start_distance(const Problem<S>& problem, const Vec<S>& x0) {
  const auto& c = problem.constants();
  return to_double(c.x_star ? norm2(Vec<S>(x0 - *c.x_star)) : norm2(x0));
}

template <class S>
struct RunOptions {
  long horizon = 100;                      ///< iterations after x0
  double divergence_radius = 1e30;         ///< stop when ‖x_t − x*‖ exceeds this (relative to 1 + ‖x0 − x*‖)
  std::optional<Vec<S>> track_direction;   ///< record ⟨x_t − x*, v⟩ (e.g. the top eigenvector)
  double time_limit_seconds = 600;         ///< wall-clock guard against an optimizer that never stops
  std::function<void(long, const Vec<S>&)> on_iterate;  ///< called with every iterate (t = 0 … horizon)
};

/// The record of iterate x_t; gradient_out, when given, receives ∇f(x_t).
template <class S>
IterationRecord<S> observe(const Problem<S>& problem, const Vec<S>& x, long t, const RunOptions<S>& options,
                           Vec<S>* gradient_out = nullptr) {
  IterationRecord<S> r;
  r.t = t;
  const auto& c = problem.constants();
  Evaluation<S> e = problem.evaluate(x);
  r.f = e.value;
  r.suboptimality = r.f - c.f_star;
  r.gradient_norm = norm2(e.gradient);
  r.x_norm = norm2(x);
  if (c.x_star) {
    r.distance = norm2(Vec<S>(x - problem.closest_minimizer(x)));
    if (options.track_direction) r.direction_component = Vec<S>(x - *c.x_star).dot(*options.track_direction);
  }
  const double u = unit_roundoff<S>();
  const double eta = underflow_unit<S>();
  r.value_error = e.value_error.value(u, eta);
  r.gradient_error = e.gradient_error.value(u, eta * std::sqrt(static_cast<double>(x.size())));
  if (gradient_out) *gradient_out = std::move(e.gradient);
  return r;
}

template <class S, class O>
  requires Optimizer<O, S>
Trace<S> run(O& optimizer, Oracle<S>& oracle, const std::type_identity_t<Vec<S>>& x0, const RunOptions<S>& options) {
  const Problem<S>& problem = oracle.problem();
  Trace<S> trace;
  trace.dimension = x0.size();
  const auto start = std::chrono::steady_clock::now();
  const auto& c = problem.constants();
  const double radius = options.divergence_radius * (1 + start_distance(problem, x0));
  try {
    if constexpr (detail::ResetsWithOracle<O, S>) optimizer.reset(x0, oracle);
    else optimizer.reset(x0);
  } catch (const std::exception& e) {
    trace.terminate(Termination::exception, 0, std::string("reset() threw: ") + e.what());
    return trace;
  }
  // Under an arithmetic policy the optimizer starts from x0 rounded to its storage: that is x_0.
  Vec<S> previous = x0;
  if constexpr (detail::HasStepArithmetic<O>) {
    trace.arithmetic = O::step_arithmetic();
    previous = optimizer.x();
  }
  Vec<S> gradient;  // ∇f at the iterate just recorded, for the optimizer's next step (Oracle::remember_gradient)
  trace.records.push_back(observe(problem, previous, 0, options, &gradient));
  oracle.remember_gradient(previous, std::move(gradient));
  if (options.on_iterate) options.on_iterate(0, previous);
  for (long t = 1; t <= options.horizon; ++t) {
    S step_size(0);
    Vec<S> x;
    try {
      if constexpr (detail::StepsReportingStop<O, S>) {
        const StepReport<S> report = optimizer.step(oracle);
        if (report.stopped) {
          trace.terminate(Termination::stopped, t - 1, "the optimizer reported that it stopped");
          return trace;
        }
        step_size = report.step_size;
      } else if constexpr (detail::StepsSilently<O, S>) {
        optimizer.step(oracle);
      } else {
        step_size = optimizer.step(oracle);
      }
      x = optimizer.x();
    } catch (const std::exception& e) {
      trace.terminate(Termination::exception, t, std::string("step() threw: ") + e.what());
      return trace;
    } catch (...) {
      trace.terminate(Termination::exception, t, "step() threw a non-standard exception");
      return trace;
    }
    if (x.size() != x0.size()) {
      std::ostringstream m;
      m << "iterate has dimension " << x.size() << ", expected " << x0.size();
      trace.terminate(Termination::wrong_dimension, t, m.str());
      return trace;
    }
    if (!all_finite(x)) {
      trace.terminate(Termination::non_finite, t, "iterate has a NaN or infinite coordinate");
      return trace;
    }
    if (options.on_iterate) options.on_iterate(t, x);
    IterationRecord<S> r = observe(problem, x, t, options, &gradient);
    oracle.remember_gradient(x, std::move(gradient));
    r.step_norm = norm2(Vec<S>(x - previous));
    r.step_size = step_size;
    r.oracle_calls = oracle.calls();
    previous = std::move(x);
    const bool finite = is_finite(r.f) && is_finite(r.gradient_norm);
    const double dist = to_double(c.x_star ? r.distance : r.x_norm);
    trace.records.push_back(std::move(r));
    if (!finite) {
      trace.terminate(Termination::non_finite, t, "f or ∇f is NaN or infinite at the iterate");
      return trace;
    }
    if (dist > radius) {
      std::ostringstream m;
      m << "distance to the minimizer " << dist << " exceeds " << radius;
      trace.terminate(Termination::diverged, t, m.str());
      return trace;
    }
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (elapsed > options.time_limit_seconds) {
      trace.terminate(Termination::time_limit, t, "wall-clock limit reached");
      return trace;
    }
  }
  trace.terminate(Termination::horizon, options.horizon, "");
  return trace;
}

}  // namespace optcheck
