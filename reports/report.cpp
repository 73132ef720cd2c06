#include "reports/report.hpp"

#include <map>
#include <set>
#include <sstream>
#include <vector>

#include "theorems/catalogue.hpp"

namespace optcheck::reports {
namespace {

std::string ratio_text(const nlohmann::ordered_json& c) {
  if (!c.contains("worst_ratio") || c["worst_ratio"].is_null()) return c.contains("worst") ? "unbounded" : "-";
  std::ostringstream o;
  o.precision(4);
  o << c["worst_ratio"].get<double>();
  return o.str();
}

/// "0.912 [0.905, 0.918] vs 0.95" for linear rates, "t^-2.31 [..] vs t^-2" for sublinear ones.
std::string rate_text(const nlohmann::ordered_json& c) {
  if (!c.contains("theoretical_rate")) return "-";
  const auto& th = c["theoretical_rate"];
  const bool linear = th["kind"] == "linear";
  const char* key = linear ? "factor" : "exponent";
  std::ostringstream o;
  o.precision(4);
  auto num = [&](const nlohmann::ordered_json& v) {
    std::ostringstream s;
    s.precision(4);
    if (v.is_null()) s << "?";
    else s << (linear ? "" : "t^") << v.get<double>();
    return s.str();
  };
  if (c["observed_rate"].is_null()) o << "n/a";
  else
    o << num(c["observed_rate"][key]) << " [" << num(c["observed_rate"]["interval"][0]) << ", "
      << num(c["observed_rate"]["interval"][1]) << "]";
  o << " vs " << num(th[key]) << " (" << th["quantity"].get<std::string>() << ")";
  return o.str();
}

std::string xml_escape(const std::string& s) {
  std::string out;
  for (char ch : s) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += ch;
    }
  }
  return out;
}

std::string md_cell(std::string s) {
  for (auto& ch : s)
    if (ch == '|' || ch == '\n') ch = ' ';
  return s;
}

}  // namespace

std::string replay_command(const nlohmann::ordered_json& c) {
  std::ostringstream o;
  o << "optcheck run --seed " << c["seed"].get<std::uint64_t>() << " --cases " << c["cases_requested"].get<int>()
    << " --theorem " << c["theorem"].get<std::string>() << " --optimizer " << c["optimizer"].get<std::string>()
    << " --problem " << c["problem"].get<std::string>() << " --precision " << c["precision"].get<std::string>();
  return o.str();
}

std::string render_markdown(const nlohmann::ordered_json& results) {
  const auto& checks = results["checks"];
  std::vector<std::string> precisions;
  std::vector<std::string> rows;
  std::map<std::string, std::map<std::string, const nlohmann::ordered_json*>> cell;
  std::map<std::string, int> counts;
  for (const auto& c : checks) {
    const std::string p = c["precision"], row = c["theorem"].get<std::string>() + " | " +
                                               c["optimizer"].get<std::string>() + " | " + c["problem"].get<std::string>();
    if (std::find(precisions.begin(), precisions.end(), p) == precisions.end()) precisions.push_back(p);
    if (!cell.count(row)) rows.push_back(row);
    cell[row][p] = &c;
    counts[c["status"]]++;
  }
  std::ostringstream md;
  md << "# optcheck report\n\n";
  md << "Seed " << results["seed"] << " · " << checks.size() << " checks: " << counts["holds"] << " hold, "
     << counts["violated"] << " violated, " << counts["inconclusive"] << " inconclusive, " << counts["error"]
     << " error.\n\n";
  md << "Each cell: status and the worst ratio measured/(bound + slack) over all cases and iterates (≤ 1: the "
        "theorem held; near 1: the bound is tight there).\n\n";
  md << "| theorem | optimizer | problem |";
  for (const auto& p : precisions) md << " " << p << " |";
  md << "\n|---|---|---|";
  for (std::size_t i = 0; i < precisions.size(); ++i) md << "---|";
  md << "\n";
  for (const auto& row : rows) {
    md << "| " << row << " |";
    for (const auto& p : precisions) {
      const auto it = cell[row].find(p);
      if (it == cell[row].end()) {
        md << " |";
        continue;
      }
      const auto& c = *it->second;
      md << " " << c["status"].get<std::string>() << " " << ratio_text(c) << " |";
    }
    md << "\n";
  }
  for (const auto& t : theorems::catalogue) {
    std::vector<const nlohmann::ordered_json*> mine;
    for (const auto& c : checks)
      if (c["theorem"] == t.id) mine.push_back(&c);
    if (mine.empty()) continue;
    md << "\n## " << t.id << "\n\n";
    md << "**Statement.** " << t.statement << "\n\n**Hypotheses.** " << t.hypotheses << "\n\n**Source.** "
       << t.citation << "\n\n";
    md << "| optimizer | problem | precision | status | cases | worst ratio | where | slack at the worst iterate | "
          "observed rate vs theory (worst case) |\n";
    md << "|---|---|---|---|---|---|---|---|---|\n";
    for (const auto* c : mine) {
      std::string where = "-", slack = "-";
      if (c->contains("worst")) {
        const auto& w = (*c)["worst"];
        where = md_cell(w["inequality"].get<std::string>()) + " at t=" + std::to_string(w["iterate"].get<long>());
        std::ostringstream s;
        s.precision(3);
        if (!w["slack"]["k"].is_null() && !w["slack"]["scale"].is_null())
          s << w["slack"]["k"].get<double>() << "·u·" << w["slack"]["scale"].get<double>() << " (u = "
            << w["slack"]["u"].get<double>() << ")";
        slack = s.str();
      }
      md << "| " << (*c)["optimizer"].get<std::string>() << " | " << (*c)["problem"].get<std::string>() << " | "
         << (*c)["precision"].get<std::string>() << " | " << (*c)["status"].get<std::string>() << " | "
         << (*c)["cases"] << " | " << ratio_text(*c) << " | " << where << " | " << slack << " | " << rate_text(*c)
         << " |\n";
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

std::string render_junit(const nlohmann::ordered_json& results) {
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
    x << "    <testcase classname=\"" << xml_escape(c["theorem"]) << "\" name=\"" << xml_escape(name) << "\">\n";
    x << "      <properties>\n        <property name=\"seed\" value=\"" << c["seed"] << "\"/>\n"
      << "        <property name=\"cases\" value=\"" << c["cases"] << "\"/>\n"
      << "        <property name=\"worst_ratio\" value=\"" << xml_escape(ratio_text(c)) << "\"/>\n"
      << "        <property name=\"replay\" value=\"" << xml_escape(replay_command(c)) << "\"/>\n      </properties>\n";
    const std::string status = c["status"];
    const std::string detail = (c.contains("failure") ? c["failure"].get<std::string>() : std::string()) +
                               (c.contains("counterexample") ? "\ncounterexample: " + c["counterexample"].get<std::string>() : "") +
                               (c.contains("message") ? "\n" + c["message"].get<std::string>() : "");
    if (status == "violated")
      x << "      <failure message=\"theorem violated\" type=\"violated\">" << xml_escape(detail) << "</failure>\n";
    else if (status == "error")
      x << "      <error message=\"optimizer error\" type=\"error\">" << xml_escape(detail) << "</error>\n";
    else if (status == "inconclusive")
      x << "      <skipped message=\"" << xml_escape(detail) << "\"/>\n";
    x << "    </testcase>\n";
  }
  x << "  </testsuite>\n</testsuites>\n";
  return x.str();
}

}  // namespace optcheck::reports
