#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "actors/common/types.hpp"

namespace bourse {

enum class instrument_type : std::uint8_t { stock, bond, forex };

/// Wire and database form of a type: STOCK, BOND or FOREX.
inline std::string_view to_string(instrument_type type) noexcept {
  switch (type) {
  case instrument_type::bond:
    return "BOND";
  case instrument_type::forex:
    return "FOREX";
  case instrument_type::stock:
    break;
  }
  return "STOCK";
}

/// Parses STOCK, BOND or FOREX; nullopt for anything else.
inline std::optional<instrument_type> instrument_type_from_string(std::string_view text) noexcept {
  for (auto type : {instrument_type::stock, instrument_type::bond, instrument_type::forex})
    if (to_string(type) == text)
      return type;
  return std::nullopt;
}

/// Static trading rules of one instrument. Prices are cents, quantities shares, ratios basis points.
struct instrument {
  std::string symbol;
  std::string name;
  instrument_type type = instrument_type::stock;
  std::string sector;
  cents tick_size = 1;                 ///< every price is a multiple of this
  quantity lot_size = 1;               ///< every quantity is a multiple of this
  quantity min_quantity = 1;           ///< smallest order quantity
  quantity max_quantity = 1'000'000;   ///< largest order quantity
  cents reference_price = 0;           ///< centre of the price band (previous close or listing price)
  basis_points price_band_bps = 1'000; ///< limit prices must lie within reference ± band
  bool margin_allowed = true;
  basis_points initial_margin_bps = 5'000;     ///< equity needed to open margin exposure
  basis_points maintenance_margin_bps = 2'500; ///< below this the account is liquidated
  basis_points maker_fee_bps = 0;
  basis_points taker_fee_bps = 5;
};

/// Lowest allowed price of the band, rounded up to the tick.
inline cents band_low(const instrument& inst) noexcept {
  const cents raw = inst.reference_price - inst.reference_price * inst.price_band_bps / 10'000;
  const cents rounded = (raw + inst.tick_size - 1) / inst.tick_size * inst.tick_size;
  return rounded < inst.tick_size ? inst.tick_size : rounded;
}

/// Highest allowed price of the band, rounded down to the tick.
inline cents band_high(const instrument& inst) noexcept {
  const cents raw = inst.reference_price + inst.reference_price * inst.price_band_bps / 10'000;
  return raw / inst.tick_size * inst.tick_size;
}

} // namespace bourse
