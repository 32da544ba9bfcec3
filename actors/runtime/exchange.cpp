#include "actors/runtime/exchange.hpp"

#include <caf/actor_cast.hpp>
#include <caf/send.hpp>

namespace bourse {

std::shared_ptr<account_actor_state> account_store::get_or_open(account_id id) {
  std::lock_guard lock{mutex_};
  auto& state = states_[id];
  if (!state) {
    state = std::make_shared<account_actor_state>(id, limits_);
    if (starting_cash_ > 0)
      state->acc.deposit(starting_cash_);
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

} // namespace

exchange build_exchange(caf::actor_system& sys, const std::vector<instrument>& instruments,
                        exchange_config cfg) {
  exchange ex;
  ex.where = std::make_shared<placement>();
  auto table = std::make_shared<instrument_table>();
  for (const auto& inst : instruments)
    table->emplace(inst.symbol, inst);
  ex.instruments = table;
  ex.books_supervisor = spawn_supervisor(sys, cfg.books_policy);
  ex.accounts_supervisor = spawn_supervisor(sys, cfg.accounts_policy);
  ex.accounts = std::make_shared<account_store>(cfg.starting_cash, cfg.limits);
  auto where = ex.where;
  for (const auto& inst : instruments) {
    auto md_state = std::make_shared<market_data_state>(inst.symbol, cfg.market_data);
    start_supervised(ex.books_supervisor, {"md." + inst.symbol, [&sys, where, md_state] {
                                             auto h = spawn_market_data(sys, md_state);
                                             where->put_market_data(md_state->symbol, h);
                                             return caf::actor_cast<caf::actor>(h);
                                           }});
    auto state = std::make_shared<book_state>(inst);
    ex.books.emplace(inst.symbol, state);
    start_supervised(ex.books_supervisor, {"book." + inst.symbol, [&sys, where, state, book_cfg = cfg.book] {
                                             auto h = spawn_book(sys, state, where, book_cfg);
                                             where->put_book(state->book.rules().symbol, h);
                                             return caf::actor_cast<caf::actor>(h);
                                           }});
  }
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

void shutdown(const exchange& ex) {
  ex.where->set_account_spawner({});
  caf::anon_send_exit(ex.books_supervisor, caf::exit_reason::user_shutdown);
  caf::anon_send_exit(ex.accounts_supervisor, caf::exit_reason::user_shutdown);
}

} // namespace bourse
