// The public entry points: check a user's optimizer against the theorems its claim falls under.
//
//   auto subject = optcheck::subject("my-gd", optcheck::claim::GradientDescent{1.0},
//                                    [](const auto& s) { return MyGd<typename ...>(s.step); });
//   optcheck::Results r = optcheck::check<double, optcheck::float128>(subject, {.seed = 1});
//   if (!r.holds()) std::cerr << r.summary();
//
// A Subject is a name, a claim (claims.hpp) and a factory: a callable taking a const optcheck::Setting<S>& (the
// drawn instance's constants and the hyperparameters the claim fixes) and returning an optimizer for scalar S
// (the Optimizer concept of optcheck/run/run.hpp: reset, step, x). A generic factory is checked in every scalar
// listed; a factory that only accepts Setting<double> is checked in double only (the others are listed in
// Results::notes). Checks run the same properties, generators, shrinking and results as the built-in optimizers.
#pragma once

#include <functional>
#include <sstream>
#include <string>
#include <type_traits>
#include <vector>

#include "optcheck/black_box.hpp"
#include "optcheck/claims.hpp"
#include "optcheck/optimizers/in_policy.hpp"
#include "optcheck/scalar/policy.hpp"
#include "properties/descent_lemma.hpp"
#include "properties/gd_stability.hpp"
#include "properties/kkt.hpp"
#include "properties/nesterov_rate.hpp"
#include "properties/pl_linear_rate.hpp"
#include "properties/robbins_monro.hpp"

namespace optcheck {

template <class C, class Variant>
struct is_alternative_of : std::false_type {};
template <class C, class... Alternatives>
struct is_alternative_of<C, std::variant<Alternatives...>> : std::bool_constant<(std::is_same_v<C, Alternatives> || ...)> {};

/// One of Claim's alternatives (claim::GradientDescent, claim::Fista, …).
template <class C>
concept ClaimAlternative = is_alternative_of<C, Claim>::value;

/// C is the claim's type: one alternative when subject() is given one, so that only that claim's checks are compiled
/// for the factory (a seventh of the template code), or the Claim variant when the claim is chosen at run time.
template <class F, class C = Claim>
struct Subject {
  std::string name;                   ///< as it appears in results ("optimizer")
  C claim;
  F make;                             ///< Setting<S> → optimizer
  std::vector<std::string> theorems;  ///< empty: every theorem the claim applies to
};

template <class F, ClaimAlternative C>
Subject<F, C> subject(std::string name, C claim, F make, std::vector<std::string> theorems = {}) {
  return {std::move(name), std::move(claim), std::move(make), std::move(theorems)};
}
template <class F>
Subject<F> subject(std::string name, Claim claim, F make, std::vector<std::string> theorems = {}) {
  return {std::move(name), std::move(claim), std::move(make), std::move(theorems)};
}

/// The registry precision of a scalar type or an arithmetic policy (optcheck/scalar/policy.hpp).
template <class S>
constexpr Precision precision_of() {
  if constexpr (is_arithmetic_policy_v<S>) return S::id;
  else if constexpr (std::is_same_v<S, float>) return Precision::float32;
  else if constexpr (std::is_same_v<S, double>) return Precision::float64;
  else if constexpr (std::is_same_v<S, long double>) return Precision::long_double;
  else if constexpr (std::is_same_v<S, float128>) return Precision::float128;
  else if constexpr (std::is_same_v<S, mpfr50>) return Precision::mpfr50;
  else static_assert(sizeof(S) == 0, "optcheck: checks run in float, double, long double, optcheck::float128, optcheck::mpfr50 "
                                  "or an arithmetic policy of optcheck::policy (bf16, fp16, bf16_mixed, fp16_mixed, float_double)");
}

/// Cases per check when none are asked for: as for the built-in checks (MPFR runs fewer: ~1900× double per flop).
inline int default_cases(Precision p) { return p == Precision::mpfr50 ? 30 : 100; }

/// What a listed precision means for the checks: a scalar S is harness and compute type at once; an arithmetic
/// policy runs the optimizer in its compute type and the harness in its (wider) harness type, as it declares them.
template <class X>
struct ArithmeticOf {
  using harness = X;
  using compute = X;
};
template <class St, class C, class H, Precision Id>
struct ArithmeticOf<ArithmeticPolicy<St, C, H, Id>> : ArithmeticPolicy<St, C, H, Id> {};

/// Under an arithmetic policy: the claims whose theorems' error models cover the policy's rounding (the step's
/// rounding, theorems/rounding.hpp). Backtracking compares values rounded to the compute type, SGD adds its noise
/// there, and projections round in it: their checks model native arithmetic only.
inline bool policy_supports(const Claim& c) {
  return std::holds_alternative<claim::GradientDescent>(c) || std::holds_alternative<claim::Fista>(c) ||
         std::holds_alternative<claim::StronglyConvexNesterov>(c);
}

namespace detail {

template <class T>
std::string scalar_name() {
  if constexpr (std::is_same_v<T, bf16>) return "optcheck::bf16";
  else if constexpr (std::is_same_v<T, fp16>) return "optcheck::fp16";
  else return std::string(info(precision_of<T>()).name);
}

template <class S>
Setting<S> setting_for(const Constants<S>& k, Eigen::Index n) {
  Setting<S> s;
  s.L = k.L;
  s.mu = k.mu;
  s.dim = n;
  return s;
}

/// Calls the user's factory, with the concept diagnosed in sentences where it fails.
template <class S, class F>
auto make_optimizer(const F& make, const Setting<S>& s) {
  using O = std::decay_t<std::invoke_result_t<const F&, const Setting<S>&>>;
  static_assert(assert_optimizer<O, S>());
  return make(s);
}

/// Registers one check: cases drawn by `cases_gen`, a profile drawn by `profile_gen` and adjusted, both run by body.
template <class Case>
void add_check(Catalogue& cat, const std::string& theorem, const std::string& name, const std::string& family,
               Precision prec, int cases, rc::Gen<Case> cases_gen, rc::Gen<Case> profile_gen,
               std::function<void(Case&)> profile_adjust, std::function<CaseOutcome(const Case&)> body) {
  cat.add(theorem, name, family, prec, cases, [cases_gen, body] { return body(*cases_gen); },
          make_profile(std::move(profile_gen), std::move(profile_adjust), body));
}

/// A generator with the claim's hyperparameters written into every case (so the shown counterexample has them).
template <class Case, class Fix>
rc::Gen<Case> fixed(rc::Gen<Case> g, Fix fix) {
  return rc::gen::map(std::move(g), [fix](Case c) {
    fix(c);
    return c;
  });
}

/// The user's factory as the harness calls it: natively unchanged; under a policy, handed the Setting rounded to the
/// compute type, and its optimizer run by optimizers/in_policy.hpp.
template <class X, class F>
auto under_arithmetic(const F& user_make) {
  if constexpr (!is_arithmetic_policy_v<X>) {
    return user_make;
  } else {
    using S = typename ArithmeticOf<X>::harness;
    using T = typename ArithmeticOf<X>::compute;
    return [user_make](const Setting<S>& s) { return in_policy<X>(make_optimizer(user_make, Setting<T>(s))); };
  }
}

/// Registers the checks of one theorem for a claim of type C: a Claim variant is dispatched on its alternative at run
/// time (every alternative's checks are then compiled), an alternative directly.
template <class X, class C, class F>
void register_theorem(Catalogue& cat, const std::string& name, const C& c, const F& user_make,
                      const std::string& theorem, int cases) {
  if constexpr (std::is_same_v<C, Claim>) {
    std::visit([&](const auto& alternative) { register_theorem<X>(cat, name, alternative, user_make, theorem, cases); },
               c);
  } else {
    using S = typename ArithmeticOf<X>::harness;
    const auto make = under_arithmetic<X>(user_make);
    constexpr Precision prec = precision_of<X>();
    const CaseLimits l = limits_for(prec);
    const CaseLimits pl = profile_limits();
    if constexpr (std::is_same_v<C, claim::GradientDescent> || std::is_same_v<C, claim::Backtracking>) {
      constexpr bool armijo = std::is_same_v<C, claim::Backtracking>;
      auto fix = [c](GradientCase& g) {
        if constexpr (armijo) {
          g.step_fraction = c.initial_step_times_L / 8;  // ᾱ = θ·8/L
          g.shrink = c.shrink;
          g.sufficient = c.sufficient;
        } else if constexpr (!armijo) {
          g.step_fraction = c.step_times_L / 2;  // descent-lemma: η = θ·2/L (pl-linear-rate below)
        }
      };
      auto factory = [make](const Problem<S>& p, const GradientCase& g) {
        Setting<S> s = setting_for(p.constants(), p.dim());
        if constexpr (armijo) {
          const auto a = armijo_claim(p, g);
          s.step = a.initial_step;
          s.shrink = a.shrink;
          s.sufficient = a.sufficient;
        } else {
          s.step = descent_step(p, g);
        }
        return make_optimizer(make, s);
      };
      if (theorem == theorems::DescentLemma::id)
        for (const std::string& f : descent_families())
          add_check<GradientCase>(
              cat, theorem, name, f, prec, cases, fixed(gen::descent_case(l, armijo, f), fix),
              fixed(gen::descent_case(pl, armijo, f), fix), [](GradientCase& g) { g.horizon = kProfileHorizon; },
              [factory](const GradientCase& g) { return descent_lemma_case<S>(g, factory, armijo); });
      if constexpr (!armijo) {
        const double h = c.step_times_L;
        if (theorem == theorems::PlLinearRate::id)
          for (const std::string& f : pl_families()) {
            auto pl_fix = [h](GradientCase& g) { g.step_fraction = h; };
            add_check<GradientCase>(
                cat, theorem, name, f, prec, cases, fixed(gen::pl_case(l, f), pl_fix), fixed(gen::pl_case(pl, f), pl_fix),
                [](GradientCase& g) { g.horizon = kProfileHorizon; },
                [make](const GradientCase& g) {
                  return pl_linear_rate_case<S>(g, [make](const Problem<S>& p, const GradientCase& gc) {
                    Setting<S> s = setting_for(p.constants(), p.dim());
                    s.step = pl_step(p, gc);
                    return make_optimizer(make, s);
                  });
                });
          }
        if (theorem == theorems::GdStability::id)
          for (const std::string& f : stability_families(l)) {
            auto st_fix = [h](StabilityCase& s) { s.theta = h / 2; };  // η = θ·2/λmax
            add_check<StabilityCase>(
                cat, theorem, name, f, prec, f == "laplacian2d" ? std::max(1, cases / 4) : cases,
                fixed(gen::stability_case(l, f), st_fix), fixed(gen::stability_case(pl, f), st_fix),
                [](StabilityCase& s) { s.horizon = kProfileHorizon; },
                [make](const StabilityCase& sc) {
                  return gd_stability_case<S>(sc, [make](const QuadraticBase<S>& q, const S& eta) {
                    Setting<S> s = setting_for(q.constants(), q.dim());
                    s.step = eta;
                    return make_optimizer(make, s);
                  });
                });
          }
      }
    } else if constexpr (std::is_same_v<C, claim::Fista> || std::is_same_v<C, claim::StronglyConvexNesterov>) {
      constexpr bool sc = std::is_same_v<C, claim::StronglyConvexNesterov>;
      for (const std::string& f : accelerated_families(sc))
        add_check<AcceleratedCase>(
            cat, theorem, name, f, prec, cases, gen::accelerated_case(l, sc, f), gen::accelerated_case(pl, sc, f),
            [](AcceleratedCase& a) { a.horizon = kProfileHorizon; },
            [make](const AcceleratedCase& a) {
              return nesterov_case<S>(a, sc, [make](const Problem<S>& p) {
                Setting<S> s = setting_for(p.constants(), p.dim());
                s.step = S(S(1) / p.constants().L);
                return make_optimizer(make, s);
              });
            });
    } else if constexpr (std::is_same_v<C, claim::SgdDiminishing> || std::is_same_v<C, claim::SgdConstant>) {
      constexpr bool diminishing = std::is_same_v<C, claim::SgdDiminishing>;
      auto fix = [c](SgdCase& s) {
        if constexpr (diminishing) s.beta_factor = c.beta_times_c;  // β = βc/c
        else s.alpha_fraction = c.step_times_L;                     // ᾱ = ᾱL/L
      };
      std::function<void(theorems::SgdExperiment<S>&)> schedule;
      if constexpr (diminishing)  // α₁ = β/(γ + 1) = first_step_times_L/L
        schedule = [h = c.first_step_times_L](theorems::SgdExperiment<S>& e) {
          e.gamma = S(e.beta * e.L / scalar_cast<S>(h) - S(1));
        };
      add_check<SgdCase>(
          cat, theorem, name, "quadratic", prec, std::max(1, cases / 4), fixed(gen::sgd_case(l), fix),
          fixed(gen::sgd_case(pl), fix),
          [](SgdCase& s) {
            s.horizon = 1000;
            s.replicates = 32;
          },
          [make, schedule](const SgdCase& sc) {
            return robbins_monro_case<S>(
                sc, diminishing,
                [make](const theorems::SgdExperiment<S>& e) {
                  Setting<S> s;
                  s.L = e.L;
                  s.mu = e.c;
                  s.step = e.alpha;
                  s.beta = e.beta;
                  s.gamma = e.gamma;
                  return make_optimizer(make, s);
                },
                schedule);
          });
    } else if constexpr (std::is_same_v<C, claim::ProjectedGradient>) {
      const double h = c.step_times_L;
      for (const std::string& f : set_families())
        add_check<SetCase>(cat, theorem, name, f, prec, std::max(1, cases / 2), gen::set_case(l, f),
                           gen::set_case(pl, f), [](SetCase&) {},
                           [make, h](const SetCase& sc) {
                             return kkt_projected_gradient_case<S>(
                                 sc,
                                 [make, h](const SetConstrainedQuadratic<S>& p) {
                                   Setting<S> s = setting_for(p.constants(), p.dim());
                                   s.step = S(scalar_cast<S>(h) / p.constants().L);
                                   return make_optimizer(make, s);
                                 },
                                 h);
                           });
    }
  }
}

/// The scalars listed, or double when none are.
template <class... Scalars>
struct ScalarList {};

template <class F, class C, class S, class... Rest>
void register_scalars(Catalogue& cat, const Subject<F, C>& s, const std::vector<std::string>& theorems, int cases,
                      std::vector<std::string>& notes, ScalarList<S, Rest...>) {
  using T = typename ArithmeticOf<S>::compute;
  if constexpr (is_arithmetic_policy_v<S>) {
    if (!policy_supports(s.claim)) {
      notes.push_back(s.name + ": not checked in " + std::string(info(precision_of<S>()).name) + " (the checks of " +
                      describe(s.claim) + " model native arithmetic only)");
      if constexpr (sizeof...(Rest) > 0) register_scalars(cat, s, theorems, cases, notes, ScalarList<Rest...>{});
      return;
    }
  }
  if constexpr (std::is_invocable_v<const F&, const Setting<T>&>) {
    const int n = cases > 0 ? cases : default_cases(precision_of<S>());
    for (const auto& t : theorems) register_theorem<S>(cat, s.name, s.claim, s.make, t, n);
  } else {
    notes.push_back(s.name + ": not checked in " + std::string(info(precision_of<S>()).name) +
                    " (its factory does not accept optcheck::Setting<" + scalar_name<T>() + ">)");
  }
  if constexpr (sizeof...(Rest) > 0) register_scalars(cat, s, theorems, cases, notes, ScalarList<Rest...>{});
}

}  // namespace detail

/// Adds a subject's checks, in every listed scalar (double when none is listed), to a catalogue. Throws ClaimError
/// when the claim is outside the hypotheses of one of the subject's theorems. Returns notes (precisions skipped).
template <class... Scalars, class F, class C>
std::vector<std::string> register_subject(Catalogue& cat, const Subject<F, C>& s, int cases = 0) {
  const std::vector<std::string> theorems = s.theorems.empty() ? applicable_theorems(s.claim) : s.theorems;
  for (const auto& t : theorems) validate(s.claim, t);
  std::vector<std::string> notes;
  if constexpr (sizeof...(Scalars) == 0) detail::register_scalars(cat, s, theorems, cases, notes, detail::ScalarList<double>{});
  else detail::register_scalars(cat, s, theorems, cases, notes, detail::ScalarList<Scalars...>{});
  return notes;
}

struct CheckOptions {
  std::uint64_t seed = 1;  ///< RapidCheck seed; the same seed replays the same cases and counterexamples
  int cases = 0;           ///< cases per check (0: 100, 30 in MPFR)
};

/// What check() found: one CheckResult per theorem × problem family × precision.
struct Results {
  std::vector<CheckResult> checks;
  std::vector<std::string> notes;  ///< precisions not checked, and why
  std::uint64_t seed = 0;
  /// Every check holds (inconclusive checks — every case outside the hypotheses — do not count as holding).
  bool holds() const;
  /// One line per check (status, theorem, problem, precision, cases, discards, worst ratio) and, for each that does
  /// not hold, what failed, the shrunk counterexample and the seed that replays it.
  std::string summary() const;
};

namespace detail {
inline Results run_catalogue(const Catalogue& cat, const CheckOptions& options, std::vector<std::string> notes) {
  Results out;
  out.seed = options.seed;
  out.notes = std::move(notes);
  for (const auto& e : cat.entries()) {
    RunParams p;
    p.seed = options.seed;
    p.cases = e.default_cases;
    out.checks.push_back(e.run(p));
  }
  return out;
}
}  // namespace detail

/// Runs every check of the subject, in every listed scalar (double when none is listed). Throws ClaimError on a
/// claim outside a theorem's hypotheses.
template <class... Scalars, class F, class C>
Results check(const Subject<F, C>& s, const CheckOptions& options = {}) {
  Catalogue cat;
  auto notes = register_subject<Scalars...>(cat, s, options.cases);
  return detail::run_catalogue(cat, options, std::move(notes));
}


/// Runs every check of a black box (black_box.hpp: line-search and stationarity, or kkt for a constrained solver),
/// in double. Throws ClaimError on a claim outside a theorem's hypotheses.
template <class F>
Results check(const BlackBox<F>& b, const CheckOptions& options = {}) {
  Catalogue cat;
  auto notes = register_black_box(cat, b, options.cases);
  return detail::run_catalogue(cat, options, std::move(notes));
}
template <class F>
Results check(const ConstrainedBlackBox<F>& b, const CheckOptions& options = {}) {
  Catalogue cat;
  auto notes = register_black_box(cat, b, options.cases);
  return detail::run_catalogue(cat, options, std::move(notes));
}

/// A user's catalogue for optcheck::main: subjects (and optionally the built-in checks) to list, run and report.
/// A refused claim does not throw here: main() reports it as bad input (exit 2).
class Registry {
 public:
  template <class... Scalars, class F, class C>
  Registry& add(const Subject<F, C>& s) {
    try {
      for (auto& n : register_subject<Scalars...>(catalogue_, s)) notes_.push_back(std::move(n));
    } catch (const ClaimError& e) {
      catalogue_.refuse(e.what());
    }
    return *this;
  }
  /// Adds a black box (a solver that owns its loop, or a constrained solver), in double.
  template <class F>
  Registry& add(const BlackBox<F>& b) {
    return add_black_box(b);
  }
  template <class F>
  Registry& add(const ConstrainedBlackBox<F>& b) {
    return add_black_box(b);
  }
  /// Adds optcheck's own checks (every theorem × shipped optimizer × precision) next to the user's.
  Registry& add_builtin();
  const Catalogue& catalogue() const { return catalogue_; }
  const std::vector<std::string>& notes() const { return notes_; }

 private:
  template <class B>
  Registry& add_black_box(const B& b) {
    try {
      for (auto& n : register_black_box(catalogue_, b)) notes_.push_back(std::move(n));
    } catch (const ClaimError& e) {
      catalogue_.refuse(e.what());
    }
    return *this;
  }
  Catalogue catalogue_;
  std::vector<std::string> notes_;
};

}  // namespace optcheck
