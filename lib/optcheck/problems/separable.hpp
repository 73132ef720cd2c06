// Separable test functions f(x) = Σᵢ φ(xᵢ − x*ᵢ) with f* = φ(0) = 0 and x* on a 2^-10 grid (grid_minimizer): the
// shared evaluation of Huber and the piecewise quadratic. Derived supplies term(d) = φ(d) and derivative(d) = φ'(d).
#pragma once

#include <cstdint>

#include "optcheck/problems/problem.hpp"
#include "optcheck/problems/random.hpp"

namespace optcheck {

template <class S, class Derived>
class Separable : public Problem<S> {
 public:
  Eigen::Index dim() const override { return dim_; }
  S value(const Vec<S>& x) const override {
    S f(0);
    for (Eigen::Index i = 0; i < x.size(); ++i) f += self().term(S(x[i] - (*this->constants_.x_star)[i]));
    return f;
  }
  Vec<S> gradient(const Vec<S>& x) const override {
    Vec<S> g(x.size());
    for (Eigen::Index i = 0; i < x.size(); ++i) g[i] = self().derivative(S(x[i] - (*this->constants_.x_star)[i]));
    return g;
  }

 protected:
  Separable(int dim, std::uint64_t seed) : dim_(dim) {
    this->constants_.x_star = grid_minimizer<S>(dim, seed);
    this->constants_.f_star = S(0);
    this->constants_.convex = true;
  }
  /// ‖c·(x − x*)‖ in double: the scale of the gradient's error bounds (|φ'(d)| ≤ c|d|).
  double scaled_distance(const Vec<S>& x, double c) const {
    double s = 0;
    for (Eigen::Index i = 0; i < x.size(); ++i) {
      const double d = c * std::abs(to_double(x[i]) - to_double((*this->constants_.x_star)[i]));
      s += d * d;
    }
    return std::sqrt(s);
  }

 private:
  const Derived& self() const { return static_cast<const Derived&>(*this); }
  int dim_;
};

}  // namespace optcheck
