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

/// What optcheck needs from an optimizer: start from x0, take one step through the oracle (returning the step size
/// it used), and expose the iterate the theorems speak about.
template <class O, class S>
concept Optimizer = requires(O o, const Vec<S>& x0, Oracle<S>& oracle) {
  { o.reset(x0) };
  { o.step(oracle) } -> std::convertible_to<S>;
  { o.x() } -> std::convertible_to<Vec<S>>;
};

template <class S>
struct RunOptions {
  long horizon = 100;                      ///< iterations after x0
  double divergence_radius = 1e30;         ///< stop when ‖x_t − x*‖ exceeds this (relative to 1 + ‖x0 − x*‖)
  std::optional<Vec<S>> track_direction;   ///< record ⟨x_t − x*, v⟩ (e.g. the top eigenvector)
  double time_limit_seconds = 600;         ///< wall-clock guard against an optimizer that never stops
  std::function<void(long, const Vec<S>&)> on_iterate;  ///< called with every iterate (t = 0 … horizon)
};

template <class S>
IterationRecord<S> observe(const Problem<S>& problem, const Vec<S>& x, long t, const RunOptions<S>& options) {
  IterationRecord<S> r;
  r.t = t;
  const auto& c = problem.constants();
  r.f = problem.value(x);
  r.suboptimality = r.f - c.f_star;
  r.gradient_norm = norm2(Vec<S>(problem.gradient(x)));
  r.x_norm = norm2(x);
  if (c.x_star) {
    r.distance = norm2(Vec<S>(x - problem.closest_minimizer(x)));
    if (options.track_direction) r.direction_component = Vec<S>(x - *c.x_star).dot(*options.track_direction);
  }
  const double u = unit_roundoff<S>();
  const double eta = underflow_unit<S>();
  r.value_error = problem.value_error(x).value(u, eta);
  r.gradient_error = problem.gradient_error(x).value(u, eta * std::sqrt(static_cast<double>(x.size())));
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
  const double radius =
      options.divergence_radius * (1 + (c.x_star ? to_double(norm2(Vec<S>(x0 - *c.x_star))) : to_double(norm2(x0))));
  try {
    optimizer.reset(x0);
  } catch (const std::exception& e) {
    trace.terminate(Termination::exception, 0, std::string("reset() threw: ") + e.what());
    return trace;
  }
  trace.records.push_back(observe(problem, x0, 0, options));
  if (options.on_iterate) options.on_iterate(0, x0);
  Vec<S> previous = x0;
  for (long t = 1; t <= options.horizon; ++t) {
    S step_size;
    Vec<S> x;
    try {
      step_size = optimizer.step(oracle);
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
    IterationRecord<S> r = observe(problem, x, t, options);
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
