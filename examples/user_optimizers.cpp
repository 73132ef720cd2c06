// A user's own optcheck command: their gradient descent and FISTA, in double and float128, with list / run /
// report, results.json, report.md, index.html, JUnit and exit codes exactly as `optcheck` has them.
#include <optcheck/main.hpp>

#include "user_optimizers.hpp"

int main(int argc, char** argv) {
  optcheck::Registry registry;
  registry.add<double, optcheck::float128>(
      optcheck::subject("my-gd", optcheck::claim::GradientDescent{1.0}, make_gradient_descent));
  registry.add<double, optcheck::float128>(optcheck::subject("my-fista", optcheck::claim::Fista{}, make_fista));
  return optcheck::main(argc, argv, registry);
}
