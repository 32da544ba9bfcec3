#pragma once

#include "actors/common/reason_code.hpp"
#include "actors/common/types.hpp"

namespace bourse {

enum class book_event_kind : std::uint8_t {
  accepted,  ///< order entered the book (or the stop list); `qty` = its open quantity
  rejected,  ///< order refused before entering; `reason` says why, no order id is consumed
  fill,      ///< a trade: maker = resting order, taker = incoming order
  cancelled, ///< `qty` shares of the order were removed; `remaining` is what stays open (0 = gone)
  replaced,  ///< order now has `price` and open quantity `remaining`
  triggered, ///< a stop order's trigger was reached; it now enters as MARKET or LIMIT
  expired,   ///< GTD or DAY order removed by the clock; `qty` shares removed
};

/// One output event of an order book, numbered by the book's sequence. A flat struct: the fields
/// that a kind does not use stay zero. Prices are cents, quantities shares, times ns UTC.
struct book_event {
  book_event_kind kind = book_event_kind::accepted;
  sequence seq = 0;
  timestamp_ns time = 0;
  order_id order = 0; ///< the order the event is about (taker for fills)
  account_id owner = 0;
  std::uint64_t client_ref = 0;
  side order_side = side::buy; ///< side of `order`
  cents price = 0;             ///< fill price, resting price, or new price on replace
  quantity qty = 0;            ///< fill, cancel or expiry quantity; open quantity on accept
  quantity remaining = 0;      ///< open quantity of `order` after this event
  reason_code reason = reason_code::none;
  // fills only: the resting side
  order_id maker_order = 0;
  account_id maker_owner = 0;
  std::uint64_t maker_client_ref = 0;
  quantity maker_remaining = 0;

  friend bool operator==(const book_event&, const book_event&) = default;
};

} // namespace bourse
