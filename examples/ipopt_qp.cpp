// Ipopt on optcheck's KKT-by-construction QPs, judged against the tolerance Ipopt is asked for (tol = 1e-8).
// The adapter states the QP as Ipopt's NLP  min ½xᵀPx + qᵀx  s.t.  b ≤ Ax ≤ b,  Gx ≤ h  (dense Jacobian and
// Hessian) and returns Ipopt's x and its constraint multipliers. Sign convention: Ipopt's Lagrangian is
// f + λ_gᵀg(x) − z_Lᵀx + z_Uᵀx, so an active upper bound Gx ≤ h has λ_g ≥ 0 — optcheck's convention as it is.
// Ipopt runs under the time left on optcheck's budget (max_cpu_time); its status is recorded, not used as a gate.
#include <IpIpoptApplication.hpp>
#include <IpTNLP.hpp>

#include <optcheck/main.hpp>

namespace {

constexpr double kTolerance = 1e-8;  // Ipopt's tol (its default)

using Ipopt::Index;
using Ipopt::Number;

class QpNlp : public Ipopt::TNLP {
 public:
  QpNlp(const optcheck::ConvexQP<double>& qp, optcheck::Recorder& record) : qp_(qp), record_(record) {}
  optcheck::SolverAnswer answer;

  bool get_nlp_info(Index& n, Index& m, Index& nnz_jac, Index& nnz_h, IndexStyleEnum& style) override {
    n = static_cast<Index>(qp_.n());
    m = static_cast<Index>(qp_.A.rows() + qp_.G.rows());
    nnz_jac = n * m;
    nnz_h = n * (n + 1) / 2;
    style = C_STYLE;
    return true;
  }
  bool get_bounds_info(Index n, Number* x_l, Number* x_u, Index m, Number* g_l, Number* g_u) override {
    for (Index i = 0; i < n; ++i) x_l[i] = -2e19, x_u[i] = 2e19;  // Ipopt's "no bound"
    const Index me = static_cast<Index>(qp_.A.rows());
    for (Index j = 0; j < m; ++j) {
      g_l[j] = j < me ? qp_.b[j] : -2e19;
      g_u[j] = j < me ? qp_.b[j] : qp_.h[j - me];
    }
    return true;
  }
  bool get_starting_point(Index n, bool, Number* x, bool, Number*, Number*, Index, bool, Number*) override {
    for (Index i = 0; i < n; ++i) x[i] = 0;
    return true;
  }
  bool eval_f(Index n, const Number* x, bool, Number& value) override {
    const auto v = map(x, n);
    value = 0.5 * v.dot(qp_.P * v) + qp_.q.dot(v);
    return true;
  }
  bool eval_grad_f(Index n, const Number* x, bool, Number* g) override {
    Eigen::Map<optcheck::Vec<double>>(g, n) = qp_.P * map(x, n) + qp_.q;
    return true;
  }
  bool eval_g(Index n, const Number* x, bool, Index m, Number* g) override {
    const Index me = static_cast<Index>(qp_.A.rows());
    Eigen::Map<optcheck::Vec<double>> out(g, m);
    out.head(me) = qp_.A * map(x, n);
    out.tail(m - me) = qp_.G * map(x, n);
    return true;
  }
  bool eval_jac_g(Index n, const Number*, bool, Index m, Index, Index* row, Index* col, Number* values) override {
    const Index me = static_cast<Index>(qp_.A.rows());
    for (Index j = 0, k = 0; j < m; ++j)
      for (Index i = 0; i < n; ++i, ++k) {
        if (values) values[k] = j < me ? qp_.A(j, i) : qp_.G(j - me, i);
        else row[k] = j, col[k] = i;
      }
    return true;
  }
  bool eval_h(Index n, const Number*, bool, Number obj_factor, Index, const Number*, bool, Index, Index* row,
              Index* col, Number* values) override {
    for (Index i = 0, k = 0; i < n; ++i)
      for (Index j = 0; j <= i; ++j, ++k) {
        if (values) values[k] = obj_factor * qp_.P(i, j);  // the constraints are linear: no λ terms
        else row[k] = i, col[k] = j;
      }
    return true;
  }
  bool intermediate_callback(Ipopt::AlgorithmMode, Index, Number, Number, Number, Number, Number, Number, Number,
                             Number, Index, const Ipopt::IpoptData*, Ipopt::IpoptCalculatedQuantities*) override {
    return !record_.expired();  // false asks Ipopt to stop
  }
  void finalize_solution(Ipopt::SolverReturn, Index n, const Number* x, const Number*, const Number*, Index m,
                         const Number*, const Number* lambda, Number, const Ipopt::IpoptData*,
                         Ipopt::IpoptCalculatedQuantities*) override {
    const Index me = static_cast<Index>(qp_.A.rows());
    answer.x = map(x, n);
    answer.nu = optcheck::Vec<double>(Eigen::Map<const optcheck::Vec<double>>(lambda, me));
    answer.lambda = optcheck::Vec<double>(Eigen::Map<const optcheck::Vec<double>>(lambda + me, m - me));
  }

 private:
  static Eigen::Map<const optcheck::Vec<double>> map(const Number* x, Index n) { return {x, n}; }
  const optcheck::ConvexQP<double>& qp_;
  optcheck::Recorder& record_;
};

std::string status_text(Ipopt::ApplicationReturnStatus s) {
  switch (s) {
    case Ipopt::Solve_Succeeded: return "Solve_Succeeded";
    case Ipopt::Solved_To_Acceptable_Level: return "Solved_To_Acceptable_Level";
    case Ipopt::Maximum_Iterations_Exceeded: return "Maximum_Iterations_Exceeded";
    case Ipopt::Maximum_CpuTime_Exceeded: return "Maximum_CpuTime_Exceeded";
    case Ipopt::User_Requested_Stop: return "User_Requested_Stop";
    default: return "Ipopt status " + std::to_string(static_cast<int>(s));
  }
}

/// The adapter.
optcheck::SolverAnswer solve_with_ipopt(const optcheck::ConvexQP<double>& qp, optcheck::Recorder& record) {
  Ipopt::SmartPtr<QpNlp> nlp = new QpNlp(qp, record);
  Ipopt::SmartPtr<Ipopt::IpoptApplication> app = IpoptApplicationFactory();
  app->Options()->SetIntegerValue("print_level", 0);
  app->Options()->SetStringValue("sb", "yes");  // no banner
  app->Options()->SetNumericValue("tol", kTolerance);
  app->Options()->SetNumericValue("max_cpu_time", std::max(0.1, record.seconds_left()));
  if (app->Initialize() != Ipopt::Solve_Succeeded) throw std::runtime_error("Ipopt failed to initialize");
  const Ipopt::ApplicationReturnStatus status = app->OptimizeTNLP(nlp);
  nlp->answer.status = status_text(status);
  if (nlp->answer.x.size() == 0) throw std::runtime_error("Ipopt returned no solution (" + nlp->answer.status + ")");
  return nlp->answer;
}

}  // namespace

int main(int argc, char** argv) {
  optcheck::Registry registry;
  registry.add(optcheck::constrained_solver("ipopt", optcheck::claim::ConstrainedSolver{.tolerance = kTolerance},
                                            solve_with_ipopt));
  return optcheck::main(argc, argv, registry);
}
