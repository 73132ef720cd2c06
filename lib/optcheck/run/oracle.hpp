// The oracle an optimizer talks to: counts calls, adds seeded unbiased noise for stochastic gradients, projects onto
// the feasible set when there is one.
#pragma once

#include <cmath>
#include <cstdint>
#include <functional>
#include <type_traits>
#include <stdexcept>
#include <utility>

#include "optcheck/problems/problem.hpp"
#include "optcheck/problems/random.hpp"
#include "optcheck/problems/sets.hpp"

namespace optcheck {

template <class S>
class Oracle {
 public:
  explicit Oracle(const Problem<S>& problem) : problem_(problem) {}

  /// Additive Gaussian noise N(0, σ²I) on stochastic_gradient(): E[g̃] = ∇f, E‖g̃ − ∇f‖² = nσ² (the M of
  /// Bottou–Curtis–Nocedal's assumption 4.3, with M_V = 0).
  void set_noise(double sigma, std::uint64_t seed) {
    sigma_ = sigma;
    seed_ = seed;
    rng_ = Rng(seed);
  }
  void set_feasible_set(const ConvexSet<S>* set) { set_ = set; }
  /// Stochastic gradients taken from another source instead of gradient() plus this oracle's noise: a view of another
  /// oracle (optimizers/master_weights.hpp: the Storage oracle's stochastic gradients, its noise included).
  void set_stochastic_source(std::function<Vec<S>(const Vec<S>&)> source) { stochastic_source_ = std::move(source); }

  Eigen::Index dim() const { return problem_.dim(); }
  S value(const Vec<S>& x) {
    ++value_calls_;
    return problem_.value(x);
  }
  Vec<S> gradient(const Vec<S>& x) {
    ++gradient_calls_;
    if (remembered_ && same_point(x, remembered_x_)) return remembered_gradient_;
    return problem_.gradient(x);
  }
  /// run() hands over the gradient it computed to record iterate x (Problem::evaluate): an optimizer that asks for
  /// ∇f at that same point next gets it without a second evaluation. Problem::gradient is a function of x, so the
  /// answer is the one it would have computed; the call is counted all the same.
  void remember_gradient(const Vec<S>& x, Vec<S> g) {
    remembered_x_ = x;  // same size at every iterate: a copy into the storage already held
    remembered_gradient_ = std::move(g);
    remembered_ = true;
  }
  Vec<S> stochastic_gradient(const Vec<S>& x) {
    if (stochastic_source_) {
      ++gradient_calls_;
      return stochastic_source_(x);
    }
    Vec<S> g = gradient(x);
    if (sigma_ > 0)
      for (Eigen::Index i = 0; i < g.size(); ++i) g[i] += scalar_cast<S>(sigma_ * rng_.normal());
    return g;
  }
  Vec<S> project(const Vec<S>& x) const {
    if (!set_) throw std::logic_error("project(): this problem has no feasible set");
    return set_->project(x);
  }
  bool has_feasible_set() const { return set_ != nullptr; }
  double noise_sigma() const { return sigma_; }
  std::uint64_t noise_seed() const { return seed_; }
  long calls() const { return value_calls_ + gradient_calls_; }
  long value_calls() const { return value_calls_; }
  long gradient_calls() const { return gradient_calls_; }
  const Problem<S>& problem() const { return problem_; }

 private:
  /// Equal coordinates, and for the built-in floating types equal signs of zero too (∇f(−0) may differ from ∇f(+0)
  /// in the sign of a zero).
  static bool same_point(const Vec<S>& a, const Vec<S>& b) {
    if (a.size() != b.size()) return false;
    for (Eigen::Index i = 0; i < a.size(); ++i) {
      if (!(a[i] == b[i])) return false;
      if constexpr (std::is_floating_point_v<S>)
        if (std::signbit(a[i]) != std::signbit(b[i])) return false;
    }
    return true;
  }

  const Problem<S>& problem_;
  const ConvexSet<S>* set_ = nullptr;
  double sigma_ = 0;
  std::uint64_t seed_ = 0;
  Rng rng_{0};
  std::function<Vec<S>(const Vec<S>&)> stochastic_source_;
  long value_calls_ = 0, gradient_calls_ = 0;
  bool remembered_ = false;
  Vec<S> remembered_x_, remembered_gradient_;
};

}  // namespace optcheck
