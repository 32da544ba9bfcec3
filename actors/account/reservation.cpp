#include "actors/account/reservation.hpp"

#include "actors/common/checked_math.hpp"

namespace bourse {

std::optional<cents> required_cash(order_intent intent, cents price, quantity qty, basis_points fee_bps,
                                   basis_points margin_bps, quantity lot) noexcept {
  if (qty == 0 || intent == order_intent::spot_sell || intent == order_intent::close_long)
    return 0;
  const auto notional = checked_notional(price, qty);
  if (!notional)
    return std::nullopt;
  const auto fee = checked_bps_ceil(*notional, fee_bps);
  if (!fee)
    return std::nullopt;
  const quantity lots = (qty + lot - 1) / lot;
  cents slack = fee_bps > 0 ? lots : 0;
  std::optional<cents> base = 0;
  switch (intent) {
  case order_intent::spot_buy:
    base = notional;
    break;
  case order_intent::open_long:
  case order_intent::open_short:
    base = checked_bps_ceil(*notional, margin_bps);
    slack += margin_bps > 0 ? lots : 0;
    break;
  default:
    break;
  }
  if (!base)
    return std::nullopt;
  const auto with_fee = checked_add(*base, *fee);
  return with_fee ? checked_add(*with_fee, slack) : std::nullopt;
}

} // namespace bourse
