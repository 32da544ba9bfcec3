#include "actors/auction/account_bank.hpp"

#include <functional>
#include <unordered_map>
#include <vector>

#include <caf/typed_event_based_actor.hpp>

#include "actors/account/ledger.hpp"
#include "actors/runtime/errors.hpp"

namespace bourse {
namespace {

using bank_pointer = auction_bank_actor::pointer;

/// Requests to account actors awaiting their answer, each with a deadline. They are sent without a
/// CAF request timeout (one clock entry and one stray timeout message per request); one sweep timer
/// per bank, armed only while requests are outstanding, answers the overdue ones TIMEOUT instead.
struct bank_state {
  struct waiting {
    caf::actor_clock::time_point deadline;
    std::function<void(reason_code)> answer;
  };
  caf::timespan timeout;
  std::unordered_map<std::uint64_t, waiting> pending;
  std::uint64_t next_id = 0;
  bool sweeping = false;

  /// Answers request `id` with `why` unless it was answered (or expired) already.
  void finish(std::uint64_t id, reason_code why) {
    auto it = pending.find(id);
    if (it == pending.end())
      return; // expired: the answer came too late
    auto answer = std::move(it->second.answer);
    pending.erase(it);
    answer(why);
  }
};

using state_ptr = std::shared_ptr<bank_state>;

/// The sweep period: half the timeout, so a request expires at most 1.5 timeouts after it was sent.
caf::timespan sweep_period(const bank_state& st) {
  return st.timeout / 2;
}

/// Answers every overdue request TIMEOUT; re-arms while requests remain.
void sweep(bank_pointer self, bank_state& st) {
  const auto now = self->clock().now();
  std::vector<std::uint64_t> overdue;
  for (const auto& [id, w] : st.pending)
    if (w.deadline <= now)
      overdue.push_back(id);
  for (const auto id : overdue)
    st.finish(id, reason_code::timeout);
  st.sweeping = !st.pending.empty();
  if (st.sweeping)
    self->delayed_send(self, sweep_period(st), auction_atoms::tick::value);
}

/// Asks `acc` and calls `answer` with its reason, why it failed, or TIMEOUT after the bank's timeout.
template <class Answer, class... Ts>
void forward(bank_pointer self, const state_ptr& st, const account_actor& acc, Answer answer, Ts... what) {
  const auto id = ++st->next_id;
  st->pending.emplace(id, bank_state::waiting{self->clock().now() + st->timeout, std::move(answer)});
  if (!st->sweeping) {
    st->sweeping = true;
    self->delayed_send(self, sweep_period(*st), auction_atoms::tick::value);
  }
  self->request(acc, caf::infinite, what...)
      .then([st, id](reason_code why) { st->finish(id, why); },
            [st, id](caf::error& err) { st->finish(id, to_reason(err)); });
}

/// Both settlement legs' answers: the first reason other than NONE, or NONE when both are.
struct leg_gather {
  caf::typed_response_promise<reason_code> rp;
  int pending = 0;
  reason_code reason = reason_code::none;

  void arrive(reason_code why) {
    if (reason == reason_code::none)
      reason = why;
    if (--pending == 0)
      rp.deliver(reason);
  }
};

/// Asks the account actor of `who` and answers with its reason (or why it could not be asked).
template <class... Ts>
caf::result<reason_code> ask_account(bank_pointer self, const state_ptr& st, placement& where, account_id who,
                                     Ts... what) {
  if (who == house_account_id)
    return reason_code::malformed_request;
  auto acc = where.account(who);
  if (!acc)
    return reason_code::unavailable;
  auto rp = self->make_response_promise<reason_code>();
  forward(
      self, st, acc, [rp](reason_code why) mutable { rp.deliver(why); }, what...);
  return rp;
}

/// Sends one leg of `g`'s settlement to `who` and counts its answer.
template <class... Ts>
void send_leg(bank_pointer self, const state_ptr& st, placement& where, std::shared_ptr<leg_gather> g,
              account_id who, Ts... what) {
  ++g->pending;
  auto acc = where.account(who);
  if (!acc) {
    g->arrive(reason_code::unavailable);
    return;
  }
  forward(
      self, st, acc, [g](reason_code why) { g->arrive(why); }, what...);
}

caf::result<reason_code> settle(bank_pointer self, const state_ptr& st, placement& where,
                                const auction_settlement& s) {
  if (s.buyer == house_account_id || s.buyer == s.seller)
    return reason_code::malformed_request;
  auto g = std::make_shared<leg_gather>();
  g->rp = self->make_response_promise<reason_code>();
  ++g->pending; // held until both legs are sent
  send_leg(self, st, where, g, s.buyer, atoms::pay_hold::value, std::uint64_t{s.lot}, s.symbol, s.price,
           s.qty, s.seller);
  if (s.seller != house_account_id)
    send_leg(self, st, where, g, s.seller, atoms::sell_out::value, std::uint64_t{s.lot}, s.symbol, s.price,
             s.qty, s.buyer);
  auto rp = g->rp;
  g->arrive(reason_code::none);
  return rp;
}

} // namespace

auction_bank_actor spawn_account_bank(caf::actor_system& sys, std::shared_ptr<placement> where,
                                      caf::timespan timeout) {
  // State as spawn arguments: CAF 0.17 spawns argument-less function actors through a null tuple.
  return sys.spawn(
      [](bank_pointer self, std::shared_ptr<placement> w,
         caf::timespan t) -> auction_bank_actor::behavior_type {
        auto st = std::make_shared<bank_state>();
        st->timeout = t;
        return {
            [self, w, st](auction_atoms::hold, account_id who, lot_id lot, cents amount) {
              return ask_account(self, st, *w, who, atoms::hold::value, std::uint64_t{lot}, std::string{},
                                 std::int64_t{amount});
            },
            [self, w, st](auction_atoms::release, account_id who, lot_id lot) {
              return ask_account(self, st, *w, who, atoms::release::value, std::uint64_t{lot});
            },
            [self, w, st](auction_atoms::escrow, const auction_settlement& s) {
              return ask_account(self, st, *w, s.seller, atoms::hold::value, std::uint64_t{s.lot}, s.symbol,
                                 std::int64_t{s.qty});
            },
            [self, w, st](auction_atoms::settle, const auction_settlement& s) {
              return settle(self, st, *w, s);
            },
            [self, st](auction_atoms::tick) { sweep(self, *st); },
        };
      },
      std::move(where), timeout);
}

} // namespace bourse
