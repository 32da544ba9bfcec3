#pragma once

#include "bots/strategy/strategy_context.hpp"

namespace bourse::bots {

/// Sends one market order that moves position plus open orders to `target` shares; no order when
/// already there. Returns the ticket (client_ref 0 and reason none when nothing was needed).
inline order_ticket trade_toward(strategy_context& ctx, quantity target) {
  const quantity planned = ctx.position() + ctx.open_qty(side::buy) - ctx.open_qty(side::sell);
  const quantity delta = target - planned;
  if (delta == 0)
    return {};
  return ctx.send_market(delta > 0 ? side::buy : side::sell, delta > 0 ? delta : -delta);
}

} // namespace bourse::bots
