#pragma once

#include <cstdint>
#include <string>

#include "persistence/batch_writer.hpp"
#include "persistence/pg_connection.hpp"
#include "persistence/table_rows.hpp"

namespace bourse {

/// What one projection run did.
struct projection_stats {
  bool locked_out = false;     ///< another projector held the lock: nothing was read
  std::int64_t books = 0;      ///< books with new commands
  std::int64_t commands = 0;   ///< book_commands rows read
  std::int64_t events = 0;     ///< book_events rows read
  std::int64_t entries = 0;    ///< account_journal rows read (for the margin flag)
  std::int64_t inserted = 0;   ///< orders rows added
  std::int64_t updated = 0;    ///< orders rows changed
  std::int64_t duplicates = 0; ///< new orders skipped: their (user_id, client_order_id) was taken
  std::int64_t orphans = 0;    ///< events of orders whose SUBMIT or row was not found
};

/// Projects the `orders` read model (migrations 0002, 0015) from the journals the persistence actor
/// writes (book_commands, book_events, account_journal), off the order path: each run is one
/// REPEATABLE READ transaction on the caller's connection that reads only the journal rows past each
/// book's cursor (order_projection_cursors, keyed by the journals' primary keys), folds them
/// (order_fold) and writes the changed orders and the new cursors together, so a run projects a
/// row once or not at all. A transaction-level advisory lock keeps concurrent projectors of several
/// nodes apart. Errors roll the run back; the next run starts from the same cursors.
class order_projector {
public:
  /// The pg_try_advisory_xact_lock key a run holds ("orders" in ASCII).
  static constexpr std::int64_t lock_key = 0x6f7264657273;

  /// Projects through `conn` (must outlive the projector); each run reads at most
  /// `max_commands_per_book` commands of each book (a backlog is worked off over several runs).
  explicit order_projector(pg_connection& conn, std::int64_t max_commands_per_book = 50'000);

  /// One run; the error of the first failing statement (the run is rolled back).
  pg_expected<projection_stats> run();

private:
  struct book_cursor {
    std::string symbol;
    std::int64_t cmd_seq = 0;
    std::int64_t last_seq = 0;
  };

  pg_expected<projection_stats> project(projection_stats stats);
  /// Folds one book's commands and events past `cursor` into stage_; moves the cursor.
  pg_expected<void> project_book(book_cursor& cursor, projection_stats& stats);
  /// Inserts and updates the staged orders; sets the margin flag of the new ones.
  pg_expected<void> write(projection_stats& stats);

  pg_connection& conn_;
  std::int64_t max_commands_;
  batch_writer writer_;
  table_rows stage_; ///< the run's changed orders, copied into a temporary table
  std::int64_t staged_fresh_ = 0;
  std::int64_t staged_existing_ = 0;
  bool stage_ready_ = false; ///< the connection's temporary table exists
};

} // namespace bourse
