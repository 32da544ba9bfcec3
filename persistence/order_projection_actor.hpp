#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include <caf/actor.hpp>
#include <caf/actor_system.hpp>

#include "actors/account/account.hpp"
#include "actors/account/instrument_registry.hpp"
#include "persistence/candle_retention.hpp"

namespace bourse {

/// Settings of the read models' projection and of candle retention (docs/persistence.md, "Orders read
/// model", "Positions read model" and "Candle retention").
struct order_projection_config {
  std::string conninfo;                        ///< libpq URL or conninfo of the journal's database
  std::chrono::milliseconds interval{500};     ///< pause between two runs
  std::int64_t max_commands_per_book = 50'000; ///< commands of one book per run (backlogs take several)
  /// The listed rules the accounts trade under; null: the positions table is not projected.
  std::shared_ptr<const instrument_registry> instruments;
  risk_limits limits;       ///< the accounts' risk limits (a replayed verdict depends on them)
  candle_retention candles; ///< pruned on the same connection; no max age: never
  /// Pause between two prunings of `candles` (the next tick instead while a backlog is left).
  std::chrono::seconds candle_prune_interval{60};
};

/// Spawns the projection: a detached actor (its own thread, since a run blocks on PostgreSQL) that
/// runs order_projector, then position_projector (with `cfg.instruments`), on its own connection
/// every `cfg.interval`, and prune_candles every `cfg.candle_prune_interval` after them. A failed run or a
/// lost connection is logged and retried at the next tick (the connection is reopened then); trading never
/// waits for it. Stop it with an exit message; a run under way finishes first.
caf::actor spawn_order_projection(caf::actor_system& sys, order_projection_config cfg);

} // namespace bourse
