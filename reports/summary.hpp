// What report.md and index.html both say about a results document: the formatted numbers of one check and the
// summary table (rows theorem × optimizer, columns precision), so the two renderings cannot disagree.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace optcheck::reports {

using Json = nlohmann::ordered_json;

/// Worst ratio measured/(bound + slack) with 4 significant digits; "unbounded" (bound ≤ 0) or "-" (not measured).
std::string ratio_text(const Json& check);
/// "0.912 [0.905, 0.918] vs 0.95 (f - f*)" for linear rates, "t^-2.31 [..] vs t^-2 (f - f*)" for sublinear ones.
std::string rate_text(const Json& check);
/// "12u (predicted <= 40u)", or "not reached (lowest 3e+02u)", or "-".
std::string floor_text(const Json& check);
/// "0.83 vs <bound>" or "-".
std::string tightness_text(const Json& check);
/// The slack at the worst iterate as k·u·scale, or "-".
std::string slack_text(const Json& check);
/// "<inequality> at t=<iterate>", or "-".
std::string where_text(const Json& check);

/// One cell of the summary table: the checks of one theorem × optimizer in one precision, over problem families.
struct SummaryCell {
  std::string status;       ///< the worst status (violated > error > inconclusive > holds)
  double worst_ratio = -1;  ///< the largest finite worst ratio (-1: none); unbounded marks an infinite one
  bool unbounded = false;
  double floor_in_u = -1;   ///< the largest reached floor in units of u (-1: none reached)
  int checks = 0;
  std::string text() const;  ///< "holds 0.964 · floor 12u"
};

struct SummaryRow {
  std::string theorem, optimizer;
  std::vector<std::string> problems;
  std::vector<SummaryCell> cells;  ///< one per precision of Summary::precisions (checks == 0: not run)
};

struct Summary {
  std::vector<std::string> precisions;  ///< in order of first appearance
  std::vector<SummaryRow> rows;         ///< in order of first appearance
  int holds = 0, violated = 0, inconclusive = 0, error = 0;
};
Summary summarize(const Json& results);

/// The checks of one theorem, in results order.
std::vector<const Json*> checks_of(const Json& results, const std::string& theorem);

std::string fmt_g(double x, int digits = 4);
/// &, <, >, " as entities (XML attributes and text; HTML too).
std::string escape_xml(const std::string& s);

}  // namespace optcheck::reports
