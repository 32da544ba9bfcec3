#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <unordered_map>
#include <vector>

#include "actors/runtime/order_messages.hpp"

namespace bourse {

/// Orders an account actor has sent to their books and whose answer has not arrived. The book
/// answers a submit with a one-way message, so the timeout is kept here: one timer per account,
/// armed only while something waits, instead of a CAF request timeout per order (CAF 0.17 hands
/// every request timeout to its single clock thread: a lock and a thread wake-up to set it and
/// another to cancel it). Plain C++; the actor supplies the clock and the timer.
class pending_submits {
public:
  using time_point = std::chrono::steady_clock::time_point;
  /// Called with the order's result once: the book's answer, or TIMEOUT.
  using callback = std::function<void(order_result)>;

  struct waiting {
    order_result result; ///< client_order_id and symbol set; id and reason come from the answer
    callback done;
    time_point deadline;
  };

  explicit pending_submits(std::chrono::nanoseconds timeout) : timeout_(timeout) {}

  /// Records the submit of `result.client_order_id` sent at `now` (a resend of one still waiting is
  /// a second waiter). Returns the delay after which the caller arms its timer, or nullopt when a
  /// timer is already armed.
  std::optional<std::chrono::nanoseconds> add(order_result result, callback done, time_point now);

  /// Removes and returns everything waiting for the answer to `client_order_id` (usually one).
  std::vector<waiting> take(std::uint64_t client_order_id);

  /// The timer fired at `now`: the submits whose deadline passed, removed, and the delay until the
  /// next deadline (the caller re-arms), or nullopt when nothing waits any more.
  struct expiry {
    std::vector<waiting> expired;
    std::optional<std::chrono::nanoseconds> next;
  };
  expiry tick(time_point now);

  /// Submits waiting for an answer.
  std::size_t size() const noexcept { return waiting_.size(); }

private:
  std::chrono::nanoseconds timeout_;
  std::unordered_multimap<std::uint64_t, waiting> waiting_;
  bool timer_ = false;
};

} // namespace bourse
