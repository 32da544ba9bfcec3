#include "persistence/persistence_actor.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/scoped_actor.hpp>
#include <gtest/gtest.h>
#include <libpq-fe.h>

#include "persistence/migrations.hpp"
#include "tests/persistence/postgres_environment.hpp"

namespace bourse {
namespace {

/// `n` accepted limit orders of `symbol`'s book: commands first_cmd.. and events with the same numbers.
persist_request book_request(const std::string& symbol, sequence first_cmd, std::size_t n) {
  persist_request request;
  request.symbol = symbol;
  request.refusable = false;
  for (sequence seq = first_cmd; seq < first_cmd + n; ++seq) {
    order_request order{.owner = 7, .client_ref = seq, .price = 10'000, .qty = 100};
    request.commands.push_back(book_command{
        .kind = book_command_kind::submit, .cmd_seq = seq, .last_seq = seq, .time = 1, .request = order});
    request.events.push_back(book_event{.kind = book_event_kind::accepted,
                                        .seq = seq,
                                        .time = 1,
                                        .order = seq,
                                        .owner = 7,
                                        .client_ref = seq,
                                        .price = 10'000,
                                        .qty = 100,
                                        .remaining = 100});
  }
  return request;
}

/// An account's new order (refusable) as journal entry `seq`.
persist_request place_request(account_id account, sequence seq) {
  persist_request request;
  request.account = account;
  account_entry entry;
  entry.seq = seq;
  entry.time = 1;
  entry.order.client_order_id = seq;
  entry.order.symbol = "AAA";
  entry.order.price = 10'000;
  entry.order.qty = 10;
  request.entries.push_back(entry);
  return request;
}

/// The next `n` durable_acks in `self`'s mailbox, in arrival order.
std::vector<durable_ack> receive_acks(caf::scoped_actor& self, std::size_t n) {
  std::vector<durable_ack> acks;
  for (std::size_t i = 0; i < n; ++i)
    self->receive([&](durable_ack& ack) { acks.push_back(ack); });
  return acks;
}

class persistence_actor_test : public ::testing::Test {
protected:
  persistence_actor_test() { cfg_.set("logger.verbosity", caf::atom("quiet")); }

  void SetUp() override { ASSERT_TRUE(apply_migrations(conn_, bundled_migrations_dir())); }

  persistence_config config() const {
    persistence_config cfg;
    cfg.commit.conninfo = conninfo_;
    cfg.commit.backoff_min = std::chrono::milliseconds(1);
    cfg.commit.backoff_max = std::chrono::milliseconds(20);
    return cfg;
  }

  std::int64_t count(const std::string& sql) { return conn_.exec(sql).value().int64(0, 0); }

  /// Sends every request without waiting, then collects one ack per request, in arrival order.
  std::vector<durable_ack> persist_all(const persistence_actor& p, std::vector<persist_request> requests) {
    caf::scoped_actor self{sys_};
    for (auto& r : requests)
      self->send(p, atoms::persist::value, std::move(r));
    return receive_acks(self, requests.size());
  }

  persistence_stats stats(const persistence_actor& p) {
    caf::scoped_actor self{sys_};
    persistence_stats out;
    self->request(p, caf::infinite, caf::get_atom::value, atoms::persist::value)
        .receive([&](persistence_stats& s) { out = s; }, [](caf::error&) { FAIL(); });
    return out;
  }

  std::string conninfo_ = test::postgres_environment::postgres().create_database();
  pg_connection conn_ = pg_connection::open(conninfo_).value();
  caf::actor_system_config cfg_;
  caf::actor_system sys_{cfg_};
};

TEST_F(persistence_actor_test, every_sender_gets_its_ack_only_after_its_rows_are_visible) {
  auto cfg = config();
  cfg.commit.max_delay = std::chrono::milliseconds(2);
  auto p = spawn_persistence(sys_, cfg);
  constexpr int senders = 6;
  constexpr sequence per_sender = 40;
  std::atomic<int> invisible_at_ack{0};
  std::vector<std::thread> threads;
  for (int s = 0; s < senders; ++s)
    threads.emplace_back([&, s] {
      auto mine = pg_connection::open(conninfo_).value();
      const auto symbol = "S" + std::to_string(s);
      caf::scoped_actor self{sys_};
      for (sequence seq = 1; seq <= per_sender; seq += 4)
        self->send(p, atoms::persist::value, book_request(symbol, seq, 4));
      sequence acked = 0;
      self->receive_for(acked, per_sender / 4)([&](durable_ack& ack) {
        EXPECT_EQ(ack.reason, reason_code::none);
        const auto last = acked * 4 + 4;
        auto seen = mine.exec("SELECT count(*) FROM book_commands WHERE symbol = $1 AND cmd_seq <= $2",
                              symbol, static_cast<std::int64_t>(last));
        if (seen.value().int64(0, 0) != static_cast<std::int64_t>(last))
          ++invisible_at_ack;
      });
    });
  for (auto& t : threads)
    t.join();
  EXPECT_EQ(invisible_at_ack, 0);
  EXPECT_EQ(count("SELECT count(*) FROM book_commands"), senders * per_sender);
  EXPECT_EQ(count("SELECT count(*) FROM book_events"), senders * per_sender);
  const auto st = stats(p);
  EXPECT_EQ(st.requests, senders * per_sender / 4);
  EXPECT_LT(st.batches, st.requests) << "requests of several senders share a commit";
  EXPECT_EQ(st.pending_rows, 0u);
}

TEST_F(persistence_actor_test, fills_become_executions_and_acks_name_increasing_batches) {
  auto p = spawn_persistence(sys_, config());
  auto request = book_request("AAA", 1, 1);
  request.events.push_back(book_event{.kind = book_event_kind::fill,
                                      .seq = 2,
                                      .time = 3,
                                      .order = 9,
                                      .owner = 8,
                                      .price = 10'000,
                                      .qty = 40,
                                      .maker_order = 1,
                                      .maker_owner = 7});
  std::vector<persist_request> requests{request, place_request(8, 1), place_request(8, 2)};
  const auto acks = persist_all(p, requests);
  ASSERT_EQ(acks.size(), 3u);
  for (std::size_t i = 0; i < acks.size(); ++i) {
    EXPECT_EQ(acks[i].reason, reason_code::none);
    EXPECT_GT(acks[i].batch, 0u);
    if (i > 0) {
      EXPECT_GE(acks[i].batch, acks[i - 1].batch);
    }
  }
  EXPECT_EQ(count("SELECT count(*) FROM executions WHERE symbol = 'AAA' AND seq = 2 AND maker_user_id = 7"
                  " AND taker_user_id = 8 AND quantity = 40"),
            1);
  EXPECT_EQ(count("SELECT count(*) FROM account_journal WHERE user_id = 8 AND kind = 'PLACE'"), 2);
}

TEST_F(persistence_actor_test, a_candle_already_stored_fails_no_request_of_its_batch) {
  auto p = spawn_persistence(sys_, config());
  const candle minute{"AAA", 60, 0, 10'000, 10'010, 9'990, 10'005, 30, 4};
  persist_request closed;
  closed.symbol = "AAA";
  closed.candles = {minute};
  closed.refusable = false;
  ASSERT_EQ(persist_all(p, {closed})[0].reason, reason_code::none);
  auto again = closed; // re-closed after a recovery, beside other senders' rows
  again.candles.push_back(candle{"AAA", 60, 60'000'000'000, 10'005, 10'005, 10'005, 10'005, 1, 1});
  const auto acks = persist_all(p, {book_request("AAA", 1, 2), again, place_request(8, 1)});
  ASSERT_EQ(acks.size(), 3u);
  for (const auto& ack : acks)
    EXPECT_EQ(ack.reason, reason_code::none);
  EXPECT_EQ(count("SELECT count(*) FROM book_commands WHERE symbol = 'AAA'"), 2);
  EXPECT_EQ(count("SELECT count(*) FROM account_journal WHERE user_id = 8"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM candles WHERE symbol = 'AAA' AND interval_s = 60"), 2);
  EXPECT_EQ(count("SELECT trade_count FROM candles WHERE symbol = 'AAA' AND open_time_ns = 0"), 4);
  EXPECT_EQ(stats(p).failed, 0u);
}

TEST_F(persistence_actor_test, full_queue_refuses_new_orders_with_busy_and_keeps_what_it_accepted) {
  std::promise<void> release;
  auto released = release.get_future().share();
  auto cfg = config();
  cfg.commit.max_pending_rows = 3;
  cfg.fault = [released](commit_stage stage, std::uint64_t, pg_connection&) {
    if (stage == commit_stage::before_write)
      released.wait();
    return false;
  };
  auto p = spawn_persistence(sys_, cfg);
  caf::scoped_actor self{sys_};
  for (sequence seq = 1; seq <= 5; ++seq)
    self->send(p, atoms::persist::value, place_request(5, seq));
  // Refused requests are answered at once, while the writer is stuck before its first write.
  EXPECT_EQ(receive_acks(self, 2), (std::vector<durable_ack>(2, durable_ack{reason_code::busy, 0})));
  EXPECT_EQ(stats(p).refused, 2u);
  // The consequences of accepted work are never refused.
  self->send(p, atoms::persist::value, book_request("AAA", 1, 5));
  release.set_value();
  for (const auto& ack : receive_acks(self, 4))
    EXPECT_EQ(ack.reason, reason_code::none);
  EXPECT_EQ(count("SELECT count(*) FROM account_journal"), 3);
  EXPECT_EQ(count("SELECT count(*) FROM book_commands"), 5);
}

TEST_F(persistence_actor_test, killed_backend_mid_batch_is_retried_without_loss_or_duplicates) {
  auto killer = pg_connection::open(conninfo_).value();
  std::atomic<int> kills{0};
  auto cfg = config();
  cfg.fault = [&](commit_stage stage, std::uint64_t, pg_connection& conn) {
    if (stage == commit_stage::before_write && kills++ == 0)
      (void)killer.exec("SELECT pg_terminate_backend($1)", PQbackendPID(conn.native()));
    return false;
  };
  auto p = spawn_persistence(sys_, cfg);
  std::vector<persist_request> requests;
  for (sequence seq = 1; seq <= 200; seq += 10)
    requests.push_back(book_request("KILL", seq, 10));
  for (const auto& ack : persist_all(p, requests))
    EXPECT_EQ(ack.reason, reason_code::none);
  EXPECT_EQ(count("SELECT count(*) FROM book_commands WHERE symbol = 'KILL'"), 200);
  EXPECT_EQ(count("SELECT count(DISTINCT cmd_seq) FROM book_commands WHERE symbol = 'KILL'"), 200);
  EXPECT_EQ(stats(p).reconnects, 1u);
}

TEST_F(persistence_actor_test, lost_commit_reply_is_looked_up_and_not_written_twice) {
  auto cfg = config();
  std::atomic<int> lost{0};
  cfg.fault = [&lost](commit_stage stage, std::uint64_t batch_no, pg_connection&) {
    return stage == commit_stage::after_commit && batch_no == 1 && lost++ == 0;
  };
  auto p = spawn_persistence(sys_, cfg);
  const auto acks = persist_all(p, {book_request("LOST", 1, 3)});
  ASSERT_EQ(acks.size(), 1u);
  EXPECT_EQ(acks[0], (durable_ack{reason_code::none, 1}));
  EXPECT_EQ(lost, 1);
  EXPECT_EQ(count("SELECT count(*) FROM book_commands WHERE symbol = 'LOST'"), 3);
  EXPECT_EQ(count("SELECT count(*) FROM persist_batches"), 1);
}

TEST_F(persistence_actor_test, a_rejected_row_fails_only_its_own_request) {
  auto p = spawn_persistence(sys_, config());
  ASSERT_EQ(persist_all(p, {book_request("DUP", 1, 2)})[0].reason, reason_code::none);
  auto cfg_acks =
      persist_all(p, {book_request("DUP", 3, 2), book_request("DUP", 2, 1), book_request("DUP", 5, 1)});
  ASSERT_EQ(cfg_acks.size(), 3u);
  EXPECT_EQ(cfg_acks[0].reason, reason_code::none);
  EXPECT_EQ(cfg_acks[1].reason, reason_code::persistence_failed);
  EXPECT_EQ(cfg_acks[2].reason, reason_code::none);
  EXPECT_EQ(count("SELECT count(*) FROM book_commands WHERE symbol = 'DUP'"), 5);
  EXPECT_EQ(stats(p).failed, 1u);
}

TEST_F(persistence_actor_test, unreachable_store_is_retried_with_backoff_until_it_returns) {
  const auto db = conn_.exec("SELECT current_database()").value();
  const std::string name{db.text(0, 0)};
  auto admin = pg_connection::open(test::postgres_environment::postgres().cluster().conninfo()).value();
  ASSERT_TRUE(admin.exec("ALTER DATABASE " + name + " WITH ALLOW_CONNECTIONS false"));
  auto p = spawn_persistence(sys_, config());
  caf::scoped_actor self{sys_};
  self->send(p, atoms::persist::value, book_request("DOWN", 1, 4));
  // The request stays queued (not dropped, not refused) while the writer retries with backoff.
  persistence_stats waiting;
  do {
    waiting = stats(p);
  } while (waiting.connect_failures < 3);
  EXPECT_EQ(waiting.pending_rows, 8u);
  EXPECT_EQ(waiting.batches, 0u);
  ASSERT_TRUE(admin.exec("ALTER DATABASE " + name + " WITH ALLOW_CONNECTIONS true"));
  durable_ack ack{reason_code::internal_error, 0};
  self->receive([&](durable_ack& a) { ack = a; });
  EXPECT_EQ(ack.reason, reason_code::none);
  EXPECT_EQ(count("SELECT count(*) FROM book_commands WHERE symbol = 'DOWN'"), 4);
}

} // namespace
} // namespace bourse
