// Solvers that own their loop (GSL, NLopt, Ipopt, Ceres, …): the black-box way in.
//
// The user writes an adapter: a callable that runs the library on the objective or QP optcheck draws and returns the
// final point. An adapter that can see the iterates (GSL's loop, a library's iteration callback) hands each one to
// the Recorder; then the trajectory checks run on them. An adapter that sees only the final point says so in its
// claim (records_iterates = false): the trajectory checks are skipped, and the results say so; the final-point checks
// (stationarity, KKT) run. Everything is judged on what optcheck evaluates itself at the recorded points; what the
// solver reports about itself (step sizes, status) is never a gate. Solves run in double under a time limit and an
// evaluation budget: once either is spent, f and ∇f return NaN (so the library stops) and the case is an error.
//
//   auto s = optcheck::black_box("gsl-bfgs2", optcheck::claim::LineSearchMethod{.sufficient = 0.01, ...},
//       [](const optcheck::Objective& f, const optcheck::Vec<double>& x0, optcheck::Recorder& rec) { ... return x; });
//   auto q = optcheck::constrained_solver("ipopt", optcheck::claim::ConstrainedSolver{.tolerance = 1e-8},
//       [](const optcheck::ConvexQP<double>& qp, optcheck::Recorder& rec) { ... return optcheck::SolverAnswer{...}; });
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "optcheck/claims.hpp"
#include "optcheck/problems/qp.hpp"
#include "properties/cases.hpp"
#include "properties/check.hpp"
#include "theorems/kkt.hpp"
#include "theorems/line_search.hpp"

namespace optcheck {

namespace claim {

using theorems::ContractionRange;

/// A search-direction method with a line search (steepest descent, CG, BFGS, L-BFGS, Newton): x_{k+1} = x_k + α_k p_k
/// with the line-search conditions below on every step, and a returned point that passes its gradient test.
/// Theorems: line-search (on recorded iterates), stationarity (the returned point).
struct LineSearchMethod {
  double sufficient = 0;           ///< Armijo constant c₁ ∈ [0, 1); 0: monotone decrease f(x_k+1) ≤ f(x_k) only
  double curvature = 0;            ///< Wolfe constant c₂ ∈ (c₁, 1); 0: no curvature condition claimed
  bool strong = false;             ///< strong Wolfe |⟨∇f(x_k+1), s⟩| ≤ c₂|⟨∇f(x_k), s⟩| instead of Wolfe
  double gradient_tolerance = 0;   ///< τ > 0: the returned point has ‖∇f‖₂ ≤ τ; 0: no final-point claim
  bool records_iterates = true;    ///< false: the adapter returns only the final point
  /// Backtracking: from a first trial (chosen per step, as the method likes) each trial failing the sufficient
  /// decrease (c₁; 0: f(x + αp) ≤ f(x)) is replaced by ρα, ρ ∈ [least, most], and the first that passes is taken.
  /// Checked on the points the solver evaluates (optcheck sees every call of the Objective): rejected trials must
  /// fail the test, consecutive trials must shrink by a factor in the range. Needs recorded iterates.
  std::optional<ContractionRange> backtracking;
};

/// A constrained solver asked for tolerance τ, returning (x, ν, λ) with ∇f + Aᵀν + Gᵀλ = 0, λ ≥ 0 for Gx ≤ h
/// (the adapter converts the library's sign convention), or x only (then optcheck estimates the multipliers and
/// says so). Theorem: kkt, judged against τ (and reported against rounding).
struct ConstrainedSolver {
  double tolerance = 1e-8;         ///< τ > 0, as asked of the solver
};

}  // namespace claim

/// "line search with c1 = 0.01, strong Wolfe c2 = 0.1, gradient tolerance 1e-06".
std::string describe(const claim::LineSearchMethod& c);
std::string describe(const claim::ConstrainedSolver& c);
/// Theorems: line-search (when iterates are recorded and a condition is claimed — monotone decrease always is),
/// stationarity (when τ > 0); kkt for constrained solvers.
std::vector<std::string> applicable_theorems(const claim::LineSearchMethod& c);
std::vector<std::string> applicable_theorems(const claim::ConstrainedSolver& c);
/// Throws ClaimError naming the hyperparameter: 0 ≤ c₁ < 1, c₂ = 0 or c₁ < c₂ < 1, τ ≥ 0 (τ > 0 for the solver).
void validate(const claim::LineSearchMethod& c, const std::string& theorem);
void validate(const claim::ConstrainedSolver& c, const std::string& theorem);

/// Wall-clock and evaluation limits of one black-box solve.
struct SolveLimits {
  double seconds = 10;
  long evaluations = 1'000'000;
};

/// Shared by the Objective and the Recorder of one solve.
class Budget {
 public:
  explicit Budget(SolveLimits l) : limits_(l), start_(std::chrono::steady_clock::now()) {}
  double seconds_left() const;
  /// Counts one evaluation; false once the time or the evaluations are spent (and from then on).
  bool spend() const;
  bool spent() const { return !why_.empty(); }
  const std::string& why() const { return why_; }
  long evaluations() const { return evaluations_; }
  /// Keep every distinct point f or ∇f is evaluated at, in order, up to `max_numbers` doubles in all (a backtracking
  /// claim's trials are among them).
  void keep_points(std::size_t max_numbers) { keep_numbers_ = max_numbers; }
  void evaluated(const double* x, Eigen::Index n) const;
  const std::vector<Vec<double>>& points() const { return points_; }
  /// More points were evaluated than kept.
  bool points_truncated() const { return points_truncated_; }

 private:
  SolveLimits limits_;
  std::chrono::steady_clock::time_point start_;
  mutable long evaluations_ = 0;
  mutable std::string why_;
  std::size_t keep_numbers_ = 0;
  mutable std::size_t kept_numbers_ = 0;
  mutable std::vector<Vec<double>> points_;
  mutable bool points_truncated_ = false;
};

/// f and ∇f of the drawn instance, for the library's callbacks. After the budget is spent they return NaN.
class Objective {
 public:
  Objective(const Problem<double>& p, const Budget& b) : p_(p), budget_(b) {}
  Eigen::Index dim() const { return p_.dim(); }
  double value(const double* x) const;
  void gradient(const double* x, double* g) const;
  double value_and_gradient(const double* x, double* g) const;
  double value(const Vec<double>& x) const { return value(x.data()); }
  Vec<double> gradient(const Vec<double>& x) const;
  /// Seconds left before the time limit (for a library's own max-time option).
  double seconds_left() const { return budget_.seconds_left(); }

 private:
  const Problem<double>& p_;
  const Budget& budget_;
};

/// Collects the iterates an adapter sees (a library's iteration callback, or its own loop).
class Recorder {
 public:
  Recorder(Eigen::Index n, const Budget& b) : n_(n), budget_(b) {}
  void record(const double* x, Eigen::Index n);
  void operator()(const Vec<double>& x) { record(x.data(), x.size()); }
  const std::vector<Vec<double>>& iterates() const { return xs_; }
  /// For each iterate, how many points had been evaluated when it was recorded (Budget::points).
  const std::vector<std::size_t>& evaluated_before() const { return marks_; }
  /// Non-empty when a recorded iterate had the wrong dimension or was not finite.
  const std::string& error() const { return error_; }
  /// The library's own account of how it stopped (recorded in the results' notes, never used as a gate).
  void set_status(std::string s) { status_ = std::move(s); }
  const std::string& status() const { return status_; }
  double seconds_left() const { return budget_.seconds_left(); }
  /// The time or evaluation budget is spent: an adapter's callback should tell the library to stop.
  bool expired() const { return budget_.seconds_left() <= 0 || budget_.spent(); }

 private:
  Eigen::Index n_;
  const Budget& budget_;
  std::vector<Vec<double>> xs_;
  std::vector<std::size_t> marks_;
  std::string error_, status_;
};

/// What a constrained solver's adapter returns. Multipliers: ∇f(x) + Aᵀν + Gᵀλ = 0, λ ≥ 0 for Gx ≤ h; leave them
/// empty when the library reports none (optcheck then estimates them on the active set and flags the verdict).
struct SolverAnswer {
  Vec<double> x;
  std::optional<Vec<double>> nu, lambda;
  std::string status;  ///< the library's own words (recorded in the results, never used as a gate)
};

template <class F>
struct BlackBox {
  std::string name;
  claim::LineSearchMethod claim;
  F solve;  ///< (const Objective&, const Vec<double>& x0, Recorder&) → Vec<double> (the returned point)
  SolveLimits limits;
};
template <class F>
struct ConstrainedBlackBox {
  std::string name;
  claim::ConstrainedSolver claim;
  F solve;  ///< (const ConvexQP<double>&, Recorder&) → SolverAnswer
  SolveLimits limits;
};

template <class F>
BlackBox<F> black_box(std::string name, claim::LineSearchMethod c, F solve, SolveLimits limits = {}) {
  return {std::move(name), c, std::move(solve), limits};
}
template <class F>
ConstrainedBlackBox<F> constrained_solver(std::string name, claim::ConstrainedSolver c, F solve, SolveLimits limits = {}) {
  return {std::move(name), c, std::move(solve), limits};
}

/// Checks a recorded trajectory x_0 … x_T of a line-search method on a problem (theorem line-search): the entry
/// point for trajectories a user recorded elsewhere. Returns the verdict (holds, worst ratio and where). A
/// backtracking claim is checked on `trials` (trials[k]: the points evaluated between x_k and x_k+1, in order);
/// without them it is not checked, and the verdict says so.
template <class S>
Verdict check_trajectory(const claim::LineSearchMethod& c, const Problem<S>& p, const std::vector<Vec<S>>& xs,
                         const std::vector<std::vector<Vec<S>>>& trials = {}) {
  validate(c, theorems::LineSearch::id);
  Verdict v = theorems::check_line_search(p, xs, {c.sufficient, c.curvature, c.strong});
  if (c.backtracking) {
    if (trials.empty())
      v.note("backtracking not checked: no trial points were given");
    else {
      const Verdict b = theorems::check_backtracking(p, xs, trials, c.sufficient, *c.backtracking);
      v.merge(b);
      v.metrics.insert(v.metrics.end(), b.metrics.begin(), b.metrics.end());
    }
  }
  return v;
}

namespace detail {

/// The outcome of running an adapter: the returned point or answer, and the iterates (x_0 first, the returned
/// point last), or an error.
struct Solved {
  std::string error;
  std::vector<Vec<double>> xs;
  long evaluations = 0;
};

/// Runs the line-search adapter on one drawn case and judges it (trajectory: theorem line-search; otherwise
/// stationarity at the returned point).
CaseOutcome line_search_case(const GradientCase& c, const claim::LineSearchMethod& claim, bool trajectory,
                             const std::function<Vec<double>(const Objective&, const Vec<double>&, Recorder&)>& solve,
                             SolveLimits limits);
/// Runs the constrained adapter on a KKT-by-construction QP and judges it against the declared tolerance.
CaseOutcome constrained_case(const QPCase& c, const claim::ConstrainedSolver& claim,
                             const std::function<SolverAnswer(const ConvexQP<double>&, Recorder&)>& solve,
                             SolveLimits limits);

}  // namespace detail

/// Adds a black box's checks (double only; the library computes in double) to a catalogue. Throws ClaimError on a
/// claim outside the hypotheses. Returns notes (checks skipped, and why).
template <class F>
std::vector<std::string> register_black_box(Catalogue& cat, const BlackBox<F>& b, int cases = 0) {
  std::vector<std::string> notes;
  const auto theorems = applicable_theorems(b.claim);
  for (const auto& t : theorems) validate(b.claim, t);
  if (!b.claim.records_iterates)
    notes.push_back(b.name + ": line-search not checked (the adapter records no iterates; only the returned point "
                             "is judged)");
  const int n = cases > 0 ? cases : 100;
  const CaseLimits l = limits_for(Precision::float64);
  std::function<Vec<double>(const Objective&, const Vec<double>&, Recorder&)> solve = b.solve;
  for (const auto& t : theorems)
    for (const std::string& f : descent_families()) {
      const bool trajectory = t == theorems::LineSearch::id;
      cat.add(t, b.name, f, Precision::float64, n,
              [l, f, claim = b.claim, trajectory, solve, limits = b.limits] {
                return detail::line_search_case(*gen::descent_case(l, false, f), claim, trajectory, solve, limits);
              });
    }
  return notes;
}

template <class F>
std::vector<std::string> register_black_box(Catalogue& cat, const ConstrainedBlackBox<F>& b, int cases = 0) {
  for (const auto& t : applicable_theorems(b.claim)) validate(b.claim, t);
  const CaseLimits l = limits_for(Precision::float64);
  std::function<SolverAnswer(const ConvexQP<double>&, Recorder&)> solve = b.solve;
  cat.add(theorems::Kkt::id, b.name, "qp", Precision::float64, cases > 0 ? cases : 100,
          [l, claim = b.claim, solve, limits = b.limits] {
            return detail::constrained_case(*gen::qp_case(l), claim, solve, limits);
          });
  return {};
}

}  // namespace optcheck
