#include "actors/runtime/errors.hpp"
#include "net/api/account_json.hpp"
#include "net/ws/order_feed.hpp"
#include "net/ws/session_state.hpp"
#include "net/ws/ws_json.hpp"

#include <boost/json/array.hpp>
#include <caf/typed_event_based_actor.hpp>

namespace bourse::net::ws {

namespace {

constexpr std::string_view ticker_channel = "ticker";

} // namespace

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
    auto parsed = parse_channel(text, *cfg_.instruments);
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
  switch (ch.kind) {
  case channel_kind::book:
    if (add_feed(ch.symbol, ch.name))
      request_book(ch.symbol);
    break;
  case channel_kind::trades:
    add_feed(ch.symbol, ch.name);
    channels_.at(ch.name).ready = true;
    push(channel_frame(ch.name, "snapshot", 0, boost::json::array{}));
    break;
  case channel_kind::candles:
    add_feed(ch.symbol, ch.name);
    request_candles(ch);
    break;
  case channel_kind::ticker:
    for (const auto& [symbol, inst] : *cfg_.instruments)
      add_feed(symbol, ch.name);
    request_tickers();
    break;
  case channel_kind::orders:
  case channel_kind::account:
    start_listening();
    poll_account();
    break;
  case channel_kind::auction:
    break;
  }
  return reason_code::none;
}

void session_state::remove_channel(const std::string& name) {
  auto it = channels_.find(name);
  if (it == channels_.end())
    return;
  if (it->second.ch.kind == channel_kind::auction) {
    remove_auction(it->second.ch);
  } else if (it->second.ch.kind == channel_kind::ticker) {
    for (const auto& [symbol, inst] : *cfg_.instruments)
      remove_feed(symbol, name);
  } else if (!it->second.ch.symbol.empty()) {
    remove_feed(it->second.ch.symbol, name);
  }
  channels_.erase(it);
  if (!has_private()) {
    last_view_.reset();
    stop_listening();
  }
}

bool session_state::add_feed(const std::string& symbol, const std::string& channel_name) {
  auto& feed = feeds_[symbol];
  bool existed = !feed.channels.empty();
  feed.channels.insert(channel_name);
  if (existed)
    return true;
  feed.md = cfg_.where->market_data(symbol);
  if (!feed.md)
    return false;
  self_
      ->request(feed.md, cfg_.request_timeout, bourse::atoms::subscribe::value,
                caf::actor_cast<md_subscriber>(self_))
      .then([this](l2_snapshot& snap) { on_snapshot(snap, false); },
            [this, symbol](caf::error& err) { reply_error(nullptr, to_reason(err), symbol); });
  return false;
}

void session_state::remove_feed(const std::string& symbol, const std::string& channel_name) {
  auto it = feeds_.find(symbol);
  if (it == feeds_.end())
    return;
  it->second.channels.erase(channel_name);
  if (!it->second.channels.empty())
    return;
  if (it->second.md)
    self_->send(it->second.md, bourse::atoms::unsubscribe::value, caf::actor_cast<md_subscriber>(self_));
  feeds_.erase(it);
}

void session_state::credit(const std::string& symbol) {
  auto it = feeds_.find(symbol);
  if (it != feeds_.end() && it->second.md)
    self_->send(it->second.md, bourse::atoms::credit::value, caf::actor_cast<md_subscriber>(self_),
                std::uint64_t{1});
}

void session_state::request_book(const std::string& symbol) {
  auto it = feeds_.find(symbol);
  if (it == feeds_.end() || !it->second.md)
    return;
  self_->request(it->second.md, cfg_.request_timeout, caf::get_atom::value, bourse::atoms::snapshot::value)
      .then([this](l2_snapshot& snap) { on_snapshot(snap, false); },
            [this, symbol](caf::error& err) { reply_error(nullptr, to_reason(err), symbol); });
}

void session_state::request_candles(const channel& ch) {
  auto md = cfg_.where->market_data(ch.symbol);
  self_->request(md, cfg_.request_timeout, caf::get_atom::value, bourse::atoms::candles::value, ch.interval_s)
      .then(
          [this, name = ch.name](std::vector<candle>& cs) {
            auto it = channels_.find(name);
            if (it == channels_.end() || it->second.ready)
              return;
            boost::json::array data;
            for (const auto& c : cs)
              data.push_back(candle_json(c));
            it->second.ready = true;
            push(channel_frame(name, "snapshot", 0, std::move(data)));
          },
          [this, name = ch.name](caf::error& err) { reply_error(nullptr, to_reason(err), name); });
}

void session_state::request_tickers() {
  for (const auto& [symbol, inst] : *cfg_.instruments) {
    auto md = cfg_.where->market_data(symbol);
    if (!md)
      continue;
    self_->request(md, cfg_.request_timeout, caf::get_atom::value, bourse::atoms::summary::value)
        .then(
            [this, symbol = symbol](daily_summary& day) {
              auto it = channels_.find(std::string(ticker_channel));
              if (it == channels_.end())
                return;
              it->second.ready = true;
              ticker t{symbol, {}, day.last, day.volume};
              push(channel_frame(ticker_channel, "ticker", ++it->second.seq,
                                 ticker_json(t, reference_price(symbol))));
            },
            [](caf::error&) { /* nop: the next ticker event fills the gap */ });
  }
}

cents session_state::reference_price(const std::string& symbol) const {
  if (auto price = cfg_.where->reference_price(symbol); price != 0)
    return price;
  auto it = cfg_.instruments->find(symbol);
  return it == cfg_.instruments->end() ? 0 : it->second.reference_price;
}

void session_state::on_snapshot(const l2_snapshot& snap, bool forced) {
  if (forced)
    credit(snap.symbol);
  for (auto& [name, entry] : channels_) {
    if (entry.ch.kind != channel_kind::book || entry.ch.symbol != snap.symbol)
      continue;
    if (!forced && entry.ready && !entry.stale)
      continue;
    entry.seq = snap.md_seq;
    entry.ready = true;
    entry.stale = false;
    entry.resyncing = false;
    push(channel_frame(name, "snapshot", snap.md_seq, book_json(snap)));
  }
}

void session_state::on_delta(const l2_delta& delta) {
  credit(delta.symbol);
  for (auto& [name, entry] : channels_) {
    if (entry.ch.kind != channel_kind::book || entry.ch.symbol != delta.symbol || !entry.ready ||
        entry.stale || delta.md_seq <= entry.seq)
      continue;
    if (delta.md_seq != entry.seq + 1 || out_->queued_messages() >= cfg_.conflate_after_messages) {
      entry.stale = true;
      continue;
    }
    entry.seq = delta.md_seq;
    push(channel_frame(name, "delta", delta.md_seq, delta_json(delta)));
  }
}

void session_state::on_trade(const trade_print& trade) {
  credit(trade.symbol);
  for (auto& [name, entry] : channels_)
    if (entry.ch.kind == channel_kind::trades && entry.ch.symbol == trade.symbol)
      push(channel_frame(name, "trade", ++entry.seq, trade_json(trade)));
}

void session_state::on_ticker(const ticker& t) {
  credit(t.symbol);
  auto it = channels_.find(std::string(ticker_channel));
  if (it != channels_.end())
    push(
        channel_frame(ticker_channel, "ticker", ++it->second.seq, ticker_json(t, reference_price(t.symbol))));
}

void session_state::on_candle(const candle& c) {
  credit(c.symbol);
  for (auto& [name, entry] : channels_)
    if (entry.ch.kind == channel_kind::candles && entry.ch.symbol == c.symbol &&
        entry.ch.interval_s == c.interval_s && entry.ready)
      push(channel_frame(name, "candle", ++entry.seq, candle_json(c)));
}

void session_state::on_dropped(const std::string& symbol) {
  // The market-data actor removed this slow subscriber: subscribe again; book channels resync from
  // the snapshot that answers.
  auto it = feeds_.find(symbol);
  if (it == feeds_.end())
    return;
  auto names = it->second.channels;
  feeds_.erase(it);
  for (auto& [name, entry] : channels_)
    if (entry.ch.kind == channel_kind::book && entry.ch.symbol == symbol)
      entry.stale = true;
  for (const auto& name : names)
    add_feed(symbol, name);
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
