// The --out directory is written as a whole. A run or report
//   1. takes a lock (flock on the hidden file .<out>.optcheck-lock beside it): a second writer is refused at once;
//   2. writes every output (results.json, report.md, index.html, timings.json, traces/, a JUnit file inside --out)
//      into a staging directory beside --out (.<out>.optcheck-staging-<pid>);
//   3. switches it into place in one step (renameat2 RENAME_EXCHANGE, then the old contents are removed).
// A kill at any moment leaves the previous report whole (at worst a staging directory that the next writer removes),
// and the lock file is the one file optcheck leaves beside --out (removing it could let two writers lock two files);
// and no file of an earlier run (stale traces of another selection) survives a new one. --out must be new, empty, or
// an earlier optcheck output (it holds results.json): a directory of other files is refused, not replaced.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>

namespace optcheck::cli {

/// Bad --out or --junit (exit 2), or a lock held by another writer.
struct OutputError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class OutputDir {
 public:
  /// Checks --out, takes the lock and creates an empty staging directory. Throws OutputError naming the problem.
  explicit OutputDir(std::filesystem::path out);
  ~OutputDir();
  OutputDir(const OutputDir&) = delete;
  OutputDir& operator=(const OutputDir&) = delete;

  /// Where outputs go until publish().
  const std::filesystem::path& staging() const { return staging_; }
  const std::filesystem::path& out() const { return out_; }
  /// Where to write a JUnit file given as --junit: inside --out it is staged with the rest; elsewhere it is written
  /// after the switch. Refuses a path that names one of the report's own files, or an existing non-regular file.
  std::filesystem::path junit_path(const std::filesystem::path& junit) const;
  /// Switches the staging directory into place.
  void publish();

 private:
  std::filesystem::path out_, staging_, lock_;
  int lock_fd_ = -1;
  bool published_ = false;
};

}  // namespace optcheck::cli
