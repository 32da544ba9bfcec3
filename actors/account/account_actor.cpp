#include "actors/account/account_actor.hpp"

#include <algorithm>
#include <memory>
#include <optional>
#include <utility>

#include <boost/container_hash/hash.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/account/house_actor.hpp"
#include "actors/account/margin_check.hpp"
#include "actors/account/pending_submits.hpp"
#include "actors/account/valuation.hpp"
#include "actors/runtime/errors.hpp"
#include "persistence/account_checkpoint.hpp"
#include "persistence/account_journal.hpp"
#include "persistence/auction_entries.hpp"
#include "persistence/journal_link.hpp"

namespace bourse {
namespace {

timestamp_ns system_now() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

/// The answer to a client's order or replace: given once both the account's entry is durable and
/// the book has answered, in whichever order they arrive; PERSISTENCE_FAILED when the entry was not
/// journaled.
struct joint_answer {
  caf::typed_response_promise<order_result> rp;
  std::optional<bool> durable;
  std::optional<order_result> book;

  static std::shared_ptr<joint_answer> make(caf::typed_response_promise<order_result> rp) {
    auto answer = std::make_shared<joint_answer>();
    answer->rp = std::move(rp);
    return answer;
  }
  void journaled(bool ok) {
    durable = ok;
    settle();
  }
  void answered(order_result result) {
    book = std::move(result);
    settle();
  }
  void settle() {
    if (!durable || !book)
      return;
    if (!*durable)
      book->reason = reason_code::persistence_failed;
    rp.deliver(*book);
  }
};

class account_shell {
public:
  account_shell(account_actor::pointer self, std::shared_ptr<account_actor_state> state,
                std::shared_ptr<const instrument_table> instruments, std::shared_ptr<placement> where,
                account_actor_config cfg)
      : self_(self), st_(std::move(state)), instruments_(std::move(instruments)), where_(std::move(where)),
        cfg_(std::move(cfg)), journal_(self, cfg_.persistence, "account " + std::to_string(st_->acc.id())),
        checkpoints_(cfg_.persistence, cfg_.checkpoint_every, st_->journaled), submits_(cfg_.book_timeout) {
    // nop
  }

  static account_actor::behavior_type behavior(std::shared_ptr<account_shell> s) {
    s->self_->delayed_send(s->self_, s->cfg_.idle_after, atoms::idle::value);
    if (!s->st_->unsent.empty()) {
      s->pending_ = std::exchange(s->st_->unsent, {});
      s->durable_then([](bool) {
        // nop: nobody waits for the opening deposit
      });
    }
    for (const auto& listener : s->st_->listeners)
      s->self_->monitor(listener);
    s->self_->set_down_handler([s](caf::down_msg& down) { s->forget_listener(down.source); });
    return {
        [s](atoms::subscribe, const account_listener& listener) {
          s->forget_listener(listener.address());
          s->st_->listeners.push_back(listener);
          s->self_->monitor(listener);
        },
        [s](atoms::unsubscribe, const account_listener& listener) {
          s->self_->demonitor(listener.address());
          s->forget_listener(listener.address());
        },
        [s](atoms::place, const new_order& order) -> caf::result<order_result> {
          ++s->activity_;
          return s->place(order);
        },
        [s](atoms::cancel, const std::string& symbol,
            std::uint64_t client_order_id) -> caf::result<order_result> {
          ++s->activity_;
          return s->cancel(symbol, client_order_id);
        },
        [s](atoms::replace, const std::string& symbol, std::uint64_t client_order_id, cents price,
            quantity qty) -> caf::result<order_result> {
          ++s->activity_;
          return s->replace(symbol, client_order_id, price, qty);
        },
        [s](atoms::margin, const mark_prices& marks) {
          // not activity: liquidation checks alone do not keep an account awake
          return check_margin(s->st_->acc, *s->instruments_, marks);
        },
        [s](atoms::report, const std::vector<execution_report>& reports) {
          ++s->activity_;
          s->apply(reports);
        },
        [s](atoms::submit, std::uint64_t client_order_id, const book_reply& reply) {
          s->submitted(client_order_id, reply);
        },
        [s](atoms::expire) { s->expire_submits(); },
        [s](atoms::deposit, cents amount) { return s->change(account_entry_kind::deposit, {}, amount); },
        [s](atoms::deposit, const std::string& symbol, quantity qty) {
          return s->change(account_entry_kind::issue, symbol, qty);
        },
        [s](atoms::risk, risk_state next) -> caf::result<risk_state> {
          ++s->activity_;
          account_entry entry;
          entry.kind = account_entry_kind::risk;
          entry.amount = static_cast<std::int64_t>(next);
          s->record(std::move(entry));
          return s->reply_when_durable(next);
        },
        [s](caf::get_atom, atoms::view) { return value_account(*s->st_, *s->instruments_, {}); },
        [s](caf::get_atom, atoms::view, const mark_prices& marks) {
          return value_account(*s->st_, *s->instruments_, marks);
        },
        [s](atoms::delivery, const std::string& symbol, quantity qty) {
          return s->change(account_entry_kind::delivery, symbol, qty);
        },
        [s](atoms::hold, std::uint64_t lot, const std::string& symbol, std::int64_t amount) {
          return s->auction_change(hold_entry(lot, symbol, amount));
        },
        [s](atoms::release, std::uint64_t lot) { return s->auction_change(release_hold_entry(lot)); },
        [s](atoms::pay_hold, std::uint64_t lot, const std::string& symbol, cents price, quantity qty,
            account_id seller) { return s->auction_change(pay_hold_entry(lot, symbol, price, qty, seller)); },
        [s](atoms::sell_out, std::uint64_t lot, const std::string& symbol, cents price, quantity qty,
            account_id buyer) {
          return s->auction_change(sell_outside_book_entry(lot, symbol, price, qty, buyer));
        },
        [s](atoms::idle) { s->idle_tick(); },
    };
  }

private:
  /// Applies `entry` through apply_entry and queues it for the journal when it changed the account
  /// (a rejected deposit, issue or replace changed nothing); returns its outcome.
  entry_outcome record(account_entry entry, const book_event* event = nullptr) {
    entry.time = system_now();
    const auto out = apply_entry(*st_, *instruments_, entry, event);
    entry.result = out.reason;
    const bool changed = out.reason == reason_code::none || entry.kind == account_entry_kind::place ||
                         entry.kind == account_entry_kind::refused;
    if (changed) {
      entry.seq = ++st_->journaled;
      pending_.push_back(std::move(entry));
    }
    return out;
  }

  void forget_listener(const caf::actor_addr& gone) {
    std::erase_if(st_->listeners, [&](const account_listener& l) { return l.address() == gone; });
  }

  /// What the account's side of a fill `e` is, for its listeners: one notice per side it owns.
  void note_fills(const std::string& symbol, const book_event& e, const entry_outcome& out) {
    if (e.kind != book_event_kind::fill || st_->listeners.empty())
      return;
    const account_id me = st_->acc.id();
    fill_notice n{symbol,  e.seq, e.order,       e.client_ref,     e.order_side,
                  e.price, e.qty, out.taker_fee, liquidity::taker, e.time};
    if (e.owner == me)
      notices_.push_back(n);
    if (e.maker_owner == me) {
      n.order = e.maker_order;
      n.client_order_id = e.maker_client_ref;
      n.order_side = e.order_side == side::buy ? side::sell : side::buy;
      n.fee = out.maker_fee;
      n.role = liquidity::maker;
      notices_.push_back(n);
    }
  }

  /// Tells the listeners of `fills` and, when the account changed, that it did.
  void notify(const std::vector<fill_notice>& fills, bool changed) {
    for (const auto& listener : st_->listeners) {
      for (const auto& n : fills)
        self_->send(listener, n);
      if (changed)
        self_->send(listener, atoms::update::value, st_->acc.id());
    }
  }

  /// A deposit, an issue of shares or a delivery: its verdict, once durable when it changed the account.
  caf::result<reason_code> change(account_entry_kind kind, const std::string& symbol, std::int64_t amount) {
    ++activity_;
    account_entry entry;
    entry.kind = kind;
    entry.symbol = symbol;
    entry.amount = amount;
    const auto reason = record(std::move(entry)).reason;
    return reply_when_durable(reason);
  }

  /// An auction entry (persistence/auction_entries.hpp): NONE for a repeat (nothing journaled), else
  /// its verdict once durable; a sale paid to the house credits the house.
  caf::result<reason_code> auction_change(account_entry entry) {
    ++activity_;
    if (auction_entry_done(*st_, entry))
      return reply_when_durable(reason_code::none);
    const auto credit = house_credit(st_->acc.id(), entry, reason_code::none);
    const auto reason = record(std::move(entry)).reason;
    if (auto house = where_->house(); reason == reason_code::none && credit.fee > 0 && house)
      self_->send(house, atoms::fee::value, credit);
    return reply_when_durable(reason);
  }

  /// True when new work must be turned away: too many journal requests await their ack.
  bool busy() const { return journal_ && journal_.unacked() >= cfg_.max_unjournaled; }

  /// The reference price (cents) of `symbol`'s price band now: the book's latest re-centring, else
  /// the listing's; 0 for an unlisted symbol.
  cents reference(std::string_view symbol) const {
    if (const cents now = where_->reference_price(symbol); now > 0)
      return now;
    const auto listed = instruments_->find(symbol);
    return listed == instruments_->end() ? 0 : listed->second.reference_price;
  }

  caf::result<order_result> place(const new_order& order) {
    auto& st = *st_;
    if (auto done = st.results.find(order.client_order_id); done != st.results.end())
      return reply_when_durable(done->second);
    order_result result{order.client_order_id, order.symbol, 0, reason_code::none};
    if (!st.orders.contains(order.client_order_id)) {
      if (busy()) {
        result.reason = reason_code::busy;
        return result;
      }
      account_entry entry;
      entry.order = order;
      entry.amount = reference(order.symbol);
      result.reason = record(std::move(entry)).reason;
      if (result.reason != reason_code::none)
        return reply_when_durable(result);
    }
    // The PLACE entry and the order leave together: the book journals its SUBMIT through the same
    // persistence actor, which commits in arrival order, so the order is never durable in the book
    // without its reservation. The client's answer waits for both the entry and the book.
    auto answer = joint_answer::make(self_->make_response_promise<order_result>());
    durable_then([answer](bool ok) { answer->journaled(ok); });
    route([answer](order_result routed) { answer->answered(std::move(routed)); },
          to_request(st.acc.id(), order), std::move(result));
    return answer->rp;
  }

  /// Sends a reserved order to its book (again, after a failure: the book answers a duplicate with
  /// its first reply) and passes the outcome to `done` when the book answers (submitted) or, after
  /// book_timeout without an answer, TIMEOUT (expire_submits).
  template <class Done>
  void route(Done done, const order_request& request, order_result result) {
    auto book = where_->book(result.symbol);
    if (!book) {
      result.reason = reason_code::unavailable;
      done(std::move(result));
      return;
    }
    self_->send(book, atoms::submit::value, request);
    if (auto arm = submits_.add(std::move(result), std::move(done), self_->clock().now()))
      self_->delayed_send(self_, *arm, atoms::expire::value);
  }

  /// The book's own answer to the submit of `client_order_id`, sent when no ACCEPTED or REJECTED
  /// report answers it: BUSY, a resend's first answer, or PERSISTENCE_FAILED.
  void submitted(std::uint64_t client_order_id, const book_reply& reply) {
    auto waiters = submits_.take(client_order_id);
    const auto known = st_->orders.find(client_order_id);
    if (!waiters.empty())
      settle_submit(waiters.front().result.symbol, client_order_id, reply, waiters);
    else if (known != st_->orders.end())
      settle_submit(known->second.symbol, client_order_id, reply, waiters);
  }

  /// Answers the submit of `client_order_id` on `symbol`. The book's reports, not this answer, move
  /// the reservation, except a BUSY answer: the book executed nothing and keeps no reply, so the
  /// reservation is released. A final answer is kept for resends, also when the client already got
  /// TIMEOUT; PERSISTENCE_FAILED is not final (the book's journal refused; a resend retries).
  void settle_submit(const std::string& symbol, std::uint64_t client_order_id, const book_reply& reply,
                     std::vector<pending_submits::waiting>& waiters) {
    const order_result result{client_order_id, symbol, reply.id, reply.reason};
    if (reply.reason == reason_code::busy && reply.id == 0) {
      if (st_->orders.contains(client_order_id))
        refuse(result);
    } else if (reply.reason != reason_code::persistence_failed) {
      st_->results.emplace(client_order_id, result);
    }
    for (auto& waiter : waiters)
      waiter.done(result);
  }

  /// The expiry timer fired: submits without an answer for book_timeout get TIMEOUT (retryable; a
  /// late answer still settles the order).
  void expire_submits() {
    auto expiry = submits_.tick(self_->clock().now());
    for (auto& waiter : expiry.expired) {
      waiter.result.reason = reason_code::timeout;
      waiter.done(std::move(waiter.result));
    }
    if (expiry.next)
      self_->delayed_send(self_, *expiry.next, atoms::expire::value);
  }

  /// The book turned `result`'s order away unexecuted: releases its reservation (journaled).
  void refuse(const order_result& result) {
    account_entry entry;
    entry.kind = account_entry_kind::refused;
    entry.symbol = result.symbol;
    entry.order.client_order_id = result.client_order_id;
    record(std::move(entry));
    durable_then([](bool) {
      // nop: a lost release leaves a reservation that a resend routes again
    });
  }

  caf::result<order_result> cancel(const std::string& symbol, std::uint64_t client_order_id) {
    auto result = known_order(symbol, client_order_id);
    if (result.reason != reason_code::none)
      return result;
    auto rp = self_->make_response_promise<order_result>();
    const order_id id = result.id;
    ask_book([rp](order_result answered) mutable { rp.deliver(std::move(answered)); }, std::move(result),
             [] {
               // nop: the client retries
             },
             atoms::cancel::value, id, st_->acc.id());
    return rp;
  }

  /// Holds what the replacement needs (account::prepare_replace, journaled), then asks the book; its
  /// REPLACED or REJECTED report settles the hold. A book that does not answer gets the hold back at
  /// once: a REPLACED report arriving later still applies (apply_replace needs no prepare).
  caf::result<order_result> replace(const std::string& symbol, std::uint64_t client_order_id, cents price,
                                    quantity qty) {
    auto result = known_order(symbol, client_order_id);
    if (result.reason != reason_code::none)
      return result;
    if (busy()) {
      result.reason = reason_code::busy;
      return result;
    }
    account_entry entry;
    entry.kind = account_entry_kind::replace;
    entry.symbol = symbol;
    entry.order.client_order_id = client_order_id;
    entry.order.price = price;
    entry.order.qty = qty;
    entry.amount = reference(symbol);
    result.reason = record(std::move(entry)).reason;
    if (result.reason != reason_code::none)
      return result;
    // As for a new order, the hold's entry and the request to the book leave together.
    auto answer = joint_answer::make(self_->make_response_promise<order_result>());
    durable_then([answer](bool ok) { answer->journaled(ok); });
    const order_id id = result.id;
    ask_book([answer](order_result answered) { answer->answered(std::move(answered)); }, std::move(result),
             [this, symbol, client_order_id] { abort_replace(symbol, client_order_id); },
             atoms::replace::value, id, st_->acc.id(), price, qty);
    return answer->rp;
  }

  /// Gives back the hold of a replace whose book did not answer (journaled).
  void abort_replace(const std::string& symbol, std::uint64_t client_order_id) {
    account_entry entry;
    entry.kind = account_entry_kind::abort_replace;
    entry.symbol = symbol;
    entry.order.client_order_id = client_order_id;
    record(std::move(entry));
    durable_then([](bool) {
      // nop: a lost abort leaves the hold until the book's report settles it
    });
  }

  /// `client_order_id` on `symbol` as a result to fill in: its book id and reason none, or
  /// UNKNOWN_ORDER when this account has no order of that id there that the book has accepted.
  order_result known_order(const std::string& symbol, std::uint64_t client_order_id) const {
    order_result result{client_order_id, symbol, 0, reason_code::unknown_order};
    auto it = st_->orders.find(client_order_id);
    if (it == st_->orders.end() || it->second.id == 0 || it->second.symbol != symbol)
      return result;
    result.id = it->second.id;
    result.reason = reason_code::none;
    return result;
  }

  /// Sends `what` to the book of `result`'s symbol and passes `result` with the book's reason to
  /// `done`, or with UNAVAILABLE / TIMEOUT after calling `on_error` when the book is missing or silent.
  template <class Done, class OnError, class... Ts>
  void ask_book(Done done, order_result result, OnError on_error, Ts... what) {
    auto book = where_->book(result.symbol);
    if (!book) {
      on_error();
      result.reason = reason_code::unavailable;
      done(std::move(result));
      return;
    }
    self_->request(book, cfg_.book_timeout, what...)
        .then(
            [done, result](reason_code why) mutable {
              result.reason = why;
              done(std::move(result));
            },
            [done, result, on_error](caf::error& err) mutable {
              on_error();
              result.reason = to_reason(err);
              done(std::move(result));
            });
  }

  /// After a REPLACED event the account could not cover in full: shrinks the book's order to what
  /// the account still reserves, or cancels it when nothing is left. Its report applies as usual.
  void shrink(const std::string& symbol, const book_event& replaced) {
    auto book = where_->book(symbol);
    if (!book)
      return;
    const reservation* left = st_->acc.find_order(replaced.client_ref);
    auto done = [](reason_code) {
      // nop: the book's report moves the ledger
    };
    auto failed = [](caf::error&) {
      // nop: a book that restarts resends its reports; the order stays as the book has it
    };
    if (left == nullptr)
      self_->request(book, cfg_.book_timeout, atoms::cancel::value, replaced.order, st_->acc.id())
          .then(done, failed);
    else
      self_
          ->request(book, cfg_.book_timeout, atoms::replace::value, replaced.order, st_->acc.id(),
                    replaced.price, left->open_qty)
          .then(done, failed);
  }

  /// Applies this account's side of one book's events once and in order, journals them without
  /// waiting and acknowledges them to the book at once, with one message: the book journaled the
  /// events before sending them, and recovery applies every durable event beyond the account's
  /// journal, so the book may forget them. A resend of an applied sequence is only acknowledged; a
  /// report whose predecessor (`after`) was not applied ends the batch and is named in the
  /// acknowledgement, so the book resends in order.
  void apply(const std::vector<execution_report>& reports) {
    if (reports.empty())
      return;
    const std::string& symbol = reports.front().symbol;
    sequence dropped = 0;
    bool changed = false;
    for (const auto& report : reports) {
      const sequence applied = applied_through(symbol);
      if (report.event.seq <= applied)
        continue;
      if (report.after > applied) {
        dropped = report.event.seq;
        break;
      }
      apply_event(report);
      changed = true;
    }
    if (changed)
      durable_then([](bool) {
        // nop: nobody waits for a report's entry
      });
    acknowledge(symbol, applied_through(symbol), dropped);
  }

  /// The last book sequence of `symbol` this account applied; 0 for none.
  sequence applied_through(const std::string& symbol) const {
    const auto known = st_->applied.find(symbol);
    return known == st_->applied.end() ? 0 : known->second;
  }

  /// Records one report's event (the next in sequence) and what follows from it: fill notices,
  /// fees to the house, a shrink of an order the account no longer covers in full.
  void apply_event(const execution_report& report) {
    const auto& e = report.event;
    account_entry entry;
    entry.kind = account_entry_kind::report;
    entry.symbol = report.symbol;
    entry.book_seq = e.seq;
    entry.amount = reference(report.symbol);
    const auto out = record(std::move(entry), &e);
    if ((e.kind == book_event_kind::accepted || e.kind == book_event_kind::rejected) &&
        e.owner == st_->acc.id()) {
      // The first report of a new order is the book's answer to its submit.
      auto waiters = submits_.take(e.client_ref);
      settle_submit(report.symbol, e.client_ref,
                    book_reply{e.kind == book_event_kind::accepted ? e.order : 0, e.reason}, waiters);
    }
    note_fills(report.symbol, e, out);
    const account_id me = st_->acc.id();
    credit_house(*where_, report.symbol, me, e, liquidity::taker, out.taker_fee);
    credit_house(*where_, report.symbol, me, e, liquidity::maker, out.maker_fee);
    if (out.shrink)
      shrink(report.symbol, e);
  }

  /// Tells `symbol`'s book that this account applied its reports through `applied` (and, when not
  /// 0, that it dropped the report `dropped` for a missing predecessor).
  void acknowledge(const std::string& symbol, sequence applied, sequence dropped) {
    if (auto book = where_->book(symbol))
      self_->send(book, atoms::ack::value, st_->acc.id(), applied, dropped);
  }

  /// Answers `reply` once the entries recorded so far are durable (at once without persistence);
  /// a journal that refuses them makes the answer an error (the caller retries).
  template <class T>
  caf::result<T> reply_when_durable(T reply) {
    if (!journal_) {
      notify(std::exchange(notices_, {}), !std::exchange(pending_, {}).empty());
      return reply;
    }
    auto [rp, answer] = durable_reply(self_, std::move(reply));
    durable_then(std::move(answer));
    return rp;
  }

  /// Journals the entries recorded since the last call as one request (an empty one orders `done`
  /// behind the earlier ones); `done(ok)` as journal_link::send. Without persistence `done(true)`
  /// runs at once.
  template <class Done>
  void durable_then(Done done) {
    auto entries = std::exchange(pending_, {});
    auto then = [this, fills = std::exchange(notices_, {}), changed = !entries.empty(), done,
                 checkpoint = checkpoints_.due(*st_)](bool ok) mutable {
      checkpoints_.acked(ok, std::move(checkpoint));
      if (ok)
        notify(fills, changed);
      done(ok);
    };
    if (!journal_) {
      then(true);
      return;
    }
    persist_request request;
    request.account = st_->acc.id();
    request.entries = std::move(entries);
    journal_.send(std::move(request), std::move(then));
  }

  /// An account with a margin position stays awake: the liquidation actor checks running accounts only.
  static bool holds_margin(const account& acc) {
    return std::any_of(acc.positions().begin(), acc.positions().end(),
                       [](const auto& entry) { return entry.second.margin != 0; });
  }

  /// Passivates when nothing happened since the last tick, no order can still produce a report, no
  /// margin position needs watching and no session listens.
  void idle_tick() {
    const bool quiet = activity_ == activity_at_last_tick_;
    activity_at_last_tick_ = activity_;
    if (quiet && journal_.unacked() == 0 && st_->orders.empty() && st_->acc.open_orders().empty() &&
        st_->listeners.empty() && !holds_margin(st_->acc) &&
        where_->passivate(st_->acc.id(), self_->address())) {
      checkpoints_.passivating(*st_);
      self_->quit();
      return;
    }
    self_->delayed_send(self_, cfg_.idle_after, atoms::idle::value);
  }

  account_actor::pointer self_;
  std::shared_ptr<account_actor_state> st_;
  std::shared_ptr<const instrument_table> instruments_;
  std::shared_ptr<placement> where_;
  account_actor_config cfg_;
  journal_link<account_actor::pointer> journal_;
  checkpoint_schedule checkpoints_;
  std::vector<account_entry> pending_; ///< recorded, not yet handed to the journal
  std::vector<fill_notice> notices_;   ///< fills of the entries in pending_, for the listeners
  pending_submits submits_;            ///< orders sent to their books, awaiting the answer
  std::uint64_t activity_ = 0;
  std::uint64_t activity_at_last_tick_ = 0;
};

} // namespace

std::uint64_t state_hash(const account& acc) {
  std::size_t h = 0;
  for (cents c : {acc.free_cash(), acc.reserved_cash(), acc.posted_margin(), acc.short_proceeds(),
                  acc.borrowed_cash(), acc.deposited(), acc.withdrawn(), acc.fees_paid()})
    boost::hash_combine(h, c);
  boost::hash_combine(h, static_cast<int>(acc.state()));
  for (const auto& [symbol, p] : acc.positions()) {
    boost::hash_combine(h, symbol);
    for (std::int64_t v : {p.spot, p.spot_reserved, p.spot_cost, p.margin, p.margin_closing, p.margin_cost,
                           p.margin_posted, p.realized_pnl})
      boost::hash_combine(h, v);
  }
  for (const auto& [ref, r] : acc.open_orders()) {
    boost::hash_combine(h, ref);
    boost::hash_combine(h, r.symbol);
    for (std::int64_t v : {r.price, r.open_qty, r.cash})
      boost::hash_combine(h, v);
  }
  return h;
}

account_actor spawn_account(caf::actor_system& sys, std::shared_ptr<account_actor_state> state,
                            std::shared_ptr<const instrument_table> instruments,
                            std::shared_ptr<placement> where, account_actor_config cfg) {
  // State as spawn arguments: CAF 0.17 spawns argument-less function actors through a null tuple.
  return sys.spawn(
      [](account_actor::pointer self, std::shared_ptr<account_actor_state> st,
         std::shared_ptr<const instrument_table> inst, std::shared_ptr<placement> w, account_actor_config c) {
        return account_shell::behavior(std::make_shared<account_shell>(self, st, inst, w, c));
      },
      std::move(state), std::move(instruments), std::move(where), std::move(cfg));
}

} // namespace bourse
