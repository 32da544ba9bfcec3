#include "actors/account/valuation.hpp"

namespace bourse {

position_view value_position(const std::string& symbol, const position& pos, const mark_prices& marks) {
  const auto mark = marks.find(symbol);
  return {.symbol = symbol,
          .spot = pos.spot,
          .spot_reserved = pos.spot_reserved,
          .spot_average = spot_average_price(pos),
          .margin = pos.margin,
          .margin_closing = pos.margin_closing,
          .margin_average = margin_average_price(pos),
          .margin_posted = pos.margin_posted,
          .realized_pnl = pos.realized_pnl,
          .mark = mark == marks.end() ? 0 : mark->second,
          .unrealized_pnl = mark == marks.end() ? 0 : unrealized_pnl(pos, mark->second)};
}

account_view value_account(const account_actor_state& st, const instrument_table& instruments,
                           const mark_prices& marks) {
  const auto& acc = st.acc;
  account_view v{.id = acc.id(),
                 .state = acc.state(),
                 .cash_free = acc.free_cash(),
                 .cash_reserved = acc.reserved_cash(),
                 .auction_held = acc.held_total(),
                 .positions = {},
                 .open_orders = {},
                 .state_hash = state_hash(acc),
                 .equity = equity(acc, marks),
                 .margin_exposure = margin_exposure(acc, marks),
                 .maintenance = maintenance_requirement(acc, instruments, marks)};
  for (const auto& [symbol, pos] : acc.positions())
    v.positions.push_back(value_position(symbol, pos, marks));
  for (const auto& [ref, r] : acc.open_orders()) {
    const auto info = st.orders.find(ref);
    v.open_orders.push_back(open_order_view{r.symbol, info == st.orders.end() ? 0 : info->second.id, ref,
                                            buys(r.intent) ? side::buy : side::sell, r.limit, r.open_qty});
  }
  return v;
}

} // namespace bourse
