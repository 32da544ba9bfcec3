#pragma once

#include <cstddef>
#include <vector>

#include "actors/common/types.hpp"

namespace bourse::bots {

/// Equity (cents: cash + position × close) at the close of one bar (time = the bar's close point).
struct equity_point {
  timestamp_ns time = 0;
  cents equity = 0;
  quantity position = 0;
};

/// Raw output of one simulation, before metrics.
struct backtest_result {
  cents starting_cash = 0;
  std::vector<equity_point> equity; ///< one point per bar
  std::vector<cents> trade_pnls;    ///< realized P&L of each closing fill, fees included
  std::size_t orders_sent = 0;      ///< orders that passed risk and reached the book
  std::size_t orders_refused = 0;   ///< orders refused by the risk manager or the book
  std::size_t fills = 0;
  cents fees_paid = 0;
  std::size_t price_events = 0; ///< path points processed (4 per bar)
  bool killed = false;          ///< the kill switch tripped
};

} // namespace bourse::bots
