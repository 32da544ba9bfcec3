#include "persistence/account_recovery.hpp"

#include "persistence/auction_entries.hpp"

#include <algorithm>
#include <chrono>
#include <unordered_map>

#include <spdlog/spdlog.h>

#include "persistence/account_checkpoint.hpp"
#include "persistence/batch_writer.hpp"
#include "persistence/book_event_rows.hpp"
#include "persistence/checkpoint_store.hpp"
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
  collect(house, house_credit(st.acc.id(), entry, out.reason));
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

/// Per symbol, the book sequence after which the recovery needs events (see event_floors).
using event_floors_map = std::map<std::string, sequence, std::less<>>;

/// The events each symbol's floor asks for (a symbol without a floor: none).
pg_expected<book_event_log> load_events(pg_connection& conn, const event_floors_map& floors) {
  book_event_log log;
  for (const auto& [symbol, after] : floors) {
    auto events = load_book_events(conn, symbol, after);
    if (!events)
      return events.error();
    log.emplace(symbol, std::move(*events));
  }
  return log;
}

/// Per symbol, the lowest book sequence an account still needs events after: an account replayed
/// from scratch needs every event; one restored from a checkpoint needs, for the symbols of its open
/// orders and of its journal tail, the events after its `applied` one (its tail's reports and its
/// catch-up name only later events, as an account applies a symbol's events in order). Other
/// symbols need nothing: every event of a closed order was applied before the checkpoint.
event_floors_map event_floors(const std::vector<std::string>& symbols,
                              const std::map<account_id, std::shared_ptr<account_actor_state>>& restored,
                              const std::map<account_id, account_journal>& journals) {
  event_floors_map floors;
  auto need = [&](std::string_view symbol, sequence after) {
    if (symbol.empty())
      return;
    auto [it, fresh] = floors.try_emplace(std::string{symbol}, after);
    if (!fresh)
      it->second = std::min(it->second, after);
  };
  for (const auto& [id, journal] : journals)
    if (!journal.empty() && !restored.contains(id))
      for (const auto& symbol : symbols)
        need(symbol, 0);
  for (const auto& [id, st] : restored) {
    auto need_applied = [&](std::string_view symbol) {
      const auto applied = st->applied.find(symbol);
      need(symbol, applied == st->applied.end() ? 0 : applied->second);
    };
    for (const auto& [ref, order] : st->orders)
      need_applied(order.symbol);
    for (const auto& [ref, order] : st->acc.open_orders())
      need_applied(order.symbol);
    if (const auto tail = journals.find(id); tail != journals.end())
      for (const auto& entry : tail->second)
        need_applied(entry.kind == account_entry_kind::place ? entry.order.symbol : entry.symbol);
  }
  return floors;
}

/// The latest usable checkpoint of every account that has one. An unreadable one is logged and
/// skipped: its account is replayed from its first entry.
pg_expected<std::map<account_id, std::shared_ptr<account_actor_state>>>
restore_checkpoints(pg_connection& conn, risk_limits limits) {
  auto rows = load_latest_checkpoints(conn);
  if (!rows)
    return rows.error();
  std::map<account_id, std::shared_ptr<account_actor_state>> restored;
  for (const auto& [id, row] : *rows) {
    auto state = decode_checkpoint(row.state, limits);
    if (state && (state->acc.id() != id || state->journaled != row.seq))
      state = pg_error{reason_code::persistence_failed, {}, "checkpoint names another account or seq"};
    if (!state) {
      spdlog::warn(
          "recovery: account {}: checkpoint at seq {} not used ({}: {}), replaying the whole journal", id,
          row.seq, to_string(state.error().code), state.error().message);
      continue;
    }
    restored.emplace(id, std::make_shared<account_actor_state>(std::move(*state)));
  }
  return restored;
}

/// Per symbol, each account's events (as owner or maker) in sequence order: catch_up visits only
/// its own events instead of every account scanning whole logs.
using events_by_account =
    std::map<std::string_view, std::unordered_map<account_id, std::vector<const book_event*>>>;

events_by_account index_by_account(const book_event_log& events) {
  events_by_account index;
  for (const auto& [symbol, log] : events) {
    auto& mine = index[symbol];
    for (const auto& event : log) {
      if (event.owner != 0)
        mine[event.owner].push_back(&event);
      if (event.maker_owner != 0 && event.maker_owner != event.owner)
        mine[event.maker_owner].push_back(&event);
    }
  }
  return index;
}

/// Applies to `st` the events of its orders it has not applied (sequence above its applied one);
/// returns them as journal entries.
std::vector<account_entry> catch_up(account_actor_state& st, const instrument_table& instruments,
                                    const events_by_account& events, house_state& house) {
  std::vector<account_entry> entries;
  const account_id me = st.acc.id();
  for (const auto& [symbol, accounts] : events) {
    const auto log = accounts.find(me);
    if (log == accounts.end())
      continue;
    const auto applied = st.applied.find(symbol);
    const sequence after = applied == st.applied.end() ? 0 : applied->second;
    for (auto it = std::ranges::upper_bound(log->second, after, {}, &book_event::seq);
         it != log->second.end(); ++it) {
      account_entry entry;
      entry.kind = account_entry_kind::report;
      entry.seq = ++st.journaled;
      entry.symbol = symbol;
      entry.book_seq = (*it)->seq;
      if (apply_and_collect(st, instruments, entry, *it, house).shrink)
        spdlog::warn("recovery: account {} cannot cover replaced order {} of {}", me, (*it)->client_ref,
                     symbol);
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
  auto lap = started;
  auto lap_ms = [&lap] {
    const auto now = std::chrono::steady_clock::now();
    return std::chrono::duration_cast<std::chrono::milliseconds>(now - std::exchange(lap, now)).count();
  };
  auto restored = restore_checkpoints(conn, limits);
  if (!restored)
    return restored.error();
  std::map<account_id, sequence> after;
  for (const auto& [id, state] : *restored)
    after.emplace(id, state->journaled);
  const auto checkpoints_ms = lap_ms();
  auto journals = load_account_journals(conn, after);
  if (!journals)
    return journals.error();
  for (const auto& [id, state] : *restored)
    journals->try_emplace(id); // an account without a tail still catches up
  pg_expected<std::vector<std::string>> symbols = std::vector<std::string>{}; // no journal needs no event
  if (!journals->empty())
    symbols = load_journaled_symbols(conn);
  if (!symbols)
    return symbols.error();
  const auto tails_ms = lap_ms();
  auto events = load_events(conn, event_floors(*symbols, *restored, *journals));
  if (!events)
    return events.error();
  const auto events_ms = lap_ms();
  const auto by_account = index_by_account(*events);
  recovered_accounts out;
  journal_tables caught_up;
  std::size_t entries = 0;
  std::size_t late = 0;
  for (const auto& [id, journal] : *journals) {
    auto restored_state = restored->find(id);
    auto state = restored_state != restored->end() ? restored_state->second
                                                   : std::make_shared<account_actor_state>(id, limits);
    // What the account credited the house up to its checkpoint, as one credit (house_actor.hpp).
    collect(*out.house, {"", state->journaled, id, 0, liquidity::taker, state->house_credited});
    if (auto replayed = replay_account(*state, instruments, journal, *events, *out.house); !replayed)
      return replayed.error();
    persist_request request;
    request.account = id;
    request.entries = catch_up(*state, instruments, by_account, *out.house);
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
  const auto replay_ms = lap_ms();
  if (!restored->empty())
    if (auto pruned = prune_checkpoints(conn); !pruned)
      return pruned.error();
  std::size_t loaded = 0;
  for (const auto& [symbol, log] : *events)
    loaded += log.size();
  const auto elapsed =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
  spdlog::info("recovery: {} accounts ({} from checkpoints), {} journal entries replayed, {} book events "
               "loaded, {} caught up, {} ms (checkpoints {}, tails {}, events {}, replay {}, prune {})",
               out.accounts.size(), restored->size(), entries, loaded, late, elapsed.count(), checkpoints_ms,
               tails_ms, events_ms, replay_ms, lap_ms());
  return out;
}

} // namespace bourse
