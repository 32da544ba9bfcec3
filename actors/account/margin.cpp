#include "actors/account/margin.hpp"

#include <algorithm>
#include <limits>

namespace bourse {
namespace {

using wide = detail::wide_int;

cents saturate(wide value) noexcept {
  constexpr wide lo = std::numeric_limits<cents>::min();
  constexpr wide hi = std::numeric_limits<cents>::max();
  return static_cast<cents>(value < lo ? lo : (value > hi ? hi : value));
}

wide abs_margin(const position& pos) noexcept {
  return pos.margin < 0 ? -static_cast<wide>(pos.margin) : pos.margin;
}

} // namespace

cents mark_or(const mark_prices& marks, std::string_view symbol, cents fallback) {
  const auto it = marks.find(symbol);
  return it == marks.end() ? fallback : it->second;
}

cents equity(const account& acc, const mark_prices& marks) {
  wide total = static_cast<wide>(acc.free_cash()) + acc.reserved_cash() + acc.posted_margin() +
               acc.short_proceeds() - acc.borrowed_cash();
  for (const auto& [symbol, pos] : acc.positions()) {
    total +=
        static_cast<wide>(pos.spot + pos.spot_reserved) * mark_or(marks, symbol, spot_average_price(pos));
    total += static_cast<wide>(pos.margin) * mark_or(marks, symbol, margin_average_price(pos));
  }
  return saturate(total);
}

cents margin_exposure(const account& acc, const mark_prices& marks) {
  wide total = 0;
  for (const auto& [symbol, pos] : acc.positions())
    total += abs_margin(pos) * mark_or(marks, symbol, margin_average_price(pos));
  return saturate(total);
}

std::optional<basis_points> margin_level_bps(const account& acc, const mark_prices& marks) {
  return margin_level_bps(equity(acc, marks), margin_exposure(acc, marks));
}

std::optional<basis_points> margin_level_bps(cents equity, cents exposure) {
  if (exposure <= 0)
    return std::nullopt;
  return saturate(static_cast<wide>(equity) * 10'000 / exposure);
}

cents maintenance_requirement(const account& acc, const instrument_table& instruments,
                              const mark_prices& marks) {
  wide total = 0;
  for (const auto& [symbol, pos] : acc.positions()) {
    if (pos.margin == 0)
      continue;
    const auto inst = instruments.find(symbol);
    const wide bps = inst == instruments.end() ? 10'000 : inst->second.maintenance_margin_bps;
    const wide product = abs_margin(pos) * mark_or(marks, symbol, margin_average_price(pos)) * bps;
    total += product / 10'000 + (product % 10'000 > 0 ? 1 : 0);
  }
  return saturate(total);
}

bool under_maintenance(const account& acc, const instrument_table& instruments, const mark_prices& marks) {
  const bool has_margin = std::any_of(acc.positions().begin(), acc.positions().end(),
                                      [](const auto& entry) { return entry.second.margin != 0; });
  return has_margin && equity(acc, marks) < maintenance_requirement(acc, instruments, marks);
}

} // namespace bourse
