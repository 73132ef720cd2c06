// One record per iterate (iteration 0 included) and the reason the run stopped, in the spirit of Ceres'
// IterationSummary. The harness computes every field itself at x_t, independently of what the optimizer reports.
#pragma once

#include <string>
#include <vector>

#include "optcheck/problems/problem.hpp"
#include "optcheck/scalar/policy.hpp"

namespace optcheck {

template <class S>
struct IterationRecord {
  long t = 0;               ///< iterate index (0 = starting point)
  S f{0};                   ///< f(x_t) as computed in S
  S suboptimality{0};       ///< f(x_t) − f*
  S gradient_norm{0};       ///< ‖∇f(x_t)‖₂ (exact gradient, computed by the harness)
  S step_norm{0};           ///< ‖x_t − x_{t−1}‖₂ (0 at t = 0)
  S x_norm{0};              ///< ‖x_t‖₂
  S distance{0};            ///< ‖x_t − x̄‖₂, x̄ the minimizer closest to x_t (when known)
  S direction_component{0}; ///< ⟨x_t − x*, v⟩ for the tracked direction v (RunOptions::track_direction)
  S step_size{0};           ///< the step size the optimizer used to produce x_t (0 at t = 0)
  long oracle_calls = 0;    ///< cumulative optimizer oracle calls to produce x_t
  double value_error = 0;   ///< bound on |fl(f(x_t)) − f(x_t)|
  double gradient_error = 0;///< bound on ‖fl(∇f(x_t)) − ∇f(x_t)‖
};

enum class Termination {
  none,           ///< not stopped yet (never left in a finished trace)
  horizon,        ///< ran the requested number of iterations
  non_finite,     ///< the iterate or its value became NaN or ±Inf
  diverged,       ///< ‖x_t − x*‖ exceeded RunOptions::divergence_radius
  exception,      ///< the optimizer threw
  wrong_dimension,///< the optimizer returned an iterate of the wrong size
  time_limit,     ///< RunOptions::time_limit_seconds elapsed
  stopped,        ///< the optimizer reported that it stopped (StepReport::stopped): a normal end, not an error
};

std::string to_string(Termination t);

template <class S>
struct Trace {
  std::vector<IterationRecord<S>> records;
  Eigen::Index dimension = 0;  ///< n, the size of every iterate
  Termination termination = Termination::none;
  long termination_iterate = -1;  ///< t at which the run stopped
  std::string termination_detail; ///< the numbers or message that triggered it
  /// How the optimizer's steps were rounded: S's own arithmetic, or an arithmetic policy's (optimizers/in_policy.hpp).
  StepArithmetic arithmetic = native_arithmetic<S>();

  /// Sets the termination reason; it is set exactly once (a second call is a harness bug).
  void terminate(Termination why, long t, std::string detail) {
    if (termination != Termination::none) throw std::logic_error("Trace::terminate called twice");
    termination = why;
    termination_iterate = t;
    termination_detail = std::move(detail);
  }
  /// The run ended normally: it reached the horizon, or the optimizer said it stopped.
  bool ok() const { return termination == Termination::horizon || termination == Termination::stopped; }
};

inline std::string to_string(Termination t) {
  switch (t) {
    case Termination::none: return "none";
    case Termination::horizon: return "horizon";
    case Termination::non_finite: return "non-finite";
    case Termination::diverged: return "diverged";
    case Termination::exception: return "exception";
    case Termination::wrong_dimension: return "wrong-dimension";
    case Termination::time_limit: return "time-limit";
    case Termination::stopped: return "stopped";
  }
  return "?";
}

}  // namespace optcheck
