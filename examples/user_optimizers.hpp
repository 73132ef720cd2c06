// Two optimizers as a user writes them: nothing from optcheck but the concept (reset / step / x) and its types.
#pragma once

#include <optcheck/check.hpp>

/// Gradient descent x_{k+1} = x_k − η∇f(x_k).
template <class S>
class MyGradientDescent {
 public:
  explicit MyGradientDescent(S eta) : eta_(eta) {}
  void reset(const optcheck::Vec<S>& x0) { x_ = x0; }
  S step(optcheck::Oracle<S>& oracle) {
    x_ -= eta_ * oracle.gradient(x_);
    return eta_;
  }
  const optcheck::Vec<S>& x() const { return x_; }

 private:
  S eta_;
  optcheck::Vec<S> x_;
};

/// FISTA (Beck & Teboulle 2009): x_k = y_k − ∇f(y_k)/L, t_{k+1} = (1 + √(1 + 4t_k²))/2,
/// y_{k+1} = x_k + ((t_k − 1)/t_{k+1})(x_k − x_{k−1}). gradient_at_x = true is the bug: ∇f(x_k) instead of ∇f(y_k).
template <class S>
class MyFista {
 public:
  MyFista(S step, bool gradient_at_x = false) : step_(step), gradient_at_x_(gradient_at_x) {}
  void reset(const optcheck::Vec<S>& x0) {
    x_ = y_ = x0;
    t_ = S(1);
  }
  S step(optcheck::Oracle<S>& oracle) {
    using std::sqrt;
    const optcheck::Vec<S> x_next = y_ - step_ * oracle.gradient(gradient_at_x_ ? x_ : y_);
    const S t_next = (S(1) + sqrt(S(1) + S(4) * t_ * t_)) / S(2);
    y_ = x_next + ((t_ - S(1)) / t_next) * (x_next - x_);
    x_ = x_next;
    t_ = t_next;
    return step_;
  }
  const optcheck::Vec<S>& x() const { return x_; }

 private:
  S step_;
  bool gradient_at_x_;
  optcheck::Vec<S> x_, y_;
  S t_{1};
};

/// Factories: optcheck hands each drawn instance's Setting (constants and the claimed hyperparameters).
inline auto make_gradient_descent = [](const auto& setting) {
  using S = std::decay_t<decltype(setting.step)>;
  return MyGradientDescent<S>(setting.step);
};
inline auto make_fista = [](const auto& setting) {
  using S = std::decay_t<decltype(setting.step)>;
  return MyFista<S>(setting.step);
};
