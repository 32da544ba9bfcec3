#pragma once

#include "actors/auction/auction_actor.hpp"

#include <caf/actor_system.hpp>

#include <map>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace bourse::net::api {

/// The node's auction lots: one auction actor per lot, all over one bank, ids from 1 upwards.
/// Thread-safe (HTTP threads and WebSocket sessions share it). Lots live until stop(); with
/// `cfg.persistence` they are journaled and survive a restart as `recovered` lots.
class auction_registry {
public:
  /// Spawns an actor for each `recovered` lot (persistence/auction_recovery.hpp: a running lot goes
  /// on, a SETTLING one settles); new ids continue after the highest.
  auction_registry(caf::actor_system& sys, auction_bank_actor bank, auction_actor_config cfg = {},
                   const std::map<lot_id, std::shared_ptr<auction_rules>>& recovered = {});

  /// Validates lot (INVALID_LOT), gives it the next id and spawns its actor, SCHEDULED at now
  /// (ns UTC); returns the id, or 0 and the reason.
  std::pair<lot_id, reason_code> create(lot_definition lot, timestamp_ns now);
  /// The actor of lot id, or an invalid handle.
  auction_actor find(lot_id id) const;
  /// Every lot, by id.
  std::vector<std::pair<lot_id, auction_actor>> all() const;
  /// Stops every lot's actor and the bank.
  void stop();

private:
  caf::actor_system& sys_;
  auction_bank_actor bank_;
  auction_actor_config cfg_;
  mutable std::mutex mutex_;
  lot_id next_id_ = 1;
  std::map<lot_id, auction_actor> lots_;
};

} // namespace bourse::net::api
