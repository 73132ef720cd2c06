// Rendering a results document (results.json) into report.md and JUnit XML. Works from the JSON alone: the report
// never re-runs anything.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace optcheck::reports {

/// report.md: a summary table (rows theorem × optimizer × problem, columns precision), then per theorem its
/// statement, hypotheses, citation, the checks, and for each violation the counterexample and the command that
/// replays it.
std::string render_markdown(const nlohmann::ordered_json& results);

/// index.html: self-contained (no scripts, no network): the summary table, per theorem its statement, hypotheses,
/// citation, checks, convergence plots per precision with the bound overlaid and the observed-vs-theoretical-rate
/// plot (gnuplot SVG, inlined), and each violation's counterexample and replay command. Without gnuplot the page
/// says the plots were skipped.
std::string render_html(const nlohmann::ordered_json& results);

/// JUnit XML: one <testcase> per check, seed and worst ratio as properties, the counterexample in <failure>.
std::string render_junit(const nlohmann::ordered_json& results);

/// The command that replays one check exactly.
std::string replay_command(const nlohmann::ordered_json& check);

}  // namespace optcheck::reports
