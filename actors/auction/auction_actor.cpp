#include "actors/auction/auction_actor.hpp"

#include <algorithm>
#include <optional>
#include <vector>

#include <caf/mailbox_element.hpp>
#include <caf/make_message.hpp>
#include <caf/send.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/auction/bid_gate.hpp"
#include "actors/common/utc_clock.hpp"
#include "actors/runtime/errors.hpp"
#include "persistence/journal_link.hpp"

namespace bourse {
namespace {

/// One command of a lot for its journal.
auction_command command(auction_command_kind kind, timestamp_ns t, account_id who = 0, cents price = 0,
                        reason_code why = reason_code::none) {
  auction_command c;
  c.kind = kind;
  c.time = t;
  c.who = who;
  c.price = price;
  c.reason = why;
  return c;
}

/// The CREATE command of a new lot: its definition at its creation time.
auction_command created(const auction_record& rec) {
  auto c = command(auction_command_kind::create, rec.audit.front().time);
  c.lot = rec.lot;
  return c;
}

class auction_shell {
public:
  auction_shell(auction_actor::pointer self, std::shared_ptr<auction_rules> rules, auction_bank_actor bank,
                auction_actor_config cfg)
      : self_(self), rules_(std::move(rules)), bank_(std::move(bank)), cfg_(cfg),
        journal_(self, cfg_.persistence, "auction " + std::to_string(rules_->lot().id)),
        steady_base_(self->clock().now()),
        utc_base_(cfg.utc_at_spawn != 0 ? cfg.utc_at_spawn : utc_now_ns()) {
    // nop
  }

  static auction_actor::behavior_type behavior(std::shared_ptr<auction_shell> s) {
    s->self_->set_down_handler([s](caf::down_msg& msg) {
      std::erase_if(s->subscribers_, [&](const auction_subscriber& h) { return h.address() == msg.source; });
    });
    if (s->rules_->record().journaled == 0) {
      const auto& rec = s->rules_->record();
      s->journal(created(rec), [](bool) {
        // nop: snapshots answer after it (when_durable)
      });
    }
    s->arm();
    return {
        [s](auction_atoms::bid, account_id bidder, cents price) {
          auto rp = s->self_->make_response_promise<bid_reply>();
          auto* shell = s.get(); // the behavior keeps it alive; tasks run inside this actor only
          s->gate_.when_free([shell, bidder, price, rp]() mutable { shell->on_bid(bidder, price, rp); });
          return rp;
        },
        [s](auction_atoms::start, account_id by) {
          auto rp = s->self_->make_response_promise<reason_code>();
          s->begin(by, [rp](reason_code why) mutable { rp.deliver(why); });
          return rp;
        },
        [s](atoms::cancel, account_id by) {
          auto rp = s->self_->make_response_promise<reason_code>();
          auto* shell = s.get();
          s->gate_.when_free([shell, by, rp]() mutable { shell->on_cancel(by, rp); });
          return rp;
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
        [s](caf::get_atom, atoms::snapshot) {
          auto rp = s->self_->make_response_promise<auction_record>();
          s->journal_then([s, rp](bool) mutable { rp.deliver(s->rules_->record()); });
          return rp;
        },
        [s](auction_atoms::open) {
          if (s->rules_->state() == auction_state::scheduled)
            s->begin(s->rules_->lot().auctioneer, [](reason_code) {
              // nop: a lot whose escrow fails stays SCHEDULED, its auctioneer may start it by hand
            });
        },
        [s](auction_atoms::tick) { s->on_tick(); },
        [s](auction_atoms::close, timestamp_ns end) {
          auto* shell = s.get();
          s->gate_.when_free([shell, end] { shell->on_close(end); });
        },
        [s](auction_atoms::settle) { s->settle(); },
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
      if (rules_->settling())
        self_->send(self_, auction_atoms::settle::value);
      break;
    case auction_state::cancelled:
      break;
    }
  }

  /// A shares lot: its seller and shares as an auction_settlement (buyer and price unset).
  auction_settlement escrow_of() const {
    const auto& lot = rules_->lot();
    return {
        .lot = lot.id, .buyer = 0, .seller = lot.seller, .price = 0, .symbol = lot.symbol, .qty = lot.qty};
  }

  /// Starts the lot for `by` and calls `done` with the reason; a shares lot's shares are escrowed on
  /// the seller's account first (`await` holds back every other message until the bank answers).
  template <class Done>
  void begin(account_id by, Done done) {
    const auto& lot = rules_->lot();
    if (by != lot.auctioneer || rules_->state() != auction_state::scheduled || lot.kind != lot_kind::shares) {
      start(by, std::move(done));
      return;
    }
    self_->request(bank_, cfg_.bank_timeout, auction_atoms::escrow::value, escrow_of())
        .await(
            [this, by, done](reason_code held) mutable {
              if (held != reason_code::none)
                done(held);
              else
                start(by, std::move(done));
            },
            [this, done](caf::error& err) mutable {
              release_escrow(); // the escrow may have been applied after the timeout
              done(to_reason(err));
            });
  }

  /// Starts the lot (journaled), then tells everyone and calls `done` with the reason.
  template <class Done>
  void start(account_id by, Done done) {
    const timestamp_ns t = now();
    const auto why = rules_->start(by, t);
    if (why != reason_code::none) {
      done(why);
      return;
    }
    journal(command(auction_command_kind::start, t, by), [this, done](bool) mutable {
      on_running();
      done(reason_code::none);
    });
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

  /// A TIMER tick: the countdown event, and the expiry of a hold the bank left unanswered.
  void on_tick() {
    if (rules_->state() != auction_state::running)
      return;
    publish(auction_event_kind::timer);
    if (const auto id = gate_.overdue(self_->clock().now()); id != 0)
      on_held(id, reason_code::timeout, true);
    self_->delayed_send(self_, cfg_.tick_interval, auction_atoms::tick::value);
  }

  void on_cancel(account_id by, caf::typed_response_promise<reason_code> rp) {
    const bool escrowed = rules_->state() == auction_state::running;
    const timestamp_ns t = now();
    if (const auto why = rules_->cancel(by, t); why != reason_code::none) {
      rp.deliver(why);
      return;
    }
    journal(command(auction_command_kind::cancel, t, by), [this, rp, escrowed](bool) mutable {
      if (escrowed)
        release_escrow();
      publish(auction_event_kind::ended);
      rp.deliver(reason_code::none);
    });
  }

  /// Checks a bid and reserves its cash through the bank. The hold goes without a CAF request
  /// timeout; the gate holds back every later bid (and the close) until the bank answers or the hold
  /// expires at a TIMER tick, so the rules see the bids one at a time in arrival order.
  void on_bid(account_id bidder, cents price, caf::typed_response_promise<bid_reply> rp) {
    const timestamp_ns t = now();
    if (const auto why = rules_->check_bid(bidder, price, t); why != reason_code::none) {
      rules_->refuse_bid(bidder, price, t, why);
      refused(bidder, price, t, why, std::move(rp));
      return;
    }
    const auto id = gate_.open(self_->clock().now() + cfg_.bank_timeout);
    holding_ = held_bid{bidder, price, t, std::move(rp)};
    self_->request(bank_, caf::infinite, auction_atoms::hold::value, bidder, rules_->lot().id, price)
        .then([this, id](reason_code why) { on_held(id, why, why == reason_code::timeout); },
              [this, id](caf::error& err) { on_held(id, to_reason(err), true); });
  }

  /// The bank answered hold `id` (or it expired). `maybe_applied`: the hold may still reach the
  /// account, so it is released unless its bidder is the high bidder.
  void on_held(std::uint64_t id, reason_code why, bool maybe_applied) {
    if (!gate_.close(id))
      return; // expired before: its release went out then
    auto b = std::move(*holding_);
    holding_.reset();
    if (why == reason_code::none) {
      accept(b.bidder, b.price, b.time, std::move(b.rp));
    } else {
      rules_->refuse_bid(b.bidder, b.price, b.time, why);
      if (maybe_applied)
        release_unless_high(b.bidder);
      refused(b.bidder, b.price, b.time, why, std::move(b.rp));
    }
    gate_.drain();
  }

  /// Answers a bid the rules refused (and counted) with `why`; the refusal is journaled first, so that
  /// a restart counts it towards the rate limit as the live lot did. A RATE_LIMITED attempt counts
  /// nothing and is answered at once.
  void refused(account_id bidder, cents price, timestamp_ns t, reason_code why,
               caf::typed_response_promise<bid_reply> rp) {
    const bid_reply reply{why, rules_->min_next_bid()};
    if (why == reason_code::rate_limited) {
      rp.deliver(reply);
      return;
    }
    journal(command(auction_command_kind::refused, t, bidder, price, why),
            [rp, reply](bool) mutable { rp.deliver(reply); });
  }

  /// Places a bid whose cash is held; once it is journaled, answers `rp`, releases the previous high
  /// bidder's hold and tells everyone.
  void accept(account_id bidder, cents price, timestamp_ns t, caf::typed_response_promise<bid_reply> rp) {
    const bid_outcome out = rules_->place_bid(bidder, price, t);
    if (out.reason != reason_code::none) {
      release_unless_high(bidder);
      refused(bidder, price, t, out.reason, std::move(rp));
      return;
    }
    const cents next = rules_->min_next_bid();
    journal(command(auction_command_kind::bid, t, bidder, price),
            [this, rp, out, bidder, next](bool) mutable {
              if (out.previous_bidder != 0 && out.previous_bidder != bidder)
                release(out.previous_bidder);
              publish(auction_event_kind::bid);
              if (out.extended) {
                publish(auction_event_kind::extended);
                schedule_close();
              }
              rp.deliver(bid_reply{reason_code::none, next});
            });
  }

  void on_close(timestamp_ns end) {
    if (rules_->state() != auction_state::running || end != rules_->end_time())
      return; // cancelled, or an older end time before an extension
    const timestamp_ns t = now();
    const auto result = rules_->close(t);
    if (!result) {
      schedule_close(); // fired early: wait for the remainder
      return;
    }
    // The result is durable (SETTLING for a sale) before any account is asked to move.
    journal(command(auction_command_kind::close, t), [this, result = *result](bool) {
      if (result.sold) {
        settle();
        return;
      }
      if (result.winner != 0)
        release(result.winner);
      release_escrow();
      publish(auction_event_kind::ended);
    });
  }

  /// Settles the sold lot through the bank; both legs are idempotent by lot, so a retryable failure
  /// (TIMEOUT, UNAVAILABLE) re-drives it after `settle_retry`. ENDED follows the final answer.
  void settle() {
    if (!rules_->settling())
      return;
    const auto& lot = rules_->lot();
    const auto& result = rules_->record().result;
    auction_settlement sale{.lot = lot.id,
                            .buyer = result.winner,
                            .seller = lot.seller,
                            .price = result.price,
                            .symbol = lot.kind == lot_kind::shares ? lot.symbol : std::string{},
                            .qty = lot.kind == lot_kind::shares ? lot.qty : 0};
    self_->request(bank_, cfg_.bank_timeout, auction_atoms::settle::value, std::move(sale))
        .then([this](reason_code why) { settled(why); },
              [this](caf::error& err) { settled(to_reason(err)); });
  }

  void settled(reason_code why) {
    if (why == reason_code::timeout || why == reason_code::unavailable) {
      self_->delayed_send(self_, cfg_.settle_retry, auction_atoms::settle::value);
      return;
    }
    rules_->settle(why);
    // With the winner, the price and the definition: a settled item lot's item record is written in
    // the same transaction (persistence/journal_rows.hpp), so it exists exactly when SETTLED does.
    const auto& result = rules_->record().result;
    auto c = command(auction_command_kind::settled, now(), result.winner, result.price, why);
    c.lot = rules_->lot();
    journal(std::move(c), [this, why](bool) {
      if (why != reason_code::none) { // definitely not settled: the winner's cash and the shares are free
        release(rules_->record().result.winner);
        release_escrow();
      }
      publish(auction_event_kind::ended);
    });
  }

  /// Journals `c` (the next command number) and calls `done(ok)` once it is durable; at once, with
  /// true, without persistence. A refused write is logged and the lot goes on (memory ahead).
  template <class Done>
  void journal(auction_command c, Done done) {
    c.seq = rules_->journaled();
    if (!journal_) {
      done(true);
      return;
    }
    persist_request request;
    request.lot = rules_->lot().id;
    request.auction_commands.push_back(std::move(c));
    journal_.send(std::move(request), std::move(done));
  }

  /// Calls `done(ok)` after every command journaled so far is durable.
  template <class Done>
  void journal_then(Done done) {
    if (!journal_ || journal_.unacked() == 0) {
      done(true);
      return;
    }
    persist_request request;
    request.lot = rules_->lot().id;
    journal_.send(std::move(request), std::move(done));
  }

  /// Gives a shares lot's escrowed shares back to the seller.
  void release_escrow() {
    if (rules_->lot().kind == lot_kind::shares)
      release(rules_->lot().seller);
  }

  /// One-way (the bank's answer is dropped): after the bid's hold on the same path, so never before it.
  void release(account_id bidder) {
    caf::anon_send(bank_, auction_atoms::release::value, bidder, rules_->lot().id);
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
        .settlement = rec.settlement};
    return ev;
  }

  /// Sends one event, built once, to every subscriber.
  void publish(auction_event_kind kind) {
    const auto msg = caf::make_message(make_event(kind, ++seq_));
    for (const auto& h : subscribers_)
      h->enqueue(caf::make_mailbox_element(self_->ctrl(), caf::make_message_id(), {}, msg), self_->context());
  }

  /// The bid whose hold is in flight.
  struct held_bid {
    account_id bidder = 0;
    cents price = 0;
    timestamp_ns time = 0;
    caf::typed_response_promise<bid_reply> rp;
  };

  auction_actor::pointer self_;
  std::shared_ptr<auction_rules> rules_;
  auction_bank_actor bank_;
  auction_actor_config cfg_;
  journal_link<auction_actor::pointer> journal_;
  caf::actor_clock::time_point steady_base_;
  timestamp_ns utc_base_;
  std::vector<auction_subscriber> subscribers_;
  std::uint64_t seq_ = 0;
  bid_gate gate_;
  std::optional<held_bid> holding_;
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
