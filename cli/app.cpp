// The optcheck command's body (list / run / report) over a catalogue of checks: the built-in one for the
// `optcheck` program, a user's Registry for optcheck::main. Writes <out>/{results.json, report.md, index.html,
// timings.json, traces/}.
//
// Exit codes: 0 every check holds (inconclusive checks are listed, not failed); 1 a theorem was violated or an
// optimizer failed (threw, NaN/Inf, wrong dimension, did not stop); 2 bad usage or input; 3 internal error.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <unistd.h>

#include "reports/report.hpp"
#include "cli/app.hpp"
#include "cli/baseline.hpp"
#include "cli/output_dir.hpp"
#include "cli/workers.hpp"
#include "cli/results.hpp"
#include "theorems/catalogue.hpp"

namespace fs = std::filesystem;
using namespace optcheck;

namespace {

constexpr int kExitHolds = 0, kExitViolated = 1, kExitUsage = 2, kExitInternal = 3;

/// A bad-input error: reported as one line, exit 2.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Selection {
  std::vector<std::string> theorems, optimizers, problems, precisions;
};

bool selected(const std::vector<std::string>& wanted, const std::string& name) {
  return wanted.empty() || std::find(wanted.begin(), wanted.end(), name) != wanted.end();
}

std::string precision_name(const CheckEntry& e) { return std::string(info(e.precision).name); }

/// Throws UsageError naming the first unknown name.
void validate(const Catalogue& cat, const Selection& s) {
  std::set<std::string> th, op, pb, pr;
  for (const auto& e : cat.entries()) {
    th.insert(e.theorem);
    op.insert(e.optimizer);
    pb.insert(e.problem);
    pr.insert(precision_name(e));
  }
  auto check = [](const std::vector<std::string>& given, const std::set<std::string>& known, const char* flag) {
    for (const auto& g : given)
      if (!known.count(g)) {
        std::string list;
        for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
        throw UsageError(std::string("unknown ") + flag + " '" + g + "' (known: " + list + ")");
      }
  };
  check(s.theorems, th, "--theorem");
  check(s.optimizers, op, "--optimizer");
  check(s.problems, pb, "--problem");
  for (const auto& g : s.precisions)  // a precision optcheck has but no check runs in: say so, not "unknown"
    if (!pr.count(g) && std::any_of(precisions().begin(), precisions().end(), [&](const auto& p) { return p.name == g; }))
      throw UsageError("--precision '" + g + "': no theorem check runs in it yet (optimizers run in it in the unit " +
                       "tests; 'optcheck list' shows which precisions have checks)");
  check(s.precisions, pr, "--precision");
}

/// "I/N" with 1 ≤ I ≤ N.
std::pair<int, int> parse_shard(const std::string& text) {
  const auto slash = text.find('/');
  try {
    if (slash == std::string::npos) throw std::invalid_argument("");
    std::size_t a = 0, b = 0;
    const int i = std::stoi(text.substr(0, slash), &a), n = std::stoi(text.substr(slash + 1), &b);
    if (a != slash || b != text.size() - slash - 1 || n < 1 || i < 1 || i > n) throw std::invalid_argument("");
    return {i, n};
  } catch (const std::exception&) {
    throw UsageError("--shard '" + text + "' is not I/N with 1 <= I <= N");
  }
}

std::uint64_t parse_seed(const std::string& text) {
  if (text == "random") return (static_cast<std::uint64_t>(std::random_device{}()) << 32) ^ std::random_device{}();
  try {
    std::size_t used = 0;
    const auto seed = std::stoull(text, &used);
    if (used != text.size() || text[0] == '-') throw std::invalid_argument("");
    return seed;
  } catch (const std::exception&) {
    throw UsageError("--seed '" + text + "' is not a non-negative integer or 'random'");
  }
}

/// double and float128 where the catalogue has checks in them (a user's catalogue may have double only).
std::vector<std::string> default_precisions(const Catalogue& cat) {
  std::vector<std::string> out;
  for (const char* p : {"double", "float128"})
    for (const auto& e : cat.entries())
      if (precision_name(e) == p) {
        out.push_back(p);
        break;
      }
  return out;
}

int list_command(const Catalogue& cat) {
  std::cout << "Theorems:\n";
  for (const auto& t : theorems::catalogue)
    if (std::any_of(cat.entries().begin(), cat.entries().end(), [&](const CheckEntry& e) { return e.theorem == t.id; }))
      std::cout << "  " << std::left << std::setw(16) << t.id << t.statement << "\n  " << std::setw(16) << ""
              << "[" << t.citation << "]\n";
  std::cout << "\nChecks (theorem  optimizer  problem  precision  default cases):\n";
  for (const auto& e : cat.entries())
    std::cout << "  " << column(e.theorem, 16) << column(e.optimizer, 21) << column(e.problem, 21) << std::left
              << std::setw(13) << info(e.precision).name << e.default_cases << "\n";
  std::cout << "\nPrecisions (checks registered in each):\n";
  std::size_t width = 0;
  for (const auto& p : precisions()) width = std::max(width, p.description.size());
  for (const auto& p : precisions()) {
    const auto n = std::count_if(cat.entries().begin(), cat.entries().end(),
                                 [&](const CheckEntry& e) { return precision_name(e) == p.name; });
    std::cout << "  " << std::left << std::setw(13) << p.name << "u = " << std::setw(13) << p.unit_roundoff
              << std::setw(static_cast<int>(width) + 2) << p.description << (n ? std::to_string(n) + " checks" : "no checks yet") << "\n";
  }
  return kExitHolds;
}

std::string fmt(double x) {
  if (!std::isfinite(x)) return "inf";
  std::ostringstream o;
  o << std::setprecision(4) << x;
  return o.str();
}

/// Writes results.json, report.md and index.html (and a JUnit file inside --out) into the staging directory.
/// Returns the JUnit file to write after the switch (outside --out), or "".
fs::path stage_outputs(const cli::OutputDir& dir, const nlohmann::ordered_json& doc, const std::string& junit) {
  const fs::path junit_file = junit.empty() ? fs::path() : dir.junit_path(junit);
  try {
    cli::write_atomically(dir.staging() / "results.json", doc.dump(2) + "\n");
    cli::write_atomically(dir.staging() / "report.md", reports::render_markdown(doc));
    cli::write_atomically(dir.staging() / "index.html", reports::render_html(doc));
    if (!junit_file.empty() && junit_file.string().rfind(dir.staging().string(), 0) == 0) {
      fs::create_directories(junit_file.parent_path());
      cli::write_atomically(junit_file, reports::render_junit(doc));
      return {};
    }
  } catch (const std::exception& e) {
    throw UsageError(e.what());
  }
  return junit_file;
}

/// Switches the staged report into --out, then writes a JUnit file that lives elsewhere.
void publish(cli::OutputDir& dir, const nlohmann::ordered_json& doc, const fs::path& junit_outside) {
  dir.publish();
  try {
    if (!junit_outside.empty()) cli::write_atomically(junit_outside, reports::render_junit(doc));
  } catch (const std::runtime_error& e) {
    throw UsageError(e.what());
  }
}

int exit_code_for(const nlohmann::ordered_json& doc) {
  for (const auto& c : doc["checks"])
    if (c["status"] == "violated" || c["status"] == "error") return kExitViolated;
  return kExitHolds;
}

/// A one-line progress display on a terminal: checks done/total, elapsed, ETA.
class Progress {
 public:
  Progress(std::size_t total, bool enabled) : total_(total), enabled_(enabled && ::isatty(STDERR_FILENO)) {}
  void update(std::size_t done, double elapsed) const {
    if (!enabled_) return;
    const double eta = done ? elapsed / static_cast<double>(done) * static_cast<double>(total_ - done) : 0.0;
    const int width = 30, filled = static_cast<int>(width * done / std::max<std::size_t>(total_, 1));
    std::cerr << "\r[" << std::string(filled, '#') << std::string(width - filled, '.') << "] " << done << "/"
              << total_ << "  elapsed " << std::fixed << std::setprecision(1) << elapsed << " s  ETA " << eta
              << " s   " << std::defaultfloat << std::flush;
    if (done == total_) clear();
  }
  /// Erases the progress line (before a check's lines are printed, so the display stays one line).
  void clear() const {
    if (enabled_) std::cerr << "\r" << std::string(80, ' ') << "\r" << std::flush;
  }

 private:
  std::size_t total_;
  bool enabled_;
};

int run_command(const Catalogue& cat, const Selection& sel, std::uint64_t seed, int cases, const fs::path& out, bool quiet,
                const std::string& shard_text, const std::string& junit, const cli::WorkerOptions& workers) {
  std::vector<const CheckEntry*> todo;
  for (const auto& e : cat.entries())
    if (selected(sel.theorems, e.theorem) && selected(sel.optimizers, e.optimizer) &&
        selected(sel.problems, e.problem) && selected(sel.precisions, precision_name(e)))
      todo.push_back(&e);
  if (todo.empty()) throw UsageError("no check matches the selection (see 'optcheck list')");
  if (!shard_text.empty()) {  // a deterministic 1/N: every N-th check of the selection, in catalogue order
    const auto [i, n] = parse_shard(shard_text);
    std::vector<const CheckEntry*> mine;
    for (std::size_t k = 0; k < todo.size(); ++k)
      if (static_cast<int>(k % static_cast<std::size_t>(n)) == i - 1) mine.push_back(todo[k]);
    if (mine.empty())
      throw UsageError("--shard " + shard_text + " selects no check: the selection has " + std::to_string(todo.size()) +
                       " checks, so N must be at most " + std::to_string(todo.size()));
    todo = std::move(mine);
  }
  cli::OutputDir dir(out);  // locked for the whole run; written in one switch at its end
  std::cout << "optcheck run: " << todo.size() << " checks" << (shard_text.empty() ? "" : ", shard " + shard_text)
            << ", seed " << seed << " (replay: optcheck run --seed " << seed << ")\n";
  std::vector<RunParams> params;
  for (const CheckEntry* e : todo) {
    RunParams p;
    p.seed = seed;
    p.cases = cases > 0 ? cases : e->default_cases;
    params.push_back(p);
  }
  const cli::ConsoleFormat console = [quiet](const CheckResult& r, double secs) {
    std::ostringstream o;
    if (!quiet || r.status != Status::holds)
      o << column(to_string(r.status), 13) << column(r.theorem, 16) << column(r.optimizer, 21) << column(r.problem, 21)
        << std::left << std::setw(10) << r.precision << " cases=" << std::setw(4) << r.cases << " worst=" << std::setw(10)
        << (r.worst.worst_iterate >= 0 ? fmt(r.worst.worst_ratio) : "-") << std::right << std::setw(7) << std::fixed
        << std::setprecision(2) << secs << "s" << std::defaultfloat << "\n";
    if (!quiet && r.status != Status::holds) {
      if (!r.failure.empty()) o << "    " << r.failure << "\n";
      if (!r.counterexample.empty()) o << "    counterexample: " << r.counterexample << "\n";
      if (!r.message.empty()) o << "    " << r.message << "\n";
    }
    return o.str();
  };
  int counts[4] = {0, 0, 0, 0};
  const auto t0 = std::chrono::steady_clock::now();
  const Progress progress(todo.size(), !quiet);
  const std::vector<cli::CheckOutput> outputs =
      cli::run_in_workers(todo, params, console, workers, [&](const cli::CheckOutput& o, std::size_t done) {
        counts[static_cast<int>(o.status)]++;
        progress.clear();
        std::cout << o.console << std::flush;
        progress.update(done, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
      });
  const double total = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  nlohmann::ordered_json doc = cli::results_document(seed, {});
  nlohmann::ordered_json timings = nlohmann::ordered_json::array();
  for (const auto& o : outputs) {
    doc["checks"].push_back(o.entry);
    timings.push_back({{"theorem", o.entry["theorem"]}, {"optimizer", o.entry["optimizer"]},
                       {"problem", o.entry["problem"]}, {"precision", o.entry["precision"]}, {"seconds", o.seconds}});
  }
  if (!shard_text.empty()) doc["shard"] = shard_text;
  const fs::path junit_outside = stage_outputs(dir, doc, junit);
  try {
    fs::create_directories(dir.staging() / "traces");
    for (const auto& o : outputs)
      if (!o.trace_name.empty()) cli::write_atomically(dir.staging() / "traces" / o.trace_name, o.trace);
  } catch (const std::exception& e) {
    throw UsageError(std::string("cannot write traces: ") + e.what());
  }
  try {
    nlohmann::ordered_json t{{"seed", seed}, {"total_seconds", total}, {"checks", timings}};
    cli::write_atomically(dir.staging() / "timings.json", t.dump(2) + "\n");
  } catch (const std::runtime_error& e) {
    throw UsageError(e.what());
  }
  publish(dir, doc, junit_outside);
  std::cout << outputs.size() << " checks: " << counts[0] << " hold, " << counts[1] << " violated, " << counts[2]
            << " inconclusive, " << counts[3] << " error; seed " << seed << "; " << std::fixed << std::setprecision(1)
            << total << " s; results in " << (out / "results.json").string() << "\n";
  return exit_code_for(doc);
}

/// Reads a results.json as untrusted input: bounded size and nesting, then the schema (cli::validate_results).
nlohmann::ordered_json read_results(const fs::path& path) {
  constexpr std::uintmax_t kMaxBytes = std::uintmax_t{1} << 30;
  constexpr std::size_t kMaxDepth = 32;  // results_document nests 5 deep
  std::error_code ec;
  if (fs::is_directory(path, ec)) throw UsageError(path.string() + ": is a directory, not a results.json");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UsageError(path.string() + ": cannot read");
  const auto size = fs::file_size(path, ec);
  if (!ec && size > kMaxBytes) throw UsageError(path.string() + ": larger than 1 GiB, not a results file");
  std::ostringstream text;
  text << in.rdbuf();
  if (cli::json_depth(text.str()) > kMaxDepth)
    throw UsageError(path.string() + ": JSON nested deeper than " + std::to_string(kMaxDepth) + ", not a results file");
  nlohmann::ordered_json doc;
  try {
    doc = nlohmann::ordered_json::parse(text.str());
  } catch (const nlohmann::json::exception& e) {
    throw UsageError(path.string() + ": invalid JSON: " + e.what());
  }
  if (!doc.is_object() || !doc.contains("checks") || !doc.contains("seed"))
    throw UsageError(path.string() + ": not an optcheck results file (no 'seed' and 'checks')");
  try {
    cli::validate_results(doc);
  } catch (const std::invalid_argument& e) {
    throw UsageError(path.string() + ": " + e.what());
  }
  return doc;
}

/// Position of a check in the catalogue, so that merged shards come out in the order of an unsharded run.
long catalogue_rank(const Catalogue& cat, const nlohmann::ordered_json& c) {
  const auto& entries = cat.entries();
  for (std::size_t k = 0; k < entries.size(); ++k) {
    const auto& e = entries[k];
    if (c["theorem"] == e.theorem && c["optimizer"] == e.optimizer && c["problem"] == e.problem &&
        c["precision"] == precision_name(e))
      return static_cast<long>(k);
  }
  return static_cast<long>(entries.size());
}

/// A merge of shards is complete: every part is a shard of the same N, and together they are 1/N … N/N (a merge of
/// one shard of two would otherwise look like a complete run). Unsharded parts (disjoint selections) merge as they are.
void require_complete_shards(const std::vector<std::string>& dirs, const std::vector<std::string>& shards) {
  const bool any = std::any_of(shards.begin(), shards.end(), [](const std::string& s) { return !s.empty(); });
  if (!any) return;
  int total = 0;
  std::set<int> parts;
  for (std::size_t k = 0; k < shards.size(); ++k) {
    if (shards[k].empty())
      throw UsageError(dirs[k] + "/results.json: not a shard, merged with shards (merge the shards of one run)");
    const auto [i, n] = parse_shard(shards[k]);
    if (total != 0 && n != total)
      throw UsageError(dirs[k] + "/results.json: shard " + shards[k] + " is not one of " + std::to_string(total) + " parts");
    total = n;
    if (!parts.insert(i).second) throw UsageError(dirs[k] + "/results.json: shard " + shards[k] + " given twice");
  }
  std::string missing;
  for (int i = 1; i <= total; ++i)
    if (!parts.count(i)) missing += (missing.empty() ? "" : ", ") + std::to_string(i) + "/" + std::to_string(total);
  if (!missing.empty()) throw UsageError("--merge: incomplete run, shard(s) " + missing + " missing");
}

int report_command(const Catalogue& cat, const std::vector<std::string>& inputs, const std::vector<std::string>& merge_dirs,
                   const fs::path& out, const std::string& junit) {
  nlohmann::ordered_json doc;
  if (!merge_dirs.empty()) {
    std::vector<nlohmann::ordered_json> checks;
    std::set<std::string> seen;
    std::vector<std::string> shards;  // each part's "shard" ("" for an unsharded run)
    for (const auto& dir : merge_dirs) {
      const nlohmann::ordered_json part = read_results(fs::path(dir) / "results.json");
      shards.push_back(part.contains("shard") && part["shard"].is_string() ? part["shard"].get<std::string>() : "");
      if (doc.is_null()) {
        doc["optcheck_version"] = part["optcheck_version"];
        doc["schema_version"] = part["schema_version"];
        doc["seed"] = part["seed"];
      } else if (part["seed"] != doc["seed"]) {
        throw UsageError(dir + "/results.json: seed " + part["seed"].dump() + " differs from " + doc["seed"].dump());
      }
      for (const auto& c : part["checks"]) {
        const std::string key = c["theorem"].dump() + c["optimizer"].dump() + c["problem"].dump() + c["precision"].dump();
        if (!seen.insert(key).second) throw UsageError(dir + "/results.json: check " + key + " appears twice");
        checks.push_back(c);
      }
    }
    require_complete_shards(merge_dirs, shards);
    std::stable_sort(checks.begin(), checks.end(),
                     [&cat](const auto& a, const auto& b) { return catalogue_rank(cat, a) < catalogue_rank(cat, b); });
    doc["checks"] = checks;
  } else {
    if (inputs.size() != 1) throw UsageError("report takes one RESULTS.json, or --merge DIR...");
    doc = read_results(inputs[0]);
  }
  cli::OutputDir dir(out);
  const fs::path junit_outside = stage_outputs(dir, doc, junit);
  // The traces go along with their results: each shard's, or (re-rendering) those beside the results file.
  std::vector<fs::path> sources;
  for (const auto& d : merge_dirs) sources.push_back(fs::path(d));
  if (merge_dirs.empty()) sources.push_back(fs::absolute(inputs[0]).parent_path());
  for (const auto& source : sources) {
    const fs::path traces = source / "traces";
    if (!fs::is_directory(traces)) continue;
    try {
      fs::create_directories(dir.staging() / "traces");
      for (const auto& f : fs::directory_iterator(traces))
        if (f.path().extension() == ".csv" && f.is_regular_file()) {
          std::ifstream in(f.path(), std::ios::binary);
          std::ostringstream text;
          text << in.rdbuf();
          cli::write_atomically(dir.staging() / "traces" / f.path().filename(), text.str());
        }
    } catch (const std::exception& e) {
      throw UsageError("cannot copy traces from " + source.string() + ": " + e.what());
    }
  }
  publish(dir, doc, junit_outside);
  std::cout << "report: " << doc["checks"].size() << " checks, seed " << doc["seed"] << "; wrote "
            << (out / "results.json").string() << ", " << (out / "report.md").string() << " and "
            << (out / "index.html").string() << "\n";
  return exit_code_for(doc);
}

/// A check named by its four keys, with a replay (checks that have a profile).
const CheckEntry& replayable_check(const Catalogue& cat, const std::string& theorem, const std::string& optimizer,
                                   const std::string& problem, const std::string& precision) {
  for (const auto& e : cat.entries())
    if (e.theorem == theorem && e.optimizer == optimizer && e.problem == problem && precision_name(e) == precision) {
      if (!e.replay) throw UsageError("check " + theorem + "/" + optimizer + "/" + problem + "/" + precision + " has no replay");
      return e;
    }
  throw UsageError("no check " + theorem + "/" + optimizer + "/" + problem + "/" + precision + " (see 'optcheck list')");
}

/// One replayed instance: its verdict in a word, and the worst ratio.
struct Replayed {
  std::string status;  ///< holds, violated, inconclusive, error
  double ratio = 0;
  std::string detail;
};
Replayed replay_one(const CheckEntry& e, const std::string& instance) {
  CaseOutcome o;
  try {
    o = e.replay(instance);
  } catch (const std::invalid_argument& err) {
    throw UsageError(err.what());
  }
  if (!o.error.empty()) return {"error", 0, o.error};
  if (!o.verdict.applicable) return {"inconclusive", 0, o.verdict.inconclusive_reason};
  return {o.verdict.holds ? "holds" : "violated", o.verdict.worst_ratio, o.verdict.first_violation_detail};
}

/// Regression cases: a line per case, tab-separated theorem, optimizer, problem, precision, recorded worst ratio
/// (17 digits) and the instance; '#' lines are comments.
constexpr double kRatioDrift = 1e-6;  ///< relative change of a replayed ratio that counts as a change of the check

int replay_record(const Catalogue& cat, const fs::path& file, const std::string& results, const std::string& command) {
  const nlohmann::ordered_json doc = read_results(results);
  std::ostringstream text;
  text << "# optcheck adversarial regression cases: the best instance of each check's adversarial search.\n"
       << "# Written by: " << command << " (from a run with seed " << doc["seed"].dump() << ")\n"
       << "# Replayed by: optcheck replay --cases " << file.string() << " (ctest adversarial_regression)\n"
       << "# theorem\toptimizer\tproblem\tprecision\tworst_ratio\tinstance\n";
  int n = 0;
  for (const auto& c : doc["checks"]) {
    if (!c.contains("adversarial") || !c["adversarial"].contains("instance")) continue;
    const auto& a = c["adversarial"];
    const std::string theorem = c["theorem"], optimizer = c["optimizer"], problem = c["problem"], precision = c["precision"];
    const std::string instance = a["instance"];
    const CheckEntry& e = replayable_check(cat, theorem, optimizer, problem, precision);
    const Replayed r = replay_one(e, instance);  // the stored ratio is the replay's, not the file's claim
    if (r.status != "holds") throw UsageError(theorem + "/" + optimizer + "/" + problem + "/" + precision + ": instance " + r.status + ": " + r.detail);
    std::ostringstream ratio;
    ratio << std::setprecision(17) << r.ratio;
    text << theorem << '\t' << optimizer << '\t' << problem << '\t' << precision << '\t' << ratio.str() << '\t' << instance << '\n';
    ++n;
  }
  if (n == 0) throw UsageError(results + ": no check has an adversarial instance");
  cli::write_atomically(file, text.str());
  std::cout << "replay: recorded " << n << " regression cases in " << file.string() << "\n";
  return kExitHolds;
}

int replay_cases(const Catalogue& cat, const fs::path& file) {
  std::ifstream in(file);
  if (!in || fs::is_directory(file)) throw UsageError(file.string() + ": cannot read");
  std::string line;
  int line_no = 0, cases = 0, failed = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f;
    std::size_t start = 0;
    for (std::size_t tab; (tab = line.find('\t', start)) != std::string::npos && f.size() < 5; start = tab + 1)
      f.push_back(line.substr(start, tab - start));
    f.push_back(line.substr(start));
    const std::string where = file.string() + ":" + std::to_string(line_no);
    if (f.size() != 6) throw UsageError(where + ": expected 6 tab-separated fields, found " + std::to_string(f.size()));
    double recorded = 0;
    try {
      std::size_t used = 0;
      recorded = std::stod(f[4], &used);
      if (used != f[4].size() || !std::isfinite(recorded)) throw std::invalid_argument("");
    } catch (const std::exception&) {
      throw UsageError(where + ": worst_ratio '" + f[4] + "' is not a finite number");
    }
    Replayed r;
    try {
      r = replay_one(replayable_check(cat, f[0], f[1], f[2], f[3]), f[5]);
    } catch (const UsageError& e) {
      throw UsageError(where + ": " + e.what());
    }
    const bool drifted = r.status == "holds" && std::abs(r.ratio - recorded) > kRatioDrift * std::max(recorded, 1e-300);
    const bool bad = r.status != "holds" || drifted;
    failed += bad;
    ++cases;
    std::cout << (bad ? "FAIL " : "ok   ") << f[0] << "/" << f[1] << "/" << f[2] << "/" << f[3] << ": " << r.status
              << ", worst ratio " << std::setprecision(10) << r.ratio << " (recorded " << recorded << ")"
              << (drifted ? ": the ratio moved; if the check changed on purpose, record the cases again" : "")
              << (r.status != "holds" && !r.detail.empty() ? ": " + r.detail : "") << "\n";
  }
  std::cout << "replay: " << cases - failed << " of " << cases << " regression cases hold with their recorded ratio (relative drift <= "
            << kRatioDrift << ")\n";
  if (cases == 0) throw UsageError(file.string() + ": no regression cases");
  return failed ? kExitViolated : kExitHolds;
}

}  // namespace

int cli::run_app(int argc, char** argv, const Catalogue& cat) {
  try {
    CLI::App app{"optcheck: hold optimizer implementations to the theorems that justify them"};
    app.require_subcommand(1);
    app.footer(
        "Exit codes: 0 all checks hold; 1 a theorem violated or an optimizer failed; 2 bad usage or input; "
        "3 internal error.");
    app.add_subcommand("list", "list theorems, checks and precisions");
    CLI::App* run = app.add_subcommand("run", "run theorem checks; write <out>/{results.json, report.md, index.html, timings.json, traces/}");
    Selection sel;
    std::string seed_text = "1", out = "optcheck-report", shard, junit;
    int cases = 0;
    bool quiet = false;
    run->add_option("--seed", seed_text, "RapidCheck seed (an integer, or 'random'); printed for replay")
        ->default_str("1");
    run->add_option("--cases", cases, "cases per check (default: per check, 100 in double)")
        ->check(CLI::Range(1, 1000000));
    run->add_option("--theorem", sel.theorems, "only these theorems (repeatable, or comma-separated)")->delimiter(',');
    run->add_option("--optimizer", sel.optimizers, "only these optimizers (repeatable, or comma-separated)")->delimiter(',');
    run->add_option("--problem", sel.problems, "only these problem families (repeatable, or comma-separated)")->delimiter(',');
    run->add_option("--precision", sel.precisions,
                    "precisions (repeatable, or comma-separated; default: double and float128 where the catalogue has them)")
        ->delimiter(',');
    run->add_option("--out", out, "output directory")->default_str("optcheck-report");
    run->add_option("--shard", shard, "run the I-th of N deterministic parts of the selection (I/N)");
    run->add_option("--junit", junit, "also write JUnit XML to this file");
    run->add_flag("--quiet", quiet, "no progress display; one line per check that does not hold");
    cli::WorkerOptions workers;
    workers.jobs = cli::processors();
    run->add_option("--jobs", workers.jobs, "checks run in parallel, each in its own process (default: the processors)")
        ->check(CLI::Range(1, 256));
    run->add_option("--check-timeout", workers.timeout_seconds,
                    "seconds a check may run before it is stopped and reported as an error")
        ->default_str("900")
        ->check(CLI::Range(0.1, 1e6));
    CLI::App* report = app.add_subcommand("report", "re-render RESULTS.json, or merge shard outputs");
    std::vector<std::string> inputs, merge;
    std::string report_out = "optcheck-report";
    report->add_option("results", inputs, "a results.json");
    report->add_option("--merge", merge, "shard output directories to combine");
    report->add_option("--out", report_out, "output directory")->default_str("optcheck-report");
    report->add_option("--junit", junit, "also write JUnit XML to this file");
    CLI::App* replay = app.add_subcommand(
        "replay", "run one instance as a report shows it (counterexample, adversarial instance), or regression cases");
    std::string instance, replay_cases_file, record_file, record_from, replay_theorem, replay_optimizer, replay_problem,
        replay_precision = "double";
    replay->add_option("instance", instance, "the instance text, as results.json and the report print it");
    replay->add_option("--theorem", replay_theorem, "the check's theorem");
    replay->add_option("--optimizer", replay_optimizer, "the check's optimizer");
    replay->add_option("--problem", replay_problem, "the check's problem family");
    replay->add_option("--precision", replay_precision, "the check's precision")->default_str("double");
    replay->add_option("--cases", replay_cases_file, "replay every regression case of FILE; exit 1 if one fails or its ratio moved");
    replay->add_option("--record", record_file, "write FILE with the adversarial instances of --from RESULTS.json");
    replay->add_option("--from", record_from, "the results.json --record reads");
    CLI::App* baseline = app.add_subcommand(
        "baseline", "regression baselines of the low-precision checks: record them, or check a tree against them");
    baseline->require_subcommand(1);
    CLI::App* record = baseline->add_subcommand("record", "run the checks and write the baseline file");
    CLI::App* bcheck = baseline->add_subcommand("check", "rerun the file's checks; exit 1 on a regression");
    std::string baseline_name = "default", baseline_file;
    int baseline_cases = 20;
    bool baseline_update = false;
    for (CLI::App* sub : {record, bcheck}) {
      sub->add_option("--name", baseline_name, "the baseline reference/baselines/NAME.json")->default_str("default");
      sub->add_option("--file", baseline_file, "the baseline file (instead of --name)");
      sub->add_option("--jobs", workers.jobs, "checks run in parallel (default: the processors)")->check(CLI::Range(1, 256));
    }
    record->add_option("--seed", seed_text, "RapidCheck seed")->default_str("1");
    record->add_option("--cases", baseline_cases, "cases per check")->default_str("20")->check(CLI::Range(1, 1000000));
    record->add_option("--theorem", sel.theorems, "only these theorems (repeatable, or comma-separated)")->delimiter(',');
    record->add_option("--optimizer", sel.optimizers, "only these optimizers (repeatable, or comma-separated)")->delimiter(',');
    record->add_option("--problem", sel.problems, "only these problem families (repeatable, or comma-separated)")->delimiter(',');
    record->add_option("--precision", sel.precisions, "precisions (default: every low-precision one: bf16, fp16, float, mixed)")
        ->delimiter(',');
    bcheck->add_flag("--update", baseline_update, "rewrite the file with what this tree obtains");
    try {
      app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
      return app.exit(e);
    } catch (const CLI::ParseError& e) {
      std::cerr << "optcheck: " << e.what() << " (see optcheck --help)\n";
      return kExitUsage;
    }
    try {
      if (!cat.refused().empty()) {  // a claim outside a theorem's hypotheses: bad input, before anything runs
        for (const auto& why : cat.refused()) std::cerr << "optcheck: claim refused: " << why << "\n";
        return kExitUsage;
      }
      if (app.got_subcommand("list")) return list_command(cat);
      if (app.got_subcommand("report")) return report_command(cat, inputs, merge, report_out, junit);
      if (app.got_subcommand("replay")) {
        if (!record_file.empty()) {
          if (record_from.empty()) throw UsageError("replay --record FILE needs --from RESULTS.json");
          return replay_record(cat, record_file, record_from,
                               "optcheck replay --record " + record_file + " --from " + record_from);
        }
        if (!replay_cases_file.empty()) return replay_cases(cat, replay_cases_file);
        if (instance.empty() || replay_theorem.empty() || replay_optimizer.empty() || replay_problem.empty())
          throw UsageError("replay needs --theorem, --optimizer, --problem and the instance (or --cases FILE, or --record)");
        const Replayed r =
            replay_one(replayable_check(cat, replay_theorem, replay_optimizer, replay_problem, replay_precision), instance);
        std::cout << r.status << ", worst ratio " << std::setprecision(17) << r.ratio
                  << (r.detail.empty() ? "" : ": " + r.detail) << "\n";
        return r.status == "holds" || r.status == "inconclusive" ? kExitHolds : kExitViolated;
      }
      if (app.got_subcommand("baseline")) {
        cli::BaselineRequest request;
        if (baseline_file.empty()) {
          if (baseline_name.empty() || baseline_name.size() > 64 ||
              baseline_name.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") !=
                  std::string::npos)
            throw UsageError("--name '" + baseline_name + "': use letters, digits, '_' and '-' (at most 64)");
          baseline_file = "reference/baselines/" + baseline_name + ".json";
        }
        request.file = baseline_file;
        request.workers = workers;
        request.command = "optcheck baseline " + std::string(record->parsed() ? "record" : "check") +
                          (baseline_file == "reference/baselines/" + baseline_name + ".json" ? " --name " + baseline_name
                                                                                             : " --file " + baseline_file);
        try {
          if (bcheck->parsed()) return cli::baseline_check(cat, request, baseline_update);
          request.seed = parse_seed(seed_text);
          request.cases = baseline_cases;
          validate(cat, sel);
          // Default: every low-precision check; an explicit --precision may name any.
          std::vector<const CheckEntry*> pool;
          if (sel.precisions.empty()) pool = cli::default_baseline_checks(cat);
          else for (const auto& e : cat.entries()) pool.push_back(&e);
          for (const CheckEntry* e : pool)
            if (selected(sel.theorems, e->theorem) && selected(sel.optimizers, e->optimizer) &&
                selected(sel.problems, e->problem) && selected(sel.precisions, precision_name(*e)))
              request.checks.push_back(e);
          return cli::baseline_record(cat, request);
        } catch (const cli::BaselineInputError& e) {
          throw UsageError(e.what());
        }
      }
      const std::uint64_t seed = parse_seed(seed_text);
      if (sel.precisions.empty()) sel.precisions = default_precisions(cat);
      validate(cat, sel);
      return run_command(cat, sel, seed, cases, out, quiet, shard, junit, workers);
    } catch (const UsageError& e) {
      std::cerr << "optcheck: " << e.what() << "\n";
      return kExitUsage;
    } catch (const cli::OutputError& e) {
      std::cerr << "optcheck: " << e.what() << "\n";
      return kExitUsage;
    }
  } catch (const std::exception& e) {
    std::cerr << "optcheck: internal error: " << e.what() << "\n";
    return kExitInternal;
  }
}
