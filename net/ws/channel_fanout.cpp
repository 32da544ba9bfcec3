#include "net/ws/channel_fanout.hpp"

#include "net/ws/ws_json.hpp"

#include <boost/json/array.hpp>

namespace bourse::net::ws {

namespace {

constexpr std::string_view ticker_channel = "ticker";

std::string candle_channel(const std::string& symbol, std::int64_t interval_s) {
  return "candles." + symbol + "." + std::string(interval_name(interval_s));
}

} // namespace

channel_fanout::fetch channel_fanout::add(const channel& ch, std::shared_ptr<ws_outbox> out) {
  auto& state = channels_[ch.name];
  state.ch = ch;
  const auto* key = out.get();
  auto [entry, added] = state.subscribers.try_emplace(key, subscriber{std::move(out)});
  if (!added)
    return fetch::nothing;
  auto& sub = entry->second;
  sub.lane = sub.out->lane().get();
  const auto needed = subscribe(state, sub);
  flush();
  return needed;
}

channel_fanout::fetch channel_fanout::subscribe(channel_state& state, subscriber& sub) {
  const auto& ch = state.ch;
  switch (ch.kind) {
  case channel_kind::trades:
    sub.ready = true;
    send(sub, make_frame(channel_frame(ch.name, "snapshot", state.seq, boost::json::array{})));
    return fetch::nothing;
  case channel_kind::ticker:
    send_ticker_snapshot(state, sub);
    return fetch::nothing;
  case channel_kind::book:
  case channel_kind::candles:
    if (std::exchange(state.fetching, true))
      return fetch::nothing;
    return ch.kind == channel_kind::book ? fetch::book : fetch::candles;
  default:
    return fetch::nothing;
  }
}

void channel_fanout::remove(const std::string& name, const ws_outbox* out) {
  if (auto* ch = find(name))
    ch->subscribers.erase(out);
}

void channel_fanout::remove_all(const ws_outbox* out) {
  for (auto& [name, ch] : channels_)
    ch.subscribers.erase(out);
}

void channel_fanout::on_book(const l2_snapshot& snap) {
  auto* ch = find("book." + snap.symbol);
  if (ch == nullptr)
    return;
  ch->fetching = false;
  if (!ch->synced || snap.md_seq != ch->seq)
    for (auto& [key, sub] : ch->subscribers)
      sub.stale = sub.ready;
  ch->synced = true;
  ch->seq = snap.md_seq;
  shared_frame frame;
  for (auto& [key, sub] : ch->subscribers) {
    if (sub.ready && !(sub.stale && sub.out->drained(bounds_)))
      continue;
    if (!frame)
      frame = make_frame(channel_frame(ch->ch.name, "snapshot", snap.md_seq, book_json(snap)));
    sub.ready = true;
    sub.stale = false;
    send(sub, frame);
  }
  flush();
}

void channel_fanout::on_delta(const l2_delta& delta) {
  auto* ch = find("book." + delta.symbol);
  if (ch == nullptr || !ch->synced || delta.md_seq <= ch->seq)
    return;
  if (delta.md_seq != ch->seq + 1) {
    ch->synced = false; // lost upstream: everyone resyncs from the next snapshot
    for (auto& [key, sub] : ch->subscribers)
      sub.stale = sub.ready;
    return;
  }
  ch->seq = delta.md_seq;
  shared_frame frame;
  for (auto& [key, sub] : ch->subscribers) {
    if (!sub.ready || sub.stale)
      continue;
    if (sub.out->queued_messages() >= bounds_.conflate_after_messages) {
      sub.stale = true;
      continue;
    }
    if (!frame)
      frame = make_frame(channel_frame(ch->ch.name, "delta", delta.md_seq, delta_json(delta)));
    send(sub, frame);
  }
  flush();
}

template <class Build>
void channel_fanout::broadcast(channel_state& ch, Build build) {
  ++ch.seq;
  shared_frame frame;
  for (auto& [key, sub] : ch.subscribers) {
    if (!sub.ready)
      continue;
    if (!frame)
      frame = make_frame(build(ch.seq));
    send(sub, frame);
  }
  flush();
}

void channel_fanout::on_trade(const trade_print& trade) {
  if (auto* ch = find("trades." + trade.symbol))
    broadcast(*ch,
              [&](std::uint64_t seq) { return channel_frame(ch->ch.name, "trade", seq, trade_json(trade)); });
}

void channel_fanout::on_ticker(const ticker& t, cents reference_price) {
  tickers_.insert_or_assign(t.symbol, last_ticker{t, reference_price});
  if (auto* ch = find(std::string(ticker_channel)))
    broadcast(*ch, [&](std::uint64_t seq) {
      return channel_frame(ticker_channel, "ticker", seq, ticker_json(t, reference_price));
    });
}

void channel_fanout::send_ticker_snapshot(channel_state& ch, subscriber& sub) {
  sub.ready = true;
  for (const auto& [symbol, last] : tickers_)
    send(sub, make_frame(channel_frame(ticker_channel, "ticker", ch.seq,
                                       ticker_json(last.value, last.reference_price))));
}

void channel_fanout::on_candle(const candle& c) {
  if (auto* ch = find(candle_channel(c.symbol, c.interval_s)))
    broadcast(*ch,
              [&](std::uint64_t seq) { return channel_frame(ch->ch.name, "candle", seq, candle_json(c)); });
}

void channel_fanout::on_candles(const std::string& name, const std::vector<candle>& history) {
  auto* ch = find(name);
  if (ch == nullptr)
    return;
  ch->fetching = false;
  shared_frame frame;
  for (auto& [key, sub] : ch->subscribers) {
    if (sub.ready)
      continue;
    if (!frame) {
      boost::json::array data;
      for (const auto& c : history)
        data.push_back(candle_json(c));
      frame = make_frame(channel_frame(name, "snapshot", ch->seq, std::move(data)));
    }
    sub.ready = true;
    send(sub, frame);
  }
  flush();
}

void channel_fanout::on_fetch_failed(const std::string& name, reason_code code) {
  auto* ch = find(name);
  if (ch == nullptr)
    return;
  ch->fetching = false;
  for (auto& [key, sub] : ch->subscribers)
    if (!sub.ready)
      send(sub, make_frame(error_frame(nullptr, code, name)));
  flush();
}

void channel_fanout::send(subscriber& sub, shared_frame frame) {
  pending_[sub.lane].push_back(delivery{sub.out, std::move(frame)});
}

void channel_fanout::flush() {
  for (auto& [key, batch] : pending_) {
    if (batch.empty())
      continue;
    auto lane = key == nullptr ? nullptr : batch.front().out->lane();
    if (!lane) {
      for (const auto& d : batch)
        d.out->offer(d.frame, bounds_);
      batch.clear();
      continue;
    }
    const auto size = batch.size();
    lane->run([batch = std::exchange(batch, {}), bounds = bounds_] {
      for (const auto& d : batch)
        d.out->offer(d.frame, bounds);
    });
    batch.reserve(size);
  }
}

std::vector<std::string> channel_fanout::resyncs_due() {
  std::vector<std::string> due;
  for (auto& [name, ch] : channels_) {
    if (ch.ch.kind != channel_kind::book || ch.fetching || ch.subscribers.empty())
      continue;
    bool waiting = !ch.synced;
    for (auto& [key, sub] : ch.subscribers)
      waiting = waiting || (sub.stale && sub.out->drained(bounds_));
    if (!waiting)
      continue;
    ch.fetching = true;
    due.push_back(ch.ch.symbol);
  }
  return due;
}

std::size_t channel_fanout::subscriptions() const noexcept {
  std::size_t n = 0;
  for (const auto& [name, ch] : channels_)
    n += ch.subscribers.size();
  return n;
}

channel_fanout::channel_state* channel_fanout::find(const std::string& name) {
  auto it = channels_.find(name);
  return it == channels_.end() ? nullptr : &it->second;
}

} // namespace bourse::net::ws
