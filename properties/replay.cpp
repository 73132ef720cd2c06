// Reading a case back from the text showValue prints (results.json's `counterexample` and `adversarial.instance`),
// so that a shown instance can be run again: `optcheck replay`, and the adversarial regression cases in reference/.
// The text is untrusted input: every field is checked for presence, type and range, and sizes are bounded so that a
// crafted instance cannot allocate without limit.
#include <charconv>
#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>
#include <string_view>

#include "properties/cases.hpp"

namespace optcheck {
namespace {

using Fields = std::map<std::string, std::string>;

[[noreturn]] void bad(const std::string& what) { throw std::invalid_argument("instance: " + what); }

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

/// Index of the bracket closing the one at `open` ('{' or '(').
std::size_t closing(std::string_view s, std::size_t open) {
  const char o = s[open], c = o == '{' ? '}' : ')';
  int depth = 0;
  for (std::size_t i = open; i < s.size(); ++i) {
    if (s[i] == o) ++depth;
    if (s[i] == c && --depth == 0) return i;
  }
  bad("unbalanced '" + std::string(1, o) + "'");
}

/// Adds "key=value" to fields (value without a trailing " (…)" remark); a repeated key is an error.
void add_field(std::string_view item, Fields& fields) {
  item = trim(item);
  if (item.empty() || item.front() == '(') return;  // a remark such as "(eta = theta*2/lambda_max)"
  const auto eq = item.find('=');
  if (eq == std::string_view::npos) bad("'" + std::string(item) + "' is not key=value");
  std::string_view value = trim(item.substr(eq + 1));
  if (const auto remark = value.find(" ("); remark != std::string_view::npos && value.back() == ')')
    value = trim(value.substr(0, remark));
  const std::string key(trim(item.substr(0, eq)));
  if (!fields.emplace(key, std::string(value)).second) bad("field " + key + " given twice");
}

/// "name{k=v, k={a, b}, …}" from position pos: the name and its fields; pos moves past the closing brace.
std::pair<std::string, Fields> braced(std::string_view s, std::size_t& pos) {
  const auto open = s.find('{', pos);
  if (open == std::string_view::npos) bad("no problem of the form name{...}");
  const std::string name(trim(s.substr(pos, open - pos)));
  const auto close = closing(s, open);
  Fields fields;
  std::size_t start = open + 1;
  for (std::size_t i = start; i <= close; ++i) {
    if (s[i] == '{' || s[i] == '(') i = closing(s, i);
    else if (s[i] == ',' || i == close) {
      add_field(s.substr(start, i - start), fields);
      start = i + 1;
    }
  }
  pos = close + 1;
  return {name, fields};
}

/// The " key=value key=value (remark) …" after the problem.
Fields tail(std::string_view s, std::size_t pos) {
  Fields fields;
  std::size_t start = pos;
  for (std::size_t i = pos; i <= s.size(); ++i) {
    if (i < s.size() && s[i] == '(') i = closing(s, i);
    else if (i == s.size() || s[i] == ' ') {
      add_field(s.substr(start, i - start), fields);
      start = i + 1;
    }
  }
  return fields;
}

const std::string& field(const Fields& f, const std::string& key) {
  const auto it = f.find(key);
  if (it == f.end()) bad("field " + key + " is missing");
  return it->second;
}

template <class T>
T parse_number(const std::string& text, const std::string& key) {
  T value{};
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) bad("field " + key + "='" + text + "' is not a number");
  if constexpr (std::is_floating_point_v<T>)
    if (!std::isfinite(value)) bad("field " + key + " is not finite");
  return value;
}

/// A number in [lo, hi].
template <class T>
T number(const Fields& f, const std::string& key, T lo, T hi) {
  const T v = parse_number<T>(field(f, key), key);
  if (!(v >= lo && v <= hi)) bad("field " + key + "=" + field(f, key) + " is outside [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
  return v;
}
std::uint64_t seed_of(const Fields& f, const std::string& key = "seed") {
  return number<std::uint64_t>(f, key, 0, std::numeric_limits<std::uint64_t>::max());
}

/// "{a, b, …}": at most max_size positive finite numbers.
std::vector<double> positive_list(const Fields& f, const std::string& key, std::size_t max_size) {
  const std::string& text = field(f, key);
  if (text.size() < 2 || text.front() != '{' || text.back() != '}') bad("field " + key + " is not a list {a, b, ...}");
  std::vector<double> out;
  std::size_t start = 1;
  for (std::size_t i = 1; i < text.size(); ++i)
    if (text[i] == ',' || i + 1 == text.size()) {
      const std::string item(trim(std::string_view(text).substr(start, i - start)));
      if (!item.empty()) out.push_back(parse_number<double>(item, key));
      if (!out.empty() && !(out.back() > 0)) bad("field " + key + " has an entry <= 0");
      start = i + 1;
    }
  if (out.empty() || out.size() > max_size) bad("field " + key + " must hold 1 to " + std::to_string(max_size) + " entries");
  return out;
}

// Bounds on what an instance may ask for: above the largest the generators draw, small enough to run.
constexpr int kMaxDim = 1000, kMaxRows = 4000, kMaxGrid = 128, kMaxHorizon = 100000;
constexpr double kMaxScale = 1e6;

AnyProblemSpec smooth_problem(const std::string& name, const Fields& f) {
  if (name == "quadratic") {
    QuadraticSpec s{positive_list(f, "eigenvalues", kMaxDim), seed_of(f), number(f, "x_star_scale", 0.0, kMaxScale)};
    if (number(f, "n", 1, kMaxDim) != static_cast<int>(s.eigenvalues.size())) bad("quadratic: n differs from the eigenvalue count");
    return s;
  }
  if (name == "least-squares") {
    LeastSquaresSpec s{number(f, "m", 1, kMaxRows), number(f, "n", 1, kMaxDim), positive_list(f, "singular_values", kMaxDim), seed_of(f)};
    if (static_cast<int>(s.singular_values.size()) >= s.cols || static_cast<int>(s.singular_values.size()) > s.rows)
      bad("least-squares: the rank must be < n and <= m");
    return s;
  }
  if (name == "logistic")
    return LogisticSpec{number(f, "m", 1, kMaxRows), number(f, "n", 1, kMaxDim), number(f, "lambda", 1e-12, kMaxScale), seed_of(f)};
  if (name == "sine-pl") return SineSpec{number(f, "n", 1, kMaxDim)};
  if (name == "nesterov-worst-case") {
    WorstCaseSpec s{number(f, "n", 1, kMaxDim), number(f, "p", 1, kMaxDim), number(f, "L", 1e-12, kMaxScale)};
    if (s.active > s.dim) bad("nesterov-worst-case: p must be <= n");
    return s;
  }
  if (name == "huber") {
    HuberSpec s{number(f, "n", 1, kMaxDim), number(f, "L", 1e-12, kMaxScale), number(f, "tau", 1e-30, kMaxScale), seed_of(f), 0.0};
    if (f.count("ridge")) s.ridge = number(f, "ridge", 0.0, kMaxScale);
    return s;
  }
  if (name == "log-sum-exp")
    return LogSumExpSpec{number(f, "m", 1, kMaxRows), number(f, "n", 1, kMaxDim), number(f, "lambda", 1e-12, kMaxScale), seed_of(f)};
  if (name == "piecewise-quadratic") {
    PiecewiseQuadraticSpec s{number(f, "n", 1, kMaxDim), number(f, "L", 1e-12, kMaxScale), number(f, "mu", 1e-12, kMaxScale),
                             number(f, "a", 1e-30, kMaxScale), seed_of(f)};
    if (s.mu > s.L) bad("piecewise-quadratic: mu must be <= L");
    return s;
  }
  bad("unknown problem '" + name + "'");
}

/// Reads the problem at the start of text and the fields after it.
template <class Problem, class Read>
std::pair<Problem, Fields> read(const std::string& text, Read read_problem) {
  std::size_t pos = 0;
  const auto [name, fields] = braced(text, pos);
  return {read_problem(name, fields), tail(text, pos)};
}

}  // namespace

void parse_case(const std::string& text, GradientCase& c) {
  auto [p, f] = read<AnyProblemSpec>(text, smooth_problem);
  c = GradientCase{std::move(p), number(f, "step_fraction", 0.0, 1.0), number(f, "shrink", 0.0, 1.0),
                   number(f, "sufficient", 0.0, 1.0), seed_of(f, "start_seed"), number(f, "radius", 1e-30, kMaxScale),
                   number(f, "horizon", 0, kMaxHorizon)};
}

void parse_case(const std::string& text, StabilityCase& c) {
  auto [p, f] = read<std::variant<QuadraticSpec, LaplacianSpec>>(
      text, [](const std::string& name, const Fields& pf) -> std::variant<QuadraticSpec, LaplacianSpec> {
        if (name == "laplacian2d") return LaplacianSpec{number(pf, "m", 2, kMaxGrid), number(pf, "shift", 1e-12, kMaxScale), seed_of(pf)};
        if (name != "quadratic") bad("gd-stability draws quadratic or laplacian2d, not '" + name + "'");
        return std::get<QuadraticSpec>(smooth_problem(name, pf));
      });
  c = StabilityCase{std::move(p), number(f, "theta", 1e-6, 2.0), seed_of(f, "start_seed"), number(f, "horizon", 0, kMaxHorizon)};
}

void parse_case(const std::string& text, SgdCase& c) {
  auto [p, f] = read<QuadraticSpec>(text, [](const std::string& name, const Fields& pf) {
    if (name != "quadratic") bad("robbins-monro draws quadratic, not '" + name + "'");
    return std::get<QuadraticSpec>(smooth_problem(name, pf));
  });
  c = SgdCase{std::move(p), number(f, "sigma", 0.0, kMaxScale), number(f, "beta_factor", 0.0, kMaxScale),
              number(f, "gamma_factor", 0.0, kMaxScale), number(f, "alpha_fraction", 0.0, 1.0),
              seed_of(f, "noise_seed"), seed_of(f, "start_seed"), number(f, "horizon", 0, kMaxHorizon),
              number(f, "replicates", 1, 1024)};
}

void parse_case(const std::string& text, QPCase& c) {
  auto [p, f] = read<QPSpec>(text, [](const std::string& name, const Fields& pf) {
    if (name != "qp") bad("kkt (QP) draws qp, not '" + name + "'");
    QPSpec s{number(pf, "n", 1, kMaxDim), number(pf, "equalities", 0, kMaxDim), number(pf, "inequalities", 0, kMaxRows),
             number(pf, "active", 0, kMaxDim), seed_of(pf)};
    if (s.equalities + s.active > s.n || s.active > s.inequalities) bad("qp: equalities + active must be <= n, active <= inequalities");
    return s;
  });
  if (!f.empty()) bad("unexpected field " + f.begin()->first);
  c = QPCase{std::move(p)};
}

void parse_case(const std::string& text, SetCase& c) {
  auto [p, f] = read<SetProblemSpec>(text, [](const std::string& name, const Fields& pf) {
    if (name != "box-qp" && name != "simplex-qp") bad("kkt (projected gradient) draws box-qp or simplex-qp, not '" + name + "'");
    SetProblemSpec s{name == "box-qp" ? SetProblemSpec::Kind::box : SetProblemSpec::Kind::simplex,
                     number(pf, "n", 1, kMaxDim), number(pf, "active", 0, kMaxDim), seed_of(pf)};
    if (s.active > s.n || (s.kind == SetProblemSpec::Kind::simplex && s.active >= s.n)) bad(name + ": too many active coordinates");
    return s;
  });
  c = SetCase{std::move(p), seed_of(f, "start_seed")};
}

void parse_case(const std::string& text, AcceleratedCase& c) {
  auto [p, f] = read<AnyProblemSpec>(text, smooth_problem);
  c = AcceleratedCase{std::move(p), seed_of(f, "start_seed"), number(f, "radius", 1e-30, kMaxScale),
                      number(f, "horizon", 0, kMaxHorizon)};
}

}  // namespace optcheck
