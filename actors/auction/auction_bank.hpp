#pragma once

#include <memory>
#include <set>

#include <caf/actor_system.hpp>

#include "actors/account/ledger.hpp"
#include "actors/auction/auction_messages.hpp"

namespace bourse {

/// The accounts' side of auctions over a ledger: cash holds per (account, lot) and atomic settlement.
/// Plain C++; the hold of a bidder is the lot id as the account's hold_ref.
class auction_bank {
public:
  explicit auction_bank(ledger& accounts) : ledger_(accounts) {}

  /// Sets the bidder's hold on `lot` to `amount` cents. MALFORMED_REQUEST for an unknown account,
  /// else account::set_hold's reason.
  reason_code hold(account_id bidder, lot_id lot, cents amount);
  /// Releases the account's hold on `lot` (cash and escrowed shares). MALFORMED_REQUEST, UNKNOWN_ORDER.
  reason_code release(account_id who, lot_id lot);
  /// Escrows the seller's `s.qty` shares of `s.symbol` under `s.lot`: NONE (also when escrowed
  /// already), MALFORMED_REQUEST (unknown seller), INSUFFICIENT_SHARES, INVALID_QUANTITY.
  reason_code escrow(const auction_settlement& s);
  /// Moves the price from the buyer's hold to the seller and the shares (escrowed, else free spot)
  /// from the seller to the buyer, both or neither: MALFORMED_REQUEST (unknown account, buyer ==
  /// seller), UNKNOWN_ORDER (no hold), INVALID_AMOUNT (price above the hold), INSUFFICIENT_SHARES.
  /// A lot settled already answers NONE and moves nothing.
  reason_code settle(const auction_settlement& s);

private:
  ledger& ledger_;
  std::set<lot_id> settled_;
};

/// Spawns an auction_bank_actor serving `accounts` (tests, benchmarks and single-node games whose
/// accounts live in one ledger).
auction_bank_actor spawn_ledger_bank(caf::actor_system& sys, std::shared_ptr<ledger> accounts);

} // namespace bourse
