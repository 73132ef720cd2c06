// results.json: the deterministic record of a run (no timings), and atomic file writing.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "properties/check.hpp"

namespace optcheck::cli {

nlohmann::ordered_json to_json(const CheckResult& r);
nlohmann::ordered_json results_document(std::uint64_t seed, const std::vector<CheckResult>& results);

/// traces/<theorem>_<optimizer>_<problem>_<precision>.csv: the per-iterate record of the check's worst case.
std::string trace_csv(const CheckResult& r);
std::string trace_file_name(const CheckResult& r);

/// Writes text to path via a temporary file in the same directory and a rename, so a reader never sees a
/// half-written file. Throws std::runtime_error naming the path on failure.
void write_atomically(const std::filesystem::path& path, const std::string& text);

}  // namespace optcheck::cli
