#pragma once

#include <cstdint>
#include <limits>
#include <optional>

#include "actors/common/types.hpp"

namespace bourse {

/// price × quantity in cents, or nullopt when the product overflows int64.
inline std::optional<cents> checked_notional(cents price, quantity qty) noexcept {
  cents result = 0;
  if (__builtin_mul_overflow(price, qty, &result))
    return std::nullopt;
  return result;
}

/// a + b, or nullopt on int64 overflow.
inline std::optional<std::int64_t> checked_add(std::int64_t a, std::int64_t b) noexcept {
  std::int64_t result = 0;
  if (__builtin_add_overflow(a, b, &result))
    return std::nullopt;
  return result;
}

/// a + b, clamped to the int64 range on overflow (totals for display, never ledger arithmetic).
inline std::int64_t saturating_add(std::int64_t a, std::int64_t b) noexcept {
  std::int64_t result = 0;
  if (__builtin_add_overflow(a, b, &result))
    return b > 0 ? std::numeric_limits<std::int64_t>::max() : std::numeric_limits<std::int64_t>::min();
  return result;
}

/// amount × bps / 10'000 rounded up (fees never round in the payer's favour), or nullopt on overflow.
inline std::optional<cents> checked_bps_ceil(cents amount, basis_points bps) noexcept {
  cents product = 0;
  if (__builtin_mul_overflow(amount, bps, &product))
    return std::nullopt;
  return product / 10'000 + (product % 10'000 > 0 ? 1 : 0);
}

} // namespace bourse
