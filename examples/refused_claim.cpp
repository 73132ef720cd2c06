// A claim outside the descent lemma's hypotheses (η = 2.5/L ≥ 2/L): optcheck::main refuses it with exit code 2 and
// a message naming the hyperparameter and the hypothesis, before anything runs.
#include <optcheck/main.hpp>

#include "user_optimizers.hpp"

int main(int argc, char** argv) {
  optcheck::Registry registry;
  registry.add<double>(optcheck::subject("too-long-steps", optcheck::claim::GradientDescent{2.5}, make_gradient_descent));
  return optcheck::main(argc, argv, registry);
}
