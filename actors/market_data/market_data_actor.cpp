#include "actors/market_data/market_data_actor.hpp"

#include <caf/actor_cast.hpp>
#include <caf/mailbox_element.hpp>
#include <caf/make_message.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/common/checked_math.hpp"
#include "actors/market_data/depth_diff.hpp"
#include "persistence/journal_link.hpp"

namespace bourse {
namespace {

constexpr timestamp_ns ns_per_day = 86'400LL * 1'000'000'000LL;

l2_snapshot make_snapshot(const market_data_state& st) {
  return l2_snapshot{st.symbol, st.md_seq, st.bids, st.asks};
}

ticker make_ticker(const market_data_state& st) {
  top_of_book top;
  if (!st.bids.empty()) {
    top.bid_price = st.bids.front().price;
    top.bid_qty = st.bids.front().qty;
  }
  if (!st.asks.empty()) {
    top.ask_price = st.asks.front().price;
    top.ask_qty = st.asks.front().qty;
  }
  return ticker{st.symbol, top, st.day.last, st.day.volume};
}

class md_shell {
public:
  md_shell(market_data_actor::pointer self, std::shared_ptr<market_data_state> state, persistence_actor store)
      : self_(self), st_(std::move(state)), journal_(self, std::move(store), "market data " + st_->symbol) {
    // nop
  }

  static market_data_actor::behavior_type behavior(std::shared_ptr<md_shell> s) {
    for (const auto& h : s->st_->subscribers.handles())
      s->self_->monitor(h);
    s->self_->set_down_handler([s](caf::down_msg& msg) {
      for (const auto& h : s->st_->subscribers.handles())
        if (h.address() == msg.source)
          s->st_->subscribers.remove(h);
    });
    return {
        [s](atoms::update, const md_update& u) { s->apply(u); },
        [s](atoms::subscribe, const md_subscriber& sub) {
          if (s->st_->subscribers.add(sub))
            s->self_->monitor(sub);
          return make_snapshot(*s->st_);
        },
        [s](atoms::unsubscribe, const md_subscriber& sub) {
          if (s->st_->subscribers.remove(sub))
            s->self_->demonitor(sub.address());
        },
        [s](atoms::credit, const md_subscriber& sub, std::uint64_t n) {
          if (!s->st_->subscribers.credit(sub, n))
            return;
          s->st_->subscribers.sent_snapshot(sub);
          s->self_->send(sub, make_snapshot(*s->st_));
        },
        [s](caf::get_atom, atoms::snapshot) { return make_snapshot(*s->st_); },
        [s](caf::get_atom, atoms::candles, std::int64_t interval_s) {
          for (const auto& series : s->st_->series)
            if (series.interval_s() == interval_s)
              return series.candles();
          return std::vector<candle>{};
        },
        [s](caf::get_atom, atoms::summary) { return s->st_->day; },
    };
  }

private:
  void apply(const md_update& u) {
    auto& st = *st_;
    std::vector<candle> closed;
    for (const auto& t : u.trades) {
      record_trade(st, t, closed);
      publish(caf::make_message(t));
    }
    std::vector<level_change> changes;
    depth_diff(side::buy, st.bids, u.bids, changes);
    depth_diff(side::sell, st.asks, u.asks, changes);
    if (!changes.empty()) {
      st.bids = u.bids;
      st.asks = u.asks;
      publish(caf::make_message(l2_delta{st.symbol, ++st.md_seq, std::move(changes)}));
    }
    if (st.md_seq > 0 || !u.trades.empty())
      publish(caf::make_message(make_ticker(st)));
    for (const auto& c : closed)
      publish(caf::make_message(c));
    if (!closed.empty() && journal_) {
      persist_request request;
      request.symbol = st.symbol;
      request.candles = std::move(closed);
      journal_.send(std::move(request), [](bool) {
        // nop: the link logs a failed write; the candles stay in memory and in the executions
      });
    }
  }

  /// Sends one message, built once, to every subscriber that has credit.
  void publish(const caf::message& msg) {
    for (const auto& h : st_->subscribers.handles()) {
      switch (st_->subscribers.offer(h)) {
      case delivery::send:
        h->enqueue(caf::make_mailbox_element(self_->ctrl(), caf::make_message_id(), {}, msg),
                   self_->context());
        break;
      case delivery::withhold:
        break;
      case delivery::drop:
        self_->demonitor(h.address());
        self_->send(h, atoms::dropped::value, st_->symbol);
        break;
      }
    }
  }

  market_data_actor::pointer self_;
  std::shared_ptr<market_data_state> st_;
  journal_link<market_data_actor::pointer> journal_; ///< closed candles -> `candles` table
};

} // namespace

timestamp_ns utc_day_start(timestamp_ns time) noexcept {
  return time - ((time % ns_per_day) + ns_per_day) % ns_per_day;
}

void record_trade(market_data_state& st, const trade_print& t, std::vector<candle>& closed) {
  const timestamp_ns day_start = utc_day_start(t.time);
  auto& d = st.day;
  if (d.trades == 0 || day_start != st.day_start) {
    st.day_start = day_start;
    d = daily_summary{st.symbol, t.price, t.price, t.price, t.price, 0, 0, 0};
  }
  d.high = std::max(d.high, t.price);
  d.low = std::min(d.low, t.price);
  d.last = t.price;
  d.volume += t.qty;
  d.notional = checked_add(d.notional, checked_notional(t.price, t.qty).value_or(0)).value_or(d.notional);
  ++d.trades;
  for (auto& series : st.series)
    if (auto c = series.add(t.time, t.price, t.qty))
      closed.push_back(std::move(*c));
}

market_data_state::market_data_state(std::string sym, credit_policy policy, std::size_t candle_history)
    : symbol(std::move(sym)), subscribers(policy) {
  for (auto interval : candle_intervals_s)
    series.emplace_back(symbol, interval, candle_history);
}

market_data_actor spawn_market_data(caf::actor_system& sys, std::shared_ptr<market_data_state> state,
                                    persistence_actor store) {
  // State as a spawn argument: CAF 0.17 spawns argument-less function actors through a null tuple.
  return sys.spawn(
      [](market_data_actor::pointer self, std::shared_ptr<market_data_state> st, persistence_actor journal) {
        return md_shell::behavior(std::make_shared<md_shell>(self, std::move(st), std::move(journal)));
      },
      std::move(state), std::move(store));
}

} // namespace bourse
