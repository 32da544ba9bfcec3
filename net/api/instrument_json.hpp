#pragma once

#include "actors/common/instrument.hpp"
#include "actors/common/reason_code.hpp"

#include <boost/json/object.hpp>

#include <string>
#include <string_view>

namespace bourse::net::api {

/// One instrument as GET /api/v1/instruments lists it (cents, shares, basis points).
boost::json::object instrument_json(const instrument& inst);

/// The outcome of decode_instrument: code none and the rules, or the first problem found.
struct decoded_instrument {
  reason_code code = reason_code::none;
  std::string message;
  instrument rules;
};

/// Decodes a POST /admin/instruments body strictly: symbol (1..12 of A-Z 0-9) and reference_price
/// (cents, > 0, on the tick: the centre of the first price band) are required; name (default the
/// symbol, ≤ 64 characters), type STOCK|BOND|FOREX, sector, tick_size (cents), lot_size,
/// min_quantity, max_quantity (shares), price_band_bps (1..10'000), margin_allowed,
/// initial_margin_bps (1..10'000), maintenance_margin_bps (1..initial), maker_fee_bps and
/// taker_fee_bps (0..10'000) default as in actors/common/instrument.hpp. Unknown fields, wrong types
/// and values out of range are MALFORMED_REQUEST; a reference price ≤ 0 (or above 10^13) is
/// INVALID_PRICE, one off the tick OFF_TICK.
decoded_instrument decode_instrument(std::string_view body);

} // namespace bourse::net::api
