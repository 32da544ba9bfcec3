#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>

#include "actors/common/sharded_flat_map.hpp"
#include "actors/runtime/order_messages.hpp"

namespace bourse {

/// The first final answer to each of an account's most recent client_order_ids, for idempotent
/// resends: once `capacity` answers are held, recording another forgets the oldest recorded, so the
/// memory of a long-lived account stays bounded (a resend of a forgotten id counts as a new order,
/// as with exchanges that scope client order ids to a trading day). Plain C++; not thread-safe.
class result_window {
public:
  /// Answers remembered per account by default: hours of a market maker's quoting at 10 orders/s.
  static constexpr std::size_t default_capacity = 65'536;

  explicit result_window(std::size_t capacity = default_capacity) : capacity_(capacity > 0 ? capacity : 1) {}

  /// The answer recorded for `client_order_id`, or null.
  const order_result* find(std::uint64_t client_order_id) const {
    const auto it = by_id_.find(client_order_id);
    return it == by_id_.end() ? nullptr : &it->second;
  }

  /// Records `result` for `client_order_id` unless one is recorded already (the first answer
  /// stays); returns whether it was recorded.
  bool record(std::uint64_t client_order_id, order_result result) {
    if (!by_id_.try_emplace(client_order_id, std::move(result)).second)
      return false;
    oldest_first_.push_back(client_order_id);
    if (oldest_first_.size() > capacity_) {
      by_id_.erase(oldest_first_.front());
      oldest_first_.pop_front();
    }
    return true;
  }

  std::size_t size() const noexcept { return oldest_first_.size(); }
  std::size_t capacity() const noexcept { return capacity_; }

  /// Calls fn(client_order_id, result) for every answer held, oldest recorded first (the order
  /// record() must see them in to rebuild the same window).
  template <class F>
  void for_each_oldest_first(F&& fn) const {
    for (const auto id : oldest_first_)
      fn(id, by_id_.at(id));
  }

  friend bool operator==(const result_window& a, const result_window& b) {
    return a.oldest_first_ == b.oldest_first_ && a.by_id_ == b.by_id_;
  }

private:
  std::size_t capacity_;
  /// Sharded: a growth rehashes 1/16 of the answers, so an account's stall when its map doubles is
  /// 16 times shorter (~0.1 ms instead of ~2 ms at 65,536 answers); ~0.8 KB per account when empty.
  sharded_flat_map<std::uint64_t, order_result, std::hash<std::uint64_t>, 16> by_id_;
  std::deque<std::uint64_t> oldest_first_;
};

} // namespace bourse
