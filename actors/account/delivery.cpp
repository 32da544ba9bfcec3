#include "actors/account/account.hpp"

namespace bourse {

reason_code account::take_delivery(const instrument& inst, quantity qty) {
  if (state_ == risk_state::halted)
    return reason_code::account_halted;
  if (qty <= 0)
    return reason_code::invalid_quantity;
  const auto it = positions_.find(inst.symbol);
  if (it == positions_.end() || it->second.margin - it->second.margin_closing < qty)
    return reason_code::insufficient_position;
  position& pos = it->second;
  const cents loan = pro_rata(pos.margin_cost, qty, pos.margin);
  const cents freed = pro_rata(pos.margin_posted, qty, pos.margin);
  if (free_ + freed < loan)
    return reason_code::insufficient_buying_power;
  post({.reason = cash_reason::delivery,
        .symbol = inst.symbol,
        .free = freed - loan,
        .posted = -freed,
        .borrowed = -loan});
  pos.margin -= qty;
  pos.margin_cost -= loan;
  pos.margin_posted -= freed;
  pos.spot += qty;
  pos.spot_cost += loan;
  return reason_code::none;
}

reason_code account::deliver_shares(const instrument& inst, quantity qty) {
  if (state_ == risk_state::halted)
    return reason_code::account_halted;
  if (qty <= 0)
    return reason_code::invalid_quantity;
  const auto it = positions_.find(inst.symbol);
  if (it == positions_.end() || -it->second.margin - it->second.margin_closing < qty)
    return reason_code::insufficient_position;
  position& pos = it->second;
  if (pos.spot < qty)
    return reason_code::insufficient_shares;
  const quantity shorted = -pos.margin;
  const cents proceeds = pro_rata(pos.margin_cost, qty, shorted);
  const cents freed = pro_rata(pos.margin_posted, qty, shorted);
  const cents cost = pro_rata(pos.spot_cost, qty, pos.spot + pos.spot_reserved);
  post({.reason = cash_reason::delivery,
        .symbol = inst.symbol,
        .free = proceeds + freed,
        .posted = -freed,
        .short_proceeds = -proceeds});
  pos.margin += qty;
  pos.margin_cost -= proceeds;
  pos.margin_posted -= freed;
  pos.spot -= qty;
  pos.spot_cost -= cost;
  pos.realized_pnl += proceeds - cost;
  return reason_code::none;
}

} // namespace bourse
