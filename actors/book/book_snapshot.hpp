#pragma once

#include <cstdint>
#include <vector>

#include "actors/book/order_request.hpp"

namespace bourse {

/// One open order as stored in the book: the request it came from plus its live state.
struct resting_order {
  order_id id = 0;
  order_request request;  ///< as submitted (after a replace: the new price)
  quantity open_qty = 0;  ///< total unfilled quantity, shown plus hidden
  quantity shown_qty = 0; ///< quantity visible in the book (iceberg slice); = open_qty otherwise
  bool triggered = false; ///< stop orders: false while waiting in the stop list
  friend bool operator==(const resting_order&, const resting_order&) = default;
};

/// Full book state (L3) for recovery and differential tests.
/// `bids` best price first, `asks` best price first, within a price in time priority;
/// `stops` pending stop orders in order id order.
struct book_snapshot {
  std::vector<resting_order> bids;
  std::vector<resting_order> asks;
  std::vector<resting_order> stops;
  sequence last_sequence = 0;
  order_id next_order_id = 1;
  cents last_trade_price = 0;
  cents reference_price = 0;
  bool halted = false;
  friend bool operator==(const book_snapshot&, const book_snapshot&) = default;
};

/// Hash of a snapshot: the one definition of "same state" shared by every book implementation.
std::uint64_t state_hash(const book_snapshot& snapshot);

} // namespace bourse
