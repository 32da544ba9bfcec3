#pragma once

#include <limits>

#include "actors/common/types.hpp"

namespace bourse {

/// One account's unified position in one symbol: spot holdings and a margin position side by side.
/// Quantities are shares, amounts cents.
struct position {
  quantity spot = 0;           ///< free spot shares (>= 0), available to sell or deliver
  quantity spot_reserved = 0;  ///< spot shares held back for open sell orders
  cents spot_cost = 0;         ///< cost basis of spot + spot_reserved (sum of buy notionals)
  quantity margin = 0;         ///< margin quantity: long > 0 (bought with borrowed cash), short < 0
  quantity margin_closing = 0; ///< part of |margin| committed to open closing orders
  cents margin_cost = 0;   ///< opening notional of `margin`: cash borrowed (long) or proceeds held (short)
  cents margin_posted = 0; ///< initial margin locked in cash for this margin position
  cents realized_pnl = 0;  ///< price gains minus losses realised by closes and deliveries, fees excluded

  friend bool operator==(const position&, const position&) = default;
};

/// Shares the position counts towards the symbol's issued total: spot + reserved spot + margin.
constexpr quantity shares_counted(const position& p) noexcept {
  return p.spot + p.spot_reserved + p.margin;
}

/// Average cost of the spot holding, cents per share (truncated); 0 without spot shares.
constexpr cents spot_average_price(const position& p) noexcept {
  const quantity held = p.spot + p.spot_reserved;
  return held == 0 ? 0 : p.spot_cost / held;
}

/// Average opening price of the margin position, cents per share (truncated); 0 when flat.
constexpr cents margin_average_price(const position& p) noexcept {
  return p.margin == 0 ? 0 : p.margin_cost / (p.margin > 0 ? p.margin : -p.margin);
}

namespace detail {
/// 128-bit integer for products that may exceed int64 before a division brings them back.
__extension__ typedef __int128 wide_int;
} // namespace detail

/// `total` × `part` / `whole` without intermediate overflow, truncated; all of `total` when part == whole.
/// Used to take a proportional share of a cost basis, a loan or posted margin. Requires 0 <= part <= whole.
constexpr cents pro_rata(cents total, quantity part, quantity whole) noexcept {
  if (part == whole)
    return total;
  return static_cast<cents>(static_cast<detail::wide_int>(total) * part / whole);
}

/// Unrealised P&L of `p` at `mark` (cents per share), cents: spot (spot + reserved) × mark − cost, plus
/// margin × mark − opening notional for a long, opening notional − |margin| × mark for a short.
/// Saturates at the int64 limits.
constexpr cents unrealized_pnl(const position& p, cents mark) noexcept {
  const detail::wide_int spot = static_cast<detail::wide_int>(p.spot + p.spot_reserved) * mark - p.spot_cost;
  const detail::wide_int opened =
      p.margin < 0 ? -static_cast<detail::wide_int>(p.margin_cost) : p.margin_cost;
  const detail::wide_int total = spot + static_cast<detail::wide_int>(p.margin) * mark - opened;
  constexpr detail::wide_int lo = std::numeric_limits<cents>::min();
  constexpr detail::wide_int hi = std::numeric_limits<cents>::max();
  return static_cast<cents>(total < lo ? lo : (total > hi ? hi : total));
}

} // namespace bourse
