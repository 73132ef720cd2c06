// Fuzzes the readers of untrusted results files (label robustness): mutates a valid results.json a few thousand
// times (seeded: byte flips, deletions, insertions of JSON tokens, duplicated and swapped fragments, huge and
// non-finite numbers, deep nesting) and runs `optcheck report` on each. Every run must exit 0, 1 or 2 (never crash:
// no signal, no internal error 3), a refusal must be one line, and nothing may be written outside the run's --out
// (the lock file beside it excepted).
// Usage: fuzz_results path/to/optcheck VALID_RESULTS.json WORKDIR [MUTANTS] [SEED]
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <limits>
#include <nlohmann/json.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

using Json = nlohmann::ordered_json;

/// A random replacement value: another type, an extreme or non-finite number, a hostile string.
Json random_value(std::mt19937_64& rng) {
  switch (rng() % 12) {
    case 0: return nullptr;
    case 1: return true;
    case 2: return -1;
    case 3: return 1e308;
    case 4: return std::numeric_limits<double>::infinity();  // dumped as null
    case 5: return 18446744073709551615ULL;
    case 6: return "";
    case 7: return std::string("x\ny\"z<script>`touch PWNED`</script>\u0001") + std::string(rng() % 2 ? 300 : 3, 'a');
    case 8: return Json::array();
    case 9: return Json::object();
    case 10: return Json::array({1, "two", nullptr});
    default: return "violated";
  }
}

/// A structural mutation: still JSON, so the schema checks (not the parser) are what is exercised.
void mutate_tree(Json& j, std::mt19937_64& rng, int depth = 0) {
  const bool container = j.is_object() || j.is_array();
  if (!container || j.empty() || (depth > 0 && rng() % 4 == 0)) {
    j = random_value(rng);
    return;
  }
  auto it = j.begin();
  std::advance(it, static_cast<long>(rng() % j.size()));
  switch (rng() % 6) {
    case 0:  // remove the member or element
      if (j.is_object()) j.erase(it.key());
      else j.erase(it);
      return;
    case 1:  // duplicate an element / add a member
      if (j.is_array()) j.push_back(*it);
      else j["extra" + std::to_string(rng() % 3)] = random_value(rng);
      return;
    default: mutate_tree(*it, rng, depth + 1);
  }
}

/// One mutation of text.
std::string mutate(std::string text, std::mt19937_64& rng) {
  if (rng() % 2) {
    Json j = Json::parse(text);
    const int rounds = 1 + static_cast<int>(rng() % 3);
    for (int r = 0; r < rounds; ++r) mutate_tree(j, rng);
    return j.dump(2);
  }
  static const std::vector<std::string> tokens{
      "null", "true", "false", "0", "-1", "1e308", "1e999", "-1e999", "NaN", "\"\"", "\"x\"", "[]", "{}", "[[[[", "]]",
      "{\"", "\":", ",", "\"status\": \"bogus\"", "\"seed\": -3", "\"\\u0000\"", "\"\\n\"", "9999999999999999999999",
      "\"checks\": {}", "\"plot\": 5", "\xff\xfe", "\"a\\\"b\""};
  auto at = [&](std::size_t n) { return n ? std::uniform_int_distribution<std::size_t>(0, n - 1)(rng) : 0; };
  const int rounds = 1 + static_cast<int>(rng() % 4);
  for (int r = 0; r < rounds && !text.empty(); ++r) {
    switch (rng() % 7) {
      case 0: text[at(text.size())] = static_cast<char>(rng() & 0xff); break;
      case 1: text.erase(at(text.size()), 1 + rng() % 64); break;
      case 2: text.insert(at(text.size()), tokens[at(tokens.size())]); break;
      case 3: {  // duplicate a fragment elsewhere
        const std::size_t a = at(text.size()), n = std::min<std::size_t>(1 + rng() % 400, text.size() - a);
        text.insert(at(text.size()), text.substr(a, n));
        break;
      }
      case 4: {  // replace a number with an extreme one
        const std::size_t p = text.find_first_of("0123456789", at(text.size()));
        if (p != std::string::npos) text.replace(p, 1, tokens[5 + rng() % 4]);
        break;
      }
      case 5: {  // replace a string value
        const std::size_t p = text.find(": \"", at(text.size()));
        if (p != std::string::npos) text.insert(p + 3, tokens[at(tokens.size())]);
        break;
      }
      default: text = text.substr(0, at(text.size()));  // truncate
    }
  }
  if (rng() % 50 == 0) text = std::string(2000 + rng() % 100000, '[') + text;  // deep nesting
  return text;
}

/// Runs argv with stdout/stderr to files; returns the raw wait status.
int run(const std::vector<std::string>& args, const fs::path& out, const fs::path& err) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    std::freopen(out.c_str(), "w", stdout);
    std::freopen(err.c_str(), "w", stderr);
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ::setenv("OPTCHECK_GNUPLOT", "/bin/false", 1);  // plots are not what is fuzzed
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return status;
}

std::set<std::string> listing(const fs::path& dir) {
  std::set<std::string> names;
  for (const auto& e : fs::recursive_directory_iterator(dir)) names.insert(e.path().lexically_relative(dir).string());
  return names;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::cerr << "usage: fuzz_results OPTCHECK VALID_RESULTS.json WORKDIR [MUTANTS] [SEED]\n";
    return 2;
  }
  const std::string bin = argv[1];
  const std::string valid = read_file(argv[2]);
  const fs::path work = argv[3];
  const int mutants = argc > 4 ? std::stoi(argv[4]) : 2000;
  const std::uint64_t seed = argc > 5 ? std::stoull(argv[5]) : 1;
  if (valid.empty()) {
    std::cerr << "fuzz_results: " << argv[2] << " is empty\n";
    return 2;
  }
  fs::remove_all(work);
  fs::create_directories(work / "in");
  std::mt19937_64 rng(seed);
  int counts[3] = {0, 0, 0}, failures = 0;
  const std::set<std::string> allowed{"in", "in/results.json", "stdout", "stderr", "out", ".out.optcheck-lock"};
  for (int i = 0; i < mutants; ++i) {
    const std::string text = mutate(valid, rng);
    { std::ofstream(work / "in" / "results.json", std::ios::binary) << text; }
    fs::remove_all(work / "out");
    const int status = run({bin, "report", (work / "in" / "results.json").string(), "--out", (work / "out").string()},
                           work / "stdout", work / "stderr");
    const std::string err = read_file(work / "stderr");
    std::string problem;
    if (!WIFEXITED(status)) problem = "killed by signal " + std::to_string(WTERMSIG(status));
    else if (WEXITSTATUS(status) > 2) problem = "exit " + std::to_string(WEXITSTATUS(status)) + ": " + err;
    else if (WEXITSTATUS(status) == 2 && (err.empty() || err.find('\n') + 1 != err.size()))
      problem = "a refusal that is not one line: " + err;
    else if (WEXITSTATUS(status) == 2 && fs::exists(work / "out")) problem = "a refused file left output";
    for (const auto& name : listing(work))
      if (problem.empty() && !allowed.count(name) && name.rfind("out/", 0) != 0 && name.rfind("failure-", 0) != 0)
        problem = "wrote outside --out: " + name;
    if (!problem.empty()) {
      ++failures;
      const fs::path keep = work / ("failure-" + std::to_string(i) + ".json");
      { std::ofstream(keep, std::ios::binary) << text; }
      std::cerr << "mutant " << i << " (seed " << seed << "): " << problem.substr(0, 300) << " (kept as " << keep << ")\n";
      if (failures >= 10) break;
      continue;
    }
    ++counts[WEXITSTATUS(status)];
  }
  std::cout << "fuzz_results: " << mutants << " mutants of " << argv[2] << " (seed " << seed << "): " << counts[0]
            << " rendered (exit 0), " << counts[1] << " rendered with a violation (exit 1), " << counts[2]
            << " refused (exit 2), " << failures << " failures\n";
  return failures == 0 ? 0 : 1;
}
