#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <vector>

#include "actors/account/account_actor.hpp"
#include "persistence/batch_writer.hpp"
#include "persistence/pg_connection.hpp"
#include "persistence/table_rows.hpp"

namespace bourse {

/// What one positions projection run did.
struct position_projection_stats {
  bool locked_out = false;   ///< another projector held the lock: nothing was read
  std::int64_t accounts = 0; ///< accounts with journal entries past their cursor
  std::int64_t rebuilt = 0;  ///< of those, restored from a checkpoint or their first entry (not in memory)
  std::int64_t entries = 0;  ///< account_journal rows applied
  std::int64_t events = 0;   ///< book_events rows loaded for their REPORT entries
  std::int64_t rows = 0;     ///< positions rows written
  std::int64_t diverged = 0; ///< accounts whose replay disagreed with their journal: left at their cursor
};

/// Projects the `positions` read model (migrations 0001, 0016) from the account journals, off the
/// order path: the accounts with entries past their cursor (position_projection_cursors) are
/// advanced to the end of their journal through replay_account, i.e. the account actor's own
/// apply_entry (persistence/account_journal.hpp), so a row is exactly what the actor holds after
/// that entry; their positions rows are replaced and their cursors moved in the same REPEATABLE
/// READ transaction. The accounts' states stay in memory between runs; an account not in memory at
/// its cursor (first run, restart, a failed run, another node's run) is restored from its latest
/// checkpoint (persistence/account_checkpoint.hpp) or its first entry. A transaction-level advisory
/// lock keeps concurrent projectors apart. Errors roll the run back; the next run starts from the
/// same cursors.
class position_projector {
public:
  /// The pg_try_advisory_xact_lock key a run holds ("position" in ASCII).
  static constexpr std::int64_t lock_key = 0x706f736974696f6e;

  /// Projects through `conn` (must outlive the projector) with the listed `instruments` and the
  /// accounts' risk limits, both as the node's accounts have them (a replayed verdict depends on them).
  position_projector(pg_connection& conn, std::shared_ptr<const instrument_registry> instruments,
                     risk_limits limits = {});

  /// One run; the error of the first failing statement (the run is rolled back; the states it
  /// advanced stay in memory ahead of their cursors, so the next run restores them).
  pg_expected<position_projection_stats> run();

private:
  pg_expected<position_projection_stats> project(position_projection_stats stats);
  /// Puts the state of every account in `ids` into states_: its latest checkpoint, or empty.
  pg_expected<void> restore(const std::map<account_id, sequence>& ids);
  /// Replaces the positions rows and cursors of the accounts in `changed`.
  pg_expected<void> write(const std::vector<account_id>& changed, position_projection_stats& stats);

  pg_connection& conn_;
  std::shared_ptr<const instrument_registry> instruments_;
  risk_limits limits_;
  std::map<account_id, account_actor_state> states_; ///< each at its journaled seq
  batch_writer writer_;
  table_rows rows_; ///< the run's positions rows
};

} // namespace bourse
