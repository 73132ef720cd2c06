// Implementation invariants of the adaptive optimizers, Lion and gradient clipping, in bf16, fp16, float and double,
// each step compared with the same step taken in MPFR (168 bits) from the same inputs. Inputs are drawn exactly
// representable in every arithmetic (≤ 8 significant bits, exponents well inside fp16's range), so a deviation is
// the implementation's own rounding, measured in units of that arithmetic's u.
//
// Each invariant is a checker that returns what failed ("" when it holds), run on the shipped optimizers (must hold
// on every draw) and on a broken variant of each (must fail on some draw): the hazards that real libraries shipped.
// Seeds: OPTCHECK_LOWPREC_SEED (default 1), printed.
#define BOOST_TEST_MODULE optcheck_lowprec_invariants
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <functional>
#include <sstream>

#include "optcheck/optimizers/adagrad.hpp"
#include "optcheck/optimizers/adam.hpp"
#include "optcheck/optimizers/adamw.hpp"
#include "optcheck/optimizers/clipped_sgd.hpp"
#include "optcheck/optimizers/gd.hpp"
#include "optcheck/optimizers/master_weights.hpp"
#include "optcheck/optimizers/lion.hpp"
#include "optcheck/optimizers/rmsprop.hpp"
#include "optcheck/optimizers/sgd.hpp"
#include "optcheck/problems/random.hpp"

namespace {

using namespace optcheck;
using Ref = mpfr50;

constexpr int kDraws = 300;

std::uint64_t seed() {
  const char* s = std::getenv("OPTCHECK_LOWPREC_SEED");
  return s ? std::strtoull(s, nullptr, 10) : 1;
}

/// A problem whose gradient is a fixed vector g (the one-step invariants need nothing else).
template <class S>
struct ConstantGradient : Problem<S> {
  Vec<S> g;
  explicit ConstantGradient(Vec<S> gradient) : g(std::move(gradient)) {}
  std::string name() const override { return "constant-gradient"; }
  Eigen::Index dim() const override { return g.size(); }
  S value(const Vec<S>& x) const override { return g.dot(x); }
  Vec<S> gradient(const Vec<S>&) const override { return g; }
  ErrorBound value_error(const Vec<S>&) const override { return {}; }
  ErrorBound gradient_error(const Vec<S>&) const override { return {}; }
};

/// ±m·2^e with m an 8-bit integer: exact in bf16, fp16, float, double and MPFR.
double draw_exact(Rng& rng, int lo_exp, int hi_exp) {
  const double m = static_cast<double>(rng.integer(128, 255));
  const double v = std::ldexp(m, static_cast<int>(rng.integer(lo_exp, hi_exp)) - 7);
  return rng.integer(0, 1) ? v : -v;
}
std::vector<double> draw_vector(Rng& rng, int n, int lo_exp, int hi_exp) {
  std::vector<double> v(n);
  for (double& x : v) x = draw_exact(rng, lo_exp, hi_exp);
  return v;
}
template <class S>
Vec<S> to_vec(const std::vector<double>& v) {
  Vec<S> out(static_cast<Eigen::Index>(v.size()));
  for (std::size_t i = 0; i < v.size(); ++i) out[static_cast<Eigen::Index>(i)] = scalar_cast<S>(v[i]);
  return out;
}

/// Hyperparameters as doubles exactly representable in S (rounded to S first), so that S and the MPFR reference
/// run the same method.
template <class S>
double in(double x) {
  return to_double(scalar_cast<S>(x));
}

/// x after `steps` steps of opt from x0 with the constant gradient g.
template <class T, class O>
Vec<T> steps_of(O opt, const Vec<T>& x0, const Vec<T>& g, int steps = 1) {
  ConstantGradient<T> p(g);
  Oracle<T> oracle(p);
  opt.reset(x0);
  for (int k = 0; k < steps; ++k) opt.step(oracle);
  return opt.x();
}

/// The largest deviation from MPFR seen since the last reset, as a fraction of its bound (printed per invariant).
double worst_seen = 0;

/// |x_S − x_ref| in units of u_S·scale, largest over coordinates.
template <class S>
double deviation_in_u(const Vec<S>& x, const Vec<Ref>& ref, const Vec<double>& scale) {
  double worst = 0;
  for (Eigen::Index i = 0; i < x.size(); ++i)
    worst = std::max(worst, std::abs(to_double(Ref(to_double(x[i])) - ref[i])) / (unit_roundoff<S>() * scale[i]));
  worst_seen = std::max(worst_seen, worst);
  return worst;
}

/// "" when x is within its bound u_S·scale of the MPFR result in every coordinate, else what deviated and by how much.
template <class S>
std::string within_bound(const Vec<S>& x, const Vec<Ref>& expected, const Vec<double>& scale, const std::string& what) {
  const double dev = deviation_in_u<S>(x, expected, scale);
  if (dev <= 1) return "";
  std::ostringstream m;
  m << what << ": deviation " << dev << " of its bound";
  return m.str();
}

// ---- the optimizers, shipped and broken, as makers in any arithmetic T -------------------------------------------

struct AdamHyper {
  double lr, beta1, beta2, eps, weight_decay;
};
template <class S>
AdamHyper draw_adam(Rng& rng, bool zero_eps) {
  return {in<S>(std::ldexp(1.0, -static_cast<int>(rng.integer(2, 8)))), in<S>(0.9), in<S>(0.875),
          zero_eps ? 0.0 : in<S>(rng.integer(0, 1) ? 1e-8 : 1e-3), 0.0};
}
template <class T, class P>
P adam_params(const AdamHyper& h) {
  return AdamParams<T>::template with<P>(T(h.lr), T(h.beta1), T(h.beta2), T(h.eps), T(h.weight_decay));
}

/// Broken: the textbook quotient m̂/(√v̂ + ε) with no guard: 0/0 = NaN for a zero gradient when ε is 0 — which it is
/// in fp16 when ε = 10⁻⁸ was asked for (optax's fp16 NaN).
template <class T>
class UnguardedAdam {
 public:
  using Params = typename Adam<T>::Params;
  explicit UnguardedAdam(Params p) : p_(p) {}
  void reset(const Vec<T>& x0) {
    x_ = x0;
    m_ = v_ = Vec<T>::Zero(x0.size());
    t_ = 0;
  }
  T step(Oracle<T>& oracle) {
    using std::pow;
    using std::sqrt;
    const Vec<T> g = oracle.gradient(x_);
    ++t_;
    for (Eigen::Index i = 0; i < x_.size(); ++i) {
      m_[i] = p_.beta1 * m_[i] + (T(1) - p_.beta1) * g[i];
      v_[i] = p_.beta2 * v_[i] + (T(1) - p_.beta2) * g[i] * g[i];
      const T m_hat = m_[i] / (T(1) - T(pow(to_double(p_.beta1), t_))),
              v_hat = v_[i] / (T(1) - T(pow(to_double(p_.beta2), t_)));
      x_[i] -= p_.lr * m_hat / (sqrt(v_hat) + p_.eps);
    }
    return p_.lr;
  }
  const Vec<T>& x() const { return x_; }

 private:
  Params p_;
  Vec<T> x_, m_, v_;
  int t_ = 0;
};

/// Broken: "decoupled" decay applied through the gradient (Adam's L2 decay under AdamW's name).
template <class T>
struct CoupledAdamW : Adam<T> {
  using Params = typename AdamW<T>::Params;
  explicit CoupledAdamW(Params p)
      : Adam<T>(AdamParams<T>::template with<typename Adam<T>::Params>(p.lr, p.beta1, p.beta2, p.eps, p.weight_decay)) {}
};

/// Broken: a floor under ε (a common "fix" for fp16 NaNs) that breaks invariance to the gradient's scale.
template <class T>
struct EpsFloorAdam : Adam<T> {
  using Params = typename Adam<T>::Params;
  static Params floored(Params p) {
    p.eps = p.eps > T(1e-3) ? p.eps : T(1e-3);
    return p;
  }
  explicit EpsFloorAdam(Params p) : Adam<T>(floored(p)) {}
};

/// Broken: Lion normalizing its interpolation by its largest entry instead of taking the sign.
template <class T>
class NormalizedLion {
 public:
  using Params = typename Lion<T>::Params;
  explicit NormalizedLion(Params p) : p_(p) {}
  void reset(const Vec<T>& x0) { x_ = x0; }
  T step(Oracle<T>& oracle) {
    const Vec<T> c = (T(1) - p_.beta1) * oracle.gradient(x_);
    const T largest = c.cwiseAbs().maxCoeff();
    if (largest > T(0)) x_ -= p_.lr * (c / largest);
    return p_.lr;
  }
  const Vec<T>& x() const { return x_; }

 private:
  Params p_;
  Vec<T> x_;
};

/// Broken: clipping with the unscaled ‖g‖ = √Σgᵢ²: in fp16 Σgᵢ² overflows for ‖g‖ ≥ 256, and g·τ/Inf = 0.
template <class T>
Vec<T> naive_clip(const Vec<T>& g, const T& tau) {
  using std::sqrt;
  T sum(0);
  for (Eigen::Index i = 0; i < g.size(); ++i) sum += g[i] * g[i];
  const T norm = sqrt(sum);
  if (norm <= tau) return g;
  return Vec<T>(g * (tau / norm));
}

// ---- the invariants -------------------------------------------------------------------------------------------

/// A zero gradient from a fresh state gives x₁ = x₀ exactly (no decay) and a finite iterate, for every ε drawn
/// (0, 10⁻⁸ — which fp16 rounds to 0 — and 10⁻³).
template <class S, class Make>
std::string zero_gradient_is_no_step(Make make, Rng& rng) {
  const int n = 4;
  const Vec<S> x0 = to_vec<S>(draw_vector(rng, n, -3, 3));
  const Vec<S> x1 = steps_of<S>(make(rng), x0, Vec<S>::Zero(n), 3);
  if (!all_finite(x1)) return "a zero gradient gave a NaN or infinite iterate";
  if (x1 != x0) return "a zero gradient moved the iterate";
  return "";
}

/// Adam's first step is x₁ = x₀ − η·g/(|g| + ε) coordinatewise: compared with MPFR, within u·(|x₁| + 16η) per
/// coordinate (16 = the operations on the path from g to the update, each within u; the final subtraction adds
/// u·|x₁|).
template <class S, template <class> class Opt>
std::string adam_first_step(Rng& rng) {
  const int n = 5;
  const auto h = draw_adam<S>(rng, false);
  const auto x0 = draw_vector(rng, n, -2, 2), g = draw_vector(rng, n, -5, 5);
  const Vec<S> x = steps_of<S>(Opt<S>(adam_params<S, typename Opt<S>::Params>(h)), to_vec<S>(x0), to_vec<S>(g));
  Vec<Ref> expected(n);
  Vec<double> scale(n);
  for (int i = 0; i < n; ++i) {
    expected[i] = Ref(x0[i]) - Ref(h.lr) * Ref(g[i]) / (abs(Ref(g[i])) + Ref(h.eps));
    scale[i] = std::abs(to_double(expected[i])) + 16 * h.lr;
  }
  return within_bound<S>(x, expected, scale, "first step against x0 - lr*g/(|g| + eps), bound u*(|x1| + 16 lr)");
}

/// AdamW's decay is decoupled: with a zero gradient the first step is exactly the decay, x₁ = (1 − ηλ)x₀, to
/// within u·|x₁|·3 (1 − ηλ: two operations; the product: one).
template <class S, template <class> class Opt>
std::string adamw_decay_is_decoupled(Rng& rng) {
  const int n = 4;
  AdamHyper h = draw_adam<S>(rng, false);
  h.weight_decay = in<S>(std::ldexp(1.0, -static_cast<int>(rng.integer(1, 4))));
  const auto x0 = draw_vector(rng, n, -2, 2);
  const Vec<S> x = steps_of<S>(Opt<S>(adam_params<S, typename Opt<S>::Params>(h)), to_vec<S>(x0), Vec<S>::Zero(n));
  Vec<Ref> expected(n);
  Vec<double> scale(n);
  for (int i = 0; i < n; ++i) {
    expected[i] = (Ref(1) - Ref(h.lr) * Ref(h.weight_decay)) * Ref(x0[i]);
    scale[i] = 3 * std::abs(to_double(expected[i]));
  }
  return within_bound<S>(x, expected, scale, "zero-gradient step against (1 - lr*wd)*x0, bound 3u|x1|");
}

/// With ε = 0 Adam's update is invariant to scaling the gradient: 2ᵏ·g gives the bit-identical trajectory over 5
/// steps (scaling by 2ᵏ is exact, and so commutes with every rounding, while m and v stay normal: |g·2ᵏ| ∈ [2⁻⁴, 2⁶]
/// keeps v ≥ 2⁻¹¹ and g² ≤ 2¹² inside fp16's normal range).
template <class S, template <class> class Opt>
std::string adam_scale_invariant(Rng& rng) {
  const int n = 4;
  const auto h = draw_adam<S>(rng, true);
  const auto x0 = draw_vector(rng, n, -2, 2), g = draw_vector(rng, n, -2, 2);
  const int k = static_cast<int>(rng.integer(-2, 3));
  const Vec<S> gs = to_vec<S>(g), gk = vec_cast<S>(Vec<double>(to_vec<double>(g) * std::ldexp(1.0, k)));
  const auto make = [&] { return Opt<S>(adam_params<S, typename Opt<S>::Params>(h)); };
  const Vec<S> a = steps_of<S>(make(), to_vec<S>(x0), gs, 5), b = steps_of<S>(make(), to_vec<S>(x0), gk, 5);
  if (a != b) return "eps = 0, gradient scaled by 2^" + std::to_string(k) + ": the trajectory changed";
  return "";
}

/// Lion moves every coordinate by exactly η (λ = 0): x₁ = x₀ − η·sign(g) against MPFR within u·|x₁|.
template <class S, template <class> class Opt>
std::string lion_step_is_lr(Rng& rng) {
  const int n = 5;
  typename Opt<S>::Params p;
  const double lr = in<S>(std::ldexp(1.0, -static_cast<int>(rng.integer(2, 8))));
  p.lr = S(lr);
  p.beta1 = S(0.875);
  const auto x0 = draw_vector(rng, n, -2, 2), g = draw_vector(rng, n, -6, 6);
  const Vec<S> x = steps_of<S>(Opt<S>(p), to_vec<S>(x0), to_vec<S>(g));
  Vec<Ref> expected(n);
  Vec<double> scale(n);
  for (int i = 0; i < n; ++i) {
    expected[i] = Ref(x0[i]) - Ref(lr) * Ref(g[i] > 0 ? 1 : -1);
    scale[i] = std::abs(to_double(expected[i]));
  }
  return within_bound<S>(x, expected, scale, "a coordinate moved by other than lr, bound u|x1|");
}

/// Clipping: the result is c·g with c ∈ (0, 1] and norm min(τ, ‖g‖) within 4(n + 2)u·min(τ, ‖g‖): to first order
/// the scaled norm's relative error is (n/2 + 3)u (n quotients, the sum of squares, the square root halved, the
/// product), τ/‖g‖ and the scaling add 2u, and ‖c‖'s own evaluation is in MPFR; 4(n + 2) ≥ 2× that count covers the
/// double rounding of bf16/fp16 through float. τ = 0 gives 0, ‖g‖ = τ leaves g unchanged, an infinite coordinate is
/// refused. Gradients are drawn up to ‖g‖ ≈ 2¹⁰, beyond the 256 at which fp16's Σgᵢ² overflows.
template <class S>
std::string clipping(const std::function<Vec<S>(const Vec<S>&, const S&)>& clip, Rng& rng) {
  const int n = 4;
  const auto g = draw_vector(rng, n, -8, 9);
  const Vec<S> gs = to_vec<S>(g);
  Ref norm(0);
  for (double x : g) norm += Ref(x) * Ref(x);
  norm = sqrt(norm);
  const double tau = std::ldexp(1.0, static_cast<int>(rng.integer(-2, 9)));
  const Vec<S> c = clip(gs, S(tau));
  if (!all_finite(c)) return "clipped gradient is not finite";
  const double target = std::min(tau, to_double(norm));
  Ref got(0);
  for (Eigen::Index i = 0; i < n; ++i) got += Ref(to_double(c[i])) * Ref(to_double(c[i]));
  const double err = std::abs(to_double(sqrt(got)) - target);
  if (err > 4 * (n + 2) * unit_roundoff<S>() * target) {
    std::ostringstream m;
    m << "||clip(g)|| = " << to_double(sqrt(got)) << ", expected min(tau, ||g||) = " << target;
    return m.str();
  }
  for (Eigen::Index i = 0; i < n; ++i)
    if ((c[i] > S(0)) != (gs[i] > S(0)) || std::abs(to_double(c[i])) > std::abs(g[i]))
      return "clipped gradient is not c*g with c in (0, 1]";
  if (clip(gs, S(0)) != Vec<S>::Zero(n)) return "tau = 0 did not give a zero gradient";
  if (clip(Vec<S>::Zero(n), S(tau)) != Vec<S>::Zero(n)) return "a zero gradient did not stay zero";
  return "";
}

/// Adam's bias correction 1 − βᵗ against MPFR for t up to 3000 and β ∈ {0.9, 0.99, 0.999} (those that stay below 1
/// in S): within u_S·(1 − βᵗ) + 4u_B·βᵗ (one rounding to S; pow in build_t B within a few of its ulps).
template <class S>
std::string bias_correction_accurate(const std::function<S(const S&, long)>& correction, Rng& rng) {
  const double betas[] = {0.9, 0.99, 0.999};
  const double beta = in<S>(betas[rng.integer(0, 2)]);
  if (beta >= 1) return "";
  const long t = rng.integer(0, 1) ? rng.integer(1, 300) : rng.integer(1, 3000);
  const Ref exact = Ref(1) - pow(Ref(beta), t);
  const double got = to_double(correction(S(beta), t));
  const double bound = unit_roundoff<S>() * to_double(exact) +
                       4 * unit_roundoff<build_t<S>>() * std::pow(beta, static_cast<double>(t));
  const double err = std::abs(to_double(Ref(got) - exact));
  worst_seen = std::max(worst_seen, err / bound);
  if (err > bound) {
    std::ostringstream m;
    m << "1 - beta^t for beta = " << beta << ", t = " << t << ": " << got << ", exact " << to_double(exact)
      << " (error " << err / to_double(exact) << " relative, bound " << bound / to_double(exact) << ")";
    return m.str();
  }
  return "";
}

/// Broken: βᵗ as the running product β·β·…·β kept in S (what the Adam here did before, and what many do).
template <class S>
S product_bias_correction(const S& beta, long t) {
  S power(1);
  for (long k = 0; k < t; ++k) power *= beta;
  return S(1) - power;
}

/// f(x) = ½Σλᵢ(xᵢ − cᵢ)² with λ, c exact in every arithmetic here: the same problem in S and in MPFR.
template <class T>
struct DiagonalQuadratic : Problem<T> {
  Vec<T> lambda, c;
  DiagonalQuadratic(const std::vector<double>& l, const std::vector<double>& centre)
      : lambda(to_vec<T>(l)), c(to_vec<T>(centre)) {
    this->constants_.L = lambda.maxCoeff();
    this->constants_.x_star = c;
  }
  std::string name() const override { return "diagonal-quadratic"; }
  Eigen::Index dim() const override { return lambda.size(); }
  T value(const Vec<T>& x) const override { return T(0.5) * (lambda.array() * (x - c).array().square()).sum(); }
  Vec<T> gradient(const Vec<T>& x) const override { return Vec<T>(lambda.array() * (x - c).array()); }
  ErrorBound value_error(const Vec<T>&) const override { return {}; }
  ErrorBound gradient_error(const Vec<T>&) const override { return {}; }
};

struct LostUpdates {
  long lost = 0;       ///< coordinate steps where the exact update was nonzero and the stored weight did not move
  std::string failure;  ///< "" when the final iterate is within its bound of the MPFR trajectory
};

/// GD with updates far below half an ulp of the weights (x ∈ [1, 2), η·|∇f| ≈ 2⁻¹² while half an ulp of bf16 there
/// is 2⁻⁸), 2000 steps, against the same GD in MPFR. With float master weights the stored iterate stays within
/// (4u_S + 2u_M/(ηλ_min))·max|x| of the exact one: u_S for the final rounding, u_S for the gradient taken at the
/// rounded point and 2u_S for the gradient's own rounding, each summed over the contraction Σ(1 − ηλ)ᵏηλ ≤ 1, and
/// the master's rounding u_M per step, amplified by 1/(ηλ). Pure storage-precision GD loses every update.
template <class S, class Run>
LostUpdates updates_below_half_an_ulp(Run run, Rng& rng) {
  const int n = 4;
  const long steps = 2000;
  std::vector<double> lambda(n), centre(n), x0(n);
  for (int i = 0; i < n; ++i) {
    lambda[i] = std::ldexp(static_cast<double>(rng.integer(128, 255)), -7);  // [1, 2)
    x0[i] = std::ldexp(static_cast<double>(rng.integer(128, 255)), -7);
    centre[i] = x0[i] + (rng.integer(0, 1) ? 0.75 : -0.75);
  }
  const double eta = std::ldexp(1.0, -12), lambda_min = *std::min_element(lambda.begin(), lambda.end());
  const DiagonalQuadratic<S> p(lambda, centre);
  const DiagonalQuadratic<Ref> pr(lambda, centre);
  Oracle<S> oracle(p);
  Vec<S> x = to_vec<S>(x0);
  Vec<Ref> xr = to_vec<Ref>(x0);
  LostUpdates out;
  auto opt = run(S(eta));
  opt.reset(x);
  double largest = 0;
  for (long t = 0; t < steps; ++t) {
    opt.step(oracle);
    const Vec<S> next = opt.x();
    const Vec<Ref> step = Ref(eta) * pr.gradient(xr);
    for (int i = 0; i < n; ++i) {
      if (step[i] != Ref(0) && next[i] == x[i]) ++out.lost;
      largest = std::max(largest, std::abs(to_double(next[i])));
    }
    x = next;
    xr -= step;
  }
  const double k = 4 * unit_roundoff<S>() + 2 * unit_roundoff<float>() / (eta * lambda_min);
  Vec<double> scale = Vec<double>::Constant(n, largest * k / unit_roundoff<S>());
  out.failure = within_bound<S>(x, xr, scale, "after 2000 steps of 2^-12 against MPFR, bound (4u + 2u_float/(eta lambda))max|x|");
  return out;
}

template <class S>
auto master_weight_gd() {
  return [](S eta) { return MasterWeights<S, float, GradientDescent>({static_cast<float>(to_double(eta))}); };
}
template <class S>
auto storage_gd() {
  return [](S eta) { return GradientDescent<S>({eta}); };
}

// ---- running a checker over draws ------------------------------------------------------------------------------

/// Runs check(rng) kDraws times; returns the first failure (with its draw) or "".
std::string over_draws(const std::function<std::string(Rng&)>& check, std::uint64_t salt) {
  Rng rng(seed() * 0x9E3779B97F4A7C15ULL + salt);
  for (int d = 0; d < kDraws; ++d) {
    const std::string why = check(rng);
    if (!why.empty()) return "draw " + std::to_string(d) + ": " + why;
  }
  return "";
}

template <class S>
const char* name_of() {
  if constexpr (std::is_same_v<S, bf16>) return "bf16";
  else if constexpr (std::is_same_v<S, fp16>) return "fp16";
  else if constexpr (std::is_same_v<S, float>) return "float";
  else return "double";
}

/// Every adaptive optimizer (and Lion, clipped SGD) with its hyperparameters drawn, as a maker for zero_gradient.
template <class S>
std::vector<std::pair<std::string, std::function<std::string(Rng&)>>> zero_gradient_cases() {
  auto adam_like = [](auto tag) {
    using O = typename decltype(tag)::type;
    return [](Rng& rng) {
      return zero_gradient_is_no_step<S>(
          [](Rng& r) { return O(adam_params<S, typename O::Params>(draw_adam<S>(r, r.integer(0, 2) == 0))); }, rng);
    };
  };
  return {
      {"adam", adam_like(std::type_identity<Adam<S>>{})},
      {"adamw (no decay)", adam_like(std::type_identity<AdamW<S>>{})},
      {"rmsprop", [](Rng& rng) {
         return zero_gradient_is_no_step<S>([](Rng& r) {
           typename RmsProp<S>::Params p;
           p.rho = S(0.875);
           p.eps = r.integer(0, 1) ? S(0) : S(1e-8);
           return RmsProp<S>(p);
         }, rng);
       }},
      {"adagrad", [](Rng& rng) {
         return zero_gradient_is_no_step<S>([](Rng& r) {
           typename AdaGrad<S>::Params p;
           p.eps = r.integer(0, 1) ? S(0) : S(1e-10);
           return AdaGrad<S>(p);
         }, rng);
       }},
      {"lion", [](Rng& rng) { return zero_gradient_is_no_step<S>([](Rng&) { return Lion<S>({}); }, rng); }},
      {"clipped-sgd", [](Rng& rng) {
         return zero_gradient_is_no_step<S>([](Rng& r) {
           typename ClippedSgd<S>::Params p;
           p.tau = r.integer(0, 1) ? S(0) : S(1);
           return ClippedSgd<S>(p);
         }, rng);
       }},
  };
}

template <class S>
void shipped_optimizers_hold() {
  BOOST_TEST_MESSAGE(name_of<S>() << ": seed " << seed() << " (OPTCHECK_LOWPREC_SEED), " << kDraws
                                  << " draws per invariant");
  for (const auto& [name, check] : zero_gradient_cases<S>()) {
    BOOST_TEST_INFO(name_of<S>() << " " << name << ": zero gradient");
    BOOST_CHECK_EQUAL(over_draws(check, 1), "");
  }
  // AdamW's decay is its own (tested below): without decay it must take Adam's first step.
  const std::pair<const char*, std::function<std::string(Rng&)>> against_mpfr[] = {
      {"adam first step", adam_first_step<S, Adam>},
      {"adamw first step (no decay)", adam_first_step<S, AdamW>},
      {"adamw decoupled decay", adamw_decay_is_decoupled<S, AdamW>},
      {"lion step = lr", lion_step_is_lr<S, Lion>}};
  std::uint64_t salt = 2;
  for (const auto& [name, check] : against_mpfr) {
    worst_seen = 0;
    BOOST_TEST_INFO(name_of<S>() << " " << name);
    BOOST_CHECK_EQUAL(over_draws(check, salt++), "");
    BOOST_TEST_MESSAGE("  " << name << ": largest deviation from MPFR " << worst_seen << " of its bound");
  }
  worst_seen = 0;
  BOOST_TEST_INFO(name_of<S>() << " bias correction");
  BOOST_CHECK_EQUAL(over_draws([](Rng& r) { return bias_correction_accurate<S>(bias_correction<S>, r); }, 8), "");
  BOOST_TEST_MESSAGE("  bias correction: largest deviation from MPFR " << worst_seen << " of its bound");
  BOOST_TEST_INFO(name_of<S>());
  BOOST_CHECK_EQUAL(over_draws(adam_scale_invariant<S, Adam>, 6), "");
  BOOST_CHECK_EQUAL(over_draws([](Rng& r) { return clipping<S>(clip_by_norm<S>, r); }, 7), "");
}

/// Prints what a broken variant was caught by; fails the test if it was not.
void expect_caught(const std::string& what, const std::string& failure) {
  BOOST_TEST_INFO(what);
  BOOST_CHECK_NE(failure, "");
  if (!failure.empty()) BOOST_TEST_MESSAGE("caught: " << what << ": " << failure);
}

}  // namespace

BOOST_AUTO_TEST_CASE(shipped_optimizers_hold_in_bf16) { shipped_optimizers_hold<bf16>(); }
BOOST_AUTO_TEST_CASE(shipped_optimizers_hold_in_fp16) { shipped_optimizers_hold<fp16>(); }
BOOST_AUTO_TEST_CASE(shipped_optimizers_hold_in_float) { shipped_optimizers_hold<float>(); }
BOOST_AUTO_TEST_CASE(shipped_optimizers_hold_in_double) { shipped_optimizers_hold<double>(); }

template <class S>
void master_weights_keep_small_updates() {
  Rng rng(seed());
  long lost_master = 0, lost_storage = 0;
  int storage_failures = 0;
  double worst_master = 0;
  for (int d = 0; d < 20; ++d) {
    worst_seen = 0;
    const LostUpdates m = updates_below_half_an_ulp<S>(master_weight_gd<S>(), rng);
    worst_master = std::max(worst_master, worst_seen);
    BOOST_TEST_INFO(name_of<S>() << " draw " << d);
    BOOST_CHECK_EQUAL(m.failure, "");
    lost_master += m.lost;
    const LostUpdates s = updates_below_half_an_ulp<S>(storage_gd<S>(), rng);
    lost_storage += s.lost;
    storage_failures += !s.failure.empty();
  }
  BOOST_TEST_MESSAGE(name_of<S>() << ": updates of 2^-12 below half an ulp, 20 draws x 2000 steps x 4 coordinates: "
                                  << lost_storage << " lost in pure " << name_of<S>() << " (" << storage_failures
                                  << " of 20 runs off the MPFR trajectory), " << lost_master
                                  << " stored weights unchanged with float master weights (largest deviation from MPFR " << worst_master
                                  << " of the bound)");
  // The hazard is real in pure storage precision, and every such run is caught against MPFR.
  BOOST_CHECK_EQUAL(storage_failures, 20);
  BOOST_CHECK_GT(lost_storage, lost_master);
}

BOOST_AUTO_TEST_CASE(master_weights_keep_updates_below_half_an_ulp) {
  master_weights_keep_small_updates<bf16>();
  master_weights_keep_small_updates<fp16>();
}

/// Master weights take the Storage oracle's stochastic gradients, its noise included: SGD with float master weights
/// started at x* (where ∇f = 0 exactly) moves by exactly α times the noise the Storage oracle draws, and not at all
/// without noise.
template <class S>
void master_weights_forward_oracle_noise() {
  const int n = 4;
  const DiagonalQuadratic<S> p(std::vector<double>(n, 1.0), std::vector<double>(n, 0.5));
  const Vec<S> x_star = to_vec<S>(std::vector<double>(n, 0.5));
  typename Sgd<float>::Params params;
  params.schedule = Sgd<float>::Schedule::constant;
  params.alpha = 0.5f;
  Oracle<S> noisy(p), same_noise(p), exact(p);
  noisy.set_noise(0.25, 11);
  same_noise.set_noise(0.25, 11);
  MasterWeights<S, float, Sgd> with_noise(params), without_noise(params);
  with_noise.reset(x_star);
  with_noise.step(noisy);
  const Vec<float> expected = vec_cast<float>(x_star) - 0.5f * vec_cast<float>(same_noise.stochastic_gradient(x_star));
  BOOST_TEST((with_noise.master() - expected).cwiseAbs().maxCoeff() == 0.0f);
  BOOST_TEST((with_noise.master() - vec_cast<float>(x_star)).cwiseAbs().maxCoeff() > 0.0f);
  BOOST_TEST(noisy.gradient_calls() == 1);
  without_noise.reset(x_star);
  without_noise.step(exact);
  BOOST_TEST((without_noise.master() - vec_cast<float>(x_star)).cwiseAbs().maxCoeff() == 0.0f);
}

BOOST_AUTO_TEST_CASE(master_weights_forward_oracle_noise_to_the_inner_optimizer) {
  master_weights_forward_oracle_noise<bf16>();
  master_weights_forward_oracle_noise<fp16>();
}

BOOST_AUTO_TEST_CASE(fp16_epsilon_rounds_to_zero) {
  // The hazard itself: 10⁻⁸ is below fp16's smallest subnormal (2⁻²⁴ ≈ 6·10⁻⁸) and rounds to 0.
  BOOST_CHECK_EQUAL(to_double(fp16(1e-8)), 0.0);
  BOOST_CHECK_GT(to_double(bf16(1e-8)), 0.0);
}

BOOST_AUTO_TEST_CASE(broken_variants_are_caught) {
  auto unguarded = [](Rng& rng) {
    return zero_gradient_is_no_step<fp16>(
        [](Rng& r) { return UnguardedAdam<fp16>(adam_params<fp16, Adam<fp16>::Params>(draw_adam<fp16>(r, false))); },
        rng);
  };
  expect_caught("Adam without the 0/0 guard, fp16, eps = 1e-8 or 1e-3", over_draws(unguarded, 11));
  expect_caught("AdamW with the decay through the gradient, float",
                over_draws(adamw_decay_is_decoupled<float, CoupledAdamW>, 12));
  expect_caught("Adam with an eps floor of 1e-3, double", over_draws(adam_scale_invariant<double, EpsFloorAdam>, 13));
  expect_caught("Lion normalizing instead of taking the sign, bf16", over_draws(lion_step_is_lr<bf16, NormalizedLion>, 14));
  expect_caught("clipping with the unscaled squared norm, fp16",
                over_draws([](Rng& r) { return clipping<fp16>(naive_clip<fp16>, r); }, 15));
  for (auto [name, failure] : {std::pair{"bias correction as a running product in fp16",
                                         over_draws([](Rng& r) { return bias_correction_accurate<fp16>(product_bias_correction<fp16>, r); }, 16)},
                               std::pair{"bias correction as a running product in bf16",
                                         over_draws([](Rng& r) { return bias_correction_accurate<bf16>(product_bias_correction<bf16>, r); }, 16)}})
    expect_caught(name, failure);
  // The same naive clipping is right where Σgᵢ² fits: the hazard is fp16's range, not the formula.
  BOOST_CHECK_EQUAL(over_draws([](Rng& r) { return clipping<float>(naive_clip<float>, r); }, 15), "");
}

/// The edges of clipping in S: ‖g‖ = τ leaves g unchanged (3-4-5 is exact everywhere), τ = 0 and g = 0 give 0,
/// a NaN or infinite coordinate is refused.
template <class S>
void clipping_edges_in() {
  BOOST_TEST_INFO(name_of<S>());
  const Vec<S> h = to_vec<S>({3, 4});
  BOOST_CHECK(clip_by_norm<S>(h, S(5)) == h);
  BOOST_CHECK(clip_by_norm<S>(h, S(0)) == Vec<S>::Zero(2));
  BOOST_CHECK(clip_by_norm<S>(Vec<S>::Zero(2), S(5)) == Vec<S>::Zero(2));
  BOOST_CHECK(clip_by_norm<S>(Vec<S>::Zero(2), S(0)) == Vec<S>::Zero(2));
  for (double bad : {std::numeric_limits<double>::infinity(), std::numeric_limits<double>::quiet_NaN()}) {
    Vec<S> g = h;
    g[0] = scalar_cast<S>(bad);
    BOOST_CHECK_THROW(clip_by_norm<S>(g, S(5)), std::domain_error);
  }
}

BOOST_AUTO_TEST_CASE(clipping_edges) {
  const Vec<fp16> g = to_vec<fp16>({300, 0, 0, 0});  // ‖g‖ = 300: Σgᵢ² = 9·10⁴ > 65504 in fp16
  BOOST_CHECK_EQUAL(to_double(clip_by_norm<fp16>(g, fp16(1))[0]), 1.0);
  BOOST_CHECK_EQUAL(to_double(naive_clip<fp16>(g, fp16(1))[0]), 0.0);  // the bug: the update vanishes
  clipping_edges_in<bf16>();
  clipping_edges_in<fp16>();
  clipping_edges_in<float>();
  clipping_edges_in<double>();
}
