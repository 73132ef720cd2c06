#include "optcheck/black_box.hpp"

#include <cmath>
#include <sstream>

#include "api/claim_errors.hpp"

#include "optcheck/run/run.hpp"
#include "properties/instances.hpp"
#include "theorems/stationarity.hpp"

namespace optcheck {

namespace {

using detail::number;
using detail::require;

template <class C>
void require_applies(const C& c, const std::string& theorem) {
  for (const auto& t : applicable_theorems(c))
    if (t == theorem) return;
  throw ClaimError(describe(c) + ": theorem " + theorem + " does not apply to this claim");
}

/// The iterates of a solve as a Trace (for the plots and traces of the results; the checks use the points).
CaseOutcome with_trace(CaseOutcome o, const Problem<double>& p, const std::vector<Vec<double>>& xs) {
  Trace<double> t;
  t.dimension = p.dim();
  const RunOptions<double> ro;
  for (std::size_t k = 0; k < xs.size(); ++k) t.records.push_back(observe(p, xs[k], static_cast<long>(k), ro));
  t.terminate(Termination::stopped, static_cast<long>(xs.size()) - 1, "");
  o.trace = trace_points(t, p.constants(), o.verdict);
  return o;
}

/// Runs an adapter, turning exceptions, a spent budget and an unusable point into the case's error.
template <class Run>
std::string run_adapter(Run&& run, const Budget& budget, const Recorder& rec) {
  try {
    run();
  } catch (const std::exception& e) {
    return std::string("the solver threw: ") + e.what();
  } catch (...) {
    return "the solver threw a non-standard exception";
  }
  if (budget.spent()) return budget.why();
  if (!rec.error().empty()) return rec.error();
  return "";
}

std::string point_error(const Vec<double>& x, Eigen::Index n, const char* what) {
  if (x.size() != n)
    return std::string("the solver returned ") + what + " of dimension " + std::to_string(x.size()) + ", expected " +
           std::to_string(n);
  if (!all_finite(x)) return std::string("the solver returned ") + what + " with NaN or Inf entries";
  return "";
}

}  // namespace

std::string describe(const claim::LineSearchMethod& c) {
  std::string s = "line-search method (";
  s += c.sufficient > 0 ? "Armijo c1 = " + number(c.sufficient) : std::string("monotone decrease");
  if (c.curvature > 0) s += std::string(c.strong ? ", strong Wolfe" : ", Wolfe") + " c2 = " + number(c.curvature);
  if (c.backtracking)
    s += ", backtracking rho in [" + number(c.backtracking->least) + ", " + number(c.backtracking->most) + "]";
  if (c.gradient_tolerance > 0) s += ", gradient tolerance " + number(c.gradient_tolerance);
  return s + ")";
}

std::string describe(const claim::ConstrainedSolver& c) {
  return "constrained solver with declared tolerance " + number(c.tolerance);
}

std::vector<std::string> applicable_theorems(const claim::LineSearchMethod& c) {
  std::vector<std::string> t;
  if (c.records_iterates) t.push_back(theorems::LineSearch::id);
  if (c.gradient_tolerance > 0) t.push_back(theorems::Stationarity::id);
  return t;
}

std::vector<std::string> applicable_theorems(const claim::ConstrainedSolver&) { return {theorems::Kkt::id}; }

void validate(const claim::LineSearchMethod& c, const std::string& theorem) {
  require_applies(c, theorem);
  const std::string t = theorem;
  require(std::isfinite(c.sufficient) && c.sufficient >= 0 && c.sufficient < 1, c, t, "sufficient (c1)", c.sufficient,
          "the Armijo constant needs 0 <= c1 < 1");
  require(c.curvature == 0 || (std::isfinite(c.curvature) && c.curvature > c.sufficient && c.curvature < 1), c, t,
          "curvature (c2)", c.curvature, "the Wolfe constant needs c1 < c2 < 1 (or 0: none claimed)");
  require(std::isfinite(c.gradient_tolerance) && c.gradient_tolerance >= 0, c, t, "gradient_tolerance",
          c.gradient_tolerance, "a gradient tolerance needs tau >= 0");
  if (c.backtracking) {
    const auto& r = *c.backtracking;
    require(std::isfinite(r.least) && r.least > 0 && r.least < 1, c, t, "backtracking.least (rho_lo)", r.least,
            "a contraction factor needs 0 < rho_lo <= rho_hi < 1");
    require(std::isfinite(r.most) && r.most >= r.least && r.most < 1, c, t, "backtracking.most (rho_hi)", r.most,
            "a contraction factor needs 0 < rho_lo <= rho_hi < 1");
    require(c.records_iterates, c, t, "records_iterates", 0,
            "backtracking is checked between recorded iterates: it needs records_iterates = true");
  }
}

void validate(const claim::ConstrainedSolver& c, const std::string& theorem) {
  require_applies(c, theorem);
  require(std::isfinite(c.tolerance) && c.tolerance > 0, c, theorem, "tolerance", c.tolerance,
          "a declared tolerance needs tau > 0");
}

double Budget::seconds_left() const {
  const double used = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  return limits_.seconds - used;
}

bool Budget::spend() const {
  if (!why_.empty()) return false;
  ++evaluations_;
  if (evaluations_ > limits_.evaluations)
    why_ = "the solver exceeded its evaluation budget (" + std::to_string(limits_.evaluations) + " evaluations)";
  else if (seconds_left() < 0)
    why_ = "the solver exceeded its time limit (" + number(limits_.seconds) + " s, " + std::to_string(evaluations_) +
           " evaluations)";
  return why_.empty();
}

void Budget::evaluated(const double* x, Eigen::Index n) const {
  if (keep_numbers_ == 0) return;
  const Eigen::Map<const Vec<double>> point(x, n);
  if (!points_.empty() && points_.back() == point) return;  // f and then ∇f at one point: one evaluation point
  if (kept_numbers_ + static_cast<std::size_t>(n) > keep_numbers_) {
    points_truncated_ = true;
    return;
  }
  kept_numbers_ += static_cast<std::size_t>(n);
  points_.emplace_back(point);
}

double Objective::value(const double* x) const {
  if (!budget_.spend()) return std::nan("");
  budget_.evaluated(x, p_.dim());
  return p_.value(Eigen::Map<const Vec<double>>(x, p_.dim()));
}

void Objective::gradient(const double* x, double* g) const {
  Eigen::Map<Vec<double>> out(g, p_.dim());
  if (!budget_.spend()) {
    out.setConstant(std::nan(""));
    return;
  }
  budget_.evaluated(x, p_.dim());
  out = p_.gradient(Eigen::Map<const Vec<double>>(x, p_.dim()));
}

double Objective::value_and_gradient(const double* x, double* g) const {
  gradient(x, g);
  return value(x);
}

Vec<double> Objective::gradient(const Vec<double>& x) const {
  Vec<double> g(p_.dim());
  gradient(x.data(), g.data());
  return g;
}

void Recorder::record(const double* x, Eigen::Index n) {
  if (!error_.empty()) return;
  if (n != n_) {
    error_ = "the adapter recorded an iterate of dimension " + std::to_string(n) + ", expected " + std::to_string(n_);
    return;
  }
  Vec<double> v = Eigen::Map<const Vec<double>>(x, n);
  if (!all_finite(v)) {
    error_ = "the adapter recorded an iterate with NaN or Inf entries (iterate " + std::to_string(xs_.size()) + ")";
    return;
  }
  xs_.push_back(std::move(v));
  marks_.push_back(budget_.points().size());
}

namespace detail {

/// The evaluated points a backtracking check keeps per solve, in doubles (32 MiB).
constexpr std::size_t kTrialNumbers = std::size_t{1} << 22;

CaseOutcome line_search_case(const GradientCase& c, const claim::LineSearchMethod& claim, bool trajectory,
                             const std::function<Vec<double>(const Objective&, const Vec<double>&, Recorder&)>& solve,
                             SolveLimits limits) {
  const auto problem = make_problem<double>(c.problem);
  const Vec<double> x0 = start_point(*problem, c.start_seed, c.radius);
  CaseOutcome o;
  o.problem = problem->name();
  Budget budget(limits);
  const bool backtracking = trajectory && claim.backtracking;
  if (backtracking) budget.keep_points(kTrialNumbers);
  const Objective f(*problem, budget);
  Recorder rec(problem->dim(), budget);
  Vec<double> x;
  const std::string error = run_adapter([&] { x = solve(f, x0, rec); }, budget, rec);
  const std::string returned = error.empty() ? point_error(x, problem->dim(), "a point") : error;
  // The trajectory: x_0, the recorded iterates, the returned point (each once; the returned point only if usable),
  // and with each the number of points evaluated by then: trials[k] are the points evaluated between x_k and x_k+1.
  std::vector<Vec<double>> xs{x0};
  std::vector<std::size_t> marks{0};
  for (std::size_t i = 0; i < rec.iterates().size(); ++i)
    if (rec.iterates()[i] != xs.back()) {
      xs.push_back(rec.iterates()[i]);
      marks.push_back(rec.evaluated_before()[i]);
    }
  if (returned.empty() && x != xs.back()) {
    xs.push_back(x);
    marks.push_back(budget.points().size());
  }
  std::vector<std::vector<Vec<double>>> trials;
  if (backtracking) {
    const auto& points = budget.points();
    for (std::size_t k = 0; k + 1 < marks.size(); ++k)
      trials.emplace_back(points.begin() + static_cast<std::ptrdiff_t>(marks[k]),
                          points.begin() + static_cast<std::ptrdiff_t>(marks[k + 1]));
  }
  const auto judge = [&] {
    Verdict v = check_trajectory(claim, *problem, xs, trials);
    if (budget.points_truncated())
      v.note("backtracking checked on the steps whose trials fit in the first " +
             std::to_string((kTrialNumbers * sizeof(double)) >> 20) + " MiB of evaluated points only");
    return v;
  };
  // As for step-wise optimizers: a violation on the recorded prefix is a violation, whatever happened after it.
  if (trajectory && xs.size() > 1 && !returned.empty()) {
    o.verdict = judge();
    if (!o.verdict.holds) return with_trace(std::move(o), *problem, xs);
    o.verdict = Verdict();
  }
  o.error = returned;
  if (o.error.empty() && trajectory && rec.iterates().empty())
    o.error = "the adapter recorded no iterates (claim records_iterates = false if it cannot)";
  if (!o.error.empty()) return o;
  const long T = static_cast<long>(xs.size()) - 1;
  o.verdict = trajectory ? judge()
                         : theorems::check_stationarity(*problem, x, claim.gradient_tolerance, T);
  o.verdict.metrics.push_back({"iterations", static_cast<double>(T)});
  o.verdict.metrics.push_back({"evaluations", static_cast<double>(budget.evaluations())});
  if (!rec.status().empty()) o.verdict.note("solver status: " + rec.status());
  return with_trace(std::move(o), *problem, xs);
}

CaseOutcome constrained_case(const QPCase& c, const claim::ConstrainedSolver& claim,
                             const std::function<SolverAnswer(const ConvexQP<double>&, Recorder&)>& solve,
                             SolveLimits limits) {
  const auto [qp, known] = make_qp<double>(c.problem);
  CaseOutcome o;
  o.problem = "qp";
  const Budget budget(limits);
  Recorder rec(qp.n(), budget);
  SolverAnswer a;
  o.error = run_adapter([&] { a = solve(qp, rec); }, budget, rec);
  if (o.error.empty() && budget.seconds_left() < 0)
    o.error = "the solver exceeded its time limit (" + number(limits.seconds) + " s)";
  if (o.error.empty()) o.error = point_error(a.x, qp.n(), "x");
  if (o.error.empty() && a.nu) o.error = point_error(*a.nu, qp.A.rows(), "nu");
  if (o.error.empty() && a.lambda) o.error = point_error(*a.lambda, qp.G.rows(), "lambda");
  if (!o.error.empty()) return o;
  QPSolution<double> sol;
  if (a.nu && a.lambda) {
    sol = {a.x, *a.nu, *a.lambda};
  } else {
    sol = theorems::estimate_multipliers(qp, a.x, claim.tolerance);
    o.verdict.note("multipliers estimated by optcheck (least squares on the constraints active within the declared "
                   "tolerance): the solver reports none");
  }
  const double k = theorems::kkt_k(qp.n(), qp.A.rows(), qp.G.rows(), c.problem.active);
  o.verdict.merge(theorems::check_kkt_declared(qp, sol, claim.tolerance, k, static_cast<long>(rec.iterates().size())));
  // The distance to the known solution, in units of cond(K_active)·u·scale (reported, not checked: a declared
  // tolerance bounds residuals, and their effect on x depends on the active set's conditioning).
  const double cond = theorems::active_kkt_condition(qp, known);
  const double scale = std::max({theorems::detail::dnorm(known.x), theorems::detail::dnorm(qp.q), 1.0});
  const double dx = theorems::detail::dnorm(Vec<double>(a.x - known.x));
  o.verdict.metrics.push_back({"x_error", dx});
  o.verdict.metrics.push_back({"x_error_in_cond_u", dx / (cond * unit_roundoff<double>() * scale)});
  o.verdict.metrics.push_back({"recorded_iterates", static_cast<double>(rec.iterates().size())});
  if (!a.status.empty()) o.verdict.note("solver status: " + a.status);
  return o;
}

}  // namespace detail

}  // namespace optcheck
