#pragma once

#include <map>
#include <string>
#include <vector>

#include "persistence/durable_records.hpp"
#include "persistence/pg_connection.hpp"

namespace bourse {

/// The journal of one book: commands in cmd_seq order, cut at the first gap.
using book_journal = std::vector<book_command>;

/// Symbols that have journaled commands.
pg_expected<std::vector<std::string>> load_journaled_symbols(pg_connection& conn);

/// The command journal of `symbol`.
pg_expected<book_journal> load_book_journal(pg_connection& conn, std::string_view symbol);

/// The journal of one account: entries in seq order, cut at the first gap.
using account_journal = std::vector<account_entry>;

/// The journal of every account that has one, by id. With `after`, an account listed there gets
/// only its entries from seq after[id] + 1 on (its tail after a checkpoint; cut at the first gap,
/// empty when none follows; absent when no entry follows); the others get their whole journal.
pg_expected<std::map<account_id, account_journal>>
load_account_journals(pg_connection& conn, const std::map<account_id, sequence>& after = {});

} // namespace bourse
