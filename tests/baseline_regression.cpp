// A user's gradient descent under the bf16-mixed policy (bf16 weights, float compute and master weights), for the
// baseline test (tests/baseline_test.sh). Clean, or, with OPTCHECK_INJECT_REGRESSION=1 in the environment, the
// optimizer rounds its own iterate to bf16 after every step — bf16 accumulation without master weights, the
// precision regression `optcheck baseline check` must catch: updates below half an ulp of a weight are lost.
#include <cstdlib>
#include <cstring>
#include <optcheck/main.hpp>

template <class S>
class UserGradientDescent {
 public:
  explicit UserGradientDescent(S eta) : eta_(eta) {
    const char* inject = std::getenv("OPTCHECK_INJECT_REGRESSION");
    no_master_weights_ = inject && std::strcmp(inject, "1") == 0;
  }
  void reset(const optcheck::Vec<S>& x0) { x_ = x0; }
  S step(optcheck::Oracle<S>& oracle) {
    x_ -= eta_ * oracle.gradient(x_);
    if (no_master_weights_) x_ = optcheck::vec_cast<S>(optcheck::vec_cast<optcheck::bf16>(x_));
    return eta_;
  }
  const optcheck::Vec<S>& x() const { return x_; }

 private:
  S eta_;
  bool no_master_weights_ = false;
  optcheck::Vec<S> x_;
};

int main(int argc, char** argv) {
  optcheck::Registry r;
  auto make = [](const auto& setting) { return UserGradientDescent<std::decay_t<decltype(setting.step)>>(setting.step); };
  // double: the reference run `optcheck baseline` compares the bf16-mixed trajectory with.
  r.add<double, optcheck::policy::bf16_mixed>(
      optcheck::subject("user-gd", optcheck::claim::GradientDescent{1.0}, make, {"pl-linear-rate", "descent-lemma"}));
  return optcheck::main(argc, argv, r);
}
