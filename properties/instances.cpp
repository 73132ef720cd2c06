#include "properties/instances.hpp"

#include <cmath>

namespace optcheck {

namespace {
template <class T>
void show_list(std::ostream& os, const std::vector<T>& v) {
  os << "{";
  for (std::size_t i = 0; i < v.size(); ++i) os << (i ? ", " : "") << v[i];
  os << "}";
}
}  // namespace

void showValue(const QuadraticSpec& s, std::ostream& os) {
  os.precision(17);
  os << "quadratic{n=" << s.eigenvalues.size() << ", eigenvalues=";
  show_list(os, s.eigenvalues);
  os << ", seed=" << s.seed << ", x_star_scale=" << s.x_star_scale << "}";
}
void showValue(const LeastSquaresSpec& s, std::ostream& os) {
  os.precision(17);
  os << "least-squares{m=" << s.rows << ", n=" << s.cols << ", singular_values=";
  show_list(os, s.singular_values);
  os << ", seed=" << s.seed << "}";
}
void showValue(const LogisticSpec& s, std::ostream& os) {
  os << "logistic{m=" << s.samples << ", n=" << s.features << ", lambda=" << s.lambda << ", seed=" << s.seed << "}";
}
void showValue(const SineSpec& s, std::ostream& os) { os << "sine-pl{n=" << s.dim << "}"; }
void showValue(const WorstCaseSpec& s, std::ostream& os) {
  os << "nesterov-worst-case{n=" << s.dim << ", p=" << s.active << ", L=" << s.L << "}";
}
void showValue(const HuberSpec& s, std::ostream& os) {
  os << "huber{n=" << s.dim << ", L=" << s.L << ", tau=" << s.tau << ", seed=" << s.seed;
  if (s.ridge > 0) os << ", ridge=" << s.ridge;
  os << "}";
}
void showValue(const LogSumExpSpec& s, std::ostream& os) {
  os << "log-sum-exp{m=" << s.terms << ", n=" << s.features << ", lambda=" << s.lambda << ", seed=" << s.seed << "}";
}
void showValue(const PiecewiseQuadraticSpec& s, std::ostream& os) {
  os << "piecewise-quadratic{n=" << s.dim << ", L=" << s.L << ", mu=" << s.mu << ", a=" << s.kink << ", seed=" << s.seed
     << "}";
}
void showValue(const LaplacianSpec& s, std::ostream& os) {
  os << "laplacian2d{m=" << s.grid << " (n=" << s.grid * s.grid << "), shift=" << s.shift << ", seed=" << s.seed << "}";
}
void showValue(const QPSpec& s, std::ostream& os) {
  os << "qp{n=" << s.n << ", equalities=" << s.equalities << ", inequalities=" << s.inequalities
     << ", active=" << s.active << ", seed=" << s.seed << "}";
}
void showValue(const SetProblemSpec& s, std::ostream& os) {
  os << (s.kind == SetProblemSpec::Kind::box ? "box-qp" : "simplex-qp") << "{n=" << s.n << ", active=" << s.active
     << ", seed=" << s.seed << "}";
}
void showValue(const AnyProblemSpec& s, std::ostream& os) {
  std::visit([&](const auto& v) { showValue(v, os); }, s);
}

namespace gen {

rc::Gen<double> fraction(double lo, double hi, int steps) {
  return rc::gen::map(rc::gen::inRange(0, steps), [=](int i) { return lo + (hi - lo) * (i + 0.5) / (steps + 1); });
}

rc::Gen<std::uint64_t> seed() { return rc::gen::inRange<std::uint64_t>(0, 1000000); }

rc::Gen<QuadraticSpec> quadratic(int max_dim, double max_kappa, bool separated_top) {
  const int jmax = static_cast<int>(std::round(2 * std::log2(max_kappa)));
  return rc::gen::apply(
      [=](int n, int j, std::uint64_t s, int scale) {
        QuadraticSpec q;
        const double kappa = std::pow(2.0, j / 2.0);
        Rng rng(s * 7919 + 13);
        q.eigenvalues.resize(n);
        for (int i = 0; i < n; ++i) {
          double l = 1 + (kappa - 1) * rng.uniform();
          if (separated_top) l = 1 + (kappa - 1) * 0.8 * rng.uniform();  // top stays ≥ 20% above the rest
          q.eigenvalues[i] = std::ldexp(std::round(std::ldexp(l, 20)), -20);  // 20 fractional bits: exact anywhere
        }
        q.eigenvalues[0] = 1;
        if (n > 1) q.eigenvalues[n - 1] = kappa;
        if (separated_top && n > 1 && kappa < 1.25) q.eigenvalues[n - 1] = 1.25;
        q.seed = s;
        q.x_star_scale = std::ldexp(1.0, scale);
        return q;
      },
      rc::gen::inRange(1, max_dim + 1), rc::gen::inRange(0, jmax + 1), seed(), rc::gen::inRange(-2, 3));
}

rc::Gen<LeastSquaresSpec> least_squares(int max_dim, double max_kappa) {
  return rc::gen::apply(
      [=](int n, int rank_cut, int extra_rows, int j, std::uint64_t s) {
        LeastSquaresSpec q;
        q.cols = n;
        const int r = std::max(1, n - 1 - rank_cut % std::max(1, n - 1));
        q.rows = r + extra_rows;
        const double smax = std::sqrt(std::pow(2.0, j / 2.0));
        Rng rng(s * 104729 + 7);
        q.singular_values.resize(r);
        for (int i = 0; i < r; ++i)
          q.singular_values[i] = std::ldexp(std::round(std::ldexp(1 + (smax - 1) * rng.uniform(), 20)), -20);
        q.singular_values[0] = 1;
        if (r > 1) q.singular_values[r - 1] = smax;
        q.seed = s;
        return q;
      },
      rc::gen::inRange(2, max_dim + 1), rc::gen::inRange(0, max_dim), rc::gen::inRange(0, 4),
      rc::gen::inRange(0, static_cast<int>(std::round(2 * std::log2(max_kappa))) + 1), seed());
}

rc::Gen<LogisticSpec> logistic(int max_dim) {
  return rc::gen::apply(
      [](int n, int extra, int lam, std::uint64_t s) {
        LogisticSpec q;
        q.features = n;
        q.samples = n + extra;
        q.lambda = std::ldexp(1.0, -1 - (3 - lam));  // 1/16 … 1/2, shrinking toward 1/16
        q.seed = s;
        return q;
      },
      rc::gen::inRange(1, max_dim + 1), rc::gen::inRange(0, 3 * max_dim + 5), rc::gen::inRange(0, 4), seed());
}

rc::Gen<LogSumExpSpec> log_sum_exp(int max_dim) {
  return rc::gen::apply(
      [](int n, int extra, int lam, std::uint64_t s) {
        return LogSumExpSpec{n + extra, n, std::ldexp(1.0, -1 - (4 - lam)), s};  // λ = 1/32 … 1/2, shrinks to 1/32
      },
      rc::gen::inRange(1, max_dim + 1), rc::gen::inRange(1, 3 * max_dim + 5), rc::gen::inRange(0, 5), seed());
}

rc::Gen<PiecewiseQuadraticSpec> piecewise_quadratic(int max_dim, double max_kappa) {
  return rc::gen::apply(
      [](int n, int l, int j, std::uint64_t s) {
        const double L = std::ldexp(1.0, l - 1);
        return PiecewiseQuadraticSpec{n, L, std::ldexp(L, -j), 1.0, s};
      },
      rc::gen::inRange(1, max_dim + 1), rc::gen::inRange(0, 4),
      rc::gen::inRange(0, static_cast<int>(std::floor(std::log2(max_kappa))) + 1), seed());
}

rc::Gen<SineSpec> sine(int max_dim) {
  return rc::gen::map(rc::gen::inRange(1, max_dim + 1), [](int n) { return SineSpec{n}; });
}

rc::Gen<WorstCaseSpec> worst_case(int max_dim) {
  return rc::gen::apply(
      [](int p, int extra, int l) { return WorstCaseSpec{p + extra, p, std::ldexp(1.0, l - 1)}; },
      rc::gen::inRange(1, max_dim + 1), rc::gen::inRange(0, 4), rc::gen::inRange(0, 4));
}

rc::Gen<HuberSpec> huber(int max_dim, bool strongly_convex) {
  return rc::gen::apply(
      [strongly_convex](int n, int l, int j, std::uint64_t s, int r) {
        const double L = std::ldexp(1.0, l - 1);
        return HuberSpec{n, L, std::ldexp(1.0, -j), s, strongly_convex ? std::ldexp(L, -r) : 0.0};
      },
      rc::gen::inRange(1, max_dim + 1), rc::gen::inRange(0, 4), rc::gen::inRange(0, 13), seed(),
      rc::gen::inRange(1, 11));  // ridge μ = L/2 … L/1024 (κ = (L + μ)/μ from 3 to 1025); shrinks toward L/2
}

rc::Gen<QPSpec> qp(int max_dim) {
  return rc::gen::apply(
      [](int n, int me, int mi, int na, std::uint64_t s) {
        QPSpec q;
        q.n = n;
        q.equalities = me % n;                    // < n
        q.inequalities = mi;
        q.active = std::min(mi, std::min(na, n - q.equalities));
        q.seed = s;
        return q;
      },
      rc::gen::inRange(1, max_dim + 1), rc::gen::inRange(0, max_dim), rc::gen::inRange(0, 2 * max_dim + 1),
      rc::gen::inRange(0, max_dim + 1), seed());
}

rc::Gen<SetProblemSpec> set_problem(int max_dim) {
  return rc::gen::apply(
      [](bool simplex, int n, int active, std::uint64_t s) {
        SetProblemSpec q;
        q.kind = simplex ? SetProblemSpec::Kind::simplex : SetProblemSpec::Kind::box;
        q.n = n;
        q.active = simplex ? std::min(active, n - 1) : std::min(active, n);
        if (simplex && n - q.active > 8) q.active = n - 8;
        q.seed = s;
        return q;
      },
      rc::gen::arbitrary<bool>(), rc::gen::inRange(1, max_dim + 1), rc::gen::inRange(0, max_dim + 1), seed());
}

}  // namespace gen
}  // namespace optcheck
