#include "properties/cases.hpp"

namespace optcheck {

void showValue(const GradientCase& c, std::ostream& os) {
  os.precision(17);
  showValue(c.problem, os);
  os << " step_fraction=" << c.step_fraction << " shrink=" << c.shrink << " sufficient=" << c.sufficient
     << " start_seed=" << c.start_seed << " radius=" << c.radius << " horizon=" << c.horizon;
}
void showValue(const StabilityCase& c, std::ostream& os) {
  os.precision(17);
  std::visit([&](const auto& p) { showValue(p, os); }, c.problem);
  os << " theta=" << c.theta << " (eta = theta*2/lambda_max) start_seed=" << c.start_seed << " horizon=" << c.horizon;
}
void showValue(const SgdCase& c, std::ostream& os) {
  os.precision(17);
  showValue(c.problem, os);
  os << " sigma=" << c.sigma << " beta_factor=" << c.beta_factor << " gamma_factor=" << c.gamma_factor
     << " alpha_fraction=" << c.alpha_fraction << " noise_seed=" << c.noise_seed << " start_seed=" << c.start_seed
     << " horizon=" << c.horizon << " replicates=" << c.replicates;
}
void showValue(const QPCase& c, std::ostream& os) { showValue(c.problem, os); }
void showValue(const SetCase& c, std::ostream& os) {
  showValue(c.problem, os);
  os << " start_seed=" << c.start_seed;
}
void showValue(const AcceleratedCase& c, std::ostream& os) {
  os.precision(17);
  showValue(c.problem, os);
  os << " start_seed=" << c.start_seed << " radius=" << c.radius << " horizon=" << c.horizon;
}

CaseLimits limits_for(Precision p) {
  CaseLimits l;
  if (info(p).family == PrecisionFamily::multiprecision) {
    l.max_dim = 8;
    l.max_horizon = 60;
    l.replicates = 32;
    l.sgd_horizon = 150;
    l.sparse = false;  // the n = 10⁴ Laplacian costs ~600× more in float128: double only
  }
  return l;
}

namespace gen {
namespace {
rc::Gen<AnyProblemSpec> smooth_problem(const CaseLimits& l, bool nonconvex, bool with_worst_case) {
  std::vector<rc::Gen<AnyProblemSpec>> options = {
      rc::gen::cast<AnyProblemSpec>(quadratic(l.max_dim, 1000)),
      rc::gen::cast<AnyProblemSpec>(least_squares(l.max_dim, 1000)),
      rc::gen::cast<AnyProblemSpec>(logistic(l.max_dim)),
  };
  if (nonconvex) options.push_back(rc::gen::cast<AnyProblemSpec>(sine(l.max_dim)));
  if (with_worst_case) options.push_back(rc::gen::cast<AnyProblemSpec>(worst_case(l.max_dim)));
  return rc::gen::join(rc::gen::elementOf(options));
}
rc::Gen<double> radius() {
  return rc::gen::map(rc::gen::inRange(-2, 3), [](int e) { return std::ldexp(1.0, e); });
}
}  // namespace

rc::Gen<GradientCase> descent_case(const CaseLimits& l, bool armijo) {
  return rc::gen::apply(
      [armijo](AnyProblemSpec p, double theta, double shrink, double c, std::uint64_t s, double r, int h) {
        GradientCase g{std::move(p), theta, armijo ? shrink : 0.5, armijo ? c : 1e-4, s, r, h};
        return g;
      },
      smooth_problem(l, true, true), fraction(0, 1), fraction(0.2, 0.8, 6), fraction(0, 0.5, 8), seed(), radius(),
      rc::gen::inRange(1, l.max_horizon + 1));
}

rc::Gen<GradientCase> pl_case(const CaseLimits& l) {
  // PL problems: the nonconvex sine sum, rank-deficient least squares, strongly convex quadratics and logistic.
  std::vector<rc::Gen<AnyProblemSpec>> options = {
      rc::gen::cast<AnyProblemSpec>(sine(l.max_dim)),
      rc::gen::cast<AnyProblemSpec>(least_squares(l.max_dim, 100)),
      rc::gen::cast<AnyProblemSpec>(quadratic(l.max_dim, 100)),
      rc::gen::cast<AnyProblemSpec>(logistic(l.max_dim)),
  };
  return rc::gen::apply(
      [](AnyProblemSpec p, std::uint64_t s, double r, int h) {
        return GradientCase{std::move(p), 1.0, 0.5, 1e-4, s, r, h};
      },
      rc::gen::join(rc::gen::elementOf(options)), seed(), radius(), rc::gen::inRange(1, 2 * l.max_horizon + 1));
}

rc::Gen<StabilityCase> stability_case(const CaseLimits& l) {
  using P = std::variant<QuadraticSpec, LaplacianSpec>;
  std::vector<rc::Gen<P>> problems = {rc::gen::cast<P>(quadratic(l.max_dim, 100, true))};
  if (l.sparse)
    problems.push_back(rc::gen::cast<P>(rc::gen::apply(
        [](int m, int shift, std::uint64_t s) { return LaplacianSpec{m, std::ldexp(1.0, -shift), s}; },
        rc::gen::inRange(100, 105), rc::gen::inRange(1, 4), seed())));
  // θ < 1: converges; θ > 1: diverges. Both sides are drawn; θ shrinks toward the edges 0.05 and 1.05.
  auto theta = rc::gen::join(rc::gen::elementOf(std::vector<rc::Gen<double>>{fraction(0.05, 0.98), fraction(1.05, 1.6)}));
  return rc::gen::apply(
      [](P p, double t, std::uint64_t s, int h) { return StabilityCase{std::move(p), t, s, h}; },
      rc::gen::join(rc::gen::elementOf(problems)), theta, seed(), rc::gen::inRange(1, l.max_horizon + 1));
}

rc::Gen<SgdCase> sgd_case(const CaseLimits& l) {
  return rc::gen::apply(
      [l](QuadraticSpec q, int sig, double bf, double gf, double af, std::uint64_t ns, std::uint64_t ss) {
        SgdCase c;
        c.problem = std::move(q);
        c.sigma = std::ldexp(1.0, -sig);
        c.beta_factor = bf;
        c.gamma_factor = gf;
        c.alpha_fraction = af;
        c.noise_seed = ns;
        c.start_seed = ss;
        c.horizon = l.sgd_horizon;
        c.replicates = l.replicates;
        return c;
      },
      quadratic(std::min(l.max_dim, 5), 8), rc::gen::inRange(0, 4), fraction(1.25, 4, 16), fraction(0, 1, 8),
      fraction(0.05, 1, 16), seed(), seed());
}

rc::Gen<QPCase> qp_case(const CaseLimits& l) {
  return rc::gen::map(qp(l.max_dim), [](QPSpec s) { return QPCase{s}; });
}

rc::Gen<SetCase> set_case(const CaseLimits& l) {
  return rc::gen::apply([](SetProblemSpec s, std::uint64_t x) { return SetCase{s, x}; }, set_problem(l.max_dim), seed());
}

rc::Gen<AcceleratedCase> accelerated_case(const CaseLimits& l, bool strongly_convex) {
  std::vector<rc::Gen<AnyProblemSpec>> options = {
      rc::gen::cast<AnyProblemSpec>(quadratic(l.max_dim, strongly_convex ? 1000 : 1e5)),
      rc::gen::cast<AnyProblemSpec>(logistic(l.max_dim)),
  };
  if (!strongly_convex) {
    options.push_back(rc::gen::cast<AnyProblemSpec>(least_squares(l.max_dim, 1000)));
    // Nesterov's construction is the worst case for k steps when p = 2k + 1: let p reach the longest horizon.
    options.push_back(rc::gen::cast<AnyProblemSpec>(worst_case(4 * l.max_horizon + 1)));
  }
  return rc::gen::apply(
      [](AnyProblemSpec p, std::uint64_t s, double r, int h) { return AcceleratedCase{std::move(p), s, r, h}; },
      rc::gen::join(rc::gen::elementOf(options)), seed(), radius(), rc::gen::inRange(1, 2 * l.max_horizon + 1));
}

}  // namespace gen
}  // namespace optcheck
