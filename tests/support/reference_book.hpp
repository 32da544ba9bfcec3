#pragma once

#include <list>
#include <map>
#include <optional>
#include <vector>

#include "actors/book/book_event.hpp"
#include "actors/book/book_snapshot.hpp"
#include "actors/book/order_book.hpp"
#include "actors/common/instrument.hpp"

namespace bourse::testing {

/// The reference order book: the semantics of docs/matching.md written for clarity, not speed
/// (std::map of price levels, std::list FIFO per level). Same public interface as bourse::order_book;
/// the differential test requires both to emit identical events and state hashes.
class reference_book {
public:
  explicit reference_book(instrument rules);
  /// Rebuilds a book from a snapshot (recovery).
  reference_book(instrument rules, const book_snapshot& from);

  /// See order_book::submit.
  order_id submit(const order_request& request, timestamp_ns now, std::vector<book_event>& out);
  /// See order_book::cancel.
  void cancel(order_id id, account_id requester, timestamp_ns now, std::vector<book_event>& out);
  /// See order_book::cancel_all.
  void cancel_all(account_id owner, timestamp_ns now, reason_code why, std::vector<book_event>& out);
  /// See order_book::replace.
  void replace(order_id id, account_id requester, cents new_price, quantity new_open_qty, timestamp_ns now,
               std::vector<book_event>& out);
  /// See order_book::expire_due.
  void expire_due(timestamp_ns now, std::vector<book_event>& out);
  /// See order_book::end_of_day.
  void end_of_day(timestamp_ns now, std::vector<book_event>& out);
  void set_halted(bool halted) noexcept { halted_ = halted; }
  bool halted() const noexcept { return halted_; }
  void set_reference_price(cents price) noexcept { rules_.reference_price = price; }

  top_of_book top() const;
  /// Up to `max_levels` levels of one side, best first, into `out` (cleared first).
  void depth(side which, std::size_t max_levels, std::vector<price_level_view>& out) const;
  cents last_trade_price() const noexcept { return last_price_; }
  sequence last_sequence() const noexcept { return seq_; }
  std::size_t open_order_count() const noexcept { return located_.size() + stops_.size(); }
  std::optional<resting_order> find(order_id id) const;
  book_snapshot snapshot() const;
  std::uint64_t state_hash() const { return bourse::state_hash(snapshot()); }

private:
  using level = std::list<resting_order>;
  using ladder = std::map<cents, level>; // ascending price for both sides

  ladder& book(side s) { return s == side::buy ? bids_ : asks_; }
  const ladder& book(side s) const { return s == side::buy ? bids_ : asks_; }
  /// Prices of one side in priority order (best first).
  std::vector<cents> prices_best_first(side s) const;
  std::optional<cents> best_price(side s) const;
  bool crosses(side s, cents price) const;
  book_event& emit(std::vector<book_event>& out, book_event_kind kind, timestamp_ns now,
                   const resting_order& o);
  void emit_removal(std::vector<book_event>& out, book_event_kind kind, timestamp_ns now,
                    const resting_order& o, quantity qty, quantity remaining, reason_code why);
  void reject(std::vector<book_event>& out, timestamp_ns now, order_id id, account_id owner, reason_code why);
  bool fillable(const resting_order& taker) const;
  void match(resting_order& taker, timestamp_ns now, std::vector<book_event>& out);
  void after_maker_change(side maker_side, cents price);
  void execute(resting_order taker, timestamp_ns now, std::vector<book_event>& out);
  void rest(resting_order o);
  void run_stops(timestamp_ns now, std::vector<book_event>& out);
  void trigger(resting_order o, timestamp_ns now, std::vector<book_event>& out);
  resting_order* locate(order_id id);
  void erase(order_id id);
  template <class Pred>
  void remove_where(Pred pred, book_event_kind kind, reason_code why, timestamp_ns now,
                    std::vector<book_event>& out);

  instrument rules_;
  ladder bids_;
  ladder asks_;
  std::map<order_id, std::pair<side, cents>> located_; ///< resting orders: where they rest
  std::map<order_id, resting_order> stops_;            ///< pending stops
  sequence seq_ = 0;
  order_id next_id_ = 1;
  cents last_price_ = 0;
  bool halted_ = false;
  bool traded_ = false;
};

} // namespace bourse::testing
