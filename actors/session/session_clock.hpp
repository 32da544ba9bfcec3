#pragma once

#include <chrono>
#include <cstdint>
#include <memory>

#include <caf/actor_system.hpp>

#include "actors/runtime/interfaces.hpp"
#include "actors/runtime/placement.hpp"

namespace bourse {

/// The market session clock: ends each game day on every listed book.
using session_clock = caf::typed_actor<
    /// End-of-day timer tick (sent by the clock to itself every day_length).
    caf::reacts_to<atoms::day_end>,
    /// Game days ended so far.
    caf::replies_to<caf::get_atom, atoms::day_end>::with<std::uint64_t>>;

/// Tunables of the session clock.
struct session_clock_config {
  /// Length of one game day (the market catalog's seconds_per_day), > 0; build_exchange starts no
  /// clock when it is zero or less.
  caf::timespan day_length{0};
  caf::timespan book_timeout = std::chrono::seconds(2); ///< per day_end request to a book
};

/// What survives a restart of the clock.
struct session_state {
  std::uint64_t days_ended = 0;
};

/// Spawns the session clock: every `day_length` it sends `day_end` to the book of every symbol in
/// `where` (DAY orders expire, the band re-centres on the last trade price) so that prices can follow
/// their history beyond one day's band. A book that does not answer is not retried; it gets the
/// next day's end.
session_clock spawn_session_clock(caf::actor_system& sys, std::shared_ptr<session_state> state,
                                  std::shared_ptr<placement> where, session_clock_config cfg);

} // namespace bourse
