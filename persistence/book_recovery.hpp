#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "actors/book/book_actor.hpp"
#include "persistence/book_journal.hpp"
#include "persistence/journal_loader.hpp"

namespace bourse {

/// Replays one book's journal into `state` (fresh, or recovered up to an earlier cmd_seq): the same
/// commands through the same deterministic engine give the same state and hash; submits also
/// rebuild the book's idempotency replies. Fails with persistence_failed when a command does not end
/// at its journaled sequence.
pg_expected<void> replay_book(book_state& state, std::span<const book_command> journal);

/// Rebuilds the book of `rules.symbol` from its journal (an empty book when it has none).
pg_expected<std::shared_ptr<book_state>> recover_book(pg_connection& conn, const instrument& rules);

/// Logs books, commands replayed, open orders and the milliseconds since `started`.
void log_books(const std::map<std::string, std::shared_ptr<book_state>>& books,
               std::chrono::steady_clock::time_point started);

/// Rebuilds the book of every symbol that has a journal and logs how long it took; a symbol not in
/// `instruments` is an error.
pg_expected<std::map<std::string, std::shared_ptr<book_state>>>
recover_books(pg_connection& conn, const instrument_table& instruments);

} // namespace bourse
