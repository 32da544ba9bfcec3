#include "net/api/instrument_json.hpp"

#include "net/api/json_fields.hpp"

#include <algorithm>

namespace bourse::net::api {

namespace {

constexpr std::size_t max_symbol_length = 12;
constexpr std::size_t max_name_length = 64;
constexpr std::int64_t max_bps = 10'000;
constexpr cents max_reference_price = 10'000'000'000'000; ///< keeps reference × band within int64

bool valid_symbol(std::string_view symbol) {
  return !symbol.empty() && symbol.size() <= max_symbol_length &&
         std::all_of(symbol.begin(), symbol.end(),
                     [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); });
}

/// The integer at key (fallback when absent) required within [low, high].
std::int64_t bounded(json_fields& fields, std::string_view key, std::int64_t fallback, std::int64_t low,
                     std::int64_t high) {
  const auto value = fields.integer(key, false, fallback);
  if (value < low || value > high)
    fields.fail(reason_code::malformed_request,
                std::string(key) + " must be " + std::to_string(low) + ".." + std::to_string(high));
  return value;
}

} // namespace

boost::json::object instrument_json(const instrument& inst) {
  return {{"symbol", inst.symbol},
          {"name", inst.name},
          {"type", to_string(inst.type)},
          {"sector", inst.sector},
          {"tick_size", inst.tick_size},
          {"lot_size", inst.lot_size},
          {"min_quantity", inst.min_quantity},
          {"max_quantity", inst.max_quantity},
          {"reference_price", inst.reference_price},
          {"price_band_bps", inst.price_band_bps},
          {"margin_allowed", inst.margin_allowed},
          {"initial_margin_bps", inst.initial_margin_bps},
          {"maintenance_margin_bps", inst.maintenance_margin_bps},
          {"maker_fee_bps", inst.maker_fee_bps},
          {"taker_fee_bps", inst.taker_fee_bps}};
}

decoded_instrument decode_instrument(std::string_view body) {
  json_fields fields(body,
                     {"symbol", "name", "type", "sector", "tick_size", "lot_size", "min_quantity",
                      "max_quantity", "reference_price", "price_band_bps", "margin_allowed",
                      "initial_margin_bps", "maintenance_margin_bps", "maker_fee_bps", "taker_fee_bps"});
  decoded_instrument out;
  auto& r = out.rules;
  r.symbol = fields.text("symbol");
  if (fields.ok() && !valid_symbol(r.symbol))
    fields.fail(reason_code::malformed_request, "symbol must be 1..12 of A-Z and 0-9");
  r.name = fields.has("name") ? fields.text("name") : r.symbol;
  if (r.name.empty() || r.name.size() > max_name_length)
    fields.fail(reason_code::malformed_request, "name must be 1..64 characters");
  const auto type = fields.has("type") ? fields.text("type") : std::string(to_string(r.type));
  if (const auto parsed = instrument_type_from_string(type))
    r.type = *parsed;
  else
    fields.fail(reason_code::malformed_request, "type must be STOCK, BOND or FOREX");
  r.sector = fields.text("sector", false);
  r.tick_size = bounded(fields, "tick_size", r.tick_size, 1, max_reference_price);
  r.lot_size = bounded(fields, "lot_size", r.lot_size, 1, max_reference_price);
  r.min_quantity = bounded(fields, "min_quantity", r.min_quantity, 1, max_reference_price);
  r.max_quantity = bounded(fields, "max_quantity", r.max_quantity, r.min_quantity, max_reference_price);
  r.price_band_bps = bounded(fields, "price_band_bps", r.price_band_bps, 1, max_bps);
  r.margin_allowed = fields.flag("margin_allowed", r.margin_allowed);
  r.initial_margin_bps = bounded(fields, "initial_margin_bps", r.initial_margin_bps, 1, max_bps);
  r.maintenance_margin_bps =
      bounded(fields, "maintenance_margin_bps", r.maintenance_margin_bps, 1, r.initial_margin_bps);
  r.maker_fee_bps = bounded(fields, "maker_fee_bps", r.maker_fee_bps, 0, max_bps);
  r.taker_fee_bps = bounded(fields, "taker_fee_bps", r.taker_fee_bps, 0, max_bps);
  r.reference_price = fields.integer("reference_price");
  if (r.reference_price <= 0 || r.reference_price > max_reference_price)
    fields.fail(reason_code::invalid_price, "reference_price must be 1..10^13 cents");
  else if (fields.ok() && r.reference_price % r.tick_size != 0)
    fields.fail(reason_code::off_tick, "reference_price must be a multiple of tick_size");
  out.code = fields.code();
  out.message = fields.message();
  return out;
}

} // namespace bourse::net::api
