#include "actors/auction/account_bank.hpp"

#include <caf/typed_event_based_actor.hpp>

#include "actors/account/ledger.hpp"
#include "actors/runtime/errors.hpp"

namespace bourse {
namespace {

using bank_pointer = auction_bank_actor::pointer;

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
caf::result<reason_code> ask_account(bank_pointer self, placement& where, caf::timespan timeout,
                                     account_id who, Ts... what) {
  if (who == house_account_id)
    return reason_code::malformed_request;
  auto acc = where.account(who);
  if (!acc)
    return reason_code::unavailable;
  auto rp = self->make_response_promise<reason_code>();
  self->request(acc, timeout, what...)
      .then([rp](reason_code why) mutable { rp.deliver(why); },
            [rp](caf::error& err) mutable { rp.deliver(to_reason(err)); });
  return rp;
}

/// Sends one leg of `g`'s settlement to `who` and counts its answer.
template <class... Ts>
void send_leg(bank_pointer self, placement& where, caf::timespan timeout, std::shared_ptr<leg_gather> g,
              account_id who, Ts... what) {
  ++g->pending;
  auto acc = where.account(who);
  if (!acc) {
    g->arrive(reason_code::unavailable);
    return;
  }
  self->request(acc, timeout, what...)
      .then([g](reason_code why) { g->arrive(why); }, [g](caf::error& err) { g->arrive(to_reason(err)); });
}

caf::result<reason_code> settle(bank_pointer self, placement& where, caf::timespan timeout,
                                const auction_settlement& s) {
  if (s.buyer == house_account_id || s.buyer == s.seller)
    return reason_code::malformed_request;
  auto g = std::make_shared<leg_gather>();
  g->rp = self->make_response_promise<reason_code>();
  ++g->pending; // held until both legs are sent
  send_leg(self, where, timeout, g, s.buyer, atoms::pay_hold::value, std::uint64_t{s.lot}, s.symbol, s.price,
           s.qty, s.seller);
  if (s.seller != house_account_id)
    send_leg(self, where, timeout, g, s.seller, atoms::sell_out::value, std::uint64_t{s.lot}, s.symbol,
             s.price, s.qty, s.buyer);
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
        return {
            [self, w, t](auction_atoms::hold, account_id who, lot_id lot, cents amount) {
              return ask_account(self, *w, t, who, atoms::hold::value, std::uint64_t{lot}, std::string{},
                                 std::int64_t{amount});
            },
            [self, w, t](auction_atoms::release, account_id who, lot_id lot) {
              return ask_account(self, *w, t, who, atoms::release::value, std::uint64_t{lot});
            },
            [self, w, t](auction_atoms::escrow, const auction_settlement& s) {
              return ask_account(self, *w, t, s.seller, atoms::hold::value, std::uint64_t{s.lot}, s.symbol,
                                 std::int64_t{s.qty});
            },
            [self, w, t](auction_atoms::settle, const auction_settlement& s) {
              return settle(self, *w, t, s);
            },
        };
      },
      std::move(where), timeout);
}

} // namespace bourse
