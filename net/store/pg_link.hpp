#pragma once

#include "persistence/pg_connection.hpp"

#include <mutex>
#include <optional>
#include <string>

namespace bourse::net {

/// One lazily (re)connected PostgreSQL connection shared under a mutex by the gateway's stores.
/// Auth traffic is light; a lost connection is reopened on the next call.
class pg_link {
public:
  explicit pg_link(std::string conninfo) : conninfo_(std::move(conninfo)) {}

  /// Runs fn(pg_connection&) under the lock and returns its result. Throws std::runtime_error when
  /// the database cannot be reached.
  template <class F>
  auto with(F&& fn) {
    std::lock_guard guard(mutex_);
    if (!conn_ || !conn_->connected())
      conn_.emplace(pg_connection::open(conninfo_).value());
    return fn(*conn_);
  }

private:
  std::string conninfo_;
  std::mutex mutex_;
  std::optional<pg_connection> conn_;
};

} // namespace bourse::net
