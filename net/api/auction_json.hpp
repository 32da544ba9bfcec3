#pragma once

#include "actors/auction/auction_messages.hpp"

#include <boost/json/object.hpp>

#include <string_view>

namespace bourse::net::api {

/// Wire form of a lot state: SCHEDULED, RUNNING, ENDED, CANCELLED.
std::string_view auction_state_name(auction_state s) noexcept;

/// A lot as REST and the WebSocket `state` event send it (docs/web.md): {id, title, description,
/// image_url, kind, symbol, quantity, item_ref, seller, start_price, increment, reserve_price,
/// duration_ms, status, start_time, end_time (ns), end_time_ms, high_bid (null before the first bid),
/// high_bidder, bid_count, min_next_bid, bids [{amount, bidder, time}], sold, winner, final_price,
/// reason, settled, settlement, item ({item_ref, owner} once an item lot's sale settled, else null),
/// server_time_ms}. Cents, account ids.
boost::json::object auction_json(const auction_record& record, timestamp_ns now);

/// True for an item lot sold and settled: its winner owns the item (the user_items row).
bool item_delivered(const auction_record& record) noexcept;

/// One entry of GET /api/v1/account/items: {lot_id, item_ref, title, description, image_url, price}.
boost::json::object owned_item_json(const auction_record& record);

/// The data of one channel event: bid {amount, bidder, end_time, end_time_ms, min_next_bid},
/// timer {remaining_ms, end_time, end_time_ms}, extended {end_time, end_time_ms}, ended {status,
/// sold, winner, final_price, reason, settlement}; every one with server_time_ms. STATE events are
/// sent as auction_json of the lot instead.
boost::json::object auction_event_json(const auction_event& event);

/// The channel message type of an event: "state", "bid", "timer", "extended", "ended".
std::string_view auction_event_name(auction_event_kind kind) noexcept;

} // namespace bourse::net::api
