// Plots for index.html, drawn by gnuplot's SVG terminal (Debian's gnuplot-nox, installed by scripts/setup.sh).
// Where gnuplot is missing the report is written without plots and says so.
#pragma once

#include <string>

namespace optcheck::reports {

struct Gnuplot {
  std::string executable;  ///< $OPTCHECK_GNUPLOT, or "gnuplot" from PATH
  bool available = false;
  std::string why_not;     ///< when not available: what was tried and what happened
};

/// Looks for gnuplot (runs `<executable> --version`).
Gnuplot find_gnuplot();

/// Runs a gnuplot script whose terminal is svg and whose output goes to standard output; returns the <svg> element
/// (XML prolog and DOCTYPE stripped, ready to inline). Throws std::runtime_error with gnuplot's message on failure.
/// Each run has a time limit (20 s; `--version` 5 s): on a timeout gnuplot is marked unavailable, so later plots are
/// skipped at once.
std::string render_svg(Gnuplot& gnuplot, const std::string& script);

/// Quotes a string for a gnuplot script (single quotes; a quote inside shown as ’, control characters as spaces).
std::string gnuplot_quote(const std::string& s);
/// s as a double-quoted string column of a datablock line (control characters and double quotes replaced).
std::string gnuplot_data_string(const std::string& s);

}  // namespace optcheck::reports
