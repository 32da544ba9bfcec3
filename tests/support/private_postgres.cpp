#include "tests/support/private_postgres.hpp"

#include <stdexcept>
#include <stdlib.h>

#include "persistence/pg_connection.hpp"

namespace bourse::test {
namespace {

std::filesystem::path make_temp_dir() {
  std::string pattern = "/tmp/bourse-pg-XXXXXX";
  if (::mkdtemp(pattern.data()) == nullptr)
    throw std::runtime_error("mkdtemp failed");
  return pattern;
}

} // namespace

private_postgres::private_postgres(bool durable) : dir_(make_temp_dir()) {
  try {
    cluster_.emplace(private_cluster_options{.dir = dir_, .durable = durable});
  } catch (...) {
    std::filesystem::remove_all(dir_);
    throw;
  }
}

private_postgres::~private_postgres() {
  cluster_.reset();
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

std::string private_postgres::create_database() {
  const auto name = "test_" + std::to_string(++databases_);
  auto admin = pg_connection::open(cluster_->conninfo()).value();
  (void)admin.exec("CREATE DATABASE " + name).value();
  return cluster_->conninfo(name);
}

} // namespace bourse::test
