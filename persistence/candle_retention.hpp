#pragma once

#include <cstdint>
#include <map>

#include "actors/common/types.hpp"
#include "persistence/pg_connection.hpp"

namespace bourse {

/// How long the `candles` table keeps closed candles (docs/persistence.md, "Candle retention").
struct candle_retention {
  /// Days a candle is kept after it opened, by interval (seconds); intervals not listed are kept forever.
  std::map<std::int64_t, std::int64_t> max_age_days;
  /// Candles always kept per symbol and interval, whatever their age: the newest this many, which
  /// are what a market-data actor keeps and what its recovery reads back (candle_history). At least 1.
  std::int64_t keep_newest = 1'000;
  /// Rows one prune_candles call deletes at most (a backlog is worked off over several calls).
  std::int64_t max_rows = 10'000;
};

/// What one prune_candles call did.
struct candle_prune_stats {
  std::int64_t deleted = 0; ///< candles rows deleted
  bool more = false;        ///< stopped at `max_rows`: candles past their retention may remain
};

/// Deletes the candles of each interval of `rules` that opened more than its max age before `now`
/// (ns UTC) and are not among the newest `keep_newest` of their symbol and interval, oldest first:
/// per symbol (a skip scan of the primary key) and interval one DELETE of at most the rows left of
/// `max_rows`, each its own transaction, reading only the primary key's range of that symbol and
/// interval. The error of the first failing statement (what was deleted before it stays deleted).
pg_expected<candle_prune_stats> prune_candles(pg_connection& conn, const candle_retention& rules,
                                              timestamp_ns now);

} // namespace bourse
