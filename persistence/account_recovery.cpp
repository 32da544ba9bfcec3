#include "persistence/account_recovery.hpp"

#include <algorithm>
#include <chrono>

#include <spdlog/spdlog.h>

#include "persistence/batch_writer.hpp"
#include "persistence/book_event_rows.hpp"
#include "persistence/journal_rows.hpp"

namespace bourse {
namespace {

pg_error corrupt(std::string message) {
  return {reason_code::persistence_failed, {}, std::move(message)};
}

const book_event* find_event(const book_event_log& events, std::string_view symbol, sequence seq) {
  const auto log = events.find(symbol);
  if (log == events.end())
    return nullptr;
  const auto it = std::ranges::lower_bound(log->second, seq, {}, &book_event::seq);
  return it != log->second.end() && it->seq == seq ? &*it : nullptr;
}

/// Applies `entry` and credits the fees it paid to `house`.
entry_outcome apply_and_collect(account_actor_state& st, const instrument_table& instruments,
                                const account_entry& entry, const book_event* event, house_state& house) {
  const auto out = apply_entry(st, instruments, entry, event);
  if (event != nullptr) {
    const account_id me = st.acc.id();
    if (out.taker_fee > 0)
      collect(house, {entry.symbol, event->seq, me, event->client_ref, liquidity::taker, out.taker_fee});
    if (out.maker_fee > 0)
      collect(house,
              {entry.symbol, event->seq, me, event->maker_client_ref, liquidity::maker, out.maker_fee});
  }
  return out;
}

pg_expected<book_event_log> load_events(pg_connection& conn) {
  auto symbols = load_journaled_symbols(conn);
  if (!symbols)
    return symbols.error();
  book_event_log log;
  for (const auto& symbol : *symbols) {
    auto events = load_book_events(conn, symbol, 0);
    if (!events)
      return events.error();
    log.emplace(symbol, std::move(*events));
  }
  return log;
}

/// Applies to `st` the events of its orders it has not applied (sequence above its applied one);
/// returns them as journal entries.
std::vector<account_entry> catch_up(account_actor_state& st, const instrument_table& instruments,
                                    const book_event_log& events, house_state& house) {
  std::vector<account_entry> entries;
  const account_id me = st.acc.id();
  for (const auto& [symbol, log] : events) {
    const auto applied = st.applied.find(symbol);
    const sequence after = applied == st.applied.end() ? 0 : applied->second;
    for (auto it = std::ranges::upper_bound(log, after, {}, &book_event::seq); it != log.end(); ++it) {
      if (it->owner != me && it->maker_owner != me)
        continue;
      account_entry entry;
      entry.kind = account_entry_kind::report;
      entry.seq = ++st.journaled;
      entry.symbol = symbol;
      entry.book_seq = it->seq;
      if (apply_and_collect(st, instruments, entry, &*it, house).shrink)
        spdlog::warn("recovery: account {} cannot cover replaced order {} of {}", me, it->client_ref, symbol);
      entries.push_back(std::move(entry));
    }
  }
  return entries;
}

} // namespace

pg_expected<void> replay_account(account_actor_state& state, const instrument_table& instruments,
                                 std::span<const account_entry> journal, const book_event_log& events,
                                 house_state& house) {
  for (const auto& entry : journal) {
    const book_event* event = nullptr;
    if (entry.kind == account_entry_kind::report) {
      event = find_event(events, entry.symbol, entry.book_seq);
      if (event == nullptr)
        return corrupt("account " + std::to_string(state.acc.id()) + ": entry " + std::to_string(entry.seq) +
                       " names the missing event " + entry.symbol + "#" + std::to_string(entry.book_seq));
    }
    const auto out = apply_and_collect(state, instruments, entry, event, house);
    if (out.reason != entry.result)
      return corrupt("account " + std::to_string(state.acc.id()) + ": entry " + std::to_string(entry.seq) +
                     " replays to " + std::string(to_string(out.reason)) + ", journaled " +
                     std::string(to_string(entry.result)));
    state.journaled = entry.seq;
  }
  return {};
}

pg_expected<recovered_accounts> recover_accounts(pg_connection& conn, const instrument_table& instruments,
                                                 risk_limits limits) {
  const auto started = std::chrono::steady_clock::now();
  auto journals = load_account_journals(conn);
  if (!journals)
    return journals.error();
  auto events = load_events(conn);
  if (!events)
    return events.error();
  recovered_accounts out;
  journal_tables caught_up;
  std::size_t entries = 0;
  std::size_t late = 0;
  for (const auto& [id, journal] : *journals) {
    auto state = std::make_shared<account_actor_state>(id, limits);
    if (auto replayed = replay_account(*state, instruments, journal, *events, *out.house); !replayed)
      return replayed.error();
    persist_request request;
    request.account = id;
    request.entries = catch_up(*state, instruments, *events, *out.house);
    entries += journal.size();
    late += request.entries.size();
    caught_up.append(request);
    out.accounts.emplace(id, std::move(state));
  }
  if (late > 0) {
    batch_writer writer{conn};
    if (auto written = writer.write(caught_up.tables()); !written)
      return written.error();
  }
  const auto elapsed =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
  spdlog::info("recovery: {} accounts, {} journal entries replayed, {} book events caught up, {} ms",
               out.accounts.size(), entries, late, elapsed.count());
  return out;
}

} // namespace bourse
