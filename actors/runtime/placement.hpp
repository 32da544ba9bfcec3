#pragma once

#include <functional>
#include <map>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <caf/actor_addr.hpp>

#include "actors/runtime/interfaces.hpp"

namespace bourse {

/// The one lookup that says where each book, market-data actor and account lives: symbol -> book
/// and market-data handles, account id -> account handle. Every actor addresses books and accounts
/// through it (never through a node-local pointer), so a supervisor restart or a cluster move only
/// re-points an entry. Thread-safe; handles may be local or remote.
class placement {
public:
  /// Starts (or restarts from its checkpoint) the account actor of an id on first use.
  using account_spawner = std::function<account_actor(account_id)>;

  /// Installs the function that starts accounts on first use; before this, account() returns
  /// invalid handles.
  void set_account_spawner(account_spawner spawner);

  /// Points `symbol` at a book (replacing any previous handle).
  void put_book(const std::string& symbol, book_actor handle);
  /// Points `symbol` at a market-data actor.
  void put_market_data(const std::string& symbol, market_data_actor handle);
  /// Points an account id at an account actor.
  void put_account(account_id id, account_actor handle);
  /// Points the house account (fee collection) at its actor.
  void put_house(house_actor handle);

  /// The book of `symbol`, or an invalid handle for an unknown symbol.
  book_actor book(std::string_view symbol) const;
  /// The market-data actor of `symbol`, or an invalid handle.
  market_data_actor market_data(std::string_view symbol) const;
  /// The house actor, or an invalid handle before put_house.
  house_actor house() const;
  /// The account actor of `id`, started through the spawner when it is not running.
  account_actor account(account_id id);
  /// Records the reference price (centre of the price band, cents) the book of `symbol` now uses.
  void put_reference_price(const std::string& symbol, cents price);
  /// The reference price last recorded for `symbol`, or 0 when its book never re-centred.
  cents reference_price(std::string_view symbol) const;
  /// The account actor of `id` if it is running, else an invalid handle (never spawns).
  account_actor running_account(account_id id) const;

  /// Removes the account entry if it still names `who` (an idle account passivating itself);
  /// returns false when another incarnation took its place, in which case `who` keeps running.
  bool passivate(account_id id, const caf::actor_addr& who);

  /// Listed symbols, sorted.
  std::vector<std::string> symbols() const;
  /// Account ids with a running actor.
  std::vector<account_id> running_accounts() const;

  /// Calls `fn(running)` while no account can start or passivate; `running(id)` is the running actor of
  /// `id` or an invalid handle. The checkpoint of an account that is not running is not touched by
  /// any actor meanwhile, so `fn` may read it (the leaderboard values passivated accounts this way).
  /// `fn` must not call back into the placement.
  void
  with_accounts_still(const std::function<void(const std::function<account_actor(account_id)>&)>& fn) const;

private:
  mutable std::shared_mutex mutex_;
  std::map<std::string, book_actor, std::less<>> books_;
  std::map<std::string, market_data_actor, std::less<>> market_data_;
  std::map<std::string, cents, std::less<>> reference_prices_;
  std::unordered_map<account_id, account_actor> accounts_;
  house_actor house_;
  account_spawner spawner_;
};

} // namespace bourse
