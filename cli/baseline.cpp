#include "cli/baseline.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/results.hpp"

#ifndef OPTCHECK_BUILD_FLAGS
#define OPTCHECK_BUILD_FLAGS "unknown"
#endif

namespace optcheck::cli {
namespace {

using Json = nlohmann::ordered_json;
namespace fs = std::filesystem;

constexpr int kBaselineSchemaVersion = 1;
constexpr const char* kVersion = "0.1.0";

/// A metric regresses when obtained > expected + relative·|expected| + absolute. The same build and seed reproduce
/// every metric exactly; the tolerances leave room for another compiler or libm and catch a change of the error's
/// order: a worst ratio that grows by a tenth, a floor or a deviation that doubles. The absolute parts are the noise
/// level of each metric: 0.02 of a bound; a thousandth of u·scale for floors and deviations (a floor that is exactly
/// 0 in one build may be 1e-4·u·scale in another; the bf16 updates lost without master weights raise floors by
/// 2–3 orders of magnitude, from ~1e-5 to ~1e-2 u·scale, tests/baseline_test.sh).
struct Tolerance {
  const char* metric;
  double relative, absolute;
};
constexpr Tolerance kTolerances[] = {
    {"worst_ratio", 0.10, 0.02},
    {"lowest_in_u", 1.0, 1e-3},
    {"deviation_in_u", 1.0, 1e-3},
};

/// Metrics that are ≥ 0 by construction; lowest_in_u (f − f* against an f* known to its own error) may be negative.
bool non_negative(const std::string& metric) { return metric == "deviation_in_u"; }

double limit_of(double expected, const Tolerance& t) { return expected + t.relative * std::abs(expected) + t.absolute; }

std::string name_of(const CheckEntry& e) {
  return e.theorem + "/" + e.optimizer + "/" + e.problem + "/" + std::string(info(e.precision).name);
}

/// The reference run of a check: the same theorem, optimizer and problem in the widest precision the catalogue has,
/// at least 2^20 times finer than the check's (its own rounding is then below 10⁻⁶ of the check's u).
const CheckEntry* reference_for(const Catalogue& cat, const CheckEntry& e) {
  const double u = info(e.precision).unit_roundoff;
  const CheckEntry* best = nullptr;
  for (const auto& r : cat.entries()) {
    if (r.theorem != e.theorem || r.optimizer != e.optimizer || r.problem != e.problem || !r.profile) continue;
    const double ur = info(r.precision).unit_roundoff;
    if (ur > u * std::ldexp(1.0, -20)) continue;
    if (!best || ur < info(best->precision).unit_roundoff) best = &r;
  }
  return best;
}

double number_or_nan(const Json& j) { return j.is_number() ? j.get<double>() : std::nan(""); }

/// max over common iterates of |q − q_ref| / (u·scale).
double deviation_in_u(const CheckOutput& run, const CheckOutput& ref, double u, double scale) {
  std::map<long, double> reference(ref.profile_curve.begin(), ref.profile_curve.end());
  double worst = -1;
  for (const auto& [t, q] : run.profile_curve) {
    const auto it = reference.find(t);
    if (it == reference.end() || !std::isfinite(q) || !std::isfinite(it->second)) continue;
    worst = std::max(worst, std::abs(q - it->second) / (u * scale));
  }
  return worst;
}

struct Measured {
  std::string status;
  Json metrics;  ///< worst_ratio, lowest_in_u, deviation_in_u (null when not measured)
  Json info;     ///< for the reader: predicted floor in u, the reference
};

/// Runs the checks and their references in workers; returns one Measured per check, in order.
std::vector<Measured> measure(const Catalogue& cat, const std::vector<const CheckEntry*>& checks, std::uint64_t seed,
                              int cases, const WorkerOptions& workers) {
  std::vector<const CheckEntry*> todo = checks;
  std::vector<const CheckEntry*> refs;
  for (const CheckEntry* e : checks) {
    const CheckEntry* r = reference_for(cat, *e);
    refs.push_back(r);
    if (r && std::find(todo.begin(), todo.end(), r) == todo.end()) todo.push_back(r);
  }
  std::vector<RunParams> params;
  for (const CheckEntry* e : todo) {
    RunParams p;
    p.seed = seed;
    // A reference contributes its profile run only; one case keeps an MPFR reference affordable.
    p.cases = std::find(checks.begin(), checks.end(), e) != checks.end() ? cases : 1;
    params.push_back(p);
  }
  std::cout << "optcheck baseline: " << checks.size() << " checks and " << todo.size() - checks.size()
            << " reference runs, seed " << seed << ", " << cases << " cases per check\n";
  const ConsoleFormat quiet = [](const CheckResult&, double) { return std::string(); };
  std::size_t total = todo.size();
  const std::vector<CheckOutput> out = run_in_workers(todo, params, quiet, workers, [total](const CheckOutput&, std::size_t done) {
    if (done % 10 == 0 || done == total) std::cout << "  " << done << "/" << total << " runs done\n" << std::flush;
  });
  std::vector<Measured> measured;
  for (std::size_t i = 0; i < checks.size(); ++i) {
    const CheckOutput& o = out[i];
    const double u = info(checks[i]->precision).unit_roundoff;
    Measured m;
    m.status = o.entry.value("status", "error");
    m.metrics["worst_ratio"] = o.entry.contains("worst_ratio") ? o.entry["worst_ratio"] : Json(nullptr);
    const Json floor = o.entry.contains("precision_floor") ? o.entry["precision_floor"] : Json(nullptr);
    m.metrics["lowest_in_u"] = floor.is_object() && floor.contains("lowest_in_u") ? floor["lowest_in_u"] : Json(nullptr);
    double scale = floor.is_object() ? number_or_nan(floor["scale"]) : std::nan("");
    m.metrics["deviation_in_u"] = nullptr;
    if (refs[i]) {
      const auto at = std::find(todo.begin(), todo.end(), refs[i]) - todo.begin();
      const CheckOutput& r = out[static_cast<std::size_t>(at)];
      if (!(scale > 0) && !r.profile_curve.empty()) scale = std::abs(r.profile_curve.front().second);
      if (scale > 0 && std::isfinite(scale)) {
        const double d = deviation_in_u(o, r, u, scale);
        if (d >= 0) m.metrics["deviation_in_u"] = d;
      }
      m.info["reference"] = std::string(info(refs[i]->precision).name);
    } else {
      m.info["reference"] = nullptr;
    }
    m.info["u"] = u;
    m.info["predicted_floor_in_u"] =
        floor.is_object() && floor.contains("predicted_in_u") ? floor["predicted_in_u"] : Json(nullptr);
    m.info["floor_in_u"] = floor.is_object() && floor.contains("in_u") ? floor["in_u"] : Json(nullptr);
    measured.push_back(std::move(m));
  }
  return measured;
}

/// tolerances: the file's own when updating one (a user may have widened them), else the defaults.
Json document(const std::vector<const CheckEntry*>& checks, const std::vector<Measured>& measured, std::uint64_t seed,
              int cases, const std::string& command, const std::map<std::string, Tolerance>& tolerances = {}) {
  Json doc;
  doc["schema"] = "optcheck-baseline";
  doc["schema_version"] = kBaselineSchemaVersion;
  doc["header"] = {{"optcheck_version", kVersion},
                   {"compiler", std::string(
#if defined(__clang__)
                                    "clang "
#elif defined(__GNUC__)
                                    "gcc "
#endif
                                    ) + __VERSION__},
                   {"flags", OPTCHECK_BUILD_FLAGS},
                   {"seed", seed},
                   {"cases", cases},
                   {"command", command},
                   {"numbers", "shortest decimal that reads back to the same double (at most 17 significant digits)"}};
  Json tol;
  for (const auto& d : kTolerances) {
    const auto it = tolerances.find(d.metric);
    const Tolerance& t = it == tolerances.end() ? d : it->second;
    tol[d.metric] = {{"relative", t.relative}, {"absolute", t.absolute}};
  }
  doc["tolerances"] = tol;
  doc["checks"] = Json::array();
  for (std::size_t i = 0; i < checks.size(); ++i) {
    const CheckEntry& e = *checks[i];
    doc["checks"].push_back({{"theorem", e.theorem},
                             {"optimizer", e.optimizer},
                             {"problem", e.problem},
                             {"precision", std::string(info(e.precision).name)},
                             {"status", measured[i].status},
                             {"metrics", measured[i].metrics},
                             {"info", measured[i].info}});
  }
  return doc;
}

bool all_hold(const std::vector<const CheckEntry*>& checks, const std::vector<Measured>& measured) {
  bool ok = true;
  for (std::size_t i = 0; i < checks.size(); ++i)
    if (measured[i].status == "violated" || measured[i].status == "error") {
      std::cout << "  " << name_of(*checks[i]) << ": " << measured[i].status << " (see optcheck run --precision "
                << info(checks[i]->precision).name << ")\n";
      ok = false;
    }
  return ok;
}

void write_baseline(const fs::path& file, const Json& doc) {
  try {
    if (file.has_parent_path()) fs::create_directories(file.parent_path());
    write_atomically(file, doc.dump(2) + "\n");
  } catch (const std::exception& e) {
    throw BaselineInputError(std::string("cannot write the baseline: ") + e.what());
  }
}

// ---- reading a baseline file (untrusted input) ----

[[noreturn]] void bad(const fs::path& file, const std::string& what) { throw BaselineInputError(file.string() + ": " + what); }

const Json& field(const fs::path& file, const Json& j, const std::string& where, const char* key) {
  if (!j.is_object() || !j.contains(key)) bad(file, where + ": missing field '" + key + "'");
  return j[key];
}

std::string string_field(const fs::path& file, const Json& j, const std::string& where, const char* key) {
  const Json& v = field(file, j, where, key);
  if (!v.is_string() || v.get<std::string>().size() > 256) bad(file, where + "." + key + ": not a name");
  return v.get<std::string>();
}

/// A metric: a finite number (non-negative where it must be), or null (not measured).
double metric_field(const fs::path& file, const Json& metrics, const std::string& where, const char* key) {
  const Json& v = field(file, metrics, where, key);
  if (v.is_null()) return std::nan("");
  if (!v.is_number() || !std::isfinite(v.get<double>()) || (non_negative(key) && v.get<double>() < 0))
    bad(file, where + "." + key + (non_negative(key) ? ": not a finite non-negative number or null" : ": not a finite number or null"));
  return v.get<double>();
}

struct Expected {
  const CheckEntry* entry;
  std::string status;
  std::map<std::string, double> metrics;
};

struct BaselineFile {
  std::uint64_t seed = 0;
  int cases = 0;
  std::map<std::string, Tolerance> tolerances;
  std::vector<Expected> checks;
};

BaselineFile read_baseline(const Catalogue& cat, const fs::path& file) {
  std::error_code ec;
  if (fs::is_directory(file, ec)) bad(file, "is a directory, not a baseline file");
  std::ifstream in(file, std::ios::binary);
  if (!in) bad(file, "cannot read (record one with: optcheck baseline record --file " + file.string() + ")");
  const auto size = fs::file_size(file, ec);
  if (!ec && size > (std::uintmax_t{1} << 26)) bad(file, "larger than 64 MiB, not a baseline file");
  std::ostringstream text;
  text << in.rdbuf();
  if (json_depth(text.str()) > 16) bad(file, "JSON nested deeper than 16, not a baseline file");
  Json doc;
  try {
    doc = Json::parse(text.str());
  } catch (const nlohmann::json::exception& e) {
    bad(file, std::string("invalid JSON: ") + e.what());
  }
  if (!doc.is_object() || doc.value("schema", Json()) != "optcheck-baseline") bad(file, "not an optcheck baseline (schema)");
  if (doc.value("schema_version", Json()) != kBaselineSchemaVersion)
    bad(file, "schema_version " + doc.value("schema_version", Json()).dump() + " is not " +
                  std::to_string(kBaselineSchemaVersion) + " (record it again with this optcheck)");
  BaselineFile b;
  const Json& header = field(file, doc, "", "header");
  const Json& seed = field(file, header, "header", "seed");
  if (!seed.is_number_unsigned()) bad(file, "header.seed: not a non-negative integer");
  b.seed = seed.get<std::uint64_t>();
  const Json& cases = field(file, header, "header", "cases");
  if (!cases.is_number_integer() || cases.get<long long>() < 1 || cases.get<long long>() > 1000000)
    bad(file, "header.cases: not an integer in [1, 1000000]");
  b.cases = static_cast<int>(cases.get<long long>());
  const Json& tol = field(file, doc, "", "tolerances");
  for (const auto& t : kTolerances) {
    const Json& one = field(file, tol, "tolerances", t.metric);
    Tolerance read = t;
    for (const char* k : {"relative", "absolute"}) {
      const Json& v = field(file, one, std::string("tolerances.") + t.metric, k);
      if (!v.is_number() || !std::isfinite(v.get<double>()) || v.get<double>() < 0 || v.get<double>() > 1e6)
        bad(file, std::string("tolerances.") + t.metric + "." + k + ": not a number in [0, 1e6]");
      (std::string(k) == "relative" ? read.relative : read.absolute) = v.get<double>();
    }
    b.tolerances.emplace(t.metric, read);
  }
  const Json& checks = field(file, doc, "", "checks");
  if (!checks.is_array() || checks.empty() || checks.size() > 100000) bad(file, "checks: not a non-empty array");
  for (std::size_t i = 0; i < checks.size(); ++i) {
    const std::string where = "checks[" + std::to_string(i) + "]";
    const Json& c = checks[i];
    const std::string theorem = string_field(file, c, where, "theorem"), optimizer = string_field(file, c, where, "optimizer"),
                      problem = string_field(file, c, where, "problem"), precision = string_field(file, c, where, "precision");
    const CheckEntry* entry = nullptr;
    for (const auto& e : cat.entries())
      if (e.theorem == theorem && e.optimizer == optimizer && e.problem == problem && info(e.precision).name == precision)
        entry = &e;
    if (!entry)  // names from the file are never echoed raw: only their length, and the catalogue's names
      bad(file, where + ": names a check this build does not have (see 'optcheck list')");
    Expected x{entry, string_field(file, c, where, "status"), {}};
    if (x.status != "holds" && x.status != "violated" && x.status != "inconclusive" && x.status != "error")
      bad(file, where + ".status: not holds, violated, inconclusive or error");
    const Json& metrics = field(file, c, where, "metrics");
    for (const auto& t : kTolerances) x.metrics[t.metric] = metric_field(file, metrics, where + ".metrics", t.metric);
    b.checks.push_back(std::move(x));
  }
  return b;
}

std::string cell(double x) {
  if (std::isnan(x)) return "-";
  std::ostringstream o;
  o << std::setprecision(4) << x;
  return o.str();
}

}  // namespace

std::vector<const CheckEntry*> default_baseline_checks(const Catalogue& cat) {
  std::vector<const CheckEntry*> out;
  for (const auto& e : cat.entries())
    if (info(e.precision).family == PrecisionFamily::lowprec) out.push_back(&e);
  return out;
}

int baseline_record(const Catalogue& cat, const BaselineRequest& request) {
  if (request.checks.empty()) throw BaselineInputError("no check to record (no low-precision check matches the selection)");
  const auto measured = measure(cat, request.checks, request.seed, request.cases, request.workers);
  if (!all_hold(request.checks, measured)) {
    std::cout << "optcheck baseline: not recorded: a baseline records a tree whose checks hold\n";
    return 1;
  }
  write_baseline(request.file, document(request.checks, measured, request.seed, request.cases, request.command));
  std::cout << "optcheck baseline: recorded " << request.checks.size() << " checks in " << request.file.string() << "\n";
  return 0;
}

int baseline_check(const Catalogue& cat, const BaselineRequest& request, bool update) {
  const BaselineFile b = read_baseline(cat, request.file);
  std::vector<const CheckEntry*> checks;
  for (const auto& x : b.checks) checks.push_back(x.entry);
  const auto measured = measure(cat, checks, b.seed, b.cases, request.workers);
  if (update) {
    if (!all_hold(checks, measured)) {
      std::cout << "optcheck baseline: not updated: a baseline records a tree whose checks hold\n";
      return 1;
    }
    write_baseline(request.file, document(checks, measured, b.seed, b.cases, request.command, b.tolerances));
    std::cout << "optcheck baseline: updated " << checks.size() << " checks in " << request.file.string() << "\n";
    return 0;
  }
  int regressions = 0, improvements = 0;
  std::cout << std::left << std::setw(58) << "check" << std::setw(16) << "metric" << std::right << std::setw(11)
            << "obtained" << std::setw(11) << "expected" << std::setw(11) << "limit" << std::setw(9) << "ratio"
            << "  verdict\n";
  for (std::size_t i = 0; i < checks.size(); ++i) {
    const Expected& x = b.checks[i];
    const Measured& m = measured[i];
    const std::string name = name_of(*checks[i]);
    const bool held = x.status == "holds" || x.status == "inconclusive";
    if (held && (m.status == "violated" || m.status == "error")) {
      ++regressions;
      std::cout << std::left << std::setw(58) << name << std::setw(16) << "status" << std::right << std::setw(11)
                << m.status << std::setw(11) << x.status << std::setw(31) << "" << "  REGRESSION\n";
    }
    for (const auto& t : kTolerances) {
      const Tolerance& tol = b.tolerances.at(t.metric);
      const double expected = x.metrics.at(t.metric);
      const double obtained = number_or_nan(m.metrics[t.metric]);
      const double limit = limit_of(expected, tol);
      std::string verdict = "ok";
      if (std::isnan(expected) != std::isnan(obtained)) {
        verdict = std::isnan(obtained) ? "REGRESSION (not measured)" : "new metric";
        regressions += std::isnan(obtained);
      } else if (!std::isnan(expected) && !(obtained <= limit)) {
        verdict = "REGRESSION";
        ++regressions;
      } else if (!std::isnan(expected) && limit_of(obtained, tol) < expected) {
        verdict = "improved";
        ++improvements;
      }
      std::cout << std::left << std::setw(58) << name << std::setw(16) << t.metric << std::right << std::setw(11)
                << cell(obtained) << std::setw(11) << cell(expected) << std::setw(11) << cell(limit) << std::setw(9)
                << cell(expected > 0 ? obtained / expected : std::nan("")) << "  " << verdict << "\n";
    }
  }
  std::cout << "optcheck baseline: " << checks.size() << " checks, " << regressions << " regression(s), "
            << improvements << " improvement(s) against " << request.file.string() << " (seed " << b.seed << ")";
  if (improvements && !regressions) std::cout << "; record the improvement with: optcheck baseline check --update";
  std::cout << "\n";
  return regressions ? 1 : 0;
}

}  // namespace optcheck::cli
