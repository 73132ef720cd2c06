#include "cli/results.hpp"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <unistd.h>

namespace optcheck::cli {
namespace {
/// JSON has no infinity: an unbounded ratio (bound ≤ 0 where the measurement was positive) is written as null.
nlohmann::ordered_json number(double x) {
  if (std::isfinite(x)) return x;
  return nullptr;
}
}  // namespace

nlohmann::ordered_json to_json(const CheckResult& r) {
  nlohmann::ordered_json j;
  j["theorem"] = r.theorem;
  j["optimizer"] = r.optimizer;
  j["problem"] = r.problem;
  j["precision"] = r.precision;
  j["status"] = to_string(r.status);
  j["cases"] = r.cases;
  j["cases_requested"] = r.cases_requested;
  j["seed"] = r.seed;
  const Verdict& w = r.worst;
  j["worst_ratio"] = w.worst_iterate >= 0 ? number(w.worst_ratio) : nlohmann::ordered_json(nullptr);
  if (w.worst_iterate >= 0) {
    j["worst"] = {{"inequality", w.worst_inequality},
                  {"iterate", w.worst_iterate},
                  {"measured", number(w.worst_measured)},
                  {"bound", number(w.worst_bound)},
                  {"slack", {{"value", number(w.worst_slack.value)},
                             {"k", number(w.worst_slack.k)},
                             {"u", w.worst_slack.u},
                             {"scale", number(w.worst_slack.scale)},
                             {"derivation", w.worst_slack.derivation}}}};
  }
  j["inequality_checks"] = w.checks;
  if (r.theory.kind != TheoreticalRate::Kind::none) {
    const bool linear = r.theory.kind == TheoreticalRate::Kind::linear;
    j["theoretical_rate"] = {{"kind", linear ? "linear" : "sublinear"},
                             {"quantity", r.theory.quantity},
                             {linear ? "factor" : "exponent", number(r.theory.value)}};
    if (r.observed_rate)
      j["observed_rate"] = {{"kind", linear ? "linear" : "sublinear"},
                            {"quantity", r.theory.quantity},
                            {linear ? "factor" : "exponent", number(r.observed_rate->estimate)},
                            {"interval", {number(r.observed_rate->low), number(r.observed_rate->high)}},
                            {"points", r.observed_rate->points},
                            {"fitted_on", "the worst case's trace, iterates above 1e-12 of the start"}};
    else
      j["observed_rate"] = nullptr;
  }
  if (!w.metrics.empty()) {
    nlohmann::ordered_json m;
    for (const auto& [k, v] : w.metrics) m[k] = number(v);
    j["metrics"] = m;
  }
  if (!r.counterexample.empty()) j["counterexample"] = r.counterexample;
  if (!r.failure.empty()) j["failure"] = r.failure;
  if (!r.message.empty()) j["message"] = r.message;
  return j;
}

nlohmann::ordered_json results_document(std::uint64_t seed, const std::vector<CheckResult>& results) {
  nlohmann::ordered_json doc;
  doc["optcheck_version"] = "0.1.0";
  doc["seed"] = seed;
  doc["checks"] = nlohmann::ordered_json::array();
  for (const auto& r : results) doc["checks"].push_back(to_json(r));
  return doc;
}

std::string trace_csv(const CheckResult& r) {
  std::ostringstream o;
  o.precision(17);
  o << "t,suboptimality,gradient_norm,step_norm,x_norm,distance,step_size\n";
  for (const auto& p : r.worst_trace)
    o << p.t << "," << p.suboptimality << "," << p.gradient_norm << "," << p.step_norm << "," << p.x_norm << ","
      << p.distance << "," << p.step_size << "\n";
  return o.str();
}

std::string trace_file_name(const CheckResult& r) {
  return r.theorem + "_" + r.optimizer + "_" + r.problem + "_" + r.precision + ".csv";
}

void write_atomically(const std::filesystem::path& path, const std::string& text) {
  const std::filesystem::path tmp = path.string() + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write " + tmp.string());
    out << text;
    out.flush();
    if (!out) {
      std::remove(tmp.c_str());
      throw std::runtime_error("cannot write " + tmp.string());
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::remove(tmp.c_str());
    throw std::runtime_error("cannot rename " + tmp.string() + " to " + path.string() + ": " + ec.message());
  }
}

}  // namespace optcheck::cli
