#include "persistence/market_data_recovery.hpp"

#include <chrono>
#include <limits>
#include <optional>
#include <vector>

#include <spdlog/spdlog.h>

#include "persistence/batch_writer.hpp"
#include "persistence/candle_rows.hpp"
#include "persistence/copy_reader.hpp"

namespace bourse {
namespace {

constexpr timestamp_ns ns_per_day = 86'400LL * 1'000'000'000LL;

/// Time (ns UTC) of the last execution of `symbol`; nullopt when it never traded.
pg_expected<std::optional<timestamp_ns>> last_execution(pg_connection& conn, const std::string& symbol) {
  auto found =
      conn.exec("SELECT time_ns FROM executions WHERE symbol = $1 ORDER BY seq DESC LIMIT 1", symbol);
  if (!found)
    return found.error();
  if (found->rows() == 0)
    return std::optional<timestamp_ns>{};
  return std::optional<timestamp_ns>{found->int64(0, 0)};
}

} // namespace

pg_expected<std::size_t> load_candles(pg_connection& conn, market_data_state& state, timestamp_ns before,
                                      std::size_t history) {
  std::size_t loaded = 0;
  for (auto& series : state.series) {
    // Newest first through the primary key, so the cost is `history` rows, not the whole table.
    auto found = conn.exec("SELECT open_time_ns, open, high, low, close, volume, trade_count FROM candles "
                           "WHERE symbol = $1 AND interval_s = $2 AND open_time_ns < $3 "
                           "ORDER BY open_time_ns DESC LIMIT $4",
                           state.symbol, series.interval_s(), before, static_cast<std::int64_t>(history));
    if (!found)
      return found.error();
    const auto& rows = *found;
    for (int row = rows.rows() - 1; row >= 0; --row)
      series.restore(candle{state.symbol, series.interval_s(), rows.int64(row, 0), rows.int64(row, 1),
                            rows.int64(row, 2), rows.int64(row, 3), rows.int64(row, 4), rows.int64(row, 5),
                            static_cast<std::uint64_t>(rows.int64(row, 6))});
    loaded += static_cast<std::size_t>(rows.rows());
  }
  return loaded;
}

pg_expected<std::size_t> store_lost_candles(pg_connection& conn, const market_data_state& state) {
  auto rows = make_candle_rows();
  for (const auto& series : state.series) {
    auto newest = conn.exec("SELECT max(open_time_ns) FROM candles WHERE symbol = $1 AND interval_s = $2",
                            state.symbol, series.interval_s());
    if (!newest)
      return newest.error();
    const auto stored =
        newest->is_null(0, 0) ? std::numeric_limits<timestamp_ns>::min() : newest->int64(0, 0);
    for (const auto& c : series.closed())
      if (c.open_time > stored)
        append_candle(rows, c);
  }
  if (rows.empty())
    return std::size_t{0};
  batch_writer writer{conn};
  if (auto written = writer.write(rows); !written)
    return written.error();
  return rows.size();
}

pg_expected<std::size_t> replay_executions(pg_connection& conn, market_data_state& state, timestamp_ns from) {
  std::size_t trades = 0;
  std::vector<candle> closed;
  trade_print t;
  t.symbol = state.symbol;
  auto copied =
      copy_out(conn,
               "SELECT seq, time_ns, price, quantity, taker_side FROM executions WHERE symbol = " +
                   sql_literal(state.symbol) + " AND time_ns >= " + std::to_string(from) + " ORDER BY seq",
               5, [&](copy_fields fields) {
                 std::int64_t seq = 0;
                 if (!parse_int64(fields[0], seq) || !parse_int64(fields[1], t.time) ||
                     !parse_int64(fields[2], t.price) || !parse_int64(fields[3], t.qty))
                   return false;
                 t.book_seq = static_cast<sequence>(seq);
                 t.aggressor = fields[4] == "BUY" ? side::buy : side::sell;
                 closed.clear();
                 record_trade(state, t, closed);
                 ++trades;
                 return true;
               });
  if (!copied)
    return copied.error();
  return trades;
}

void take_depth(market_data_state& state, const book_state& book, std::size_t depth) {
  book.book.depth(side::buy, depth, state.bids);
  book.book.depth(side::sell, depth, state.asks);
}

pg_expected<std::shared_ptr<market_data_state>>
recover_symbol_market_data(pg_connection& conn, const std::string& symbol, const book_state* book,
                           const market_data_recovery_config& cfg) {
  auto state = std::make_shared<market_data_state>(symbol, cfg.policy, cfg.candle_history);
  auto last = last_execution(conn, symbol);
  if (!last)
    return last.error();
  // Buckets start at multiples of their interval, all of which divide a day: each candle lies wholly
  // before the window or inside it.
  const timestamp_ns from =
      *last ? utc_day_start(**last) - cfg.window_days * ns_per_day : std::numeric_limits<timestamp_ns>::max();
  if (auto loaded = load_candles(conn, *state, from, cfg.candle_history); !loaded)
    return loaded.error();
  if (*last)
    if (auto replayed = replay_executions(conn, *state, from); !replayed)
      return replayed.error();
  if (auto stored = store_lost_candles(conn, *state); !stored)
    return stored.error();
  if (book != nullptr)
    take_depth(*state, *book, cfg.depth);
  return state;
}

void log_market_data(const std::map<std::string, std::shared_ptr<market_data_state>>& states,
                     std::chrono::steady_clock::duration spent) {
  std::uint64_t trades = 0;
  for (const auto& [symbol, state] : states)
    trades += state->day.trades;
  spdlog::info("recovery: market data of {} symbols, {} trades in their last sessions, {} ms", states.size(),
               trades, std::chrono::duration_cast<std::chrono::milliseconds>(spent).count());
}

pg_expected<std::map<std::string, std::shared_ptr<market_data_state>>>
recover_market_data(pg_connection& conn, const instrument_table& instruments,
                    const std::map<std::string, std::shared_ptr<book_state>>& books,
                    const market_data_recovery_config& cfg) {
  const auto started = std::chrono::steady_clock::now();
  std::map<std::string, std::shared_ptr<market_data_state>> out;
  for (const auto& [symbol, rules] : instruments) {
    const auto book = books.find(symbol);
    auto state =
        recover_symbol_market_data(conn, symbol, book == books.end() ? nullptr : book->second.get(), cfg);
    if (!state)
      return state.error();
    out.emplace(symbol, std::move(*state));
  }
  log_market_data(out, std::chrono::steady_clock::now() - started);
  return out;
}

} // namespace bourse
