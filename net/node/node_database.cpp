#include "net/node/node_database.hpp"

#include <filesystem>
#include <stdexcept>

#include <spdlog/spdlog.h>

#include "persistence/migrations.hpp"
#include "persistence/pg_connection.hpp"

namespace bourse::node {

node_database::node_database(const config::settings& s) : url_(s.database.url) {
  if (url_.empty()) {
    const auto dir = std::filesystem::absolute(std::filesystem::path(s.node.data_dir) / "pg");
    spdlog::info("starting the embedded PostgreSQL cluster in {}", dir.string());
    cluster_ = std::make_unique<private_cluster>(private_cluster_options{.dir = dir});
    url_ = cluster_->url();
  }
  auto conn = pg_connection::open(url_);
  if (!conn)
    throw std::runtime_error("database: " + conn.error().message);
  auto applied = apply_migrations(*conn, bundled_migrations_dir());
  if (!applied)
    throw std::runtime_error("migrations: " + applied.error().message);
  spdlog::info("database ready, {} new migrations applied", *applied);
}

} // namespace bourse::node
