// Textbook transcriptions of the update rules, for parity tests. Deliberately naive: one scalar loop per formula,
// exactly as printed in the cited source, sharing no code with lib/.
#pragma once

#include <cmath>
#include <functional>
#include <vector>

namespace optcheck::textbook {

template <class S>
using Vector = std::vector<S>;
template <class S>
using Gradient = std::function<Vector<S>(const Vector<S>&)>;
template <class S>
using Trajectory = std::vector<Vector<S>>;  // x_0, x_1, …, x_T

/// x_{k+1} = x_k − η ∇f(x_k)
template <class S>
Trajectory<S> gradient_descent(const Gradient<S>& grad, Vector<S> x, S eta, int steps) {
  Trajectory<S> out{x};
  for (int k = 0; k < steps; ++k) {
    const Vector<S> g = grad(x);
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = x[i] - eta * g[i];
    out.push_back(x);
  }
  return out;
}

/// x_{k+1} = x_k − α∇f(x_k) + β(x_k − x_{k−1}), x_{−1} = x_0 (Polyak 1964)
template <class S>
Trajectory<S> heavy_ball(const Gradient<S>& grad, Vector<S> x, S alpha, S beta, int steps) {
  Trajectory<S> out{x};
  Vector<S> prev = x;
  for (int k = 0; k < steps; ++k) {
    const Vector<S> g = grad(x);
    Vector<S> next(x.size());
    for (std::size_t i = 0; i < x.size(); ++i) next[i] = x[i] - alpha * g[i] + beta * (x[i] - prev[i]);
    prev = x;
    x = next;
    out.push_back(x);
  }
  return out;
}

/// FISTA with g = 0 (Beck & Teboulle 2009, §4): y₁ = x₀, t₁ = 1; x_k = y_k − ∇f(y_k)/L;
/// t_{k+1} = (1 + √(1 + 4t_k²))/2; y_{k+1} = x_k + ((t_k − 1)/t_{k+1})(x_k − x_{k−1}).
template <class S>
Trajectory<S> fista(const Gradient<S>& grad, const Vector<S>& x0, S L, int steps) {
  using std::sqrt;
  Trajectory<S> out{x0};
  Vector<S> y = x0, x_prev = x0;
  S t = 1;
  for (int k = 1; k <= steps; ++k) {
    const Vector<S> g = grad(y);
    Vector<S> x(y.size());
    for (std::size_t i = 0; i < y.size(); ++i) x[i] = y[i] - g[i] / L;
    const S t_next = (S(1) + sqrt(S(1) + S(4) * t * t)) / S(2);
    for (std::size_t i = 0; i < y.size(); ++i) y[i] = x[i] + ((t - S(1)) / t_next) * (x[i] - x_prev[i]);
    x_prev = x;
    t = t_next;
    out.push_back(x);
  }
  return out;
}

/// Constant momentum β = (1 − √(μ/L))/(1 + √(μ/L)): x_{k+1} = y_k − ∇f(y_k)/L, y_{k+1} = x_{k+1} + β(x_{k+1} − x_k).
template <class S>
Trajectory<S> nesterov_strongly_convex(const Gradient<S>& grad, const Vector<S>& x0, S L, S mu, int steps) {
  using std::sqrt;
  const S beta = (S(1) - sqrt(mu / L)) / (S(1) + sqrt(mu / L));
  Trajectory<S> out{x0};
  Vector<S> x = x0, y = x0;
  for (int k = 0; k < steps; ++k) {
    const Vector<S> g = grad(y);
    Vector<S> xn(x.size());
    for (std::size_t i = 0; i < x.size(); ++i) xn[i] = y[i] - S(1) / L * g[i];
    for (std::size_t i = 0; i < x.size(); ++i) y[i] = xn[i] + beta * (xn[i] - x[i]);
    x = xn;
    out.push_back(x);
  }
  return out;
}

/// w_{k+1} = w_k − α_k g_k, α_k = β/(γ + k), k = 1, 2, … (Bottou, Curtis, Nocedal 2018, Alg. 4.1); noisy gradients
/// are supplied by the caller in order.
template <class S>
Trajectory<S> sgd_diminishing(const Gradient<S>& grad, Vector<S> w, S beta, S gamma, int steps) {
  Trajectory<S> out{w};
  for (int k = 1; k <= steps; ++k) {
    const Vector<S> g = grad(w);
    const S a = beta / (gamma + S(k));
    for (std::size_t i = 0; i < w.size(); ++i) w[i] = w[i] - a * g[i];
    out.push_back(w);
  }
  return out;
}

/// x_{k+1} = Π(x_k − γ∇f(x_k)) for the box [lo, hi] (Π = componentwise clamp)
template <class S>
Trajectory<S> projected_gradient_box(const Gradient<S>& grad, Vector<S> x, S gamma, const Vector<S>& lo,
                                     const Vector<S>& hi, int steps) {
  Trajectory<S> out{x};
  for (int k = 0; k < steps; ++k) {
    const Vector<S> g = grad(x);
    for (std::size_t i = 0; i < x.size(); ++i) {
      S z = x[i] - gamma * g[i];
      if (z < lo[i]) z = lo[i];
      if (z > hi[i]) z = hi[i];
      x[i] = z;
    }
    out.push_back(x);
  }
  return out;
}

/// AdaGrad (Duchi, Hazan, Singer 2011), PyTorch's weight decay: g += λx; G += g²; x −= η g/(√G + ε).
template <class S>
Trajectory<S> adagrad(const Gradient<S>& grad, Vector<S> x, S lr, S eps, S wd, S g0, int steps) {
  using std::sqrt;
  Trajectory<S> out{x};
  Vector<S> G(x.size(), g0);
  for (int k = 0; k < steps; ++k) {
    Vector<S> g = grad(x);
    for (std::size_t i = 0; i < x.size(); ++i) {
      g[i] = g[i] + wd * x[i];
      G[i] = G[i] + g[i] * g[i];
      x[i] = x[i] - lr * g[i] / (sqrt(G[i]) + eps);
    }
    out.push_back(x);
  }
  return out;
}

/// RMSProp (Tieleman & Hinton 2012): v = ρv + (1 − ρ)g²; x −= η g/(√v + ε); g includes λx.
template <class S>
Trajectory<S> rmsprop(const Gradient<S>& grad, Vector<S> x, S lr, S rho, S eps, S wd, int steps) {
  using std::sqrt;
  Trajectory<S> out{x};
  Vector<S> v(x.size(), S(0));
  for (int k = 0; k < steps; ++k) {
    Vector<S> g = grad(x);
    for (std::size_t i = 0; i < x.size(); ++i) {
      g[i] = g[i] + wd * x[i];
      v[i] = rho * v[i] + (S(1) - rho) * g[i] * g[i];
      x[i] = x[i] - lr * g[i] / (sqrt(v[i]) + eps);
    }
    out.push_back(x);
  }
  return out;
}

/// Adam (Kingma & Ba 2015, Algorithm 1), decoupled = false: g += λx (L2); decoupled = true (AdamW, Loshchilov &
/// Hutter 2019, Algorithm 2 as in PyTorch): x ← x − ηλx before the Adam step, g without decay.
template <class S>
Trajectory<S> adam(const Gradient<S>& grad, Vector<S> x, S lr, S b1, S b2, S eps, S wd, bool decoupled, int steps) {
  using std::pow;
  using std::sqrt;
  Trajectory<S> out{x};
  Vector<S> m(x.size(), S(0)), v(x.size(), S(0));
  S b1t = 1, b2t = 1;
  for (int t = 1; t <= steps; ++t) {
    Vector<S> g = grad(x);
    b1t = b1t * b1;  // β₁ᵗ
    b2t = b2t * b2;  // β₂ᵗ
    for (std::size_t i = 0; i < x.size(); ++i) {
      if (decoupled) x[i] = x[i] * (S(1) - lr * wd);
      else g[i] = g[i] + wd * x[i];
      m[i] = b1 * m[i] + (S(1) - b1) * g[i];
      v[i] = b2 * v[i] + (S(1) - b2) * g[i] * g[i];
      const S m_hat = m[i] / (S(1) - b1t);
      const S v_hat = v[i] / (S(1) - b2t);
      x[i] = x[i] - lr * m_hat / (sqrt(v_hat) + eps);
    }
    out.push_back(x);
  }
  return out;
}

}  // namespace optcheck::textbook
