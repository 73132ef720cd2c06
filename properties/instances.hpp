// Problem instances as RapidCheck values: specs drawn from integer grids (RapidCheck's inRange is integer-only), so
// that they shrink toward small dimension, small condition number, short horizons and seed 0.
#pragma once

#include <memory>
#include <ostream>
#include <rapidcheck.h>
#include <variant>

#include "optcheck/optimizers/qp_interior_point.hpp"
#include "optcheck/problems/huber.hpp"
#include "optcheck/problems/log_sum_exp.hpp"
#include "optcheck/problems/least_squares.hpp"
#include "optcheck/problems/logistic.hpp"
#include "optcheck/problems/nesterov_worst_case.hpp"
#include "optcheck/problems/nonconvex_pl.hpp"
#include "optcheck/problems/piecewise_quadratic.hpp"
#include "optcheck/problems/qp.hpp"
#include "optcheck/problems/quadratic.hpp"
#include "optcheck/problems/sets.hpp"

namespace optcheck {

struct SineSpec {
  int dim = 1;
};

using AnyProblemSpec =
    std::variant<QuadraticSpec, LeastSquaresSpec, LogisticSpec, SineSpec, WorstCaseSpec, HuberSpec, LogSumExpSpec,
                 PiecewiseQuadraticSpec>;

/// Builds the problem a spec describes, in S.
template <class S>
std::unique_ptr<Problem<S>> make_problem(const AnyProblemSpec& spec) {
  return std::visit(
      [](const auto& s) -> std::unique_ptr<Problem<S>> {
        using T = std::decay_t<decltype(s)>;
        if constexpr (std::is_same_v<T, QuadraticSpec>) return std::make_unique<DenseQuadratic<S>>(s);
        else if constexpr (std::is_same_v<T, LeastSquaresSpec>) return std::make_unique<LeastSquares<S>>(s);
        else if constexpr (std::is_same_v<T, LogisticSpec>) return std::make_unique<Logistic<S>>(s);
        else if constexpr (std::is_same_v<T, SineSpec>) return std::make_unique<NonconvexPL<S>>(s.dim);
        else if constexpr (std::is_same_v<T, HuberSpec>) return std::make_unique<Huber<S>>(s);
        else if constexpr (std::is_same_v<T, LogSumExpSpec>) return std::make_unique<LogSumExp<S>>(s);
        else if constexpr (std::is_same_v<T, PiecewiseQuadraticSpec>) return std::make_unique<PiecewiseQuadratic<S>>(s);
        else return std::make_unique<NesterovWorstCase<S>>(s);
      },
      spec);
}

// The catalogue's problem classes (make_problem), QPs (make_qp) and reference QP solver (solve_qp_ipm), compiled once
// per catalogue scalar in the generated problems_<scalar> units (cmake/Theorems.cmake): they were most of every
// theorem unit's compile time (descent-lemma in double: 37 s with them, 10 s without). `prefix` is `extern` here and
// empty in those units.
#define OPTCHECK_PROBLEM_TEMPLATES(prefix, S)                                              \
  prefix template std::unique_ptr<Problem<S>> make_problem<S>(const AnyProblemSpec&);      \
  prefix template std::pair<ConvexQP<S>, QPSolution<S>> make_qp<S>(const QPSpec&);         \
  prefix template QPResult<S> solve_qp_ipm<S>(const ConvexQP<S>&);
#define OPTCHECK_CATALOGUE_SCALAR(identifier, S, family) OPTCHECK_PROBLEM_TEMPLATES(extern, S)
#include "properties/catalogue_scalars.def"
#undef OPTCHECK_CATALOGUE_SCALAR

void showValue(const QuadraticSpec& s, std::ostream& os);
void showValue(const LeastSquaresSpec& s, std::ostream& os);
void showValue(const LogisticSpec& s, std::ostream& os);
void showValue(const SineSpec& s, std::ostream& os);
void showValue(const WorstCaseSpec& s, std::ostream& os);
void showValue(const HuberSpec& s, std::ostream& os);
void showValue(const LogSumExpSpec& s, std::ostream& os);
void showValue(const PiecewiseQuadraticSpec& s, std::ostream& os);
void showValue(const LaplacianSpec& s, std::ostream& os);
void showValue(const QPSpec& s, std::ostream& os);
void showValue(const SetProblemSpec& s, std::ostream& os);
void showValue(const AnyProblemSpec& s, std::ostream& os);

namespace gen {

/// n ∈ [1, max_dim]; spectrum {1, κ, interior points} with κ = 2^(j/2), j ∈ [0, 2·log2(max_kappa)].
rc::Gen<QuadraticSpec> quadratic(int max_dim, double max_kappa, bool separated_top = false);
/// rank r ∈ [1, n − 1], n ∈ [2, max_dim], singular values in [1, √κ].
rc::Gen<LeastSquaresSpec> least_squares(int max_dim, double max_kappa);
/// λ ∈ {1/16, 1/8, 1/4, 1/2}, n ∈ [1, max_dim], m ∈ [n, 4n + 4].
rc::Gen<LogisticSpec> logistic(int max_dim);
rc::Gen<SineSpec> sine(int max_dim);
/// p ∈ [1, max_dim], n ∈ [p, p + 3], L ∈ {1/2, 1, 2, 4}.
rc::Gen<WorstCaseSpec> worst_case(int max_dim);
/// n ∈ [1, max_dim], L ∈ {1/2, 1, 2, 4}, τ = 2^-j with j ∈ [0, 12] (shrinks toward τ = 1: mostly quadratic).
/// strongly_convex: with a ridge μ ∈ {L/2, …, L/1024}.
rc::Gen<HuberSpec> huber(int max_dim, bool strongly_convex = false);
rc::Gen<LogSumExpSpec> log_sum_exp(int max_dim);
/// n ∈ [1, max_dim], L ∈ {1/2, 1, 2, 4}, μ = L/2^j with 2^j ≤ max_kappa (shrinks toward μ = L). The kink a is left at
/// 1: the accelerated cases set it from the start's distance (gen::accelerated_case).
rc::Gen<PiecewiseQuadraticSpec> piecewise_quadratic(int max_dim, double max_kappa);
rc::Gen<QPSpec> qp(int max_dim);
rc::Gen<SetProblemSpec> set_problem(int max_dim);
/// A fraction in (lo, hi) on a grid of `steps` points (shrinks toward lo).
rc::Gen<double> fraction(double lo, double hi, int steps = 64);
rc::Gen<std::uint64_t> seed();

}  // namespace gen

/// A deterministic starting point: x* + r·(unit Gaussian direction), r ∈ (0, radius].
template <class S>
Vec<S> start_point(const Problem<S>& p, std::uint64_t seed, double radius) {
  Rng rng(seed ^ 0x5DEECE66DULL);
  Vec<double> d(p.dim());
  for (Eigen::Index i = 0; i < d.size(); ++i) d[i] = rng.normal();
  d *= radius / std::max(d.norm(), 1e-300);
  Vec<S> x0 = p.constants().x_star ? *p.constants().x_star : Vec<S>(Vec<S>::Zero(p.dim()));
  for (Eigen::Index i = 0; i < d.size(); ++i) x0[i] += scalar_cast<S>(d[i]);
  return x0;
}

}  // namespace optcheck
