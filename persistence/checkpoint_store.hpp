#pragma once

#include <map>
#include <optional>
#include <string_view>

#include "persistence/checkpoint_record.hpp"
#include "persistence/pg_connection.hpp"

namespace bourse {

/// The latest row of account_checkpoints of every account that has one, by id (not decoded).
pg_expected<std::map<account_id, account_checkpoint>> load_latest_checkpoints(pg_connection& conn);

/// Deletes every checkpoint of an account but its `keep` latest (the one recovery used and, should
/// it be unreadable next time, one before it).
pg_expected<void> prune_checkpoints(pg_connection& conn, int keep = 2);

/// The latest row of book_snapshots of `symbol` (not decoded), nullopt when it has none.
pg_expected<std::optional<book_snapshot_record>> load_latest_book_snapshot(pg_connection& conn,
                                                                           std::string_view symbol);

/// Deletes every snapshot of `symbol` but its `keep` latest.
pg_expected<void> prune_book_snapshots(pg_connection& conn, std::string_view symbol, int keep = 2);

} // namespace bourse
