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

std::string gnuplot_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

Gnuplot find_gnuplot() {
  Gnuplot g;
  const char* env = std::getenv("OPTCHECK_GNUPLOT");
  g.executable = env && *env ? env : "gnuplot";
  const auto [status, out] = capture(shell_quote(g.executable) + " --version 2>/dev/null");
  g.available = status == 0 && out.rfind("gnuplot", 0) == 0;
  if (!g.available)
    g.why_not = "'" + g.executable + " --version' failed (install Debian's gnuplot-nox: scripts/setup.sh does)";
  return g;
}

std::string render_svg(const Gnuplot& gnuplot, const std::string& script) {
  TempFile file(".gp"), errors(".err");
  {
    std::ofstream out(file.path);
    out << script;
    if (!out) throw std::runtime_error("cannot write " + file.path.string());
  }
  const auto [status, svg] =
      capture(shell_quote(gnuplot.executable) + " " + shell_quote(file.path.string()) + " 2>" + shell_quote(errors.path.string()));
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
