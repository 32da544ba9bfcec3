#pragma once

#include <string>
#include <vector>

#include <caf/meta/type_name.hpp>

#include "actors/account/account.hpp"
#include "actors/book/book_event.hpp"
#include "actors/common/reason_code.hpp"
#include "actors/common/types.hpp"
#include "actors/runtime/core_inspect.hpp"

/// Messages of the order path: client -> account -> book -> accounts. Prices cents, quantities
/// shares, times ns UTC; no floating point.
namespace bourse {

/// An order as a client (session, bot, test) sends it to its account actor.
struct new_order {
  std::uint64_t client_order_id = 0; ///< idempotency key, unique per account
  std::string symbol;
  side order_side = side::buy;
  order_type type = order_type::limit;
  time_in_force tif = time_in_force::gtc;
  cents price = 0;
  cents stop_price = 0;
  quantity qty = 0;
  quantity display_qty = 0;
  timestamp_ns expire_time = 0;
  bool post_only = false;
  bool reduce_only = false; ///< may only shrink the account's position in `symbol`
  bool margin = false;      ///< margin order (open or close a margin position) instead of spot
  stp_mode stp = stp_mode::cancel_newest;
};

/// The answer to a client's order or cancel; a resend of the same client_order_id gets the same one.
/// `reason` none means accepted; unavailable and timeout are retryable.
struct order_result {
  std::uint64_t client_order_id = 0;
  std::string symbol;
  order_id id = 0;
  reason_code reason = reason_code::none;
  friend bool operator==(const order_result&, const order_result&) = default;
};

/// The book's immediate answer to a submit: the order id, or 0 and why not.
struct book_reply {
  order_id id = 0;
  reason_code reason = reason_code::none;
};

/// One book event about an order of the receiving account (or about its resting side, for fills).
struct execution_report {
  std::string symbol;
  book_event event;
};

/// A fee an account paid on one fill, on its way to the house account (account id 0).
struct fee_credit {
  std::string symbol;
  sequence seq = 0; ///< book sequence of the fill
  account_id payer = 0;
  std::uint64_t client_ref = 0; ///< the payer's order
  liquidity role = liquidity::taker;
  cents fee = 0; ///< cents, > 0
  friend bool operator==(const fee_credit&, const fee_credit&) = default;
};

/// One open order as the account sees it.
struct open_order_view {
  std::string symbol;
  order_id id = 0;
  std::uint64_t client_order_id = 0;
  side order_side = side::buy;
  cents price = 0;
  quantity open_qty = 0;
  friend bool operator==(const open_order_view&, const open_order_view&) = default;
};

/// Holdings of one symbol: free + reserved shares (negative free = short).
struct position_view {
  std::string symbol;
  quantity free = 0;
  quantity reserved = 0;
};

/// An account's full observable state (tests, the `account` WebSocket channel).
struct account_view {
  account_id id = 0;
  risk_state state = risk_state::active;
  cents cash_free = 0;
  cents cash_reserved = 0;
  std::vector<position_view> positions;
  std::vector<open_order_view> open_orders;
  std::uint64_t state_hash = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, new_order& x) {
  return f(caf::meta::type_name("new_order"), x.client_order_id, x.symbol, x.order_side, x.type, x.tif,
           x.price, x.stop_price, x.qty, x.display_qty, x.expire_time, x.post_only, x.reduce_only, x.margin,
           x.stp);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, order_result& x) {
  return f(caf::meta::type_name("order_result"), x.client_order_id, x.symbol, x.id, x.reason);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, book_reply& x) {
  return f(caf::meta::type_name("book_reply"), x.id, x.reason);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, execution_report& x) {
  return f(caf::meta::type_name("execution_report"), x.symbol, x.event);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, fee_credit& x) {
  return f(caf::meta::type_name("fee_credit"), x.symbol, x.seq, x.payer, x.client_ref, x.role, x.fee);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, open_order_view& x) {
  return f(caf::meta::type_name("open_order_view"), x.symbol, x.id, x.client_order_id, x.order_side, x.price,
           x.open_qty);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, position_view& x) {
  return f(caf::meta::type_name("position_view"), x.symbol, x.free, x.reserved);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, account_view& x) {
  return f(caf::meta::type_name("account_view"), x.id, x.state, x.cash_free, x.cash_reserved, x.positions,
           x.open_orders, x.state_hash);
}

} // namespace bourse
