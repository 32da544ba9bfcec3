#include "actors/runtime/exchange.hpp"

#include <caf/actor_cast.hpp>
#include <caf/send.hpp>

#include "actors/common/utc_clock.hpp"
#include "persistence/account_journal.hpp"

namespace bourse {

std::shared_ptr<account_actor_state> account_store::get_or_open(account_id id) {
  std::lock_guard lock{mutex_};
  auto& state = states_[id];
  if (!state) {
    state = std::make_shared<account_actor_state>(id, limits_);
    if (starting_cash_ > 0) {
      account_entry opening;
      opening.kind = account_entry_kind::deposit;
      opening.amount = starting_cash_;
      opening.seq = ++state->journaled;
      opening.time = utc_now_ns();
      auto out = apply_entry(*state, {}, opening, nullptr);
      move_cash(out, opening, state->unsent_cash);
      state->unsent.push_back(std::move(opening));
    }
  }
  return state;
}

std::map<account_id, std::shared_ptr<account_actor_state>> account_store::all() const {
  std::lock_guard lock{mutex_};
  return states_;
}

namespace {

/// Spawns the first incarnation through `spec` and hands it to `supervisor`.
caf::actor start_supervised(const caf::actor& supervisor, child_spec spec) {
  auto child = spec.start();
  caf::anon_send(supervisor, atoms::supervise::value, child, std::move(spec));
  return child;
}

/// The liquidation actor's current incarnation, re-pointed when its supervisor restarts it.
class liquidator_ref {
public:
  void put(liquidation_actor handle) {
    std::lock_guard lock{mutex_};
    handle_ = std::move(handle);
  }
  liquidation_actor get() const {
    std::lock_guard lock{mutex_};
    return handle_;
  }

private:
  mutable std::mutex mutex_;
  liquidation_actor handle_;
};

/// Starts the supervised house actor on `state` and registers it in `where`.
void start_house(caf::actor_system& sys, const caf::actor& supervisor, std::shared_ptr<placement> where,
                 std::shared_ptr<house_state> state) {
  start_supervised(supervisor, {"house", [&sys, where, state] {
                                  auto h = spawn_house(sys, state);
                                  where->put_house(h);
                                  return caf::actor_cast<caf::actor>(h);
                                }});
}

/// Starts the supervised liquidation actor: every incarnation subscribes to each symbol's market
/// data; account actors register with it themselves (account_actor_config::watcher).
void start_liquidation(caf::actor_system& sys, const caf::actor& supervisor, std::shared_ptr<placement> where,
                       std::shared_ptr<liquidation_state> state, std::shared_ptr<liquidator_ref> ref,
                       liquidation_config cfg) {
  start_supervised(supervisor, {"liquidation", [&sys, where, state, ref, cfg] {
                                  auto h = spawn_liquidation(sys, state, cfg);
                                  for (const auto& symbol : where->symbols())
                                    if (auto md = where->market_data(symbol))
                                      caf::anon_send(md, atoms::subscribe::value,
                                                     caf::actor_cast<md_subscriber>(h));
                                  ref->put(h);
                                  return caf::actor_cast<caf::actor>(h);
                                }});
}

/// Starts the supervised market-data and book actors of one symbol on their checkpoints, each
/// registered in `where` by every incarnation. The books' journal also takes the closed candles.
void start_symbol(caf::actor_system& sys, const caf::actor& supervisor,
                  const std::shared_ptr<placement>& where, std::shared_ptr<market_data_state> md_state,
                  std::shared_ptr<book_state> state, const book_actor_config& book_cfg) {
  const auto symbol = state->book.rules().symbol;
  start_supervised(supervisor, {"md." + symbol, [&sys, where, md_state, store = book_cfg.persistence] {
                                  auto h = spawn_market_data(sys, md_state, store);
                                  where->put_market_data(md_state->symbol, h);
                                  return caf::actor_cast<caf::actor>(h);
                                }});
  start_supervised(supervisor, {"book." + symbol, [&sys, where, state, book_cfg] {
                                  auto h = spawn_book(sys, state, where, book_cfg);
                                  where->put_book(state->book.rules().symbol, h);
                                  return caf::actor_cast<caf::actor>(h);
                                }});
}

} // namespace

exchange build_exchange(caf::actor_system& sys, const std::vector<instrument>& instruments,
                        exchange_config cfg) {
  exchange ex;
  ex.where = std::make_shared<placement>();
  instrument_table listed;
  for (const auto& inst : instruments)
    listed.emplace(inst.symbol, inst);
  auto table = std::make_shared<instrument_registry>(std::move(listed));
  ex.instruments = table;
  ex.books_supervisor = spawn_supervisor(sys, cfg.books_policy);
  ex.accounts_supervisor = spawn_supervisor(sys, cfg.accounts_policy);
  ex.accounts =
      std::make_shared<account_store>(cfg.starting_cash, cfg.limits, std::move(cfg.recovered_accounts));
  auto where = ex.where;
  for (const auto& inst : instruments) {
    auto recovered_md = cfg.recovered_market_data.find(inst.symbol);
    auto md_state = recovered_md != cfg.recovered_market_data.end()
                        ? recovered_md->second
                        : std::make_shared<market_data_state>(inst.symbol, cfg.market_data);
    auto recovered = cfg.recovered_books.find(inst.symbol);
    auto state =
        recovered != cfg.recovered_books.end() ? recovered->second : std::make_shared<book_state>(inst);
    ex.books.emplace(inst.symbol, state);
    start_symbol(sys, ex.books_supervisor, where, md_state, state, cfg.book);
  }
  ex.house = cfg.recovered_house ? cfg.recovered_house : std::make_shared<house_state>();
  start_house(sys, ex.books_supervisor, where, ex.house);
  ex.liquidation = std::make_shared<liquidation_state>();
  auto liquidator = std::make_shared<liquidator_ref>();
  start_liquidation(sys, ex.books_supervisor, where, ex.liquidation, liquidator, cfg.liquidation);
  ex.session = std::make_shared<session_state>();
  if (cfg.session.day_length > caf::timespan{0})
    start_supervised(ex.books_supervisor,
                     {"session", [&sys, where, state = ex.session, session_cfg = cfg.session] {
                        return caf::actor_cast<caf::actor>(
                            spawn_session_clock(sys, state, where, session_cfg));
                      }});
  ex.start_market = [&sys, where, sup = ex.books_supervisor, liquidator, md_policy = cfg.market_data,
                     book_cfg = cfg.book](const instrument& inst) {
    auto md_state = std::make_shared<market_data_state>(inst.symbol, md_policy);
    start_symbol(sys, sup, where, md_state, std::make_shared<book_state>(inst), book_cfg);
    // A liquidation incarnation started from here on subscribes through where->symbols() itself.
    if (auto watcher = liquidator->get())
      caf::anon_send(where->market_data(inst.symbol), atoms::subscribe::value,
                     caf::actor_cast<md_subscriber>(watcher));
  };
  cfg.account.watcher = [liquidator] { return margin_watcher{liquidator->get()}; };
  where->set_account_spawner([&sys, where, table, store = ex.accounts, sup = ex.accounts_supervisor,
                              acc_cfg = cfg.account](account_id id) {
    auto state = store->get_or_open(id);
    auto h = spawn_account(sys, state, table, where, acc_cfg);
    child_spec spec{"account." + std::to_string(id), [&sys, where, table, state, acc_cfg, id] {
                      auto next = spawn_account(sys, state, table, where, acc_cfg);
                      where->put_account(id, next);
                      return caf::actor_cast<caf::actor>(next);
                    }};
    caf::anon_send(sup, atoms::supervise::value, caf::actor_cast<caf::actor>(h), std::move(spec));
    return h;
  });
  return ex;
}

bool list_instrument(const exchange& ex, const instrument& inst) {
  return ex.instruments->add(inst, ex.start_market);
}

void shutdown(const exchange& ex) {
  ex.where->set_account_spawner({});
  caf::anon_send_exit(ex.books_supervisor, caf::exit_reason::user_shutdown);
  caf::anon_send_exit(ex.accounts_supervisor, caf::exit_reason::user_shutdown);
}

} // namespace bourse
