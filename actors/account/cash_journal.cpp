#include "actors/account/cash_journal.hpp"

#include <algorithm>

namespace bourse {

std::vector<cash_movement> net_movements(const std::vector<cash_entry>& entries) {
  std::vector<cash_movement> sums;
  for (const cash_entry& e : entries) {
    const cents change = net_change(e);
    if (change == 0)
      continue;
    const auto same = std::find_if(sums.begin(), sums.end(), [&](const cash_movement& m) {
      return m.reason == e.reason && m.symbol == e.symbol;
    });
    if (same == sums.end())
      sums.push_back({.seq = 0, .reason = e.reason, .symbol = e.symbol, .amount = change, .time = 0});
    else
      same->amount += change;
  }
  std::erase_if(sums, [](const cash_movement& m) { return m.amount == 0; });
  return sums;
}

} // namespace bourse
