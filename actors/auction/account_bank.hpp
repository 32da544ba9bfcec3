#pragma once

#include <chrono>
#include <memory>

#include <caf/actor_system.hpp>

#include "actors/auction/auction_messages.hpp"
#include "actors/runtime/placement.hpp"

namespace bourse {

/// Spawns the auctions' bank over the trading accounts: each hold, release, escrow and settlement
/// leg goes to the account actor found through `where` (never a node-local pointer) as that actor's
/// auction message (actors/runtime/interfaces.hpp), journaled there and answered once durable.
/// Settlement asks the buyer (PAY_HOLD) and, unless the house sells, the seller (SELL_OUTSIDE_BOOK)
/// at once; both legs are idempotent by lot, so a settlement re-driven after a timeout or a crash
/// completes without paying twice. The house (account 0) holds nothing: holds and escrows for it are
/// MALFORMED_REQUEST, so a house lot can only be an item lot. Each request is answered TIMEOUT when
/// its account has not answered within `timeout` (one expiry sweep per bank every timeout / 2 while
/// requests are outstanding, instead of a CAF timeout per request); a missing account actor gives
/// UNAVAILABLE.
auction_bank_actor spawn_account_bank(caf::actor_system& sys, std::shared_ptr<placement> where,
                                      caf::timespan timeout = std::chrono::seconds(2));

} // namespace bourse
