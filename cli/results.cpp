#include "cli/results.hpp"

#include "theorems/catalogue.hpp"

#include <algorithm>
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
  if (r.adversary.ran)
    j["adversarial"] = {{"start_ratio", number(r.adversary.start_ratio)},
                        {"best_ratio", number(r.adversary.best_ratio)},
                        {"evaluations", r.adversary.evaluations},
                        {"improvements", r.adversary.improvements},
                        {"instance", r.adversary.instance}};
  if (r.horizons.traced_cases > 0)
    j["horizons"] = {{"longest", r.horizons.longest},
                     {"cases", r.horizons.traced_cases},
                     {"at_least_200", r.horizons.at_least_200}};
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
    j["rate_note"] = "the theorem states no rate for this method (the worst case's iterations are in metrics)";
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
  doc["schema_version"] = kResultsSchemaVersion;
  doc["seed"] = seed;
  doc["checks"] = nlohmann::ordered_json::array();
  for (const auto& r : results) doc["checks"].push_back(to_json(r));
  return doc;
}

namespace {

using Json = nlohmann::ordered_json;

[[noreturn]] void bad(const std::string& where, const std::string& what) {
  throw std::invalid_argument(where + ": " + what);
}
const Json& field(const Json& o, const std::string& where, const char* key) {
  if (!o.contains(key)) bad(where, std::string("missing field '") + key + "'");
  return o[key];
}
void require_string(const Json& v, const std::string& where) {
  if (!v.is_string()) bad(where, "expected a string, found " + std::string(v.type_name()));
}
/// A name (theorem, optimizer, problem, precision): 1–256 bytes, no control characters.
void require_name(const Json& v, const std::string& where) {
  require_string(v, where);
  const std::string& s = v.get_ref<const std::string&>();
  if (s.empty() || s.size() > 256) bad(where, "a name must have 1 to 256 bytes");
  for (char c : s)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) bad(where, "a name must not contain control characters");
}
void require_count(const Json& v, const std::string& where) {
  if (!v.is_number_unsigned() && !(v.is_number_integer() && v.get<long long>() >= 0))
    bad(where, "expected a non-negative integer, found " + v.dump().substr(0, 40));
}
void require_integer(const Json& v, const std::string& where) {
  if (!v.is_number_integer()) bad(where, "expected an integer, found " + v.dump().substr(0, 40));
}
/// results_document writes non-finite numbers as null.
void require_number(const Json& v, const std::string& where) {
  if (!v.is_number() && !v.is_null()) bad(where, "expected a number or null, found " + v.dump().substr(0, 40));
}
void require_object(const Json& v, const std::string& where) {
  if (!v.is_object()) bad(where, "expected an object, found " + std::string(v.type_name()));
}
void optional_strings(const Json& c, const std::string& where, std::initializer_list<const char*> keys) {
  for (const char* k : keys)
    if (c.contains(k)) require_string(c[k], where + "." + k);
}
void numbers(const Json& o, const std::string& where, std::initializer_list<const char*> keys, bool required) {
  for (const char* k : keys)
    if (required || o.contains(k)) require_number(field(o, where, k), where + "." + k);
}

void validate_rate(const Json& r, const std::string& where, bool observed) {
  if (r.is_null()) return;
  require_object(r, where);
  const Json& kind = field(r, where, "kind");
  if (kind != "linear" && kind != "sublinear") bad(where + ".kind", "expected \"linear\" or \"sublinear\"");
  require_string(field(r, where, "quantity"), where + ".quantity");
  require_number(field(r, where, kind == "linear" ? "factor" : "exponent"), where + (kind == "linear" ? ".factor" : ".exponent"));
  if (!observed) return;
  const Json& interval = field(r, where, "interval");
  if (!interval.is_array() || interval.size() != 2) bad(where + ".interval", "expected two numbers");
  for (const auto& x : interval) require_number(x, where + ".interval");
  require_count(field(r, where, "points"), where + ".points");
  optional_strings(r, where, {"fitted_on"});
}

void validate_plot(const Json& p, const std::string& where) {
  if (p.is_null()) return;
  require_object(p, where);
  require_string(field(p, where, "from"), where + ".from");
  require_string(field(p, where, "quantity"), where + ".quantity");
  const Json& t = field(p, where, "t");
  if (!t.is_array()) bad(where + ".t", "expected an array");
  for (const auto& x : t) require_integer(x, where + ".t");
  for (const char* k : {"value", "bound", "predicted_floor"}) {
    if (!p.contains(k) && std::string(k) != "value") continue;
    const Json& a = field(p, where, k);
    if (!a.is_array() || a.size() != t.size()) bad(where + "." + k, "expected an array as long as t");
    for (const auto& x : a) require_number(x, where + "." + k);
  }
}

void validate_check(const Json& c, const std::string& where) {
  require_object(c, where);
  for (const char* k : {"theorem", "optimizer", "problem", "precision"}) require_name(field(c, where, k), where + "." + k);
  const std::string& theorem = c["theorem"].get_ref<const std::string&>();
  if (std::none_of(theorems::catalogue.begin(), theorems::catalogue.end(),
                   [&](const theorems::TheoremInfo& t) { return theorem == t.id; }))
    bad(where + ".theorem", "'" + theorem + "' is not a theorem of this optcheck (optcheck list names them)");
  const Json& status = field(c, where, "status");
  if (status != "holds" && status != "violated" && status != "inconclusive" && status != "error")
    bad(where + ".status", "expected holds, violated, inconclusive or error, found " + status.dump().substr(0, 40));
  for (const char* k : {"cases", "cases_requested", "seed"}) require_count(field(c, where, k), where + "." + k);
  for (const char* k : {"discarded", "inequality_checks"})
    if (c.contains(k)) require_count(c[k], where + "." + k);
  // Every field the renderers read is required (null where results_document writes null): a file with one deleted
  // is refused here, not met by a lookup of a missing key in a renderer.
  for (const char* k : {"theoretical_rate", "observed_rate", "tightness", "precision_floor", "plot"}) field(c, where, k);
  numbers(c, where, {"worst_ratio"}, true);
  if (c.contains("adversarial")) {
    const Json& a = c["adversarial"];
    const std::string aw = where + ".adversarial";
    require_object(a, aw);
    numbers(a, aw, {"start_ratio", "best_ratio"}, true);
    for (const char* k : {"evaluations", "improvements"}) require_count(field(a, aw, k), aw + "." + k);
    require_string(field(a, aw, "instance"), aw + ".instance");
  }
  if (c.contains("horizons")) {
    const Json& h = c["horizons"];
    require_object(h, where + ".horizons");
    require_integer(field(h, where + ".horizons", "longest"), where + ".horizons.longest");
    for (const char* k : {"cases", "at_least_200"}) require_count(field(h, where + ".horizons", k), where + ".horizons." + k);
  }
  if (c.contains("worst") && !c["worst"].is_null()) {
    const Json& w = c["worst"];
    const std::string ww = where + ".worst";
    require_object(w, ww);
    require_string(field(w, ww, "inequality"), ww + ".inequality");
    require_integer(field(w, ww, "iterate"), ww + ".iterate");
    numbers(w, ww, {"measured", "bound"}, true);
    const Json& s = field(w, ww, "slack");
    require_object(s, ww + ".slack");
    numbers(s, ww + ".slack", {"value", "k", "u", "scale"}, true);
    require_string(field(s, ww + ".slack", "derivation"), ww + ".slack.derivation");
  }
  validate_rate(c["theoretical_rate"], where + ".theoretical_rate", false);
  validate_rate(c["observed_rate"], where + ".observed_rate", true);
  if (!c["observed_rate"].is_null() && (c["theoretical_rate"].is_null() || c["observed_rate"]["kind"] != c["theoretical_rate"]["kind"]))
    bad(where + ".observed_rate", "an observed rate needs a theoretical rate of the same kind");
  if (c.contains("tightness") && !c["tightness"].is_null()) {
    const Json& t = c["tightness"];
    require_object(t, where + ".tightness");
    numbers(t, where + ".tightness", {"ratio"}, true);
    require_integer(field(t, where + ".tightness", "iterate"), where + ".tightness.iterate");
    require_string(field(t, where + ".tightness", "tight_bound"), where + ".tightness.tight_bound");
  }
  if (c.contains("precision_floor") && !c["precision_floor"].is_null()) {
    const Json& f = c["precision_floor"];
    const std::string fw = where + ".precision_floor";
    require_object(f, fw);
    if (!field(f, fw, "reached").is_boolean()) bad(fw + ".reached", "expected true or false");
    // As results_document writes it, and as the renderers read it: a reached floor has all of its numbers.
    numbers(f, fw, {"u", "scale", "lowest", "lowest_in_u"}, true);
    const bool reached = f["reached"].get<bool>();
    numbers(f, fw, {"value", "in_u", "predicted", "predicted_in_u", "observed_over_predicted"}, reached);
    if (reached) require_integer(field(f, fw, "from_t"), fw + ".from_t");
    optional_strings(f, fw, {"scale_is"});
  }
  validate_plot(c["plot"], where + ".plot");
  if (c.contains("metrics")) {
    require_object(c["metrics"], where + ".metrics");
    for (const auto& [k, v] : c["metrics"].items()) require_number(v, where + ".metrics." + k);
  }
  if (c.contains("notes")) {
    if (!c["notes"].is_array()) bad(where + ".notes", "expected an array of strings");
    for (const auto& n : c["notes"]) require_string(n, where + ".notes");
  }
  optional_strings(c, where, {"failure", "counterexample", "message", "profile", "rate_note"});
}

}  // namespace

void validate_results(const nlohmann::ordered_json& doc) {
  require_object(doc, "results");
  const Json& schema = field(doc, "results", "schema_version");
  if (schema != kResultsSchemaVersion)
    bad("schema_version", schema.dump().substr(0, 40) + " is not " + std::to_string(kResultsSchemaVersion) +
                              ", the results format this optcheck reads (re-run the checks with this optcheck)");
  require_count(field(doc, "results", "seed"), "seed");
  const Json& checks = field(doc, "results", "checks");
  if (!checks.is_array()) bad("checks", "expected an array");
  for (std::size_t i = 0; i < checks.size(); ++i) validate_check(checks[i], "checks[" + std::to_string(i) + "]");
}

std::size_t json_depth(const std::string& text) {
  std::size_t depth = 0, deepest = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
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
