#include "reports/gnuplot.hpp"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

namespace optcheck::reports {
namespace {

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

/// gnuplot runs under coreutils' timeout (SIGTERM, then SIGKILL 2 s later): a hanging gnuplot cannot hang the report.
constexpr int kVersionSeconds = 5, kPlotSeconds = 20, kTimedOut = 124;
std::string with_timeout(int seconds) { return "timeout -k 2 " + std::to_string(seconds) + " "; }

/// Runs a shell command, returns {exit status, standard output}.
std::pair<int, std::string> capture(const std::string& command) {
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return {-1, ""};
  std::string out;
  std::array<char, 65536> buf{};
  std::size_t n = 0;
  while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) out.append(buf.data(), n);
  const int status = ::pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

/// A temporary file removed when it goes out of scope.
struct TempFile {
  std::filesystem::path path;
  explicit TempFile(const std::string& suffix) {
    std::string pattern = (std::filesystem::temp_directory_path() / ("optcheck-XXXXXX" + suffix)).string();
    const int fd = ::mkstemps(pattern.data(), static_cast<int>(suffix.size()));
    if (fd < 0) throw std::runtime_error("cannot create a temporary file in " + std::filesystem::temp_directory_path().string());
    ::close(fd);
    path = pattern;
  }
  ~TempFile() {
    std::error_code ec;
    std::filesystem::remove(path, ec);
  }
};

}  // namespace

namespace {
/// A control character (a newline would end the gnuplot command or data line the string sits in).
bool is_control(char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; }
}  // namespace

std::string gnuplot_quote(const std::string& s) {
  // In single quotes gnuplot does no backslash, backquote or macro substitution. A quote inside becomes ’ (gnuplot
  // 5.4's tokenizer rejects runs of doubled quotes), control characters become spaces: the string cannot end the
  // command it is part of.
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("\u2019") : std::string(1, is_control(c) ? ' ' : c);
  return out + "'";
}

std::string gnuplot_data_string(const std::string& s) {
  // A double-quoted column of a datablock line: no control characters (a newline + "EOD" would end the block and
  // make the rest commands), no double quote (it would end the column).
  std::string out = "\"";
  for (char c : s) out += (is_control(c) || c == '"') ? (c == '"' ? '\'' : ' ') : c;
  return out + "\"";
}

Gnuplot find_gnuplot() {
  Gnuplot g;
  const char* env = std::getenv("OPTCHECK_GNUPLOT");
  g.executable = env && *env ? env : "gnuplot";
  const auto [status, out] = capture(with_timeout(kVersionSeconds) + shell_quote(g.executable) + " --version 2>/dev/null");
  g.available = status == 0 && out.rfind("gnuplot", 0) == 0;
  if (!g.available)
    g.why_not = "'" + g.executable + " --version' failed (install Debian's gnuplot-nox: scripts/setup.sh does)";
  return g;
}

std::string render_svg(Gnuplot& gnuplot, const std::string& script) {
  if (!gnuplot.available) throw std::runtime_error("skipped: " + gnuplot.why_not);
  TempFile file(".gp"), errors(".err");
  {
    std::ofstream out(file.path);
    out << script;
    if (!out) throw std::runtime_error("cannot write " + file.path.string());
  }
  const auto [status, svg] =
      capture(with_timeout(kPlotSeconds) + shell_quote(gnuplot.executable) + " " + shell_quote(file.path.string()) + " 2>" +
              shell_quote(errors.path.string()));
  if (status == kTimedOut) {  // a hanging gnuplot costs one timeout, not one per plot
    gnuplot.available = false;
    gnuplot.why_not = "gnuplot timed out after " + std::to_string(kPlotSeconds) + " s; the remaining plots were skipped";
    throw std::runtime_error(gnuplot.why_not);
  }
  const auto start = svg.find("<svg");
  if (status != 0 || start == std::string::npos) {
    std::ifstream in(errors.path);
    std::stringstream msg;
    msg << in.rdbuf();
    std::string text = msg.str();
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    const auto last_line = text.rfind('\n');
    throw std::runtime_error("gnuplot failed: " + (last_line == std::string::npos ? text : text.substr(last_line + 1)));
  }
  return svg.substr(start);
}

}  // namespace optcheck::reports
