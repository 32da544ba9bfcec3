#pragma once

#include <cstdint>

#include "persistence/pg_connection.hpp"

namespace bourse {

/// Runs `project(Stats{})` in one REPEATABLE READ transaction that holds the transaction-level
/// advisory lock `lock_key`, so that one projector of a kind writes at a time across nodes. When
/// another session holds the lock nothing is read and the result has `locked_out` set. Any error
/// rolls the transaction back and is returned; `Stats` needs a `bool locked_out` member.
template <class Stats, class Project>
pg_expected<Stats> run_exclusive_projection(pg_connection& conn, std::int64_t lock_key, Project&& project) {
  if (auto begun = conn.exec("BEGIN ISOLATION LEVEL REPEATABLE READ"); !begun)
    return begun.error();
  auto locked = conn.exec("SELECT pg_try_advisory_xact_lock($1)", lock_key);
  if (!locked)
    return conn.rollback_after(locked.error());
  Stats stats;
  if (!locked->boolean(0, 0)) {
    stats.locked_out = true;
    if (auto done = conn.exec("ROLLBACK"); !done)
      return done.error();
    return stats;
  }
  pg_expected<Stats> projected = project(stats);
  if (!projected)
    return conn.rollback_after(projected.error());
  if (auto committed = conn.exec("COMMIT"); !committed)
    return conn.rollback_after(committed.error());
  return projected;
}

} // namespace bourse
