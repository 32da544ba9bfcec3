#pragma once

#include "actors/account/ledger.hpp"

namespace bourse::test {

/// OMNI: band 900..1100 cents around 1000, lot 1, taker 5 bps, maker 0, IM 50 %, maintenance 25 %.
inline instrument omni() {
  instrument inst;
  inst.symbol = "OMNI";
  inst.reference_price = 1'000;
  return inst;
}

inline order_request limit(account_id owner, std::uint64_t ref, side s, cents price, quantity qty) {
  return {.owner = owner, .client_ref = ref, .order_side = s, .price = price, .qty = qty};
}

inline order_request market(account_id owner, std::uint64_t ref, side s, quantity qty) {
  return {.owner = owner, .client_ref = ref, .order_side = s, .type = order_type::market, .qty = qty};
}

/// A book fill event: `taker` is the incoming order, `maker` the resting one.
inline book_event fill(account_id taker, std::uint64_t taker_ref, side taker_side, account_id maker,
                       std::uint64_t maker_ref, cents price, quantity qty) {
  return {.kind = book_event_kind::fill,
          .owner = taker,
          .client_ref = taker_ref,
          .order_side = taker_side,
          .price = price,
          .qty = qty,
          .maker_owner = maker,
          .maker_client_ref = maker_ref};
}

/// Cancel (or expiry) of `qty` open shares of an order.
inline book_event cancelled(account_id owner, std::uint64_t ref, quantity qty) {
  return {.kind = book_event_kind::cancelled, .owner = owner, .client_ref = ref, .qty = qty};
}

} // namespace bourse::test
