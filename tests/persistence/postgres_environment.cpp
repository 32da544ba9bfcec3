#include "tests/persistence/postgres_environment.hpp"

#include <memory>

namespace bourse::test {
namespace {

std::unique_ptr<private_postgres> instance;

[[maybe_unused]] const auto* const registered = ::testing::AddGlobalTestEnvironment(new postgres_environment);

} // namespace

void postgres_environment::SetUp() {
  instance = std::make_unique<private_postgres>();
}

void postgres_environment::TearDown() {
  instance.reset();
}

private_postgres& postgres_environment::postgres() {
  return *instance;
}

} // namespace bourse::test
