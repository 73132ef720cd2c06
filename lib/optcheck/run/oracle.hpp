// The oracle an optimizer talks to: counts calls, adds seeded unbiased noise for stochastic gradients, projects onto
// the feasible set when there is one.
#pragma once

#include <cstdint>
#include <stdexcept>

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

  Eigen::Index dim() const { return problem_.dim(); }
  S value(const Vec<S>& x) {
    ++value_calls_;
    return problem_.value(x);
  }
  Vec<S> gradient(const Vec<S>& x) {
    ++gradient_calls_;
    return problem_.gradient(x);
  }
  Vec<S> stochastic_gradient(const Vec<S>& x) {
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
  const Problem<S>& problem_;
  const ConvexSet<S>* set_ = nullptr;
  double sigma_ = 0;
  std::uint64_t seed_ = 0;
  Rng rng_{0};
  long value_calls_ = 0, gradient_calls_ = 0;
};

}  // namespace optcheck
