#include "bots/backtest/result_store.hpp"

#include <stdexcept>

#include <boost/json/serialize.hpp>

#include "persistence/migrations.hpp"
#include "persistence/pg_connection.hpp"

namespace bourse::bots {
namespace {

template <class T>
T checked(pg_expected<T> value) {
  if (!value)
    throw std::runtime_error("database: " + value.error().message);
  return std::move(*value);
}

std::string parameters_json(const param_map& parameters) {
  boost::json::object out;
  for (const auto& [name, value] : parameters)
    out[name] = value;
  return boost::json::serialize(out);
}

} // namespace

std::vector<std::int64_t> store_backtests(const std::string& database,
                                          std::span<const backtest_record> records) {
  auto conn = checked(pg_connection::open(database));
  checked(apply_migrations(conn, bundled_migrations_dir()));
  checked(conn.exec("BEGIN"));
  std::vector<std::int64_t> ids;
  for (const auto& r : records) {
    const auto row = checked(conn.exec(
        "INSERT INTO backtest_results (user_id, strategy, parameters, symbol, from_ns, to_ns, pnl, "
        "max_drawdown, "
        "trade_count, metrics, created_ns) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING "
        "id",
        r.user_id, r.strategy, parameters_json(r.parameters), r.symbol, r.from, r.to,
        r.report.final_equity - r.report.starting_equity, r.report.max_drawdown_cents,
        static_cast<std::int64_t>(r.report.trade_count), boost::json::serialize(r.metrics), r.created));
    ids.push_back(row.int64(0, 0));
  }
  checked(conn.exec("COMMIT"));
  return ids;
}

} // namespace bourse::bots
