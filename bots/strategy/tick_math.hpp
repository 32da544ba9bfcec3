#pragma once

#include <cmath>

#include "actors/common/types.hpp"

namespace bourse::bots {

/// Largest multiple of `tick` (cents) at or below `price` (cents, a strategy's floating-point maths),
/// never below one tick.
inline cents floor_to_tick(double price, cents tick) noexcept {
  const auto ticks = static_cast<cents>(std::floor(price / static_cast<double>(tick)));
  return (ticks < 1 ? 1 : ticks) * tick;
}

/// Smallest multiple of `tick` (cents) at or above `price` (cents), never below one tick.
inline cents ceil_to_tick(double price, cents tick) noexcept {
  const auto ticks = static_cast<cents>(std::ceil(price / static_cast<double>(tick)));
  return (ticks < 1 ? 1 : ticks) * tick;
}

/// Nearest multiple of `tick` (cents) to `price` (cents), never below one tick.
inline cents round_to_tick(double price, cents tick) noexcept {
  const auto ticks = static_cast<cents>(std::llround(price / static_cast<double>(tick)));
  return (ticks < 1 ? 1 : ticks) * tick;
}

} // namespace bourse::bots
