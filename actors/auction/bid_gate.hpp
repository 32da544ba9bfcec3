#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <utility>

#include <caf/actor_clock.hpp>

namespace bourse {

/// Orders a lot's commands around the cash hold of a bid: while one hold is in flight to the bank,
/// every later command that reads or changes the rules (bids, the close, a cancel) waits, in arrival
/// order. The hold is a one-way exchange without a CAF request timeout: the lot checks `overdue` on
/// its periodic TIMER tick and expires the hold itself. Plain C++; the auction actor drives it.
class bid_gate {
public:
  using task = std::function<void()>;
  using time_point = caf::actor_clock::time_point;

  /// Runs `t` now when no hold is in flight, else after the holds in flight and the tasks before it.
  void when_free(task t) {
    if (in_flight_)
      waiting_.push_back(std::move(t));
    else
      t();
  }

  /// Marks a hold as in flight until `deadline`; returns its id (never 0).
  std::uint64_t open(time_point deadline) {
    in_flight_ = hold{++last_id_, deadline};
    return last_id_;
  }

  /// Ends hold `id`: true when it was the one in flight, false when it ended before (expired).
  bool close(std::uint64_t id) {
    if (!in_flight_ || in_flight_->id != id)
      return false;
    in_flight_.reset();
    return true;
  }

  /// The id of the hold in flight when it is past its deadline at `now`, else 0.
  std::uint64_t overdue(time_point now) const {
    return in_flight_ && in_flight_->deadline <= now ? in_flight_->id : 0;
  }

  /// Runs waiting tasks in order until one of them opens a hold again.
  void drain() {
    while (!in_flight_ && !waiting_.empty()) {
      auto t = std::move(waiting_.front());
      waiting_.pop_front();
      t();
    }
  }

private:
  struct hold {
    std::uint64_t id = 0;
    time_point deadline;
  };
  std::optional<hold> in_flight_;
  std::deque<task> waiting_;
  std::uint64_t last_id_ = 0;
};

} // namespace bourse
