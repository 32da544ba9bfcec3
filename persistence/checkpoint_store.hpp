#pragma once

#include <map>

#include "persistence/checkpoint_record.hpp"
#include "persistence/pg_connection.hpp"

namespace bourse {

/// The latest row of account_checkpoints of every account that has one, by id (not decoded).
pg_expected<std::map<account_id, account_checkpoint>> load_latest_checkpoints(pg_connection& conn);

/// Deletes every checkpoint of an account but its `keep` latest (the one recovery used and, should
/// it be unreadable next time, one before it).
pg_expected<void> prune_checkpoints(pg_connection& conn, int keep = 2);

} // namespace bourse
