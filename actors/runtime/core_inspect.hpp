#pragma once

#include <caf/meta/type_name.hpp>

#include "actors/book/book_event.hpp"
#include "actors/book/book_snapshot.hpp"
#include "actors/book/order_book.hpp"
#include "actors/book/order_request.hpp"

/// CAF 0.17 `inspect` overloads for the exchange core's plain structs, so they can travel in
/// messages (and, later, across nodes). Found by ADL; no floating point anywhere.
namespace bourse {

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, order_request& x) {
  return f(caf::meta::type_name("order_request"), x.owner, x.client_ref, x.order_side, x.type, x.tif, x.price,
           x.stop_price, x.qty, x.display_qty, x.expire_time, x.post_only, x.stp);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, book_event& x) {
  return f(caf::meta::type_name("book_event"), x.kind, x.seq, x.time, x.order, x.owner, x.client_ref,
           x.order_side, x.price, x.qty, x.remaining, x.reason, x.maker_order, x.maker_owner,
           x.maker_client_ref, x.maker_remaining);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, resting_order& x) {
  return f(caf::meta::type_name("resting_order"), x.id, x.request, x.open_qty, x.shown_qty, x.triggered);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, book_snapshot& x) {
  return f(caf::meta::type_name("book_snapshot"), x.bids, x.asks, x.stops, x.last_sequence, x.next_order_id,
           x.last_trade_price, x.reference_price, x.halted);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, price_level_view& x) {
  return f(caf::meta::type_name("price_level_view"), x.price, x.qty, x.orders);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, top_of_book& x) {
  return f(caf::meta::type_name("top_of_book"), x.bid_price, x.bid_qty, x.ask_price, x.ask_qty);
}

} // namespace bourse
