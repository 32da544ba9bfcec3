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
                    liquidation_lookup lookup, liquidation_config cfg)
      : self_(self), st_(std::move(state)), lookup_(std::move(lookup)), cfg_(cfg) {
    // nop
  }

  static liquidation_actor::behavior_type behavior(std::shared_ptr<liquidation_shell> s) {
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
        [s](atoms::watch, account_id id) { s->st_->watched.insert(id); },
        [s](atoms::check) {
          for (account_id id : s->st_->watched)
            s->check(id);
          s->self_->delayed_send(s->self_, s->cfg_.check_interval, atoms::check::value);
        },
        [s](caf::get_atom, atoms::view) {
          return std::vector<account_id>(s->st_->reducing.begin(), s->st_->reducing.end());
        },
    };
  }

private:
  /// Returns one message's credit to the market-data actor that sent it.
  void consumed() {
    auto md = caf::actor_cast<market_data_actor>(self_->current_sender());
    if (md)
      self_->send(md, atoms::credit::value, caf::actor_cast<md_subscriber>(self_), std::uint64_t{1});
  }

  void check(account_id id) {
    auto target = lookup_(id);
    if (!target)
      return;
    self_->request(target, cfg_.account_timeout, atoms::margin::value, st_->marks)
        .then([this, id, target](const margin_check& c) { act(id, target, c); },
              [](caf::error&) {
                // nop: checked again at the next tick
              });
  }

  void act(account_id id, const liquidation_target& target, const margin_check& c) {
    if (!c.under_maintenance) {
      if (st_->reducing.erase(id) > 0 && c.state == risk_state::reducing)
        set_state(target, risk_state::active);
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
  liquidation_lookup lookup_;
  liquidation_config cfg_;
};

} // namespace

liquidation_actor spawn_liquidation(caf::actor_system& sys, std::shared_ptr<liquidation_state> state,
                                    liquidation_lookup lookup, liquidation_config cfg) {
  // State as spawn arguments: CAF 0.17 spawns argument-less function actors through a null tuple.
  return sys.spawn(
      [](liquidation_actor::pointer self, std::shared_ptr<liquidation_state> st, liquidation_lookup look,
         liquidation_config c) -> liquidation_actor::behavior_type {
        return liquidation_shell::behavior(
            std::make_shared<liquidation_shell>(self, std::move(st), std::move(look), c));
      },
      std::move(state), std::move(lookup), cfg);
}

} // namespace bourse
