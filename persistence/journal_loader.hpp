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

/// The command journal of `symbol` from cmd_seq after + 1 on (its tail after a snapshot; empty when
/// it does not start there), cut at the first gap.
pg_expected<book_journal> load_book_journal(pg_connection& conn, std::string_view symbol, sequence after = 0);

/// The journal of one account: entries in seq order, cut at the first gap.
using account_journal = std::vector<account_entry>;

/// The journal of every account that has one, by id. With `after`, an account listed there gets
/// only its entries from seq after[id] + 1 on (its tail after a checkpoint; cut at the first gap,
/// empty when none follows; absent when no entry follows); the others get their whole journal.
/// Read in heap order: without `after` one sequential scan, with it one bitmap heap scan (per
/// thousand distinct tail starts; see tails_statements in journal_loader.cpp).
pg_expected<std::map<account_id, account_journal>>
load_account_journals(pg_connection& conn, const std::map<account_id, sequence>& after = {});

} // namespace bourse
