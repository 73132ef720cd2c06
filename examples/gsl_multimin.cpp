// GSL's multimin (steepest descent, Fletcher–Reeves conjugate gradient, BFGS2) checked through the black-box path:
// GSL owns its loop, the adapter records each iterate, and optcheck judges the line-search conditions each method's
// line search promises on the recorded points, and the returned point against the gradient test it was given.
// What each method claims, from GSL 2.7's source (multimin/):
//   steepest_descent   first trial twice the last step (tol times it after a backtrack); a trial with f(x + s) > f(x)
//                      is shrunk by tol and retried                                  -> monotone decrease,
//                                                                                       backtracking rho = tol
//   conjugate_fr       line minimization along p (interpolation), keeps the lower point -> monotone decrease
//   vector_bfgs2       Fletcher's line search, rho = 0.01, sigma = tol                  -> Armijo c1 = 0.01,
//                                                                                          strong Wolfe c2 = tol
// Each stops when gsl_multimin_test_gradient(g, epsabs) succeeds or GSL reports that it cannot progress.
#include <gsl/gsl_errno.h>
#include <gsl/gsl_multimin.h>

#include <optcheck/main.hpp>

namespace {

constexpr double kGradientTolerance = 1e-6;  // epsabs of gsl_multimin_test_gradient
constexpr double kLineSearchTolerance = 0.1; // GSL's `tol` (BFGS2: the strong-Wolfe sigma)

double f_of(const gsl_vector* x, void* f) { return static_cast<const optcheck::Objective*>(f)->value(x->data); }
void df_of(const gsl_vector* x, void* f, gsl_vector* g) {
  static_cast<const optcheck::Objective*>(f)->gradient(x->data, g->data);
}
void fdf_of(const gsl_vector* x, void* f, double* value, gsl_vector* g) {
  *value = static_cast<const optcheck::Objective*>(f)->value_and_gradient(x->data, g->data);
}

/// The adapter: run GSL's minimizer of `type` from x0, recording every iterate.
optcheck::Vec<double> minimize(const gsl_multimin_fdfminimizer_type* type, const optcheck::Objective& f,
                               const optcheck::Vec<double>& x0, optcheck::Recorder& record) {
  const std::size_t n = static_cast<std::size_t>(f.dim());
  gsl_multimin_function_fdf fn{f_of, df_of, fdf_of, n, const_cast<optcheck::Objective*>(&f)};
  gsl_vector* x = gsl_vector_alloc(n);
  for (std::size_t i = 0; i < n; ++i) gsl_vector_set(x, i, x0[static_cast<Eigen::Index>(i)]);
  gsl_multimin_fdfminimizer* s = gsl_multimin_fdfminimizer_alloc(type, n);
  gsl_multimin_fdfminimizer_set(s, &fn, x, 0.01, kLineSearchTolerance);
  int status = GSL_CONTINUE;
  for (int iteration = 0; iteration < 100000 && status == GSL_CONTINUE && !record.expired(); ++iteration) {
    status = gsl_multimin_fdfminimizer_iterate(s);  // GSL_ENOPROG: the method cannot make further progress
    if (status != GSL_SUCCESS) break;
    record.record(s->x->data, f.dim());
    status = gsl_multimin_test_gradient(s->gradient, kGradientTolerance);
  }
  record.set_status(status == GSL_SUCCESS ? "gradient test passed" : gsl_strerror(status));
  optcheck::Vec<double> out(f.dim());
  for (std::size_t i = 0; i < n; ++i) out[static_cast<Eigen::Index>(i)] = gsl_vector_get(s->x, i);
  gsl_multimin_fdfminimizer_free(s);
  gsl_vector_free(x);
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  gsl_set_error_handler_off();  // GSL aborts on errors by default; the adapter reads the status instead
  using optcheck::claim::LineSearchMethod;
  auto with = [](const gsl_multimin_fdfminimizer_type* type) {
    return [type](const optcheck::Objective& f, const optcheck::Vec<double>& x0, optcheck::Recorder& r) {
      return minimize(type, f, x0, r);
    };
  };
  optcheck::Registry registry;
  registry.add(optcheck::black_box("gsl-steepest-descent",
                                   LineSearchMethod{.gradient_tolerance = kGradientTolerance,
                                                    .backtracking = {{kLineSearchTolerance, kLineSearchTolerance}}},
                                   with(gsl_multimin_fdfminimizer_steepest_descent)));
  registry.add(optcheck::black_box("gsl-conjugate-fr", LineSearchMethod{.gradient_tolerance = kGradientTolerance},
                                   with(gsl_multimin_fdfminimizer_conjugate_fr)));
  registry.add(optcheck::black_box("gsl-bfgs2",
                                   LineSearchMethod{.sufficient = 0.01, .curvature = kLineSearchTolerance,
                                                    .strong = true, .gradient_tolerance = kGradientTolerance},
                                   with(gsl_multimin_fdfminimizer_vector_bfgs2)));
  return optcheck::main(argc, argv, registry);
}
