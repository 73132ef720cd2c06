#include "reports/report.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <sstream>
#include <vector>

#include "reports/summary.hpp"
#include "theorems/catalogue.hpp"

namespace optcheck::reports {
namespace {

/// Text from results.json on one Markdown line or table cell: no line breaks or cell separators, and no raw HTML
/// (Markdown renderers pass HTML through).
std::string md_cell(const std::string& s) {
  std::string out;
  for (char ch : s) {
    if (ch == '|' || static_cast<unsigned char>(ch) < 0x20) out += ' ';
    else if (ch == '<') out += "&lt;";
    else if (ch == '>') out += "&gt;";
    else if (ch == '&') out += "&amp;";
    else out += ch;
  }
  return out;
}

/// Text in a fenced code block whose fence is longer than any run of backticks in it (so it cannot close early).
std::string fenced(const std::string& text, const std::string& info = "") {
  std::size_t longest = 0, run = 0;
  for (char ch : text) {
    run = ch == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  const std::string fence(std::max<std::size_t>(3, longest + 1), '`');
  return fence + info + "\n" + text + "\n" + fence + "\n\n";
}

/// A command-line argument shown for copying: plain names as they are, anything else single-quoted for the shell.
std::string shell_word(const std::string& s) {
  const bool plain = !s.empty() && std::all_of(s.begin(), s.end(), [](char ch) {
    return std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_' || ch == '.' || ch == '+';
  });
  if (plain) return s;
  std::string out = "'";
  for (char ch : s) out += ch == '\'' ? std::string("'\\''") : std::string(1, ch);
  return out + "'";
}

}  // namespace

std::string replay_command(const Json& c) {
  std::ostringstream o;
  o << "optcheck run --seed " << c["seed"].get<std::uint64_t>() << " --cases " << c["cases_requested"].get<int>()
    << " --theorem " << shell_word(c["theorem"]) << " --optimizer " << shell_word(c["optimizer"]) << " --problem "
    << shell_word(c["problem"]) << " --precision " << shell_word(c["precision"]);
  return o.str();
}

std::string render_markdown(const Json& results) {
  const Summary sum = summarize(results);
  std::ostringstream md;
  md << "# optcheck report\n\n";
  md << "Seed " << results["seed"] << " · " << results["checks"].size() << " checks: " << sum.holds << " hold, "
     << sum.violated << " violated, " << sum.inconclusive << " inconclusive, " << sum.error
     << " error. Plots: index.html.\n\n";
  md << "Each cell: the worst status over the problem families, the worst ratio measured/(bound + slack) over all "
        "cases and iterates (≤ 1: the theorem held; near 1: the bound is tight there), and the precision floor — "
        "where the profile run stopped making progress, in units of u·(|f(x_0)| + |f*|) (the largest over the "
        "families; '-' where no profile reached it).\n\n";
  md << "| theorem | optimizer | problems |";
  for (const auto& p : sum.precisions) md << " " << md_cell(p) << " |";
  md << "\n|---|---|---|";
  for (std::size_t i = 0; i < sum.precisions.size(); ++i) md << "---|";
  md << "\n";
  for (const auto& row : sum.rows) {
    std::string problems;
    for (const auto& p : row.problems) problems += (problems.empty() ? "" : ", ") + p;
    md << "| " << md_cell(row.theorem) << " | " << md_cell(row.optimizer) << " | " << md_cell(problems) << " |";
    for (const auto& cell : row.cells) md << " " << cell.text() << " |";
    md << "\n";
  }
  for (const auto& t : theorems::catalogue) {
    const auto mine = checks_of(results, t.id);
    if (mine.empty()) continue;
    md << "\n## " << t.id << "\n\n";
    md << "**Statement.** " << t.statement << "\n\n**Hypotheses.** " << t.hypotheses << "\n\n**Source.** "
       << t.citation << "\n\n";
    md << "| optimizer | problem | precision | status | cases | worst ratio | where | slack at the worst iterate | "
          "observed vs theoretical rate | tightness | precision floor |\n";
    md << "|---|---|---|---|---|---|---|---|---|---|---|\n";
    for (const auto* c : mine) {
      md << "| " << md_cell((*c)["optimizer"]) << " | " << md_cell((*c)["problem"]) << " | "
         << md_cell((*c)["precision"]) << " | " << md_cell((*c)["status"]) << " | "
         << (*c)["cases"] << " | " << ratio_text(*c) << " | " << md_cell(where_text(*c)) << " | " << slack_text(*c)
         << " | " << rate_text(*c) << " | " << md_cell(tightness_text(*c)) << " | " << floor_text(*c) << " |\n";
    }
    bool noted = false;
    for (const auto* c : mine)
      if (c->contains("notes"))
        for (const auto& n : (*c)["notes"]) {
          md << (noted ? "" : "\nNotes:\n\n") << "- " << md_cell((*c)["optimizer"]) << " on "
             << md_cell((*c)["problem"]) << " in " << md_cell((*c)["precision"]) << ": "
             << md_cell(n.get<std::string>()) << "\n";
          noted = true;
        }
    for (const auto* c : mine) {
      const std::string status = (*c)["status"];
      if (status == "holds") continue;
      md << "\n### " << md_cell(status) << ": " << md_cell((*c)["optimizer"]) << " on "
         << md_cell((*c)["problem"]) << " in " << md_cell((*c)["precision"]) << "\n\n";
      if (c->contains("failure")) md << fenced((*c)["failure"]);
      if (c->contains("counterexample")) md << "Shrunk counterexample:\n\n" << fenced((*c)["counterexample"]);
      if (c->contains("message")) md << md_cell((*c)["message"]) << "\n\n";
      md << "Replay:\n\n" << fenced(replay_command(*c), "sh");
    }
  }
  return md.str();
}

std::string render_junit(const Json& results) {
  const auto& checks = results["checks"];
  int failures = 0, errors = 0, skipped = 0;
  for (const auto& c : checks) {
    failures += c["status"] == "violated";
    errors += c["status"] == "error";
    skipped += c["status"] == "inconclusive";
  }
  std::ostringstream x;
  x << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  x << "<testsuites name=\"optcheck\" tests=\"" << checks.size() << "\" failures=\"" << failures << "\" errors=\""
    << errors << "\" skipped=\"" << skipped << "\">\n";
  x << "  <testsuite name=\"optcheck\" tests=\"" << checks.size() << "\" failures=\"" << failures << "\" errors=\""
    << errors << "\" skipped=\"" << skipped << "\">\n";
  for (const auto& c : checks) {
    const std::string name = c["optimizer"].get<std::string>() + " / " + c["problem"].get<std::string>() + " / " +
                             c["precision"].get<std::string>();
    x << "    <testcase classname=\"" << escape_xml(c["theorem"]) << "\" name=\"" << escape_xml(name) << "\">\n";
    x << "      <properties>\n        <property name=\"seed\" value=\"" << c["seed"] << "\"/>\n"
      << "        <property name=\"cases\" value=\"" << c["cases"] << "\"/>\n"
      << "        <property name=\"worst_ratio\" value=\"" << escape_xml(ratio_text(c)) << "\"/>\n"
      << "        <property name=\"replay\" value=\"" << escape_xml(replay_command(c)) << "\"/>\n      </properties>\n";
    const std::string status = c["status"];
    const std::string detail = (c.contains("failure") ? c["failure"].get<std::string>() : std::string()) +
                               (c.contains("counterexample") ? "\ncounterexample: " + c["counterexample"].get<std::string>() : "") +
                               (c.contains("message") ? "\n" + c["message"].get<std::string>() : "");
    if (status == "violated")
      x << "      <failure message=\"theorem violated\" type=\"violated\">" << escape_xml(detail) << "</failure>\n";
    else if (status == "error")
      x << "      <error message=\"optimizer error\" type=\"error\">" << escape_xml(detail) << "</error>\n";
    else if (status == "inconclusive")
      x << "      <skipped message=\"" << escape_xml(detail) << "\"/>\n";
    x << "    </testcase>\n";
  }
  x << "  </testsuite>\n</testsuites>\n";
  return x.str();
}

}  // namespace optcheck::reports
