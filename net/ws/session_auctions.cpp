#include "net/api/auction_json.hpp"
#include "net/ws/session_state.hpp"
#include "net/ws/ws_json.hpp"

#include "actors/runtime/errors.hpp"

#include <caf/typed_event_based_actor.hpp>

namespace bourse::net::ws {

reason_code session_state::add_auction(const channel& ch) {
  auto lot = cfg_.auction_lookup ? cfg_.auction_lookup(ch.auction) : auction_actor{};
  if (!lot)
    return reason_code::not_found;
  channels_.emplace(ch.name, channel_entry{ch});
  auctions_[ch.auction] = auction_feed{ch.name, lot, std::nullopt};
  // Read the whole lot first, then join: its STATE and every later event follow the record.
  self_->request(lot, cfg_.request_timeout, caf::get_atom::value, bourse::atoms::snapshot::value)
      .then(
          [this, id = ch.auction](auction_record& record) {
            auto it = auctions_.find(id);
            if (it == auctions_.end())
              return; // left meanwhile
            it->second.record = std::move(record);
            self_->send(it->second.lot, bourse::atoms::subscribe::value,
                        caf::actor_cast<auction_subscriber>(self_));
          },
          [this, id = ch.auction, name = ch.name](caf::error& err) {
            auctions_.erase(id);
            channels_.erase(name);
            push(error_frame(boost::json::value(nullptr), to_reason(err), name));
          });
  return reason_code::none;
}

void session_state::remove_auction(const channel& ch) {
  auto it = auctions_.find(ch.auction);
  if (it == auctions_.end())
    return;
  self_->send(it->second.lot, bourse::atoms::unsubscribe::value, caf::actor_cast<auction_subscriber>(self_));
  auctions_.erase(it);
}

void session_state::on_auction_event(const auction_event& e) {
  auto it = auctions_.find(e.lot);
  if (it == auctions_.end() || !it->second.record)
    return;
  const auto& name = it->second.channel_name;
  if (e.kind != auction_event_kind::state)
    return push(channel_frame(name, api::auction_event_name(e.kind), e.seq, api::auction_event_json(e)));
  // The record read at join time, brought up to the event (which is newer).
  auto lot = api::auction_json(*it->second.record, e.time);
  auto now = api::auction_event_json(e);
  lot["status"] = api::auction_state_name(e.state);
  lot["bid_count"] = e.bid_count;
  lot["min_next_bid"] = e.min_next_bid;
  lot["end_time"] = now["end_time"];
  lot["end_time_ms"] = now["end_time_ms"];
  if (e.bid_count > 0) {
    lot["high_bid"] = e.high_price;
    lot["high_bidder"] = e.high_bidder;
  }
  push(channel_frame(name, "state", e.seq, std::move(lot)));
}

} // namespace bourse::net::ws
