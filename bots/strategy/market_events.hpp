#pragma once

#include <cstdint>
#include <span>

#include "actors/book/order_book.hpp"
#include "actors/common/types.hpp"

namespace bourse::bots {

/// What a strategy sees of the book: L1 plus up to N levels per side, best first. Prices cents,
/// quantities shares, `time` ns UTC. The spans are valid only during the callback.
struct book_view {
  timestamp_ns time = 0;
  top_of_book top;
  std::span<const price_level_view> bids;
  std::span<const price_level_view> asks;
};

/// One public trade: price cents, quantity shares, `aggressor` = side of the incoming (taker) order.
struct trade_print {
  timestamp_ns time = 0;
  cents price = 0;
  quantity qty = 0;
  side aggressor = side::buy;
};

/// One execution of this bot's own order. `remaining` = open quantity of the order after the fill;
/// `fee` cents paid (negative = rebate); `maker` true when the bot's order was resting.
struct fill_report {
  timestamp_ns time = 0;
  std::uint64_t client_ref = 0;
  side order_side = side::buy;
  cents price = 0;
  quantity qty = 0;
  quantity remaining = 0;
  cents fee = 0;
  bool maker = false;
  friend bool operator==(const fill_report&, const fill_report&) = default;
};

/// One open order of this bot as the context tracks it (sent, not yet fully filled or closed).
struct open_order {
  std::uint64_t client_ref = 0;
  side order_side = side::buy;
  order_type type = order_type::limit;
  cents price = 0;       ///< limit price, 0 for market
  quantity open_qty = 0; ///< shares still open
};

} // namespace bourse::bots
