#pragma once

#include <caf/actor_system.hpp>

#include "persistence/group_committer.hpp"
#include "persistence/persist_messages.hpp"

namespace bourse {

/// Tunables of the persistence actor.
struct persistence_config {
  group_commit_config commit;
  fault_hook fault; ///< tests only: interrupts writes on purpose
};

/// Spawns the persistence actor of a node. It runs on the scheduler but never blocks: requests go
/// to a group_committer whose own thread does the database work, and each sender's durable_ack is
/// sent once its batch has committed (or BUSY at once when the queue is over its bound). Acks are
/// sent in the order the requests arrived. Stopping the actor writes what is queued first.
persistence_actor spawn_persistence(caf::actor_system& sys, persistence_config cfg);

} // namespace bourse
