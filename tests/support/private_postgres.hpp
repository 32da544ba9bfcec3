#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "persistence/private_cluster.hpp"

namespace bourse::test {

/// A throw-away PostgreSQL cluster for tests and benchmarks: initdb in a fresh directory under
/// /tmp, started on a free port; stopped and deleted on destruction. Never uses a system service.
class private_postgres {
public:
  /// Starts the cluster; `durable` keeps fsync on (benchmarks), tests leave it off for speed.
  /// Throws std::runtime_error when the cluster cannot start.
  explicit private_postgres(bool durable = false);
  private_postgres(const private_postgres&) = delete;
  private_postgres& operator=(const private_postgres&) = delete;
  ~private_postgres();

  const private_cluster& cluster() const noexcept { return *cluster_; }

  /// Creates a new empty database and returns its conninfo; throws on failure.
  std::string create_database();

private:
  std::filesystem::path dir_;
  std::optional<private_cluster> cluster_;
  int databases_ = 0;
};

} // namespace bourse::test
