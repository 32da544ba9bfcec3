#include "bots/strategy/position_ledger.hpp"

#include <algorithm>

namespace bourse::bots {

fill_outcome position_ledger::apply_fill(side s, cents price, quantity qty, cents fee) noexcept {
  const quantity signed_qty = s == side::buy ? qty : -qty;
  cash_ -= signed_qty * price + fee;
  const bool closed = position_ != 0 && (position_ > 0) != (signed_qty > 0);
  if (!closed) {
    position_ += signed_qty;
    cost_basis_ += signed_qty * price;
    return {};
  }
  const quantity held = position_ > 0 ? position_ : -position_;
  const quantity reduce = std::min(qty, held);
  const cents basis_part = cost_basis_ * reduce / held; // same sign as the position
  const cents pnl = (position_ > 0 ? price * reduce : -price * reduce) - basis_part - fee;
  const quantity signed_reduce = position_ > 0 ? -reduce : reduce;
  cost_basis_ -= basis_part;
  position_ += signed_reduce;
  const quantity opened = signed_qty - signed_reduce;
  position_ += opened;
  cost_basis_ += opened * price;
  realized_ += pnl;
  return {true, pnl};
}

} // namespace bourse::bots
