// libFuzzer target for decode_new_order (POST /orders and the WebSocket order.new body): any input
// decodes without a crash, throw or sanitizer report; a rejection carries one of the decoder's reason
// codes and a message; an accepted order keeps the symbol, tick, lot and client_order_id rules, and
// its re-encoding (integers as JSON numbers, then as decimal strings) decodes to the same order.
#include "net/api/order_json.hpp"

#include "tests/fuzz/fuzz_support.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <tuple>

namespace {

using namespace bourse;
using bourse::fuzz::instruments;
using bourse::fuzz::require;
using net::api::decode_new_order;
using net::api::decoded_order;
using net::api::wire_name;

constexpr std::int64_t max_client_order_id = (std::int64_t{1} << 53) - 1;

auto fields_of(const new_order& o) {
  return std::tie(o.client_order_id, o.symbol, o.order_side, o.type, o.tif, o.price, o.stop_price, o.qty,
                  o.display_qty, o.expire_time, o.post_only, o.reduce_only, o.margin, o.stp);
}

/// The order as a request body with every field; integers as JSON numbers or as decimal strings.
std::string encode(const new_order& o, bool integers_as_text) {
  auto integer = [integers_as_text](std::int64_t v) {
    return integers_as_text ? boost::json::value(std::to_string(v)) : boost::json::value(v);
  };
  boost::json::object body{{"symbol", o.symbol},
                           {"side", wire_name(o.order_side)},
                           {"type", wire_name(o.type)},
                           {"price", integer(o.price)},
                           {"stop_price", integer(o.stop_price)},
                           {"quantity", integer(o.qty)},
                           {"time_in_force", wire_name(o.tif)},
                           {"expire_time", integer(o.expire_time)},
                           {"post_only", o.post_only},
                           {"reduce_only", o.reduce_only},
                           {"display_quantity", integer(o.display_qty)},
                           {"margin", o.margin},
                           {"stp_mode", wire_name(o.stp)},
                           {"client_order_id", integer(static_cast<std::int64_t>(o.client_order_id))}};
  return boost::json::serialize(body);
}

void check_rejection(const decoded_order& d) {
  require(d.code == reason_code::malformed_request || d.code == reason_code::unknown_symbol ||
              d.code == reason_code::off_tick || d.code == reason_code::off_lot,
          "a rejection uses one of the decoder's reason codes");
  require(!d.message.empty(), "a rejection has a message");
}

void check_accepted(const new_order& o) {
  auto it = instruments().find(o.symbol);
  require(it != instruments().end(), "an accepted symbol is listed");
  const auto& inst = it->second;
  bool priced = o.type == order_type::limit || o.type == order_type::stop_limit;
  bool stopped = o.type == order_type::stop || o.type == order_type::stop_limit;
  require(!priced || o.price % inst.tick_size == 0, "an accepted price is on the tick");
  require(!stopped || o.stop_price % inst.tick_size == 0, "an accepted stop price is on the tick");
  require(o.qty % inst.lot_size == 0, "an accepted quantity is on the lot");
  require(o.client_order_id >= 1 && o.client_order_id <= static_cast<std::uint64_t>(max_client_order_id),
          "an accepted client_order_id is in 1..2^53-1");
  require(!wire_name(o.order_side).empty() && !wire_name(o.type).empty() && !wire_name(o.tif).empty() &&
              !wire_name(o.stp).empty(),
          "accepted enums have wire names");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view body(reinterpret_cast<const char*>(data), size);
  auto decoded = decode_new_order(body, instruments());
  if (decoded.code != reason_code::none) {
    check_rejection(decoded);
    return 0;
  }
  require(decoded.message.empty(), "an accepted order has no message");
  check_accepted(decoded.order);
  for (bool integers_as_text : {false, true}) {
    auto again = decode_new_order(encode(decoded.order, integers_as_text), instruments());
    require(again.code == reason_code::none, "a re-encoded order is accepted");
    require(fields_of(again.order) == fields_of(decoded.order),
            "a re-encoded order decodes to the same order");
  }
  return 0;
}
