// Ceres Solver's GradientProblemSolver (steepest descent, Armijo line search) checked through the black-box path.
// What it claims, from Ceres 2.1 (gradient_problem_solver.h, internal/ceres/line_search.cc, ArmijoLineSearch):
//   - a backtracking line search: the first trial of each step is Ceres's own estimate (min(1, 2 Δf / f'(0)) after
//     the first step), and while a trial fails f(α) ≤ f(0) + c₁ α f'(0) with c₁ = sufficient_decrease = 1e-4, the
//     next trial minimizes a cubic interpolant clamped to [max_line_search_step_contraction,
//     min_line_search_step_contraction] = [1e-3, 0.6] times the current one  -> Armijo c₁ = 1e-4,
//                                                                               backtracking ρ ∈ [1e-3, 0.6]
//   - it stops when max_i |g_i| ≤ gradient_tolerance. The adapter asks for τ/√n, so that ‖∇f‖₂ ≤ τ when it says it
//     converged (function and parameter tolerances off: they stop on small progress, not on a small gradient).
// The adapter records each iterate from an IterationCallback (update_state_every_iteration makes the parameters
// current there).
#include <ceres/ceres.h>

#include <cmath>

#include <optcheck/main.hpp>

namespace {

constexpr double kGradientTolerance = 1e-6;  // ‖∇f‖₂ at the returned point

/// f and ∇f of the drawn instance, as Ceres's first-order function (gradient may be null: cost only).
class DrawnObjective final : public ceres::FirstOrderFunction {
 public:
  explicit DrawnObjective(const optcheck::Objective& f) : f_(f) {}
  bool Evaluate(const double* x, double* cost, double* gradient) const override {
    *cost = gradient ? f_.value_and_gradient(x, gradient) : f_.value(x);
    return std::isfinite(*cost);  // NaN once optcheck's budget is spent: Ceres treats the point as invalid
  }
  int NumParameters() const override { return static_cast<int>(f_.dim()); }

 private:
  const optcheck::Objective& f_;
};

/// Hands each iterate (the parameters, current at each callback) to optcheck's recorder.
class RecordIterates final : public ceres::IterationCallback {
 public:
  RecordIterates(const double* x, Eigen::Index n, optcheck::Recorder& r) : x_(x), n_(n), record_(r) {}
  ceres::CallbackReturnType operator()(const ceres::IterationSummary&) override {
    record_.record(x_, n_);
    return record_.expired() ? ceres::SOLVER_ABORT : ceres::SOLVER_CONTINUE;
  }

 private:
  const double* x_;
  Eigen::Index n_;
  optcheck::Recorder& record_;
};

optcheck::Vec<double> minimize(const optcheck::Objective& f, const optcheck::Vec<double>& x0,
                               optcheck::Recorder& record) {
  optcheck::Vec<double> x = x0;
  ceres::GradientProblem problem(new DrawnObjective(f));
  RecordIterates callback(x.data(), x.size(), record);
  ceres::GradientProblemSolver::Options options;
  options.line_search_direction_type = ceres::STEEPEST_DESCENT;
  options.line_search_type = ceres::ARMIJO;
  options.max_num_iterations = 100000;
  options.gradient_tolerance = kGradientTolerance / std::sqrt(static_cast<double>(f.dim()));
  options.function_tolerance = 0;
  options.parameter_tolerance = 0;
  options.logging_type = ceres::SILENT;
  options.update_state_every_iteration = true;
  options.callbacks.push_back(&callback);
  ceres::GradientProblemSolver::Summary summary;
  ceres::Solve(options, problem, x.data(), &summary);
  // The status without its per-run numbers ("CONVERGENCE: Gradient tolerance reached").
  record.set_status(ceres::TerminationTypeToString(summary.termination_type) + std::string(": ") +
                    summary.message.substr(0, summary.message.find('.')));
  return x;
}

}  // namespace

int main(int argc, char** argv) {
  optcheck::Registry registry;
  registry.add(optcheck::black_box(
      "ceres-steepest-descent-armijo",
      optcheck::claim::LineSearchMethod{.sufficient = 1e-4,
                                        .gradient_tolerance = kGradientTolerance,
                                        .backtracking = {{1e-3, 0.6}}},
      minimize));
  return optcheck::main(argc, argv, registry);
}
