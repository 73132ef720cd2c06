// The public API (label `unit`): user-written optimizers checked through claims, in double. A correct optimizer
// holds; a broken one is violated with a shrunk counterexample that replays from its seed; a claim outside a
// theorem's hypotheses is refused naming the hyperparameter; a step taken ≠ the step claimed is caught; an optimizer
// that says it stopped is not an error. Cases under the arithmetic policies (bf16, fp16, mixed) carry the Boost.Test
// label `policy`: scripts/sanitize.sh --ci (in .ci/run) leaves them out with BOOST_TEST_RUN_FILTERS, since
// emulated bf16/fp16 under AddressSanitizer takes ~7 of the test's ~10 minutes there.
#define BOOST_TEST_MODULE optcheck_api
#include "optcheck/boost_test.hpp"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <unistd.h>

#include "optcheck/main.hpp"

using namespace optcheck;

namespace {

/// What a user writes: the concept and nothing else.
template <class S>
struct UserGd {
  S eta;
  Vec<S> x_;
  void reset(const Vec<S>& x0) { x_ = x0; }
  S step(Oracle<S>& o) {
    x_ -= eta * o.gradient(x_);
    return eta;
  }
  const Vec<S>& x() const { return x_; }
};

/// FISTA as a user writes it; `broken` evaluates the gradient at x_k instead of y_k.
template <class S>
struct UserFista {
  S step_size;
  bool broken = false;
  Vec<S> x_, y_;
  S t_{1};
  bool overflow_safe = false;  ///< t_{k+1} = ½ + t√(1 + (½/t)²): no 4t² (which overflows fp16 at k ≈ 256)
  void reset(const Vec<S>& x0, Oracle<S>&) {
    x_ = y_ = x0;
    t_ = S(1);
  }
  void step(Oracle<S>& o) {
    using std::sqrt;
    const Vec<S> x_next = y_ - step_size * o.gradient(broken ? x_ : y_);
    const S t_next = overflow_safe ? S(0.5) + t_ * sqrt(S(1) + (S(0.5) / t_) * (S(0.5) / t_))
                                   : (S(1) + sqrt(S(1) + S(4) * t_ * t_)) / S(2);
    y_ = x_next + ((t_ - S(1)) / t_next) * (x_next - x_);
    x_ = x_next;
    t_ = t_next;
  }
  const Vec<S>& x() const { return x_; }
};

/// Claims η but moves by 0.9η, and reports η.
template <class S>
struct SilentlyShortGd : UserGd<S> {
  S step(Oracle<S>& o) {
    this->x_ -= S(0.9) * this->eta * o.gradient(this->x_);
    return this->eta;
  }
};

/// Gradient descent that says it stopped once ‖∇f‖ is small (or after 5 steps).
template <class S>
struct StoppingGd : UserGd<S> {
  int taken = 0;
  StepReport<S> step(Oracle<S>& o) {
    if (++taken > 5) return StepReport<S>::stop();
    return {UserGd<S>::step(o), false};
  }
};

CheckOptions quick() {
  CheckOptions o;
  o.seed = 7;
  o.cases = 40;
  return o;
}

}  // namespace

BOOST_AUTO_TEST_CASE(user_gradient_descent_holds_on_every_theorem_its_claim_names) {
  const auto s = subject("user-gd", claim::GradientDescent{1.0}, [](const auto& set) {
    using S = std::decay_t<decltype(set.step)>;
    return UserGd<S>{set.step, {}};
  });
  const Results r = check<double>(s, quick());
  BOOST_TEST_MESSAGE(r.summary());
  std::set<std::string> theorems;
  for (const auto& c : r.checks) theorems.insert(c.theorem);
  BOOST_TEST(theorems == (std::set<std::string>{"descent-lemma", "pl-linear-rate", "gd-stability"}));
  OPTCHECK_BOOST_CHECK(r);
}

BOOST_AUTO_TEST_CASE(a_claim_chosen_at_run_time_is_checked_as_the_same_typed_claim) {
  const auto make = [](const Setting<double>& set) { return UserGd<double>{set.step, {}}; };
  const auto typed = subject("user-gd", claim::GradientDescent{1.0}, make);
  const Claim chosen = claim::GradientDescent{1.0};  // e.g. read from a configuration file
  const auto dynamic = subject("user-gd", chosen, make);
  static_assert(std::is_same_v<decltype(typed.claim), claim::GradientDescent>);
  static_assert(std::is_same_v<decltype(dynamic.claim), Claim>);
  CheckOptions options = quick();
  options.cases = 10;
  const Results a = check(typed, options), b = check(dynamic, options);
  BOOST_TEST(a.checks.size() == 13u);  // descent-lemma on 6 families, pl-linear-rate on 5, gd-stability on 2
  BOOST_TEST(a.summary() == b.summary());
  OPTCHECK_BOOST_CHECK(b);
}

BOOST_AUTO_TEST_CASE(broken_fista_is_violated_with_a_counterexample_that_replays) {
  const auto make = [](bool broken) {
    return subject(broken ? "fista-grad-at-x" : "fista", claim::Fista{}, [broken](const Setting<double>& set) {
      return UserFista<double>{set.step, broken, {}, {}, 1.0};
    });
  };
  CheckOptions options = quick();
  options.cases = 100;  // horizons grow with RapidCheck's size: long runs come late
  const Results bad = check(make(true), options);
  BOOST_TEST_MESSAGE(bad.summary());
  int violated = 0;
  for (const auto& c : bad.checks)
    if (c.status == Status::violated) {
      ++violated;
      BOOST_TEST(!c.counterexample.empty());
      BOOST_TEST(c.seed == 7u);
      BOOST_TEST(c.worst.worst_ratio > 1.0);
    }
  BOOST_TEST(violated >= 1);
  BOOST_TEST(bad.summary().find("replay: seed 7") != std::string::npos);
  const Results again = check(make(true), options);
  for (std::size_t i = 0; i < bad.checks.size(); ++i)
    BOOST_TEST(again.checks[i].counterexample == bad.checks[i].counterexample);
  OPTCHECK_BOOST_CHECK(check(make(false), options));
}

BOOST_AUTO_TEST_CASE(claims_outside_the_hypotheses_are_refused_naming_the_hyperparameter) {
  const auto gd = [](double h) {
    return subject("gd", claim::GradientDescent{h}, [](const Setting<double>& s) { return UserGd<double>{s.step, {}}; });
  };
  try {
    (void)check(gd(2.5));
    BOOST_FAIL("a step of 2.5/L was accepted for the descent lemma");
  } catch (const ClaimError& e) {
    const std::string m = e.what();
    BOOST_TEST(m.find("step_times_L = 2.5") != std::string::npos, m);
    BOOST_TEST(m.find("descent-lemma") != std::string::npos, m);
    BOOST_TEST(m.find("eta < 2/L") != std::string::npos, m);
  }
  BOOST_CHECK_THROW(validate(claim::SgdDiminishing{0.5, 0.5}, "robbins-monro"), ClaimError);  // β ≤ 1/c
  BOOST_CHECK_THROW(validate(claim::ProjectedGradient{1.5}, "kkt"), ClaimError);
  BOOST_CHECK_THROW(validate(claim::Fista{}, "descent-lemma"), ClaimError);  // does not apply
  // Above 2/L only the stability theorem speaks (divergence), and it is checked when asked for explicitly.
  const auto diverging = subject("gd", claim::GradientDescent{2.5},
                                 [](const Setting<double>& s) { return UserGd<double>{s.step, {}}; }, {"gd-stability"});
  OPTCHECK_BOOST_CHECK(check(diverging, quick()));
  // Through a Registry the refusal is kept for optcheck::main (exit 2) instead of thrown.
  Registry reg;
  reg.add<double>(gd(2.5));
  BOOST_TEST(reg.catalogue().refused().size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_step_other_than_the_claimed_one_is_violated_not_trusted) {
  const auto s = subject("short-gd", claim::GradientDescent{1.0}, [](const Setting<double>& set) {
    SilentlyShortGd<double> o;
    o.eta = set.step;
    return o;
  }, {"descent-lemma"});
  const Results r = check(s, quick());
  BOOST_TEST_MESSAGE(r.summary());
  for (const auto& c : r.checks) BOOST_TEST(c.status == Status::violated, c.problem);
}

BOOST_AUTO_TEST_CASE(an_optimizer_that_stops_is_not_an_error) {
  const auto s = subject("stopping-gd", claim::GradientDescent{1.0}, [](const Setting<double>& set) {
    StoppingGd<double> o;
    o.eta = set.step;
    return o;
  }, {"descent-lemma", "pl-linear-rate"});
  OPTCHECK_BOOST_CHECK(check(s, quick()));
}

BOOST_AUTO_TEST_CASE(a_double_only_factory_is_checked_in_double_only) {
  const auto s = subject("gd", claim::GradientDescent{1.0},
                         [](const Setting<double>& set) { return UserGd<double>{set.step, {}}; }, {"descent-lemma"});
  const Results r = check<double, float>(s, quick());
  for (const auto& c : r.checks) BOOST_TEST(c.precision == "double");
  BOOST_TEST(r.notes.size() == 1u);
  BOOST_TEST(r.notes[0].find("float") != std::string::npos);
}

// ---- Black boxes: solvers that own their loop ----------------------------------------------------------------------

namespace {

/// Steepest descent with Armijo backtracking that owns its loop, as a library would: first trial twice the last
/// accepted step, each failing trial (Armijo with `tested_c`) shrunk by `shrink`; records each iterate and stops at
/// ‖∇f‖ ≤ tol. `unit_step` skips the line search (x ← x − ∇f): the claim of monotone decrease is false.
struct ArmijoLoop {
  double tol = 1e-6;
  bool unit_step = false;
  double shrink = 0.5;
  double tested_c = 1e-4;
  Vec<double> operator()(const Objective& f, const Vec<double>& x0, Recorder& rec) const {
    Vec<double> x = x0;
    double alpha = 1;
    for (int k = 0; k < (unit_step ? 500 : 200000) && !rec.expired(); ++k) {
      const Vec<double> g = f.gradient(x);
      const double gg = g.squaredNorm(), fx = f.value(x);
      if (std::sqrt(gg) <= tol || !std::isfinite(gg) || !std::isfinite(fx)) break;
      if (unit_step) {
        x -= g;
      } else {
        alpha *= 2;
        while (f.value(Vec<double>(x - alpha * g)) > fx - tested_c * alpha * gg && alpha > 1e-300) alpha *= shrink;
        x -= alpha * g;
      }
      rec(x);
    }
    return x;
  }
};

/// The inequalities a violated result names, over all its checks.
std::string failures(const Results& r) {
  std::string all;
  for (const auto& c : r.checks)
    if (c.status == Status::violated) all += c.failure + "\n";
  return all;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_black_box_line_search_holds_on_its_trajectory_and_final_point) {
  const auto b = black_box("armijo-loop", claim::LineSearchMethod{.sufficient = 1e-4, .gradient_tolerance = 1e-6},
                           ArmijoLoop{});
  const Results r = check(b, quick());
  OPTCHECK_BOOST_CHECK(r);
  std::set<std::string> theorems;
  for (const auto& c : r.checks) theorems.insert(c.theorem);
  BOOST_TEST((theorems == std::set<std::string>{"line-search", "stationarity"}));
}

BOOST_AUTO_TEST_CASE(a_black_box_without_a_line_search_is_violated_on_its_claim) {
  const auto b = black_box("unit-step", claim::LineSearchMethod{},  // claims monotone decrease
                           ArmijoLoop{.unit_step = true});
  const Results r = check(b, quick());
  BOOST_TEST_MESSAGE(r.summary());
  bool violated = false;
  for (const auto& c : r.checks)
    if (c.status == Status::violated) {
      violated = true;
      BOOST_TEST(c.failure.find("monotone decrease") != std::string::npos, c.failure);
      BOOST_TEST(!c.counterexample.empty());
    }
  BOOST_TEST(violated);
}

BOOST_AUTO_TEST_CASE(a_claimed_wolfe_condition_the_line_search_does_not_enforce_is_violated) {
  // Armijo backtracking from 2α: steps are never long enough for a curvature condition with c2 = 0.01 on
  // every instance (backtracking enforces no lower bound on the slope at x_k+1).
  const auto b = black_box("armijo-claims-wolfe",
                           claim::LineSearchMethod{.sufficient = 1e-4, .curvature = 0.01, .strong = true},
                           ArmijoLoop{});
  const Results r = check(b, quick());
  BOOST_TEST(!r.holds());
  BOOST_TEST(r.summary().find("strong Wolfe") != std::string::npos, r.summary());
}

BOOST_AUTO_TEST_CASE(a_backtracking_claim_holds_on_an_honest_line_search_and_catches_a_dishonest_one) {
  using claim::ContractionRange;
  const auto claimed = [](double c1, ContractionRange rho) {
    return claim::LineSearchMethod{.sufficient = c1, .gradient_tolerance = 1e-6, .backtracking = rho};
  };
  // Honest: halves each failing trial from a first trial that changes per step (twice the last step).
  OPTCHECK_BOOST_CHECK(check(black_box("halving", claimed(1e-4, {0.5, 0.5}), ArmijoLoop{}), quick()));
  // A range is a range: quartering is inside [0.1, 0.9].
  OPTCHECK_BOOST_CHECK(check(black_box("quartering", claimed(1e-4, {0.1, 0.9}), ArmijoLoop{.shrink = 0.25}), quick()));
  // Quartering while claiming halving: consecutive trials shrink by 0.25, outside [0.5, 0.5].
  const Results quarter = check(black_box("claims-halving", claimed(1e-4, {0.5, 0.5}), ArmijoLoop{.shrink = 0.25}),
                                quick());
  BOOST_TEST(!quarter.holds());
  BOOST_TEST(failures(quarter).find("backtracking contraction") != std::string::npos, failures(quarter));
  // Testing Armijo with c = 0.5 while claiming c1 = 1e-4: trials that pass the claimed test are rejected, and the
  // steps are shorter than the claimed line search would take (every accepted step still passes Armijo).
  const Results strict = check(black_box("rejects-good-trials", claimed(1e-4, {0.5, 0.5}), ArmijoLoop{.tested_c = 0.5}),
                               quick());
  BOOST_TEST(!strict.holds());
  BOOST_TEST(failures(strict).find("rejected trial") != std::string::npos, failures(strict));
  BOOST_TEST(failures(strict).find("Armijo f(x_k)") == std::string::npos, failures(strict));
  // Outside the hypotheses: refused naming the hyperparameter.
  BOOST_CHECK_EXCEPTION(check(black_box("x", claimed(1e-4, {0.5, 0.4}), ArmijoLoop{})), ClaimError,
                        [](const ClaimError& e) { return std::string(e.what()).find("backtracking.most") != std::string::npos; });
  auto final_only = claimed(1e-4, {0.5, 0.5});
  final_only.records_iterates = false;
  BOOST_CHECK_EXCEPTION(validate(final_only, "stationarity"), ClaimError,
                        [](const ClaimError& e) { return std::string(e.what()).find("records_iterates") != std::string::npos; });
}

BOOST_AUTO_TEST_CASE(a_final_point_only_black_box_skips_the_trajectory_checks_and_says_so) {
  const auto b = black_box("final-only", claim::LineSearchMethod{.gradient_tolerance = 1e-6, .records_iterates = false},
                           [](const Objective& f, const Vec<double>& x0, Recorder&) {
                             Budget unused({1, 1});
                             Recorder ignored(x0.size(), unused);
                             return ArmijoLoop{}(f, x0, ignored);
                           });
  const Results r = check(b, quick());
  OPTCHECK_BOOST_CHECK(r);
  for (const auto& c : r.checks) BOOST_TEST(c.theorem == "stationarity");
  BOOST_TEST(r.notes.size() == 1u);
  BOOST_TEST(r.notes[0].find("line-search not checked") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_black_box_that_returns_nan_throws_or_never_stops_is_an_error_naming_why) {
  auto status_and_failure = [](const Results& r) {
    BOOST_REQUIRE(!r.checks.empty());
    BOOST_TEST(r.checks[0].status == Status::error, r.summary());
    return r.checks[0].failure;
  };
  const auto nan = black_box("nan", claim::LineSearchMethod{.gradient_tolerance = 1e-6},
                             [](const Objective& f, const Vec<double>&, Recorder&) {
                               return Vec<double>(Vec<double>::Constant(f.dim(), std::nan("")));
                             });
  BOOST_TEST(status_and_failure(check(nan, quick())).find("NaN") != std::string::npos);
  const auto throws = black_box("throws", claim::LineSearchMethod{.gradient_tolerance = 1e-6},
                                [](const Objective&, const Vec<double>&, Recorder&) -> Vec<double> {
                                  throw std::runtime_error("library failure");
                                });
  BOOST_TEST(status_and_failure(check(throws, quick())).find("library failure") != std::string::npos);
  const auto endless = black_box(
      "endless", claim::LineSearchMethod{.gradient_tolerance = 1e-6},
      [](const Objective& f, const Vec<double>& x0, Recorder&) {
        while (!std::isnan(f.value(x0))) {
        }
        return x0;
      },
      SolveLimits{.seconds = 0.02});
  CheckOptions one = quick();
  one.cases = 1;
  BOOST_TEST(status_and_failure(check(endless, one)).find("time limit") != std::string::npos);
  const auto wrong = black_box("wrong-dimension", claim::LineSearchMethod{.gradient_tolerance = 1e-6},
                               [](const Objective& f, const Vec<double>&, Recorder&) {
                                 return Vec<double>(Vec<double>::Zero(f.dim() + 1));
                               });
  BOOST_TEST(status_and_failure(check(wrong, quick())).find("dimension") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_constrained_black_box_is_judged_on_its_declared_tolerance_and_its_multipliers) {
  const auto ipm = [](const ConvexQP<double>& qp, Recorder&) {
    const QPResult<double> r = QPInteriorPoint<double>().solve(qp);
    return SolverAnswer{r.solution.x, r.solution.nu, r.solution.lambda, r.converged ? "converged" : "not converged"};
  };
  OPTCHECK_BOOST_CHECK(check(constrained_solver("ipm", claim::ConstrainedSolver{.tolerance = 1e-12}, ipm), quick()));
  // x only: the multipliers are estimated, and the results say so.
  const auto x_only = [ipm](const ConvexQP<double>& qp, Recorder& r) {
    SolverAnswer a = ipm(qp, r);
    a.nu.reset();
    a.lambda.reset();
    return a;
  };
  const Results est = check(constrained_solver("ipm-x-only", claim::ConstrainedSolver{.tolerance = 1e-12}, x_only), quick());
  OPTCHECK_BOOST_CHECK(est);
  BOOST_TEST(est.summary().find("multipliers estimated by optcheck") != std::string::npos, est.summary());
  // Multipliers of the wrong sign convention (λ ≤ 0): dual feasibility and stationarity fail.
  const auto flipped = [ipm](const ConvexQP<double>& qp, Recorder& r) {
    SolverAnswer a = ipm(qp, r);
    *a.lambda = -*a.lambda;
    return a;
  };
  const Results bad = check(constrained_solver("ipm-flipped", claim::ConstrainedSolver{.tolerance = 1e-8}, flipped), quick());
  BOOST_TEST(bad.checks.at(0).status == Status::violated, bad.summary());
  BOOST_TEST(!bad.checks.at(0).counterexample.empty());
  // A claim outside the hypotheses is refused naming the hyperparameter.
  BOOST_CHECK_EXCEPTION(check(constrained_solver("ipm", claim::ConstrainedSolver{.tolerance = 0}, ipm)), ClaimError,
                        [](const ClaimError& e) { return std::string(e.what()).find("tolerance = 0") != std::string::npos; });
  BOOST_CHECK_EXCEPTION(
      check(black_box("x", claim::LineSearchMethod{.sufficient = 0.5, .curvature = 0.1},
                      [](const Objective&, const Vec<double>& x0, Recorder&) { return x0; })),
      ClaimError, [](const ClaimError& e) { return std::string(e.what()).find("curvature (c2) = 0.1") != std::string::npos; });
}

namespace {
/// Gradient descent whose 3rd step never returns (a deadlock in a user's optimizer).
template <class S>
struct HangingGd : UserGd<S> {
  int taken = 0;
  S step(Oracle<S>& o) {
    if (++taken == 3)
      for (;;) ::pause();
    return UserGd<S>::step(o);
  }
};
}  // namespace

// The command runs each check in a worker process under a watchdog: a step that never returns costs its check (an
// `error` naming the time limit, within about that limit) and the run goes on.
BOOST_AUTO_TEST_CASE(a_step_that_never_returns_is_an_error_within_the_check_time_limit) {
  Registry registry;
  registry.add(subject("hanging-gd", claim::GradientDescent{1.0}, [](const Setting<double>& set) {
    return HangingGd<double>{{set.step, {}}};
  }));
  const std::string out = (std::filesystem::temp_directory_path() / ("optcheck-hang-" + std::to_string(::getpid()))).string();
  std::vector<std::string> args{"optcheck", "run", "--theorem", "pl-linear-rate", "--problem", "quadratic",
                                "--cases", "5", "--check-timeout", "2", "--quiet", "--out", out};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  const auto start = std::chrono::steady_clock::now();
  const int code = optcheck::main(static_cast<int>(argv.size()), argv.data(), registry);
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  BOOST_TEST(code == 1);
  BOOST_TEST(secs < 30.0);
  std::ifstream in(out + "/results.json");
  std::stringstream text;
  text << in.rdbuf();
  BOOST_TEST(text.str().find("\"status\": \"error\"") != std::string::npos);
  BOOST_TEST(text.str().find("per-check time limit of 2 s") != std::string::npos);
  std::filesystem::remove_all(out);
}

// ---- arithmetic policies (optcheck/scalar/policy.hpp): a user's optimizer in bf16, fp16 and mixed precision ----

namespace {
/// Gradient descent that moves by `factor`·η while reporting η.
template <class S>
struct ScaledGd : UserGd<S> {
  double factor = 1;
  S step(Oracle<S>& o) {
    this->x_ -= S(factor) * this->eta * o.gradient(this->x_);
    return this->eta;
  }
};

struct Counts {
  int violated = 0, error = 0;
  std::string errors;
};

/// Few cases: a broken step shows in nearly every case, FISTA's overflow in every run past k ≈ 256, and the false-alarm
/// sweep of these policies is ctest theorem_policy_* (100 cases) and seed_sweep_policies (slow).
CheckOptions policy_run(int cases) {
  CheckOptions o = quick();
  o.cases = cases;
  return o;
}

/// The subjects are built outside check_under's template, so that each (subject, policy) pair is compiled once.
auto policy_gd(double gd_factor) {
  return subject("user-gd", claim::GradientDescent{1.0}, [gd_factor](const auto& set) {
    using S = std::decay_t<decltype(set.step)>;
    ScaledGd<S> g;
    g.eta = set.step;
    g.factor = gd_factor;
    return g;
  });
}
auto policy_fista(bool broken, bool overflow_safe) {
  return subject("user-fista", claim::Fista{}, [=](const auto& set) {
    using S = std::decay_t<decltype(set.step)>;
    return UserFista<S>{set.step, broken, {}, {}, S(1), overflow_safe};
  });
}

template <class... Policies>
Counts check_under(double gd_factor, bool fista_broken, bool fista_overflow_safe = true, int cases = 8) {
  const auto gd = policy_gd(gd_factor);
  const auto fista = policy_fista(fista_broken, fista_overflow_safe);
  Counts n;
  for (const Results& r : {check<Policies...>(gd, policy_run(cases)), check<Policies...>(fista, policy_run(cases))}) {
    BOOST_TEST_MESSAGE(r.summary());
    for (const auto& c : r.checks) {
      n.violated += c.status == Status::violated;
      n.error += c.status == Status::error;
      if (c.status == Status::error) n.errors += c.failure + "\n";
    }
  }
  return n;
}
}  // namespace

BOOST_AUTO_TEST_CASE(a_user_optimizer_holds_in_every_arithmetic_policy, *boost::unit_test::label("policy")) {
  const Counts n =
      check_under<policy::bf16, policy::fp16, policy::bf16_mixed, policy::fp16_mixed, policy::float_double>(1.0, false);
  BOOST_TEST(n.violated == 0);
  BOOST_TEST(n.error == 0);
}

BOOST_AUTO_TEST_CASE(broken_optimizers_are_caught_under_every_policy, *boost::unit_test::label("policy")) {
  // A step 10% short of the claim (25 times bf16's u), FISTA's gradient taken at x_k instead of y_k.
  BOOST_TEST(check_under<policy::bf16>(0.9, true).violated >= 2);
  BOOST_TEST(check_under<policy::bf16_mixed>(0.9, true).violated >= 2);
  BOOST_TEST(check_under<policy::fp16_mixed>(0.9, true).violated >= 2);
  BOOST_TEST(check_under<policy::fp16>(0.9, true).violated >= 2);
  BOOST_TEST(check_under<policy::float_double>(0.9, true).violated >= 2);
}

BOOST_AUTO_TEST_CASE(a_divergent_step_is_judged_before_fp16_overflows, *boost::unit_test::label("policy")) {
  // ηL = 3: gd-stability expects divergence. In pure fp16 the iterates grow past 65504 within a few dozen steps; the
  // run must stop at the optimizer's range (not the harness's double range) and the divergence be confirmed.
  // OPTCHECK_API_SWEEP_SEEDS=N (ctest api_divergent_fp16_sweep, label slow) runs seeds 1..N with 30 cases each.
  const auto gd = subject("user-gd-divergent", claim::GradientDescent{3.0}, [](const auto& set) {
    using S = std::decay_t<decltype(set.step)>;
    ScaledGd<S> g;
    g.eta = set.step;
    return g;
  }, {"gd-stability"});  // the descent lemma and the PL rate need ηL < 2
  const char* sweep = std::getenv("OPTCHECK_API_SWEEP_SEEDS");
  const int seeds = sweep ? std::atoi(sweep) : 1;
  BOOST_TEST_REQUIRE(seeds >= 1);
  for (int seed = 1; seed <= seeds; ++seed) {
    CheckOptions o = policy_run(sweep ? 30 : 8);
    o.seed = static_cast<std::uint64_t>(seed);
    const Results r = check<policy::fp16>(gd, o);
    if (!sweep) BOOST_TEST_MESSAGE(r.summary());
    int stability = 0;
    for (const auto& c : r.checks) {
      BOOST_TEST_CONTEXT("seed " << seed << ", " << c.theorem << " on " << c.problem << ": " << c.failure) {
        BOOST_TEST((c.status != Status::error && c.status != Status::violated));
      }
      if (c.theorem == "gd-stability") stability += c.status == Status::holds;
    }
    BOOST_TEST(stability >= 1, "seed " << seed << ": no gd-stability check holds");
  }
  if (sweep) BOOST_TEST_MESSAGE("fp16 divergent-step sweep: seeds 1.." << seeds);
}

BOOST_AUTO_TEST_CASE(fista_forming_4t_squared_overflows_in_pure_fp16_and_is_an_error, *boost::unit_test::label("policy")) {
  // t_k ≈ k/2, so 4t_k² passes fp16's 65504 near k = 256: NaN from there on. Caught as an error (not a violation);
  // in fp16-mixed (float compute) the same code is fine.
  const Counts pure = check_under<policy::fp16>(1.0, false, false);
  BOOST_TEST(pure.error >= 1);
  BOOST_TEST(pure.errors.find("non-finite") != std::string::npos);
  const Counts mixed = check_under<policy::fp16_mixed>(1.0, false, false);
  BOOST_TEST(mixed.error == 0);
  BOOST_TEST(mixed.violated == 0);
}
