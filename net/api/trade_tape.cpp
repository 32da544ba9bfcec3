#include "net/api/trade_tape.hpp"

#include <caf/send.hpp>
#include <caf/typed_event_based_actor.hpp>

#include <algorithm>
#include <deque>
#include <map>

namespace bourse::net::api {

namespace {

struct tape_state {
  std::shared_ptr<placement> where;
  std::size_t capacity = 0;
  std::map<std::string, std::deque<trade_print>, std::less<>> trades;
};

using tape_pointer = trade_tape_actor::stateful_pointer<tape_state>;

void subscribe(tape_pointer self, const std::string& symbol) {
  auto md = self->state.where->market_data(symbol);
  if (md)
    self->send(md, atoms::subscribe::value, caf::actor_cast<md_subscriber>(self));
}

void credit(tape_pointer self, const std::string& symbol) {
  auto md = self->state.where->market_data(symbol);
  if (md)
    self->send(md, atoms::credit::value, caf::actor_cast<md_subscriber>(self), std::uint64_t{1});
}

trade_tape_actor::behavior_type tape(tape_pointer self, std::shared_ptr<placement> where,
                                     std::size_t capacity) {
  self->state.where = std::move(where);
  self->state.capacity = capacity;
  for (const auto& symbol : self->state.where->symbols()) {
    self->state.trades[symbol];
    subscribe(self, symbol);
  }
  return {
      [self](const l2_snapshot& snap) { credit(self, snap.symbol); },
      [self](const l2_delta& delta) { credit(self, delta.symbol); },
      [self](const trade_print& trade) {
        auto& ring = self->state.trades[trade.symbol];
        ring.push_back(trade);
        if (ring.size() > self->state.capacity)
          ring.pop_front();
        credit(self, trade.symbol);
      },
      [self](const ticker& t) { credit(self, t.symbol); },
      [self](const candle& c) { credit(self, c.symbol); },
      [self](atoms::dropped, const std::string& symbol) { subscribe(self, symbol); },
      [self](caf::get_atom, tape_atom, const std::string& symbol, std::int64_t limit) {
        std::vector<trade_print> out;
        auto it = self->state.trades.find(symbol);
        if (it == self->state.trades.end() || limit <= 0)
          return out;
        auto n = std::min(static_cast<std::size_t>(limit), it->second.size());
        out.assign(it->second.rbegin(), it->second.rbegin() + static_cast<std::ptrdiff_t>(n));
        return out;
      },
  };
}

} // namespace

trade_tape_actor spawn_trade_tape(caf::actor_system& sys, std::shared_ptr<placement> where,
                                  std::size_t capacity) {
  return sys.spawn(tape, std::move(where), capacity);
}

void follow_symbol(const trade_tape_actor& tape, const placement& where, const std::string& symbol) {
  if (auto md = where.market_data(symbol))
    caf::send_as(tape, md, atoms::subscribe::value, caf::actor_cast<md_subscriber>(tape));
}

} // namespace bourse::net::api
