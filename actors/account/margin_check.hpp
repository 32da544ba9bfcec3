#pragma once

#include <string>
#include <vector>

#include <caf/meta/type_name.hpp>

#include "actors/account/account.hpp"
#include "actors/account/margin.hpp"

namespace bourse {

/// One reduce-only market order that closes (part of) a margin position.
struct close_order {
  std::string symbol;
  side order_side = side::sell; ///< sell closes a long, buy closes a short
  quantity qty = 0;             ///< shares, > 0
  friend bool operator==(const close_order&, const close_order&) = default;
};

/// An account's margin health at given mark prices, as the liquidation actor sees it.
struct margin_check {
  bool under_maintenance = false; ///< equity below the maintenance requirement (margin.hpp)
  bool margin_held = false;       ///< the account holds a margin position (holds_margin)
  risk_state state = risk_state::active;
  /// The next close while under maintenance: all still unclosed shares (|margin| − closing) of the
  /// position with the largest exposure at mark; empty when healthy or everything is already closing.
  std::vector<close_order> closes;
  friend bool operator==(const margin_check&, const margin_check&) = default;
};

/// True when `acc` holds a margin position (margin != 0 in some symbol): the only state
/// under_maintenance can flag, hence what the liquidation actor watches. Borrowed cash and short
/// proceeds exist only alongside such a position; spot holdings and negative cash have nothing to close.
bool holds_margin(const account& acc);

/// Checks `acc` at `marks` with margin.hpp's under_maintenance and picks the next position to close.
margin_check check_margin(const account& acc, const instrument_table& instruments, const mark_prices& marks);

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, close_order& x) {
  return f(caf::meta::type_name("close_order"), x.symbol, x.order_side, x.qty);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, margin_check& x) {
  return f(caf::meta::type_name("margin_check"), x.under_maintenance, x.margin_held, x.state, x.closes);
}

} // namespace bourse
