#pragma once

#include "actors/common/types.hpp"

namespace bourse::bots {

/// Result of booking one fill: `closed` when it reduced the position, with the realized P&L in cents
/// of the reduced part (the fill's whole fee included).
struct fill_outcome {
  bool closed = false;
  cents realized = 0;
};

/// Position, cash and realized P&L of one bot in one symbol (average-cost method).
/// Cash and P&L in cents, position in shares (negative = short).
class position_ledger {
public:
  explicit position_ledger(cents starting_cash) noexcept
      : cash_(starting_cash), starting_cash_(starting_cash) {}

  /// Books one fill (price cents, qty shares, fee cents paid): cash moves by price × qty + fee.
  fill_outcome apply_fill(side s, cents price, quantity qty, cents fee) noexcept;

  quantity position() const noexcept { return position_; }
  cents cash() const noexcept { return cash_; }
  cents realized_pnl() const noexcept { return realized_; }
  /// Cost basis of the open position in cents (negative for a short).
  cents cost_basis() const noexcept { return cost_basis_; }
  /// Cash + position marked at `mark` cents - starting cash.
  cents pnl(cents mark) const noexcept { return cash_ + position_ * mark - starting_cash_; }
  cents starting_cash() const noexcept { return starting_cash_; }

private:
  quantity position_ = 0;
  cents cost_basis_ = 0;
  cents cash_;
  cents starting_cash_;
  cents realized_ = 0;
};

} // namespace bourse::bots
