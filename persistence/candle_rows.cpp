#include "persistence/candle_rows.hpp"

#include <bit>

namespace bourse {

table_rows make_candle_rows() {
  return table_rows{
      "candles",
      {"symbol", "interval_s", "open_time_ns", "open", "high", "low", "close", "volume", "trade_count"},
      {"symbol", "interval_s", "open_time_ns"}};
}

void append_candle(table_rows& rows, const candle& c) {
  rows.add(c.symbol, c.interval_s, c.open_time, c.open, c.high, c.low, c.close, c.volume,
           std::bit_cast<std::int64_t>(c.trades));
}

} // namespace bourse
