#include "actors/account/account_actor.hpp"

#include <algorithm>

#include <boost/container_hash/hash.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/account/house_actor.hpp"
#include "actors/account/margin_check.hpp"
#include "actors/runtime/errors.hpp"

namespace bourse {
namespace {

/// True when `qty` shares on `s` can only shrink the position (reduce-only orders).
bool reduces(const position& pos, side s, quantity qty, bool margin) {
  if (!margin)
    return s == side::sell && pos.spot >= qty;
  const quantity open = (s == side::sell ? pos.margin : -pos.margin) - pos.margin_closing;
  return open >= qty;
}

order_request to_request(account_id owner, const new_order& o) {
  return order_request{owner, o.client_order_id, o.order_side,  o.type,      o.tif, o.price, o.stop_price,
                       o.qty, o.display_qty,     o.expire_time, o.post_only, o.stp};
}

class account_shell {
public:
  account_shell(account_actor::pointer self, std::shared_ptr<account_actor_state> state,
                std::shared_ptr<const instrument_table> instruments, std::shared_ptr<placement> where,
                account_actor_config cfg)
      : self_(self), st_(std::move(state)), instruments_(std::move(instruments)), where_(std::move(where)),
        cfg_(cfg) {
    // nop
  }

  static account_actor::behavior_type behavior(std::shared_ptr<account_shell> s) {
    s->self_->delayed_send(s->self_, s->cfg_.idle_after, atoms::idle::value);
    return {
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
        [s](atoms::report, const execution_report& report) {
          ++s->activity_;
          s->apply(report);
          return report.event.seq;
        },
        [s](atoms::deposit, cents amount) {
          ++s->activity_;
          return s->st_->acc.deposit(amount);
        },
        [s](atoms::deposit, const std::string& symbol, quantity qty) {
          ++s->activity_;
          return s->st_->acc.issue_shares(symbol, qty);
        },
        [s](atoms::risk, risk_state next) {
          ++s->activity_;
          s->st_->acc.set_state(next);
          return next;
        },
        [s](caf::get_atom, atoms::view) { return s->view(); },
        [s](atoms::idle) { s->idle_tick(); },
    };
  }

private:
  caf::result<order_result> place(const new_order& order) {
    auto& st = *st_;
    if (auto done = st.results.find(order.client_order_id); done != st.results.end())
      return done->second;
    order_result result{order.client_order_id, order.symbol, 0, reason_code::none};
    const instrument* inst = rules_of(order.symbol);
    if (inst == nullptr) {
      result.reason = reason_code::unknown_symbol;
    } else if (!st.orders.contains(order.client_order_id)) {
      const position* pos = st.acc.find_position(order.symbol);
      if (order.reduce_only && !reduces(pos ? *pos : position{}, order.order_side, order.qty, order.margin))
        result.reason = reason_code::account_reducing_only;
      else
        result.reason = st.acc.place(*inst, to_request(st.acc.id(), order), order.margin);
      if (result.reason == reason_code::none)
        st.orders.emplace(order.client_order_id, account_actor_state::order_info{order.symbol, 0});
    }
    if (result.reason != reason_code::none) {
      st.results.emplace(order.client_order_id, result);
      return result;
    }
    return route(to_request(st.acc.id(), order), std::move(result));
  }

  /// Sends a reserved order to its book (again, after a failure: the book answers a duplicate with
  /// its first reply). The book's reports, not this reply, move the reservation.
  caf::result<order_result> route(const order_request& request, order_result result) {
    auto book = where_->book(result.symbol);
    if (!book) {
      result.reason = reason_code::unavailable;
      return result;
    }
    auto rp = self_->make_response_promise<order_result>();
    self_->request(book, cfg_.book_timeout, atoms::submit::value, request)
        .then(
            [this, rp, result](const book_reply& reply) mutable {
              result.id = reply.id;
              result.reason = reply.reason;
              st_->results.emplace(result.client_order_id, result);
              rp.deliver(result);
            },
            [rp, result](caf::error& err) mutable {
              result.reason = to_reason(err);
              rp.deliver(result);
            });
    return rp;
  }

  caf::result<order_result> cancel(const std::string& symbol, std::uint64_t client_order_id) {
    auto result = known_order(symbol, client_order_id);
    if (result.reason != reason_code::none)
      return result;
    const order_id id = result.id;
    return ask_book(
        std::move(result),
        [] {
          // nop: the client retries
        },
        atoms::cancel::value, id, st_->acc.id());
  }

  /// Holds what the replacement needs (account::prepare_replace), then asks the book; its REPLACED
  /// or REJECTED report settles the hold. A book that does not answer gets the hold back at once:
  /// a REPLACED report arriving later still applies (apply_replace needs no prepare).
  caf::result<order_result> replace(const std::string& symbol, std::uint64_t client_order_id, cents price,
                                    quantity qty) {
    auto result = known_order(symbol, client_order_id);
    const instrument* inst = rules_of(symbol);
    if (result.reason != reason_code::none || inst == nullptr)
      return result;
    result.reason = st_->acc.prepare_replace(*inst, client_order_id, price, qty);
    if (result.reason != reason_code::none)
      return result;
    const order_id id = result.id;
    return ask_book(
        std::move(result), [this, client_order_id] { st_->acc.abort_replace(client_order_id); },
        atoms::replace::value, id, st_->acc.id(), price, qty);
  }

  /// The rules of `symbol` with the price band its book uses now (books re-centre it every game
  /// day), or nullptr for an unlisted symbol. Reservations of market buys and shorts use its high.
  const instrument* rules_of(std::string_view symbol) {
    auto it = current_rules_.find(symbol);
    if (it == current_rules_.end()) {
      auto listed = instruments_->find(symbol);
      if (listed == instruments_->end())
        return nullptr;
      it = current_rules_.emplace(listed->first, listed->second).first;
    }
    if (const cents reference = where_->reference_price(symbol); reference > 0)
      it->second.reference_price = reference;
    return &it->second;
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

  /// Sends `what` to the book of `result`'s symbol and answers the client with the book's reason,
  /// or with UNAVAILABLE / TIMEOUT after calling `on_error` when the book is missing or silent.
  template <class OnError, class... Ts>
  caf::result<order_result> ask_book(order_result result, OnError on_error, Ts... what) {
    auto book = where_->book(result.symbol);
    if (!book) {
      on_error();
      result.reason = reason_code::unavailable;
      return result;
    }
    auto rp = self_->make_response_promise<order_result>();
    self_->request(book, cfg_.book_timeout, what...)
        .then(
            [rp, result](reason_code why) mutable {
              result.reason = why;
              rp.deliver(result);
            },
            [rp, result, on_error](caf::error& err) mutable {
              on_error();
              result.reason = to_reason(err);
              rp.deliver(result);
            });
    return rp;
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

  /// Applies this account's side of a book event once; older sequences are resends and skipped.
  /// ACCEPTED and REJECTED also fix the order's first result, should the book's reply be lost.
  void apply(const execution_report& report) {
    auto& st = *st_;
    auto& applied = st.applied[report.symbol];
    const auto& e = report.event;
    if (e.seq <= applied)
      return;
    applied = e.seq;
    auto inst = instruments_->find(report.symbol);
    if (inst == instruments_->end())
      return;
    const account_id me = st.acc.id();
    switch (e.kind) {
    case book_event_kind::accepted:
      if (auto it = st.orders.find(e.client_ref); it != st.orders.end())
        it->second.id = e.order;
      st.results.try_emplace(e.client_ref,
                             order_result{e.client_ref, report.symbol, e.order, reason_code::none});
      break;
    case book_event_kind::fill:
      if (e.owner == me)
        credit_house(*where_, report.symbol, me, e, liquidity::taker,
                     st.acc.apply_fill(inst->second, e.client_ref, e.price, e.qty, liquidity::taker).fee);
      if (e.maker_owner == me)
        credit_house(
            *where_, report.symbol, me, e, liquidity::maker,
            st.acc.apply_fill(inst->second, e.maker_client_ref, e.price, e.qty, liquidity::maker).fee);
      break;
    case book_event_kind::replaced:
      if (st.acc.apply_replace(*rules_of(report.symbol), e.client_ref, e.price, e.remaining) !=
          reason_code::none)
        shrink(report.symbol, e);
      break;
    case book_event_kind::cancelled:
    case book_event_kind::expired:
      st.acc.release(e.client_ref, e.qty);
      break;
    case book_event_kind::rejected:
      if (e.order != 0) {
        st.acc.abort_replace(e.client_ref);
        break;
      }
      st.acc.release_all(e.client_ref);
      st.results.try_emplace(e.client_ref, order_result{e.client_ref, report.symbol, 0, e.reason});
      break;
    default:
      break;
    }
    forget_if_closed(e.client_ref);
    if (e.kind == book_event_kind::fill)
      forget_if_closed(e.maker_client_ref);
  }

  void forget_if_closed(std::uint64_t client_ref) {
    if (st_->acc.find_order(client_ref) == nullptr)
      st_->orders.erase(client_ref);
  }

  account_view view() const {
    const auto& acc = st_->acc;
    account_view v{acc.id(), acc.state(), acc.free_cash(), acc.reserved_cash(), {}, {}, state_hash(acc)};
    for (const auto& [symbol, pos] : acc.positions())
      v.positions.push_back(position_view{symbol, pos.spot + pos.margin, pos.spot_reserved});
    for (const auto& [ref, r] : acc.open_orders()) {
      auto info = st_->orders.find(ref);
      v.open_orders.push_back(open_order_view{r.symbol, info == st_->orders.end() ? 0 : info->second.id, ref,
                                              buys(r.intent) ? side::buy : side::sell, r.price, r.open_qty});
    }
    return v;
  }

  /// An account with a margin position stays awake: the liquidation actor checks running accounts only.
  static bool holds_margin(const account& acc) {
    return std::any_of(acc.positions().begin(), acc.positions().end(),
                       [](const auto& entry) { return entry.second.margin != 0; });
  }

  /// Passivates when nothing happened since the last tick, no order can still produce a report and
  /// no margin position needs watching.
  void idle_tick() {
    const bool quiet = activity_ == activity_at_last_tick_;
    activity_at_last_tick_ = activity_;
    if (quiet && st_->orders.empty() && st_->acc.open_orders().empty() && !holds_margin(st_->acc) &&
        where_->passivate(st_->acc.id(), self_->address())) {
      self_->quit();
      return;
    }
    self_->delayed_send(self_, cfg_.idle_after, atoms::idle::value);
  }

  account_actor::pointer self_;
  std::shared_ptr<account_actor_state> st_;
  std::shared_ptr<const instrument_table> instruments_;
  instrument_table current_rules_; ///< rules of the symbols this incarnation traded, band kept current
  std::shared_ptr<placement> where_;
  account_actor_config cfg_;
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
      std::move(state), std::move(instruments), std::move(where), cfg);
}

} // namespace bourse
