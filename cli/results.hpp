// results.json: the deterministic record of a run (no timings), and atomic file writing.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "properties/check.hpp"

namespace optcheck::cli {

/// The results.json format's version: raised whenever a field is added, removed or changes meaning. A reader refuses
/// any other version (exit 2) rather than guess.
inline constexpr int kResultsSchemaVersion = 1;

nlohmann::ordered_json to_json(const CheckResult& r);
nlohmann::ordered_json results_document(std::uint64_t seed, const std::vector<CheckResult>& results);
/// A results.json read back (report, --merge) is untrusted input: throws std::invalid_argument naming the first
/// field whose type or value is not what results_document writes (names with control characters or over 256 bytes,
/// an unknown status, a negative count, a non-numeric number, arrays of unequal length in a plot).
void validate_results(const nlohmann::ordered_json& doc);
/// Deepest nesting of arrays and objects in JSON text (strings skipped): checked before parsing, since a parser
/// and its destructor recurse.
std::size_t json_depth(const std::string& text);

/// traces/<theorem>_<optimizer>_<problem>_<precision>.csv: the per-iterate record of the check's worst case.
std::string trace_csv(const CheckResult& r);
std::string trace_file_name(const CheckResult& r);

/// Writes text to path via a temporary file in the same directory and a rename, so a reader never sees a
/// half-written file. Throws std::runtime_error naming the path on failure.
void write_atomically(const std::filesystem::path& path, const std::string& text);

}  // namespace optcheck::cli
