#include "actors/account/margin_check.hpp"

#include <algorithm>

namespace bourse {

bool holds_margin(const account& acc) {
  return std::any_of(acc.positions().begin(), acc.positions().end(),
                     [](const auto& entry) { return entry.second.margin != 0; });
}

margin_check check_margin(const account& acc, const instrument_table& instruments, const mark_prices& marks) {
  margin_check out{.under_maintenance = under_maintenance(acc, instruments, marks),
                   .margin_held = holds_margin(acc),
                   .state = acc.state(),
                   .closes = {}};
  if (!out.under_maintenance)
    return out;
  const account::position_map::value_type* worst = nullptr;
  detail::wide_int worst_exposure = -1;
  for (const auto& entry : acc.positions()) {
    const position& pos = entry.second;
    const quantity open = pos.margin < 0 ? -pos.margin : pos.margin;
    if (open - pos.margin_closing <= 0)
      continue;
    const auto mark = marks.find(entry.first);
    const cents price = mark == marks.end() ? margin_average_price(pos) : mark->second;
    const detail::wide_int exposure = static_cast<detail::wide_int>(open) * price;
    if (exposure > worst_exposure) {
      worst_exposure = exposure;
      worst = &entry;
    }
  }
  if (worst != nullptr) {
    const position& pos = worst->second;
    const quantity open = pos.margin < 0 ? -pos.margin : pos.margin;
    out.closes.push_back({worst->first, pos.margin > 0 ? side::sell : side::buy, open - pos.margin_closing});
  }
  return out;
}

} // namespace bourse
