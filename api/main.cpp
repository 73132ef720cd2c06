#include "optcheck/main.hpp"

#include "cli/app.hpp"

namespace optcheck {

int main(int argc, char** argv, const Registry& registry) { return cli::run_app(argc, argv, registry.catalogue()); }

}  // namespace optcheck
