#pragma once

#include "actors/runtime/md_messages.hpp"
#include "actors/runtime/order_messages.hpp"

#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

/// The JSON frames a session sends (docs/web.md, docs/api.md): channel messages
/// {channel, type, seq?, data}, replies {id, type:"result", data} and {id, type:"error", code,
/// message}. Prices cents, quantities shares, times ns UTC.
namespace bourse::net::ws {

/// A channel message; seq omitted when absent.
std::string channel_frame(std::string_view channel, std::string_view type, std::optional<std::uint64_t> seq,
                          boost::json::value data);

/// A successful reply to request id (a JSON value the client chose; null when it sent none).
std::string result_frame(const boost::json::value& id, boost::json::value data);

/// An error reply to request id (null for errors about no particular request).
std::string error_frame(const boost::json::value& id, reason_code code, std::string_view message = {});

/// A frame with only a type and the server time: pong, heartbeat.
std::string bare_frame(std::string_view type, std::int64_t server_time_ms);

/// {bids, asks} of {price, qty, orders}.
boost::json::value book_json(const l2_snapshot& snap);

/// {changes: [{side: BUY|SELL, price, qty, orders}]}.
boost::json::value delta_json(const l2_delta& delta);

/// {symbol, price, qty, aggressor: BUY|SELL, time}.
boost::json::value trade_json(const trade_print& t);

/// {symbol, last, volume, reference_price, bid, bid_qty, ask, ask_qty}.
boost::json::value ticker_json(const ticker& t, cents reference_price);

/// {open_time, open, high, low, close, volume}.
boost::json::value candle_json(const candle& c);

/// {order_id, client_order_id, symbol} of an accepted order op.
boost::json::value order_result_json(const order_result& r);

} // namespace bourse::net::ws
