#include "persistence/candle_retention.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace bourse {
namespace {

/// Every symbol with candles: a skip scan of the primary key, one index probe per symbol.
constexpr const char* symbols_sql = R"sql(
WITH RECURSIVE s(symbol) AS (
  SELECT min(symbol) FROM candles
  UNION ALL
  SELECT (SELECT min(c.symbol) FROM candles c WHERE c.symbol > s.symbol) FROM s WHERE s.symbol IS NOT NULL)
SELECT symbol FROM s WHERE symbol IS NOT NULL)sql";

/// The oldest ($5 at most) candles of symbol $1 and interval $2 opened before $3 and older than the
/// newest $4 + 1 (the one at OFFSET $4 is the oldest kept; fewer candles than that: none is old).
constexpr const char* prune_sql = R"sql(
DELETE FROM candles c USING (
  SELECT open_time_ns FROM candles
  WHERE symbol = $1 AND interval_s = $2 AND open_time_ns < $3
    AND open_time_ns < coalesce((SELECT k.open_time_ns FROM candles k WHERE k.symbol = $1 AND k.interval_s = $2
                                 ORDER BY k.open_time_ns DESC OFFSET $4 LIMIT 1), '-9223372036854775808'::bigint)
  ORDER BY open_time_ns LIMIT $5) old
WHERE c.symbol = $1 AND c.interval_s = $2 AND c.open_time_ns = old.open_time_ns)sql";

constexpr std::int64_t ns_per_day = 86'400'000'000'000;

} // namespace

pg_expected<candle_prune_stats> prune_candles(pg_connection& conn, const candle_retention& rules,
                                              timestamp_ns now) {
  candle_prune_stats stats;
  if (rules.max_age_days.empty())
    return stats;
  auto found = conn.exec(symbols_sql);
  if (!found)
    return found.error();
  const std::int64_t newest_kept = std::max<std::int64_t>(rules.keep_newest, 1) - 1;
  for (int r = 0; r < found->rows(); ++r) {
    const std::string symbol{found->text(r, 0)};
    for (const auto& [interval_s, days] : rules.max_age_days) {
      const auto left = rules.max_rows - stats.deleted;
      if (left <= 0) {
        stats.more = true;
        return stats;
      }
      auto deleted = conn.exec(prune_sql, symbol, interval_s, now - days * ns_per_day, newest_kept, left);
      if (!deleted)
        return deleted.error();
      stats.deleted += deleted->affected();
    }
  }
  stats.more = stats.deleted >= rules.max_rows;
  return stats;
}

} // namespace bourse
