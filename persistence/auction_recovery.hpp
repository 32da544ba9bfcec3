#pragma once

#include <map>
#include <memory>
#include <span>

#include "actors/account/account_actor.hpp"
#include "actors/auction/auction_rules.hpp"
#include "persistence/auction_records.hpp"
#include "persistence/pg_connection.hpp"

namespace bourse {

/// Rebuilds one lot by replaying its journaled commands through auction_rules (the first must be
/// CREATE); PERSISTENCE_FAILED when a command does not replay as it ran (a refused bid, a close
/// before the end). Refused bids are replayed as refusals, so the rate limit counts what the live
/// lot counted: every attempt but the RATE_LIMITED ones.
pg_expected<std::shared_ptr<auction_rules>> replay_auction(std::span<const auction_command> journal);

/// Every journaled lot rebuilt from auction_lots and auction_journal (cut at a lot's first gap), by
/// id: running lots with their end time and bids, lots SETTLING (closed, sold, settlement not
/// finished) to be re-driven, and finished ones for the listing.
pg_expected<std::map<lot_id, std::shared_ptr<auction_rules>>> recover_auctions(pg_connection& conn);

/// Releases the auction holds and escrows of `accounts` that no recovered lot needs any more (a
/// release lost in a crash, the hold of a bid whose BID command never became durable): kept are the
/// high bidder's hold and the seller's escrow of a running lot and the winner's hold and the escrow of
/// a SETTLING one. Each release is applied as a RELEASE_HOLD entry and journaled before the node
/// starts; returns how many.
pg_expected<std::size_t>
release_stray_holds(pg_connection& conn,
                    const std::map<account_id, std::shared_ptr<account_actor_state>>& accounts,
                    const std::map<lot_id, std::shared_ptr<auction_rules>>& lots);

} // namespace bourse
