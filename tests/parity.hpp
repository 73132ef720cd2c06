// Parity of every optimizer in lib/ with its textbook transcription in reference/, run on the same gradients:
// ≥ 10 steps, hyperparameters away from their defaults, weight decay ≠ 0, and zero gradients (a stretch of steps
// where the objective is flat) included. Templated on the scalar; instantiated in float and double (unit) and in
// float128 (multiprecision).
#pragma once

#include <boost/test/unit_test.hpp>

#include "optcheck/optimizers/adagrad.hpp"
#include "optcheck/optimizers/adam.hpp"
#include "optcheck/optimizers/adamw.hpp"
#include "optcheck/optimizers/gd.hpp"
#include "optcheck/optimizers/heavy_ball.hpp"
#include "optcheck/optimizers/nesterov_fista.hpp"
#include "optcheck/optimizers/nesterov_strongly_convex.hpp"
#include "optcheck/optimizers/projected_gradient.hpp"
#include "optcheck/optimizers/rmsprop.hpp"
#include "optcheck/optimizers/sgd.hpp"
#include "optcheck/problems/quadratic.hpp"
#include "optcheck/run/run.hpp"
#include "reference/textbook/update_rules.hpp"

namespace optcheck::test {

/// f(x) = ½(x − c)ᵀA(x − c) for t where zero_window(t) is false, and f ≡ 0 (zero gradient) on the steps in
/// [4, 7): the problem switches by counting gradient calls, identically for both implementations.
template <class S>
class SwitchingQuadratic : public Problem<S> {
 public:
  SwitchingQuadratic() {
    A_ = Mat<S>(3, 3);
    A_ << S(4), S(1), S(0), S(1), S(3), S(-1), S(0), S(-1), S(2);
    c_ = Vec<S>(3);
    c_ << S(1), S(-2), S(0.5);
    this->constants_.L = S(6);
    this->constants_.x_star = c_;
  }
  std::string name() const override { return "switching-quadratic"; }
  Eigen::Index dim() const override { return 3; }
  S value(const Vec<S>& x) const override { return S(0.5) * Vec<S>(x - c_).dot(A_ * Vec<S>(x - c_)); }
  Vec<S> gradient(const Vec<S>& x) const override {
    const long call = calls_++;
    if (call >= 4 && call < 7) return Vec<S>::Zero(3);
    return A_ * Vec<S>(x - c_);
  }
  ErrorBound value_error(const Vec<S>&) const override { return {}; }
  ErrorBound gradient_error(const Vec<S>&) const override { return {}; }
  void rewind() const { calls_ = 0; }

 private:
  Mat<S> A_;
  Vec<S> c_;
  mutable long calls_ = 0;
};

template <class S>
textbook::Vector<S> to_std(const Vec<S>& v) {
  return textbook::Vector<S>(v.data(), v.data() + v.size());
}

/// Runs the library optimizer for `steps` steps (without the harness, so that only the optimizer's gradient calls
/// count) and compares with the textbook trajectory: |x_lib − x_ref| ≤ γ_{8(t+1)}·(|x_ref| + 1) per coordinate
/// (both implement the same formula; the only freedom is evaluation order, worth a few ulps per step).
template <class S, class O>
void expect_parity(const char* name, O optimizer, const textbook::Trajectory<S>& reference, SwitchingQuadratic<S>& p) {
  p.rewind();
  Oracle<S> oracle(p);
  optimizer.reset(vec_cast<S>(Vec<double>(Vec<double>::LinSpaced(3, -1.5, 2.0))));
  const double u = unit_roundoff<S>();
  double worst = 0;
  for (std::size_t t = 1; t < reference.size(); ++t) {
    optimizer.step(oracle);
    const Vec<S> x = optimizer.x();
    for (Eigen::Index i = 0; i < x.size(); ++i) {
      const double diff = std::abs(to_double(S(x[i] - reference[t][i])));
      const double tol = gamma_k(8.0 * (t + 1), u) * (std::abs(to_double(reference[t][i])) + 1);
      worst = std::max(worst, diff / tol);
    }
  }
  BOOST_TEST_INFO(name << ": worst |lib - textbook| / tolerance = " << worst);
  BOOST_CHECK_LE(worst, 1.0);
  BOOST_CHECK_GE(reference.size(), 11u);
}

template <class S>
void run_parity_suite() {
  SwitchingQuadratic<S> p;
  const int T = 12;
  const Vec<S> x0 = vec_cast<S>(Vec<double>(Vec<double>::LinSpaced(3, -1.5, 2.0)));
  const auto grad = [&p](const textbook::Vector<S>& x) {
    return to_std<S>(p.gradient(Eigen::Map<const Vec<S>>(x.data(), static_cast<Eigen::Index>(x.size()))));
  };
  auto ref = [&](auto&& f) {
    p.rewind();
    return f();
  };
  const auto X0 = to_std<S>(x0);
  const S eta = S(0.15), L = S(6), mu = S(0.75);

  expect_parity<S>("gd", GradientDescent<S>({eta}),
                   ref([&] { return textbook::gradient_descent<S>(grad, X0, eta, T); }), p);
  expect_parity<S>("heavy-ball", HeavyBall<S>({S(0.1), S(0.55)}),
                   ref([&] { return textbook::heavy_ball<S>(grad, X0, S(0.1), S(0.55), T); }), p);
  expect_parity<S>("nesterov", NesterovFista<S>({S(1) / L}), ref([&] { return textbook::fista<S>(grad, X0, L, T); }), p);
  expect_parity<S>("nesterov-sc", NesterovStronglyConvex<S>({L, mu}),
                   ref([&] { return textbook::nesterov_strongly_convex<S>(grad, X0, L, mu, T); }), p);
  {
    typename Sgd<S>::Params sp;
    sp.schedule = Sgd<S>::Schedule::diminishing;
    sp.beta = S(0.9);
    sp.gamma = S(3);
    expect_parity<S>("sgd", Sgd<S>(sp), ref([&] { return textbook::sgd_diminishing<S>(grad, X0, S(0.9), S(3), T); }), p);
  }
  {
    Vec<S> lo(3), hi(3);
    lo << S(-1), S(-1), S(0);
    hi << S(0.5), S(2), S(1);
    Box<S> box(lo, hi);
    p.rewind();
    Oracle<S> oracle(p);
    oracle.set_feasible_set(&box);
    ProjectedGradient<S> pg({eta});
    pg.reset(box.project(x0));
    const auto reference = ref([&] {
      return textbook::projected_gradient_box<S>(grad, to_std<S>(box.project(x0)), eta, to_std<S>(lo), to_std<S>(hi), T);
    });
    p.rewind();
    double worst = 0;
    for (int t = 1; t <= T; ++t) {
      pg.step(oracle);
      for (Eigen::Index i = 0; i < 3; ++i)
        worst = std::max(worst, std::abs(to_double(S(pg.x()[i] - reference[t][i]))) /
                                    (gamma_k(8.0 * (t + 1), unit_roundoff<S>()) * (std::abs(to_double(reference[t][i])) + 1)));
    }
    BOOST_TEST_INFO("projected-gradient worst ratio " << worst);
    BOOST_CHECK_LE(worst, 1.0);
  }
  {
    typename AdaGrad<S>::Params ap;
    ap.lr = S(0.3);
    ap.eps = S(1e-3);
    ap.weight_decay = S(0.05);
    ap.initial_accumulator = S(0.1);
    expect_parity<S>("adagrad", AdaGrad<S>(ap),
                     ref([&] { return textbook::adagrad<S>(grad, X0, S(0.3), S(1e-3), S(0.05), S(0.1), T); }), p);
  }
  {
    typename RmsProp<S>::Params rp;
    rp.lr = S(0.02);
    rp.rho = S(0.9);
    rp.eps = S(1e-4);
    rp.weight_decay = S(0.01);
    expect_parity<S>("rmsprop", RmsProp<S>(rp),
                     ref([&] { return textbook::rmsprop<S>(grad, X0, S(0.02), S(0.9), S(1e-4), S(0.01), T); }), p);
  }
  {
    using P = AdamParams<S>;
    const auto ap = P::template with<typename Adam<S>::Params>(S(0.05), S(0.8), S(0.99), S(1e-3), S(0.02));
    expect_parity<S>("adam", Adam<S>(ap), ref([&] {
                       return textbook::adam<S>(grad, X0, S(0.05), S(0.8), S(0.99), S(1e-3), S(0.02), false, T);
                     }),
                     p);
    const auto wp = P::template with<typename AdamW<S>::Params>(S(0.05), S(0.8), S(0.99), S(1e-3), S(0.1));
    expect_parity<S>("adamw", AdamW<S>(wp), ref([&] {
                       return textbook::adam<S>(grad, X0, S(0.05), S(0.8), S(0.99), S(1e-3), S(0.1), true, T);
                     }),
                     p);
  }
}

/// GD on a quadratic against the closed form x_t − x* = (I − ηA)^t (x₀ − x*), the power formed in build_t<S>:
/// the computed trajectory is the exact one perturbed by δ_j per step, contracted by ‖I − ηA‖ ≤ 1, so
/// ‖x̂_t − x_t‖ ≤ Σ_j δ_j with δ_j ≤ γ_{n+3}(‖x_j‖ + η‖A‖‖x_j − x*‖).
template <class S>
void run_closed_form_gd() {
  using B = build_t<S>;
  QuadraticSpec spec{{1, 3, 7.5, 12}, 11, 1};
  DenseQuadratic<S> q(spec);
  const S eta = S(1) / q.constants().L;
  Oracle<S> oracle(q);
  GradientDescent<S> gd({eta});
  const Vec<S> x0 = vec_cast<S>(Vec<double>(Vec<double>::LinSpaced(4, 2.0, -1.0)));
  gd.reset(x0);
  const Mat<B> A = mat_cast<B>(q.matrix());
  const Mat<B> M = Mat<B>::Identity(4, 4) - scalar_cast<B>(eta) * A;
  Vec<B> e = vec_cast<B>(Vec<S>(x0 - *q.constants().x_star));
  const Vec<B> xs = vec_cast<B>(*q.constants().x_star);
  const double u = unit_roundoff<S>(), normA = to_double(q.constants().L);
  double budget = 0, worst = 0;
  for (int t = 1; t <= 25; ++t) {
    gd.step(oracle);
    budget += gamma_k(4 + 3, u) * (to_double(vec_cast<B>(gd.x()).norm()) + to_double(eta) * normA * to_double(e.norm()));
    e = M * e;
    const double err = to_double(Vec<B>(vec_cast<B>(gd.x()) - (xs + e)).norm());
    worst = std::max(worst, err / budget);
  }
  BOOST_TEST_INFO("closed-form GD: worst error / derived bound = " << worst);
  BOOST_CHECK_LE(worst, 1.0);
}

}  // namespace optcheck::test
