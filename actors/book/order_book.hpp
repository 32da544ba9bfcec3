#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "actors/book/book_event.hpp"
#include "actors/book/book_snapshot.hpp"
#include "actors/book/order_request.hpp"
#include "actors/common/instrument.hpp"

namespace bourse {

/// Aggregated quantity at one price (L2). `qty` counts displayed shares only (iceberg reserve hidden).
struct price_level_view {
  cents price = 0;
  quantity qty = 0;
  std::uint32_t orders = 0;
  friend bool operator==(const price_level_view&, const price_level_view&) = default;
};

/// Best bid and ask (L1); a missing side has price 0 and quantity 0.
struct top_of_book {
  cents bid_price = 0;
  quantity bid_qty = 0;
  cents ask_price = 0;
  quantity ask_qty = 0;
  friend bool operator==(const top_of_book&, const top_of_book&) = default;
};

/// The order book of one symbol: a central limit order book with price-time priority.
/// Plain C++: no actor, network or database inside. Every command appends its events to `out`
/// (never clears it); each event carries the next sequence number. Rejections are events too.
/// Semantics (prices in cents, quantities in shares, time in ns UTC) are documented in
/// docs/matching.md; the reference implementation in tests/support/reference_book.hpp must agree
/// event for event.
class order_book {
public:
  explicit order_book(instrument rules);
  /// Rebuilds a book from a snapshot taken by `snapshot()` (recovery); the state hash is preserved.
  order_book(instrument rules, const book_snapshot& from);
  ~order_book();
  order_book(order_book&&) noexcept;
  order_book& operator=(order_book&&) noexcept;

  /// Validates (tick, lot, min/max quantity, price band, tif, expire time, display quantity) and
  /// matches a new order. Returns the assigned order id, or 0 when the order was rejected.
  order_id submit(const order_request& request, timestamp_ns now, std::vector<book_event>& out);

  /// Cancels the open quantity of an order owned by `requester` (UNKNOWN_ORDER otherwise).
  void cancel(order_id id, account_id requester, timestamp_ns now, std::vector<book_event>& out);

  /// Cancels every open order (and pending stop) of `owner`, in order id order.
  void cancel_all(account_id owner, timestamp_ns now, reason_code why, std::vector<book_event>& out);

  /// Changes price and/or open quantity. Keeping the price and reducing the open quantity keeps time
  /// priority; any other change moves the order to the back of its new level and may trade.
  void replace(order_id id, account_id requester, cents new_price, quantity new_open_qty, timestamp_ns now,
               std::vector<book_event>& out);

  /// Expires every GTD order (resting or pending stop) whose expire time is <= now.
  void expire_due(timestamp_ns now, std::vector<book_event>& out);

  /// Expires every DAY order at the end of the trading day.
  void end_of_day(timestamp_ns now, std::vector<book_event>& out);

  /// Halted books reject new orders and replaces (INSTRUMENT_HALTED) but accept cancels.
  void set_halted(bool halted) noexcept;
  bool halted() const noexcept;

  /// Re-centres the price band (e.g. at the start of a trading day).
  void set_reference_price(cents price) noexcept;

  /// Pre-sizes the order pool and id index for `orders` open orders, so that a book expected to
  /// hold that many allocates nothing while it fills (a capacity hint; the book still grows past it).
  void reserve(std::size_t orders);

  const instrument& rules() const noexcept;
  top_of_book top() const noexcept;
  /// Up to `max_levels` levels of one side, best first, into `out` (cleared first).
  void depth(side which, std::size_t max_levels, std::vector<price_level_view>& out) const;
  /// Last trade price, or 0 before the first trade.
  cents last_trade_price() const noexcept;
  /// Sequence number of the last event emitted.
  sequence last_sequence() const noexcept;
  /// Open orders resting on the book plus pending stop orders.
  std::size_t open_order_count() const noexcept;
  /// The open order with this id, if it rests on the book or waits as a stop.
  std::optional<resting_order> find(order_id id) const;

  /// Full state (L3): every resting order in priority order, pending stops, counters.
  book_snapshot snapshot() const;
  /// A 64-bit hash of the full state; equal books have equal hashes (see book_snapshot.hpp).
  std::uint64_t state_hash() const;

private:
  struct impl;
  impl* impl_;
};

} // namespace bourse
