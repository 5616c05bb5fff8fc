#include <iostream>

#include "commands.hpp"

int main(int argc, char** argv) { return kendall::cli::run_cli(argc, argv, std::cout, std::cerr); }
