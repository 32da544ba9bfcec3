#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "actors/account/account.hpp"
#include "actors/common/instrument.hpp"

namespace bourse {

/// Mark price per symbol, cents per share. A symbol without a mark is valued at the position's
/// own average price (spot average for spot, opening average for margin), i.e. with no unrealised P&L.
using mark_prices = std::map<std::string, cents, std::less<>>;
/// Instruments by symbol.
using instrument_table = std::map<std::string, instrument, std::less<>>;

/// Equity, cents: net cash + Σ (spot + reserved spot) × mark + Σ margin × mark (shorts count negative).
/// Saturates at the int64 limits instead of overflowing.
cents equity(const account& acc, const mark_prices& marks);

/// Margin exposure, cents: Σ |margin| × mark over symbols. Saturates.
cents margin_exposure(const account& acc, const mark_prices& marks);

/// Margin level in basis points: equity × 10'000 / margin exposure; nullopt without margin positions.
std::optional<basis_points> margin_level_bps(const account& acc, const mark_prices& marks);

/// The margin level of an account with this `equity` and margin `exposure` (cents), as above.
std::optional<basis_points> margin_level_bps(cents equity, cents exposure);

/// The mark of `symbol` in `marks`, or `fallback` when it has none.
cents mark_or(const mark_prices& marks, std::string_view symbol, cents fallback);

/// Maintenance requirement, cents: Σ ceil(|margin| × mark × maintenance_margin_bps / 10'000), with the
/// instrument's rate (an unknown symbol counts at 10'000 bps, the whole exposure). Saturates.
cents maintenance_requirement(const account& acc, const instrument_table& instruments,
                              const mark_prices& marks);

/// True when the account holds margin positions and its equity is below the maintenance requirement:
/// a candidate for liquidation.
bool under_maintenance(const account& acc, const instrument_table& instruments, const mark_prices& marks);

} // namespace bourse
