#pragma once

#include <chrono>
#include <functional>
#include <random>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/scoped_actor.hpp>
#include <gtest/gtest.h>

#include "actors/account/position.hpp"
#include "actors/runtime/exchange.hpp"
#include "actors/runtime/message_types.hpp"
#include "persistence/account_recovery.hpp"
#include "persistence/book_recovery.hpp"
#include "persistence/exchange_recovery.hpp"
#include "persistence/migrations.hpp"
#include "persistence/persistence_actor.hpp"
#include "tests/persistence/postgres_environment.hpp"

namespace bourse::test {

struct durable_system_config : caf::actor_system_config {
  durable_system_config() {
    set("logger.verbosity", caf::atom("quiet"));
    register_message_types(*this);
  }
};

inline instrument stock(std::string symbol) {
  instrument inst;
  inst.symbol = std::move(symbol);
  inst.reference_price = 10'000;
  return inst;
}

inline constexpr account_id accounts = 6;
inline constexpr quantity issued = 1'000;
inline const std::vector<std::string> symbols{"AAA", "BBB"};

/// Books and accounts of one node journaling to a private PostgreSQL; restart() rebuilds both from
/// the journals as bourse-node does at start.
class durable_exchange_fixture : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_TRUE(apply_migrations(conn_, bundled_migrations_dir()));
    persistence_config pc;
    pc.commit.conninfo = conninfo_;
    persistence_ = spawn_persistence(sys_, pc);
    for (const auto& s : symbols) {
      listed_.push_back(stock(s));
      table_.emplace(s, listed_.back());
    }
    ex_ = build_exchange(sys_, listed_, config());
  }

  void TearDown() override {
    shutdown(ex_);
    caf::anon_send_exit(persistence_, caf::exit_reason::user_shutdown);
  }

  exchange_config config() const {
    exchange_config cfg;
    cfg.book.persistence = persistence_;
    cfg.book.expiry_interval = std::chrono::hours(1);
    cfg.book.now = book_now_;
    cfg.book.snapshot_every = snapshot_every_;
    cfg.account.persistence = persistence_;
    cfg.account.checkpoint_every = checkpoint_every_;
    cfg.starting_cash = 10'000'000;
    return cfg;
  }

  /// Stops the exchange and starts another from the journals (market data from the executions), as
  /// bourse-node does (recover_exchange on two threads).
  recovered_accounts restart() {
    shutdown(ex_);
    auto recovered = recover_exchange(conninfo_, table_, {});
    EXPECT_TRUE(recovered);
    auto cfg = config();
    adopt_recovered(cfg, *recovered);
    ex_ = build_exchange(sys_, listed_, cfg);
    return recovered->accounts;
  }

  template <class T, class... Ts>
  T ask(const account_actor& who, Ts... what) {
    T out{};
    self_->request(who, std::chrono::seconds(30), what...)
        .receive([&](T& reply) { out = std::move(reply); }, [](caf::error&) { FAIL(); });
    return out;
  }

  order_result place(account_id id, std::uint64_t coid, const std::string& symbol, side s, cents price,
                     quantity qty) {
    new_order o;
    o.client_order_id = coid;
    o.symbol = symbol;
    o.order_side = s;
    o.price = price;
    o.qty = qty;
    return ask<order_result>(ex_.where->account(id), atoms::place::value, o);
  }

  /// Seeded random limit orders, cancels and replaces from every account on both books.
  void trade(std::uint32_t seed, int orders) {
    std::mt19937_64 rng{seed};
    for (account_id id = 1; id <= accounts; ++id)
      for (const auto& s : symbols)
        ASSERT_EQ(ask<reason_code>(ex_.where->account(id), atoms::deposit::value, s, issued),
                  reason_code::none);
    for (int i = 0; i < orders; ++i) {
      const account_id id = 1 + rng() % accounts;
      const auto& symbol = symbols[rng() % symbols.size()];
      const auto coid = next_coid_++;
      const auto s = rng() % 2 == 0 ? side::buy : side::sell;
      auto result = place(id, coid, symbol, s, 9'950 + static_cast<cents>(rng() % 11) * 10, 1 + rng() % 40);
      if (result.reason != reason_code::none || result.id == 0)
        continue;
      const auto action = rng() % 4;
      if (action == 0)
        ask<order_result>(ex_.where->account(id), atoms::cancel::value, symbol, coid);
      else if (action == 1)
        ask<order_result>(ex_.where->account(id), atoms::replace::value, symbol, coid,
                          9'950 + static_cast<cents>(rng() % 11) * 10, static_cast<quantity>(1 + rng() % 40));
    }
  }

  /// Every account's state hash once reports stopped moving (asked until two rounds agree with
  /// nothing left to commit). Bounded by time, not rounds: under load a round is quick while the
  /// journal's commits are slow.
  std::map<account_id, std::uint64_t> settled_hashes() {
    std::map<account_id, std::uint64_t> last;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < deadline) {
      std::map<account_id, std::uint64_t> now;
      for (account_id id = 1; id <= accounts; ++id)
        now[id] =
            ask<account_view>(ex_.where->account(id), caf::get_atom::value, atoms::view::value).state_hash;
      auto stats = persistence_stats{};
      self_->request(persistence_, std::chrono::seconds(30), caf::get_atom::value, atoms::persist::value)
          .receive([&](persistence_stats& s) { stats = s; }, [](caf::error&) { FAIL(); });
      if (now == last && stats.pending_rows == 0)
        return now;
      last = std::move(now);
    }
    ADD_FAILURE() << "accounts never settled";
    return last;
  }

  std::int64_t count(const std::string& sql) { return conn_.exec(sql).value().int64(0, 0); }

  std::function<timestamp_ns()> book_now_; ///< the books' clock (set before SetUp); system clock if empty
  sequence checkpoint_every_ = account_actor_config{}.checkpoint_every; ///< the accounts' (set before SetUp)
  sequence snapshot_every_ = book_actor_config{}.snapshot_every;        ///< the books' (set before SetUp)
  std::string conninfo_ = postgres_environment::postgres().create_database();
  pg_connection conn_ = pg_connection::open(conninfo_).value();
  durable_system_config cfg_;
  caf::actor_system sys_{cfg_};
  caf::scoped_actor self_{sys_};
  persistence_actor persistence_;
  std::vector<instrument> listed_;
  instrument_table table_;
  exchange ex_;
  std::uint64_t next_coid_ = 1;
};

} // namespace bourse::test
