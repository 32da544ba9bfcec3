#pragma once

#include <memory>

#include "bots/data/price_path.hpp"
#include "bots/market/game_clock.hpp"

namespace bourse::bots {

/// A game clock under which time is historical time (backtests: the bars' own timestamps).
inline constexpr game_clock historical_time{0, 86'400, 0};

/// A symbol's fundamental as strategies read it: the real price path at the historical time that a
/// strategy's clock (ns UTC) stands for under `clock` (live: wall time through the game clock).
struct fundamental_source {
  std::shared_ptr<const price_path> path; ///< null = no fundamental
  game_clock clock = historical_time;

  fundamental_source() = default;
  /// Implicit from a path read in historical time, so backtests can pass the path alone.
  fundamental_source(std::shared_ptr<const price_path> p, game_clock c = historical_time)
      : path(std::move(p)), clock(c) {}

  explicit operator bool() const noexcept { return path != nullptr; }
  /// Fundamental in cents at strategy time `now` (never a later point of the path); 0 without a path
  /// or before its first point.
  cents at(timestamp_ns now) const noexcept { return path ? path->at(clock.history_at(now)) : 0; }
};

} // namespace bourse::bots
