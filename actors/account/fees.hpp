#pragma once

#include <optional>

#include "actors/common/checked_math.hpp"
#include "actors/common/instrument.hpp"

namespace bourse {

/// Which side of a trade an order was on: the resting order is the maker, the incoming one the taker.
enum class liquidity : std::uint8_t { maker, taker };

/// The instrument's fee rate for one side of a trade, basis points.
inline basis_points fee_bps(const instrument& inst, liquidity role) noexcept {
  return role == liquidity::maker ? inst.maker_fee_bps : inst.taker_fee_bps;
}

/// Fee of one fill in cents: ceil(price × qty × bps / 10'000); nullopt on overflow. The one fee formula:
/// the paying account and the house account both use it, so the two sides always agree.
inline std::optional<cents> fill_fee(cents price, quantity qty, basis_points bps) noexcept {
  const auto notional = checked_notional(price, qty);
  if (!notional)
    return std::nullopt;
  return checked_bps_ceil(*notional, bps);
}

} // namespace bourse
