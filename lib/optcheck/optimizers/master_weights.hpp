// Mixed-precision training with master weights (Micikevicius et al., "Mixed Precision Training", ICLR 2018, §3.1):
//   x̂ = round_Storage(x);  g = ∇f(x̂), evaluated in Storage and widened to Master;  x ← Opt<Master>'s step with g.
// The weights and the optimizer's state live in Master (float); the model only ever sees Storage (bf16, fp16)
// weights. An update below half an ulp of a Storage weight accumulates in the master copy instead of being lost.
#pragma once

#include <type_traits>

#include "optcheck/run/oracle.hpp"

namespace optcheck {

template <class Storage, class Master, template <class> class Opt>
class MasterWeights {
 public:
  using Params = typename Opt<Master>::Params;
  explicit MasterWeights(Params p) : inner_(p) {}
  void reset(const Vec<Storage>& x0) {
    x_ = x0;
    inner_.reset(vec_cast<Master>(x0));
  }
  /// One step of the inner optimizer, whose gradients are evaluated at the Storage weights through `oracle` (so
  /// calls are counted by it), stochastic ones with `oracle`'s noise. Opt<Master>::step must return its step size.
  Storage step(Oracle<Storage>& oracle) {
    StorageView view(oracle);
    Oracle<Master> master(view);
    master.set_stochastic_source([&view](const Vec<Master>& x) { return view.stochastic_gradient(x); });
    const Master used = inner_.step(master);
    x_ = vec_cast<Storage>(inner_.x());
    return scalar_cast<Storage>(used);
  }
  const Vec<Storage>& x() const { return x_; }
  const Vec<Master>& master() const { return inner_.x(); }

 private:
  /// The Storage problem as Master sees it: arguments rounded to Storage, results widened.
  struct StorageView : Problem<Master> {
    Oracle<Storage>& storage;
    explicit StorageView(Oracle<Storage>& o) : storage(o) { this->constants_.L = Master(0); }
    std::string name() const override { return storage.problem().name(); }
    Eigen::Index dim() const override { return storage.dim(); }
    Master value(const Vec<Master>& x) const override { return scalar_cast<Master>(storage.value(vec_cast<Storage>(x))); }
    Vec<Master> gradient(const Vec<Master>& x) const override {
      return vec_cast<Master>(storage.gradient(vec_cast<Storage>(x)));
    }
    Vec<Master> stochastic_gradient(const Vec<Master>& x) const {
      return vec_cast<Master>(storage.stochastic_gradient(vec_cast<Storage>(x)));
    }
    ErrorBound value_error(const Vec<Master>&) const override { return {}; }
    ErrorBound gradient_error(const Vec<Master>&) const override { return {}; }
  };
  Opt<Master> inner_;
  Vec<Storage> x_;
};

}  // namespace optcheck
