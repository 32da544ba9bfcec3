#include "net/api/auction_json.hpp"

#include "actors/auction/auction_rules.hpp"

#include <boost/json/array.hpp>

namespace bourse::net::api {

namespace {

constexpr timestamp_ns ns_per_ms = 1'000'000;

/// The ended fields shared by the lot and the ENDED event.
void put_result(boost::json::object& out, const auction_result& r) {
  out["sold"] = r.sold;
  out["winner"] = r.winner;
  out["final_price"] = r.price;
  out["reason"] = to_string(r.reason);
}

} // namespace

std::string_view auction_state_name(auction_state s) noexcept {
  switch (s) {
  case auction_state::scheduled:
    return "SCHEDULED";
  case auction_state::running:
    return "RUNNING";
  case auction_state::ended:
    return "ENDED";
  case auction_state::cancelled:
    return "CANCELLED";
  }
  return "SCHEDULED";
}

std::string_view auction_event_name(auction_event_kind kind) noexcept {
  switch (kind) {
  case auction_event_kind::state:
    return "state";
  case auction_event_kind::bid:
    return "bid";
  case auction_event_kind::timer:
    return "timer";
  case auction_event_kind::extended:
    return "extended";
  case auction_event_kind::ended:
    return "ended";
  }
  return "state";
}

boost::json::object auction_json(const auction_record& record, timestamp_ns now) {
  const auto& lot = record.lot;
  boost::json::array bids;
  for (const auto& b : record.bids)
    bids.push_back({{"amount", b.price}, {"bidder", b.bidder}, {"time", b.time}});
  boost::json::object out{{"id", lot.id},
                          {"title", lot.title},
                          {"description", lot.description},
                          {"image_url", lot.image_url},
                          {"kind", lot.kind == lot_kind::shares ? "shares" : "item"},
                          {"symbol", lot.symbol},
                          {"quantity", lot.qty},
                          {"item_ref", lot.item_ref},
                          {"seller", lot.seller},
                          {"start_price", lot.start_price},
                          {"increment", lot.increment},
                          {"reserve_price", lot.reserve_price},
                          {"duration_ms", lot.duration_ns / ns_per_ms},
                          {"status", auction_state_name(record.state)},
                          {"start_time", record.start_time},
                          {"end_time", record.end_time},
                          {"end_time_ms", record.end_time / ns_per_ms},
                          {"bid_count", record.bids.size()},
                          {"min_next_bid", auction_rules(record).min_next_bid()},
                          {"bids", std::move(bids)},
                          {"server_time_ms", now / ns_per_ms}};
  if (record.bids.empty()) {
    out["high_bid"] = nullptr;
    out["high_bidder"] = nullptr;
  } else {
    out["high_bid"] = record.bids.back().price;
    out["high_bidder"] = record.bids.back().bidder;
  }
  put_result(out, record.result);
  out["settled"] = record.settled;
  out["settlement"] = to_string(record.settlement);
  if (item_delivered(record))
    out["item"] = {{"item_ref", lot.item_ref}, {"owner", record.result.winner}};
  else
    out["item"] = nullptr;
  return out;
}

bool item_delivered(const auction_record& record) noexcept {
  return record.lot.kind == lot_kind::item && record.result.sold && record.settled &&
         record.settlement == reason_code::none;
}

boost::json::object owned_item_json(const auction_record& record) {
  const auto& lot = record.lot;
  return {{"lot_id", lot.id},           {"item_ref", lot.item_ref},
          {"title", lot.title},         {"description", lot.description},
          {"image_url", lot.image_url}, {"price", record.result.price}};
}

boost::json::object auction_event_json(const auction_event& e) {
  boost::json::object out{{"lot", e.lot}, {"server_time_ms", e.time / ns_per_ms}};
  switch (e.kind) {
  case auction_event_kind::bid:
    out["amount"] = e.high_price;
    out["bidder"] = e.high_bidder;
    out["min_next_bid"] = e.min_next_bid;
    break;
  case auction_event_kind::timer:
    out["remaining_ms"] = e.remaining_ns / ns_per_ms;
    break;
  case auction_event_kind::ended:
    out["status"] = auction_state_name(e.state);
    put_result(out, e.result);
    out["settlement"] = to_string(e.settlement);
    break;
  case auction_event_kind::state:
  case auction_event_kind::extended:
    break;
  }
  out["end_time"] = e.end_time;
  out["end_time_ms"] = e.end_time / ns_per_ms;
  return out;
}

} // namespace bourse::net::api
