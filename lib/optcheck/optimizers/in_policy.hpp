// Runs an optimizer under an arithmetic policy (optcheck/scalar/policy.hpp) while the harness observes and checks in
// the policy's wider harness type:
//   x̂_k = round_Storage(m_k);  g = round_Compute(∇f(x̂_k)), ∇f evaluated by the harness;  m_{k+1} = Inner's step with g.
// Inner is any optimizer for the compute type (its own iterate m_k is the master copy when Storage is narrower).
// The harness sees x̂_k only: the weights a model would be evaluated at.
#pragma once

#include <utility>

#include "optcheck/run/run.hpp"
#include "optcheck/scalar/policy.hpp"

namespace optcheck {

template <class Policy, class Inner>
class InPolicy {
  using S = typename Policy::harness;
  using T = typename Policy::compute;
  using Storage = typename Policy::storage;

 public:
  /// What run() records in Trace::arithmetic, and the checks build their rounding bounds from.
  static StepArithmetic step_arithmetic() { return Policy::arithmetic(); }

  explicit InPolicy(Inner inner) : inner_(std::move(inner)) {}

  /// Starts the inner optimizer at x0 rounded to the compute type; x() is then the stored (rounded) start, which
  /// run() records as x_0.
  void reset(const Vec<S>& x0, Oracle<S>& oracle) {
    oracle_ = &oracle;
    view_.emplace(oracle);
    inner_oracle_.emplace(*view_);
    if (oracle.noise_sigma() > 0) inner_oracle_->set_noise(oracle.noise_sigma(), oracle.noise_seed());
    const Vec<T> start = vec_cast<T>(x0);
    if constexpr (detail::ResetsWithOracle<Inner, T>) inner_.reset(start, *inner_oracle_);
    else inner_.reset(start);
    store();
  }

  StepReport<S> step(Oracle<S>&) {
    StepReport<S> out;
    if constexpr (detail::StepsReportingStop<Inner, T>) {
      const StepReport<T> r = inner_.step(*inner_oracle_);
      out = {scalar_cast<S>(r.step_size), r.stopped};
    } else if constexpr (detail::StepsSilently<Inner, T>) {
      inner_.step(*inner_oracle_);
    } else {
      out.step_size = scalar_cast<S>(T(inner_.step(*inner_oracle_)));
    }
    if (!out.stopped) store();
    return out;
  }

  const Vec<S>& x() const { return x_; }
  const Inner& inner() const { return inner_; }

 private:
  void store() { x_ = vec_cast<S>(vec_cast<Storage>(Vec<T>(inner_.x()))); }

  /// The harness's problem as the compute type sees it: arguments rounded to Storage (the weights the model is
  /// evaluated at), results rounded to Compute. Calls are counted by the harness's oracle.
  struct ComputeView : Problem<T> {
    Oracle<S>& oracle;
    explicit ComputeView(Oracle<S>& o) : oracle(o) { this->constants_.L = T(0); }
    std::string name() const override { return oracle.problem().name(); }
    Eigen::Index dim() const override { return oracle.dim(); }
    static Vec<S> at(const Vec<T>& x) { return vec_cast<S>(vec_cast<Storage>(x)); }
    T value(const Vec<T>& x) const override { return scalar_cast<T>(oracle.value(at(x))); }
    Vec<T> gradient(const Vec<T>& x) const override { return vec_cast<T>(oracle.gradient(at(x))); }
    ErrorBound value_error(const Vec<T>&) const override { return {}; }
    ErrorBound gradient_error(const Vec<T>&) const override { return {}; }
  };

  Inner inner_;
  Oracle<S>* oracle_ = nullptr;
  std::optional<ComputeView> view_;
  std::optional<Oracle<T>> inner_oracle_;
  Vec<S> x_;
};

/// InPolicy<Policy, Inner> from an inner optimizer.
template <class Policy, class Inner>
InPolicy<Policy, Inner> in_policy(Inner inner) {
  return InPolicy<Policy, Inner>(std::move(inner));
}

}  // namespace optcheck
