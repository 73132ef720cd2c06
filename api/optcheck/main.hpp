// optcheck::main: a user's own program gets `list / run / report` over their Registry, with the same flags,
// results.json, report.md, index.html, JUnit and exit codes as the optcheck command:
//
//   int main(int argc, char** argv) {
//     optcheck::Registry r;
//     r.add<double>(optcheck::subject("my-gd", optcheck::claim::GradientDescent{1.0}, make_my_gd));
//     return optcheck::main(argc, argv, r);
//   }
//
// Exit codes: 0 every check holds; 1 a theorem violated or an optimizer failed; 2 bad usage or input (a claim
// refused by Registry::add is reported here, one line each); 3 internal error.
#pragma once

#include "optcheck/check.hpp"

namespace optcheck {

int main(int argc, char** argv, const Registry& registry);

}  // namespace optcheck
