// optcheck: run the built-in theorem checks (every theorem × shipped optimizer × precision).
#include "cli/app.hpp"

int main(int argc, char** argv) { return optcheck::cli::run_app(argc, argv, optcheck::catalogue()); }
