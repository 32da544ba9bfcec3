#pragma once

#include <gtest/gtest.h>

#include "tests/support/private_postgres.hpp"

namespace bourse::test {

/// The one private PostgreSQL cluster of a test binary, started before the first test and
/// removed after the last (a GoogleTest global environment).
class postgres_environment : public ::testing::Environment {
public:
  void SetUp() override;
  void TearDown() override;

  /// The running cluster; only valid while tests run.
  static private_postgres& postgres();
};

} // namespace bourse::test
