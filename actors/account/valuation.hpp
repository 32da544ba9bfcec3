#pragma once

#include "actors/account/account_actor.hpp"
#include "actors/account/margin.hpp"
#include "actors/runtime/order_messages.hpp"

namespace bourse {

/// The observable state of an account actor valued at `marks` (cents by symbol; a symbol without a
/// mark counts at the position's own average price, so with no unrealised P&L): balances, every
/// position with averages and P&L, open orders with their book ids, equity, margin exposure and the
/// maintenance requirement (margin.hpp).
account_view value_account(const account_actor_state& st, const instrument_table& instruments,
                           const mark_prices& marks);

/// One position valued at `marks`, as value_account shows it (mark and unrealised P&L are 0 when
/// `marks` has no price for `symbol`).
position_view value_position(const std::string& symbol, const position& pos, const mark_prices& marks);

} // namespace bourse
