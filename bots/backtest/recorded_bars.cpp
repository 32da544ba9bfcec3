#include "bots/backtest/recorded_bars.hpp"

#include <charconv>
#include <stdexcept>

#include "persistence/pg_connection.hpp"

namespace bourse::bots {
namespace {

constexpr timestamp_ns ns_per_s = 1'000'000'000;
constexpr std::int64_t max_interval_s = 366 * 86'400;

pg_connection connect(const std::string& database) {
  auto conn = pg_connection::open(database);
  if (!conn)
    throw std::runtime_error("database: " + conn.error().message);
  return std::move(*conn);
}

pg_rows checked(pg_expected<pg_rows> rows) {
  if (!rows)
    throw std::runtime_error("database: " + rows.error().message);
  return std::move(*rows);
}

std::vector<bar> read_candles(pg_connection& conn, const recorded_query& q) {
  const auto rows =
      checked(conn.exec("SELECT open_time_ns, open, high, low, close, volume FROM candles "
                        "WHERE symbol = $1 AND interval_s = $2 AND open_time_ns BETWEEN $3 AND $4 "
                        "ORDER BY open_time_ns",
                        q.symbol, q.interval_s, q.from, q.to));
  std::vector<bar> out;
  out.reserve(static_cast<std::size_t>(rows.rows()));
  for (int r = 0; r < rows.rows(); ++r) {
    const bar b{rows.int64(r, 0), rows.int64(r, 1), rows.int64(r, 2),
                rows.int64(r, 3), rows.int64(r, 4), rows.int64(r, 5)};
    if (b.low <= 0 || b.low > std::min(b.open, b.close) || b.high < std::max(b.open, b.close))
      throw std::runtime_error("candles: " + q.symbol + " bar at " + std::to_string(b.time) +
                               " ns has open/close outside [low, high] or a price <= 0");
    out.push_back(b);
  }
  return out;
}

std::vector<bar> read_trade_bars(pg_connection& conn, const recorded_query& q) {
  const timestamp_ns interval = q.interval_s * ns_per_s;
  const auto rows = checked(conn.exec("SELECT time_ns, price, quantity FROM executions "
                                      "WHERE symbol = $1 AND (time_ns / $2) * $2 BETWEEN $3 AND $4 "
                                      "ORDER BY time_ns, seq",
                                      q.symbol, interval, q.from, q.to));
  std::vector<trade_tick> trades;
  trades.reserve(static_cast<std::size_t>(rows.rows()));
  for (int r = 0; r < rows.rows(); ++r)
    trades.push_back({rows.int64(r, 0), rows.int64(r, 1), rows.int64(r, 2)});
  return bars_from_trades(trades, interval);
}

} // namespace

std::vector<bar> bars_from_trades(std::span<const trade_tick> trades, timestamp_ns interval) {
  if (interval <= 0)
    throw std::invalid_argument("bar interval must be positive");
  std::vector<bar> out;
  timestamp_ns last_time = std::numeric_limits<timestamp_ns>::min();
  for (const auto& t : trades) {
    if (t.time < last_time)
      throw std::invalid_argument("trades out of time order at " + std::to_string(t.time) + " ns");
    last_time = t.time;
    const timestamp_ns start = t.time / interval * interval;
    if (out.empty() || out.back().time != start) {
      out.push_back({start, t.price, t.price, t.price, t.price, t.qty});
      continue;
    }
    auto& b = out.back();
    b.high = std::max(b.high, t.price);
    b.low = std::min(b.low, t.price);
    b.close = t.price;
    b.volume += t.qty;
  }
  return out;
}

recorded_bars read_recorded_bars(const std::string& database, const recorded_query& query) {
  auto conn = connect(database);
  recorded_bars out;
  if (query.source != recorded_source::trades) {
    out.bars = read_candles(conn, query);
    out.source = recorded_source::candles;
    if (!out.bars.empty() || query.source == recorded_source::candles)
      return out;
  }
  out.bars = read_trade_bars(conn, query);
  out.source = recorded_source::trades;
  return out;
}

std::int64_t parse_interval_s(std::string_view text) {
  std::int64_t count = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), count);
  const std::string_view unit{end, static_cast<std::size_t>(text.data() + text.size() - end)};
  std::int64_t scale = 0;
  if (unit == "s")
    scale = 1;
  else if (unit == "m")
    scale = 60;
  else if (unit == "h")
    scale = 3'600;
  else if (unit == "d")
    scale = 86'400;
  if (ec != std::errc{} || scale == 0 || count <= 0 || count > max_interval_s / scale)
    throw std::invalid_argument("bad interval '" + std::string(text) +
                                "' (e.g. 30s, 1m, 1h, 1d; at most 366d)");
  return count * scale;
}

std::string_view source_name(recorded_source source) noexcept {
  switch (source) {
  case recorded_source::candles:
    return "candles";
  case recorded_source::trades:
    return "trades";
  case recorded_source::automatic:
    break;
  }
  return "auto";
}

} // namespace bourse::bots
