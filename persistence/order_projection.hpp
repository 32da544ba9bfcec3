#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "actors/common/types.hpp"

namespace bourse {

/// One row of the `orders` read model (migrations 0002, 0015). Enumerations in the wire spelling, as
/// journaled; ids and client_order_id are the engine's uint64 values bit for bit. Cents, shares, ns UTC.
struct order_row {
  std::int64_t book_order_id = 0; ///< 0 (NULL in the table) for an order its book rejected
  std::int64_t user_id = 0;
  std::int64_t client_order_id = 0;
  std::string side, type, tif, stp;
  cents price = 0; ///< the latest limit price (a replace moves it)
  cents stop_price = 0;
  quantity qty = 0; ///< as placed; after a replace, filled + the new open quantity
  quantity display_qty = 0;
  timestamp_ns expire_time = 0;
  bool post_only = false;
  std::string status;       ///< OPEN, FILLED, CANCELED, REJECTED or EXPIRED
  std::string reason;       ///< the rejection or the latest cancel reason; empty (NULL) when none
  quantity filled = 0;      ///< Σ fill quantities
  timestamp_ns created = 0; ///< the ACCEPTED or REJECTED event
  timestamp_ns updated = 0; ///< the latest event of the order
  bool fresh = false;       ///< not yet in the table
};

/// A SUBMIT of book_commands: the client's request as the book received it.
struct submit_row {
  std::int64_t user_id = 0;
  std::int64_t client_ref = 0;
  std::string side, type, tif, stp;
  cents price = 0;
  cents stop_price = 0;
  quantity qty = 0;
  quantity display_qty = 0;
  timestamp_ns expire_time = 0;
  bool post_only = false;
};

/// A row of book_events (migration 0002): `order_id`/`remaining` are the taker's on a FILL,
/// `maker_*` the resting order's.
struct event_row {
  std::int64_t seq = 0;
  std::string kind;
  timestamp_ns time = 0;
  std::int64_t order_id = 0;
  std::int64_t user_id = 0;
  std::int64_t client_ref = 0;
  cents price = 0;
  quantity qty = 0;
  quantity remaining = 0;
  std::string reason;
  std::int64_t maker_order_id = 0;
  quantity maker_remaining = 0;
};

/// The orders of one book changed by a run of journal rows, folded in memory (no database). Status
/// rules are those of GET /api/v1/orders (net/store/pg_history_store.cpp): OPEN while the open
/// quantity after the order's latest event is > 0; then REJECTED for a rejected submit, CANCELED when
/// the latest non-fill event was a cancel (also after later fills), EXPIRED after an expiry, else
/// FILLED. A rejected cancel or replace (REJECTED with an order id) changes nothing.
class order_fold {
public:
  /// Registers a SUBMIT; its ACCEPTED or REJECTED event opens the order.
  void add_submit(submit_row submit);
  /// An order already in the table that the events touch.
  void add_existing(order_row row);
  /// Book order ids that `events` touch without opening them: to load with add_existing first.
  static std::vector<std::int64_t> touched_before(const std::vector<event_row>& events);
  /// Applies one event (in book sequence order).
  void apply(const event_row& e);

  /// Every order opened or changed so far.
  std::vector<order_row> rows() const;
  /// Events that named an order neither opened here nor added (e.g. a journal pruned before it).
  std::int64_t orphans() const noexcept { return orphans_; }

private:
  struct client_key {
    std::int64_t user_id;
    std::int64_t client_ref;
    bool operator==(const client_key&) const = default;
  };
  struct client_hash {
    std::size_t operator()(const client_key& k) const noexcept;
  };

  void open(const event_row& e, bool rejected);
  /// Sets status after an event left `open_qty` shares of `row` open.
  static void settle(order_row& row, quantity open_qty, const char* closed_status);
  order_row* find(std::int64_t book_order_id);

  std::unordered_map<client_key, submit_row, client_hash> submits_;
  std::unordered_map<std::int64_t, order_row> orders_; ///< by book order id
  std::vector<order_row> rejected_;
  std::int64_t orphans_ = 0;
};

} // namespace bourse
