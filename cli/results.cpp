#include "cli/results.hpp"

#include <cctype>
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

/// For plot series: 6 significant digits are plenty and keep results.json small.
nlohmann::ordered_json short_number(double x) {
  if (!std::isfinite(x)) return nullptr;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", x);
  return std::strtod(buf, nullptr);
}

/// At most max_points iterates of a trace for plotting: evenly spaced in t (linear rates, plotted against t) or in
/// log t (sublinear rates, plotted against log t); always the first and last.
std::vector<std::size_t> plot_indices(const std::vector<TracePoint>& trace, bool log_spaced, std::size_t max_points) {
  std::vector<std::size_t> out;
  if (trace.empty()) return out;
  const double first = static_cast<double>(trace.front().t), last = static_cast<double>(trace.back().t);
  auto position = [&](double t) { return log_spaced ? std::log1p(t - first) : t - first; };
  const double span = position(last);
  double next = 0;
  for (std::size_t i = 0; i < trace.size(); ++i) {
    const double p = position(static_cast<double>(trace[i].t));
    if (i + 1 == trace.size() || p >= next) {
      out.push_back(i);
      next = p + span / static_cast<double>(max_points - 1) * (1 - 1e-9);
    }
  }
  return out;
}

nlohmann::ordered_json plot_series(const CheckResult& r) {
  const auto& trace = r.profile_trace.empty() ? r.worst_trace : r.profile_trace;
  if (trace.empty()) return nullptr;
  const bool on_distance = r.theory.quantity == "distance";
  nlohmann::ordered_json t = nlohmann::ordered_json::array(), y = t, bound = t, floor = t;
  bool any_bound = false, any_floor = false;
  for (std::size_t i : plot_indices(trace, r.theory.kind == TheoreticalRate::Kind::sublinear, 120)) {
    const TracePoint& p = trace[i];
    t.push_back(p.t);
    y.push_back(short_number(rate_quantity(p, r.theory)));
    bound.push_back(short_number(p.bound));
    const double f = on_distance ? p.predicted_floor_distance : p.predicted_floor;
    floor.push_back(short_number(f));
    any_bound = any_bound || std::isfinite(p.bound);
    any_floor = any_floor || std::isfinite(f);
  }
  nlohmann::ordered_json j{{"from", r.profile_trace.empty() ? "worst case" : "profile"},
                           {"quantity", on_distance ? "distance" : "f - f*"},
                           {"t", t},
                           {"value", y}};
  if (any_bound) j["bound"] = bound;
  if (any_floor) j["predicted_floor"] = floor;
  return j;
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
  j["discarded"] = r.discarded;
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
                            {"fitted_on", std::string(r.profile_trace.empty() ? "the worst case's" : "the profile's") +
                                              " iterates t = " + std::to_string(r.observed_rate->first_t) + ".." +
                                              std::to_string(r.observed_rate->last_t) +
                                              " (the later half of those above 10x the predicted floor)"}};
    else
      j["observed_rate"] = nullptr;
  } else {
    j["theoretical_rate"] = nullptr;
    j["observed_rate"] = nullptr;
    j["rate_note"] = "the theorem states no rate for this method (the solver's iterations are in metrics)";
  }
  const Tightness& tight = w.tightness;
  if (tight.ratio >= 0)
    j["tightness"] = {{"ratio", number(tight.ratio)}, {"iterate", tight.iterate}, {"tight_bound", tight.bound}};
  else
    j["tightness"] = nullptr;
  if (r.theory.kind != TheoreticalRate::Kind::none) {
    const PrecisionFloor& f = r.floor;
    nlohmann::ordered_json pf{{"reached", f.reached}, {"u", f.u}, {"scale", number(f.scale)}, {"scale_is", f.scale_is}};
    if (f.reached) {
      pf["from_t"] = f.from_t;
      pf["value"] = number(f.value);
      pf["in_u"] = number(f.in_u);
      pf["predicted"] = number(f.predicted);
      pf["predicted_in_u"] = number(f.predicted_in_u);
      pf["observed_over_predicted"] = number(f.predicted > 0 ? f.value / f.predicted : std::nan(""));
    }
    pf["lowest"] = number(f.lowest);
    pf["lowest_in_u"] = number(f.u * f.scale > 0 ? f.lowest / (f.u * f.scale) : std::nan(""));
    j["precision_floor"] = pf;
  } else {
    j["precision_floor"] = nullptr;
  }
  if (!r.profile_instance.empty()) j["profile"] = r.profile_instance;
  j["plot"] = plot_series(r);
  if (!w.metrics.empty()) {
    nlohmann::ordered_json m;
    for (const auto& [k, v] : w.metrics) m[k] = number(v);
    j["metrics"] = m;
  }
  if (!w.notes.empty()) j["notes"] = w.notes;
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
  o << "t,suboptimality,gradient_norm,step_norm,x_norm,distance,step_size,f,bound\n";
  for (const auto& p : r.worst_trace) {
    o << p.t << "," << p.suboptimality << "," << p.gradient_norm << "," << p.step_norm << "," << p.x_norm << ","
      << p.distance << "," << p.step_size << "," << p.f << ",";
    if (std::isfinite(p.bound)) o << p.bound;  // empty: the theorem bounds nothing at this iterate
    o << "\n";
  }
  return o.str();
}

std::string trace_file_name(const CheckResult& r) {
  // Optimizer names come from users' code: keep the name a single, portable path component.
  std::string name = r.theorem + "_" + r.optimizer + "_" + r.problem + "_" + r.precision;
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') c = '_';
  if (!name.empty() && name[0] == '.') name[0] = '_';
  return name + ".csv";
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
