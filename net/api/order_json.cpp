#include "net/api/order_json.hpp"

#include "net/api/json_fields.hpp"
#include "net/auth/crypto.hpp"

#include <array>
#include <optional>
#include <utility>

namespace bourse::net::api {

namespace {

constexpr std::int64_t max_client_order_id = (std::int64_t{1} << 53) - 1;

constexpr std::array<std::pair<side, std::string_view>, 2> sides = {
    {{side::buy, "BUY"}, {side::sell, "SELL"}}};
constexpr std::array<std::pair<order_type, std::string_view>, 4> types = {
    {{order_type::limit, "LIMIT"},
     {order_type::market, "MARKET"},
     {order_type::stop, "STOP"},
     {order_type::stop_limit, "STOP_LIMIT"}}};
constexpr std::array<std::pair<time_in_force, std::string_view>, 5> tifs = {{{time_in_force::gtc, "GTC"},
                                                                             {time_in_force::ioc, "IOC"},
                                                                             {time_in_force::fok, "FOK"},
                                                                             {time_in_force::gtd, "GTD"},
                                                                             {time_in_force::day, "DAY"}}};
constexpr std::array<std::pair<stp_mode, std::string_view>, 4> stps = {
    {{stp_mode::cancel_newest, "CANCEL_NEWEST"},
     {stp_mode::cancel_oldest, "CANCEL_OLDEST"},
     {stp_mode::cancel_both, "CANCEL_BOTH"},
     {stp_mode::decrement, "DECREMENT"}}};

template <class Enum, std::size_t N>
std::string_view name_of(const std::array<std::pair<Enum, std::string_view>, N>& names, Enum value) {
  for (auto [v, name] : names)
    if (v == value)
      return name;
  return {};
}

/// Reads an enum field by its wire name; fallback when absent and not required.
template <class Enum, std::size_t N>
Enum read_enum(json_fields& fields, std::string_view key,
               const std::array<std::pair<Enum, std::string_view>, N>& names, bool required, Enum fallback) {
  if (!required && !fields.has(key))
    return fallback;
  auto text = fields.text(key);
  for (auto [value, name] : names)
    if (name == text)
      return value;
  fields.fail(reason_code::malformed_request, std::string(key) + " has an unknown value");
  return fallback;
}

} // namespace

std::string_view wire_name(side s) noexcept {
  return name_of(sides, s);
}

std::string_view wire_name(order_type t) noexcept {
  return name_of(types, t);
}

std::string_view wire_name(time_in_force t) noexcept {
  return name_of(tifs, t);
}

std::string_view wire_name(stp_mode s) noexcept {
  return name_of(stps, s);
}

decoded_order decode_new_order(std::string_view body, const instrument_table& instruments) {
  json_fields fields(body, {"symbol", "side", "type", "price", "stop_price", "quantity", "time_in_force",
                            "expire_time", "post_only", "reduce_only", "display_quantity", "margin",
                            "stp_mode", "client_order_id"});
  decoded_order result;
  auto& o = result.order;
  o.symbol = fields.text("symbol");
  o.order_side = read_enum(fields, "side", sides, true, side::buy);
  o.type = read_enum(fields, "type", types, false, order_type::limit);
  bool priced = o.type == order_type::limit || o.type == order_type::stop_limit;
  bool stopped = o.type == order_type::stop || o.type == order_type::stop_limit;
  o.price = fields.integer("price", priced);
  o.stop_price = fields.integer("stop_price", stopped);
  o.qty = fields.integer("quantity");
  o.tif = read_enum(fields, "time_in_force", tifs, false, time_in_force::gtc);
  o.expire_time = fields.integer("expire_time", o.tif == time_in_force::gtd);
  o.post_only = fields.flag("post_only");
  o.reduce_only = fields.flag("reduce_only");
  o.display_qty = fields.integer("display_quantity", false);
  o.margin = fields.flag("margin");
  o.stp = read_enum(fields, "stp_mode", stps, false, stp_mode::cancel_newest);
  auto coid =
      fields.has("client_order_id") ? fields.integer("client_order_id") : random_id() & max_client_order_id;
  if (fields.ok() && (coid < 1 || coid > max_client_order_id))
    fields.fail(reason_code::malformed_request, "client_order_id must be in 1..2^53-1");
  o.client_order_id = static_cast<std::uint64_t>(coid);
  if (fields.ok()) {
    auto it = instruments.find(o.symbol);
    if (it == instruments.end())
      fields.fail(reason_code::unknown_symbol, "unknown symbol " + o.symbol);
    else if ((priced && o.price % it->second.tick_size != 0) ||
             (stopped && o.stop_price % it->second.tick_size != 0))
      fields.fail(reason_code::off_tick, "price is not a multiple of the tick size");
    else if (o.qty % it->second.lot_size != 0)
      fields.fail(reason_code::off_lot, "quantity is not a multiple of the lot size");
  }
  result.code = fields.code();
  result.message = fields.message();
  return result;
}

} // namespace bourse::net::api
