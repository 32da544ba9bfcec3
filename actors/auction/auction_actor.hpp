#pragma once

#include <chrono>
#include <memory>

#include <caf/actor_system.hpp>

#include "actors/auction/auction_messages.hpp"
#include "persistence/persist_messages.hpp"

namespace bourse {

/// Tunables of an auction actor.
struct auction_actor_config {
  caf::timespan bank_timeout = std::chrono::seconds(2);  ///< per request to the bank
  caf::timespan tick_interval = std::chrono::seconds(1); ///< TIMER event period while running
  caf::timespan settle_retry = std::chrono::seconds(1);  ///< re-drive after a TIMEOUT/UNAVAILABLE settlement
  /// The UTC time (ns) that the actor clock's reading at spawn stands for; 0 = the system clock.
  /// Tests pin it so that the testing clock drives the lot's time.
  timestamp_ns utc_at_spawn = 0;
  /// When set, every command the lot accepts is journaled there (persistence/auction_records.hpp)
  /// before it is answered or broadcast, and before a sale's settlement starts.
  persistence_actor persistence;
};

/// Spawns the actor of one lot on `rules` (new, or restored from an auction_record after a restart:
/// a running lot continues with its end time and bids; one whose end passed meanwhile closes at once).
/// It reserves each bid's cash through `bank` before accepting it (orders simultaneous bids: one wins
/// the level, the other gets OUTBID), releases the previous high bidder's hold, extends on soft close,
/// sends TIMER every tick_interval, closes when the end time comes (a CLOSE for an older end is
/// ignored) and settles the sale through `bank` (re-driven until the bank gives a final answer, and
/// at spawn for a lot restored while SETTLING). A shares lot's shares are escrowed on the seller's
/// account at the start and released on cancel or no sale. Subscribers get STATE on join, then BID,
/// TIMER, EXTENDED and ENDED; they must re-join after a restart.
auction_actor spawn_auction(caf::actor_system& sys, std::shared_ptr<auction_rules> rules,
                            auction_bank_actor bank, auction_actor_config cfg = {});

} // namespace bourse
