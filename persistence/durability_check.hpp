#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "actors/account/account_actor.hpp"
#include "persistence/pg_connection.hpp"

namespace bourse {

/// What the clients of a crash test saw before each kill, and what they put in. Prices cents,
/// quantities shares.
struct client_log {
  /// An order_result a client received.
  struct answer {
    account_id account = 0;
    std::uint64_t client_order_id = 0;
    std::string symbol;
    order_id id = 0;
    reason_code reason = reason_code::none;
  };
  /// A fill a client was told about (either side).
  struct fill {
    account_id account = 0;
    std::string symbol;
    sequence seq = 0;
    cents price = 0;
    quantity qty = 0;
  };
  std::vector<answer> answers;
  std::vector<fill> fills;
  std::map<std::string, quantity> issued; ///< shares issued to the accounts, by symbol
};

/// Checks the durability promise after a crash and restart. In the database: every order a client
/// was told was accepted has its book's ACCEPTED event with the id the client saw, every rejection
/// a book made has its REJECTED event with that reason, every fill a client saw is an execution
/// with its price, quantity and the client on one side, and no (account, client_order_id) was
/// submitted to a book twice. In `accounts` (the restarted node's): per asset, the sum of net cash
/// plus fees paid equals deposits minus withdrawals, and the shares counted equal `log.issued`.
/// Returns one line per violation (empty = all held); retryable answers (BUSY, UNAVAILABLE,
/// TIMEOUT) promise nothing and are skipped.
pg_expected<std::vector<std::string>>
check_durability(pg_connection& conn, const client_log& log,
                 const std::map<account_id, std::shared_ptr<account_actor_state>>& accounts);

} // namespace bourse
