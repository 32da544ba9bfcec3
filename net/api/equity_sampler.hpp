#pragma once

#include "actors/runtime/exchange.hpp"
#include "net/store/pg_equity_store.hpp"

#include <caf/actor.hpp>
#include <caf/actor_system.hpp>

#include <chrono>
#include <memory>
#include <string>

namespace bourse::net::api {

/// Settings of the equity curve's sampling (config `game.equity_sample_interval_s`,
/// `game.equity_retention_days`).
struct equity_sampler_config {
  std::chrono::seconds interval{60};       ///< between two samplings; 0: only when asked
  std::chrono::hours retention{24 * 30};   ///< samples older than this are deleted (hourly)
  std::chrono::milliseconds timeout{2000}; ///< for each market-data and account actor asked
  std::size_t max_accounts = 100'000;      ///< accounts valued per sampling
};

/// Spawns the equity sampler: a detached actor (its writes block on PostgreSQL) that every
/// `cfg.interval` values the node's accounts at mark prices (running ones through their actors,
/// passivated ones from their checkpoints, net/api/account_views.hpp) and appends, on its own connection
/// to `conninfo` (pg_equity_store), one
/// equity_sample for each account whose equity or cash changed since its last sample (every account
/// at the first sampling). A request `(get_atom)` samples at once and answers the number of samples
/// written (std::int64_t), or an error when the database failed (logged; the next sampling writes
/// the same changes). Stop it with an exit message.
caf::actor spawn_equity_sampler(caf::actor_system& sys, const exchange& ex, const std::string& conninfo,
                                equity_sampler_config cfg);

} // namespace bourse::net::api
