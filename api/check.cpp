#include "optcheck/check.hpp"

#include <iomanip>

namespace optcheck {

bool Results::holds() const {
  if (checks.empty()) return false;
  for (const auto& c : checks)
    if (c.status != Status::holds) return false;
  return true;
}

std::string Results::summary() const {
  std::ostringstream o;
  for (const auto& c : checks) {
    o << column(to_string(c.status), 13) << column(c.theorem, 16) << column(c.optimizer, 21) << column(c.problem, 21)
      << std::left << std::setw(12) << c.precision << "cases=" << c.cases
      << " discarded=" << c.discarded << " worst="
      << (c.worst.worst_iterate >= 0 ? std::to_string(c.worst.worst_ratio) : std::string("-")) << "\n";
    for (const auto& n : c.worst.notes) o << "    note: " << n << "\n";
    if (c.status == Status::holds) continue;
    if (!c.failure.empty()) o << "    " << c.failure << "\n";
    if (!c.counterexample.empty()) o << "    counterexample: " << c.counterexample << "\n";
    if (!c.message.empty()) o << "    " << c.message << "\n";
    o << "    replay: seed " << c.seed << " (CheckOptions{.seed = " << c.seed << "}, or optcheck run --seed " << c.seed
      << ")\n";
  }
  for (const auto& n : notes) o << "note: " << n << "\n";
  return o.str();
}

}  // namespace optcheck
