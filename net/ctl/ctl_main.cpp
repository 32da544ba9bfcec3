#include <iostream>

#include "net/ctl/ctl_commands.hpp"

int main(int argc, char** argv) {
  return bourse::net::ctl::run_ctl(argc, argv, std::cout, std::cerr);
}
