#include "cli/workers.hpp"

#include <cerrno>
#include <cmath>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <iostream>
#include <poll.h>
#include <stdexcept>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/results.hpp"

namespace optcheck::cli {
namespace {

using Clock = std::chrono::steady_clock;
using Json = nlohmann::ordered_json;

struct Worker {
  pid_t pid = -1;
  int fd = -1;
  std::size_t index = 0;
  std::string data;
  Clock::time_point start;
};

void write_all(int fd, const std::string& text) {
  const char* p = text.data();
  std::size_t left = text.size();
  while (left > 0) {
    const ssize_t n = ::write(fd, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // the parent is gone: nothing to tell
    p += n;
    left -= static_cast<std::size_t>(n);
  }
}

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

/// The child: runs the check and writes its output as one JSON document to fd, then exits without running the
/// parent's exit handlers or flushing its buffers.
[[noreturn]] void child(const CheckEntry& e, const RunParams& p, const ConsoleFormat& console, int fd) {
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);  // a killed parent takes its workers with it
  Json msg;
  try {
    const auto start = Clock::now();
    const CheckResult r = e.run(p);
    const double secs = seconds_since(start);
    msg = Json{{"entry", to_json(r)}, {"status", static_cast<int>(r.status)}, {"seconds", secs},
               {"console", console(r, secs)}};
    if (!r.worst_trace.empty()) {
      msg["trace_name"] = trace_file_name(r);
      msg["trace"] = trace_csv(r);
    }
    if (!r.profile_trace.empty()) {
      Json t = Json::array(), y = Json::array();
      for (const auto& point : r.profile_trace) {
        t.push_back(point.t);
        const double v = rate_quantity(point, r.theory);
        y.push_back(std::isfinite(v) ? Json(v) : Json(nullptr));
      }
      msg["profile_t"] = t;
      msg["profile_value"] = y;
    }
  } catch (const std::exception& ex) {
    msg = Json{{"failure", std::string("internal error in the check's worker: ") + ex.what()}};
  } catch (...) {
    msg = Json{{"failure", "internal error in the check's worker: an exception that is not std::exception"}};
  }
  write_all(fd, msg.dump());
  ::close(fd);
  ::_exit(0);
}

Worker start(const CheckEntry& e, const RunParams& p, std::size_t index, const ConsoleFormat& console) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
  std::cout.flush();
  std::cerr.flush();
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  if (pid == 0) {
    ::close(fds[0]);
    child(e, p, console, fds[1]);
  }
  ::close(fds[1]);
  return {pid, fds[0], index, {}, Clock::now()};
}

/// The output of a check whose worker gave no result: an `error` with the reason.
CheckOutput failed(const CheckEntry& e, const RunParams& p, const std::string& why, double secs,
                   const ConsoleFormat& console) {
  CheckResult r;
  r.theorem = e.theorem;
  r.optimizer = e.optimizer;
  r.problem = e.problem;
  r.precision = std::string(info(e.precision).name);
  r.status = Status::error;
  r.cases_requested = p.cases;
  r.failure = why;
  return {to_json(r), "", "", Status::error, secs, console(r, secs)};
}

std::string describe_exit(int status) {
  if (WIFSIGNALED(status)) {
    const int sig = WTERMSIG(status);
    return "the check's worker died of signal " + std::to_string(sig) + " (" + ::strsignal(sig) + ")";
  }
  if (WIFEXITED(status)) return "the check's worker exited with status " + std::to_string(WEXITSTATUS(status)) + " without a result";
  return "the check's worker stopped without a result";
}

CheckOutput collect(const Worker& w, int status, const CheckEntry& e, const RunParams& p, const ConsoleFormat& console) {
  const double secs = seconds_since(w.start);
  Json msg;
  try {
    msg = Json::parse(w.data);
  } catch (const std::exception&) {
    return failed(e, p, describe_exit(status), secs, console);
  }
  if (msg.contains("failure")) return failed(e, p, msg["failure"].get<std::string>(), secs, console);
  CheckOutput o;
  o.entry = msg["entry"];
  o.status = static_cast<Status>(msg["status"].get<int>());
  o.seconds = msg["seconds"].get<double>();
  o.console = msg["console"].get<std::string>();
  if (msg.contains("trace_name")) {
    o.trace_name = msg["trace_name"].get<std::string>();
    o.trace = msg["trace"].get<std::string>();
  }
  if (msg.contains("profile_t")) {
    const auto& t = msg["profile_t"];
    const auto& y = msg["profile_value"];
    for (std::size_t i = 0; i < t.size() && i < y.size(); ++i)
      o.profile_curve.emplace_back(t[i].get<long>(), y[i].is_number() ? y[i].get<double>() : std::nan(""));
  }
  return o;
}

/// A check's expected cost in double-case units, to start the longest checks first (longest-processing-time-first
/// scheduling: with the catalogue's order the float128 checks started last and --jobs 2 gained 1.72x of 2). Per-case
/// cost of a whole check relative to double, from the timings.json of `optcheck run` over every built-in check at
/// its default cases (seconds over cases, per precision; 5.7 ms per case in double). The order only decides which
/// check starts first: results.json is the same whatever it is.
double estimated_cost(const CheckEntry& e, const RunParams& p) {
  double per_case = 1;
  switch (e.precision) {
    case Precision::float64: per_case = 1; break;
    case Precision::float32: per_case = 1.1; break;
    case Precision::bf16:
    case Precision::fp16:
    case Precision::bf16_mixed:
    case Precision::fp16_mixed:
    case Precision::float_double: per_case = 1.5; break;  // the arithmetic policies: 1.3–1.5
    case Precision::long_double: per_case = 3.4; break;
    case Precision::float128: per_case = 7.1; break;
    case Precision::mpfr50: per_case = 33; break;
  }
  return per_case * p.cases;
}

}  // namespace

int processors() {
  const long n = ::sysconf(_SC_NPROCESSORS_ONLN);
  return n > 0 ? static_cast<int>(n) : 1;
}

std::vector<CheckOutput> run_in_workers(const std::vector<const CheckEntry*>& checks, const std::vector<RunParams>& params,
                                        const ConsoleFormat& console, const WorkerOptions& options,
                                        const std::function<void(const CheckOutput&, std::size_t)>& on_done) {
  std::vector<CheckOutput> outputs(checks.size());
  std::vector<std::size_t> order(checks.size());  // start order: most expensive first, ties in catalogue order
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return estimated_cost(*checks[a], params[a]) > estimated_cost(*checks[b], params[b]);
  });
  std::vector<Worker> running;
  std::size_t next = 0, finished = 0;
  const auto finish = [&](const Worker& w, CheckOutput o) {
    outputs[w.index] = std::move(o);
    on_done(outputs[w.index], ++finished);
  };
  while (next < checks.size() || !running.empty()) {
    while (static_cast<int>(running.size()) < std::max(1, options.jobs) && next < checks.size()) {
      const std::size_t i = order[next++];
      running.push_back(start(*checks[i], params[i], i, console));
    }
    // Wait for output, an exit, or the nearest deadline (at most 1 s at a time).
    std::vector<pollfd> fds;
    for (const Worker& w : running) fds.push_back({w.fd, POLLIN, 0});
    double wait = 1.0;
    for (const Worker& w : running) wait = std::min(wait, options.timeout_seconds - seconds_since(w.start));
    if (::poll(fds.data(), fds.size(), static_cast<int>(std::max(0.0, wait) * 1000) + 1) < 0 && errno != EINTR)
      throw std::runtime_error(std::string("poll: ") + std::strerror(errno));
    std::vector<Worker> still;
    for (std::size_t k = 0; k < running.size(); ++k) {
      Worker& w = running[k];
      bool done = false;
      if (fds[k].revents & (POLLIN | POLLHUP | POLLERR)) {
        char buf[65536];
        const ssize_t n = ::read(w.fd, buf, sizeof buf);
        if (n > 0) w.data.append(buf, static_cast<std::size_t>(n));
        else if (n == 0 || errno != EINTR) done = true;
      }
      if (done) {
        int status = 0;
        ::close(w.fd);
        while (::waitpid(w.pid, &status, 0) < 0 && errno == EINTR) {
        }
        finish(w, collect(w, status, *checks[w.index], params[w.index], console));
      } else if (seconds_since(w.start) > options.timeout_seconds) {
        ::kill(w.pid, SIGKILL);
        ::close(w.fd);
        while (::waitpid(w.pid, nullptr, 0) < 0 && errno == EINTR) {
        }
        std::ostringstream why;
        why << "no verdict within the per-check time limit of " << options.timeout_seconds
            << " s (--check-timeout): the check was stopped (an optimizer step that never returns?)";
        finish(w, failed(*checks[w.index], params[w.index], why.str(), seconds_since(w.start), console));
      } else {
        still.push_back(std::move(w));
      }
    }
    running = std::move(still);
  }
  return outputs;
}

}  // namespace optcheck::cli
