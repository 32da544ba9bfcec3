#pragma once

#include <string>
#include <vector>

#include <caf/meta/type_name.hpp>

#include "actors/book/order_book.hpp"
#include "actors/common/types.hpp"
#include "actors/runtime/core_inspect.hpp"

/// Market-data messages: book -> market-data actor, and market-data actor -> subscribers.
/// Prices cents, quantities shares, times ns UTC; no floating point.
namespace bourse {

/// One trade on the tape.
struct trade_print {
  std::string symbol;
  sequence book_seq = 0; ///< the book sequence of the fill
  timestamp_ns time = 0;
  cents price = 0;
  quantity qty = 0;
  side aggressor = side::buy; ///< side of the incoming (taker) order
};

/// What a book tells its market-data actor after each command that changed it: the trades it made
/// and its top `depth` levels afterwards.
struct md_update {
  sequence book_seq = 0;
  timestamp_ns time = 0;
  std::vector<trade_print> trades;
  std::vector<price_level_view> bids; ///< best first
  std::vector<price_level_view> asks; ///< best first
};

/// One changed L2 level; `qty` 0 removes the level.
struct level_change {
  side book_side = side::buy;
  cents price = 0;
  quantity qty = 0;
  std::uint32_t orders = 0;
};

/// Full L2 depth; `md_seq` is the sequence the next delta continues from (next delta = md_seq + 1).
struct l2_snapshot {
  std::string symbol;
  sequence md_seq = 0;
  std::vector<price_level_view> bids;
  std::vector<price_level_view> asks;
};

/// Changes since the previous delta; a subscriber that sees md_seq jump by more than one has a gap
/// and must resync from a snapshot.
struct l2_delta {
  std::string symbol;
  sequence md_seq = 0;
  std::vector<level_change> changes;
};

/// L1 ticker.
struct ticker {
  std::string symbol;
  top_of_book top;
  cents last_price = 0;
  quantity day_volume = 0;
};

/// One OHLCV candle; `open_time` is the bucket start (ns UTC), `interval_s` its length in seconds.
struct candle {
  std::string symbol;
  std::int64_t interval_s = 0;
  timestamp_ns open_time = 0;
  cents open = 0;
  cents high = 0;
  cents low = 0;
  cents close = 0;
  quantity volume = 0;
  std::uint64_t trades = 0; ///< trades in the bucket
  friend bool operator==(const candle&, const candle&) = default;
};

/// The trading day so far: first, highest, lowest and last price, volume, notional (cents), trades.
struct daily_summary {
  std::string symbol;
  cents open = 0;
  cents high = 0;
  cents low = 0;
  cents last = 0;
  quantity volume = 0;
  cents notional = 0;
  std::uint64_t trades = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, trade_print& x) {
  return f(caf::meta::type_name("trade_print"), x.symbol, x.book_seq, x.time, x.price, x.qty, x.aggressor);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, md_update& x) {
  return f(caf::meta::type_name("md_update"), x.book_seq, x.time, x.trades, x.bids, x.asks);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, level_change& x) {
  return f(caf::meta::type_name("level_change"), x.book_side, x.price, x.qty, x.orders);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, l2_snapshot& x) {
  return f(caf::meta::type_name("l2_snapshot"), x.symbol, x.md_seq, x.bids, x.asks);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, l2_delta& x) {
  return f(caf::meta::type_name("l2_delta"), x.symbol, x.md_seq, x.changes);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, ticker& x) {
  return f(caf::meta::type_name("ticker"), x.symbol, x.top, x.last_price, x.day_volume);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, candle& x) {
  return f(caf::meta::type_name("candle"), x.symbol, x.interval_s, x.open_time, x.open, x.high, x.low,
           x.close, x.volume, x.trades);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, daily_summary& x) {
  return f(caf::meta::type_name("daily_summary"), x.symbol, x.open, x.high, x.low, x.last, x.volume,
           x.notional, x.trades);
}

} // namespace bourse
