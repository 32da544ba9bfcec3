#pragma once

#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "actors/account/house_actor.hpp"
#include "persistence/account_journal.hpp"
#include "persistence/journal_loader.hpp"

namespace bourse {

/// The book events of every journaled symbol, in sequence order (what report entries name).
using book_event_log = std::map<std::string, std::vector<book_event>, std::less<>>;

/// Accounts rebuilt from their journals, and the house account rebuilt from the fees they paid.
struct recovered_accounts {
  std::map<account_id, std::shared_ptr<account_actor_state>> accounts;
  std::shared_ptr<house_state> house = std::make_shared<house_state>();
};

/// Replays one account's journal into `state` through apply_entry (fresh, or recovered up to an
/// earlier seq), crediting fees to `house`; report entries take their event from `events`. Fails
/// with persistence_failed when an entry's verdict differs from the journaled one or its event is
/// missing.
pg_expected<void> replay_account(account_actor_state& state, const instrument_table& instruments,
                                 std::span<const account_entry> journal, const book_event_log& events,
                                 house_state& house);

/// Rebuilds every account that has a journal (cash, positions, reservations, idempotency results):
/// from its latest readable checkpoint (persistence/account_checkpoint.hpp) and the entries after
/// it, or from its whole journal (an unreadable checkpoint is logged and skipped); loads only the
/// book events after the accounts' applied ones. Then applies the durable book events of its orders
/// beyond its journal (reports it had not journaled when the node stopped) and journals those
/// before returning; keeps the two latest checkpoints per account. Logs accounts, checkpoints,
/// entries, events and milliseconds. `limits` are the accounts' risk limits (not journaled).
pg_expected<recovered_accounts> recover_accounts(pg_connection& conn, const instrument_table& instruments,
                                                 risk_limits limits = {});

} // namespace bourse
