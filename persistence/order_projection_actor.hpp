#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include <caf/actor.hpp>
#include <caf/actor_system.hpp>

namespace bourse {

/// Settings of the orders read model's projection (docs/persistence.md, "Orders read model").
struct order_projection_config {
  std::string conninfo;                        ///< libpq URL or conninfo of the journal's database
  std::chrono::milliseconds interval{500};     ///< pause between two runs
  std::int64_t max_commands_per_book = 50'000; ///< commands of one book per run (backlogs take several)
};

/// Spawns the projection: a detached actor (its own thread, since a run blocks on PostgreSQL) that
/// runs order_projector on its own connection every `cfg.interval`. A failed run or a lost
/// connection is logged and retried at the next tick (the connection is reopened then); trading
/// never waits for it. Stop it with an exit message; a run under way finishes first.
caf::actor spawn_order_projection(caf::actor_system& sys, order_projection_config cfg);

} // namespace bourse
