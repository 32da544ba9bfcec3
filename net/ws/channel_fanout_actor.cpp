#include "net/ws/channel_fanout_actor.hpp"

#include "actors/runtime/errors.hpp"
#include "net/ws/channel_fanout.hpp"

#include <caf/typed_event_based_actor.hpp>

#include <set>

namespace bourse::net::ws {

namespace {

class fanout_shell {
public:
  fanout_shell(fanout_actor::pointer self, fanout_config cfg)
      : self_(self), cfg_(std::move(cfg)), fan_(cfg_.bounds) {
    // nop
  }

  static fanout_actor::behavior_type behavior(std::shared_ptr<fanout_shell> s) {
    s->self_->delayed_send(s->self_, s->cfg_.tick, atoms::tick::value);
    return {
        [s](const l2_snapshot& snap) {
          s->credit();
          s->fan_.on_book(snap);
        },
        [s](const l2_delta& delta) {
          s->credit();
          s->fan_.on_delta(delta);
        },
        [s](const trade_print& t) {
          s->credit();
          s->fan_.on_trade(t);
        },
        [s](const ticker& t) {
          s->credit();
          s->fan_.on_ticker(t, s->reference_price(t.symbol));
        },
        [s](const candle& c) {
          s->credit();
          s->fan_.on_candle(c);
        },
        [s](bourse::atoms::dropped, const std::string& symbol) {
          // Dropped as a slow subscriber: subscribe again; the snapshot that answers resyncs books.
          s->feeds_.erase(symbol);
          s->ensure_feed(symbol);
        },
        [s](const fanout_join& j) { s->join(j); },
        [s](const fanout_leave& l) {
          if (l.name.empty())
            s->fan_.remove_all(l.out.get());
          else
            s->fan_.remove(l.name, l.out.get());
        },
        [s](atoms::tick) {
          if (s->follow_all_)
            s->ensure_all_feeds();
          for (const auto& symbol : s->fan_.resyncs_due())
            s->fetch_book(symbol);
          s->self_->delayed_send(s->self_, s->cfg_.tick, atoms::tick::value);
        },
    };
  }

private:
  void join(const fanout_join& j) {
    if (j.ch.kind == channel_kind::ticker) {
      follow_all_ = true;
      ensure_all_feeds();
    } else {
      ensure_feed(j.ch.symbol);
    }
    switch (fan_.add(j.ch, j.out)) {
    case channel_fanout::fetch::book:
      fetch_book(j.ch.symbol);
      break;
    case channel_fanout::fetch::candles:
      fetch_candles(j.ch);
      break;
    case channel_fanout::fetch::nothing:
      break;
    }
  }

  /// Subscribes to every listed symbol (the ticker's feeds); the tick repeats it once a ticker
  /// subscriber joined, so symbols listed at runtime join the ticker too.
  void ensure_all_feeds() {
    for (const auto& [symbol, inst] : cfg_.instruments->current())
      ensure_feed(symbol);
  }

  /// Subscribes to symbol's market-data actor unless already subscribed; the answer is a book
  /// snapshot, and the day summary gives the symbol's first ticker.
  void ensure_feed(const std::string& symbol) {
    if (feeds_.count(symbol) > 0)
      return;
    auto md = cfg_.where->market_data(symbol);
    if (!md)
      return;
    feeds_.insert(symbol);
    self_
        ->request(md, cfg_.request_timeout, bourse::atoms::subscribe::value,
                  caf::actor_cast<md_subscriber>(self_))
        .then([this](l2_snapshot& snap) { fan_.on_book(snap); },
              [this, symbol](caf::error& err) {
                feeds_.erase(symbol);
                fan_.on_fetch_failed("book." + symbol, to_reason(err));
              });
    self_->request(md, cfg_.request_timeout, caf::get_atom::value, bourse::atoms::summary::value)
        .then(
            [this, symbol](daily_summary& day) {
              if (!fan_.has_ticker(symbol))
                fan_.on_ticker(ticker{symbol, {}, day.last, day.volume}, reference_price(symbol));
            },
            [](caf::error&) { /* nop: the next ticker event fills it */ });
  }

  void fetch_book(const std::string& symbol) {
    const auto name = "book." + symbol;
    auto md = cfg_.where->market_data(symbol);
    if (!md)
      return fan_.on_fetch_failed(name, reason_code::unavailable);
    self_->request(md, cfg_.request_timeout, caf::get_atom::value, bourse::atoms::snapshot::value)
        .then([this](l2_snapshot& snap) { fan_.on_book(snap); },
              [this, name](caf::error& err) { fan_.on_fetch_failed(name, to_reason(err)); });
  }

  void fetch_candles(const channel& ch) {
    auto md = cfg_.where->market_data(ch.symbol);
    if (!md)
      return fan_.on_fetch_failed(ch.name, reason_code::unavailable);
    self_
        ->request(md, cfg_.request_timeout, caf::get_atom::value, bourse::atoms::candles::value,
                  ch.interval_s)
        .then([this, name = ch.name](std::vector<candle>& history) { fan_.on_candles(name, history); },
              [this, name = ch.name](caf::error& err) { fan_.on_fetch_failed(name, to_reason(err)); });
  }

  /// One event consumed: credit its sender (the current incarnation of the market-data actor).
  void credit() {
    if (auto md = caf::actor_cast<market_data_actor>(self_->current_sender()))
      self_->send(md, bourse::atoms::credit::value, caf::actor_cast<md_subscriber>(self_), std::uint64_t{1});
  }

  cents reference_price(const std::string& symbol) const {
    if (auto price = cfg_.where->reference_price(symbol); price != 0)
      return price;
    const auto& listed = cfg_.instruments->current();
    auto it = listed.find(symbol);
    return it == listed.end() ? 0 : it->second.reference_price;
  }

  fanout_actor::pointer self_;
  fanout_config cfg_;
  channel_fanout fan_;
  std::set<std::string, std::less<>> feeds_; ///< symbols subscribed to (or subscribing)
  bool follow_all_ = false;                  ///< a ticker subscriber joined: follow every symbol
};

} // namespace

fanout_actor spawn_fanout(caf::actor_system& sys, fanout_config cfg) {
  // Config as a spawn argument: CAF 0.17 spawns argument-less function actors through a null tuple.
  return sys.spawn(
      [](fanout_actor::pointer self, fanout_config c) {
        return fanout_shell::behavior(std::make_shared<fanout_shell>(self, std::move(c)));
      },
      std::move(cfg));
}

} // namespace bourse::net::ws
