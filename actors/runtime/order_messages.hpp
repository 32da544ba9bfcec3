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
  /// Book sequence of the report the book sent this account before this one (0: none). An account
  /// whose last applied sequence is below it has missed a report and asks for a resend.
  sequence after = 0;
};

/// One fill of an account's order from the account's side, pushed to the account's listeners once
/// the account applied it (the fill itself is durable before its report leaves the book).
/// Cents, shares, ns UTC.
struct fill_notice {
  std::string symbol;
  sequence seq = 0; ///< book sequence of the fill
  order_id order = 0;
  std::uint64_t client_order_id = 0;
  side order_side = side::buy; ///< the account's side
  cents price = 0;
  quantity qty = 0;
  cents fee = 0;
  liquidity role = liquidity::taker;
  timestamp_ns time = 0;
  friend bool operator==(const fill_notice&, const fill_notice&) = default;
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

/// Holdings of one symbol valued at a mark price: the spot and margin sides of the unified position
/// (position.hpp). Shares, cents; averages are cents per share, truncated.
struct position_view {
  std::string symbol;
  quantity spot = 0;           ///< free spot shares
  quantity spot_reserved = 0;  ///< spot shares held for open sell orders
  cents spot_average = 0;      ///< average cost of the spot holding
  quantity margin = 0;         ///< margin position: long > 0, short < 0
  quantity margin_closing = 0; ///< part of |margin| committed to open closing orders
  cents margin_average = 0;    ///< average opening price of the margin position
  cents margin_posted = 0;     ///< initial margin locked for it
  cents realized_pnl = 0;      ///< realised by closes and deliveries, fees excluded
  cents mark = 0;              ///< the mark price used; 0 when none was given (valued at cost)
  cents unrealized_pnl = 0;    ///< at `mark` (0 without one)
  /// Shares held in total: spot + reserved spot + margin (negative = net short).
  quantity net() const noexcept { return spot + spot_reserved + margin; }
  friend bool operator==(const position_view&, const position_view&) = default;
};

/// An account's full observable state (REST, the `account` WebSocket channel, tests), valued at the
/// mark prices given with the request (margin.hpp: without a mark a position counts at its cost).
struct account_view {
  account_id id = 0;
  risk_state state = risk_state::active;
  cents cash_free = 0;     ///< buying power for spot orders
  cents cash_reserved = 0; ///< held for open buy orders and auction bids
  cents auction_held = 0;  ///< the part of cash_reserved held for auction bids
  std::vector<position_view> positions;
  std::vector<open_order_view> open_orders;
  std::uint64_t state_hash = 0;
  cents equity = 0;          ///< margin.hpp equity()
  cents margin_exposure = 0; ///< Σ |margin| × mark
  cents maintenance = 0;     ///< maintenance requirement; equity below it triggers liquidation
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
  return f(caf::meta::type_name("execution_report"), x.symbol, x.event, x.after);
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
typename Inspector::result_type inspect(Inspector& f, fill_notice& x) {
  return f(caf::meta::type_name("fill_notice"), x.symbol, x.seq, x.order, x.client_order_id, x.order_side,
           x.price, x.qty, x.fee, x.role, x.time);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, position_view& x) {
  return f(caf::meta::type_name("position_view"), x.symbol, x.spot, x.spot_reserved, x.spot_average, x.margin,
           x.margin_closing, x.margin_average, x.margin_posted, x.realized_pnl, x.mark, x.unrealized_pnl);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, account_view& x) {
  return f(caf::meta::type_name("account_view"), x.id, x.state, x.cash_free, x.cash_reserved, x.auction_held,
           x.positions, x.open_orders, x.state_hash, x.equity, x.margin_exposure, x.maintenance);
}

} // namespace bourse
