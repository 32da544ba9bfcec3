#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "actors/book/book_event.hpp"

namespace bourse::testing {

/// The open orders of a book as seen from its events, for generators that aim cancels and replaces.
class live_orders {
public:
  struct entry {
    order_id id;
    account_id owner;
    side order_side;
  };

  /// Adds accepted orders and forgets orders whose open quantity reached zero.
  void observe(const std::vector<book_event>& events) {
    for (const auto& e : events) {
      if (e.kind == book_event_kind::accepted) {
        index_[e.order] = entries_.size();
        entries_.push_back({e.order, e.owner, e.order_side});
      }
      if (e.kind == book_event_kind::fill && e.maker_remaining == 0)
        forget(e.maker_order);
      if (e.kind != book_event_kind::accepted && e.kind != book_event_kind::rejected && e.remaining == 0)
        forget(e.order);
    }
  }
  bool empty() const noexcept { return entries_.empty(); }
  std::size_t size() const noexcept { return entries_.size(); }
  const entry& operator[](std::size_t i) const noexcept { return entries_[i]; }

private:
  void forget(order_id id) {
    const auto it = index_.find(id);
    if (it == index_.end())
      return;
    const auto pos = it->second;
    index_.erase(it);
    if (pos + 1 != entries_.size()) {
      entries_[pos] = entries_.back();
      index_[entries_[pos].id] = pos;
    }
    entries_.pop_back();
  }

  std::vector<entry> entries_;
  std::unordered_map<order_id, std::size_t> index_;
};

} // namespace bourse::testing
