// optcheck: run theorem checks on optimizers and write optcheck-report/results.json.
//
// Exit codes: 0 every check holds (inconclusive checks are listed, not failed); 1 a theorem was violated or an
// optimizer failed (threw, NaN/Inf, wrong dimension, did not stop); 2 bad usage or input; 3 internal error.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <random>
#include <set>

#include "cli/results.hpp"
#include "theorems/catalogue.hpp"

namespace fs = std::filesystem;
using namespace optcheck;

namespace {

constexpr int kExitHolds = 0, kExitViolated = 1, kExitUsage = 2, kExitInternal = 3;

struct Selection {
  std::vector<std::string> theorems, optimizers, precisions;
};

bool selected(const std::vector<std::string>& wanted, const std::string& name) {
  return wanted.empty() || std::find(wanted.begin(), wanted.end(), name) != wanted.end();
}

/// Validates names against the catalogue; returns an error message naming the bad input, or "".
std::string validate(const Selection& s) {
  std::set<std::string> th, op, pr;
  for (const auto& e : catalogue().entries()) {
    th.insert(e.theorem);
    op.insert(e.optimizer);
    pr.insert(std::string(info(e.precision).name));
  }
  auto check = [](const std::vector<std::string>& given, const std::set<std::string>& known, const char* flag) {
    for (const auto& g : given)
      if (!known.count(g)) {
        std::string list;
        for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
        return std::string("unknown ") + flag + " '" + g + "' (known: " + list + ")";
      }
    return std::string();
  };
  for (auto m : {check(s.theorems, th, "--theorem"), check(s.optimizers, op, "--optimizer"),
                 check(s.precisions, pr, "--precision")})
    if (!m.empty()) return m;
  return "";
}

int list_command() {
  std::cout << "Theorems:\n";
  for (const auto& t : theorems::catalogue)
    std::cout << "  " << std::left << std::setw(16) << t.id << t.statement << "\n  " << std::setw(16) << ""
              << "[" << t.citation << "]\n";
  std::cout << "\nChecks (theorem  optimizer  precision  default cases):\n";
  for (const auto& e : catalogue().entries())
    std::cout << "  " << std::left << std::setw(16) << e.theorem << std::setw(20) << e.optimizer << std::setw(13)
              << info(e.precision).name << e.default_cases << "\n";
  std::cout << "\nPrecisions:\n";
  for (const auto& p : precisions())
    std::cout << "  " << std::left << std::setw(13) << p.name << "u = " << std::setw(13) << p.unit_roundoff
              << p.description << "\n";
  return kExitHolds;
}

std::string fmt(double x) {
  std::ostringstream o;
  if (!std::isfinite(x)) return "inf";
  o << std::setprecision(4) << x;
  return o.str();
}

int run_command(const Selection& sel, std::uint64_t seed, int cases, const fs::path& out, bool quiet) {
  std::vector<const CheckEntry*> todo;
  for (const auto& e : catalogue().entries())
    if (selected(sel.theorems, e.theorem) && selected(sel.optimizers, e.optimizer) &&
        selected(sel.precisions, std::string(info(e.precision).name)))
      todo.push_back(&e);
  if (todo.empty()) {
    std::cerr << "optcheck: no check matches the selection (see 'optcheck list')\n";
    return kExitUsage;
  }
  std::error_code ec;
  fs::create_directories(out, ec);
  if (ec || !fs::is_directory(out)) {
    std::cerr << "optcheck: --out " << out << ": cannot create directory" << (ec ? ": " + ec.message() : "") << "\n";
    return kExitUsage;
  }
  std::cout << "optcheck run: " << todo.size() << " checks, seed " << seed
            << " (replay: optcheck run --seed " << seed << ")\n";
  std::vector<CheckResult> results;
  nlohmann::ordered_json timings = nlohmann::ordered_json::array();
  int counts[4] = {0, 0, 0, 0};
  const auto t0 = std::chrono::steady_clock::now();
  for (const CheckEntry* e : todo) {
    RunParams p;
    p.seed = seed;
    p.cases = cases > 0 ? cases : e->default_cases;
    const auto c0 = std::chrono::steady_clock::now();
    CheckResult r = e->run(p);
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - c0).count();
    counts[static_cast<int>(r.status)]++;
    std::cout << std::left << std::setw(13) << to_string(r.status) << std::setw(16) << r.theorem << std::setw(20)
              << r.optimizer << std::setw(10) << r.precision << " cases=" << std::setw(4) << r.cases
              << " worst=" << std::setw(10) << (r.worst.worst_iterate >= 0 ? fmt(r.worst.worst_ratio) : "-")
              << std::right << std::setw(7) << std::fixed << std::setprecision(2) << secs << "s" << std::defaultfloat
              << "\n";
    if (!quiet && r.status != Status::holds) {
      if (!r.failure.empty()) std::cout << "    " << r.failure << "\n";
      if (!r.counterexample.empty()) std::cout << "    counterexample: " << r.counterexample << "\n";
      if (!r.message.empty()) std::cout << "    " << r.message << "\n";
    }
    timings.push_back({{"theorem", r.theorem}, {"optimizer", r.optimizer}, {"precision", r.precision},
                       {"seconds", secs}});
    results.push_back(std::move(r));
  }
  const double total = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  try {
    cli::write_atomically(out / "results.json", cli::results_document(seed, results).dump(2) + "\n");
    nlohmann::ordered_json t{{"seed", seed}, {"total_seconds", total}, {"checks", timings}};
    cli::write_atomically(out / "timings.json", t.dump(2) + "\n");
  } catch (const std::exception& ex) {
    std::cerr << "optcheck: " << ex.what() << "\n";
    return kExitUsage;
  }
  std::cout << results.size() << " checks: " << counts[0] << " hold, " << counts[1] << " violated, " << counts[2]
            << " inconclusive, " << counts[3] << " error; seed " << seed << "; " << std::fixed << std::setprecision(1)
            << total << " s; results in " << (out / "results.json").string() << "\n";
  return (counts[1] + counts[3]) > 0 ? kExitViolated : kExitHolds;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    CLI::App app{"optcheck: hold optimizer implementations to the theorems that justify them"};
    app.require_subcommand(1);
    app.footer(
        "Exit codes: 0 all checks hold; 1 a theorem violated or an optimizer failed; 2 bad usage or input; "
        "3 internal error.");
    app.add_subcommand("list", "list theorems, checks and precisions");
    CLI::App* run = app.add_subcommand("run", "run theorem checks and write <out>/results.json");
    Selection sel;
    std::string seed_text = "1";
    int cases = 0;
    std::string out = "optcheck-report";
    bool quiet = false;
    run->add_option("--seed", seed_text, "RapidCheck seed (an integer, or 'random'); printed for replay")
        ->default_str("1");
    run->add_option("--cases", cases, "cases per check (default: per precision, 100 in double)")
        ->check(CLI::Range(1, 1000000));
    run->add_option("--theorem", sel.theorems, "only these theorems (repeatable)");
    run->add_option("--optimizer", sel.optimizers, "only these optimizers (repeatable)");
    run->add_option("--precision", sel.precisions, "precisions (repeatable; default: double float128)");
    run->add_option("--out", out, "output directory")->default_str("optcheck-report");
    run->add_flag("--quiet", quiet, "one line per check, no counterexample details");
    try {
      app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
      return app.exit(e);
    } catch (const CLI::ParseError& e) {
      std::cerr << "optcheck: " << e.what() << " (see optcheck --help)\n";
      return kExitUsage;
    }
    if (app.got_subcommand("list")) return list_command();
    std::uint64_t seed = 0;
    if (seed_text == "random") {
      seed = (static_cast<std::uint64_t>(std::random_device{}()) << 32) ^ std::random_device{}();
    } else {
      try {
        std::size_t used = 0;
        seed = std::stoull(seed_text, &used);
        if (used != seed_text.size() || seed_text[0] == '-') throw std::invalid_argument("");
      } catch (const std::exception&) {
        std::cerr << "optcheck: --seed '" << seed_text << "' is not a non-negative integer or 'random'\n";
        return kExitUsage;
      }
    }
    if (sel.precisions.empty()) sel.precisions = {"double", "float128"};
    if (const std::string bad = validate(sel); !bad.empty()) {
      std::cerr << "optcheck: " << bad << "\n";
      return kExitUsage;
    }
    return run_command(sel, seed, cases, out, quiet);
  } catch (const std::exception& e) {
    std::cerr << "optcheck: internal error: " << e.what() << "\n";
    return kExitInternal;
  }
}
