#include "persistence/book_recovery.hpp"

#include <chrono>

#include <spdlog/spdlog.h>

namespace bourse {
namespace {

pg_error corrupt(std::string message) {
  return {reason_code::persistence_failed, {}, std::move(message)};
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
    state.journaled = c.cmd_seq;
  }
  return {};
}

pg_expected<std::shared_ptr<book_state>> recover_book(pg_connection& conn, const instrument& rules) {
  auto journal = load_book_journal(conn, rules.symbol);
  if (!journal)
    return journal.error();
  auto state = std::make_shared<book_state>(rules);
  if (auto replayed = replay_book(*state, *journal); !replayed)
    return replayed.error();
  return state;
}

void log_books(const std::map<std::string, std::shared_ptr<book_state>>& books,
               std::chrono::steady_clock::time_point started) {
  std::size_t commands = 0;
  std::size_t open_orders = 0;
  for (const auto& [symbol, state] : books) {
    commands += state->journaled;
    open_orders += state->book.open_order_count();
  }
  const auto elapsed =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
  spdlog::info("recovery: {} books, {} commands replayed, {} open orders, {} ms", books.size(), commands,
               open_orders, elapsed.count());
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
  log_books(books, started);
  return books;
}

} // namespace bourse
