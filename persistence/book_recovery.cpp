#include "persistence/book_recovery.hpp"

#include <chrono>

#include <spdlog/spdlog.h>

#include "persistence/book_snapshot_codec.hpp"
#include "persistence/checkpoint_store.hpp"

namespace bourse {
namespace {

pg_error corrupt(std::string message) {
  return {reason_code::persistence_failed, {}, std::move(message)};
}

/// The state in the latest snapshot of `rules.symbol`; nullptr when it has none, or when it does
/// not decode or names another cmd_seq than its row (logged: the book is then replayed in full).
pg_expected<std::shared_ptr<book_state>> restore_snapshot(pg_connection& conn, const instrument& rules) {
  auto row = load_latest_book_snapshot(conn, rules.symbol);
  if (!row)
    return row.error();
  if (!*row)
    return nullptr;
  auto state = decode_book_snapshot((*row)->state, rules);
  if (state && (*state)->journaled != (*row)->cmd_seq)
    state = corrupt("book snapshot names another cmd_seq");
  if (!state) {
    spdlog::warn("recovery: book {}: snapshot at command {} not used ({}: {}), replaying the whole journal",
                 rules.symbol, (*row)->cmd_seq, to_string(state.error().code), state.error().message);
    return nullptr;
  }
  return std::move(*state);
}

} // namespace

pg_expected<void> replay_book(book_state& state, std::span<const book_command> journal) {
  std::vector<book_event> events;
  for (const auto& c : journal) {
    events.clear();
    const auto id = execute(state.book, c, events);
    if (state.book.last_sequence() != c.last_seq)
      return corrupt("book " + state.book.rules().symbol + ": command " + std::to_string(c.cmd_seq) +
                     " replays to sequence " + std::to_string(state.book.last_sequence()) + ", journaled " +
                     std::to_string(c.last_seq));
    if (c.kind == book_command_kind::submit)
      state.replies.try_emplace({c.request.owner, c.request.client_ref},
                                book_reply{id, submit_verdict(events)});
    if (c.kind == book_command_kind::end_of_day)
      forget_closed_replies(state);
    state.journaled = c.cmd_seq;
  }
  return {};
}

pg_expected<std::shared_ptr<book_state>> recover_book(pg_connection& conn, const instrument& rules) {
  auto snapshot = restore_snapshot(conn, rules);
  if (!snapshot)
    return snapshot.error();
  if (auto state = std::move(*snapshot)) {
    const auto from = state->journaled;
    auto tail = load_book_journal(conn, rules.symbol, from);
    if (!tail)
      return tail.error();
    const auto replayed = replay_book(*state, *tail);
    if (replayed) {
      spdlog::info("recovery: book {} from its snapshot at command {}, {} commands replayed", rules.symbol,
                   from, tail->size());
      if (auto pruned = prune_book_snapshots(conn, rules.symbol); !pruned)
        return pruned.error();
      return state;
    }
    spdlog::warn(
        "recovery: book {}: the commands after its snapshot at {} do not replay on it ({}), replaying "
        "the whole journal",
        rules.symbol, from, replayed.error().message);
  }
  auto journal = load_book_journal(conn, rules.symbol);
  if (!journal)
    return journal.error();
  auto state = std::make_shared<book_state>(rules);
  if (auto replayed = replay_book(*state, *journal); !replayed)
    return replayed.error();
  return state;
}

void log_books(const std::map<std::string, std::shared_ptr<book_state>>& books,
               std::chrono::steady_clock::duration spent) {
  std::size_t commands = 0;
  std::size_t open_orders = 0;
  for (const auto& [symbol, state] : books) {
    commands += state->journaled;
    open_orders += state->book.open_order_count();
  }
  spdlog::info("recovery: {} books, {} commands journaled, {} open orders, {} ms", books.size(), commands,
               open_orders, std::chrono::duration_cast<std::chrono::milliseconds>(spent).count());
}

pg_expected<std::map<std::string, std::shared_ptr<book_state>>>
recover_books(pg_connection& conn, const instrument_table& instruments) {
  const auto started = std::chrono::steady_clock::now();
  auto symbols = load_journaled_symbols(conn);
  if (!symbols)
    return symbols.error();
  std::map<std::string, std::shared_ptr<book_state>> books;
  for (const auto& symbol : *symbols) {
    auto inst = instruments.find(symbol);
    if (inst == instruments.end())
      return corrupt("journal of unknown symbol " + symbol);
    auto state = recover_book(conn, inst->second);
    if (!state)
      return state.error();
    books.emplace(symbol, std::move(*state));
  }
  log_books(books, std::chrono::steady_clock::now() - started);
  return books;
}

} // namespace bourse
