#include "net/store/pg_equity_store.hpp"

#include "persistence/pg_text.hpp"

#include <bit>

namespace bourse::net {
namespace {

constexpr const char* append_sql = R"sql(
INSERT INTO account_equity (user_id, time_ns, equity, cash)
SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::bigint[])
ON CONFLICT DO NOTHING)sql";

constexpr const char* curve_sql = R"sql(
SELECT time_ns, equity, cash FROM (
  SELECT time_ns, equity, cash FROM account_equity
  WHERE user_id = $1 AND time_ns < $2
  ORDER BY time_ns DESC
  LIMIT $3) newest
ORDER BY time_ns)sql";

constexpr const char* prune_sql = "DELETE FROM account_equity WHERE time_ns < $1";

} // namespace

void pg_equity_store::append(const std::vector<equity_sample>& samples) {
  if (samples.empty())
    return;
  std::vector<std::int64_t> ids, times, equities, cash;
  for (const auto& s : samples) {
    ids.push_back(std::bit_cast<std::int64_t>(s.account));
    times.push_back(s.time);
    equities.push_back(s.equity);
    cash.push_back(s.cash);
  }
  link_.with([&](pg_connection& conn) {
    return conn
        .exec(append_sql, pg_bigint_array(ids), pg_bigint_array(times), pg_bigint_array(equities),
              pg_bigint_array(cash))
        .value();
  });
}

std::vector<equity_sample> pg_equity_store::curve(account_id account, timestamp_ns before,
                                                  std::int64_t limit) {
  auto rows = link_.with([&](pg_connection& conn) {
    return conn.exec(curve_sql, std::bit_cast<std::int64_t>(account), before, limit).value();
  });
  std::vector<equity_sample> out;
  out.reserve(static_cast<std::size_t>(rows.rows()));
  for (int r = 0; r < rows.rows(); ++r)
    out.push_back({account, rows.int64(r, 0), rows.int64(r, 1), rows.int64(r, 2)});
  return out;
}

std::int64_t pg_equity_store::prune(timestamp_ns before) {
  auto result = link_.with([&](pg_connection& conn) { return conn.exec(prune_sql, before).value(); });
  return result.affected();
}

} // namespace bourse::net
