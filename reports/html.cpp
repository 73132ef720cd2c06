// index.html: one self-contained page (no scripts, no network; plots inlined as SVG drawn by gnuplot).
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <sstream>
#include <vector>

#include "reports/gnuplot.hpp"
#include "reports/report.hpp"
#include "reports/summary.hpp"
#include "theorems/catalogue.hpp"

namespace optcheck::reports {
namespace {

const char* kStyle = R"(
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1250px; color: #222; line-height: 1.4; }
h1 { margin-bottom: 0.2em; } h2 { border-bottom: 1px solid #ccc; margin-top: 2em; }
table { border-collapse: collapse; margin: 0.8em 0; font-size: 0.88em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
th { background: #f2f2f2; }
td.holds { background: #eef8ee; } td.violated, td.error { background: #fbe3e3; } td.inconclusive { background: #fff6dd; }
.statement { font-family: ui-monospace, monospace; background: #f7f7f7; padding: 0.5em; }
.plots { display: flex; flex-wrap: wrap; gap: 1em; }
figure { margin: 0; } figcaption { font-size: 0.85em; color: #555; max-width: 560px; }
pre { background: #f7f7f7; padding: 0.5em; overflow-x: auto; }
.note { color: #555; font-size: 0.9em; }
)";

/// One colour per precision, the same in every plot.
std::string colour(const std::string& precision) {
  static const std::map<std::string, std::string> c = {
      {"bf16", "#8c564b"},   {"fp16", "#e377c2"},     {"float", "#d62728"}, {"double", "#1f77b4"},
      {"long-double", "#9467bd"}, {"float128", "#2ca02c"}, {"mpfr50", "#ff7f0e"}};
  const auto it = c.find(precision);
  return it == c.end() ? "#7f7f7f" : it->second;
}

/// Values at or below this are left out of log-scale plots (subnormals and exact zeros: the floor of f − f*).
constexpr double kLogFloor = 1e-300;

/// The value for a gnuplot data line; values a log scale cannot show become NaN. Tracks the plotted range.
std::string number_or_nan(const Json& v, bool positive_only, double* lo = nullptr, double* hi = nullptr) {
  if (!v.is_number()) return "NaN";
  const double x = v.get<double>();
  if (positive_only && !(x > kLogFloor)) return "NaN";
  if (lo) *lo = std::min(*lo, x);
  if (hi) *hi = std::max(*hi, x);
  std::ostringstream o;
  o.precision(8);
  o << x;
  return o.str();
}

bool any_positive(const Json& a) {
  for (const auto& v : a)
    if (v.is_number() && v.get<double>() > kLogFloor) return true;
  return false;
}

const char* kTerminal = "set terminal svg size 560,360 dynamic noenhanced font 'sans,10' background rgb 'white'\n";

/// f − f* (or the distance) against t for the checks of one theorem × optimizer × problem, one colour per
/// precision: the run (solid), the theorem's bound (dashed), the error model's predicted floor (dotted). The y range
/// follows the runs and floors (a bound that falls far below them leaves the plot). Empty when nothing is positive
/// (nothing to draw on a log scale).
std::string convergence_script(const std::vector<const Json*>& checks, std::string& caption) {
  std::ostringstream data, plot;
  int n = 0;
  double lo = std::numeric_limits<double>::infinity(), hi = 0;
  bool sublinear = false;
  std::string quantity = "f - f*", from = "profile";
  for (const Json* c : checks) {
    if (!c->contains("plot") || (*c)["plot"].is_null()) continue;
    const Json& p = (*c)["plot"];
    if (!any_positive(p["value"])) continue;
    quantity = p["quantity"];
    from = p["from"];
    sublinear = sublinear || (c->contains("theoretical_rate") && (*c)["theoretical_rate"].is_object() &&
                              (*c)["theoretical_rate"]["kind"] == "sublinear");
    const std::string block = "$d" + std::to_string(n++), prec = (*c)["precision"], rgb = colour(prec);
    data << block << " << EOD\n";
    for (std::size_t i = 0; i < p["t"].size(); ++i)
      data << p["t"][i].get<long>() << " " << number_or_nan(p["value"][i], true, &lo, &hi) << " "
           << (p.contains("bound") ? number_or_nan(p["bound"][i], true, nullptr, &hi) : "NaN") << " "
           << (p.contains("predicted_floor") ? number_or_nan(p["predicted_floor"][i], true, &lo, &hi) : "NaN") << "\n";
    data << "EOD\n";
    plot << (plot.tellp() > 0 ? ", " : "plot ") << block << " using 1:2 with lines lw 2 lc rgb '" << rgb
         << "' title " << gnuplot_quote(prec);
    if (p.contains("bound") && any_positive(p["bound"]))
      plot << ", " << block << " using 1:3 with lines dt 2 lw 1.5 lc rgb '" << rgb << "' title "
           << gnuplot_quote(prec + " bound");
    if (p.contains("predicted_floor") && any_positive(p["predicted_floor"]))
      plot << ", " << block << " using 1:4 with lines dt 3 lw 1 lc rgb '" << rgb << "' title "
           << gnuplot_quote(prec + " predicted floor");
  }
  if (n == 0) return "";
  const Json& first = *checks.front();
  caption = first["optimizer"].get<std::string>() + " on " + first["problem"].get<std::string>() + ": " + quantity +
            " of the " + from + " run per precision (solid), the theorem's bound (dashed), the error model's "
            "predicted floor (dotted)" + (sublinear ? "; log-log axes (sublinear rate)" : "") +
            "; values that reach 0 (or below 1e-300) leave the log scale.";
  std::ostringstream s;
  s << kTerminal << "set title " << gnuplot_quote(first["optimizer"].get<std::string>() + " on " + first["problem"].get<std::string>())
    << "\nset datafile missing 'NaN'\nset logscale y\nset format y '1e%T'\nset xlabel 't'\nset ylabel "
    << gnuplot_quote(quantity) << "\nset key top right font ',8' samplen 2\nset grid\n"
    << "set yrange [" << lo / 2 << ":" << hi * 2 << "]\n";
  if (sublinear) s << "set logscale x\nset xrange [1:*]\n";
  s << data.str() << plot.str() << "\n";
  return s.str();
}

/// Observed rate over theoretical rate for the checks of one theorem, one row per check: for linear rates
/// ln(observed factor)/ln(theoretical factor), for sublinear ones observed exponent/theoretical exponent — 1 means
/// as fast as the theory says, > 1 faster. The ±2 SE interval of the fit as error bars.
std::string rates_script(const std::vector<const Json*>& checks, std::string& caption) {
  std::ostringstream data;
  int n = 0;
  for (const Json* c : checks) {
    if (!c->contains("observed_rate") || (*c)["observed_rate"].is_null()) continue;
    const Json &th = (*c)["theoretical_rate"], &ob = (*c)["observed_rate"];
    const bool linear = th["kind"] == "linear";
    const char* key = linear ? "factor" : "exponent";
    if (!th[key].is_number() || !ob[key].is_number() || !ob["interval"][0].is_number() || !ob["interval"][1].is_number())
      continue;
    auto speed = [&](double v) { return linear ? std::log(v) / std::log(th[key].get<double>()) : v / th[key].get<double>(); };
    double lo = speed(ob["interval"][0].get<double>()), hi = speed(ob["interval"][1].get<double>());
    if (lo > hi) std::swap(lo, hi);
    const double mid = speed(ob[key].get<double>());
    if (!(mid > 0) || !std::isfinite(mid) || !(lo > 0) || !std::isfinite(hi)) continue;
    const std::string label = (*c)["optimizer"].get<std::string>() + " / " + (*c)["problem"].get<std::string>() +
                              " / " + (*c)["precision"].get<std::string>();
    data << n++ << " " << mid << " " << lo << " " << hi << " " << gnuplot_data_string(label) << "\n";
  }
  if (n == 0) return "";
  caption = "Observed rate relative to the theoretical rate (ln ρ_obs/ln ρ_theory for linear rates, exponent ratio "
            "for sublinear ones; 1 = as fast as the theory, > 1 faster), fitted on the profile runs, ±2 SE.";
  std::ostringstream s;
  s << "set terminal svg size 560," << 120 + 18 * n << " dynamic noenhanced font 'sans,10' background rgb 'white'\n"
    << "set title 'observed / theoretical rate'\nset logscale x\nset xlabel 'observed / theory (1 = theory)'\n"
    << "set yrange [-1:" << n << "]\nset ytics font ',8'\nset grid x\nset key off\nset lmargin 34\n"
    << "$r << EOD\n" << data.str() << "EOD\n"
    << "set arrow from 1, graph 0 to 1, graph 1 nohead lc rgb '#888888' dt 2\n"
    << "plot $r using 2:1:3:4:ytic(5) with xerrorbars pt 7 ps 0.8 lc rgb '#1f77b4'\n";
  return s.str();
}

std::string figure(Gnuplot& g, const std::string& script, const std::string& caption, const std::string& cls,
                   std::vector<std::string>& failures) {
  try {
    return "<figure class=\"" + cls + "\">" + render_svg(g, script) + "<figcaption>" + escape_xml(caption) +
           "</figcaption></figure>\n";
  } catch (const std::exception& e) {
    failures.push_back(caption + ": " + e.what());
    return "";
  }
}

void cell(std::ostringstream& h, const std::string& text, const std::string& cls = "") {
  h << "<td" << (cls.empty() ? "" : " class=\"" + escape_xml(cls) + "\"") << ">" << escape_xml(text) << "</td>";
}

}  // namespace

std::string render_html(const Json& results) {
  const Summary sum = summarize(results);
  Gnuplot g = find_gnuplot();
  std::vector<std::string> failures;
  int plots = 0;
  std::ostringstream h;
  h << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>optcheck report (seed "
    << results["seed"] << ")</title>\n<style>" << kStyle << "</style>\n</head>\n<body>\n";
  h << "<h1>optcheck report</h1>\n<p>Seed " << results["seed"] << " · " << results["checks"].size() << " checks: "
    << sum.holds << " hold, " << sum.violated << " violated, " << sum.inconclusive << " inconclusive, " << sum.error
    << " error. Every number here is in <code>results.json</code> beside this page.</p>\n";
  if (!g.available)
    h << "<p class=\"plots-skipped\"><strong>Plots skipped:</strong> " << escape_xml(g.why_not) << ".</p>\n";

  h << "<section id=\"summary\">\n<h2>Summary</h2>\n<p class=\"note\">Cells: the worst status over the problem "
       "families, the worst ratio measured/(bound + slack) over all cases and iterates (≤ 1: held; near 1: tight), and "
       "the precision floor in units of u·(|f(x<sub>0</sub>)| + |f*|) where a profile run reached it.</p>\n<table "
       "class=\"summary\">\n<tr><th>theorem</th><th>optimizer</th><th>problems</th>";
  for (const auto& p : sum.precisions) h << "<th>" << escape_xml(p) << "</th>";
  h << "</tr>\n";
  for (const auto& row : sum.rows) {
    std::string problems;
    for (const auto& p : row.problems) problems += (problems.empty() ? "" : ", ") + p;
    h << "<tr><td><a href=\"#theorem-" << escape_xml(row.theorem) << "\">" << escape_xml(row.theorem) << "</a></td>";
    cell(h, row.optimizer);
    cell(h, problems);
    for (const auto& c : row.cells) cell(h, c.text(), c.status);
    h << "</tr>\n";
  }
  h << "</table>\n</section>\n";

  for (const auto& t : theorems::catalogue) {
    const auto mine = checks_of(results, t.id);
    if (mine.empty()) continue;
    h << "<section class=\"theorem\" id=\"theorem-" << t.id << "\">\n<h2>" << t.id << "</h2>\n";
    h << "<p class=\"statement\">" << escape_xml(t.statement) << "</p>\n<p><strong>Hypotheses exercised:</strong> "
      << escape_xml(t.hypotheses) << "<br><strong>Source:</strong> " << escape_xml(t.citation) << "</p>\n";
    h << "<table class=\"checks\">\n<tr><th>optimizer</th><th>problem</th><th>precision</th><th>status</th>"
         "<th>cases</th><th>worst ratio</th><th>where</th><th>slack at the worst iterate</th><th>observed vs "
         "theoretical rate</th><th>tightness</th><th>precision floor</th></tr>\n";
    for (const Json* c : mine) {
      h << "<tr>";
      cell(h, (*c)["optimizer"]);
      cell(h, (*c)["problem"]);
      cell(h, (*c)["precision"]);
      cell(h, (*c)["status"], (*c)["status"]);
      cell(h, std::to_string((*c)["cases"].get<int>()));
      cell(h, ratio_text(*c));
      cell(h, where_text(*c));
      cell(h, slack_text(*c));
      cell(h, rate_text(*c));
      cell(h, tightness_text(*c));
      cell(h, floor_text(*c));
      h << "</tr>\n";
    }
    h << "</table>\n";
    if (g.available) {
      h << "<div class=\"plots\">\n";
      // one convergence plot per optimizer × problem (all precisions in it), then the rates of the theorem
      std::vector<std::string> groups;
      std::map<std::string, std::vector<const Json*>> by_group;
      for (const Json* c : mine) {
        const std::string key = (*c)["optimizer"].get<std::string>() + " " + (*c)["problem"].get<std::string>();
        if (!by_group.count(key)) groups.push_back(key);
        by_group[key].push_back(c);
      }
      for (const auto& key : groups) {
        std::string caption;
        const std::string script = convergence_script(by_group[key], caption);
        if (script.empty()) continue;
        const std::string fig = figure(g, script, caption, "convergence", failures);
        plots += !fig.empty();
        h << fig;
      }
      std::string caption;
      const std::string script = rates_script(mine, caption);
      if (!script.empty()) {
        const std::string fig = figure(g, script, caption, "rates", failures);
        plots += !fig.empty();
        h << fig;
      }
      h << "</div>\n";
    }
    for (const Json* c : mine)
      if (c->contains("notes"))
        for (const auto& n : (*c)["notes"])
          h << "<p class=\"note\">" << escape_xml((*c)["optimizer"]) << " on " << escape_xml((*c)["problem"]) << " in "
            << escape_xml((*c)["precision"]) << ": " << escape_xml(n) << "</p>\n";
    for (const Json* c : mine) {
      const std::string status = (*c)["status"];
      if (status == "holds") continue;
      h << "<div class=\"violation\">\n<h3>" << escape_xml(status) << ": " << escape_xml((*c)["optimizer"]) << " on "
        << escape_xml((*c)["problem"]) << " in " << escape_xml((*c)["precision"]) << "</h3>\n";
      if (c->contains("failure")) h << "<pre>" << escape_xml((*c)["failure"]) << "</pre>\n";
      if (c->contains("counterexample"))
        h << "<p>Shrunk counterexample:</p>\n<pre class=\"counterexample\">" << escape_xml((*c)["counterexample"])
          << "</pre>\n";
      if (c->contains("message")) h << "<p>" << escape_xml((*c)["message"]) << "</p>\n";
      h << "<p>Replay:</p>\n<pre class=\"replay\">" << escape_xml(replay_command(*c)) << "</pre>\n</div>\n";
    }
    h << "</section>\n";
  }
  if (!failures.empty()) {
    h << "<section id=\"plot-failures\">\n<h2>Plots that failed</h2>\n<ul>\n";
    for (const auto& f : failures) h << "<li>" << escape_xml(f) << "</li>\n";
    h << "</ul>\n</section>\n";
  }
  h << "<p class=\"note\">" << plots << " plots drawn by " << (g.available ? "gnuplot (SVG terminal)" : "nobody")
    << ". Written by optcheck from results.json.</p>\n</body>\n</html>\n";
  return h.str();
}

}  // namespace optcheck::reports
