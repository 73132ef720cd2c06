#include "cli/output_dir.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace optcheck::cli {
namespace {

/// The report's own entries in --out: a JUnit file may not take their names.
constexpr const char* kOwnEntries[] = {"results.json", "report.md", "index.html", "timings.json", "traces"};

std::string quoted(const fs::path& p) { return "'" + p.string() + "'"; }

}  // namespace

OutputDir::OutputDir(fs::path out) {
  if (out.empty()) throw OutputError("--out is empty");
  out = fs::absolute(out).lexically_normal();
  if (out.filename().empty()) out = out.parent_path();
  if (out == out.root_path()) throw OutputError("--out " + quoted(out) + ": not a usable output directory");
  out_ = out;
  const fs::path parent = out_.parent_path(), name = out_.filename();
  std::error_code ec;
  fs::create_directories(parent, ec);
  if (ec || !fs::is_directory(parent))
    throw OutputError("--out " + quoted(out_) + ": cannot create " + quoted(parent) + (ec ? ": " + ec.message() : ""));
  const fs::file_status st = fs::symlink_status(out_, ec);
  if (fs::exists(st)) {
    if (!fs::is_directory(st)) throw OutputError("--out " + quoted(out_) + " exists and is not a directory");
    if (!fs::is_empty(out_, ec) && !fs::exists(out_ / "results.json"))
      throw OutputError("--out " + quoted(out_) +
                        " holds files that are not an optcheck report (no results.json): choose a new or empty directory");
  }
  lock_ = parent / ("." + name.string() + ".optcheck-lock");
  lock_fd_ = ::open(lock_.c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0644);
  if (lock_fd_ < 0) throw OutputError("--out " + quoted(out_) + ": cannot create the lock " + quoted(lock_) + ": " + std::strerror(errno));
  if (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
    ::close(lock_fd_);
    lock_fd_ = -1;
    throw OutputError("--out " + quoted(out_) + ": another optcheck is writing there (it holds " + quoted(lock_) +
                      "); wait for it or choose another --out");
  }
  // Staging directories left by killed writers (their process is gone) are removed; the lock's holder of a moment
  // ago may still be removing its own (the previous report) after its switch, so only dead writers' are touched.
  const std::string prefix = "." + name.string() + ".optcheck-staging-";
  for (const auto& entry : fs::directory_iterator(parent, ec)) {
    const std::string n = entry.path().filename().string();
    if (n.rfind(prefix, 0) != 0) continue;
    const long pid = std::strtol(n.c_str() + prefix.size(), nullptr, 10);
    if (pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) fs::remove_all(entry.path(), ec);
  }
  staging_ = parent / (prefix + std::to_string(::getpid()));
  fs::remove_all(staging_, ec);
  if (!fs::create_directory(staging_, ec) || ec)
    throw OutputError("--out " + quoted(out_) + ": cannot create " + quoted(staging_) + (ec ? ": " + ec.message() : ""));
}

OutputDir::~OutputDir() {
  std::error_code ec;
  if (!staging_.empty()) fs::remove_all(staging_, ec);  // unpublished outputs, or (after the switch) the old ones
  if (lock_fd_ >= 0) ::close(lock_fd_);                 // releases the lock (the file stays: see output_dir.hpp)
}

fs::path OutputDir::junit_path(const fs::path& junit) const {
  const fs::path j = fs::absolute(junit).lexically_normal();
  const fs::path inside = j.lexically_relative(out_);
  if (!inside.empty() && *inside.begin() != ".." && inside != ".") {
    for (const char* own : kOwnEntries)
      if (*inside.begin() == own) throw OutputError("--junit " + quoted(junit) + " would overwrite the report's " + own);
    return staging_ / inside;
  }
  std::error_code ec;
  const fs::file_status st = fs::symlink_status(j, ec);
  if (fs::exists(st) && !fs::is_regular_file(st))
    throw OutputError("--junit " + quoted(junit) + " exists and is not a regular file (a link, directory or device)");
  return j;
}

void OutputDir::publish() {
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(out_, ec))) {
    fs::rename(staging_, out_, ec);
    if (ec) throw OutputError("cannot move " + quoted(staging_) + " to " + quoted(out_) + ": " + ec.message());
    published_ = true;
    return;
  }
  // One atomic step: out_ and staging_ trade places; staging_ then holds the old report and is removed.
  if (::renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, out_.c_str(), RENAME_EXCHANGE) != 0) {
    // A file system without RENAME_EXCHANGE: move the old report aside first (a kill between the two renames leaves
    // it there, beside --out, under a name that says so).
    const fs::path old = out_.parent_path() / ("." + out_.filename().string() + ".optcheck-previous");
    fs::remove_all(old, ec);
    fs::rename(out_, old, ec);
    if (!ec) fs::rename(staging_, out_, ec);
    if (ec) throw OutputError("cannot switch " + quoted(staging_) + " into " + quoted(out_) + ": " + ec.message());
    fs::remove_all(old, ec);
  }
  published_ = true;
}

}  // namespace optcheck::cli
