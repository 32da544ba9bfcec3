#include "actors/book/book_actor.hpp"

#include <vector>

#include <caf/event_based_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

namespace bourse {
namespace {

/// Book actor plus a retry tick for one account's report queue.
using book_impl = book_actor::extend<caf::reacts_to<atoms::report, account_id>>;

/// Identifies one incarnation of an account actor for the outbox; 0 for none.
std::size_t incarnation(const account_actor& account) {
  return account ? std::hash<caf::actor_addr>{}(account.address()) : 0;
}

timestamp_ns system_now() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

class book_shell {
public:
  book_shell(book_impl::pointer self, std::shared_ptr<book_state> state, std::shared_ptr<placement> where,
             book_actor_config cfg)
      : self_(self), state_(std::move(state)), where_(std::move(where)), cfg_(std::move(cfg)) {
    if (!cfg_.now)
      cfg_.now = system_now;
    symbol_ = state_->book.rules().symbol;
  }

  /// The handlers of one incarnation; first resends what the previous incarnation left unacknowledged.
  static book_impl::behavior_type behavior(std::shared_ptr<book_shell> s) {
    for (auto& [owner, reports] : s->state_->outbox.restart())
      for (auto& report : reports)
        s->deliver(owner, s->where_->account(owner), report);
    s->self_->delayed_send(s->self_, s->cfg_.expiry_interval, atoms::expire::value);
    return {
        [s](atoms::submit, const order_request& request) {
          auto [it, fresh] = s->state_->replies.try_emplace({request.owner, request.client_ref});
          if (fresh) {
            auto id = s->state_->book.submit(request, s->cfg_.now(), s->events_);
            it->second = book_reply{id, s->publish()};
          }
          return it->second;
        },
        [s](atoms::cancel, order_id id, account_id requester) {
          s->state_->book.cancel(id, requester, s->cfg_.now(), s->events_);
          return s->publish();
        },
        [s](atoms::replace, order_id id, account_id requester, cents price, quantity qty) {
          s->state_->book.replace(id, requester, price, qty, s->cfg_.now(), s->events_);
          return s->publish();
        },
        [s](atoms::halt, bool halted) {
          s->state_->book.set_halted(halted);
          return s->state_->book.halted();
        },
        [s](caf::get_atom, atoms::snapshot) { return s->state_->book.snapshot(); },
        [s](caf::get_atom, atoms::hash) { return s->state_->book.state_hash(); },
        [s](atoms::expire) {
          s->state_->book.expire_due(s->cfg_.now(), s->events_);
          s->publish();
          s->self_->delayed_send(s->self_, s->cfg_.expiry_interval, atoms::expire::value);
        },
        [s](atoms::report, account_id owner) {
          auto account = s->where_->account(owner);
          for (auto& report : s->state_->outbox.retry(owner, incarnation(account)))
            s->deliver(owner, account, report);
        },
    };
  }

private:
  /// Routes the events of the last command to accounts and market data; returns the first
  /// rejection reason among them (none when nothing was rejected).
  reason_code publish() {
    reason_code first_reject = reason_code::none;
    md_update md;
    for (const auto& event : events_) {
      if (event.kind == book_event_kind::rejected && first_reject == reason_code::none)
        first_reject = event.reason;
      if (event.kind == book_event_kind::fill)
        md.trades.push_back(
            trade_print{symbol_, event.seq, event.time, event.price, event.qty, event.order_side});
      execution_report report{symbol_, event};
      enqueue(event.owner, report);
      if (event.kind == book_event_kind::fill && event.maker_owner != event.owner)
        enqueue(event.maker_owner, report);
    }
    if (!events_.empty() && !(events_.size() == 1 && first_reject != reason_code::none))
      send_market_data(std::move(md));
    events_.clear();
    return first_reject;
  }

  void enqueue(account_id owner, const execution_report& report) {
    if (owner == 0)
      return;
    auto account = where_->account(owner);
    if (state_->outbox.add(owner, report, incarnation(account)))
      deliver(owner, account, report);
  }

  void deliver(account_id owner, const account_actor& account, const execution_report& report) {
    auto seq = report.event.seq;
    if (!account) {
      settled(owner, seq, false);
      return;
    }
    self_->request(account, cfg_.report_timeout, atoms::report::value, report)
        .then([this, owner](sequence acked) { settled(owner, acked, true); },
              [this, owner, seq](caf::error&) { settled(owner, seq, false); });
  }

  /// One delivery answered; after a failure the account's whole queue is resent after a pause.
  void settled(account_id owner, sequence seq, bool ok) {
    if (state_->outbox.settle(owner, seq, ok))
      self_->delayed_send(self_, cfg_.retry_delay, atoms::report::value, owner);
  }

  void send_market_data(md_update md) {
    auto target = where_->market_data(symbol_);
    if (!target)
      return;
    md.book_seq = state_->book.last_sequence();
    md.time = events_.back().time;
    state_->book.depth(side::buy, cfg_.md_depth, md.bids);
    state_->book.depth(side::sell, cfg_.md_depth, md.asks);
    self_->send(target, atoms::update::value, std::move(md));
  }

  book_impl::pointer self_;
  std::shared_ptr<book_state> state_;
  std::shared_ptr<placement> where_;
  book_actor_config cfg_;
  std::string symbol_;
  std::vector<book_event> events_;
};

} // namespace

book_actor spawn_book(caf::actor_system& sys, std::shared_ptr<book_state> state,
                      std::shared_ptr<placement> where, book_actor_config cfg) {
  // State goes in as spawn arguments: CAF 0.17 dereferences a null argument tuple (UB) when a
  // function-based actor is spawned without any.
  auto impl = sys.spawn(
      [](book_impl::pointer self, std::shared_ptr<book_state> st, std::shared_ptr<placement> w,
         book_actor_config c) -> book_impl::behavior_type {
        return book_shell::behavior(
            std::make_shared<book_shell>(self, std::move(st), std::move(w), std::move(c)));
      },
      std::move(state), std::move(where), std::move(cfg));
  return caf::actor_cast<book_actor>(impl);
}

} // namespace bourse
