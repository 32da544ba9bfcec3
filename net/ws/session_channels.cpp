#include "actors/runtime/errors.hpp"
#include "net/api/account_json.hpp"
#include "net/ws/order_feed.hpp"
#include "net/ws/session_state.hpp"
#include "net/ws/ws_json.hpp"

#include <boost/json/array.hpp>
#include <caf/typed_event_based_actor.hpp>

namespace bourse::net::ws {

void session_state::subscribe(const boost::json::value& id, const boost::json::object& op, bool add) {
  const auto* names = op.if_contains("channels");
  if (names == nullptr || !names->is_array())
    return reply_error(id, reason_code::malformed_request, "channels must be an array of strings");
  boost::json::array done;
  for (const auto& name : names->as_array()) {
    if (!name.is_string()) {
      reply_error(id, reason_code::malformed_request, "channels must be an array of strings");
      continue;
    }
    std::string text(name.as_string());
    if (!add) {
      remove_channel(text);
      done.push_back(name);
      continue;
    }
    auto parsed = parse_channel(text, cfg_.instruments->current());
    auto code = parsed.code != reason_code::none ? parsed.code : add_channel(parsed.value);
    if (code != reason_code::none)
      reply_error(id, code, text);
    else
      done.push_back(name);
  }
  push(result_frame(id, boost::json::object{{"channels", std::move(done)}}));
}

reason_code session_state::add_channel(const channel& ch) {
  if (channels_.count(ch.name) > 0)
    return reason_code::none;
  if (is_private(ch.kind) && !user_)
    return reason_code::unauthenticated;
  if (ch.kind == channel_kind::auction)
    return add_auction(ch);
  channels_.emplace(ch.name, channel_entry{ch});
  if (ch.kind == channel_kind::orders || ch.kind == channel_kind::account) {
    start_listening();
    poll_account();
  } else {
    self_->send(cfg_.fanout, fanout_join{ch, out_});
  }
  return reason_code::none;
}

void session_state::remove_channel(const std::string& name) {
  auto it = channels_.find(name);
  if (it == channels_.end())
    return;
  if (it->second.ch.kind == channel_kind::auction)
    remove_auction(it->second.ch);
  else if (!is_private(it->second.ch.kind))
    self_->send(cfg_.fanout, fanout_leave{name, out_});
  channels_.erase(it);
  if (!has_private()) {
    last_view_.reset();
    stop_listening();
  }
}

bool session_state::has_private() const {
  return channels_.count("orders") > 0 || channels_.count("account") > 0;
}

void session_state::start_listening() {
  if (listening_ || !user_)
    return;
  if (auto account = cfg_.where->account(user_->user)) {
    self_->send(account, bourse::atoms::subscribe::value, caf::actor_cast<account_listener>(self_));
    listening_ = true;
  }
}

void session_state::stop_listening() {
  if (!listening_)
    return;
  listening_ = false;
  if (auto account = cfg_.where->account(user_->user))
    self_->send(account, bourse::atoms::unsubscribe::value, caf::actor_cast<account_listener>(self_));
}

void session_state::on_fill(const fill_notice& fill) {
  for (auto& [name, entry] : channels_)
    if (entry.ch.kind == channel_kind::orders)
      push(channel_frame(name, "fill", ++entry.seq, fill_json(fill)));
}

void session_state::poll_account() {
  if (!user_ || !has_private())
    return;
  if (polling_) {
    repoll_ = true;
    return;
  }
  auto account = cfg_.where->account(user_->user);
  if (!account)
    return;
  polling_ = true;
  auto done = [this] {
    polling_ = false;
    if (std::exchange(repoll_, false))
      poll_account();
  };
  self_->request(account, cfg_.request_timeout, caf::get_atom::value, bourse::atoms::view::value)
      .then(
          [this, done](account_view& v) {
            apply_view(v);
            done();
          },
          [done](caf::error&) { done(); });
}

void session_state::apply_view(const account_view& v) {
  bool changed = !last_view_ || last_view_->state_hash != v.state_hash ||
                 last_view_->open_orders != v.open_orders || last_view_->cash_free != v.cash_free ||
                 last_view_->cash_reserved != v.cash_reserved;
  for (auto& [name, entry] : channels_) {
    if (entry.ch.kind == channel_kind::account && (!entry.ready || changed)) {
      push(channel_frame(name, entry.ready ? "account" : "snapshot", ++entry.seq, api::account_json(v)));
      entry.ready = true;
    } else if (entry.ch.kind == channel_kind::orders && !entry.ready) {
      boost::json::array orders;
      for (const auto& o : v.open_orders)
        orders.push_back(api::order_json(o));
      push(channel_frame(name, "snapshot", ++entry.seq, std::move(orders)));
      entry.ready = true;
    } else if (entry.ch.kind == channel_kind::orders && changed && last_view_) {
      for (auto& event : order_events(*last_view_, v))
        push(channel_frame(name, "order", ++entry.seq, std::move(event)));
    }
  }
  last_view_ = v;
}

} // namespace bourse::net::ws
