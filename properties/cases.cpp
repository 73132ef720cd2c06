#include "properties/cases.hpp"

#include <algorithm>

#include "properties/check.hpp"

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
    l.max_horizon = 400;
    l.replicates = 32;
    l.sgd_horizon = 150;
    l.sparse = false;  // the n = 10⁴ Laplacian costs ~600× more in float128: double only
  }
  return l;
}

CaseLimits profile_limits() {
  CaseLimits l = limits_for(Precision::float128);
  l.sparse = true;  // the Laplacian family is registered in double only
  return l;
}

std::vector<std::string> descent_families() {
  return {"quadratic", "least-squares", "logistic", "sine-pl", "nesterov-worst-case", "log-sum-exp"};
}
std::vector<std::string> pl_families() { return {"sine-pl", "least-squares", "quadratic", "logistic", "log-sum-exp"}; }
std::vector<std::string> stability_families(const CaseLimits& l) {
  if (l.sparse) return {"quadratic", "laplacian2d"};
  return {"quadratic"};
}
std::vector<std::string> accelerated_families(bool strongly_convex) {
  if (strongly_convex) return {"quadratic", "logistic", "huber", "log-sum-exp", "piecewise-quadratic"};
  return {"quadratic", "least-squares", "logistic", "nesterov-worst-case", "huber", "log-sum-exp"};
}
std::vector<std::string> set_families() { return {"box-qp", "simplex-qp"}; }

namespace gen {
namespace {
/// The generator of one smooth problem family; max_kappa bounds condition numbers.
rc::Gen<AnyProblemSpec> family_gen(const std::string& family, const CaseLimits& l, double max_kappa, int worst_p,
                                   bool strongly_convex) {
  if (family == "quadratic") return rc::gen::cast<AnyProblemSpec>(quadratic(l.max_dim, max_kappa));
  if (family == "least-squares") return rc::gen::cast<AnyProblemSpec>(least_squares(l.max_dim, std::min(max_kappa, 1000.0)));
  if (family == "logistic") return rc::gen::cast<AnyProblemSpec>(logistic(l.max_dim));
  if (family == "sine-pl") return rc::gen::cast<AnyProblemSpec>(sine(l.max_dim));
  if (family == "nesterov-worst-case") return rc::gen::cast<AnyProblemSpec>(worst_case(worst_p));
  if (family == "huber") return rc::gen::cast<AnyProblemSpec>(huber(l.max_dim, strongly_convex));
  if (family == "log-sum-exp") return rc::gen::cast<AnyProblemSpec>(log_sum_exp(l.max_dim));
  if (family == "piecewise-quadratic") return rc::gen::cast<AnyProblemSpec>(piecewise_quadratic(l.max_dim, max_kappa));
  throw std::invalid_argument("unknown problem family " + family);
}
/// One family, or (family "") a uniform choice among all of them.
rc::Gen<AnyProblemSpec> families_gen(const std::vector<std::string>& all, const std::string& family,
                                     const CaseLimits& l, double max_kappa, int worst_p,
                                     bool strongly_convex = false) {
  if (!family.empty()) return family_gen(family, l, max_kappa, worst_p, strongly_convex);
  std::vector<rc::Gen<AnyProblemSpec>> options;
  for (const auto& f : all) options.push_back(family_gen(f, l, max_kappa, worst_p, strongly_convex));
  return rc::gen::join(rc::gen::elementOf(options));
}
template <class T>
rc::Gen<T> full_size(rc::Gen<T> g) {
  return rc::gen::resize(kFullSize, std::move(g));
}
rc::Gen<double> radius() {
  return rc::gen::map(rc::gen::inRange(-2, 3), [](int e) { return std::ldexp(1.0, e); });
}
}  // namespace

rc::Gen<int> horizon(int max_horizon) {
  constexpr int long_from = 200, grid = 1 << 16;
  return rc::gen::apply(
      [max_horizon](int tier, int step) {
        const double t = static_cast<double>(step) / grid;  // in [0, 1)
        const bool is_long = tier >= 2 && max_horizon > long_from;
        const double lo = is_long ? long_from : 1, hi = is_long ? max_horizon + 1 : std::min<double>(long_from, max_horizon + 1);
        return static_cast<int>(std::floor(lo * std::pow(hi / lo, t)));
      },
      rc::gen::inRange(0, 5), rc::gen::inRange(0, grid));
}

rc::Gen<GradientCase> descent_case(const CaseLimits& l, bool armijo, const std::string& family) {
  return full_size(rc::gen::apply(
      [armijo](AnyProblemSpec p, double theta, double shrink, double c, std::uint64_t s, double r, int h) {
        GradientCase g{std::move(p), theta, armijo ? shrink : 0.5, armijo ? c : 1e-4, s, r, h};
        return g;
      },
      families_gen(descent_families(), family, l, 1000, l.max_dim), fraction(0, 1), fraction(0.2, 0.8, 6),
      fraction(0, 0.5, 8), seed(), radius(), horizon(l.max_horizon)));
}

rc::Gen<GradientCase> pl_case(const CaseLimits& l, const std::string& family) {
  // PL problems: the nonconvex sine sum, rank-deficient least squares, strongly convex quadratics and logistic.
  return full_size(rc::gen::apply(
      [](AnyProblemSpec p, std::uint64_t s, double r, int h) {
        return GradientCase{std::move(p), 1.0, 0.5, 1e-4, s, r, h};
      },
      families_gen(pl_families(), family, l, 100, l.max_dim), seed(), radius(), horizon(l.max_horizon)));
}

rc::Gen<StabilityCase> stability_case(const CaseLimits& l, const std::string& family) {
  using P = std::variant<QuadraticSpec, LaplacianSpec>;
  const auto dense = rc::gen::cast<P>(quadratic(l.max_dim, 100, true));
  const auto sparse = rc::gen::cast<P>(rc::gen::apply(
      [](int m, int shift, std::uint64_t s) { return LaplacianSpec{m, std::ldexp(1.0, -shift), s}; },
      rc::gen::inRange(100, 105), rc::gen::inRange(1, 4), seed()));
  rc::Gen<P> problems = dense;
  if (family == "laplacian2d") problems = sparse;
  else if (family.empty() && l.sparse) problems = rc::gen::join(rc::gen::elementOf(std::vector<rc::Gen<P>>{dense, sparse}));
  // θ < 1: converges; θ > 1: diverges. Both sides are drawn; θ shrinks toward the edges 0.05 and 1.05.
  auto theta = rc::gen::join(rc::gen::elementOf(std::vector<rc::Gen<double>>{fraction(0.05, 0.98), fraction(1.05, 1.6)}));
  return full_size(rc::gen::apply(
      [l](P p, double t, std::uint64_t s, int h) {
        if (std::holds_alternative<LaplacianSpec>(p)) h = std::min(h, l.sparse_horizon);
        return StabilityCase{std::move(p), t, s, h};
      },
      problems, theta, seed(), horizon(l.max_horizon)));
}

rc::Gen<SgdCase> sgd_case(const CaseLimits& l) {
  return full_size(rc::gen::apply(
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
      fraction(0.05, 1, 16), seed(), seed()));
}

rc::Gen<QPCase> qp_case(const CaseLimits& l) {
  return full_size(rc::gen::map(qp(l.max_dim), [](QPSpec s) { return QPCase{s}; }));
}

rc::Gen<SetCase> set_case(const CaseLimits& l, const std::string& family) {
  auto problems = set_problem(l.max_dim);
  if (!family.empty()) {
    const auto kind = family == "simplex-qp" ? SetProblemSpec::Kind::simplex : SetProblemSpec::Kind::box;
    problems = rc::gen::map(set_problem(l.max_dim), [kind](SetProblemSpec s) {
      s.kind = kind;
      if (kind == SetProblemSpec::Kind::simplex) {
        s.active = std::min(s.active, s.n - 1);
        if (s.n - s.active > 8) s.active = s.n - 8;
      }
      return s;
    });
  }
  return full_size(rc::gen::apply([](SetProblemSpec s, std::uint64_t x) { return SetCase{s, x}; }, problems, seed()));
}

namespace {
/// Puts a family's kink where its hard instances are, given the start's distance R (a power of two) and horizon N;
/// `offset` ∈ {0, 1, 2} shrinks toward 0.
/// - Convex Huber: τ = 2^−offset·R/(2N + 1), rounded to a power of two. τ = R/(2N + 1) is Drori & Teboulle's worst
///   case for gradient descent; FISTA's ratio to its O(1/k²) bound reaches about 0.98 there, and momentum bugs that stay
///   under the bound on quadratics (a gradient at x_k, a momentum coefficient one index ahead) exceed it.
/// - Ridge-Huber (strongly convex): τ = R/2^(7 + 3·offset) ∈ {R/128, R/1024, R/8192}: most of the run on the linear
///   branch, where strongly convex Nesterov with too much momentum (β = 1 − √q) loses its rate at κ ≥ 256.
/// - Piecewise quadratic: a = R/2^(offset + 1), so the iterates cross the curvature switches during the transient (the
///   regime where the heavy-ball counterexample of Lessard, Recht & Packard lives).
void place_kink(AnyProblemSpec& p, double r, int h, int offset) {
  if (auto* huber = std::get_if<HuberSpec>(&p); huber && huber->ridge == 0)
    huber->tau = std::ldexp(1.0, static_cast<int>(std::lround(std::log2(r / (2.0 * h + 1)))) - offset);
  else if (huber)
    huber->tau = std::ldexp(r, -7 - 3 * offset);
  else if (auto* pq = std::get_if<PiecewiseQuadraticSpec>(&p))
    pq->kink = std::ldexp(r, -(offset + 1));
}
}  // namespace

rc::Gen<AcceleratedCase> accelerated_case(const CaseLimits& l, bool strongly_convex, const std::string& family) {
  // Nesterov's construction is the worst case for k steps when p = 2k + 1 (p ≤ worst_case_dim: up to 120 steps).
  return full_size(rc::gen::apply(
      [](AnyProblemSpec p, std::uint64_t s, double r, int h, int offset) {
        place_kink(p, r, h, offset);
        return AcceleratedCase{std::move(p), s, r, h};
      },
      families_gen(accelerated_families(strongly_convex), family, l, strongly_convex ? 1000 : 1e5,
                   l.worst_case_dim, strongly_convex),
      seed(), radius(), horizon(l.max_horizon), rc::gen::inRange(0, 3)));
}

}  // namespace gen
}  // namespace optcheck

namespace optcheck {
namespace {
double uniform(std::mt19937_64& rng, double lo, double hi) {
  return std::uniform_real_distribution<double>(lo, hi)(rng);
}
int pick(std::mt19937_64& rng, int options) { return std::uniform_int_distribution<int>(0, options - 1)(rng); }
std::uint64_t new_seed(std::mt19937_64& rng) { return std::uniform_int_distribution<std::uint64_t>(0, 999999)(rng); }
/// Halves or doubles a horizon; it grows only up to 400 (the longest multiprecision draw: a search move costs no more
/// than a drawn case), and never past the horizon it started from when that was longer.
int move_horizon(int h, std::mt19937_64& rng) {
  return std::clamp(pick(rng, 2) ? 2 * h : h / 2, 1, std::max(h, 400));
}
/// Multiplies x by 2^±1/2 within [lo, hi].
double move_scale(double x, double lo, double hi, std::mt19937_64& rng) {
  return std::clamp(x * (pick(rng, 2) ? std::sqrt(2.0) : std::sqrt(0.5)), lo, hi);
}
/// Nudges a value in (lo, hi) by up to a quarter of the interval, staying inside it.
double nudge(double x, double lo, double hi, std::mt19937_64& rng) {
  const double w = (hi - lo) / 4;
  return std::clamp(x + uniform(rng, -w, w), lo + 1e-3 * (hi - lo), hi - 1e-3 * (hi - lo));
}
/// A new problem seed (rotations, data, minimizer), for the spec kinds that have one.
void move_problem_seed(AnyProblemSpec& p, std::mt19937_64& rng) {
  std::visit([&](auto& s) {
    if constexpr (requires { s.seed; }) s.seed = new_seed(rng);
  }, p);
}
}  // namespace

void perturb(GradientCase& c, std::mt19937_64& rng) {
  switch (pick(rng, 6)) {
    case 0:  // step fraction θ ∈ (0, 1) where the case draws it (pl-linear-rate fixes θ = 1: left alone)
      if (c.step_fraction < 1) c.step_fraction = nudge(c.step_fraction, 0, 1, rng);
      break;
    case 1: c.horizon = move_horizon(c.horizon, rng); break;
    case 2: c.start_seed = new_seed(rng); break;
    case 3: c.radius = move_scale(c.radius, 0.25, 4, rng); break;
    case 4: move_problem_seed(c.problem, rng); break;
    default:  // Armijo's ρ and c within the drawn ranges
      if (pick(rng, 2)) c.shrink = nudge(c.shrink, 0.2, 0.8, rng);
      else c.sufficient = nudge(c.sufficient, 0, 0.5, rng);
  }
}

void perturb(StabilityCase& c, std::mt19937_64& rng) {
  switch (pick(rng, 3)) {
    case 0: c.theta = c.theta < 1 ? nudge(c.theta, 0.05, 0.98, rng) : nudge(c.theta, 1.05, 1.6, rng); break;
    case 1:
      c.horizon = move_horizon(c.horizon, rng);
      if (std::holds_alternative<LaplacianSpec>(c.problem)) c.horizon = std::min(c.horizon, CaseLimits{}.sparse_horizon);
      break;
    default: c.start_seed = new_seed(rng);
  }
}

void perturb(SgdCase& c, std::mt19937_64& rng) {
  switch (pick(rng, 5)) {
    case 0: c.sigma = std::ldexp(1.0, -pick(rng, 4)); break;
    case 1: c.beta_factor = nudge(c.beta_factor, 1.25, 4, rng); break;
    case 2: c.gamma_factor = nudge(c.gamma_factor, 0, 1, rng); break;
    case 3: c.alpha_fraction = nudge(c.alpha_fraction, 0.05, 1, rng); break;
    default: c.noise_seed = new_seed(rng);
  }
}

void perturb(QPCase& c, std::mt19937_64& rng) { c.problem.seed = new_seed(rng); }

void perturb(SetCase& c, std::mt19937_64& rng) {
  if (pick(rng, 2)) c.start_seed = new_seed(rng);
  else c.problem.seed = new_seed(rng);
}

void perturb(AcceleratedCase& c, std::mt19937_64& rng) {
  switch (pick(rng, 4)) {
    case 0: c.horizon = move_horizon(c.horizon, rng); break;
    case 1: c.start_seed = new_seed(rng); break;
    case 2: c.radius = move_scale(c.radius, 0.25, 4, rng); break;
    default: move_problem_seed(c.problem, rng);
  }
}

}  // namespace optcheck
