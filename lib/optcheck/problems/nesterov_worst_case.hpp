// Nesterov's worst-case function for first-order methods (Nesterov 2018, §2.1.2, proof of Thm 2.1.7):
//   f_p(x) = (L/4)(½xᵀA_p x − x⁽¹⁾),  A_p = tridiag(−1, 2, −1) on the first p coordinates of x ∈ ℝⁿ (n ≥ p),
// minimizer x̄⁽ⁱ⁾ = 1 − i/(p+1) for i ≤ p (0 beyond), f* = (L/8)(−1 + 1/(p+1)). With p = 2k + 1 and x₀ = 0 every
// method with x_k ∈ x₀ + span{∇f(x₀..x_{k−1})} has f(x_k) − f* ≥ 3LR²/(32(k+1)²).
//
// Evaluated in the centred form ½(x − x̄)ᵀH(x − x̄) + f*, H = (L/4)A_p, with x̄ rounded to S: the function tested is
// exactly that one, and H's entries (L/2, −L/4) are exact in S for dyadic L.
#pragma once

#include "optcheck/problems/quadratic.hpp"

namespace optcheck {

struct WorstCaseSpec {
  int dim = 7;      ///< n
  int active = 7;   ///< p ≤ n
  double L = 1.0;   ///< dyadic
};

template <class S>
class NesterovWorstCase : public QuadraticBase<S> {
  using B = build_t<S>;

 public:
  explicit NesterovWorstCase(const WorstCaseSpec& spec) : spec_(spec) {
    const int n = spec.dim, p = spec.active;
    Vec<S> xs = Vec<S>::Zero(n);
    for (int i = 1; i <= p; ++i) xs[i - 1] = scalar_cast<S>(B(1) - B(i) / B(p + 1));
    auto& c = this->constants_;
    c.x_star = xs;
    const B fstar = B(spec.L) / B(8) * (B(-1) + B(1) / B(p + 1));
    c.f_star = scalar_cast<S>(fstar);
    c.f_star_error = 0;  // the centred form makes f_star the exact minimum of the function evaluated
    c.L = scalar_cast<S>(spec.L);  // (L/4)·λmax(A_p) < L
    c.mu = S(0);
    c.mu_pl = S(0);
    using std::cos;
    using std::sin;
    const B pi = boost::math::constants::pi<B>();
    this->lambda_max_ = round_up<S>(B(spec.L) / B(4) * (B(2) - B(2) * cos(B(p) * pi / B(p + 1))));
    this->lambda_max_lower_ = round_down<S>(B(spec.L) / B(4) * (B(2) - B(2) * cos(B(p) * pi / B(p + 1))));
    this->lambda_min_ = n > p ? S(0) : round_down<S>(B(spec.L) / B(4) * (B(2) - B(2) * cos(pi / B(p + 1))));
    Vec<B> v = Vec<B>::Zero(n);
    for (int i = 1; i <= p; ++i) v[i - 1] = sin(B(p) * B(i) * pi / B(p + 1));
    v /= v.norm();
    this->v_max_ = vec_cast<S>(v);
    this->v_max_error_ = 2 * unit_roundoff<S>() + 4.0 * n * unit_roundoff<B>();
  }
  std::string name() const override { return "nesterov-worst-case"; }
  Eigen::Index dim() const override { return spec_.dim; }
  Vec<S> apply(const Vec<S>& d) const override {
    const int p = spec_.active;
    const S half = scalar_cast<S>(spec_.L / 2), quarter = scalar_cast<S>(spec_.L / 4);
    Vec<S> out = Vec<S>::Zero(d.size());
    for (int i = 0; i < p; ++i) {
      S v = half * d[i];
      if (i > 0) v -= quarter * d[i - 1];
      if (i + 1 < p) v -= quarter * d[i + 1];
      out[i] = v;
    }
    return out;
  }
  void apply_double(const double* in, double* out) const override {
    Vec<double> o = vec_cast<double>(apply(vec_cast<S>(Vec<double>(Eigen::Map<const Vec<double>>(in, dim())))));
    Eigen::Map<Vec<double>>(out, dim()) = o;
  }
  Vec<S> closest_minimizer(const Vec<S>& x) const override {
    Vec<S> m = *this->constants_.x_star;
    for (int i = spec_.active; i < spec_.dim; ++i) m[i] = x[i];
    return m;
  }
  const WorstCaseSpec& spec() const { return spec_; }

 protected:
  Vec<double> abs_apply(const Vec<double>& a) const override {
    const int p = spec_.active;
    Vec<double> out = Vec<double>::Zero(a.size());
    for (int i = 0; i < p; ++i) {
      out[i] = spec_.L / 2 * a[i];
      if (i > 0) out[i] += spec_.L / 4 * a[i - 1];
      if (i + 1 < p) out[i] += spec_.L / 4 * a[i + 1];
    }
    return out;
  }
  double row_length() const override { return 3; }

 private:
  WorstCaseSpec spec_;
};

}  // namespace optcheck
