// The public API (label `unit`): user-written optimizers checked through claims, in double. A correct optimizer
// holds; a broken one is violated with a shrunk counterexample that replays from its seed; a claim outside a
// theorem's hypotheses is refused naming the hyperparameter; a step taken ≠ the step claimed is caught; an optimizer
// that says it stopped is not an error.
#define BOOST_TEST_MODULE optcheck_api
#include "optcheck/boost_test.hpp"

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
  void reset(const Vec<S>& x0, Oracle<S>&) {
    x_ = y_ = x0;
    t_ = S(1);
  }
  void step(Oracle<S>& o) {
    using std::sqrt;
    const Vec<S> x_next = y_ - step_size * o.gradient(broken ? x_ : y_);
    const S t_next = (S(1) + sqrt(S(1) + S(4) * t_ * t_)) / S(2);
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
