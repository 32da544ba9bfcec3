#include "persistence/book_recovery.hpp"

#include <gtest/gtest.h>

#include "persistence/batch_writer.hpp"
#include "persistence/journal_rows.hpp"
#include "persistence/migrations.hpp"
#include "tests/persistence/postgres_environment.hpp"
#include "tests/support/book_command_gen.hpp"

namespace bourse {
namespace {

instrument test_rules() {
  instrument rules;
  rules.symbol = "TST";
  rules.tick_size = 5;
  rules.lot_size = 10;
  rules.min_quantity = 10;
  rules.max_quantity = 100'000;
  rules.reference_price = 10'000;
  return rules;
}

/// The journal form of one generated command.
book_command journaled(const testing::book_command& c) {
  using k = testing::book_command::kind;
  book_command out;
  out.time = c.now;
  out.request = c.request;
  out.id = c.id;
  out.requester = c.who;
  out.price = c.price;
  out.qty = c.qty;
  switch (c.what) {
  case k::submit:
    out.kind = book_command_kind::submit;
    break;
  case k::cancel:
    out.kind = book_command_kind::cancel;
    break;
  case k::replace:
    out.kind = book_command_kind::replace;
    break;
  case k::cancel_all:
    out.kind = book_command_kind::cancel_all;
    out.reason = reason_code::cancelled_by_user;
    break;
  case k::expire:
    out.kind = book_command_kind::expire;
    break;
  case k::end_of_day:
    out.kind = book_command_kind::end_of_day;
    break;
  case k::halt:
    out.kind = book_command_kind::halt;
    out.halted = c.price != 0;
    break;
  case k::reference:
    out.kind = book_command_kind::reference;
    break;
  }
  return out;
}

class book_recovery_test : public ::testing::Test {
protected:
  void SetUp() override { ASSERT_TRUE(apply_migrations(conn_, bundled_migrations_dir())); }

  /// Runs `commands` generated commands on `live_` as the book actor does, journaling each.
  void run_live(int commands) {
    testing::book_command_gen gen{11, rules_};
    journal_tables tables;
    batch_writer writer{conn_};
    std::vector<book_event> events;
    for (int n = 1; n <= commands; ++n) {
      auto command = journaled(gen.next());
      events.clear();
      const auto id = execute(live_.book, command, events);
      gen.observe(events);
      command.cmd_seq = static_cast<sequence>(n);
      command.last_seq = live_.book.last_sequence();
      if (command.kind == book_command_kind::submit)
        live_.replies.try_emplace({command.request.owner, command.request.client_ref},
                                  book_reply{id, submit_verdict(events)});
      persist_request request;
      request.symbol = rules_.symbol;
      request.commands = {command};
      request.events = events;
      tables.append(request);
      if (n % 2'000 == 0 || n == commands) {
        ASSERT_TRUE(writer.write(tables.tables()));
        tables.clear();
      }
    }
  }

  std::shared_ptr<book_state> recover() {
    auto books = recover_books(conn_, instruments_);
    EXPECT_TRUE(books) << books.error().message;
    if (!books || books->size() != 1)
      return nullptr;
    return books->begin()->second;
  }

  pg_connection conn_ = pg_connection::open(test::postgres_environment::postgres().create_database()).value();
  instrument rules_ = test_rules();
  instrument_table instruments_{{rules_.symbol, rules_}};
  book_state live_{rules_};
};

TEST_F(book_recovery_test, replayed_journal_rebuilds_the_same_state_hash_and_replies) {
  run_live(20'000);
  ASSERT_GT(live_.book.open_order_count(), 0u);
  auto recovered = recover();
  ASSERT_TRUE(recovered);
  EXPECT_EQ(recovered->book.state_hash(), live_.book.state_hash());
  EXPECT_EQ(recovered->book.snapshot(), live_.book.snapshot());
  EXPECT_EQ(recovered->journaled, 20'000u);
  ASSERT_EQ(recovered->replies.size(), live_.replies.size());
  for (const auto& [key, reply] : live_.replies) {
    auto it = recovered->replies.find(key);
    ASSERT_NE(it, recovered->replies.end());
    EXPECT_EQ(it->second.id, reply.id);
    EXPECT_EQ(it->second.reason, reply.reason);
  }
}

TEST_F(book_recovery_test, a_gap_in_the_journal_ends_the_replay_before_it) {
  run_live(300);
  ASSERT_TRUE(conn_.exec("DELETE FROM book_commands WHERE cmd_seq = 200"));
  auto recovered = recover();
  ASSERT_TRUE(recovered);
  EXPECT_EQ(recovered->journaled, 199u);
}

TEST_F(book_recovery_test, a_command_that_replays_to_another_sequence_is_persistence_failed) {
  run_live(50);
  ASSERT_TRUE(conn_.exec("UPDATE book_commands SET last_seq = last_seq + 1 WHERE cmd_seq = 30"));
  auto books = recover_books(conn_, instruments_);
  ASSERT_FALSE(books);
  EXPECT_EQ(books.error().code, reason_code::persistence_failed);
}

TEST_F(book_recovery_test, a_journal_of_an_unknown_symbol_is_persistence_failed) {
  run_live(10);
  auto books = recover_books(conn_, instrument_table{});
  ASSERT_FALSE(books);
  EXPECT_EQ(books.error().code, reason_code::persistence_failed);
}

} // namespace
} // namespace bourse
