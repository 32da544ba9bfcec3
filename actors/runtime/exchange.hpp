#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include <caf/actor_system.hpp>

#include "actors/account/account_actor.hpp"
#include "actors/account/house_actor.hpp"
#include "actors/account/instrument_registry.hpp"
#include "actors/book/book_actor.hpp"
#include "actors/liquidation/liquidation_actor.hpp"
#include "actors/market_data/market_data_actor.hpp"
#include "actors/runtime/placement.hpp"
#include "actors/session/session_clock.hpp"
#include "actors/supervisor/supervisor.hpp"

namespace bourse {

/// Checkpoints of every account of this node: those recovered from their journals at start
/// (persistence/account_recovery.hpp) and those that ran since.
class account_store {
public:
  using state_map = std::map<account_id, std::shared_ptr<account_actor_state>>;

  account_store(cents starting_cash, risk_limits limits, state_map recovered = {})
      : starting_cash_(starting_cash), limits_(limits), states_(std::move(recovered)) {}

  /// The checkpoint of `id`; a new account is opened with the starting cash deposited (a DEPOSIT
  /// entry its actor journals when it starts).
  std::shared_ptr<account_actor_state> get_or_open(account_id id);
  /// Every checkpoint, by id.
  std::map<account_id, std::shared_ptr<account_actor_state>> all() const;

private:
  mutable std::mutex mutex_;
  cents starting_cash_;
  risk_limits limits_;
  state_map states_;
};

/// Tunables of a whole in-process exchange.
struct exchange_config {
  book_actor_config book;
  account_actor_config account;
  credit_policy market_data;
  liquidation_config liquidation;
  session_clock_config session;   ///< game day length; no clock when it is zero
  restart_policy books_policy;    ///< supervisor of books and market-data actors
  restart_policy accounts_policy; ///< supervisor of account actors
  cents starting_cash = 10'000'000;
  risk_limits limits;
  /// Books rebuilt from the journal (persistence/book_recovery.hpp), by symbol; instruments without
  /// one start empty. Set `book.persistence` to journal every command (and the closed candles).
  std::map<std::string, std::shared_ptr<book_state>> recovered_books;
  /// Accounts rebuilt from their journals (persistence/account_recovery.hpp), by id; others open
  /// with the starting cash. Set `account.persistence` to journal every change.
  account_store::state_map recovered_accounts;
  /// Market-data states rebuilt from the executions (persistence/market_data_recovery.hpp), by
  /// symbol; others start empty with the `market_data` policy.
  std::map<std::string, std::shared_ptr<market_data_state>> recovered_market_data;
  /// The house account rebuilt with them (the fees they paid); a fresh one when not set.
  std::shared_ptr<house_state> recovered_house;
};

/// Handles to one node's exchange: the placement lookup, the listed instruments, the two supervisors
/// and the checkpoints.
struct exchange {
  std::shared_ptr<placement> where;
  std::shared_ptr<instrument_registry> instruments; ///< grows with list_instrument
  caf::actor books_supervisor;
  caf::actor accounts_supervisor;
  std::map<std::string, std::shared_ptr<book_state>> books; ///< the books built at start, by symbol
  std::shared_ptr<account_store> accounts;
  std::shared_ptr<house_state> house;             ///< fees collected (house account id 0)
  std::shared_ptr<liquidation_state> liquidation; ///< marks and watched accounts
  std::shared_ptr<session_state> session;         ///< game days ended (stays 0 without a clock)
  /// Starts the supervised book and market-data actors of one more symbol (an empty book) and
  /// subscribes the liquidation actor to it; used by list_instrument.
  std::function<void(const instrument&)> start_market;
};

/// Builds a whole in-process exchange: one supervised book and market-data actor per instrument,
/// accounts spawned on first use under their own supervisor, the house (fee) actor and the
/// liquidation actor (subscribed to every symbol, watching accounts that hold margin positions) and,
/// with a day length, the session clock, all in one placement.
exchange build_exchange(caf::actor_system& sys, const std::vector<instrument>& instruments,
                        exchange_config cfg = {});

/// Lists `inst` on a running exchange: adds it to `ex.instruments` (so gateways, accounts and the
/// market routes see its rules) and starts its book and market-data actors under the books
/// supervisor, registered in the placement. False (nothing changes) when the symbol is already
/// listed. Thread-safe.
bool list_instrument(const exchange& ex, const instrument& inst);

/// Stops both supervisors and with them every actor of the exchange.
void shutdown(const exchange& ex);

} // namespace bourse
