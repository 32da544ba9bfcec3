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

/// Rebuilds the book of `rules.symbol`: from its latest snapshot (book_snapshot_codec.hpp) and the
/// commands after it, or from its whole journal when it has no snapshot, when the snapshot does not
/// decode, or when the commands after it do not replay on it (both logged); an empty book when it
/// has neither. After using a snapshot, keeps the book's two latest.
pg_expected<std::shared_ptr<book_state>> recover_book(pg_connection& conn, const instrument& rules);

/// Logs books, commands journaled, open orders and the milliseconds `spent` rebuilding them (summed
/// over threads).
void log_books(const std::map<std::string, std::shared_ptr<book_state>>& books,
               std::chrono::steady_clock::duration spent);

/// Rebuilds the book of every symbol that has a journal and logs how long it took; a symbol not in
/// `instruments` is an error.
pg_expected<std::map<std::string, std::shared_ptr<book_state>>>
recover_books(pg_connection& conn, const instrument_table& instruments);

} // namespace bourse
