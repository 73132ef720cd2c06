// The optcheck command over a catalogue of checks: `optcheck list | run | report`, exit codes 0 (every check
// holds), 1 (a theorem violated or an optimizer failed), 2 (bad usage or input, including a refused claim),
// 3 (internal error).
#pragma once

#include "properties/check.hpp"

namespace optcheck::cli {

int run_app(int argc, char** argv, const Catalogue& catalogue);

}  // namespace optcheck::cli
