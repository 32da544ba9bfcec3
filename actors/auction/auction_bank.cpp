#include "actors/auction/auction_bank.hpp"

#include <caf/typed_event_based_actor.hpp>

namespace bourse {

reason_code auction_bank::hold(account_id bidder, lot_id lot, cents amount) {
  account* acc = ledger_.find(bidder);
  return acc == nullptr ? reason_code::malformed_request : acc->set_hold(lot, amount);
}

reason_code auction_bank::release(account_id who, lot_id lot) {
  account* acc = ledger_.find(who);
  return acc == nullptr ? reason_code::malformed_request : acc->release_hold(lot);
}

reason_code auction_bank::escrow(const auction_settlement& s) {
  account* seller = ledger_.find(s.seller);
  if (seller == nullptr)
    return reason_code::malformed_request;
  if (seller->held_shares(s.lot) == s.qty)
    return reason_code::none;
  return seller->hold_shares(s.lot, s.symbol, s.qty);
}

reason_code auction_bank::settle(const auction_settlement& s) {
  if (settled_.contains(s.lot))
    return reason_code::none;
  account* buyer = ledger_.find(s.buyer);
  account* seller = ledger_.find(s.seller);
  if (buyer == nullptr || seller == nullptr || s.buyer == s.seller || s.qty < 0)
    return reason_code::malformed_request;
  if (buyer->held(s.lot) == 0)
    return reason_code::unknown_order;
  if (s.price <= 0 || s.price > buyer->held(s.lot))
    return reason_code::invalid_amount;
  const position* pos = seller->find_position(s.symbol);
  const quantity deliverable =
      seller->held_shares(s.lot) > 0 ? seller->held_shares(s.lot) : (pos == nullptr ? 0 : pos->spot);
  if (s.qty > 0 && deliverable < s.qty)
    return reason_code::insufficient_shares;
  // Both sides are checked: neither call below can fail now.
  if (const auto why = seller->sell_outside_book(s.lot, s.symbol, s.price, s.qty); why != reason_code::none)
    return why;
  const auto why = buyer->pay_hold(s.lot, s.symbol, s.price, s.qty);
  if (why == reason_code::none)
    settled_.insert(s.lot);
  return why;
}

auction_bank_actor spawn_ledger_bank(caf::actor_system& sys, std::shared_ptr<ledger> accounts) {
  return sys.spawn(
      [](auction_bank_actor::pointer, std::shared_ptr<ledger> books) -> auction_bank_actor::behavior_type {
        auto bank = std::make_shared<auction_bank>(*books);
        return {
            [books, bank](auction_atoms::hold, account_id who, lot_id lot, cents amount) {
              return bank->hold(who, lot, amount);
            },
            [books, bank](auction_atoms::release, account_id who, lot_id lot) {
              return bank->release(who, lot);
            },
            [books, bank](auction_atoms::escrow, const auction_settlement& s) { return bank->escrow(s); },
            [books, bank](auction_atoms::settle, const auction_settlement& s) { return bank->settle(s); },
            [](auction_atoms::tick) {
              // nop: every request is answered at once
            },
        };
      },
      std::move(accounts));
}

} // namespace bourse
