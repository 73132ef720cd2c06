#include "reports/report.hpp"

#include <map>
#include <set>
#include <sstream>
#include <vector>

#include "reports/summary.hpp"
#include "theorems/catalogue.hpp"

namespace optcheck::reports {
namespace {

std::string md_cell(std::string s) {
  for (auto& ch : s)
    if (ch == '|' || ch == '\n') ch = ' ';
  return s;
}

}  // namespace

std::string replay_command(const Json& c) {
  std::ostringstream o;
  o << "optcheck run --seed " << c["seed"].get<std::uint64_t>() << " --cases " << c["cases_requested"].get<int>()
    << " --theorem " << c["theorem"].get<std::string>() << " --optimizer " << c["optimizer"].get<std::string>()
    << " --problem " << c["problem"].get<std::string>() << " --precision " << c["precision"].get<std::string>();
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
  for (const auto& p : sum.precisions) md << " " << p << " |";
  md << "\n|---|---|---|";
  for (std::size_t i = 0; i < sum.precisions.size(); ++i) md << "---|";
  md << "\n";
  for (const auto& row : sum.rows) {
    std::string problems;
    for (const auto& p : row.problems) problems += (problems.empty() ? "" : ", ") + p;
    md << "| " << row.theorem << " | " << row.optimizer << " | " << problems << " |";
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
      md << "| " << (*c)["optimizer"].get<std::string>() << " | " << (*c)["problem"].get<std::string>() << " | "
         << (*c)["precision"].get<std::string>() << " | " << (*c)["status"].get<std::string>() << " | "
         << (*c)["cases"] << " | " << ratio_text(*c) << " | " << md_cell(where_text(*c)) << " | " << slack_text(*c)
         << " | " << rate_text(*c) << " | " << md_cell(tightness_text(*c)) << " | " << floor_text(*c) << " |\n";
    }
    bool noted = false;
    for (const auto* c : mine)
      if (c->contains("notes"))
        for (const auto& n : (*c)["notes"]) {
          md << (noted ? "" : "\nNotes:\n\n") << "- " << (*c)["optimizer"].get<std::string>() << " on "
             << (*c)["problem"].get<std::string>() << " in " << (*c)["precision"].get<std::string>() << ": "
             << md_cell(n.get<std::string>()) << "\n";
          noted = true;
        }
    for (const auto* c : mine) {
      const std::string status = (*c)["status"];
      if (status == "holds") continue;
      md << "\n### " << status << ": " << (*c)["optimizer"].get<std::string>() << " on "
         << (*c)["problem"].get<std::string>() << " in " << (*c)["precision"].get<std::string>() << "\n\n";
      if (c->contains("failure")) md << "```\n" << (*c)["failure"].get<std::string>() << "\n```\n\n";
      if (c->contains("counterexample"))
        md << "Shrunk counterexample:\n\n```\n" << (*c)["counterexample"].get<std::string>() << "\n```\n\n";
      if (c->contains("message")) md << (*c)["message"].get<std::string>() << "\n\n";
      md << "Replay:\n\n```sh\n" << replay_command(*c) << "\n```\n";
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
