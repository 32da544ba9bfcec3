#pragma once

#include <chrono>

#include "actors/common/types.hpp"

namespace bourse {

/// The wall clock now: ns since the Unix epoch, UTC (the time of journal entries, events and lots).
inline timestamp_ns utc_now_ns() noexcept {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

} // namespace bourse
