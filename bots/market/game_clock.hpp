#pragma once

#include "actors/common/types.hpp"

namespace bourse::bots {

/// Maps wall-clock time to historical time: one historical (calendar) day lasts `seconds_per_day`
/// seconds of the game, starting at `history_start` when the game started at `started_at`. All times
/// are ns UTC.
struct game_clock {
  timestamp_ns history_start = 0;
  std::int64_t seconds_per_day = 30;
  timestamp_ns started_at = 0;

  /// The historical time that wall time `now` stands for (history_start before the game started).
  timestamp_ns history_at(timestamp_ns now) const noexcept {
    if (now <= started_at || seconds_per_day <= 0)
      return history_start;
    const timestamp_ns elapsed = now - started_at;
    return history_start + elapsed / seconds_per_day * 86'400 +
           elapsed % seconds_per_day * 86'400 / seconds_per_day;
  }
};

} // namespace bourse::bots
