#include "actors/liquidation/liquidation_actor.hpp"

#include <caf/actor_cast.hpp>
#include <caf/typed_event_based_actor.hpp>

namespace bourse {
namespace {

new_order closing_order(std::uint64_t client_order_id, const close_order& close) {
  new_order o;
  o.client_order_id = client_order_id;
  o.symbol = close.symbol;
  o.order_side = close.order_side;
  o.type = order_type::market;
  o.tif = time_in_force::ioc;
  o.qty = close.qty;
  o.reduce_only = true;
  o.margin = true;
  return o;
}

class liquidation_shell {
public:
  liquidation_shell(liquidation_actor::pointer self, std::shared_ptr<liquidation_state> state,
                    liquidation_config cfg)
      : self_(self), st_(std::move(state)), cfg_(cfg) {
    // nop
  }

  static liquidation_actor::behavior_type behavior(std::shared_ptr<liquidation_shell> s) {
    // A restarted incarnation monitors the accounts its predecessor watched (a dead one is reported
    // at once).
    for (const auto& [id, target] : s->st_->watched)
      s->follow(id, target);
    s->self_->set_down_handler([s](caf::down_msg& down) { s->gone(down.source); });
    s->self_->delayed_send(s->self_, s->cfg_.check_interval, atoms::check::value);
    return {
        [s](const trade_print& trade) {
          s->st_->marks.insert_or_assign(trade.symbol, trade.price);
          s->consumed();
        },
        [s](const l2_snapshot&) { s->consumed(); },
        [s](const l2_delta&) { s->consumed(); },
        [s](const ticker&) { s->consumed(); },
        [s](const candle&) { s->consumed(); },
        [](atoms::dropped, const std::string&) {
          // nop: marks keep their last value until the subscription is renewed
        },
        [s](atoms::watch, account_id id, bool holds) {
          s->watch(id, caf::actor_cast<liquidation_target>(s->self_->current_sender()), holds);
        },
        [s](atoms::margin, account_id id, const margin_check& c) { s->checked(id, c); },
        [s](atoms::check) {
          s->tick();
          s->self_->delayed_send(s->self_, s->cfg_.check_interval, atoms::check::value);
        },
        [s](caf::get_atom, atoms::view) {
          return std::vector<account_id>(s->st_->reducing.begin(), s->st_->reducing.end());
        },
    };
  }

private:
  using watch_map = std::map<account_id, liquidation_target>;

  /// Returns one message's credit to the market-data actor that sent it.
  void consumed() {
    auto md = caf::actor_cast<market_data_actor>(self_->current_sender());
    if (md)
      self_->send(md, atoms::credit::value, caf::actor_cast<md_subscriber>(self_), std::uint64_t{1});
  }

  /// An account's (watch, id, holds) from its incarnation `target`: a newer incarnation replaces an
  /// older one; a stop is ignored unless it comes from the registered incarnation, and an account
  /// this actor reduced stays until a check releases it.
  void watch(account_id id, const liquidation_target& target, bool holds) {
    if (!target)
      return;
    auto it = st_->watched.find(id);
    const bool registered = it != st_->watched.end() && it->second.address() == target.address();
    if (holds) {
      if (registered)
        return;
      if (it != st_->watched.end())
        unwatch(it);
      st_->watched.emplace(id, target);
      follow(id, target);
    } else if (registered && !st_->reducing.contains(id)) {
      unwatch(it);
    }
  }

  void follow(account_id id, const liquidation_target& target) {
    by_address_.insert_or_assign(target.address(), id);
    self_->monitor(target);
  }

  void unwatch(watch_map::iterator it) {
    const auto addr = it->second.address();
    self_->demonitor(addr);
    by_address_.erase(addr);
    asked_.erase(it->first);
    st_->watched.erase(it);
  }

  /// A watched incarnation died: it leaves the set (a restarted one registers again); REDUCING stays
  /// recorded so that its successor is released by a check once healthy.
  void gone(const caf::actor_addr& source) {
    const auto known = by_address_.find(source);
    if (known == by_address_.end())
      return;
    const account_id id = known->second;
    by_address_.erase(known);
    const auto it = st_->watched.find(id);
    if (it != st_->watched.end() && it->second.address() == source) {
      asked_.erase(id);
      st_->watched.erase(it);
    }
  }

  /// Sends each watched account a one-way check at the current marks, skipping one whose previous
  /// check is unanswered for fewer than cfg_.patience ticks.
  void tick() {
    ++ticks_;
    for (const auto& [id, target] : st_->watched) {
      auto [asked, fresh] = asked_.try_emplace(id, ticks_);
      if (!fresh) {
        if (ticks_ - asked->second < cfg_.patience)
          continue;
        asked->second = ticks_;
      }
      self_->send(target, atoms::margin::value, st_->marks);
    }
  }

  /// An account's answer to a check: REDUCING and the next close when under maintenance; else a
  /// release from REDUCING, and the end of the watch when it holds no margin position.
  void checked(account_id id, const margin_check& c) {
    asked_.erase(id);
    const auto it = st_->watched.find(id);
    if (it == st_->watched.end())
      return;
    const liquidation_target target = it->second;
    if (!c.under_maintenance) {
      if (st_->reducing.erase(id) > 0 && c.state == risk_state::reducing)
        set_state(target, risk_state::active);
      if (!c.margin_held)
        unwatch(it);
      return;
    }
    if (c.state == risk_state::active) {
      set_state(target, risk_state::reducing);
      st_->reducing.insert(id);
    }
    for (const auto& close : c.closes)
      self_
          ->request(target, cfg_.account_timeout, atoms::place::value,
                    closing_order(st_->next_client_order_id++, close))
          .then(
              [](const order_result&) {
                // nop: the next check sees the fill, or retries a close that did not trade
              },
              [](caf::error&) {
                // nop: the next check retries
              });
  }

  void set_state(const liquidation_target& target, risk_state next) {
    self_->request(target, cfg_.account_timeout, atoms::risk::value, next)
        .then(
            [](risk_state) {
              // nop
            },
            [](caf::error&) {
              // nop: the next check tries again
            });
  }

  liquidation_actor::pointer self_;
  std::shared_ptr<liquidation_state> st_;
  liquidation_config cfg_;
  std::map<caf::actor_addr, account_id> by_address_; ///< monitored incarnations
  std::map<account_id, std::uint64_t> asked_;        ///< unanswered checks: the tick they were sent at
  std::uint64_t ticks_ = 0;
};

} // namespace

liquidation_actor spawn_liquidation(caf::actor_system& sys, std::shared_ptr<liquidation_state> state,
                                    liquidation_config cfg) {
  // State as spawn arguments: CAF 0.17 spawns argument-less function actors through a null tuple.
  return sys.spawn(
      [](liquidation_actor::pointer self, std::shared_ptr<liquidation_state> st,
         liquidation_config c) -> liquidation_actor::behavior_type {
        return liquidation_shell::behavior(std::make_shared<liquidation_shell>(self, std::move(st), c));
      },
      std::move(state), cfg);
}

} // namespace bourse
