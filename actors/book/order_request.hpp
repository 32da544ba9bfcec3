#pragma once

#include "actors/common/types.hpp"

namespace bourse {

/// A new order as the book receives it, after the account's validation and risk check.
/// The book assigns the order id; `owner` and `client_ref` come back in every event of the order.
struct order_request {
  account_id owner = 0;
  std::uint64_t client_ref = 0; ///< the owner's own handle for the order (opaque to the book)
  side order_side = side::buy;
  order_type type = order_type::limit;
  time_in_force tif = time_in_force::gtc;
  cents price = 0;              ///< limit price; 0 for MARKET and STOP
  cents stop_price = 0;         ///< trigger price for STOP and STOP_LIMIT, else 0
  quantity qty = 0;             ///< total quantity, shares
  quantity display_qty = 0;     ///< iceberg: shown quantity; 0 shows everything
  timestamp_ns expire_time = 0; ///< GTD only: the order expires when the clock reaches this
  bool post_only = false;
  stp_mode stp = stp_mode::cancel_newest;
  friend bool operator==(const order_request&, const order_request&) = default;
};

} // namespace bourse
