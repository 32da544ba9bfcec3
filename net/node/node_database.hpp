#pragma once

#include <memory>
#include <string>

#include "config/settings.hpp"
#include "persistence/private_cluster.hpp"

namespace bourse::node {

/// The node's PostgreSQL: the configured database.url, or an embedded private cluster under
/// node.data_dir/pg (initdb on first start) that lives as long as this object. Migrations are applied
/// on open. Throws std::runtime_error naming what failed.
class node_database {
public:
  explicit node_database(const config::settings& s);

  /// libpq connection string of the database (URL or conninfo).
  const std::string& url() const noexcept { return url_; }
  /// True when this node started its own cluster.
  bool embedded() const noexcept { return cluster_ != nullptr; }

private:
  std::unique_ptr<private_cluster> cluster_;
  std::string url_;
};

} // namespace bourse::node
