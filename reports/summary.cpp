#include "reports/summary.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>

namespace optcheck::reports {

std::string fmt_g(double x, int digits) {
  std::ostringstream o;
  o.precision(digits);
  o << x;
  return o.str();
}

std::string escape_xml(const std::string& s) {
  std::string out;
  for (char ch : s) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      // Control characters other than tab and newlines are not allowed in XML 1.0 (a JUnit reader would reject
      // the file): a space stands in for them.
      default: out += (static_cast<unsigned char>(ch) < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') ? ' ' : ch;
    }
  }
  return out;
}

namespace {
bool has_number(const Json& c, const char* key) { return c.contains(key) && c[key].is_number(); }

int severity(const std::string& status) {
  if (status == "violated") return 3;
  if (status == "error") return 2;
  if (status == "inconclusive") return 1;
  return 0;
}
}  // namespace

std::string ratio_text(const Json& c) {
  if (!has_number(c, "worst_ratio")) return c.contains("worst") ? "unbounded" : "-";
  return fmt_g(c["worst_ratio"].get<double>());
}

std::string rate_text(const Json& c) {
  if (!c.contains("theoretical_rate") || c["theoretical_rate"].is_null()) return "-";
  const auto& th = c["theoretical_rate"];
  const bool linear = th["kind"] == "linear";
  const char* key = linear ? "factor" : "exponent";
  auto num = [&](const Json& v) { return v.is_null() ? std::string("?") : (linear ? "" : "t^") + fmt_g(v.get<double>()); };
  std::string s;
  if (c["observed_rate"].is_null()) s = "n/a";
  else
    s = num(c["observed_rate"][key]) + " [" + num(c["observed_rate"]["interval"][0]) + ", " +
        num(c["observed_rate"]["interval"][1]) + "]";
  return s + " vs " + num(th[key]) + " (" + th["quantity"].get<std::string>() + ")";
}

std::string floor_text(const Json& c) {
  if (!c.contains("precision_floor") || c["precision_floor"].is_null()) return "-";
  const auto& f = c["precision_floor"];
  if (!f["reached"].get<bool>())
    return f["lowest_in_u"].is_number() ? "not reached (lowest " + fmt_g(f["lowest_in_u"].get<double>(), 2) + "u)"
                                        : "not reached";
  std::string s = f["in_u"].is_number() ? fmt_g(f["in_u"].get<double>(), 2) + "u" : "?";
  if (f["predicted_in_u"].is_number()) s += " (predicted <= " + fmt_g(f["predicted_in_u"].get<double>(), 2) + "u)";
  return s + " from t=" + std::to_string(f["from_t"].get<long>());
}

std::string tightness_text(const Json& c) {
  std::string s = "-";
  if (c.contains("tightness") && !c["tightness"].is_null()) {
    const auto& t = c["tightness"];
    s = (t["ratio"].is_number() ? fmt_g(t["ratio"].get<double>()) : std::string("?")) + " of " +
        t["tight_bound"].get<std::string>();
  }
  if (c.contains("adversarial") && c["adversarial"]["best_ratio"].is_number()) {
    const auto& a = c["adversarial"];
    s += "; adversarial search: worst ratio " + fmt_g(a["best_ratio"].get<double>()) + " (random start " +
         (a["start_ratio"].is_number() ? fmt_g(a["start_ratio"].get<double>()) : std::string("-")) + ")";
  }
  return s;
}

std::string slack_text(const Json& c) {
  if (!c.contains("worst")) return "-";
  const auto& s = c["worst"]["slack"];
  if (s["k"].is_null() || s["scale"].is_null()) return "0";
  return fmt_g(s["k"].get<double>(), 3) + "·u·" + fmt_g(s["scale"].get<double>(), 3) + " (u = " +
         fmt_g(s["u"].get<double>(), 3) + ")";
}

std::string where_text(const Json& c) {
  if (!c.contains("worst")) return "-";
  return c["worst"]["inequality"].get<std::string>() + " at t=" + std::to_string(c["worst"]["iterate"].get<long>());
}

std::string SummaryCell::text() const {
  if (checks == 0) return "";
  std::string s = status;
  if (unbounded) s += " unbounded";
  else if (worst_ratio >= 0) s += " " + fmt_g(worst_ratio);
  s += floor_in_u >= 0 ? " · floor " + fmt_g(floor_in_u, 2) + "u" : " · floor -";
  return s;
}

Summary summarize(const Json& results) {
  Summary s;
  std::map<std::string, std::size_t> row_of;
  for (const auto& c : results["checks"]) {
    const std::string p = c["precision"], status = c["status"];
    if (std::find(s.precisions.begin(), s.precisions.end(), p) == s.precisions.end()) s.precisions.push_back(p);
    s.holds += status == "holds";
    s.violated += status == "violated";
    s.inconclusive += status == "inconclusive";
    s.error += status == "error";
  }
  for (const auto& c : results["checks"]) {
    const std::string th = c["theorem"], op = c["optimizer"], key = th + "\n" + op;
    if (!row_of.count(key)) {
      row_of[key] = s.rows.size();
      s.rows.push_back({th, op, {}, std::vector<SummaryCell>(s.precisions.size())});
    }
    SummaryRow& row = s.rows[row_of[key]];
    const std::string problem = c["problem"];
    if (std::find(row.problems.begin(), row.problems.end(), problem) == row.problems.end()) row.problems.push_back(problem);
    const auto pi = static_cast<std::size_t>(
        std::find(s.precisions.begin(), s.precisions.end(), c["precision"].get<std::string>()) - s.precisions.begin());
    SummaryCell& cell = row.cells[pi];
    const std::string status = c["status"];
    if (cell.checks == 0 || severity(status) > severity(cell.status)) cell.status = status;
    ++cell.checks;
    if (has_number(c, "worst_ratio")) cell.worst_ratio = std::max(cell.worst_ratio, c["worst_ratio"].get<double>());
    else if (c.contains("worst")) cell.unbounded = true;
    if (c.contains("precision_floor") && c["precision_floor"].is_object() && c["precision_floor"]["reached"].get<bool>() &&
        c["precision_floor"]["in_u"].is_number())
      cell.floor_in_u = std::max(cell.floor_in_u, c["precision_floor"]["in_u"].get<double>());
  }
  return s;
}

std::vector<const Json*> checks_of(const Json& results, const std::string& theorem) {
  std::vector<const Json*> out;
  for (const auto& c : results["checks"])
    if (c["theorem"] == theorem) out.push_back(&c);
  return out;
}

}  // namespace optcheck::reports
