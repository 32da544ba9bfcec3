#include "actors/auction/auction_actor.hpp"

#include <algorithm>
#include <vector>

#include <caf/mailbox_element.hpp>
#include <caf/make_message.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/runtime/errors.hpp"

namespace bourse {
namespace {

timestamp_ns system_utc_now() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

class auction_shell {
public:
  auction_shell(auction_actor::pointer self, std::shared_ptr<auction_rules> rules, auction_bank_actor bank,
                auction_actor_config cfg)
      : self_(self), rules_(std::move(rules)), bank_(std::move(bank)), cfg_(cfg),
        steady_base_(self->clock().now()),
        utc_base_(cfg.utc_at_spawn != 0 ? cfg.utc_at_spawn : system_utc_now()) {
    // nop
  }

  static auction_actor::behavior_type behavior(std::shared_ptr<auction_shell> s) {
    s->self_->set_down_handler([s](caf::down_msg& msg) {
      std::erase_if(s->subscribers_, [&](const auction_subscriber& h) { return h.address() == msg.source; });
    });
    s->arm();
    return {
        [s](auction_atoms::bid, account_id bidder, cents price) -> caf::result<bid_reply> {
          return s->on_bid(bidder, price);
        },
        [s](auction_atoms::start, account_id by) {
          const auto why = s->rules_->start(by, s->now());
          if (why == reason_code::none)
            s->on_running();
          return why;
        },
        [s](atoms::cancel, account_id by) {
          const auto why = s->rules_->cancel(by, s->now());
          if (why == reason_code::none)
            s->publish(auction_event_kind::ended);
          return why;
        },
        [s](atoms::subscribe, const auction_subscriber& sub) {
          if (std::find(s->subscribers_.begin(), s->subscribers_.end(), sub) == s->subscribers_.end()) {
            s->subscribers_.push_back(sub);
            s->self_->monitor(sub);
          }
          s->self_->send(sub, s->make_event(auction_event_kind::state, s->seq_));
        },
        [s](atoms::unsubscribe, const auction_subscriber& sub) {
          std::erase(s->subscribers_, sub);
          s->self_->demonitor(sub.address());
        },
        [s](caf::get_atom, atoms::snapshot) { return s->rules_->record(); },
        [s](auction_atoms::open) {
          if (s->rules_->state() == auction_state::scheduled &&
              s->rules_->start(s->rules_->lot().auctioneer, s->now()) == reason_code::none)
            s->on_running();
        },
        [s](auction_atoms::tick) {
          if (s->rules_->state() != auction_state::running)
            return;
          s->publish(auction_event_kind::timer);
          s->self_->delayed_send(s->self_, s->cfg_.tick_interval, auction_atoms::tick::value);
        },
        [s](auction_atoms::close, timestamp_ns end) { s->on_close(end); },
    };
  }

private:
  /// The lot's time: the actor clock (the testing clock in tests) mapped onto UTC, ns.
  timestamp_ns now() const {
    return utc_base_ +
           std::chrono::duration_cast<std::chrono::nanoseconds>(self_->clock().now() - steady_base_).count();
  }

  /// Sets the timers the lot's state needs (at spawn or restart).
  void arm() {
    switch (rules_->state()) {
    case auction_state::scheduled:
      if (rules_->lot().scheduled_start > 0)
        self_->delayed_send(self_, span_until(rules_->lot().scheduled_start), auction_atoms::open::value);
      break;
    case auction_state::running:
      self_->delayed_send(self_, cfg_.tick_interval, auction_atoms::tick::value);
      schedule_close();
      break;
    case auction_state::ended:
    case auction_state::cancelled:
      break;
    }
  }

  void on_running() {
    publish(auction_event_kind::state);
    arm();
  }

  caf::timespan span_until(timestamp_ns t) const {
    return caf::timespan{std::max<timestamp_ns>(t - now(), 0)};
  }

  void schedule_close() {
    const timestamp_ns end = rules_->end_time();
    self_->delayed_send(self_, span_until(end), auction_atoms::close::value, end);
  }

  caf::result<bid_reply> on_bid(account_id bidder, cents price) {
    const timestamp_ns t = now();
    if (const auto why = rules_->check_bid(bidder, price, t); why != reason_code::none) {
      rules_->refuse_bid(bidder, price, t, why);
      return bid_reply{why, rules_->min_next_bid()};
    }
    // Reserve the cash first; `await` holds back every other bid (and the close) until the bank
    // answers, so the rules see the bids one at a time in arrival order.
    auto rp = self_->make_response_promise<bid_reply>();
    const lot_id lot = rules_->lot().id;
    self_->request(bank_, cfg_.bank_timeout, auction_atoms::hold::value, bidder, lot, price)
        .await(
            [this, rp, bidder, price, t](reason_code held) mutable {
              if (held != reason_code::none) {
                rules_->refuse_bid(bidder, price, t, held);
                rp.deliver(bid_reply{held, rules_->min_next_bid()});
                return;
              }
              rp.deliver(accept(bidder, price, t));
            },
            [this, rp, bidder, price, t](caf::error& err) mutable {
              const auto why = to_reason(err);
              rules_->refuse_bid(bidder, price, t, why);
              release_unless_high(bidder); // the hold may have been applied after the timeout
              rp.deliver(bid_reply{why, rules_->min_next_bid()});
            });
    return rp;
  }

  /// Places a bid whose cash is held and tells everyone.
  bid_reply accept(account_id bidder, cents price, timestamp_ns t) {
    const bid_outcome out = rules_->place_bid(bidder, price, t);
    if (out.reason != reason_code::none) {
      release_unless_high(bidder);
      return bid_reply{out.reason, rules_->min_next_bid()};
    }
    if (out.previous_bidder != 0 && out.previous_bidder != bidder)
      release(out.previous_bidder);
    publish(auction_event_kind::bid);
    if (out.extended) {
      publish(auction_event_kind::extended);
      schedule_close();
    }
    return bid_reply{reason_code::none, rules_->min_next_bid()};
  }

  void on_close(timestamp_ns end) {
    if (rules_->state() != auction_state::running || end != rules_->end_time())
      return; // cancelled, or an older end time before an extension
    const auto result = rules_->close(now());
    if (!result) {
      schedule_close(); // fired early: wait for the remainder
      return;
    }
    if (!result->sold) {
      if (result->winner != 0)
        release(result->winner);
      publish(auction_event_kind::ended);
      return;
    }
    const auto& lot = rules_->lot();
    auction_settlement sale{.lot = lot.id,
                            .buyer = result->winner,
                            .seller = lot.seller,
                            .price = result->price,
                            .symbol = lot.kind == lot_kind::shares ? lot.symbol : std::string{},
                            .qty = lot.kind == lot_kind::shares ? lot.qty : 0};
    self_->request(bank_, cfg_.bank_timeout, auction_atoms::settle::value, std::move(sale))
        .then([this, winner = result->winner](reason_code why) { ended_after_settlement(winner, why); },
              [this, winner = result->winner](caf::error& err) {
                ended_after_settlement(winner, to_reason(err));
              });
  }

  void ended_after_settlement(account_id winner, reason_code why) {
    settlement_ = why;
    if (why != reason_code::none && why != reason_code::timeout && why != reason_code::unavailable)
      release(winner); // definitely not settled: the winner's cash is free again
    publish(auction_event_kind::ended);
  }

  void release(account_id bidder) {
    self_->request(bank_, cfg_.bank_timeout, auction_atoms::release::value, bidder, rules_->lot().id)
        .then([](reason_code) {}, [](caf::error&) {});
  }

  void release_unless_high(account_id bidder) {
    const bid_record* top = rules_->high();
    if (top == nullptr || top->bidder != bidder)
      release(bidder);
  }

  auction_event make_event(auction_event_kind kind, std::uint64_t seq) const {
    const auto& rec = rules_->record();
    const timestamp_ns t = now();
    const bid_record* top = rules_->high();
    auction_event ev{
        .kind = kind,
        .lot = rec.lot.id,
        .seq = seq,
        .time = t,
        .state = rec.state,
        .high_bidder = top != nullptr ? top->bidder : 0,
        .high_price = top != nullptr ? top->price : 0,
        .min_next_bid = rules_->min_next_bid(),
        .bid_count = rec.bids.size(),
        .end_time = rec.end_time,
        .remaining_ns = rec.state == auction_state::running ? std::max<timestamp_ns>(rec.end_time - t, 0) : 0,
        .result = rec.result,
        .settlement = settlement_};
    return ev;
  }

  /// Sends one event, built once, to every subscriber.
  void publish(auction_event_kind kind) {
    const auto msg = caf::make_message(make_event(kind, ++seq_));
    for (const auto& h : subscribers_)
      h->enqueue(caf::make_mailbox_element(self_->ctrl(), caf::make_message_id(), {}, msg), self_->context());
  }

  auction_actor::pointer self_;
  std::shared_ptr<auction_rules> rules_;
  auction_bank_actor bank_;
  auction_actor_config cfg_;
  caf::actor_clock::time_point steady_base_;
  timestamp_ns utc_base_;
  std::vector<auction_subscriber> subscribers_;
  std::uint64_t seq_ = 0;
  reason_code settlement_ = reason_code::none;
};

} // namespace

auction_actor spawn_auction(caf::actor_system& sys, std::shared_ptr<auction_rules> rules,
                            auction_bank_actor bank, auction_actor_config cfg) {
  // State as spawn arguments: CAF 0.17 spawns argument-less function actors through a null tuple.
  return sys.spawn(
      [](auction_actor::pointer self, std::shared_ptr<auction_rules> r, auction_bank_actor b,
         auction_actor_config c) -> auction_actor::behavior_type {
        return auction_shell::behavior(std::make_shared<auction_shell>(self, std::move(r), std::move(b), c));
      },
      std::move(rules), std::move(bank), cfg);
}

} // namespace bourse
