// FISTA with the gradient evaluated at x_k instead of y_k, checked through the public API: optcheck reports it
// violated with the shrunk counterexample and the seed that replays it. Exit 1 when violated (as expected).
#include <iostream>

#include "user_optimizers.hpp"

int main() {
  const auto broken = optcheck::subject("fista-gradient-at-x", optcheck::claim::Fista{}, [](const optcheck::Setting<double>& s) {
    return MyFista<double>(s.step, /*gradient_at_x=*/true);
  });
  const optcheck::Results r = optcheck::check(broken, {.seed = 7, .cases = 100});
  std::cout << r.summary();
  return r.holds() ? 0 : 1;
}
