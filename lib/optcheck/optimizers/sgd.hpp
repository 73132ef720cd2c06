// Stochastic gradient descent:  w_{k+1} = w_k − α_k g̃(w_k),  k = 1, 2, …, with g̃ an unbiased stochastic gradient
// and either a constant step α_k = ᾱ or the Robbins–Monro schedule α_k = β/(γ + k) (Σα_k = ∞, Σα_k² < ∞).
// Robbins & Monro, Ann. Math. Statist. 22(3) 1951; Bottou, Curtis, Nocedal, SIAM Review 60(2) 2018, Thms 4.6–4.7.
#pragma once

#include "optcheck/optimizers/params.hpp"
#include "optcheck/run/oracle.hpp"

namespace optcheck {

template <class S>
class Sgd {
 public:
  enum class Schedule { constant, diminishing };
  struct Params {
    Schedule schedule = Schedule::diminishing;
    S alpha{0};  ///< ᾱ (constant schedule)
    S beta{0};   ///< β (diminishing schedule)
    S gamma{0};  ///< γ (diminishing schedule)
    void validate() const {
      if (schedule == Schedule::constant) {
        require(is_finite(alpha) && alpha > S(0), "sgd", "alpha", alpha, "must be finite and > 0");
      } else {
        require(is_finite(beta) && beta > S(0), "sgd", "beta", beta, "must be finite and > 0");
        require(is_finite(gamma) && gamma > S(0), "sgd", "gamma", gamma, "must be finite and > 0");
      }
    }
    /// α_k for k = 1, 2, …
    S step_at(long k) const { return schedule == Schedule::constant ? alpha : S(beta / (gamma + S(k))); }
  };
  explicit Sgd(Params p) : p_(p) { p_.validate(); }
  void reset(const Vec<S>& w0) {
    w_ = w0;
    k_ = 0;
  }
  S step(Oracle<S>& oracle) {
    const S a = p_.step_at(++k_);
    w_ -= a * oracle.stochastic_gradient(w_);
    return a;
  }
  const Vec<S>& x() const { return w_; }

 private:
  Params p_;
  Vec<S> w_;
  long k_ = 0;
};

}  // namespace optcheck
