#include "actors/book/book_actor.hpp"

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

#include <caf/event_based_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/common/utc_clock.hpp"
#include "persistence/book_journal.hpp"
#include "persistence/book_journal_link.hpp"

namespace bourse {
namespace {

/// Book actor plus the retry timer of one account's report queue.
using book_impl = book_actor::extend<caf::reacts_to<atoms::report, account_id>>;

/// Identifies one incarnation of an account actor for the outbox; 0 for none.
std::size_t incarnation(const account_actor& account) {
  return account ? std::hash<caf::actor_addr>{}(account.address()) : 0;
}

class book_shell {
public:
  book_shell(book_impl::pointer self, std::shared_ptr<book_state> state, std::shared_ptr<placement> where,
             book_actor_config cfg)
      : self_(self), state_(std::move(state)), where_(std::move(where)), cfg_(std::move(cfg)),
        symbol_(state_->book.rules().symbol),
        journal_(self, cfg_.persistence, "book " + symbol_, state_, cfg_.snapshot_every) {
    if (!cfg_.now)
      cfg_.now = utc_now_ns;
  }

  /// The handlers of one incarnation; first resends what the previous incarnation left unacknowledged.
  static book_impl::behavior_type behavior(std::shared_ptr<book_shell> s) {
    for (auto& [owner, reports] : s->state_->outbox.restart()) {
      s->deliver(s->where_->account(owner), std::move(reports));
      s->arm_retry(owner);
    }
    s->self_->delayed_send(s->self_, s->cfg_.expiry_interval, atoms::expire::value);
    return {
        [s](atoms::submit, const order_request& request) {
          if (s->journal_ && s->journal_.unacked() >= s->cfg_.max_unjournaled &&
              !s->state_->replies.contains({request.owner, request.client_ref})) {
            s->answer(request, book_reply{0, reason_code::busy});
            return;
          }
          auto [it, fresh] = s->state_->replies.try_emplace({request.owner, request.client_ref});
          if (fresh) {
            book_command c;
            c.request = request;
            const auto id = s->run(c);
            it->second = book_reply{id, submit_verdict(s->events_)};
          }
          // A new order's ACCEPTED or REJECTED report is its answer; a resend gets the first answer.
          // (an init-capture: Clang 14 cannot capture a structured binding)
          s->durable_then([s, request, reply = it->second, resend = !fresh](bool ok) {
            if (!ok)
              s->answer(request, book_reply{reply.id, reason_code::persistence_failed});
            else if (resend)
              s->answer(request, reply);
          });
        },
        [s](atoms::cancel, order_id id, account_id requester) -> caf::result<reason_code> {
          book_command c;
          c.kind = book_command_kind::cancel;
          c.id = id;
          c.requester = requester;
          s->run(c);
          return s->reply_when_durable(submit_verdict(s->events_));
        },
        [s](atoms::replace, order_id id, account_id requester, cents price,
            quantity qty) -> caf::result<reason_code> {
          book_command c;
          c.kind = book_command_kind::replace;
          c.id = id;
          c.requester = requester;
          c.price = price;
          c.qty = qty;
          s->run(c);
          return s->reply_when_durable(submit_verdict(s->events_));
        },
        [s](atoms::halt, bool halted) -> caf::result<bool> {
          book_command c;
          c.kind = book_command_kind::halt;
          c.halted = halted;
          s->run(c);
          return s->reply_when_durable(s->state_->book.halted());
        },
        [s](caf::get_atom, atoms::snapshot) { return s->state_->book.snapshot(); },
        [s](caf::get_atom, atoms::hash) { return s->state_->book.state_hash(); },
        [s](atoms::expire) {
          book_command c;
          c.kind = book_command_kind::expire;
          s->run(c);
          if (!s->events_.empty())
            s->durable_then([](bool) {
              // nop: nobody waits for an expiry
            });
          s->self_->delayed_send(s->self_, s->cfg_.expiry_interval, atoms::expire::value);
        },
        [s](atoms::day_end) -> caf::result<cents> {
          auto& book = s->state_->book;
          book_command c;
          c.kind = book_command_kind::end_of_day;
          s->run(c);
          forget_closed_replies(*s->state_);
          if (book.last_trade_price() > 0) {
            book_command reference;
            reference.kind = book_command_kind::reference;
            reference.price = book.last_trade_price();
            s->run(reference);
            s->where_->put_reference_price(s->symbol_, book.last_trade_price());
          }
          return s->reply_when_durable(book.rules().reference_price);
        },
        [s](atoms::ack, account_id owner, sequence applied, sequence dropped) {
          auto& outbox = s->state_->outbox;
          outbox.acknowledge(owner, applied);
          if (dropped != 0) {
            auto account = s->where_->account(owner);
            s->deliver(account, outbox.gap(owner, dropped, incarnation(account)));
          }
        },
        [s](atoms::report, account_id owner) {
          auto account = s->where_->account(owner);
          auto retry = s->state_->outbox.tick(owner, incarnation(account));
          s->deliver(account, std::move(retry.resend));
          if (retry.arm_timer)
            s->arm_retry(owner);
        },
    };
  }

private:
  /// Executes `c` at the current clock; journals it when it emitted events or set a flag or price.
  order_id run(book_command c) {
    const auto before = events_.size();
    c.time = cfg_.now();
    const auto id = execute(state_->book, c, events_);
    const bool changed = events_.size() > before || c.kind == book_command_kind::halt ||
                         c.kind == book_command_kind::reference || c.kind == book_command_kind::end_of_day;
    if (changed) {
      c.cmd_seq = ++state_->journaled;
      c.last_seq = state_->book.last_sequence();
      commands_.push_back(std::move(c));
    }
    return id;
  }

  /// Answers `reply` once the commands run since the last answer are durable (journal_link.hpp).
  template <class T>
  caf::result<T> reply_when_durable(T reply) {
    return bourse::reply_when_durable(self_, std::move(reply), [this](auto answer) { durable_then(answer); });
  }

  /// Journals the commands and events of the last handler; once durable, sends the events to the
  /// accounts and the market data, then calls `done(true)`. `done(false)` when the journal refused
  /// them: nothing is released. Acks arrive in request order, so outputs leave in command order.
  template <class Done>
  void durable_then(Done done) {
    auto md = market_data();
    auto events = std::exchange(events_, {});
    auto commands = std::exchange(commands_, {});
    if (!journal_) {
      publish(events, std::move(md));
      done(true);
      return;
    }
    persist_request request;
    request.symbol = symbol_;
    request.commands = std::move(commands);
    request.events = events;
    journal_.send(std::move(request),
                  [this, events = std::move(events), md = std::move(md), done](bool ok) mutable {
                    if (ok)
                      publish(events, std::move(md));
                    done(ok);
                  });
  }

  /// Routes `events` to the accounts involved, one message per account, and `md` to the market-data
  /// actor.
  void publish(const std::vector<book_event>& events, std::optional<md_update> md) {
    std::vector<std::pair<account_id, std::vector<execution_report>>> by_account;
    auto add = [&](account_id owner, const book_event& event) {
      if (owner == 0)
        return;
      auto it = std::find_if(by_account.begin(), by_account.end(),
                             [owner](const auto& entry) { return entry.first == owner; });
      if (it == by_account.end())
        it = by_account.emplace(by_account.end(), owner, std::vector<execution_report>{});
      it->second.push_back(execution_report{symbol_, event});
    };
    for (const auto& event : events) {
      add(event.owner, event);
      if (event.kind == book_event_kind::fill && event.maker_owner != event.owner)
        add(event.maker_owner, event);
    }
    for (auto& [owner, reports] : by_account)
      enqueue(owner, std::move(reports));
    if (md)
      send_market_data(std::move(*md));
  }

  /// Trades and depth after the events of the last handler; none when it changed nothing public
  /// (no events, or a lone rejection).
  std::optional<md_update> market_data() const {
    if (events_.empty() || (events_.size() == 1 && events_.front().kind == book_event_kind::rejected))
      return std::nullopt;
    md_update md;
    for (const auto& event : events_)
      if (event.kind == book_event_kind::fill)
        md.trades.push_back(
            trade_print{symbol_, event.seq, event.time, event.price, event.qty, event.order_side});
    md.book_seq = state_->book.last_sequence();
    md.time = events_.back().time;
    state_->book.depth(side::buy, cfg_.md_depth, md.bids);
    state_->book.depth(side::sell, cfg_.md_depth, md.asks);
    return md;
  }

  /// Records `owner`'s reports of one command in the outbox and sends them as one message.
  void enqueue(account_id owner, std::vector<execution_report> reports) {
    auto account = where_->account(owner);
    const auto dest = incarnation(account);
    std::vector<execution_report> now;
    bool arm = false;
    for (auto& report : reports) {
      const auto admitted = state_->outbox.add(owner, report, dest);
      arm |= admitted.arm_timer;
      if (admitted.send)
        now.push_back(std::move(report));
    }
    deliver(account, now);
    if (arm)
      arm_retry(owner);
  }

  /// Sends `reports` (one book's, in sequence order) as one one-way message; the account
  /// acknowledges with atoms::ack. A missing account is left to the retry timer.
  void deliver(const account_actor& account, std::vector<execution_report> reports) {
    if (account && !reports.empty())
      self_->send(account, atoms::report::value, std::move(reports));
  }

  /// One timer per account with unacknowledged reports: resends them when nothing was acknowledged
  /// for a whole report_timeout.
  void arm_retry(account_id owner) {
    self_->delayed_send(self_, cfg_.report_timeout, atoms::report::value, owner);
  }

  /// Sends the answer to `request`'s submit to its owner's account (one-way; the account expires
  /// submits that get no answer).
  void answer(const order_request& request, book_reply reply) {
    if (auto account = where_->account(request.owner))
      self_->send(account, atoms::submit::value, request.client_ref, reply);
  }

  void send_market_data(md_update md) {
    if (auto target = where_->market_data(symbol_))
      self_->send(target, atoms::update::value, std::move(md));
  }

  book_impl::pointer self_;
  std::shared_ptr<book_state> state_;
  std::shared_ptr<placement> where_;
  book_actor_config cfg_;
  std::string symbol_;
  book_journal_link<book_impl::pointer> journal_; ///< with the book's snapshots
  std::vector<book_event> events_;                ///< of the handler running now
  std::vector<book_command> commands_;            ///< journaled by the handler running now
};

} // namespace

void forget_closed_replies(book_state& state) {
  erase_if(state.replies, [&](const auto& entry) { return !state.book.find(entry.second.id).has_value(); });
}

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
