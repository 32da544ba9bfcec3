#pragma once

#include "actors/auction/auction_messages.hpp"

#include <caf/actor_system.hpp>

namespace bourse::net::api {

/// Spawns the auctions' bank: the provided auction_bank over a private ledger (not the trading
/// accounts, whose actors take no auction holds), an "auction wallet" per account opened on first
/// use with opening_cash cents. Sellers are paid into their wallet (the house at account 0); a shares
/// lot settles only when the seller's wallet holds the shares, which no route issues, so shares lots
/// end INSUFFICIENT_SHARES at settlement; item lots settle.
auction_bank_actor spawn_auction_wallet(caf::actor_system& sys, cents opening_cash);

} // namespace bourse::net::api
